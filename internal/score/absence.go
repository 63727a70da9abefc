package score

import (
	"time"

	"github.com/jifen-dev/jifen/internal/model"
)

// absenceWindow is the six-month rule's span (党章第九条: 连续六个月不参加党
// 的组织生活).
const absenceWindow = 6

// Absences applies the six-month rule of SPEC §2.11 to one year's 签到表
// marks: a member whose marks within some six consecutive calendar months
// of the year hold at least two 缺席 and no 出席 or 请假. Windows that
// overlap are merged into one run, so a member absent all year is one run
// from 1月 to 12月; a run names at least six months. 日常登记 rows do not enter the rule; y.Attendance holds
// only non-exempt members' marks. Runs come in roster order.
func Absences(y *model.Year) []model.AbsenceRun {
	type months struct {
		absent, other [13]int
		first         [13]*model.Pos // first 缺席 mark of each month, in place order
	}
	by := map[*model.Member]*months{}
	for _, a := range y.Attendance {
		if a.Member.Exempt || a.Activity.Date.Year() != y.Year {
			continue
		}
		ms := by[a.Member]
		if ms == nil {
			ms = &months{}
			by[a.Member] = ms
		}
		m := a.Activity.Date.Month()
		switch a.Mark {
		case model.Absent:
			ms.absent[m]++
			if ms.first[m] == nil || a.Pos.Less(*ms.first[m]) {
				ms.first[m] = &a.Pos
			}
		case model.Present, model.Excused:
			ms.other[m]++
		}
	}
	var runs []model.AbsenceRun
	for _, mem := range y.Members {
		ms := by[mem]
		if ms == nil {
			continue
		}
		var cur *model.AbsenceRun
		for start := time.January; start+absenceWindow-1 <= time.December; start++ {
			end := start + absenceWindow - 1
			absent, other := 0, 0
			for m := start; m <= end; m++ {
				absent += ms.absent[m]
				other += ms.other[m]
			}
			if other > 0 || absent < 2 {
				continue
			}
			if cur != nil && start <= cur.To {
				cur.To = end
				continue
			}
			runs = append(runs, model.AbsenceRun{Member: mem, From: start, To: end})
			cur = &runs[len(runs)-1]
		}
	}
	for i := range runs {
		r := &runs[i]
		ms := by[r.Member]
		// Merged windows may reach past the absences (two 缺席 in July make
		// every window from Feb–Jul to Jul–Dec qualify): name the months
		// from the first to the last 缺席, widened to six months.
		first, last := r.To, r.From
		for m := r.From; m <= r.To; m++ {
			if ms.absent[m] > 0 {
				first, last = min(first, m), max(last, m)
				r.Absences += ms.absent[m]
				if r.Pos == (model.Pos{}) {
					r.Pos = *ms.first[m]
				}
			}
		}
		r.To = max(last, r.From+absenceWindow-1)
		r.From = min(first, r.To-absenceWindow+1)
	}
	return runs
}
