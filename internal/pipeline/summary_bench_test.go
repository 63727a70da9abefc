package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/filing"
	"github.com/jifen-dev/jifen/internal/model"
)

// synthResult is a scored year of a generated branch, made without
// workbooks or PDFs: the summary's cost is in reading and hashing bundles,
// which documents of the real size exercise as well as real ones.
func synthResult(branch string, members int, r *rand.Rand) *model.Result {
	s := model.DefaultSettings(2026)
	s.Branch, s.Superior, s.GradesDecided = branch, "中共示例市直属机关工作委员会", true
	y := &model.Year{Year: 2026, Settings: s}
	res := &model.Result{Year: y, AsOf: model.NewDate(2027, 1, 20), Closed: [4]bool{true, true, true, true}, YearClosed: true}
	grades := []model.Grade{model.Excellent, model.Qualified, model.Qualified, model.Qualified, model.BasicQualify, model.Unqualified}
	for i := range members {
		m := &model.Member{ID: fmt.Sprintf("M%04d", i+1), Name: "党员" + fmt.Sprint(i+1), Category: model.Full, Group: fmt.Sprintf("第%d党小组", i%4+1)}
		y.Members = append(y.Members, m)
		mr := &model.MemberResult{Member: m}
		var sum model.Points
		for q := range 4 {
			base, reward := model.Points(6000+r.IntN(2001)), model.Points(r.IntN(1001))
			ded := model.Points(0)
			if r.IntN(8) == 0 {
				ded = 500
			}
			total := base + reward - ded
			sum += total
			mr.Quarters[q] = model.QuarterScore{Quarter: q + 1, Participating: true, Base: base, Reward: reward, Deduction: ded, Total: total, Rank: i + 1}
		}
		g := grades[r.IntN(len(grades))]
		avg := big.NewRat(int64(sum), 400)
		mr.Annual = &model.Annual{Quarters: 4, QuarterAvg: avg, BaseAvg: avg, RewardAvg: big.NewRat(5, 1), Democratic: big.NewRat(8, 1),
			Total: new(big.Rat).Add(avg, big.NewRat(8, 1)), Rank: i + 1, Proposed: g, Final: g}
		if g == model.BasicQualify {
			mr.Annual.Actions = []string{"提醒谈话（谈话人：支部书记）"}
		}
		res.Members = append(res.Members, mr)
	}
	return res
}

// writeSynthBundles writes branches × periods bundles into dir with
// documents of the demo's sizes (notice 47 KB, slips 190 KB, register
// 100 KB), random bytes as PDF streams are.
func writeSynthBundles(tb testing.TB, dir string, branches, members int, periods []int) int {
	tb.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	doc := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		return append([]byte("%PDF-1.4\n"), b...)
	}
	notice, slips, register := doc(47<<10), doc(190<<10), doc(100<<10)
	n := 0
	for i := range branches {
		branch := fmt.Sprintf("中共示例市第%03d机关党支部", i+1)
		res := synthResult(branch, members, r)
		for _, q := range periods {
			var buf bytes.Buffer
			docs := filing.Docs{Notice: notice, Slips: slips, Register: register}
			if err := filing.Write(&buf, res, q, docs); err != nil {
				tb.Fatal(err)
			}
			put(tb, filepath.Join(dir, fmt.Sprintf("%03d", i/50), filing.FileName(branch, 2026, q)), buf.Bytes())
			n++
		}
	}
	return n
}

// BenchmarkSummary is a city's 机关工委 (SPEC §10): 500 branches of 40
// members (20,000 members) filing one quarter. cold verifies every bundle
// into an empty output; rerun finds one bundle changed and reuses the rest.
func BenchmarkSummary(b *testing.B) {
	in := b.TempDir()
	n := writeSynthBundles(b, in, 500, 40, []int{4})
	// The bundles were made on 2027-01-20: the run is dated after that,
	// whatever the machine's clock says, or they are not counted.
	clock := at(time.Date(2027, 2, 1, 9, 0, 0, 0, time.UTC))
	b.Run("cold", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			rep, err := Summary(context.Background(), SummaryConfig{In: in, Out: filepath.Join(b.TempDir(), "s"), Clock: clock})
			if err != nil || rep.Valid != n {
				b.Fatalf("Summary = %v %+v", err, rep)
			}
		}
	})
	b.Run("rerun", func(b *testing.B) {
		out := filepath.Join(b.TempDir(), "s")
		if _, err := Summary(context.Background(), SummaryConfig{In: in, Out: out, Clock: clock}); err != nil {
			b.Fatal(err)
		}
		touched := filepath.Join(in, "000", filing.FileName("中共示例市第001机关党支部", 2026, 4))
		for i := 0; b.Loop(); i++ {
			now := time.Now().Add(time.Duration(i) * time.Second)
			if err := os.Chtimes(touched, now, now); err != nil {
				b.Fatal(err)
			}
			rep, err := Summary(context.Background(), SummaryConfig{In: in, Out: out, Clock: clock})
			if err != nil || rep.Read != 1 || rep.Reused != n-1 {
				b.Fatalf("Summary = %v %+v", err, rep)
			}
		}
	})
}
