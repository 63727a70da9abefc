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
	// Members check their slips during the quarter's 公示, so a slip is
	// dated by it rather than by the day it was printed.
	start, end := s.Publication(q)
	d.dated(start)
	branch := branchText(d, s)
	period := fmt.Sprintf("%d年第%s季度", res.Year.Year, model.QuarterCN(q))
	d.meta(branch+period+"党员积分核实单", committee(branch))
	ranked := 0
	for _, m := range res.Members {
		if m.Quarters[q-1].Participating && m.Quarters[q-1].Rank > 0 {
			ranked++
		}
	}
	admin := d.chk.text(s.Administrator, s.Pos["积分管理员"], "积分管理员")
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

func slip(d *doc, branch, period, published string, m *model.MemberResult, qs model.QuarterScore, s *model.Settings, ranked int, admin string) {
	mem := m.Member
	name := d.chk.text(mem.Name, mem.Pos, "姓名")
	d.repeat = nil
	d.newPage()
	d.para("党员积分核实单", 18, "C", true, 0)
	d.space(1)
	d.para(branch+"　"+period, 11, "C", false, 0)
	d.space(4)

	info := newTable(d, 11, column{"", 20, "C"}, column{"", 0, "L"}, column{"", 20, "C"}, column{"", 0, "L"})
	info.row("姓名", name, "编号", d.chk.text(mem.ID, mem.Pos, "编号"))
	role := string(mem.Category)
	if mem.Role != "" {
		role += "（" + d.chk.text(mem.Role, mem.Pos, "职务") + "）"
	}
	info.row("党小组", d.chk.text(mem.Group, mem.Pos, "党小组"), "类别", role)
	d.space(5)

	d.repeat = func() {
		d.para(fmt.Sprintf("党员积分核实单（续）　%s　%s", name, period), 11, "L", true, 0)
		d.space(2)
	}
	d.para("一、本季度积分明细", 12, "L", true, 0)
	d.space(1)
	capped := false
	rows := slipRows(d, qs)
	if len(qs.Attendance) == 0 {
		t := newTable(d, 10.5,
			column{"日期", 24, "C"}, column{"类别", 13, "C"}, column{"项目", 46, "L"},
			column{"分值", 16, "R"}, column{"事由", 0, "L"})
		t.begin()
		for _, r := range rows {
			t.row(r.date, r.kind, r.item, r.points, r.reason)
			capped = capped || r.capped
		}
		if len(rows) == 0 {
			t.span("本季度没有登记记录。", "C", false)
		}
		t.end()
	} else {
		// Attendance typed in a 签到表: the mark beside each line, and the
		// marks that counted nothing (请假, 缺席 under 累加制 …) as lines of
		// their own, so the member checks every tick on one page.
		t := newTable(d, 10.5,
			column{"日期", 24, "C"}, column{"类别", 13, "C"}, column{"项目", 42, "L"},
			column{"签到", 12, "C"}, column{"分值", 16, "R"}, column{"事由", 0, "L"})
		t.begin()
		for _, r := range rows {
			t.row(r.date, r.kind, r.item, r.mark, r.points, r.reason)
			capped = capped || r.capped
		}
		t.end()
	}
	if capped {
		d.space(1)
		d.para("* 该项超出项目季度上限或季度满分（上限），超出部分不计入季度积分。", 9.5, "L", false, 0)
	}
	if len(qs.Attendance) > 0 {
		d.space(1)
		d.para("签到一栏为签到表中的标记；分值为“不计分”的是请假或缺席等不计分的签到。", 9.5, "L", false, 0)
	}
	d.space(5)

	d.para("二、本季度积分合计", 12, "L", true, 0)
	d.space(1)
	rank := "不参与排名"
	if qs.Rank > 0 {
		rank = fmt.Sprintf("第 %d 名（共 %d 人）", qs.Rank, ranked)
	}
	tot := newTable(d, 11,
		column{"基础积分\n（满分" + s.BaseMax.String() + "）", 0, "C"},
		column{"奖励积分\n（上限" + s.RewardMax.String() + "）", 0, "C"},
		column{"违规扣分", 0, "C"}, column{"季度积分", 0, "C"}, column{"季度排名", 44, "C"})
	tot.begin()
	tot.row(qs.Base.String(), qs.Reward.String(), qs.Deduction.String(), qs.Total.String(), rank)
	tot.end()
	d.space(5)

	d.ensure(58)
	d.para("三、本人核实意见：　□ 无异议　　□ 有异议（请写明事项）", 12, "L", true, 0)
	d.space(2)
	for range 2 {
		d.space(6)
		y := d.f.GetY()
		d.f.Line(d.margin+4, y, d.pageW-d.margin, y)
	}
	d.space(10)
	d.para("本人签字：______________　　日期：______________", 12, "L", false, 2)
	d.space(6)
	a := admin
	if a == "" {
		a = "______________"
	}
	d.para("积分管理员："+a+"　　核实日期：______________", 12, "L", false, 2)
	d.space(3)
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
	for _, l := range qs.Lines {
		r := slipRow{day: l.Date, date: model.DateString(l.Date), kind: l.Kind.String(), mark: l.Mark.String(),
			points: l.Points.Signed(), reason: d.chk.text(l.Reason, l.Pos, "事由"), capped: l.Capped}
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
