package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/jifen-dev/jifen/internal/fixture"

	"github.com/jifen-dev/jifen/internal/sheet"
)

// FuzzClean: Clean's fast paths change nothing.
func FuzzClean(f *testing.F) {
	for _, s := range []string{"", "plain", " 前后 ", "\u3000张三\u200b", "a\r\nb\rc", "\x1b[2J", "\u202e", "\xff", "“引号”，全角", "\u2061\u2064\u2066"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Clean(s), cleanAll(s); got != want {
			t.Fatalf("Clean(%q) = %q, want %q", s, got, want)
		}
	})
}

// minimizeBriefly makes a fuzz target whose inputs are whole workbooks
// minimize each new input with at most 20 tries unless -fuzzminimizetime
// is given. Go's default, up to 60 s of minimizing for every new input,
// left FuzzRead all but idle: 875 executions and nothing new in a minute,
// against 45,204 executions and 96 new inputs with 20 tries (FuzzFastRead:
// 58,972 and 2, against 245,746 and 126; measured on 2 busy cores).
func minimizeBriefly(tb testing.TB) {
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.fuzzminimizetime" })
	if !set {
		if err := flag.Set("test.fuzzminimizetime", "20x"); err != nil {
			tb.Fatal(err)
		}
	}
}

// FuzzRead feeds the reader mutated workbooks. Seeds are workbooks made
// here with excelize, and, when JIFEN_CORPUS names a folder of real-world
// test workbooks (excelize, calamine, openpyxl, XlsxWriter, Apache POI,
// SheetJS: see corpus_test.go), those of them up to 64 KB. Whatever the
// bytes: no panic; an error is a *sheet.FileError whose message is Chinese
// advice; no temp file is left; and when both the fast reader and
// excelize read a workbook, they read the same values. Each new input is
// minimized briefly (minimizeBriefly).
func FuzzRead(f *testing.F) {
	minimizeBriefly(f)
	for _, b := range fuzzSeeds(f) {
		f.Add(b)
	}
	if dir := os.Getenv("JIFEN_CORPUS"); dir != "" {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if fi, err := e.Info(); err == nil && fi.Size() <= 64<<10 {
				if b, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil {
					f.Add(b)
				}
			}
		}
	}
	lim := Limits{Unzip: 16 << 20, UnzipXML: 4 << 20}
	f.Fuzz(func(t *testing.T, b []byte) {
		bk, err := ReadLimits("a.xlsx", b, lim)
		if err != nil {
			var fe *sheet.FileError
			if !errors.As(err, &fe) {
				t.Fatalf("error %T %v is not a *sheet.FileError", err, err)
			}
			if fe.Msg == "" || fixture.English(fe.Msg) {
				t.Fatalf("message %q", fe.Msg)
			}
		}
		if bk != nil {
			for _, s := range bk.Sheets {
				if s.Problem != "" && fixture.English(s.Problem) {
					t.Fatalf("sheet problem %q", s.Problem)
				}
				for _, r := range s.Rows {
					for _, c := range r {
						if Clean(c) != c {
							t.Fatalf("cell not clean: %q", c)
						}
					}
				}
			}
		}
		if left := tempLeft(); len(left) > 0 {
			t.Fatalf("temp files left: %v", left)
		}
	})
}

// FuzzFastRead compares the fast reader with excelize on mutations of
// workbooks excelize and Excel wrote: where both read a workbook, they must read the
// same values, sheet by sheet where excelize read the sheet. (On
// real-world files the fast reader sometimes reads more than excelize, which
// loses the strings of a package with unusual part names or a cell with an
// empty style; those are not compared here.) Each new input is minimized
// briefly (minimizeBriefly).
func FuzzFastRead(f *testing.F) {
	minimizeBriefly(f)
	for _, b := range fuzzSeeds(f) {
		f.Add(b)
	}
	lim := Limits{Unzip: 16 << 20, UnzipXML: 4 << 20}
	f.Fuzz(func(t *testing.T, b []byte) {
		if Sniff(b) != FormatXLSX {
			return
		}
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return
		}
		fast, err := fastRead(zr, lim)
		if err != nil {
			return
		}
		ref, err := readExcelize("a.xlsx", b, lim)
		if err != nil {
			return // excelize refuses what the fast reader took: the fast reader's reading stands
		}
		for i := range ref.Sheets {
			// A sheet excelize gave up on while the fast reader read it: excelize
			// refuses a damaged part the fast reader does not need (a mangled
			// [Content_Types].xml or theme), and the fast reader's reading stands.
			if i < len(fast.Sheets) && ref.Sheets[i].Problem != "" && fast.Sheets[i].Problem == "" && fast.Sheets[i].Name == ref.Sheets[i].Name {
				ref.Sheets[i] = fast.Sheets[i]
			}
		}
		if !reflect.DeepEqual(fast, ref) {
			t.Fatalf("fast reader and excelize differ:\nfast  %#v\nexcel %#v", fast, ref)
		}
	})
}

// tempLeft lists what is in this process's temp root besides its owner
// file: every read must have removed its own folder.
func tempLeft() []string {
	tempRoot.Lock()
	dir := tempRoot.dir
	tempRoot.Unlock()
	if dir == "" {
		return nil
	}
	entries, _ := os.ReadDir(dir)
	var out []string
	for _, e := range entries {
		if e.Name() != ownerFile && e.Name() != ".jifen.lock" {
			out = append(out, e.Name())
		}
	}
	return out
}

// fuzzSeeds are small workbooks with what registers hold: merges, hidden
// sheets, formulas with and without results, rich text, dates in both
// systems, escapes.
func fuzzSeeds(tb testing.TB) [][]byte {
	build := func(fn func(f *excelize.File)) []byte {
		f := excelize.NewFile()
		defer f.Close()
		fn(f)
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			tb.Fatal(err)
		}
		return buf.Bytes()
	}
	return [][]byte{
		build(func(f *excelize.File) {
			f.SetSheetName("Sheet1", "日常登记")
			f.SetCellValue("日常登记", "A1", "2026年党员积分日常登记表")
			f.MergeCell("日常登记", "A1", "D1")
			f.SetSheetRow("日常登记", "A2", &[]any{"活动日期", "编号", "项目编码", "事由"})
			f.SetSheetRow("日常登记", "A3", &[]any{46086, "D001", "B1", "大会\r\n第二行"})
			f.SetCellFormula("日常登记", "E3", "1+1")
			f.SetCellRichText("日常登记", "D4", []excelize.RichTextRun{{Text: "粗"}, {Text: "体", Font: &excelize.Font{Bold: true}}})
			f.NewSheet("选项")
			f.SetCellValue("选项", "A1", "基础")
			f.SetSheetVisible("选项", false)
		}),
		build(func(f *excelize.File) {
			d := true
			f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &d})
			f.SetSheetName("Sheet1", "设置")
			f.SetSheetRow("设置", "A1", &[]any{"项目", "值"})
			f.SetSheetRow("设置", "A2", &[]any{"年度", 2026})
			f.SetSheetRow("设置", "A3", &[]any{"优秀比例上限", 0.15})
		}),
		build(func(f *excelize.File) {
			f.SetSheetName("Sheet1", "党员名册")
			f.SetSheetRow("党员名册", "B3", &[]any{"编号", "姓名", true, -0.5, "_x000D_", "a<b&c"})
			f.SetCellValue("党员名册", "Z100", "远")
		}),
	}
}
