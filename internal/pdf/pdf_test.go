package pdf

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/jifen-dev/jifen/internal/model"
)

var (
	dump = flag.String("dump", "", "also write the rendered PDFs into this directory")
)

// document is one of the four renderers with the quarter fixed.
type document struct {
	name   string
	title  string
	render func(w *bytes.Buffer, res *model.Result, o Options) (model.Findings, error)
	// members reports whether a member must appear in the document.
	members func(m *model.MemberResult) bool
}

var documents = []document{
	{"notice-q2", "中共示例市示例局机关党支部2026年第二季度党员积分公示",
		func(w *bytes.Buffer, res *model.Result, o Options) (model.Findings, error) {
			return QuarterNotice(w, res, 2, o)
		},
		func(m *model.MemberResult) bool { return m.Quarters[1].Participating }},
	{"annual-notice", "中共示例市示例局机关党支部2026年度党员积分评定结果公示",
		func(w *bytes.Buffer, res *model.Result, o Options) (model.Findings, error) {
			return AnnualNotice(w, res, o)
		},
		func(m *model.MemberResult) bool { return m.Annual != nil && m.Annual.Final != "" }},
	{"slips-q1", "党员积分核实单",
		func(w *bytes.Buffer, res *model.Result, o Options) (model.Findings, error) {
			return Slips(w, res, 1, o)
		},
		func(m *model.MemberResult) bool { return m.Quarters[0].Participating }},
	{"register", "党员积分制管理年度综合积分登记表",
		func(w *bytes.Buffer, res *model.Result, o Options) (model.Findings, error) {
			return AnnualRegister(w, res, o)
		},
		func(m *model.MemberResult) bool { return true }},
}

// needTool finds an external tool, skipping the test when it is missing
// unless JIFEN_E2E=1 demands it.
func needTool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("JIFEN_E2E") == "1" {
			t.Fatalf("JIFEN_E2E=1 but %s is missing: %v", name, err)
		}
		t.Skipf("%s not installed (poppler-utils)", name)
	}
	return p
}

func run(t testing.TB, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(needTool(t, name), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

func render(t testing.TB, doc document, res *model.Result, o Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	fs, err := doc.render(&buf, res, o)
	if err != nil {
		t.Fatalf("%s: %v", doc.name, err)
	}
	if len(fs) != 0 {
		t.Errorf("%s: unexpected findings %v", doc.name, fs)
	}
	if *dump != "" {
		if err := os.WriteFile(filepath.Join(*dump, doc.name+".pdf"), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

func writeTemp(t testing.TB, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

var pagesRE = regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`)

// TestDocumentsPoppler checks what a reader gets from each document: the
// title, every member's name, the page footer, and an embedded font.
func TestDocumentsPoppler(t *testing.T) {
	needTool(t, "pdftotext")
	res := testResult(t, 32)
	for _, doc := range documents {
		t.Run(doc.name, func(t *testing.T) {
			t.Parallel()
			p := writeTemp(t, doc.name+".pdf", render(t, doc, res, Options{Now: testNow}))
			text := run(t, "pdftotext", "-enc", "UTF-8", p, "-")
			m := pagesRE.FindStringSubmatch(run(t, "pdfinfo", p))
			if m == nil {
				t.Fatal("pdfinfo: no page count")
			}
			pages, _ := strconv.Atoi(m[1])
			if pages < 2 {
				t.Errorf("%d pages, want a multi-page document from 32 members", pages)
			}
			flat := strings.Join(strings.Fields(text), "")
			if !strings.Contains(flat, doc.title) {
				t.Errorf("title %q missing from:\n%s", doc.title, text)
			}
			for _, mr := range res.Members {
				if doc.members(mr) && !strings.Contains(text, mr.Member.Name) {
					t.Errorf("member %s missing", mr.Member.Name)
				}
			}
			// SPEC §7 writes the footer 「第 X 页 共 Y 页」; pdftotext must give
			// it back with its spaces, as a reader copying it would.
			for i := 1; i <= pages; i++ {
				if f := fmt.Sprintf("第 %d 页 共 %d 页", i, pages); !strings.Contains(text, f) {
					t.Errorf("footer %q missing", f)
				}
			}
			if strings.Contains(text, "{nb}") {
				t.Error("page-count alias left unreplaced")
			}
			fonts := run(t, "pdffonts", p)
			lines := strings.Split(strings.TrimSpace(fonts), "\n")
			// fpdf embeds a subset but does not tag its name (ABCDEF+), so
			// pdffonts shows "sub no"; emb and uni are what matter.
			if len(lines) != 3 || !regexp.MustCompile(`CID TrueType\s+Identity-H\s+yes\s+(yes|no)\s+yes`).MatchString(lines[2]) {
				t.Errorf("pdffonts: want one embedded TrueType font with ToUnicode:\n%s", fonts)
			}
		})
	}
}
