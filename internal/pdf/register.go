package pdf

import (
	"fmt"
	"io"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
)

// AnnualRegister writes the 《党员积分制管理年度综合积分登记表》 that the
// branch files with its superior organisation (六 第五阶段): every roster
// member, exempted ones included with a remark, on landscape A4.
func AnnualRegister(w io.Writer, res *model.Result, o Options) (model.Findings, error) {
	s := &res.Year.Settings
	d, err := newDoc(o, true)
	if err != nil {
		return nil, err
	}
	// The register is dated by the branch's decision (the latest 决定日期),
	// or, without one, by the annual 公示 that follows it.
	date := res.Year.DecisionDate()
	if date.IsZero() {
		date, _ = res.Year.AnnualPublication()
	}
	d.dated(date)
	branch := branchText(d, s)
	superior := d.chk.text(s.Superior, s.Pos[model.SettingSuperior], model.SettingSuperior)
	d.meta(fmt.Sprintf("%s%d年度党员积分制管理年度综合积分登记表", branch, res.Year.Year), committee(branch))
	d.newPage()
	d.para("党员积分制管理年度综合积分登记表", 16, "C", true, 0)
	d.space(2)
	head := fmt.Sprintf("党支部（盖章）：%s　　　　积分年度：%d年", branch, res.Year.Year)
	if superior != "" {
		head += "　　　　报送：" + superior
	}
	d.para(head, 10.5, "L", false, 0)
	d.space(2)

	t := newTable(d, 9,
		column{"序号", 10, "C"}, column{"姓名", 16, "C"}, column{"类别", 24, "C"}, column{"党小组", 20, "C"},
		column{"第一\n季度", 13, "R"}, column{"第二\n季度", 13, "R"}, column{"第三\n季度", 13, "R"}, column{"第四\n季度", 13, "R"},
		column{"季度\n平均", 13, "R"}, column{"民主\n评议分", 13, "R"}, column{"综合\n得分", 13, "R"},
		column{"建议\n等次", 15, "C"}, column{"确定\n等次", 15, "C"}, column{"备注", 0, "L"})
	d.repeat = func() {
		d.headLine(10, false, "党员积分制管理年度综合积分登记表（续）　", branch, fmt.Sprintf("　%d年", res.Year.Year))
		d.space(1)
	}
	rows, figs, st := registerRows(d, res)
	alignFigures(rows, figs)
	sum := st.summary(len(res.Members))
	d.setSize(11)
	lh := d.lineH()
	// The summary and the signature block: the last rows of the table are
	// kept on their page, so the signature is never alone on a sheet.
	d.setSize(9.5)
	tail := 3 + float64(len(wrap(bmp(sum), d.contentW(), d.measure)))*d.lineH() + 8 + lh*1.6 + 10*ptMM*leading + 2
	t.begin()
	t.rowsKeep(rows, 3, tail)
	t.end()
	d.space(3)
	d.para(sum, 9.5, "L", false, 0)

	registerSignature(d, s, date, superior)
	return d.finish(w)
}

// registerFigs are one row's figures, kept as numbers until the whole
// column is known: each column is then written with one number of decimals.
type registerFigs struct {
	q               [4]*model.Points
	avg, dem, total *big.Rat
}

// registerStats are the counts the summary line under the table states.
type registerStats struct {
	counts                 map[model.Grade]int
	graded, exempt, scored int
}

// registerRows makes a row for every roster member. Rows are collected
// before the table is drawn so that the figures can be aligned per column
// and the last rows kept with the summary and the signature block.
func registerRows(d *doc, res *model.Result) ([][]string, []registerFigs, registerStats) {
	st := registerStats{counts: map[model.Grade]int{}}
	var rows [][]string
	var fs []registerFigs
	for i, m := range res.Members {
		mem := m.Member
		row := []string{strconv.Itoa(i + 1), d.chk.text(mem.Name, mem.Pos, "姓名"), string(mem.Category), d.chk.text(mem.Group, mem.Pos, "党小组")}
		rest, f := registerRow(d, res, m, &st)
		rows, fs = append(rows, append(row, rest...)), append(fs, f)
	}
	return rows, fs, st
}

// registerRow is a member's columns after 党小组: the quarters, the annual
// figures, the grades and the remark (figures blank, formatted later).
func registerRow(d *doc, res *model.Result, m *model.MemberResult, st *registerStats) ([]string, registerFigs) {
	var f registerFigs
	mem := m.Member
	if mem.Exempt {
		st.exempt++
		// The fact only: SPEC §2.3 keeps 不纳入原因 and 备案情况 in the workbook.
		return []string{"", "", "", "", "", "", "", "", "", "不纳入积分管理"}, f
	}
	var row, notes []string
	for q := 1; q <= 4; q++ {
		qs := m.Quarters[q-1]
		switch {
		case !res.Closed[q-1]:
			row = append(row, "")
		case !qs.Participating:
			row = append(row, "—")
		default:
			total := qs.Total
			f.q[q-1] = &total
			row = append(row, "")
		}
	}
	if !mem.In.IsZero() {
		notes = append(notes, model.DateCN(mem.In)+"转入")
	}
	if !mem.Out.IsZero() {
		notes = append(notes, model.DateCN(mem.Out)+"转出")
	}
	a := m.Annual
	if a == nil {
		row = append(row, "", "", "", "", "")
		if !res.YearClosed {
			notes = append(notes, "年度未结束")
		} else {
			notes = append(notes, "本年度未参加积分管理")
		}
		return append(row, strings.Join(notes, "；")), f
	}
	st.scored++
	f.avg, f.dem, f.total = a.QuarterAvg, a.Democratic, a.Total
	row = append(row, "", "—", "—")
	switch {
	case !mem.Category.Graded():
		notes = append(notes, "不参与评定等次")
	case a.Democratic == nil:
		notes = append(notes, "缺少民主评议数据，未评定")
	default:
		st.graded++
		if a.Final != "" {
			st.counts[a.Final]++
		}
		notes = append(notes, gradeNotes(d, m)...)
	}
	row = append(row, m.ProposedLabel(), m.FinalLabel())
	return append(row, strings.Join(notes, "；")), f
}

// gradeNotes are a graded member's remarks: the reason for the proposal, a
// decision that differs from it, and the follow-up actions.
func gradeNotes(d *doc, m *model.MemberResult) []string {
	var notes []string
	a, mem := m.Annual, m.Member
	if r := d.chk.text(a.Reason, mem.Pos, "评定理由"); r != "" {
		notes = append(notes, r)
	}
	if dec := a.Decision; dec != nil && dec.Grade != "" && dec.Grade != a.Proposed {
		why := "支部确定为" + string(dec.Grade)
		if r := d.chk.text(dec.Reason, dec.Pos, "理由"); r != "" {
			why += "：" + r
		}
		notes = append(notes, why)
	}
	for _, act := range a.Actions {
		notes = append(notes, d.chk.text(act, mem.Pos, "后续措施"))
	}
	return notes
}

// alignFigures writes each column of figures (the four quarters from
// column 4, then 季度平均, 民主评议分 and 综合得分 from column 8) with the
// one number of decimals its values need.
func alignFigures(rows [][]string, fs []registerFigs) {
	for q := range 4 {
		var ps []model.Points
		for _, f := range fs {
			if f.q[q] != nil {
				ps = append(ps, *f.q[q])
			}
		}
		n := model.Places(ps...)
		for i, f := range fs {
			if f.q[q] != nil {
				rows[i][4+q] = f.q[q].Format(n)
			}
		}
	}
	for c, get := range []func(registerFigs) *big.Rat{
		func(f registerFigs) *big.Rat { return f.avg },
		func(f registerFigs) *big.Rat { return f.dem },
		func(f registerFigs) *big.Rat { return f.total },
	} {
		var ps []model.Points
		for _, f := range fs {
			if r := get(f); r != nil {
				ps = append(ps, model.Round2(r))
			}
		}
		n := model.Places(ps...)
		for i, f := range fs {
			if r := get(f); r != nil {
				rows[i][8+c] = model.Round2(r).Format(n)
			}
		}
	}
}

// summary is the line under the table: who is on the roster, who was
// scored and graded, the grades, and how the composite is made.
func (st registerStats) summary(members int) string {
	sum := fmt.Sprintf("本支部名册共 %d 人，参加年度综合积分 %d 人，评定等次 %d 人", members, st.scored, st.graded)
	var parts []string
	for _, g := range model.Grades {
		parts = append(parts, fmt.Sprintf("%s %d 人", g, st.counts[g]))
	}
	if st.graded > 0 {
		sum += "（" + strings.Join(parts, "，") + "）"
	}
	if st.exempt > 0 {
		sum += fmt.Sprintf("，不纳入积分管理 %d 人", st.exempt)
	}
	return sum + "。年度综合得分＝季度平均分＋民主评议分。"
}

// registerSignature draws the signature and seal area, kept together on
// one page, and names who signs and who the register goes to.
func registerSignature(d *doc, s *model.Settings, date time.Time, superior string) {
	d.setSize(11)
	lh := d.lineH()
	d.ensure(lh*1.6 + 10*ptMM*leading + 10)
	d.space(8)
	y := d.f.GetY()
	third := d.contentW() / 3
	secretary := d.chk.text(s.Secretary, s.Pos[model.SettingSecretary], model.SettingSecretary)
	admin := d.chk.text(s.Administrator, s.Pos[model.SettingAdministrator], model.SettingAdministrator)
	cells := []string{"支部书记签字：________________", "支部（盖章）", "日期：" + model.DateCN(date)}
	for i, c := range cells {
		d.f.SetXY(d.margin+float64(i)*third, y)
		d.f.CellFormat(third, lh, bmp(c), "", 0, "C", false, 0, "")
	}
	d.f.SetXY(d.margin, y+lh*1.6)
	var who []string
	if secretary != "" {
		who = append(who, "支部书记："+secretary)
	}
	if admin != "" {
		who = append(who, "填表人（积分管理员）："+admin)
	}
	if superior != "" {
		who = append(who, "报送上级党组织："+superior)
	}
	if len(who) > 0 {
		d.para(strings.Join(who, "　　　　"), 10, "L", false, 0)
	}
}
