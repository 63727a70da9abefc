package pdf

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/jifen-dev/jifen/internal/model"
)

// CorrectionNotice writes the 更正公示 of period q (1–4, or 0 for the
// annual 公示) (SPEC §11): 「关于2026年第一季度党员积分公示的更正」, with
// every member whose posted line changed — his figures as posted and as
// corrected, and the 调查结果 of the objection that corrected them (never
// who raised it) — its own 公示期 of 公示天数 days, how to object and the
// committee's signature. The changes are those awaiting posting
// (res.Pub(q).Pending); the document is dated by its 公示期.
func CorrectionNotice(w io.Writer, res *model.Result, q int, o Options) (model.Findings, error) {
	if q < 0 || q > 4 {
		return nil, fmt.Errorf("period %d out of range", q)
	}
	pub := res.Pub(q)
	if len(pub.Pending) == 0 || pub.Notice() == nil {
		return nil, fmt.Errorf("%s: no correction awaits posting", model.PeriodLabel(res.Year.Year, q))
	}
	s := &res.Year.Settings
	d, err := newDoc(o, false)
	if err != nil {
		return nil, err
	}
	start, end := pub.CorrectionStart, pub.CorrectionEnd
	d.dated(start)
	branch := branchText(d, s)
	what := model.PeriodLabel(res.Year.Year, q) + "党员积分公示"
	if q == 0 {
		what = model.PeriodLabel(res.Year.Year, 0) + "党员积分评定结果公示"
	}
	rest := "关于" + what + "的更正"
	d.meta(branch+rest, committee(branch))
	d.newPage()
	d.title(branch, rest, 18)
	d.space(4)
	notice, latest := pub.Notice(), pub.Latest()
	intro := fmt.Sprintf("本支部于%s张贴了%s（公示时间：%s至%s）", model.DateCN(notice.Posted), what,
		model.DateCN(notice.Start), model.DateCN(notice.End))
	if latest != notice {
		intro += fmt.Sprintf("，并于%s张贴了更正公示", model.DateCN(latest.Posted))
	}
	intro += "。对收到的异议，党支部进行了调查核实，现将更正情况公示如下。"
	d.para(intro, 12, "L", false, 2)
	d.space(3)

	figs := model.FiguresOf(q)
	labels := []string{"项目"}
	for _, f := range figs {
		labels = append(labels, f.Label())
	}
	const pt = 10.5
	names, groups := []string{"姓名"}, []string{"党小组"}
	byID := map[string]*model.Member{}
	for _, m := range res.Year.Members {
		byID[m.ID] = m
	}
	for _, c := range pub.Pending {
		names = append(names, c.Name)
		if m := byID[c.ID]; m != nil {
			groups = append(groups, m.Group)
		}
	}
	fig := d.fit(pt, "原公示", "更正后", "100.00", "基本合格")
	cols := []column{
		{"序号", d.fit(pt, "序号"), "C"}, {"姓名", d.fit(pt, names...), "C"}, {"党小组", d.fit(pt, groups...), "C"},
		{"项目", d.fit(pt, labels...), "C"}, {"原公示", fig, "R"}, {"更正后", fig, "R"}, {"调查结果", 0, "L"},
	}
	t := newTable(d, pt, cols...)
	t.begin()
	rows := make([][]string, 0, len(pub.Pending))
	listed := false // a member added or removed: the note below says what — means
	for i, c := range pub.Pending {
		pos := model.Pos{}
		group := ""
		if m := byID[c.ID]; m != nil {
			pos, group = m.Pos, d.chk.text(m.Group, m.Pos, "党小组")
		}
		var items, olds, news []string
		for _, f := range c.Figures {
			items = append(items, f.Figure.Label())
			olds = append(olds, dash(f.Old, c.Kind == model.MemberAdded))
			news = append(news, dash(f.New, c.Kind == model.MemberRemoved))
		}
		if c.Kind != model.ChangedFigures {
			listed = true
		}
		inv := c.Investigation
		if c.Objection != nil {
			inv = d.chk.text(inv, c.Objection.Pos, "调查结果")
		} else {
			inv = bmp(inv)
		}
		rows = append(rows, []string{strconv.Itoa(i + 1), d.chk.text(c.Name, pos, "姓名"), group,
			strings.Join(items, "\n"), strings.Join(olds, "\n"), strings.Join(news, "\n"), inv})
	}
	t.rowsKeep(rows, 1, 40)
	t.end()
	d.space(3)
	note := fmt.Sprintf("共更正 %d 人。其他人员的积分以原公示为准。", len(pub.Pending))
	if listed {
		note += "「—」表示原公示未列出该人员，或更正后不再列出。"
	}
	d.para(note, 10.5, "L", false, 0)
	noticeEnd(d, s, branch, start, end)
	return d.finish(w)
}

// dash is a figure in a correction's table: — on the side where the member
// is not listed (added: before; removed: after), else the value.
func dash(v string, absent bool) string {
	if absent || v == "" {
		return "—"
	}
	return v
}
