package score

import (
	"fmt"

	"github.com/jifen-dev/jifen/internal/model"
)

// decide applies the 等次确定 sheet (the branch decides, points only
// recommend), sets every final grade and lists the follow-up actions by the
// final grade (五(六)5–6).
func decide(res *model.Result, fs *model.Findings) {
	y := res.Year
	byMember := map[*model.Member]*model.MemberResult{}
	for _, mr := range res.Members {
		byMember[mr.Member] = mr
	}
	var upgrades []*model.Decision // decisions that make someone 优秀 against the proposal
	// The reader keeps only rows naming a roster member, one per member.
	for _, d := range y.Decisions {
		m := d.Member
		mr := byMember[m]
		if !res.YearClosed {
			// Nothing to act on: deciding in December is normal, and the
			// decision takes effect by itself once the year has closed.
			fs.Infof(d.Pos, "%d年度尚未结束，%s的等次确定暂不生效", y.Year, who(m))
			continue
		}
		level := model.Warning
		if d.Grade != "" {
			level = model.Error // a grade the results could not carry would be lost silently
		}
		a := mr.Annual
		switch {
		case m.Exempt:
			fs.Add(level, d.Pos, "%s不纳入积分管理，不评定等次", who(m))
			continue
		case !m.Category.Graded():
			fs.Add(level, d.Pos, "%s为%s，不参与评定等次", who(m), m.Category)
			continue
		case a == nil:
			fs.Add(level, d.Pos, "%s本年度未参加积分管理，不评定等次", who(m))
			continue
		case a.Proposed == "":
			if d.Grade != "" {
				fs.Errorf(d.Pos, "%s缺少民主评议数据，没有建议等次，不能确定等次「%s」", who(m), d.Grade)
			}
			continue
		}
		if d.Grade != "" && d.Grade != a.Proposed && d.Reason == "" {
			at := d.ReasonPos
			if at.File == "" {
				at = d.Pos
			}
			fs.Errorf(at, "%s确定等次「%s」与建议等次「%s」不同，须填写理由", who(m), d.Grade, a.Proposed)
		}
		if d.Grade == model.Excellent && a.Proposed != model.Excellent {
			upgrades = append(upgrades, d)
		}
		a.Decision = d
	}

	excellent, graded := 0, 0
	for _, mr := range res.Members {
		a := mr.Annual
		if a == nil || a.Proposed == "" {
			continue
		}
		graded++
		a.Final = a.Proposed
		if a.Decision != nil && a.Decision.Grade != "" {
			a.Final = a.Decision.Grade
		}
		if a.Final == model.Excellent {
			excellent++
		}
		a.Actions = actions(mr.Member, a)
	}
	if s := &y.Settings; len(upgrades) > 0 {
		if lim := s.ExcellentPlaces(graded); excellent > lim {
			fs.Warnf(upgrades[0].Pos, "确定为优秀的党员共 %d 人，超过优秀比例上限 %s（参评 %d 人，限 %d 人）",
				excellent, s.QuotaPercent(), graded, lim)
		}
	}
}

// actions lists the follow-up of a final grade, committee only.
func actions(m *model.Member, a *model.Annual) []string {
	var out []string
	switch a.Final {
	case model.BasicQualify:
		if a.Decision != nil && a.Decision.Interviewer != "" {
			out = append(out, fmt.Sprintf("%s（谈话人：%s）", ActionTalk, a.Decision.Interviewer))
		} else {
			out = append(out, ActionTalk)
		}
	case model.Unqualified:
		out = append(out, ActionReport)
	}
	if m.Category == model.Probation && (a.Final == model.BasicQualify || a.Final == model.Unqualified) {
		if m.ProbationExtended {
			out = append(out, ActionCancel)
		} else {
			out = append(out, ActionProbation)
		}
	}
	return out
}
