package pdf

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/jifen-dev/jifen/internal/load"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/score"
	"github.com/jifen-dev/jifen/internal/workbook"
)

// pageTexts returns the text of every page of a PDF, whitespace removed
// (pdftotext ends every page with a form feed).
func pageTexts(t *testing.T, pdf []byte) []string {
	t.Helper()
	p := writeTemp(t, "doc.pdf", pdf)
	m := pagesRE.FindStringSubmatch(run(t, "pdfinfo", p))
	if m == nil {
		t.Fatal("pdfinfo: no page count")
	}
	n, _ := strconv.Atoi(m[1])
	pages := strings.Split(run(t, "pdftotext", "-enc", "UTF-8", p, "-"), "\f")
	if len(pages) != n+1 {
		t.Fatalf("pdftotext gave %d pages, pdfinfo %d", len(pages)-1, n)
	}
	var out []string
	for _, text := range pages[:n] {
		out = append(out, strings.Join(strings.Fields(text), ""))
	}
	return out
}

// demoResults scores the committed demo register (data/) as of a day on
// which both its years are closed.
func demoResults(t *testing.T) []*model.Result {
	t.Helper()
	d, err := load.Load(filepath.Join("..", "..", "data"), load.Options{Read: workbook.Read})
	if err != nil {
		t.Fatal(err)
	}
	if d.Findings.HasErrors() {
		t.Fatalf("demo register has errors: %v", d.Findings)
	}
	var out []*model.Result
	for _, y := range d.Register.Years {
		res, _ := score.Score(y, model.NewDate(y.Year+1, 1, 10))
		out = append(out, res)
	}
	return out
}

var slipEntry = regexp.MustCompile(`\d{4}-\d\d-\d\d(基础|奖励|扣分)`)

// TestDemoPages: on the demo every 积分核实单 is one page, the signature with
// the member's figures; the annual register's signature block shares its
// page with the last rows of the table and is dated by the decision.
func TestDemoPages(t *testing.T) {
	t.Parallel()
	needTool(t, "pdfinfo")
	needTool(t, "pdftotext")
	for _, res := range demoResults(t) {
		y := res.Year.Year
		for q := 1; q <= 4; q++ {
			want := 0
			for _, m := range res.Members {
				if m.Quarters[q-1].Participating {
					want++
				}
			}
			var buf bytes.Buffer
			if _, err := Slips(&buf, res, q, Options{Compress: true}); err != nil {
				t.Fatal(err)
			}
			pages := pageTexts(t, buf.Bytes())
			if len(pages) != want {
				t.Errorf("%d Q%d slips: %d pages for %d members, want one page each", y, q, len(pages), want)
			}
			for i, p := range pages {
				if !strings.Contains(p, "本人签字") || !strings.Contains(p, "季度积分") || !slipEntry.MatchString(p) {
					t.Errorf("%d Q%d slips, page %d: entries, totals and signature are not together", y, q, i+1)
				}
			}
		}
		var buf bytes.Buffer
		if _, err := AnnualRegister(&buf, res, Options{Compress: true}); err != nil {
			t.Fatal(err)
		}
		pages := pageTexts(t, buf.Bytes())
		last := pages[len(pages)-1]
		rows := 0
		for _, m := range res.Members {
			if strings.Contains(last, m.Member.Name) {
				rows++
			}
		}
		date := "日期：" + model.DateCN(res.Year.DecisionDate())
		if rows < 2 || !strings.Contains(last, "支部书记签字") || !strings.Contains(last, date) {
			t.Errorf("%d register: last of %d pages has %d table rows, signature %v, %s %v; want ≥ 2 rows with the signature, dated by the decision",
				y, len(pages), rows, strings.Contains(last, "支部书记签字"), date, strings.Contains(last, date))
		}
	}
}

// TestLongSlip: a member whose entries need more than a page continues on
// the next one, and the last rows travel with the totals and signature.
func TestLongSlip(t *testing.T) {
	t.Parallel()
	needTool(t, "pdfinfo")
	needTool(t, "pdftotext")
	res := testResult(t, 2)
	qs := &res.Members[0].Quarters[0]
	base := qs.Lines[0]
	for i := range 40 {
		l := base
		l.Date = model.NewDate(2026, 3, 1+i%28)
		l.Reason = fmt.Sprintf("第%d次党小组学习", i+1)
		qs.Lines = append(qs.Lines, l)
	}
	var buf bytes.Buffer
	if _, err := Slips(&buf, res, 1, Options{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	pages := pageTexts(t, buf.Bytes())
	// The long slip takes pages 1–2, the second member page 3.
	if len(pages) != 3 {
		t.Fatalf("%d pages, want 3", len(pages))
	}
	if strings.Contains(pages[0], "本人签字") {
		t.Error("the signature is on the first page of a two-page slip")
	}
	if !strings.Contains(pages[1], "党员积分核实单（续）") || !strings.Contains(pages[1], "本人签字") ||
		len(slipEntry.FindAllString(pages[1], -1)) < 2 {
		t.Errorf("second page: want the running head, at least two entries and the signature:\n%s", pages[1])
	}
}

// TestSubsetTag: the embedded font is named as the subset it is, so
// pdffonts (and preflight checks) report sub=yes.
func TestSubsetTag(t *testing.T) {
	t.Parallel()
	needTool(t, "pdffonts")
	tag := regexp.MustCompile(`(?m)^[A-Z]{6}\+WenQuanYiMicroHei\s+CID TrueType\s+Identity-H\s+yes yes yes`)
	for _, doc := range documents {
		out := run(t, "pdffonts", writeTemp(t, doc.name+".pdf", render(t, doc, testResult(t, 12), Options{Now: testNow, Compress: true})))
		if !tag.MatchString(out) {
			t.Errorf("%s: font not named as an embedded subset:\n%s", doc.name, out)
		}
	}
	a := subsetName([]byte("<</BaseFont /utf8"+family+"\n>>"), "WenQuanYiMicroHei")
	if b := subsetName([]byte("<</BaseFont /utf8"+family+"\n>>"), "WenQuanYiMicroHei"); !bytes.Equal(a, b) {
		t.Error("subsetName is not deterministic")
	}
	if len(a) != len("<</BaseFont /utf8"+family+"\n>>") {
		t.Error("subsetName changes the length of the document (its xref offsets)")
	}
}
