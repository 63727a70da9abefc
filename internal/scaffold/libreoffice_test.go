package scaffold

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/jifen-dev/jifen/internal/load"
	"github.com/jifen-dev/jifen/internal/workbook"
)

// resave opens each file in LibreOffice and saves it again as .xlsx into
// out, as a committee member using LibreOffice would. It skips the test
// when LibreOffice is absent, except under JIFEN_E2E=1 or in CI (.ci/run
// sets both and installs it), where a missing soffice fails.
func resave(t *testing.T, out string, files ...string) {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("JIFEN_E2E") == "1" || os.Getenv("CI") != "" {
			t.Fatal("soffice not found (apt-get install -y libreoffice-calc-nogui; .ci/run does)")
		}
		t.Skip("soffice (LibreOffice) not installed; apt-get install -y libreoffice-calc-nogui to run this test")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	// A profile of its own: with the user's, soffice hands the job to an
	// instance already running (or hangs waiting for it).
	profile := "file://" + filepath.ToSlash(t.TempDir())
	args := append([]string{"-env:UserInstallation=" + profile, "--headless", "--norestore",
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out}, files...)
	cmd := exec.CommandContext(ctx, soffice, args...)
	cmd.WaitDelay = 10 * time.Second
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	for _, f := range files {
		if _, err := os.Stat(filepath.Join(out, filepath.Base(f))); err != nil {
			t.Fatalf("soffice wrote no %s", filepath.Base(f))
		}
	}
}

// TestTemplateResavedByLibreOffice: the blank register, saved again by
// LibreOffice, keeps its dropdowns, date checks and prompts, its lists
// still grow with the roster and the rubric, and it still checks clean.
func TestTemplateResavedByLibreOffice(t *testing.T) {
	root := t.TempDir()
	if _, err := Init(root, 2026, false); err != nil {
		t.Fatal(err)
	}
	book := filepath.Join(root, "data", "2026", TemplateBook)
	// A second copy with three members and formulas that evaluate the
	// growing lists, so LibreOffice stores what its dropdowns would offer.
	filled := filepath.Join(root, "filled.xlsx")
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	for i, id := range []string{"D001", "D002", "D003"} {
		f.SetCellStr("党员名册", "A"+itoa(i+2), id)
	}
	f.NewSheet("草稿")
	f.SetCellFormula("草稿", "A1", "ROWS(编号列表)")
	f.SetCellFormula("草稿", "A2", "INDEX(编号列表,3)")
	f.SetCellFormula("草稿", "A3", "ROWS(项目编码列表)")
	if err := f.SaveAs(filled); err != nil {
		t.Fatal(err)
	}
	f.Close()

	out := filepath.Join(t.TempDir(), "2026")
	resave(t, out, book, filled)

	g, err := excelize.OpenFile(filepath.Join(out, "filled.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	for cell, want := range map[string]string{"A1": "3", "A2": "D003", "A3": itoa(len(defaultRubric))} {
		if got, _ := g.GetCellValue("草稿", cell); got != want {
			t.Errorf("草稿!%s = %q after LibreOffice, want %q", cell, got, want)
		}
	}
	os.Remove(filepath.Join(out, "filled.xlsx"))

	r, err := excelize.OpenFile(filepath.Join(out, TemplateBook))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	dvs, _ := r.GetDataValidations("日常登记")
	kinds := map[string]string{}
	for _, dv := range dvs {
		col := strings.TrimRight(strings.SplitN(dv.Sqref, ":", 2)[0], "0123456789")
		prompt := ""
		if dv.Prompt != nil {
			prompt = *dv.Prompt
		}
		kinds[col] = dv.Type + " " + dv.Formula1 + " " + prompt
	}
	for col, want := range map[string]string{
		"A": "date DATE(1921,7,1) 活动举行的日期",
		"B": "list 编号列表 党员名册中的编号",
		"C": "list 姓名列表 党员姓名",
		"D": "list 项目编码列表 考核项目表中基础或奖励项目的编码",
	} {
		if !strings.HasPrefix(kinds[col], want) {
			t.Errorf("日常登记!%s validation after LibreOffice = %q, want %q…", col, kinds[col], want)
		}
	}

	d, err := load.Load(filepath.Dir(out), load.Options{Read: workbook.Read})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range d.Findings {
		got = append(got, f.Level.String()+" "+f.Pos.Sheet+"!"+f.Pos.Cell())
	}
	want := []string{"warning 党员名册!A2", "warning 设置!B2"}
	if slices.Sort(got); !slices.Equal(got, want) {
		t.Errorf("findings after LibreOffice: %v, want %v\n%v", got, want, d.Findings)
	}
}
