package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/jifen-dev/jifen/internal/fixture"

	"github.com/jifen-dev/jifen/internal/sheet"
)

// editZip rewrites a workbook's parts: edit returns the new content of a
// part, or nil to drop it; raw parts are copied compressed, as they are,
// unless corrupt names them, whose compressed bytes are then damaged.
func editZip(t *testing.T, b []byte, edit func(name string, data []byte) []byte, corrupt string, add map[string]string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if f.Name == corrupt {
			r, _ := f.OpenRaw()
			raw, _ := io.ReadAll(r)
			for i := len(raw) / 3; i < len(raw)*2/3; i += 7 {
				raw[i] ^= 0x5a
			}
			w, _ := zw.CreateRaw(&f.FileHeader)
			w.Write(raw)
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		if edit != nil {
			data = edit(f.Name, data)
		}
		if data == nil {
			continue
		}
		w, _ := zw.Create(f.Name)
		w.Write(data)
	}
	for name, data := range add {
		w, _ := zw.Create(name)
		w.Write([]byte(data))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// register is a small workbook with a 日常登记 sheet of n rows.
func register(t *testing.T, n int) []byte {
	return book(t, func(f *excelize.File) {
		f.SetSheetName("Sheet1", "日常登记")
		f.SetSheetRow("日常登记", "A1", &[]any{"活动日期", "编号", "项目编码", "事由"})
		for i := 0; i < n; i++ {
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			f.SetSheetRow("日常登记", cell, &[]any{"2026-03-05", "D001", "B1", "参加支部党员大会第" + strings.Repeat("次", i%7)})
		}
	})
}

// TestReadMessages is issue 14 F8: every workbook that cannot be read gets
// Chinese advice, never excelize's or encoding/xml's English.
func TestReadMessages(t *testing.T) {
	good := register(t, 3)
	tests := []struct {
		name, want string
		b          []byte
	}{
		{"xlsb renamed .xlsx", sheet.MsgXLSB, editZip(t, good, nil, "", map[string]string{"xl/workbook.bin": "\x83\x01\x00"})},
		{"workbook.xml syntax", "工作簿已损坏或不是由 Excel/WPS 保存的（XML 第 1 行格式错误），无法读取；请在 Excel/WPS 中打开并另存为 .xlsx",
			editZip(t, good, func(name string, d []byte) []byte {
				if name == "xl/workbook.xml" {
					return []byte(`<?xml version="1.0"?><workbook a=&b>`)
				}
				return d
			}, "", nil)},
		{"corrupt sheet entry", sheet.MsgCorrupt, editZip(t, register(t, 200), nil, "xl/worksheets/sheet1.xml", nil)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadLimits("a.xlsx", tt.b, Limits{Unzip: 64 << 20, UnzipXML: 1 << 10})
			var fe *sheet.FileError
			if !errors.As(err, &fe) {
				t.Fatalf("ReadLimits error = %v (%T), want a *sheet.FileError", err, err)
			}
			if fe.Msg != tt.want {
				t.Errorf("message = %q\nwant      %q", fe.Msg, tt.want)
			}
			if fixture.English(fe.Msg) {
				t.Errorf("message carries English: %q", fe.Msg)
			}
		})
	}
}

// TestReadSheetProblems: a sheet that is no worksheet (a VBA module or
// macro sheet entry) is reported on its own and the workbook's other
// sheets are read; damaged XML (an entity bomb in the shared strings, as in
// Apache POI's poc-xmlbomb files) is reported in Chinese.
func TestReadSheetProblems(t *testing.T) {
	b := book(t, func(f *excelize.File) {
		f.SetSheetName("Sheet1", "日常登记")
		f.SetCellValue("日常登记", "A1", "活动日期")
		f.NewSheet("说明")
		f.SetCellValue("说明", "A1", "x")
	})
	module := editZip(t, b, func(name string, d []byte) []byte {
		if name == "xl/workbook.xml" {
			return bytes.Replace(d, []byte("</sheets>"), []byte(`<sheet name="Module" sheetId="9" r:id=""/></sheets>`), 1)
		}
		return d
	}, "", nil)
	bomb := editZip(t, b, func(name string, d []byte) []byte {
		if name == "xl/sharedStrings.xml" {
			return []byte(`<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si><si><t>x</t></si></sst>`)
		}
		return d
	}, "", nil)
	problems := func(b []byte) map[string]string {
		bk, err := Read("a.xlsx", b)
		if err != nil {
			t.Fatalf("Read = %v, want the sheets", err)
		}
		got := map[string]string{}
		for _, s := range bk.Sheets {
			got[s.Name] = s.Problem
			if s.Problem != "" && fixture.English(s.Problem) {
				t.Errorf("%s: problem carries English: %q", s.Name, s.Problem)
			}
			if s.Problem == "" && len(s.Rows) != 1 {
				t.Errorf("%s not read: %+v", s.Name, s)
			}
		}
		return got
	}
	got := problems(module)
	if got["日常登记"] != "" || got["说明"] != "" || !strings.HasPrefix(got["Module"], "不是普通工作表") {
		t.Errorf("problems = %q, want only Module's", got)
	}
	got = problems(bomb)
	if want := "内容已损坏（XML 第 1 行格式错误），未读取；请在 Excel/WPS 中打开并另存为 .xlsx"; got["日常登记"] != want {
		t.Errorf("日常登记 problem = %q, want %q", got["日常登记"], want)
	}
}

// TestCalcChainIgnored: a calculation chain excelize cannot parse does
// not stop a workbook from being read.
func TestCalcChainIgnored(t *testing.T) {
	b := editZip(t, register(t, 2), nil, "", map[string]string{
		"xl/calcChain.xml": `<calcChain xmlns="http://schemas.microsoft.com/office/excel/2006/2"><c r="A1" i="1"/></calcChain>`})
	bk, err := Read("a.xlsx", b)
	if err != nil || len(bk.Sheets) != 1 || len(bk.Sheets[0].Rows) != 3 {
		t.Fatalf("Read = %v, %v", bk, err)
	}
}

// TestNoTempLeak is issue 14 F5: a corrupt zip entry big enough to be
// spilled to a temp file leaves nothing in the temp folder, and the temp
// folder of a killed process is swept by the next one.
func TestNoTempLeak(t *testing.T) {
	RemoveTemp()
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	t.Cleanup(RemoveTemp)
	// A dead process's root: owner file, a spilled part, no lock.
	dead := filepath.Join(tmp, tempPrefix+"dead")
	os.MkdirAll(filepath.Join(dead, "read-1"), 0o700)
	os.WriteFile(filepath.Join(dead, ownerFile), nil, 0o600)
	os.WriteFile(filepath.Join(dead, "read-1", "excelize-123"), []byte("<sheetData>"), 0o600)

	bad := editZip(t, register(t, 200), nil, "xl/worksheets/sheet1.xml", nil)
	for i := 0; i < 3; i++ {
		if _, err := ReadLimits("a.xlsx", bad, Limits{Unzip: 64 << 20, UnzipXML: 1 << 10}); err == nil {
			t.Fatal("corrupt workbook read without error")
		}
	}
	if _, err := ReadLimits("b.xlsx", register(t, 200), Limits{Unzip: 64 << 20, UnzipXML: 1 << 10}); err != nil {
		t.Fatal(err)
	}
	if left := leftovers(t, tmp); len(left) > 0 {
		t.Errorf("temp folder holds %v after reading", left)
	}
	if _, err := os.Stat(dead); err == nil {
		t.Error("the temp folder of a dead process was not swept")
	}
	RemoveTemp()
	if entries, _ := os.ReadDir(tmp); len(entries) > 0 {
		t.Errorf("temp folder not empty after RemoveTemp: %v", entries)
	}
}

// TestFastReadNewlines: a literal CR LF in a shared string is one line
// break, as XML reads it (and excelize with it); only an escaped CR
// (_x000D_, &#13;) stays a CR. Found comparing the two readers on
// calamine's has_x000D_.xlsx, which the fast reader read as two breaks.
func TestFastReadNewlines(t *testing.T) {
	b := book(t, func(f *excelize.File) {
		f.SetSheetName("Sheet1", "日常登记")
		f.SetCellValue("日常登记", "A1", "ABC<CRLF>DEF")
		f.SetCellValue("日常登记", "A2", "一<CR>二")
		f.SetCellValue("日常登记", "A3", "<![CDATA[")
	})
	b = editZip(t, b, func(name string, d []byte) []byte {
		if name == "xl/sharedStrings.xml" {
			return []byte(strings.NewReplacer("&lt;CRLF&gt;", "_x000D_\r\nx\r\n", "&lt;CR&gt;", "&#13;\r", "&lt;![CDATA[", "a<![CDATA[b\r\nc]]>").Replace(string(d)))
		}
		return d
	}, "", nil)
	got := sameAsExcelize(t, "newlines.xlsx", b)
	want := [][]string{{"ABC\nx\nDEF"}, {"一\n二"}, {"ab\nc"}}
	if !reflect.DeepEqual(got.Sheets[0].Rows, want) {
		t.Errorf("rows = %q, want %q", got.Sheets[0].Rows, want)
	}
}
