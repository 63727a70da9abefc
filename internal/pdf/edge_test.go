package pdf

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jifen-dev/jifen/internal/model"
)

// TestEmpty renders every document for a branch with nobody in it.
func TestEmpty(t *testing.T) {
	t.Parallel()
	res := testResult(t, 0)
	for _, doc := range documents {
		var buf bytes.Buffer
		fs, err := doc.render(&buf, res, Options{Now: testNow})
		if err != nil || len(fs) != 0 {
			t.Errorf("%s: %v %v", doc.name, fs, err)
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
			t.Errorf("%s: no PDF", doc.name)
		}
	}
}

// TestTallRow gives one slip line a 事由 longer than a page: the row is
// split over pages and every character still comes out.
func TestTallRow(t *testing.T) {
	t.Parallel()
	res := testResult(t, 2)
	long := strings.Repeat("参加社区志愿服务，协助开展人口普查入户登记（第12组，Excel 汇总）。", 90)
	res.Members[0].Quarters[0].Lines[1].Reason = long
	var buf bytes.Buffer
	if _, err := Slips(&buf, res, 1, Options{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	needTool(t, "pdftotext")
	p := writeTemp(t, "tall.pdf", buf.Bytes())
	if *dump != "" {
		os.WriteFile(filepath.Join(*dump, "tall.pdf"), buf.Bytes(), 0o644)
	}
	text := run(t, "pdftotext", "-enc", "UTF-8", p, "-")
	flat := strings.Join(strings.Fields(text), "")
	want := strings.Join(strings.Fields(long), "")
	// Page breaks put footers and headers inside the row's text, so count
	// characters that occur once per sentence rather than whole sentences.
	for _, c := range []string{"普", "汇"} {
		if n := strings.Count(flat, c); n != 90 {
			t.Errorf("%q occurs %d times, want 90", c, n)
		}
	}
	if len(flat) < len(want) {
		t.Errorf("extracted text shorter than the reason alone")
	}
	if !strings.Contains(text, "党员积分核实单（续）") {
		t.Error("continuation page without its running head")
	}
}

// TestNoCounterpartLeak: the public notices never read a deduction's 事由
// or 依据, whatever the data (guarded here without poppler).
func TestNoCounterpartLeak(t *testing.T) {
	res := testResult(t, 3)
	for _, m := range res.Members {
		for q := range m.Quarters {
			for i := range m.Quarters[q].Lines {
				m.Quarters[q].Lines[i].Reason = "𠀀" // would be reported if read
			}
		}
	}
	for _, f := range []func() (model.Findings, error){
		func() (model.Findings, error) { return QuarterNotice(&bytes.Buffer{}, res, 1, Options{Now: testNow}) },
		func() (model.Findings, error) { return AnnualNotice(&bytes.Buffer{}, res, Options{Now: testNow}) },
	} {
		fs, err := f()
		if err != nil || len(fs) != 0 {
			t.Errorf("a public notice read entry reasons: %v %v", fs, err)
		}
	}
}

// TestConcurrent renders documents from several goroutines sharing one
// Result and one font slice, as the build does (run with -race).
func TestConcurrent(t *testing.T) {
	res := testResult(t, 6)
	fonts := [][]byte{bytes.Clone(defaultFont), makeTTC(defaultFont)}
	errs := make(chan error, 4)
	for i := range 4 {
		go func() {
			var buf bytes.Buffer
			_, err := documents[i].render(&buf, res, Options{Now: testNow, Font: fonts[i%2], Compress: true})
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
