package load

import (
	"strings"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
)

// readEntries reads one 日常登记 sheet (SPEC §2.4).
func (yl *yearLoader) readEntries(t *table) {
	st := &yl.y.Settings
	for _, r := range t.rows {
		c := yl.row(t, r)
		e := &model.Entry{}
		e.Date = c.date(model.EntryDate, true, inYear)
		e.Member = c.member()
		e.Item = c.item(model.Base, model.Reward)
		e.Count = 1
		if n, given := c.integer(model.EntryCount); given {
			if n < 1 {
				c.errorf(model.EntryCount, "次数应为正整数（现为 %d）", n)
			} else {
				e.Count = n
			}
		}
		if e.Item != nil {
			full := e.Item.Points * model.Points(e.Count)
			e.Points = full
			if p, given := c.number(model.EntryPoints); given {
				switch {
				case p == 0 || (p < 0) != (full < 0):
					c.errorf(model.EntryPoints, "分值 %s 应与项目「%s」的分值 %s 同号", p, e.Item.Name, e.Item.Points)
				case p.Abs() > full.Abs():
					c.errorf(model.EntryPoints, "分值 %s 超过项目分值×次数（%s×%d=%s）", p, e.Item.Points, e.Count, full)
				default:
					e.Points = p
				}
			}
		} else {
			c.number(model.EntryPoints)
		}
		e.Reason = c.text(model.EntryReason)
		e.Recorder = c.text(model.EntryRecorder)
		e.Witness = c.text(model.EntryWitness)
		e.RegDate = c.date(model.EntryRegDate, false, yearOrNext)
		if e.RegDate.IsZero() {
			e.RegDate = e.Date
		} else if !e.Date.IsZero() {
			if e.RegDate.Before(e.Date) {
				c.errorf(model.EntryRegDate, "登记日期 %s 早于活动日期 %s", model.DateString(e.RegDate), model.DateString(e.Date))
			} else if days := model.DaysBetween(e.Date, e.RegDate); days > st.LateDays && e.Witness == "" {
				c.errorf(pick(t, model.EntryWitness, model.EntryRegDate), "补登记（登记日期晚于活动日期 %d 天，超过补登记时限 %d 天）须填写证明人", days, st.LateDays)
			}
		}
		if e.Witness != "" && !yl.isGroupLeader(e.Witness) {
			c.warnf(model.EntryWitness, "证明人「%s」不是党小组长（名册职务中没有「党小组长」或「组长」）", e.Witness)
		}
		c.activeCheck(e.Member, e.Date, model.EntryDate)
		if c.ok {
			e.Pos = c.rowPos()
			yl.y.Entries = append(yl.y.Entries, e)
		}
	}
}

// isGroupLeader reports whether a roster member of that name has a 职务
// naming a group leader.
func (yl *yearLoader) isGroupLeader(name string) bool {
	for _, m := range yl.byName[nameKey(name)] {
		if strings.Contains(m.Role, "组长") {
			return true
		}
	}
	return false
}

// approval reads 通过 / 不通过 / 待审 (blank = 待审); ok is false for
// anything else.
func (c *rc) approval(h *model.Column) (a model.Approval, ok bool) {
	switch v := nameKey(c.text(h)); v {
	case "", model.Pending.String(), "待审核", "审核中":
		return model.Pending, true
	case model.Approved.String(), "同意":
		return model.Approved, true
	case model.Rejected.String(), "不同意":
		return model.Rejected, true
	}
	c.errorf(h, "%s「%s」应为 通过、不通过 或 待审", h.Header, c.text(h))
	return model.Pending, false
}

// readClaims reads one 奖励申报 sheet (SPEC §2.5).
func (yl *yearLoader) readClaims(t *table) {
	st := &yl.y.Settings
	for _, r := range t.rows {
		c := yl.row(t, r)
		cl := &model.Claim{}
		cl.Date = c.date(model.ClaimDate, true, inYear)
		cl.Member = c.member()
		cl.Item = c.item(model.Reward)
		cl.Reason = c.required(model.ClaimReason)
		cl.Proof = c.text(model.ClaimProof)
		claimed, cGiven := c.number(model.ClaimPoints)
		if cl.Item != nil {
			cl.Claimed = cl.Item.Points
			if cGiven {
				switch {
				case claimed <= 0:
					c.errorf(model.ClaimPoints, "申报分值应大于 0（现为 %s）", claimed)
				case claimed > cl.Item.Points:
					c.errorf(model.ClaimPoints, "申报分值 %s 超过项目「%s」的分值 %s", claimed, cl.Item.Name, cl.Item.Points)
				default:
					cl.Claimed = claimed
				}
			}
			if cl.Item.NeedsProof && cl.Proof == "" {
				c.errorf(pick(t, model.ClaimProof, model.ClaimItem), "项目「%s」需证明材料，请填写证明材料", cl.Item.Name)
			}
		}
		var ok1, ok2 bool
		cl.GroupOpinion, ok1 = c.approval(model.ClaimGroupOpinion)
		cl.Decision, ok2 = c.approval(model.ClaimDecision)
		cl.Awarded = cl.Claimed
		if a, given := c.number(model.ClaimAwarded); given {
			switch {
			case a <= 0:
				c.errorf(model.ClaimAwarded, "审定分值应大于 0（现为 %s）", a)
			case cl.Claimed > 0 && a > cl.Claimed:
				c.errorf(model.ClaimAwarded, "审定分值 %s 超过申报分值 %s", a, cl.Claimed)
			default:
				cl.Awarded = a
			}
		}
		if !cl.Date.IsZero() && cl.Date.Year() == yl.year {
			cl.Quarter = ClaimQuarter(cl.Date, st.ClaimCutoffDay)
			if cl.Quarter == 0 {
				c.warnf(model.ClaimDate, "申报日期 %s 晚于第四季度奖励申报截止日（12 月 %d 日），不计入 %d 年度，请登记在下一年度",
					model.DateString(cl.Date), st.ClaimCutoffDay, yl.year)
			}
		}
		if ok1 && ok2 && cl.GroupOpinion != model.Rejected && cl.Decision != model.Rejected &&
			(cl.GroupOpinion == model.Pending || cl.Decision == model.Pending) {
			h := model.ClaimDecision
			if cl.GroupOpinion == model.Pending {
				h = model.ClaimGroupOpinion
			}
			c.warnf(pick(t, h, model.ClaimDecision, model.ClaimGroupOpinion, model.ClaimDate), "奖励申报尚未审定（党小组意见：%s，支部审定：%s），审定通过前不计分",
				cl.GroupOpinion, cl.Decision)
		}
		c.activeCheck(cl.Member, cl.Date, model.ClaimDate)
		if c.ok {
			cl.Pos = c.rowPos()
			yl.y.Claims = append(yl.y.Claims, cl)
		}
	}
}

// ClaimQuarter is the quarter a claim counts in (SPEC §2.5): the quarter
// of its date, or the next one when it is dated after the cut-off day of
// the quarter's last month; 0 after the Q4 cut-off.
func ClaimQuarter(d time.Time, cutoff int) int {
	q := model.QuarterOf(d)
	if end := model.QuarterEnd(d.Year(), q); d.Month() == end.Month() && d.Day() > min(cutoff, end.Day()) {
		q++
	}
	if q > 4 {
		return 0
	}
	return q
}

// readDeductions reads one 违规扣分 sheet (SPEC §2.6).
func (yl *yearLoader) readDeductions(t *table) {
	for _, r := range t.rows {
		c := yl.row(t, r)
		de := &model.DeductionEntry{}
		de.Date = c.date(model.DeductionDate, true, inYear)
		de.Member = c.member()
		de.Item = c.item(model.Deduction)
		de.Reason = c.required(model.DeductionReason)
		de.Source = c.oneOf(model.DeductionSource, model.DeductionSources...)
		de.Basis = c.text(model.DeductionBasis)
		p, given := c.number(model.DeductionPoints)
		if de.Item != nil {
			full := de.Item.Points.Abs()
			de.Points = full
			if given {
				switch {
				case p < 0: // SPEC §2.6: a magnitude; a sign here is more likely a slip than a convention
					c.errorf(model.DeductionPoints, "扣分 %s 应填写为正数（扣除的分数），如 %s", p, full)
				case p == 0:
					c.errorf(model.DeductionPoints, "扣分应大于 0")
				case p > full:
					c.errorf(model.DeductionPoints, "扣分 %s 超过项目「%s」的扣分 %s", p, de.Item.Name, full)
				default:
					de.Points = p
				}
			}
		}
		c.activeCheck(de.Member, de.Date, model.DeductionDate)
		if c.ok {
			de.Pos = c.rowPos()
			yl.y.Deductions = append(yl.y.Deductions, de)
		}
	}
}

// readEvaluations reads one 民主评议 sheet (SPEC §2.7); one row per member.
func (yl *yearLoader) readEvaluations(t *table, seen map[*model.Member]model.Pos) {
	hundred := model.P(100)
	for _, r := range t.rows {
		c := yl.row(t, r)
		ev := &model.Evaluation{Member: c.member()}
		score, sGiven := c.number(model.EvalScore)
		if sGiven {
			if score < 0 || score > hundred {
				c.errorf(model.EvalScore, "评议得分应在 0 到 100 之间（现为 %s）", score)
			}
			ev.Score = score.Rat()
		}
		var votes [4]int
		vGiven := false
		for i, h := range model.EvalVotes {
			if n, given := c.integer(h); given {
				vGiven = true
				if n < 0 {
					c.errorf(h, "%s不能为负数", h.Header)
				}
				votes[i] = n
			}
		}
		if vGiven {
			n := votes[0] + votes[1] + votes[2] + votes[3]
			if n <= 0 {
				c.errorf(pick(t, model.EvalVotes[0], model.EvalVotes[1], model.EvalVotes[2], model.EvalVotes[3]), "票数合计为 0，无法计算评议得分")
			} else {
				ev.Votes = &votes
				fromVotes := model.VoteScore(votes)
				if ev.Score == nil {
					ev.Score = fromVotes
				} else if model.Round2(fromVotes) != score {
					c.warnf(model.EvalScore, "评议得分 %s 与按票数计算的 %s 不一致，以评议得分为准", score, model.RatString(fromVotes))
				}
			}
		}
		if !sGiven && !vGiven {
			c.errorf(pick(t, model.EvalScore, model.EvalVotes[0]), "缺少评议得分（或优秀票、合格票、基本合格票、不合格票）")
		}
		if p, given := c.number(model.EvalPromiseScore); given {
			if p < 0 || p > hundred {
				c.errorf(model.EvalPromiseScore, "承诺践诺得分应在 0 到 100 之间（现为 %s）", p)
			}
			ev.Promise = p.Rat()
		} else if c.text(model.EvalPromiseScore) == "" {
			c.errorf(model.EvalPromiseScore, "缺少承诺践诺得分")
		}
		if ev.Member != nil {
			if p, dup := seen[ev.Member]; dup {
				c.errorf(c.memberCol(), "党员「%s」的民主评议重复（已在 %s 登记）", ev.Member.Name, p)
			}
		}
		if c.ok {
			ev.Pos = c.rowPos()
			seen[ev.Member] = ev.Pos
			yl.y.Evaluations = append(yl.y.Evaluations, ev)
		}
	}
}

// readObjections reads one 异议处理 sheet (SPEC §2.8).
func (yl *yearLoader) readObjections(t *table) {
	for _, r := range t.rows {
		c := yl.row(t, r)
		o := &model.Objection{}
		o.Received = c.date(model.ObjectionReceived, true, yearOrNext)
		if raw := c.text(model.ObjectionQuarter); raw == "" {
			c.errorf(model.ObjectionQuarter, "缺少季度")
		} else if AnnualPeriod(raw) {
			o.Quarter = 0 // an objection to the annual 公示 (SPEC §2.8)
		} else if q, err := ParseQuarter(raw); err != nil {
			c.errorf(model.ObjectionQuarter, "季度「%s」应为 1–4（或 一季度、第一季度、Q1），对年度评定结果公示的异议填「年度」", raw)
		} else {
			o.Quarter = q
		}
		o.Member = c.member()
		o.Matter = c.required(model.ObjectionMatter)
		o.Investigation = c.text(model.ObjectionInvestigation)
		o.Outcome = c.oneOf(model.ObjectionOutcome, model.Outcomes...)
		o.Feedback = c.date(model.ObjectionFeedback, false, yearOrNext)
		if !o.Feedback.IsZero() && !o.Received.IsZero() && o.Feedback.Before(o.Received) {
			c.errorf(model.ObjectionFeedback, "反馈日期 %s 早于受理日期 %s", model.DateString(o.Feedback), model.DateString(o.Received))
		}
		o.Status = c.oneOf(model.ObjectionStatus, model.Statuses...)
		if o.Status == "" && c.text(model.ObjectionStatus) == "" {
			o.Status = model.StatusOpen
			if !o.Feedback.IsZero() {
				o.Status = model.StatusAnswered
			}
		}
		if c.ok {
			o.Pos = c.rowPos()
			yl.y.Objections = append(yl.y.Objections, o)
		}
	}
}

// readDecisions reads one 等次确定 sheet (SPEC §2.9); one row per member.
func (yl *yearLoader) readDecisions(t *table, seen map[*model.Member]model.Pos) {
	for _, r := range t.rows {
		c := yl.row(t, r)
		d := &model.Decision{Member: c.member()}
		d.Grade = model.Grade(c.oneOf(model.DecisionGrade, model.Texts(model.Grades)...))
		d.Reason = c.text(model.DecisionReason)
		d.Interviewer = c.text(model.DecisionInterviewer)
		d.Date = c.date(model.DecisionDate, false, yearOrNext)
		if d.Member != nil && d.Member.Category != "" && !d.Member.Category.Graded() && d.Grade != "" {
			c.errorf(model.DecisionGrade, "「%s」是%s，不评定等次", d.Member.Name, d.Member.Category)
		}
		if d.Member != nil {
			if p, dup := seen[d.Member]; dup {
				c.errorf(c.memberCol(), "党员「%s」的等次确定重复（已在 %s 登记）", d.Member.Name, p)
			}
		}
		if c.ok {
			d.Pos = c.rowPos()
			d.ReasonPos = c.pos(model.DecisionGrade)
			if c.t.has(model.DecisionReason) {
				d.ReasonPos = c.pos(model.DecisionReason)
			}
			seen[d.Member] = d.Pos
			yl.y.Decisions = append(yl.y.Decisions, d)
		}
	}
}

// readCommitments reads one 承诺书 sheet (SPEC §2.10).
func (yl *yearLoader) readCommitments(t *table) {
	for _, r := range t.rows {
		c := yl.row(t, r)
		cm := &model.Commitment{Member: c.member()}
		cm.Content = c.required(model.CommitmentContent)
		cm.Reviewer = c.text(model.CommitmentReviewer)
		cm.Signed = c.date(model.CommitmentSigned, false, yearOrNext)
		if c.ok {
			cm.Pos = c.rowPos()
			yl.y.Commitments = append(yl.y.Commitments, cm)
		}
	}
}
