package scaffold

import (
	"fmt"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/workbook"
)

// layout places the values a generator writes, in the order it names
// their columns, at those columns of the kind's template (model.Schema):
// the demo and the large registers name each value's column once, next to
// the values, so their rows follow the schema whatever its order, and a
// column they do not fill stays blank.
type layout struct {
	cols []*model.Column // the kind's template
	at   []int           // value i goes to cols[at[i]]
}

func newLayout(k model.Kind, order ...*model.Column) layout {
	l := layout{cols: k.Schema().Template()}
	for _, c := range order {
		i := -1
		for j, tc := range l.cols {
			if tc == c {
				i = j
			}
		}
		if i < 0 {
			panic(fmt.Sprintf("scaffold: column %s is not in the template of %s", c.Header, k))
		}
		l.at = append(l.at, i)
	}
	return l
}

// row is one template row of the values, given in the layout's order.
func (l layout) row(vals ...any) []any {
	if len(vals) > len(l.at) {
		panic(fmt.Sprintf("scaffold: %d values for %d columns", len(vals), len(l.at)))
	}
	out := make([]any, len(l.cols))
	for i, v := range vals {
		out[l.at[i]] = v
	}
	return out
}

// rows lays out rows of values given in the layout's order.
func (l layout) rows(in [][]any) [][]any {
	out := make([][]any, len(in))
	for i, r := range in {
		out[i] = l.row(r...)
	}
	return out
}

// The orders in which the generators write each kind's values.
var (
	settingLayout = newLayout(model.KindSettings, model.SettingKey, model.SettingValue, model.SettingNote)
	rubricLayout  = newLayout(model.KindItems, model.ItemCode, model.ItemClass, model.ItemName, model.ItemPoints,
		model.ItemQuarterCap, model.ItemNeedsProof, model.ItemNote)
	rosterLayout = newLayout(model.KindRoster, model.RosterID, model.RosterName, model.RosterCategory, model.RosterGroup,
		model.RosterRole, model.RosterIn, model.RosterOut, model.RosterExempt, model.RosterExemptReason, model.RosterFiling,
		model.RosterExtended, model.RosterIDCard, model.RosterPhone)
	entryLayout = newLayout(model.KindEntries, model.EntryDate, model.EntryID, model.EntryName, model.EntryItem,
		model.EntryCount, model.EntryPoints, model.EntryReason, model.EntryRecorder, model.EntryRegDate, model.EntryWitness,
		model.EntryNote)
	claimLayout = newLayout(model.KindClaims, model.ClaimDate, model.ClaimID, model.ClaimName, model.ClaimItem,
		model.ClaimReason, model.ClaimPoints, model.ClaimProof, model.ClaimGroupOpinion, model.ClaimDecision, model.ClaimAwarded)
	deductionLayout = newLayout(model.KindDeductions, model.DeductionDate, model.DeductionID, model.DeductionName,
		model.DeductionItem, model.DeductionPoints, model.DeductionReason, model.DeductionSource, model.DeductionBasis,
		model.DeductionReporter, model.DeductionNote)
	objectionLayout = newLayout(model.KindObjections, model.ObjectionReceived, model.ObjectionQuarter, model.ObjectionID,
		model.ObjectionName, model.ObjectionMatter, model.ObjectionRaiser, model.ObjectionInvestigation,
		model.ObjectionOutcome, model.ObjectionFeedback, model.ObjectionStatus)
	// The vote counts follow model.EvalVotes: 优秀, 合格, 基本合格, 不合格.
	evaluationLayout = newLayout(model.KindEvaluations, model.EvalID, model.EvalName, model.EvalScore,
		model.EvalExcellent, model.EvalQualified, model.EvalBasic, model.EvalUnqualified, model.EvalPromiseScore)
	decisionLayout = newLayout(model.KindDecisions, model.DecisionID, model.DecisionName, model.DecisionGrade,
		model.DecisionReason, model.DecisionInterviewer, model.DecisionDate)
	commitmentLayout = newLayout(model.KindCommitments, model.CommitmentID, model.CommitmentName,
		model.CommitmentContent, model.CommitmentReviewer, model.CommitmentSigned)
	gridLayout = newLayout(model.KindGrid, model.GridSeq, model.GridID, model.GridName, model.GridGroup)
)

// table is a kind's sheet of the template: its name, title and columns.
func table(k model.Kind, title string) workbook.Table {
	return workbook.Table{Sheet: string(k), Title: title, Columns: k.Schema().Template()}
}

// titled is a kind's sheet headed by its title for the year.
func titled(k model.Kind, year int) workbook.Table { return table(k, k.Schema().TitleOf(year)) }
