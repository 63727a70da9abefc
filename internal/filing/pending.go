package filing

import (
	"fmt"
	"slices"
	"strings"

	"github.com/jifen-dev/jifen/internal/model"
)

// Pending is one measure of 处置跟踪 waiting for the superior's 批复 (SPEC
// §2.12), as the year's bundle lists it in summary.json's pending[]: the
// superior's own to-do list. The shape is agreed with the rules work that
// writes it (docs/filing.md); this package reads and checks it, and a
// bundle without the field (an older jifen, or nothing pending) has none.
type Pending struct {
	ID         string  `json:"id"`
	Name       string  `json:"name"`
	Category   string  `json:"category"`
	FinalGrade string  `json:"final_grade"` // 基本合格 / 不合格
	Measure    string  `json:"measure"`     // 延长预备期, 取消预备党员资格, 限期改正 …
	Submitted  *string `json:"submitted"`   // 报批日期; null: needs approval, not yet sent up
}

// MaxPending bounds pending[]: a branch of MaxFigure members would not
// have more measures awaiting approval than this.
const MaxPending = 10000

// validatePending checks pending[]: only in the year's bundle, a member and
// a measure each, grades that need approval, real dates.
func (s *Summary) validatePending(q int) string {
	if len(s.Pending) == 0 {
		return ""
	}
	if q != 0 {
		return "pending 只应出现在年度备案中"
	}
	if len(s.Pending) > MaxPending {
		return fmt.Sprintf("pending 有 %d 项，超过 %d 项", len(s.Pending), MaxPending)
	}
	for i, p := range s.Pending {
		switch {
		case p.ID == "" || p.Name == "":
			return fmt.Sprintf("pending[%d] 缺少编号或姓名", i)
		case p.FinalGrade != string(model.BasicQualify) && p.FinalGrade != string(model.Unqualified):
			return fmt.Sprintf("pending[%d]（%s）的等次「%s」无效，应为 基本合格 或 不合格", i, model.Quote(p.ID), model.Quote(p.FinalGrade))
		case !slices.Contains(model.Categories, model.Category(p.Category)):
			return fmt.Sprintf("pending[%d]（%s）的类别「%s」无效", i, model.Quote(p.ID), model.Quote(p.Category))
		case strings.TrimSpace(p.Measure) == "":
			return fmt.Sprintf("pending[%d]（%s）缺少措施", i, model.Quote(p.ID))
		}
		if p.Submitted != nil {
			if _, ok := date(*p.Submitted); !ok {
				return fmt.Sprintf("pending[%d]（%s）的报批日期「%s」无效", i, model.Quote(p.ID), model.Quote(*p.Submitted))
			}
		}
	}
	return ""
}
