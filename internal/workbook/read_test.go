package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/jifen-dev/jifen/internal/sheet"
)

// book builds an .xlsx in memory.
func book(t *testing.T, build func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	build(f)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadRowsMergesHidden(t *testing.T) {
	b := book(t, func(f *excelize.File) {
		f.SetSheetName("Sheet1", "日常登记")
		f.SetCellValue("日常登记", "A1", "2026年党员积分日常登记表")
		f.MergeCell("日常登记", "A1", "C1")
		f.SetSheetRow("日常登记", "A3", &[]any{"活动日期", " 姓\u3000名 ", "项目编码"})
		f.SetSheetRow("日常登记", "A4", &[]any{46086, "张三\u200b", "B1"})
		f.SetCellValue("日常登记", "B5", "李四")
		f.SetCellValue("日常登记", "C5", "第一行\r\n第二行")
		f.MergeCell("日常登记", "A4", "A5")
		f.SetCellValue("日常登记", "A7", 12.5)
		f.NewSheet("选项")
		f.SetCellValue("选项", "A1", "基础")
		f.SetSheetVisible("选项", false)
	})
	bk, err := Read("a.xlsx", b)
	if err != nil {
		t.Fatal(err)
	}
	want := []sheet.Sheet{
		{Name: "日常登记", Rows: [][]string{
			{"2026年党员积分日常登记表", "2026年党员积分日常登记表", "2026年党员积分日常登记表"},
			nil,
			{"活动日期", "姓\u3000名", "项目编码"},
			{"46086", "张三", "B1"},
			{"46086", "李四", "第一行\n第二行"},
			nil,
			{"12.5"},
		}},
		{Name: "选项", Hidden: true, Rows: [][]string{{"基础"}}},
	}
	if bk.Date1904 || !reflect.DeepEqual(bk.Sheets, want) {
		t.Errorf("Read = %#v\nwant %#v", bk, want)
	}
}

func TestRead1904(t *testing.T) {
	b := book(t, func(f *excelize.File) {
		yes := true
		f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes})
	})
	bk, err := Read("a.xlsx", b)
	if err != nil || !bk.Date1904 {
		t.Errorf("Date1904 = %v, %v", bk, err)
	}
}

func TestReadErrors(t *testing.T) {
	ole := []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0}
	var ods bytes.Buffer
	zw := zip.NewWriter(&ods)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	w.Write([]byte("application/vnd.oasis.opendocument.spreadsheet"))
	zw.Close()
	good := book(t, func(f *excelize.File) { f.SetCellValue("Sheet1", "A1", "x") })
	tests := []struct {
		name      string
		b         []byte
		msg       string
		transient bool
	}{
		{"加密.xlsx", append(ole, encryptedPackage...), "文件已加密，请取消密码后另存为 .xlsx", false},
		{"旧.xls", ole, "这是旧版 Excel/WPS 格式（.xls/.et），无法读取，请另存为 .xlsx", false},
		{"改名的旧表.xlsx", ole, "这是旧版 Excel/WPS 格式（.xls/.et），无法读取，请另存为 .xlsx", false},
		{"表.xlsx", ods.Bytes(), "这是 OpenDocument 表格（.ods），无法读取，请另存为 .xlsx", false},
		{"空.xlsx", nil, sheet.MsgCorrupt, true},
		{"半.xlsx", good[:len(good)/2], sheet.MsgCorrupt, true},
		{"文本.xlsx", []byte("编号,姓名\n"), sheet.MsgCorrupt, true},
	}
	for _, tt := range tests {
		_, err := Read(tt.name, tt.b)
		fe, ok := err.(*sheet.FileError)
		if !ok || fe.Error() != tt.msg || truncated(fe) != tt.transient {
			t.Errorf("Read(%s) = %v (truncated %v); want %q truncated=%v", tt.name, err, ok && truncated(fe), tt.msg, tt.transient)
		}
	}
}

// truncated reports whether the error keeps the cause by which the reader
// of the file tells a workbook caught half-saved (load.Busy).
func truncated(err error) bool {
	return errors.Is(err, zip.ErrFormat) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
}

// TestReadZipBomb: a small file declaring a huge sheet is refused at once,
// not unzipped.
func TestReadZipBomb(t *testing.T) {
	b := book(t, func(f *excelize.File) {
		for r := 1; r <= 2000; r++ {
			f.SetSheetRow("Sheet1", "A"+itoa(r), &[]any{strings.Repeat("x", 200), r})
		}
	})
	_, err := ReadLimits("bomb.xlsx", b, Limits{Unzip: 64 << 10, UnzipXML: 16 << 10})
	fe, ok := err.(*sheet.FileError)
	if !ok || truncated(fe) || !strings.HasPrefix(fe.Error(), "文件解压后超过 0 MB 上限") {
		t.Errorf("ReadLimits(bomb) = %v", err)
	}
	if _, err := Read("ok.xlsx", b); err != nil {
		t.Errorf("Read with default limits: %v", err)
	}
}

func itoa(n int) string { c, _ := excelize.CoordinatesToCellName(1, n); return c[1:] }

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"abc": "abc", " abc ": "abc", "\u3000张三\u3000": "张三", "\ufeff编号": "编号", "张\u200b三": "张三",
		"a\r\nb\rc": "a\nb\nc", "\u00a0x\u00a0": "x", "": "", "姓　名": "姓　名",
	} {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSniff(t *testing.T) {
	if Sniff([]byte("PK\x03\x04")) != FormatXLSX || Sniff(nil) != FormatUnknown || Sniff([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}) != FormatOLE2 {
		t.Error("Sniff")
	}
}
