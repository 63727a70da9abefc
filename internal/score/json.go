package score

import (
	"bytes"
	"encoding/json"

	"github.com/jifen-dev/jifen/internal/model"
)

// The scores.json schema of SPEC §6. Field order is the output order.
type (
	jsonDoc struct {
		Year       int       `json:"year"`
		Branch     string    `json:"branch"`
		AsOf       string    `json:"as_of"`
		YearClosed bool      `json:"year_closed"`
		Quarters   []jsonPub `json:"quarters"`
		// AnnualPub is the annual 公示's state and postings (SPEC §11).
		AnnualPub jsonAnnualPub `json:"annual_publication"`
		Members   []*jsonMember `json:"members"`
	}
	jsonPub struct {
		Quarter int          `json:"quarter"`
		Start   string       `json:"publication_start"`
		End     string       `json:"publication_end"`
		State   *string      `json:"state"`  // 待张贴 / 公示中 / 核实中 / 已定稿; null when not known
		Posted  []jsonPosted `json:"posted"` // the 公示 and 更正公示 recorded by jifen post, oldest first
	}
	jsonAnnualPub struct {
		State  *string      `json:"state"` // 未结束 … 已定稿; null when not known
		Start  string       `json:"publication_start"`
		End    string       `json:"publication_end"`
		Posted []jsonPosted `json:"posted"`
	}
	// jsonPosted is one posting of a period (its record in 公示存档).
	jsonPosted struct {
		Kind string `json:"kind"` // 公示 / 更正公示
		Date string `json:"date"` // the day it went up
	}
	jsonMember struct {
		ID       string      `json:"id"`
		Name     string      `json:"name"`
		Category string      `json:"category"`
		Group    string      `json:"group"`
		Exempt   bool        `json:"exempt"`
		Quarters []any       `json:"quarters"` // *jsonQuarter or jsonAbsent
		Annual   *jsonAnnual `json:"annual"`
	}
	// jsonAbsent is a quarter the member did not take part in: no figures.
	jsonAbsent struct {
		Quarter       int  `json:"quarter"`
		Participating bool `json:"participating"`
	}
	jsonQuarter struct {
		Quarter       int         `json:"quarter"`
		Participating bool        `json:"participating"`
		Base          json.Number `json:"base"`
		Reward        json.Number `json:"reward"`
		Deduction     json.Number `json:"deduction"`
		Total         json.Number `json:"total"`
		Rank          *int        `json:"rank"`
	}
	jsonAnnual struct {
		QuarterAvg    json.Number  `json:"quarter_avg"`
		BaseAvg       json.Number  `json:"base_avg"`
		RewardAvg     json.Number  `json:"reward_avg"`
		DeductionSum  json.Number  `json:"deduction_sum"`
		Democratic    *json.Number `json:"democratic"`
		Total         *json.Number `json:"total"`
		Rank          *int         `json:"rank"`
		ProposedGrade *string      `json:"proposed_grade"`
		FinalGrade    *string      `json:"final_grade"`
		Reason        string       `json:"reason"`
		Actions       []string     `json:"actions"`
	}
)

// JSON encodes a result in the SPEC §6 scores.json schema: numbers rounded
// half away from zero to two decimals and written without trailing zeros,
// quarters only for closed quarters, nulls where the SPEC says. The output
// is indented with two spaces, ends with a newline and is deterministic.
func JSON(res *model.Result) ([]byte, error) {
	y := res.Year
	doc := jsonDoc{
		Year:       y.Year,
		Branch:     y.Settings.Branch,
		AsOf:       model.DateString(res.AsOf),
		YearClosed: res.YearClosed,
		Quarters:   []jsonPub{},
		Members:    make([]*jsonMember, 0, len(res.Members)),
	}
	for q := 1; q <= 4; q++ {
		if !res.Closed[q-1] {
			continue
		}
		start, end := y.Settings.Publication(q)
		state, posted := publication(res, q)
		doc.Quarters = append(doc.Quarters, jsonPub{q, model.DateString(start), model.DateString(end), state, posted})
	}
	start, end := y.AnnualPublication()
	state, posted := publication(res, 0)
	doc.AnnualPub = jsonAnnualPub{State: state, Start: model.DateString(start), End: model.DateString(end), Posted: posted}
	for _, mr := range res.Members {
		m := mr.Member
		jm := &jsonMember{ID: m.ID, Name: m.Name, Category: string(m.Category), Group: m.Group,
			Exempt: m.Exempt, Quarters: []any{}}
		for _, qs := range mr.Quarters {
			if !res.Closed[qs.Quarter-1] {
				continue
			}
			if !qs.Participating {
				jm.Quarters = append(jm.Quarters, jsonAbsent{Quarter: qs.Quarter})
				continue
			}
			jm.Quarters = append(jm.Quarters, &jsonQuarter{Quarter: qs.Quarter, Participating: true,
				Base: model.JSONPoints(qs.Base), Reward: model.JSONPoints(qs.Reward), Deduction: model.JSONPoints(qs.Deduction), Total: model.JSONPoints(qs.Total),
				Rank: model.JSONRank(qs.Rank)})
		}
		if a := mr.Annual; a != nil {
			jm.Annual = &jsonAnnual{
				QuarterAvg:    model.JSONRat(a.QuarterAvg),
				BaseAvg:       model.JSONRat(a.BaseAvg),
				RewardAvg:     model.JSONRat(a.RewardAvg),
				DeductionSum:  model.JSONPoints(a.DeductionSum),
				Democratic:    model.JSONOptRat(a.Democratic),
				Total:         model.JSONOptRat(a.Total),
				Rank:          model.JSONRank(a.Rank),
				ProposedGrade: grade(a.Proposed),
				FinalGrade:    grade(a.Final),
				Reason:        a.Reason,
				Actions:       append([]string{}, a.Actions...),
			}
		}
		doc.Members = append(doc.Members, jm)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // reasons contain "<"; keep the file readable
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func grade(g model.Grade) *string {
	if g == "" {
		return nil
	}
	s := string(g)
	return &s
}

// publication is period q's state and postings for scores.json.
func publication(res *model.Result, q int) (*string, []jsonPosted) {
	pub := res.Pub(q)
	posted := []jsonPosted{}
	for _, r := range pub.Records {
		posted = append(posted, jsonPosted{Kind: string(r.Kind), Date: model.DateString(r.Posted)})
	}
	if pub.State == "" {
		return nil, posted
	}
	s := string(pub.State)
	return &s, posted
}
