package summary

import (
	"sort"

	"github.com/jifen-dev/jifen/internal/model"
)

// PendingMeasure is one measure of a branch's 处置跟踪 awaiting the
// superior's 批复 (SPEC §2.12), as its year's bundle lists it (quoted).
type PendingMeasure struct {
	ID, Name, Category string
	Grade              string // 基本合格 / 不合格
	Measure            string // 延长预备期, 取消预备党员资格, 限期改正 …
	Submitted          string // 报批日期; "" when the 请示 has not gone up yet
}

// MaxPendingRows bounds the superior's to-do list across branches; the
// rest are counted.
const MaxPendingRows = 2000

// Awaiting is one measure of the superior's to-do list.
type Awaiting struct {
	Year   int
	Branch *Branch
	PendingMeasure
}

// Waiting is the superior's own to-do list (SPEC §10 「Pending approvals」):
// every measure the newest year's bundle of each branch says awaits the
// superior's 批复 (a bundle sent after an approval no longer lists it),
// across years and branches — those submitted first, the
// longest waiting first, then those the branch has still to submit — at
// most MaxPendingRows, and how many more.
func (ru *Rollup) Waiting() ([]Awaiting, int) {
	var out []Awaiting
	more := 0
	for _, y := range ru.Years {
		if y.Annual == nil {
			continue
		}
		for _, r := range y.Annual.Rows {
			if !r.Status.Filed() {
				continue
			}
			latest := r.Latest.Digest
			for _, p := range latest.Pending {
				out = append(out, Awaiting{Year: y.Year, Branch: r.Branch, PendingMeasure: p})
			}
			more += latest.MorePending
		}
	}
	names := newByName()
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch {
		case (a.Submitted == "") != (b.Submitted == ""):
			return a.Submitted != ""
		case a.Submitted != b.Submitted:
			return a.Submitted < b.Submitted
		case a.Year != b.Year:
			return a.Year < b.Year
		case a.Branch != b.Branch:
			return names.less(a.Branch.Name, b.Branch.Name)
		}
		return false
	})
	if len(out) > MaxPendingRows {
		more += len(out) - MaxPendingRows
		out = out[:MaxPendingRows]
	}
	return out, more
}

// State is the measure's approval state in words: 「待批复（2027-01-20 报批）」
// or 「须报批，尚未报批」.
func (p PendingMeasure) State() string {
	if p.Submitted == "" {
		return "须报批，尚未报批"
	}
	return "待批复（" + p.Submitted + " 报批）"
}

// Days is how many days the measure has waited since it was submitted, as
// of today; -1 when it was not submitted.
func (p PendingMeasure) Days(today string) int {
	if p.Submitted == "" {
		return -1
	}
	d, err1 := parseDay(p.Submitted)
	t, err2 := parseDay(today)
	if err1 != nil || err2 != nil {
		return -1
	}
	return model.DaysBetween(d, t)
}
