package archive

import (
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
)

// NoticeMembers are the members period q's notice lists, in roster order:
// for a quarter every participating member; for the year every member with
// a final grade and a composite score (the graded ones).
func NoticeMembers(res *model.Result, q int) []*model.MemberResult {
	var out []*model.MemberResult
	for _, m := range res.Members {
		if q > 0 {
			if m.Quarters[q-1].Participating && !m.Member.Exempt {
				out = append(out, m)
			}
			continue
		}
		if a := m.Annual; a != nil && a.Final != "" && a.Total != nil {
			out = append(out, m)
		}
	}
	return out
}

// Published lists period q's members with their figures as its notice
// prints them: a quarter's exact figures, the year's rounded half up to two
// decimals (model.Round2), and the grade the public sees (PublicLabel). It
// is what a record archives and what every build holds against it.
func Published(res *model.Result, q int) []model.PostedMember {
	ms := NoticeMembers(res, q)
	out := make([]model.PostedMember, 0, len(ms))
	for _, m := range ms {
		pm := model.PostedMember{ID: m.Member.ID, Name: m.Member.Name, Category: string(m.Member.Category), Group: m.Member.Group}
		if q > 0 {
			qs := m.Quarters[q-1]
			pm.Set(model.FigBase, qs.Base.String())
			pm.Set(model.FigReward, qs.Reward.String())
			pm.Set(model.FigDeduction, qs.Deduction.String())
			pm.Set(model.FigTotal, qs.Total.String())
		} else {
			a := m.Annual
			pm.Set(model.FigQuarterAvg, model.RatString(a.QuarterAvg))
			pm.Set(model.FigBaseAvg, model.RatString(a.BaseAvg))
			pm.Set(model.FigRewardAvg, model.RatString(a.RewardAvg))
			pm.Set(model.FigDeductionSum, a.DeductionSum.String())
			pm.Set(model.FigDemocratic, model.RatString(a.Democratic))
			pm.Set(model.FigComposite, model.RatString(a.Total))
			pm.Set(model.FigGrade, m.PublicLabel())
		}
		out = append(out, pm)
	}
	return out
}

// Compare lists the members of period q whose published line differs
// between a record and the figures now (Published): changed figures first
// in the order of now, then members no longer listed in the record's
// order. Figures compare as numbers (78.5 = 78.50). A grade now 待定 is no
// change: the objection that holds it is still being answered and the
// posted grade stands until then.
func Compare(q int, rec []model.PostedMember, now []model.PostedMember) []model.Change {
	old := map[string]*model.PostedMember{}
	for i := range rec {
		old[rec[i].ID] = &rec[i]
	}
	listed := map[string]bool{}
	var out []model.Change
	figs := model.FiguresOf(q)
	for i := range now {
		n := &now[i]
		listed[n.ID] = true
		o := old[n.ID]
		if o == nil {
			c := model.Change{ID: n.ID, Name: n.Name, Kind: model.MemberAdded}
			for _, f := range figs {
				c.Figures = append(c.Figures, model.FigureChange{Figure: f, New: n.Value(f)})
			}
			out = append(out, c)
			continue
		}
		c := model.Change{ID: n.ID, Name: n.Name, Kind: model.ChangedFigures}
		for _, f := range figs {
			ov, nv := o.Value(f), n.Value(f)
			if f == model.FigGrade && nv == model.LabelPending {
				continue
			}
			if !sameFigure(f, ov, nv) {
				c.Figures = append(c.Figures, model.FigureChange{Figure: f, Old: ov, New: nv})
			}
		}
		if len(c.Figures) > 0 {
			out = append(out, c)
		}
	}
	for i := range rec {
		o := &rec[i]
		if listed[o.ID] {
			continue
		}
		c := model.Change{ID: o.ID, Name: o.Name, Kind: model.MemberRemoved}
		for _, f := range figs {
			c.Figures = append(c.Figures, model.FigureChange{Figure: f, Old: o.Value(f)})
		}
		out = append(out, c)
	}
	return out
}

// sameFigure compares two published values: numbers by value, words as text.
func sameFigure(f model.Figure, a, b string) bool {
	if a == b {
		return true
	}
	if !f.Numeric() {
		return false
	}
	x, err1 := model.ParsePoints(a)
	y, err2 := model.ParsePoints(b)
	return err1 == nil && err2 == nil && x == y
}

// Explain finds, for every change against rec (the latest record of period
// q), the 异议处理 row that explains it (SPEC §11): a row of that member for
// that period — for the annual record 年度 or any quarter of the year — with
// 处理结果 更正, received on or after the day rec was posted. The latest
// such row is taken, for its 调查结果. A grade that was 待定 when posted and
// is decided now is explained by the member's 年度 objection once it is no
// longer 受理中, whatever its outcome: answering it is what settles the grade.
func Explain(changes []model.Change, q int, rec *model.Record, objections []*model.Objection) {
	for i := range changes {
		c := &changes[i]
		c.Objection = nil
		settled := q == 0 && c.Kind == model.ChangedFigures && len(c.Figures) == 1 &&
			c.Figures[0].Figure == model.FigGrade && c.Figures[0].Old == model.LabelPending
		for _, o := range objections {
			if o.Member == nil || o.Member.ID != c.ID {
				continue
			}
			ok := false
			switch {
			case settled:
				ok = o.Quarter == 0 && o.Status != model.StatusOpen
			case q == 0:
				ok = o.Outcome == model.OutcomeCorrected && !o.Received.Before(rec.Posted)
			default:
				ok = o.Quarter == q && o.Outcome == model.OutcomeCorrected && !o.Received.Before(rec.Posted)
			}
			if ok && (c.Objection == nil || later(o, c.Objection)) {
				c.Objection = o
			}
		}
		if c.Objection != nil {
			c.Investigation = c.Objection.Investigation
		}
	}
}

func later(a, b *model.Objection) bool {
	if !a.Received.Equal(b.Received) {
		return a.Received.After(b.Received)
	}
	return b.Pos.Less(a.Pos)
}

// answered is the day an explaining row was answered: its 反馈日期, else
// its 受理日期.
func answered(o *model.Objection) time.Time {
	if !o.Feedback.IsZero() {
		return o.Feedback
	}
	return o.Received
}

// maxListed bounds the members named by the errors of one record: a
// renamed sheet changes every line of a notice.
const maxListed = 20

// Attach works out where each period of res stands as of res.AsOf, from
// the year's chain of records (Chain's output), and records it in
// res.Publications: the records posted by then, the state, and the pending
// 更正公示 when every change is explained. It returns the findings: an
// error at the latest record for every member whose published line changed
// without an explaining 异议处理 row, and a warning for a closed period
// still unposted after its due day. dir is the year folder's slash path.
func Attach(res *model.Result, chain []*model.Record) model.Findings {
	var fs model.Findings
	y := res.Year
	var overdue []int // closed periods unposted after their due day
	for q := 0; q <= 4; q++ {
		pub := &model.Publication{Period: q}
		res.Publications[q] = pub
		for _, r := range chain {
			if r.Period == q && !r.Posted.After(res.AsOf) {
				pub.Records = append(pub.Records, r)
			}
		}
		closed, exists := periodStatus(res, q)
		if q == 0 {
			_, end := y.AnnualPublication()
			pub.Due = end.AddDate(0, 0, 1)
		} else {
			pub.Due = model.PublicationDue(y.Year, q)
		}
		latest := pub.Latest()
		switch {
		case !closed:
			pub.State = model.StateOpen
			continue
		case latest == nil && !exists:
			// The year is over but its grades are not decided: no annual
			// notice exists yet to post.
			pub.State = model.StateOpen
			continue
		case latest == nil:
			pub.State = model.StateDue
			if !res.AsOf.Before(pub.Due) {
				overdue = append(overdue, q)
			}
			continue
		case !exists:
			fs.Errorf(pos(latest), "%s已于%s张贴，但设置「年度等次已确定」现为否：已张贴的公示不能撤回，请把该设置改回「是」",
				model.PeriodLabel(y.Year, q)+"评定结果公示", model.DateCN(latest.Posted))
		}
		changes := Compare(q, latest.Members, Published(res, q))
		Explain(changes, q, latest, y.Objections)
		var unexplained []model.Change
		for _, c := range changes {
			if c.Objection == nil {
				unexplained = append(unexplained, c)
			}
		}
		if len(unexplained) > 0 {
			silentChange(&fs, y.Year, q, latest, unexplained)
		} else if len(changes) > 0 {
			pub.Pending = changes
			var start time.Time
			for _, c := range changes {
				if d := answered(c.Objection); d.After(start) {
					start = d
				}
			}
			pub.CorrectionStart, pub.CorrectionEnd = start, start.AddDate(0, 0, y.Settings.PublicationDays-1)
		}
		switch {
		case !res.AsOf.After(latest.End):
			pub.State = model.StatePosted
		case len(pub.Pending) > 0 || openObjection(y, q):
			pub.State = model.StateVerifying
		default:
			pub.State = model.StateFinal
		}
	}
	dueWarning(&fs, y, overdue)
	return fs
}

// periodStatus says whether period q has ended as of the result's day and
// whether its notice exists: a closed quarter always has one; the year's
// annual notice exists once its grades are decided.
func periodStatus(res *model.Result, q int) (closed, exists bool) {
	if q > 0 {
		return res.Closed[q-1], res.Closed[q-1]
	}
	return res.YearClosed, res.YearClosed && res.Year.Settings.GradesDecided
}

// dueWarning is the one warning about a year's closed periods that are
// still unposted after their due day (SPEC §11: from the 5th of the next
// month for a quarter; for the year, once its planned 公示期 is over), in
// period order, quarters first. One line per year: a branch that starts
// recording mid-way would otherwise get one per period.
func dueWarning(fs *model.Findings, y *model.Year, overdue []int) {
	if len(overdue) == 0 {
		return
	}
	if overdue[0] == 0 {
		overdue = append(overdue[1:], 0)
	}
	how := "张贴后请运行 jifen post %s --date 张贴日期 记录（也可在预览的支委会工作台上记录），公示存档从此保存张贴的原件"
	if len(overdue) == 1 {
		q := overdue[0]
		fs.Warnf(archivePos(y), "%s，尚未记录张贴："+how, dueText(y, q), periodArg(y.Year, q))
		return
	}
	var parts []string
	for _, q := range overdue {
		parts = append(parts, dueText(y, q))
	}
	fs.Warnf(archivePos(y), "%d年有 %d 期公示尚未记录张贴：%s。"+strings.Replace(how, "%s", "%s 等", 1)+"，每期一次",
		y.Year, len(overdue), strings.Join(parts, "；"), periodArg(y.Year, overdue[0]))
}

// dueText says why an unposted period is overdue.
func dueText(y *model.Year, q int) string {
	if q == 0 {
		start, end := y.AnnualPublication()
		return fmt.Sprintf("%s评定结果公示的计划公示期（%s至%s）已过", model.PeriodLabel(y.Year, 0), model.DateCN(start), model.DateCN(end))
	}
	return fmt.Sprintf("%s已结束，公示应于%s前张贴", model.PeriodLabel(y.Year, q), model.DateCN(model.PublicationDue(y.Year, q)))
}

// openObjection reports an objection to period q still 受理中.
func openObjection(y *model.Year, q int) bool {
	for _, o := range y.Objections {
		if o.Quarter == q && o.Status == model.StatusOpen {
			return true
		}
	}
	return false
}

// archivePos is the year's 公示存档 folder, where a finding about a period's
// posting as a whole is reported.
func archivePos(y *model.Year) model.Pos {
	return model.Pos{File: path.Join(y.Dir, model.ArchiveDir)}
}

// periodArg is period q as `jifen post` takes it: 2026Q1, or 2026.
func periodArg(year, q int) string {
	if q == 0 {
		return fmt.Sprint(year)
	}
	return fmt.Sprintf("%dQ%d", year, q)
}

// silentChange reports the members whose posted line changed without an
// explanation, one error each at the latest record, at most maxListed.
func silentChange(fs *model.Findings, year, q int, rec *model.Record, cs []model.Change) {
	what := model.PeriodLabel(year, q) + "公示"
	if q == 0 {
		what = model.PeriodLabel(year, 0) + "评定结果公示"
	}
	if rec.Kind == model.PostCorrection {
		what += "（含" + model.DateCN(rec.Posted) + "张贴的更正公示）"
	}
	period := model.QuarterLabel(q)
	if q == 0 {
		period = "年度（或本年度任一季度）"
	}
	for i, c := range cs {
		if i == maxListed {
			fs.Errorf(pos(rec), "另有 %d 名党员的已张贴%s也变了（见上）：一次改动了许多人的数字，多半是工作表被改名、删除或日期填错，请先恢复登记簿", len(cs)-maxListed, "数字")
			break
		}
		fs.Errorf(pos(rec), "%s已于%s张贴，不能悄悄改动：%s。请恢复登记簿中的数据；如确是张贴后核实更正的，请在异议处理表中登记该党员%s的异议，处理结果填「更正」，受理日期不早于%s，再生成更正公示",
			what, model.DateCN(rec.Posted), ChangeText(c), period, model.DateCN(rec.Posted))
	}
}

// ChangeText says in words how a member's line changed:
// 「刘建国（D001）基础积分 40 → 46，季度积分 39 → 45」.
func ChangeText(c model.Change) string {
	who := fmt.Sprintf("%s（%s）", c.Name, c.ID)
	var parts []string
	for _, f := range c.Figures {
		switch c.Kind {
		case model.MemberAdded:
			parts = append(parts, f.Figure.Label()+" "+f.New)
		case model.MemberRemoved:
			parts = append(parts, f.Figure.Label()+" "+f.Old)
		default:
			parts = append(parts, f.Figure.Label()+" "+f.Old+" → "+f.New)
		}
	}
	switch c.Kind {
	case model.MemberAdded:
		return who + "原公示中没有，现在列出（" + strings.Join(parts, "，") + "）"
	case model.MemberRemoved:
		return who + "原公示中有（" + strings.Join(parts, "，") + "），现在不再列出"
	}
	return who + strings.Join(parts, "，")
}
