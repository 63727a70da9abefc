package score_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/score"
)

// bigYear is a large branch: members members, entries 日常登记 rows spread
// over the year, plus a claim and a deduction per member in every tenth
// row, and an evaluation for everyone. Deterministic.
func bigYear(members, entries int) *yb {
	b := newYB()
	r := rand.New(rand.NewPCG(1, 2))
	cats := []model.Category{model.Full, model.Full, model.Full, model.Probation, model.Activist}
	var ms []*model.Member
	for i := 0; i < members; i++ {
		m := b.member(fmt.Sprintf("D%04d", i+1), fmt.Sprintf("党员%d", i+1), cats[i%len(cats)])
		if i%50 == 0 {
			m.In = day(time.May, 1)
		}
		ms = append(ms, m)
		b.eval(m, fmt.Sprint(60+r.IntN(41)), fmt.Sprint(60+r.IntN(41)))
	}
	codes := []string{"B", "B", "B", "BC", "R", "RC"}
	for i := 0; i < entries; i++ {
		m := ms[i%members]
		d := day(time.January, 1).AddDate(0, 0, r.IntN(365))
		if !m.Active(d) {
			d = m.In
		}
		code := codes[r.IntN(len(codes))]
		b.entry(m, code, d, float64(b.y.Item(code).Points)/100)
		if i%10 == 0 {
			b.claim(m, "R", d, model.QuarterOf(d), 1, model.Approved, model.Approved)
			b.deduction(m, "D", d, 0.5)
		}
	}
	return b
}

func BenchmarkScore(b *testing.B) {
	y := bigYear(1000, 100000).y
	b.ReportAllocs()
	start, n := cpuTime(), 0
	for b.Loop() {
		score.Score(y, closedAsOf)
		n++
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(n), "cpu-ns/op")
}

func BenchmarkJSON(b *testing.B) {
	res, _ := score.Score(bigYear(1000, 100000).y, closedAsOf)
	b.ReportAllocs()
	start, n := cpuTime(), 0
	for b.Loop() {
		if _, err := score.JSON(res); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(n), "cpu-ns/op")
}
