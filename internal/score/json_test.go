package score_test

import (
	"bytes"
	"encoding/json"
	"math/big"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/golden"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/score"
)

// smallYear is a branch of seven with one of each situation the JSON must
// show: 优秀, an extended probation with a decision, a transfer-out whose
// average ends in 5 at the third decimal, an activist, an exempted retiree,
// a member without 民主评议 and a negative quarter.
func smallYear() *yb {
	b := newYB()
	s := &b.y.Settings
	s.ExcellentQuota = big.NewRat(1, 4)
	s.PublicationStart[1] = day(time.July, 3)

	exc := b.member("D001", "张三", model.Full)
	exc.Role = "党小组长"
	b.steady(exc, 78.5, 6, "")
	b.entry(exc, "RC", day(time.August, 8), 2)
	b.claim(exc, "RC", day(time.August, 9), 3, 2, model.Approved, model.Approved) // 季度上限 3
	b.deduction(exc, "D", day(time.May, 6), 2)
	b.eval(exc, "86", "90") // 8.72

	prob := b.member("Y001", "李四", model.Probation)
	prob.ProbationExtended = true
	prob.Group = "第二党小组"
	b.steady(prob, 62, 2, "")
	b.deduction(prob, "DC", day(time.October, 9), 3)
	b.deduction(prob, "DC", day(time.October, 10), 3)
	b.eval(prob, "70", "80") // 7.3
	b.decision(prob, "", "", "王书记")

	out := b.member("D002", "王五", model.Full)
	out.Out = day(time.June, 30)
	b.entry(out, "B", day(time.February, 3), 75.01)
	b.entry(out, "B", day(time.May, 3), 75)
	b.entry(out, "R", day(time.May, 4), 5)
	b.entry(out, "R", day(time.February, 4), 5)
	votes := [4]int{6, 3, 1, 0}
	ev := &model.Evaluation{Pos: b.pos("民主评议"), Member: out, Votes: &votes, Score: model.VoteScore(votes), Promise: big.NewRat(95, 1)}
	b.y.Evaluations = append(b.y.Evaluations, ev) // 评议 90 → 9.15; composite 80.005 + 9.15

	act := b.member("J001", "赵六", model.Activist)
	b.steady(act, 70, 3, "8")

	ret := b.member("T001", "钱七", model.Full)
	ret.Exempt, ret.ExemptReason = true, "长期外地居住"
	b.entry(ret, "B", day(time.March, 1), 10)

	noEval := b.member("D003", "孙八", model.Full)
	b.steady(noEval, 70, 4, "")

	neg := b.member("D004", "周九", model.Full)
	b.steady(neg, 50, 0, "6")
	b.deduction(neg, "D", day(time.January, 20), 52.25)
	b.deduction(neg, "D", day(time.November, 20), 10)
	return b
}

func TestJSONGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		asOf time.Time
	}{
		{"closed", closedAsOf},
		{"open", day(time.October, 8)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, fs := score.Score(smallYear().y, tc.asOf)
			got, err := score.JSON(res)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, tc.name+".findings.golden", []byte(strings.Join(findingStrings(fs), "\n")+"\n"))
			again, _ := score.JSON(res)
			if !bytes.Equal(got, again) {
				t.Errorf("JSON is not deterministic")
			}
			if !json.Valid(got) || !bytes.HasSuffix(got, []byte("}\n")) {
				t.Errorf("JSON is not one valid document ending in a newline")
			}
			golden.Check(t, tc.name+".json.golden", got)
		})
	}
}

// decoded reads scores.json back into generic values for targeted checks.
func decoded(t *testing.T, b *yb, asOf time.Time) map[string]any {
	t.Helper()
	res, _ := score.Score(b.y, asOf)
	out, err := score.JSON(res)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func member(doc map[string]any, id string) map[string]any {
	for _, m := range doc["members"].([]any) {
		if m := m.(map[string]any); m["id"] == id {
			return m
		}
	}
	return nil
}

func TestJSONHalfUpRounding(t *testing.T) {
	// 80.005 has no exact float64; the nearest is just below, so a float
	// implementation prints 80.00 where 四舍五入 of the exact value is 80.01.
	if s := strconv.FormatFloat(80.005, 'f', 2, 64); s != "80.00" {
		t.Fatalf("float64 rounds 80.005 to %s; the test no longer shows the float trap", s)
	}
	b := newYB()
	m := b.member("D001", "张三", model.Full)
	b.entry(m, "B", day(time.January, 5), 70.01)
	b.entry(m, "B", day(time.April, 5), 70.01)
	b.entry(m, "B", day(time.July, 5), 70)
	b.entry(m, "B", day(time.October, 5), 70)
	b.deduction(m, "D", day(time.October, 6), 0.01)
	b.eval(m, "10.05", "10.05") // democratic 1.005 → 1.01
	a := member(decoded(t, b, closedAsOf), "D001")["annual"].(map[string]any)
	for key, want := range map[string]string{
		"base_avg":      "70.01", // 70.005
		"quarter_avg":   "70",    // 70.0025
		"democratic":    "1.01",  // 1.005
		"total":         "71.01", // 71.0075
		"rank":          "1",
		"deduction_sum": "0.01",
	} {
		if got := a[key].(json.Number).String(); got != want {
			t.Errorf("annual.%s = %s, want %s", key, got, want)
		}
	}
	// Negative values round half away from zero too: −0.005 → −0.01.
	if got := model.Round2(big.NewRat(-5, 1000)); got != -1 {
		t.Errorf("Round2(-0.005) = %v", got)
	}
}

func TestJSONNulls(t *testing.T) {
	doc := decoded(t, smallYear(), closedAsOf)
	check := func(id, path string, want string) {
		t.Helper()
		var v any = member(doc, id)
		for _, k := range strings.Split(path, ".") {
			switch x := v.(type) {
			case map[string]any:
				v = x[k]
			case []any:
				i, _ := strconv.Atoi(k)
				v = x[i]
			}
		}
		got, _ := json.Marshal(v)
		if string(got) != want {
			t.Errorf("%s.%s = %s, want %s", id, path, got, want)
		}
	}
	check("J001", "quarters.0.rank", "null")
	check("J001", "annual.rank", "null")
	check("J001", "annual.proposed_grade", "null")
	check("J001", "annual.final_grade", "null")
	check("J001", "annual.democratic", "8")
	check("T001", "annual", "null")
	check("T001", "exempt", "true")
	check("T001", "quarters.0", `{"participating":false,"quarter":1}`)
	check("D002", "quarters.2", `{"participating":false,"quarter":3}`)
	check("D003", "annual.democratic", "null")
	check("D003", "annual.total", "null")
	check("D003", "annual.rank", "null")
	check("D003", "annual.proposed_grade", "null")
	check("D003", "annual.actions", "[]")
	check("D001", "annual.actions", "[]")
	check("D001", "annual.final_grade", `"优秀"`)
	check("Y001", "annual.actions", `["提醒谈话（谈话人：王书记）","按程序取消预备党员资格"]`)

	open := decoded(t, smallYear(), day(time.October, 8))
	if q := open["quarters"].([]any); len(q) != 3 {
		t.Errorf("open year publishes %d quarters, want 3", len(q))
	}
	if a := member(open, "D001")["annual"]; a != nil {
		t.Errorf("open year annual = %v", a)
	}
	if q := member(open, "D001")["quarters"].([]any); len(q) != 3 {
		t.Errorf("open year member quarters = %d, want 3", len(q))
	}
	none := decoded(t, smallYear(), day(time.March, 31))
	if q := none["quarters"].([]any); len(q) != 0 || member(none, "D001")["quarters"] == nil {
		t.Errorf("no closed quarter: quarters %v, member quarters %v (want [] and [])", q, member(none, "D001")["quarters"])
	}
}
