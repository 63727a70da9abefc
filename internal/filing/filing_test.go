package filing

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/jifen-dev/jifen/internal/archive"
	"github.com/jifen-dev/jifen/internal/golden"
	"github.com/jifen-dev/jifen/internal/load"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/score"
	"github.com/jifen-dev/jifen/internal/workbook"
)

// demoAsOf is after both demo years, so every period of the demo is filed.
var demoAsOf = model.NewDate(2027, 1, 20)

var demoOnce struct {
	sync.Once
	data *load.Data
	err  error
}

// demo loads (once per test binary) and scores the committed demo register;
// every call scores afresh, so a test may change its result.
func demo(t testing.TB) map[int]*model.Result {
	t.Helper()
	demoOnce.Do(func() {
		demoOnce.data, demoOnce.err = load.Load(filepath.Join("..", "..", "data"), load.Options{Read: workbook.Read})
	})
	d, err := demoOnce.data, demoOnce.err
	if err != nil {
		t.Fatal(err)
	}
	if d.Findings.HasErrors() {
		t.Fatalf("demo has errors: %v", d.Findings)
	}
	out := map[int]*model.Result{}
	for _, y := range d.Register.Years {
		res, _ := score.Score(y, demoAsOf)
		// The demo's 公示存档, as a build attaches it: its posting states,
		// records and corrections go into the bundles.
		chain, fs := archive.Read(filepath.FromSlash(y.Dir), y.Year)
		fs = append(fs, archive.Attach(res, chain)...)
		if fs.HasErrors() {
			t.Fatalf("demo archive: %v", fs)
		}
		out[y.Year] = res
	}
	return out
}

// standIn are document bytes for tests that are about the bundle, not the
// PDFs: a change of PDF layout must not break the bundle's goldens. The
// period's 公示存档 records are the demo archive's files, as a build packs
// them.
func standIn(t testing.TB, res *model.Result, q int) Docs {
	t.Helper()
	d := Docs{Notice: []byte("%PDF-notice"), Slips: []byte("%PDF-slips")}
	if q == 0 {
		d = Docs{Notice: []byte("%PDF-annual notice"), Register: []byte("%PDF-register")}
	}
	d.Records = recordParts(t, res, q)
	return d
}

// recordParts are the archive files of period q's records, named as the
// bundle names them.
func recordParts(t testing.TB, res *model.Result, q int) []Part {
	t.Helper()
	var parts []Part
	for _, r := range res.Pub(q).Records {
		rec, pdf := RecordFiles(r)
		b, err := os.ReadFile(filepath.FromSlash(r.File))
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, Part{rec, b})
		if r.Kind == model.PostCorrection {
			b, err := os.ReadFile(filepath.FromSlash(r.PDF))
			if err != nil {
				t.Fatal(err)
			}
			parts = append(parts, Part{pdf, b})
		}
	}
	return parts
}

// unposted is a result as if nothing had been posted: a bundle of it
// carries no records.
func unposted(res *model.Result) *model.Result {
	r := *res
	r.Publications = [5]*model.Publication{}
	return &r
}

// unzip returns a bundle's entries by name, in order.
func unzip(t testing.TB, b []byte) ([]string, map[string][]byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := buf.ReadFrom(rc); err != nil {
			t.Fatal(err)
		}
		rc.Close()
		names = append(names, f.Name)
		files[f.Name] = buf.Bytes()
	}
	return names, files
}

// TestDemoGolden pins summary.json of a demo quarter and of the demo's
// decided year, and a quarter's manifest.
func TestDemoGolden(t *testing.T) {
	results := demo(t)
	for _, c := range []struct {
		year, q int
	}{{2026, 1}, {2025, 4}, {2025, 0}} {
		res := results[c.year]
		var buf bytes.Buffer
		if err := Write(&buf, res, c.q, standIn(t, res, c.q)); err != nil {
			t.Fatal(err)
		}
		names, files := unzip(t, buf.Bytes())
		wantNames := []string{SummaryFile, NoticeFile, SlipsFile}
		if c.q == 0 {
			wantNames[2] = RegisterFile
		}
		for _, p := range recordParts(t, res, c.q) {
			wantNames = append(wantNames, p.Name)
		}
		wantNames = append(wantNames, ManifestFile)
		if strings.Join(names, " ") != strings.Join(wantNames, " ") {
			t.Errorf("%d %s entries = %v, want %v", c.year, PeriodName(c.q), names, wantNames)
		}
		base := fmt.Sprintf("demo-%d-q%d", c.year, c.q) // q0 = the year
		golden.Check(t, base+".summary.json", files[SummaryFile])
		if c.q == 1 {
			golden.Check(t, base+".manifest.json", files[ManifestFile])
		}
		js, err := SummaryJSON(res, c.q)
		if err != nil || !bytes.Equal(js, files[SummaryFile]) {
			t.Errorf("SummaryJSON differs from the bundle's summary.json (%v)", err)
		}
	}
}

// TestWriteDeterministic writes every demo bundle twice: the bytes must be
// equal, and every entry is dated by the period's publication, not today.
func TestWriteDeterministic(t *testing.T) {
	for _, res := range demo(t) {
		for _, q := range periods(res) {
			var a, b bytes.Buffer
			if err := Write(&a, res, q, standIn(t, res, q)); err != nil {
				t.Fatal(err)
			}
			if err := Write(&b, res, q, standIn(t, res, q)); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Errorf("%d %s: two writes differ", res.Year.Year, PeriodName(q))
			}
			sum, _ := Summarize(res, q)
			zr, _ := zip.NewReader(bytes.NewReader(a.Bytes()), int64(a.Len()))
			for _, f := range zr.File {
				if got := f.Modified.UTC().Format(time.DateOnly); got != sum.Publication.Start {
					t.Errorf("%d %s %s dated %s, want %s", res.Year.Year, PeriodName(q), f.Name, got, sum.Publication.Start)
				}
			}
		}
	}
}

// Which bundles a year files is the publication plan's decision
// (plan.Of); these tests write every period a year could file.
func periods(res *model.Result) []int {
	var ps []int
	for q := 1; q <= 4; q++ {
		if res.Closed[q-1] {
			ps = append(ps, q)
		}
	}
	if res.YearClosed {
		ps = append(ps, 0)
	}
	return ps
}

func TestSummarizeClosedOnly(t *testing.T) {
	res := demo(t)[2025]
	r := *res // the result is shared between tests
	r.Closed = [4]bool{true, true}
	r.YearClosed = false
	if _, err := Summarize(&r, 3); err == nil {
		t.Error("an open quarter was summarized")
	}
	if _, err := Summarize(&r, 0); err == nil {
		t.Error("an open year was summarized")
	}
}

func TestFileName(t *testing.T) {
	tests := []struct {
		branch string
		year   int
		q      int
		want   string
	}{
		{"中共示例局机关党支部", 2026, 1, "中共示例局机关党支部-2026-Q1.zip"},
		{"中共示例局机关党支部", 2026, 0, "中共示例局机关党支部-2026-年度.zip"},
		{" 中共A/B局:第一支部? ", 2025, 4, "中共A_B局_第一支部_-2025-Q4.zip"},
		{"..", 2026, 2, "党支部-2026-Q2.zip"},
		{"", 2026, 2, "党支部-2026-Q2.zip"},
	}
	for _, tt := range tests {
		if got := FileName(tt.branch, tt.year, tt.q); got != tt.want {
			t.Errorf("FileName(%q, %d, %d) = %q, want %q", tt.branch, tt.year, tt.q, got, tt.want)
		}
		id, ok := identityFromName(tt.want)
		if !ok || id.Year != tt.year || id.Period != PeriodName(tt.q) {
			t.Errorf("identityFromName(%q) = %v %v", tt.want, id, ok)
		}
	}
	// A long 支部名称 is cut to a name the file system takes (80 characters
	// failed with "file name too long"), valid UTF-8, its beginning kept,
	// distinct from another long name with the same beginning.
	long := strings.Repeat("中共示例市示例局机关党支部", 7) // 91 characters
	dir := t.TempDir()
	seen := map[string]string{}
	for _, branch := range []string{long, long + "第二", strings.Repeat("𠇔", 100), strings.Repeat("a", 300), "中共" + strings.Repeat("x", 118) + "中"} {
		for _, q := range []int{0, 4} {
			name := FileName(branch, 2026, q)
			if len(name) > 255 || !utf8.ValidString(name) || !strings.HasPrefix(name, branch[:12]) {
				t.Errorf("FileName of a %d-byte 支部名称 = %q (%d bytes)", len(branch), name, len(name))
			}
			if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
				t.Errorf("FileName of a %d-byte 支部名称: %v", len(branch), err)
			}
			if id, ok := identityFromName(name); !ok || id.Year != 2026 || id.Period != PeriodName(q) {
				t.Errorf("identityFromName(%q) = %v %v", name, id, ok)
			}
			if other, dup := seen[name]; dup && other != branch {
				t.Errorf("two 支部名称 share the file name %q", name)
			}
			seen[name] = branch
		}
	}
	if a, b := FileName(long, 2026, 1), FileName(long, 2026, 1); a != b {
		t.Errorf("FileName is not stable: %q, %q", a, b)
	}
	for _, bad := range []string{"notes.zip", "a-2026-Q5.zip", "a-26-Q1.zip", "-2026-Q1.zip", "a-2026-Q1.pdf"} {
		if id, ok := identityFromName(bad); ok {
			t.Errorf("identityFromName(%q) = %v, want none", bad, id)
		}
	}
}

// TestWriteCarriesItsRecords: a posted period's bundle carries the records
// its summary.json names, or is not written: the superior could not verify
// them.
func TestWriteCarriesItsRecords(t *testing.T) {
	res := demo(t)[2026]
	docs := standIn(t, res, 3)
	if len(docs.Records) < 3 {
		t.Fatalf("the demo's 2026 Q3 has %d record files, want its 公示's, its 更正公示's and that one's PDF", len(docs.Records))
	}
	for i := range docs.Records {
		d := docs
		d.Records = append(append([]Part{}, docs.Records[:i]...), docs.Records[i+1:]...)
		if err := Write(io.Discard, res, 3, d); err == nil {
			t.Errorf("a bundle without %s was written", docs.Records[i].Name)
		}
	}
}
