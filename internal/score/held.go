package score

import "github.com/jifen-dev/jifen/internal/model"

// hold marks the annual results an objection still keeps off the public
// documents (SPEC §11): a member whose 异议处理 row for 年度 is still 受理中
// has his grade shown as 待定 until the objection is answered. Only the
// public label changes; the committee sees the grade and the objection.
func hold(res *model.Result) {
	for _, o := range res.Year.Objections {
		if o.Quarter != 0 || o.Status != model.StatusOpen || o.Member == nil {
			continue
		}
		if mr := res.Member(o.Member.ID); mr != nil && mr.Annual != nil {
			mr.Annual.Held = true
		}
	}
}
