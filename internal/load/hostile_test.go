package load

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/workbook"
)

// TestBoundedFindings is issue 14 F2: a sheet of many bad rows reports at
// most model.MaxPerSheet of them and counts the rest, and a huge cell is
// quoted by its beginning.
func TestBoundedFindings(t *testing.T) {
	dir := t.TempDir()
	baseRegister(t, dir)
	huge := strings.Repeat("长", 30000)
	rows := [][]any{entryHeader, {"2026-03-05", "D001", nil, huge}}
	const bad = 3 * model.MaxPerSheet
	for i := 0; i < bad; i++ {
		rows = append(rows, []any{"2026-03-05", "D999", nil, "B1"})
	}
	writeBook(t, filepath.Join(dir, reg), wsheet{name: "日常登记", rows: rows})
	d, err := Load(filepath.Join(dir, "data"), Options{Read: workbook.Read})
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Findings.Count(model.Error); got != model.MaxPerSheet+1 {
		t.Errorf("%d errors reported, want %d and one count", got, model.MaxPerSheet+1)
	}
	var count, quoted string
	for _, f := range d.Findings {
		if strings.Contains(f.Message, "未列出") {
			count = f.String()
		}
		if f.Pos.Row == 2 {
			quoted = f.String()
		}
	}
	if want := filepath.ToSlash(filepath.Join(dir, reg)) + ":日常登记: 本工作表另有 201 个错误未列出"; !strings.HasPrefix(count, want) {
		t.Errorf("count line = %q, want prefix %q", count, want)
	}
	if want := "项目编码「" + strings.Repeat("长", model.MaxQuote) + "…（共 30000 字）」不在考核项目表中"; !strings.HasSuffix(quoted, want) {
		t.Errorf("huge cell quoted as %q…", quoted[:min(len(quoted), 300)])
	}
}

// TestControlCharacters is issue 14 F7: control and bidi characters typed
// into cells reach neither findings nor the model raw.
func TestControlCharacters(t *testing.T) {
	dir := t.TempDir()
	baseRegister(t, dir)
	book := filepath.Join(dir, reg)
	// Excel stores control characters as _xHHHH_ escapes; excelize would
	// not write them, so the escapes are put into the saved file.
	writeBook(t, book, sh("日常登记", entryHeader,
		[]any{"2026-03-05", "D001", nil, "B1", nil, nil, "支部\u202e会大员党"},
		[]any{"2026-03-05", "D001", nil, "B9<ESC>[2J<BEL>"},
	))
	rewriteZip(t, book, strings.NewReplacer("&lt;ESC&gt;", "_x001B_", "&lt;BEL&gt;", "_x0007_").Replace)
	d, err := Load(filepath.Join(dir, "data"), Options{Read: workbook.Read})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(lines(d.Findings), "\n")
	if want := `项目编码「B9\x1b[2J\x07」不在考核项目表中`; !strings.Contains(got, want) {
		t.Errorf("findings:\n%s\nwant one ending %s", got, want)
	}
	if strings.ContainsAny(got, "\x1b\a\u202e") {
		t.Errorf("findings carry raw control characters: %q", got)
	}
	y := d.Register.Years[0]
	if len(y.Entries) != 1 || y.Entries[0].Reason != `支部\u202e会大员党` {
		t.Errorf("entries = %+v, want the 事由 with U+202E escaped", y.Entries)
	}
}

// rewriteZip rewrites every part of a saved workbook through edit.
func rewriteZip(t testing.TB, path string, edit func(string) string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(edit(string(data))))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
