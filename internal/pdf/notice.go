package pdf

import (
	"fmt"
	"io"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
)

// NoticeTitlePt is the size of a quarter's 公示 title. It is a variable so
// that a test can stand in for a later jifen that lays notices out
// differently, and show that a posted notice never changes (SPEC §11).
var NoticeTitlePt = 18.0

// committee is the signature line 「中共…支部委员会」 of a branch.
func committee(branch string) string { return model.CommitteeName(branch) }

// publicationLine is 「公示时间：2026年4月1日至2026年4月3日」.
func publicationLine(start, end time.Time) string {
	return "公示时间：" + model.DateCN(start) + "至" + model.DateCN(end)
}

// objectionLine tells readers how to object (五(四)).
func objectionLine(contact string) string {
	s := "公示期间，党员、群众如有异议，可向党支部反映，党支部将及时调查核实并反馈结果。"
	if contact = strings.TrimRight(contact, "。．. "); contact != "" {
		s += "异议受理：" + contact + "。"
	}
	return s
}

// scheme is the checked 方案名称, in 《》.
func scheme(d *doc, s *model.Settings) string {
	return d.chk.text(s.Scheme, s.Pos[model.SettingScheme], model.SettingScheme)
}

// branchText returns the checked 支部名称.
func branchText(d *doc, s *model.Settings) string {
	return d.chk.text(s.Branch, s.Pos[model.SettingBranch], model.SettingBranch)
}

// QuarterNotice writes the bulletin-board 公示 of quarter q: every
// participating member's 党小组 and figures (ranks only when 公示排名 is 是),
// the publication period and how to object. Deduction reasons never appear.
func QuarterNotice(w io.Writer, res *model.Result, q int, o Options) (model.Findings, error) {
	if q < 1 || q > 4 {
		return nil, fmt.Errorf("quarter %d out of range", q)
	}
	s := &res.Year.Settings
	d, err := newDoc(o, false)
	if err != nil {
		return nil, err
	}
	start, end := s.Publication(q)
	d.dated(start)
	branch := branchText(d, s)
	rest := model.PeriodLabel(res.Year.Year, q) + "党员积分公示"
	d.meta(branch+rest, committee(branch))
	d.newPage()
	d.title(branch, rest, NoticeTitlePt)
	d.space(4)
	d.para(fmt.Sprintf("依据%s，经党支部登记、核实，现将%d年第%s季度（%d月%d日至%d月%d日）参加积分管理人员的积分情况公示如下。季度积分＝基础积分＋奖励积分－违规扣分；基础积分满分%s分，奖励积分上限%s分。",
		scheme(d, s), res.Year.Year, model.QuarterCN(q), 3*q-2, 1, 3*q, model.QuarterEnd(res.Year.Year, q).Day(),
		s.BaseMax.String(), s.RewardMax.String()), 12, "L", false, 2)
	d.space(3)

	// 类别 tells 入党积极分子 and 发展对象 apart from party members (SPEC §7).
	var ms []*model.MemberResult
	var names, groups []string
	cats := []string{"类别"}
	for _, m := range res.Members {
		if m.Quarters[q-1].Participating {
			ms = append(ms, m)
			names, groups, cats = append(names, m.Member.Name), append(groups, m.Member.Group), append(cats, string(m.Member.Category))
		}
	}
	const pt = 10.5
	fig := d.fit(pt, "基础积分")
	cols := []column{
		{"序号", d.fit(pt, "序号"), "C"}, {"姓名", 0, "C"}, {"类别", d.fit(pt, cats...), "C"}, {"党小组", 0, "C"},
		{"基础积分", fig, "R"}, {"奖励积分", fig, "R"}, {"违规扣分", fig, "R"}, {"季度积分", fig, "R"},
	}
	if s.ShowRanks {
		cols = append(cols, column{"排名", d.fit(pt, "排名"), "C"})
	}
	cols[1].w = nameWidth(d, pt, cols, names, groups)
	// Each column of figures has one number of decimals.
	col := func(get func(model.QuarterScore) model.Points) []string {
		ps := make([]model.Points, len(ms))
		for i, m := range ms {
			ps[i] = get(m.Quarters[q-1])
		}
		return model.Figures(ps...)
	}
	base := col(func(s model.QuarterScore) model.Points { return s.Base })
	reward := col(func(s model.QuarterScore) model.Points { return s.Reward })
	ded := col(func(s model.QuarterScore) model.Points { return s.Deduction })
	total := col(func(s model.QuarterScore) model.Points { return s.Total })
	t := newTable(d, pt, cols...)
	t.begin()
	ungraded := false
	for i, m := range ms {
		qs := m.Quarters[q-1]
		row := []string{strconv.Itoa(i + 1), d.chk.text(m.Member.Name, m.Member.Pos, "姓名"), string(m.Member.Category),
			d.chk.text(m.Member.Group, m.Member.Pos, "党小组"), base[i], reward[i], ded[i], total[i]}
		if !m.Member.Category.Graded() {
			ungraded = true
		}
		if s.ShowRanks {
			r := "—"
			if qs.Rank > 0 {
				r = strconv.Itoa(qs.Rank)
			}
			row = append(row, r)
		}
		t.row(row...)
	}
	n := len(ms)
	if n == 0 {
		t.span("本季度没有参加积分管理的党员。", "C", false)
	}
	t.end()
	d.space(3)
	if ungraded {
		note := "注：入党积极分子、发展对象参加积分管理，不参与评定等次。"
		if s.ShowRanks {
			note = "注：入党积极分子、发展对象参加积分管理，不参与排名和评定等次。"
		}
		d.para(note, 10.5, "L", false, 0)
	}
	d.para(fmt.Sprintf("共 %d 人。", n), 10.5, "L", false, 0)
	noticeEnd(d, s, branch, start, end)
	return d.finish(w)
}

// AnnualNotice writes the 年度评定结果公示: graded members' final grades with
// the figures that explain them (the averages, 年度扣分, 民主评议分 and the
// composite score) — no proposals, reasons or actions.
func AnnualNotice(w io.Writer, res *model.Result, o Options) (model.Findings, error) {
	s := &res.Year.Settings
	d, err := newDoc(o, false)
	if err != nil {
		return nil, err
	}
	start, end := res.Year.AnnualPublication()
	d.dated(start)
	branch := branchText(d, s)
	rest := model.PeriodLabel(res.Year.Year, 0) + "党员积分评定结果公示"
	d.meta(branch+rest, committee(branch))
	d.newPage()
	d.title(branch, rest, 18)
	d.space(4)
	d.para(fmt.Sprintf("依据%s，年度综合得分＝全年各季度积分平均分＋民主评议分。经党支部研究，%d年度党员积分评定结果公示如下。",
		scheme(d, s), res.Year.Year), 12, "L", false, 2)
	d.space(3)
	var as []*model.MemberResult
	var names, groups []string
	cats, grades := []string{"类别"}, []string{"等次"}
	for _, m := range res.Members {
		if a := m.Annual; a != nil && a.Final != "" && a.Total != nil {
			as = append(as, m)
			names, groups = append(names, m.Member.Name), append(groups, m.Member.Group)
			cats, grades = append(cats, string(m.Member.Category)), append(grades, m.PublicLabel())
		}
	}
	const pt = 10
	fig := d.fit(pt, "评议分", "100.00")
	cols := []column{
		{"序号", d.fit(pt, "序号"), "C"}, {"姓名", 0, "C"}, {"类别", d.fit(pt, cats...), "C"}, {"党小组", 0, "C"},
		{"季度\n平均分", fig, "R"}, {"基础\n平均分", fig, "R"}, {"奖励\n平均分", fig, "R"}, {"年度\n扣分", fig, "R"},
		{"民主\n评议分", fig, "R"}, {"综合\n得分", fig, "R"},
	}
	if s.ShowRanks {
		cols = append(cols, column{"排名", d.fit(pt, "排名"), "C"})
	}
	cols = append(cols, column{"确定\n等次", d.fit(pt, grades...), "C"})
	cols[1].w = nameWidth(d, pt, cols, names, groups)
	// Each column of figures has one number of decimals.
	col := func(get func(*model.Annual) *big.Rat) []string {
		ps := make([]model.Points, len(as))
		for i, m := range as {
			ps[i] = model.Round2(get(m.Annual))
		}
		return model.Figures(ps...)
	}
	avg := col(func(a *model.Annual) *big.Rat { return a.QuarterAvg })
	baseAvg := col(func(a *model.Annual) *big.Rat { return a.BaseAvg })
	rewardAvg := col(func(a *model.Annual) *big.Rat { return a.RewardAvg })
	ded := col(func(a *model.Annual) *big.Rat { return a.DeductionSum.Rat() })
	dem := col(func(a *model.Annual) *big.Rat { return a.Democratic })
	total := col(func(a *model.Annual) *big.Rat { return a.Total })
	t := newTable(d, pt, cols...)
	t.begin()
	n := 0
	counts := map[string]int{}
	for i, m := range as {
		a := m.Annual
		n++
		grade := m.PublicLabel() // 待定 while an objection to it is 受理中 (SPEC §11)
		counts[grade]++
		row := []string{strconv.Itoa(n), d.chk.text(m.Member.Name, m.Member.Pos, "姓名"), string(m.Member.Category),
			d.chk.text(m.Member.Group, m.Member.Pos, "党小组"), avg[i], baseAvg[i], rewardAvg[i], ded[i], dem[i], total[i]}
		if s.ShowRanks {
			r := "—"
			if a.Rank > 0 {
				r = strconv.Itoa(a.Rank)
			}
			row = append(row, r)
		}
		row = append(row, grade)
		t.row(row...)
	}
	if n == 0 {
		t.span("本年度没有评定等次的党员。", "C", false)
	}
	t.end()
	d.space(3)
	var parts []string
	for _, g := range append(model.Texts(model.Grades), model.LabelPending) {
		if counts[g] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d 人", g, counts[g]))
		}
	}
	summary := fmt.Sprintf("共评定 %d 人", n)
	if len(parts) > 0 {
		summary += "，其中" + strings.Join(parts, "，")
	}
	d.para(summary+"。年度扣分为全年各季度违规扣分之和。", 10.5, "L", false, 0)
	noticeEnd(d, s, branch, start, end)
	return d.finish(w)
}

// nameWidth sizes a notice's 姓名 column (cols[1]) beside its 党小组 column
// (the one other column of width 0), which takes what the fixed columns
// leave. The column fits the widest name, unless that would leave 党小组
// narrower than its widest group and the widest name is longer than common
// names (四个字, 欧阳明月): then the width is the one that makes the table
// shortest, counting each row's lines of name and of group, and a line more
// for each common name it breaks (a name is broken only to save more). A
// long name then wraps in its own row rather than squeezing every row's
// 党小组 to a character a line, or to less than nothing: a name of nine
// characters in the annual notice took its 党小组 below zero width (issue
// 24). Both columns keep at least one character (oneChar).
func nameWidth(d *doc, pt float64, cols []column, names, groups []string) float64 {
	room := d.contentW()
	for _, c := range cols {
		room -= c.w
	}
	floor := d.oneChar(pt)
	want := d.fit(pt, append([]string{"姓名"}, names...)...)
	common := d.fit(pt, "欧阳明月")
	if want+d.fit(pt, append([]string{"党小组"}, groups...)...) <= room || want <= common {
		return math.Max(floor, math.Min(want, room-floor))
	}
	type row struct {
		name, group string
		common      bool // the name fits a column of common names
	}
	rows := map[row]int{}
	for i := range names {
		rows[row{bmp(names[i]), bmp(groups[i]), d.fit(pt, names[i]) <= common}]++
	}
	d.setSize(pt)
	lines := func(s string, w float64) int { return len(wrap(s, w-2*padX, d.measure)) }
	best, bestCost := floor, -1
	// The candidates hold one character more each, from one character up
	// to the widest name; of equally short tables the one with the widest
	// names wins.
	for x := floor; x <= math.Max(floor, room-floor); {
		x = math.Min(x, want)
		cost := 0
		for r, n := range rows {
			nl := lines(r.name, x)
			c := max(nl, lines(r.group, room-x))
			if nl > 1 && r.common {
				c++
			}
			cost += n * c
		}
		if bestCost < 0 || cost <= bestCost {
			best, bestCost = x, cost
		}
		if x >= want {
			break
		}
		// A character more, and at least a millimetre (a font without 中).
		x = math.Max(x+1, x+d.measure("中"))
	}
	return best
}

// noticeEnd closes a 公示 notice the same way for a quarter and for the
// year: its period, how to object, and the committee's signature. A notice
// is dated the day it goes up (设置 第N季度公示日期, 年度公示日期), so a
// later rebuild reproduces the notice that was posted.
func noticeEnd(d *doc, s *model.Settings, branch string, start, end time.Time) {
	d.space(3)
	d.para(publicationLine(start, end), 12, "L", false, 2)
	d.para(objectionLine(d.chk.text(s.ObjectionContact, s.Pos[model.SettingObjections], model.SettingObjections)), 12, "L", false, 2)
	d.space(10)
	d.signature(12, committee(branch), model.DateCN(start))
}

// civil returns t's calendar day as a model date (UTC midnight).
func civil(t time.Time) time.Time { return model.NewDate(t.Year(), t.Month(), t.Day()) }
