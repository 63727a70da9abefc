package pdf

import (
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
)

// Slips writes one 积分核实单 per participating member for quarter q (六
// 第四阶段: the member checks his points and signs). Each slip starts on a
// new page; deduction reasons appear, as the slip goes to the member himself.
func Slips(w io.Writer, res *model.Result, q int, o Options) (model.Findings, error) {
	if q < 1 || q > 4 {
		return nil, fmt.Errorf("quarter %d out of range", q)
	}
	var members []*model.MemberResult
	for _, m := range res.Members {
		if m.Quarters[q-1].Participating {
			members = append(members, m)
		}
	}
	return SlipsOf(w, res, q, members, o)
}

// SlipsOf writes the slips of the given members (one document of a
// quarter's model.SlipsParts); ranks still count the whole quarter.
func SlipsOf(w io.Writer, res *model.Result, q int, members []*model.MemberResult, o Options) (model.Findings, error) {
	if q < 1 || q > 4 {
		return nil, fmt.Errorf("quarter %d out of range", q)
	}
	s := &res.Year.Settings
	d, err := newDoc(o, false)
	if err != nil {
		return nil, err
	}
	d.setMargins(slipMargin, slipBottom)
	// Members check their slips during the quarter's 公示, so a slip is
	// dated by it rather than by the day it was printed.
	start, end := s.Publication(q)
	d.dated(start)
	branch := branchText(d, s)
	period := model.PeriodLabel(res.Year.Year, q)
	d.meta(branch+period+"党员积分核实单", committee(branch))
	ranked := 0
	for _, m := range res.Members {
		if m.Quarters[q-1].Participating && m.Quarters[q-1].Rank > 0 {
			ranked++
		}
	}
	admin := d.chk.text(s.Administrator, s.Pos[model.SettingAdministrator], model.SettingAdministrator)
	n := 0
	for _, m := range members {
		qs := m.Quarters[q-1]
		if !qs.Participating {
			continue
		}
		n++
		slip(d, branch, period, publicationLine(start, end), m, qs, s, ranked, admin)
	}
	if n == 0 {
		d.newPage()
		d.para("党员积分核实单", 18, "C", true, 0)
		d.space(4)
		d.para(branch+period+"没有参加积分管理的党员。", 12, "C", false, 0)
	}
	return d.finish(w)
}

// Slip layout: a compact A4 page so that a quarter's entries, the totals
// and the signature fit on one sheet (六 第四阶段: the member signs what he
// checked); a member whose entries truly need more continues on the next
// page, and the last rows travel with the totals and the signature.
const (
	slipMargin = 15  // left, right and top margin, mm
	slipBottom = 14  // bottom margin, mm (the page footer lives in it)
	slipPt     = 9.5 // table text
	slipPad    = 0.9 // vertical cell padding, mm
)

func slip(d *doc, branch, period, published string, m *model.MemberResult, qs model.QuarterScore, s *model.Settings, ranked int, admin string) {
	name := slipHead(d, branch, period, m.Member)

	d.repeat = func() {
		d.headLine(10, true, "党员积分核实单（续）　", name, "　"+period)
		d.space(1.5)
	}
	heading := func(text string) {
		d.para(text, 11, "L", true, 0)
		d.space(0.8)
	}
	headingH := 11*ptMM*leading + 0.8

	marks := len(qs.Attendance) > 0
	var rows [][]string
	capped := false
	for _, r := range slipRows(d, qs) {
		row := []string{r.date, r.kind, r.item}
		if marks {
			row = append(row, r.mark)
		}
		rows = append(rows, append(row, r.points, r.reason))
		capped = capped || r.capped
	}
	cols := []column{{"日期", 21, "C"}, {"类别", 11, "C"}, {"项目", 52, "L"}}
	if marks {
		// Attendance typed in a 签到表: the mark beside each line, and the
		// marks that counted nothing (请假, 缺席 under 累加制 …) as lines of
		// their own, so the member checks every tick on one page.
		cols = append(cols, column{"签到", d.fit(slipPt, "签到"), "C"})
	}
	t := newTable(d, slipPt, append(cols, column{"分值", d.fit(slipPt, "不计分"), "R"}, column{"事由", 0, "L"})...)
	t.pad = slipPad

	rank := "不参与排名"
	if qs.Rank > 0 {
		rank = fmt.Sprintf("第 %d 名（共 %d 人）", qs.Rank, ranked)
	}
	tot := newTable(d, 10,
		column{"基础积分\n（满分" + s.BaseMax.String() + "）", 0, "C"},
		column{"奖励积分\n（上限" + s.RewardMax.String() + "）", 0, "C"},
		column{"违规扣分", 0, "C"}, column{"季度积分", 0, "C"}, column{"季度排名", 44, "C"})
	tot.pad = slipPad
	heads := make([]string, len(tot.cols))
	for i, c := range tot.cols {
		heads[i] = c.head
	}
	totals := []string{qs.Base.String(), qs.Reward.String(), qs.Deduction.String(), qs.Total.String(), rank}
	const (
		noteH   = 9.5 * ptMM * leading
		signH   = 2*7 + 4 + 2*(11*ptMM*leading*1.3) + noteH // ruled lines, signatures, the filing note
		beforeH = 3                                         // space above a section
	)
	// tail is everything the last rows of the table travel with: the notes
	// under it, the totals and the member's signature.
	tail := beforeH + headingH + tot.rowH(heads...) + tot.rowH(totals...) + beforeH + headingH + signH
	if capped {
		tail += 1 + noteH
	}
	if marks {
		tail += 1 + noteH
	}

	heading("一、本季度积分明细")
	t.begin()
	t.rowsKeep(rows, 2, tail) // the last two rows stay with the totals and the signature
	if len(rows) == 0 {
		t.span("本季度没有登记记录。", "C", false)
	}
	t.end()
	if capped {
		d.space(1)
		d.para("* 该项超出项目季度上限或季度满分（上限），超出部分不计入季度积分。", 9.5, "L", false, 0)
	}
	if marks {
		d.space(1)
		d.para("签到一栏为签到表中的标记；分值为“不计分”的是请假或缺席等不计分的签到。", 9.5, "L", false, 0)
	}

	d.space(beforeH)
	d.ensure(headingH + tot.rowH(heads...) + tot.rowH(totals...) + beforeH + headingH + signH)
	heading("二、本季度积分合计")
	tot.begin()
	tot.row(totals...)
	tot.end()

	d.space(beforeH)
	heading("三、本人核实意见：　□ 无异议　　□ 有异议（请写明事项）")
	slipSignature(d, admin, published)
}

// slipHead starts a member's slip on a new page: the title, the period and
// who the member is; it returns the checked name for the running head.
func slipHead(d *doc, branch, period string, mem *model.Member) string {
	name := d.chk.text(mem.Name, mem.Pos, "姓名")
	d.repeat = nil
	d.newPage()
	d.para("党员积分核实单", 16, "C", true, 0)
	d.para(branch+"　"+period, 10, "C", false, 0)
	d.space(2.5)

	info := newTable(d, 10, column{"", 18, "C"}, column{"", 0, "L"}, column{"", 18, "C"}, column{"", 0, "L"})
	info.pad = slipPad
	info.row("姓名", name, "编号", d.chk.text(mem.ID, mem.Pos, "编号"))
	role := string(mem.Category)
	if mem.Role != "" {
		role += "（" + d.chk.text(mem.Role, mem.Pos, "职务") + "）"
	}
	info.row("党小组", d.chk.text(mem.Group, mem.Pos, "党小组"), "类别", role)
	d.space(3)
	return name
}

// slipSignature is the member's lines for objections, the two signatures
// and the filing note.
func slipSignature(d *doc, admin, published string) {
	for range 2 {
		d.space(7)
		y := d.f.GetY()
		d.f.Line(d.margin+4, y, d.pageW-d.margin, y)
	}
	d.space(4)
	a := admin
	if a == "" {
		a = "______________"
	}
	d.setSize(11)
	lh := d.lineH() * 1.3
	for _, l := range []string{"本人签字：______________　　日期：______________", "积分管理员：" + a + "　　核实日期：______________"} {
		d.f.SetX(d.margin + 2*11*ptMM)
		d.f.CellFormat(d.contentW(), lh, bmp(l), "", 2, "L", false, 0, "")
	}
	d.para("本单一式两份，本人核实签字后交积分管理员，由党支部存档备查。"+published+"。", 9.5, "L", false, 0)
}

// slipRow is one line of a slip's 积分明细.
type slipRow struct {
	day                                    time.Time
	date, kind, item, mark, points, reason string
	capped                                 bool
}

// slipRows lists the quarter's counted lines and, merged in by date, the
// 签到表 marks that counted nothing.
func slipRows(d *doc, qs model.QuarterScore) []slipRow {
	var rows []slipRow
	// Every figure of the 分值 column has the same number of decimals.
	pts := make([]model.Points, len(qs.Lines))
	for i, l := range qs.Lines {
		pts[i] = l.Points
	}
	col := model.Figures(pts...)
	for i, l := range qs.Lines {
		p := col[i]
		if l.Points > 0 {
			p = "+" + p
		}
		r := slipRow{day: l.Date, date: model.DateString(l.Date), kind: l.Kind.String(), mark: l.Mark.String(),
			points: p, reason: d.chk.text(l.Reason, l.Pos, "事由"), capped: l.Capped}
		if l.Item != nil {
			r.item = d.chk.text(l.Item.Name, l.Item.Pos, "项目")
		}
		if l.Capped {
			r.points += "*"
		}
		rows = append(rows, r)
	}
	var idle []slipRow
	for _, a := range qs.Attendance {
		if a.Entry != nil || a.Deduction != nil {
			continue // on the lines above
		}
		it := a.Activity.Item
		idle = append(idle, slipRow{day: a.Activity.Date, date: model.DateString(a.Activity.Date), kind: it.Kind.String(),
			item: d.chk.text(it.Name, it.Pos, "项目"), mark: a.Mark.String(), points: "不计分",
			reason: d.chk.text(a.Activity.Name, a.Activity.Pos, "活动")})
	}
	if len(idle) == 0 {
		return rows
	}
	all := append(rows, idle...)
	sort.SliceStable(all, func(i, j int) bool { return all[i].day.Before(all[j].day) })
	return all
}
