package pipeline

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/filing"
	"github.com/jifen-dev/jifen/internal/model"
)

// readBundles returns every bundle under reports by its path relative to it.
func readBundles(t testing.TB, reports string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	filepath.WalkDir(reports, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".zip") {
			rel, _ := filepath.Rel(reports, p)
			out[filepath.ToSlash(rel)], _ = os.ReadFile(p)
		}
		return err
	})
	return out
}

func unzipAll(t testing.TB, b []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name], err = io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return files
}

// pdfText extracts a PDF's text with pdftotext: PDF text is stored as glyph
// ids of the embedded font, so a byte search would find nothing either way.
func pdfText(t testing.TB, b []byte) string {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("JIFEN_E2E") == "1" {
			t.Fatalf("JIFEN_E2E=1 but pdftotext is missing: %v", err)
		}
		t.Skip("pdftotext not installed (poppler-utils)")
	}
	p := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(out)), "")
}

// TestFilingBundles builds a register twice, a day apart on the clock, and
// checks the 备案 bundles: one per closed quarter and one for the decided
// year, byte-identical between the builds, carrying the very notice, slips
// and register of the trees, and nothing from a confidential column.
func TestFilingBundles(t *testing.T) {
	dir := t.TempDir()
	genRegister(t, dir, genSpec{Branch: "中共测试局机关第二党支部", Members: 14, Seed: 3, Decided: true, Markers: true})
	var builds [2]map[string][]byte
	var cfgs [2]Config
	for i := range builds {
		cfgs[i] = Config{Data: filepath.Join(dir, "data"), Out: filepath.Join(dir, "site"+string(rune('a'+i))),
			Reports: filepath.Join(dir, "reports"+string(rune('a'+i))), AsOf: model.NewDate(2027, 1, 20),
			Clock: at(time.Date(2027, 1, 20+i, 9+i, 17, 0, 0, time.UTC))}
		rep, err := Build(context.Background(), cfgs[i])
		if err != nil || !rep.Written {
			t.Fatalf("Build = %v %v", err, rep.Findings)
		}
		builds[i] = readBundles(t, cfgs[i].Reports)
	}
	var names []string
	for n := range builds[0] {
		names = append(names, n)
	}
	sort.Strings(names)
	want := []string{"2026/备案/中共测试局机关第二党支部-2026-Q1.zip", "2026/备案/中共测试局机关第二党支部-2026-Q2.zip",
		"2026/备案/中共测试局机关第二党支部-2026-Q3.zip", "2026/备案/中共测试局机关第二党支部-2026-Q4.zip",
		"2026/备案/中共测试局机关第二党支部-2026-年度.zip", "2026/备案/中共测试局机关第二党支部-2026-细则.zip"}
	if strings.Join(names, "\n") != strings.Join(want, "\n") {
		t.Fatalf("bundles:\n%s\nwant:\n%s", strings.Join(names, "\n"), strings.Join(want, "\n"))
	}
	for _, n := range names {
		if !bytes.Equal(builds[0][n], builds[1][n]) {
			t.Errorf("%s differs between two builds of the same register a day apart", n)
		}
	}

	site, reports := cfgs[0].Out, cfgs[0].Reports
	read := func(p ...string) []byte {
		b, err := os.ReadFile(filepath.Join(p...))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	q1 := unzipAll(t, builds[0][names[0]])
	if !bytes.Equal(q1[filing.NoticeFile], read(site, "2026", "q1", "notice.pdf")) {
		t.Error("Q1 bundle's notice differs from the posted one")
	}
	if !bytes.Equal(q1[filing.SlipsFile], read(reports, "2026", "q1", "slips.pdf")) {
		t.Error("Q1 bundle's slips differ from the committee's")
	}
	year := unzipAll(t, builds[0][names[4]])
	if !bytes.Equal(year[filing.NoticeFile], read(site, "2026", "annual", "notice.pdf")) ||
		!bytes.Equal(year[filing.RegisterFile], read(reports, "2026", "annual", "register.pdf")) {
		t.Error("year bundle's documents differ from the trees'")
	}
	committee := string(read(reports, "2026", "index.html"))
	if !strings.Contains(committee, "备案报送") || !strings.Contains(committee, "-2026-%e5%b9%b4%e5%ba%a6.zip") {
		t.Error("the committee page does not link the year's bundle")
	}

	// Confidentiality: every file of every bundle, PDFs as text. The one
	// exception (SPEC §2.3) is the 细则 bundle's rules.json, which carries
	// the exempted members' 不纳入原因 and 备案情况 for the superior's 备案
	// (三), and nothing else confidential.
	for _, n := range names {
		for file, b := range unzipAll(t, builds[0][n]) {
			text := string(b)
			if strings.HasSuffix(file, ".pdf") {
				text = pdfText(t, b)
				if !strings.Contains(text, "中共测试局机关第二党支部") {
					t.Fatalf("%s %s: no text extracted, the check below would prove nothing", n, file)
				}
			}
			exception := strings.HasSuffix(n, "-细则.zip") && file == filing.RulesFile
			for _, col := range secretColumns {
				allowed := exception && (col == "不纳入原因" || col == "备案情况")
				if got := strings.Contains(text, secret(col)); got != allowed {
					t.Errorf("%s %s carries the %s column: %v, want %v", n, file, col, got, allowed)
				}
			}
		}
	}
	// … and nowhere else in either tree: pages, JSON, workbooks (every part)
	// and PDFs (as text).
	for _, tree := range []string{site, reports} {
		filepath.WalkDir(tree, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasSuffix(p, "-细则.zip") {
				return err
			}
			raw, _ := os.ReadFile(p)
			texts := []string{string(raw)}
			switch {
			case strings.HasSuffix(p, ".pdf"):
				texts = []string{pdfText(t, raw)}
			case strings.HasSuffix(p, ".xlsx") || strings.HasSuffix(p, ".zip"):
				texts = nil
				for _, b := range unzipAll(t, raw) {
					texts = append(texts, string(b))
				}
			}
			for _, text := range texts {
				for _, col := range secretColumns {
					if strings.Contains(text, secret(col)) {
						t.Errorf("%s carries the %s column", p, col)
					}
				}
			}
			return nil
		})
	}
}
