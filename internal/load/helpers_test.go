package load

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/sheet"
	"github.com/jifen-dev/jifen/internal/workbook"
)

// sheet describes one worksheet written by a test.
type wsheet struct {
	name   string
	rows   [][]any
	hidden bool
	merge  []string // ranges like "A1:F1"
}

// writeBook writes an .xlsx with the given sheets (the first replaces
// excelize's default Sheet1).
// formula is a cell value written as a formula with no stored result.
type formula string

func writeBook(t testing.TB, path string, sheets ...wsheet) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			for c, v := range row {
				if v == nil {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if fm, ok := v.(formula); ok { // written without a cached result, as excelize does
					if err := f.SetCellFormula(s.name, cell, string(fm)); err != nil {
						t.Fatal(err)
					}
					continue
				}
				if err := f.SetCellValue(s.name, cell, v); err != nil {
					t.Fatal(err)
				}
			}
		}
		for _, m := range s.merge {
			a, b, _ := strings.Cut(m, ":")
			if err := f.MergeCell(s.name, a, b); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, s := range sheets {
		if s.hidden {
			if err := f.SetSheetVisible(s.name, false); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func settingsSheet(extra ...[]any) wsheet {
	rows := [][]any{{"项目", "值"}, {"支部名称", "示例党支部"}, {"年度", 2026}}
	return wsheet{name: "设置", rows: append(rows, extra...)}
}

func itemsSheet() wsheet {
	return wsheet{name: "考核项目", rows: [][]any{
		{"编码", "类别", "项目", "分值", "季度上限", "需证明材料", "说明"},
		{"B1", "基础", "参加支部党员大会", 5, nil, "否"},
		{"B2", "基础", "参加党小组会", 2},
		{"R1", "奖励", "志愿服务", 2, 6, "否"},
		{"R2", "奖励", "获得表彰", 5, nil, "是"},
		{"K1", "扣分", "无故缺席组织生活", -5},
		{"K2", "扣分", "违反工作纪律", 10},
	}}
}

func rosterSheet() wsheet {
	return wsheet{name: "党员名册", rows: [][]any{
		{"编号", "姓名", "类别", "党小组", "职务", "转入日期", "转出日期", "不纳入积分管理", "不纳入原因", "身份证号"},
		{"D001", "张三", "正式党员", "第一党小组", "党小组长", nil, nil, nil, nil, "110101199001011234"},
		{"D002", "李四", "正式党员", "第一党小组"},
		{"D003", "王五", "预备党员", "第二党小组", nil, "2026-04-01"},
		{"D004", "赵六", "正式党员", "第二党小组", nil, nil, nil, "是", "长期外地居住"},
		{"005", "钱七", "入党积极分子", "第二党小组"},
		{"D006", "刘一", "正式党员", "第一党小组"},
		{"D007", "刘一", "发展对象", "第二党小组"},
	}}
}

// memBook is the book the reader would return for sheets written by
// writeBook, for tests of validation that need no file: cells are the raw
// values excelize reads back (numbers in their shortest form), cleaned like
// the reader cleans them. Formulas and merges are reading matters: tests
// of those write files.
func memBook(t testing.TB, sheets ...wsheet) *sheet.Book {
	t.Helper()
	b := &sheet.Book{}
	for _, s := range sheets {
		if len(s.merge) > 0 {
			t.Fatalf("memBook: sheet %s has merges; write a file", s.name)
		}
		ws := sheet.Sheet{Name: s.name, Hidden: s.hidden}
		for _, row := range s.rows {
			var cells []string
			for _, v := range row {
				var c string
				switch v := v.(type) {
				case nil:
				case string:
					c = workbook.Clean(v)
				case int:
					c = strconv.Itoa(v)
				case float64:
					c = strconv.FormatFloat(v, 'f', -1, 64)
				default:
					t.Fatalf("memBook: sheet %s: a %T cell needs a file", s.name, v)
				}
				cells = append(cells, c)
			}
			for len(cells) > 0 && cells[len(cells)-1] == "" {
				cells = cells[:len(cells)-1]
			}
			ws.Rows = append(ws.Rows, cells)
		}
		for len(ws.Rows) > 0 && len(ws.Rows[len(ws.Rows)-1]) == 0 {
			ws.Rows = ws.Rows[:len(ws.Rows)-1]
		}
		b.Sheets = append(b.Sheets, ws)
	}
	return b
}

// baseBook is the minimal valid register's workbook, in memory.
func baseBook(t testing.TB) File {
	return File{Path: "data/2026/基础.xlsx", Book: memBook(t, settingsSheet(), itemsSheet(), rosterSheet())}
}

// baseRegister writes a minimal valid register for 2026 into dir/data.
func baseRegister(t testing.TB, dir string) {
	writeBook(t, filepath.Join(dir, "data", "2026", "基础.xlsx"), settingsSheet(), itemsSheet(), rosterSheet())
}

// lines formats findings as "level pos: message".
func lines(fs model.Findings) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Level.String()+" "+f.String())
	}
	return out
}
