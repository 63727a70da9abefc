package summary

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/jifen-dev/jifen/internal/workbook"
)

func writeList(t *testing.T, dir string, sheets map[string][][]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	first := true
	for name, rows := range sheets {
		if first {
			f.SetSheetName("Sheet1", name)
			first = false
		} else {
			f.NewSheet(name)
		}
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			f.SetSheetRow(name, cell, &r)
		}
	}
	if err := f.SaveAs(filepath.Join(dir, ListFile)); err != nil {
		t.Fatal(err)
	}
}

// TestReadList reads 支部名单.xlsx through the workbook reader: the header
// found below a title, names as typed, contacts kept, phones never, and
// findings naming their cells.
func TestReadList(t *testing.T) {
	dir := t.TempDir()
	writeList(t, dir, map[string][][]any{"名单": {
		{"2026年应报送支部"},
		{"支部名称", "联系人", "电　话"},
		{"中共示例局机关第一党支部", "张三", "13800000000"},
		{"中共示例局后勤党支部"},
		{"中共示例局 机关第一党支部", "李四"},
		{nil, "王五", "13900000000"},
	}})
	list, fs := ReadList(dir, "备案", workbook.Read)
	if list == nil || len(list.Branches) != 2 {
		t.Fatalf("list = %+v, findings %s", list, texts(fs))
	}
	if b := list.Branches[0]; b.Name != "中共示例局机关第一党支部" || b.Contact != "张三" || b.Pos.String() != "备案/支部名单.xlsx:名单!A3" {
		t.Errorf("first = %+v", b)
	}
	want := "警告 备案/支部名单.xlsx:名单!A5: 支部「中共示例局 机关第一党支部」与第 3 行重复，只计一次\n" +
		"警告 备案/支部名单.xlsx:名单!A6: 缺少支部名称，本行未读取"
	if got := texts(fs); got != want {
		t.Errorf("findings:\n%s\nwant\n%s", got, want)
	}
	for _, b := range list.Branches {
		if strings.Contains(b.Name+b.Contact, "138") {
			t.Errorf("a phone number was kept: %+v", b)
		}
	}

	// No list: nothing. A list without its header: an error at its sheet.
	if l, fs := ReadList(t.TempDir(), "备案", workbook.Read); l != nil || fs != nil {
		t.Errorf("no list: %v %v", l, fs)
	}
	writeList(t, dir, map[string][][]any{"Sheet1": {{"名称", "联系人"}, {"甲支部"}}})
	if l, fs := ReadList(dir, "备案", workbook.Read); l != nil || !fs.HasErrors() || !strings.Contains(texts(fs), "备案/支部名单.xlsx:Sheet1: 没有找到表头「支部名称」") {
		t.Errorf("no header: %v %s", l, texts(fs))
	}
	os.WriteFile(filepath.Join(dir, ListFile), []byte("不是工作簿"), 0o644)
	if l, fs := ReadList(dir, "备案", workbook.Read); l != nil || !fs.HasErrors() || !strings.HasPrefix(texts(fs), "错误 备案/支部名单.xlsx: ") {
		t.Errorf("not a workbook: %v %s", l, texts(fs))
	}
}
