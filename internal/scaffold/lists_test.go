package scaffold

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/jifen-dev/jifen/internal/load"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/sheet"
)

// Which items each sheet's 项目编码 dropdown offers, and that they are
// exactly the items the reader accepts on that sheet: the template names
// the list, the list's categories are the table's, and a row (a column of
// a 签到表) of every rubric item is read without a wrong-category error
// just for those. TestTemplateResavedByLibreOffice evaluates the same
// lists in LibreOffice.
func TestItemListsMatchReader(t *testing.T) {
	root := t.TempDir()
	if _, err := Init(root, 2026, false); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(filepath.Join(root, "data", "2026", TemplateBook))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, tc := range []struct {
		sheet string
		cells string // the 项目编码 cells' validation
		want  []model.ItemKind
	}{
		{"日常登记", "D3:D5002", []model.ItemKind{model.Base, model.Reward}},
		{"签到表-第一季度", "E3:P3", []model.ItemKind{model.Base, model.Reward}},
		{"签到表-第四季度", "E3:P3", []model.ItemKind{model.Base, model.Reward}},
		{"奖励申报", "D3:D5002", []model.ItemKind{model.Reward}},
		{"违规扣分", "D3:D5002", []model.ItemKind{model.Deduction}},
	} {
		t.Run(tc.sheet, func(t *testing.T) {
			dvs, err := f.GetDataValidations(tc.sheet)
			if err != nil {
				t.Fatal(err)
			}
			list := ""
			for _, dv := range dvs {
				if dv.Sqref == tc.cells && dv.Type == "list" {
					list = dv.Formula1
				}
			}
			if kinds, ok := itemListKinds[list]; !ok || !slices.Equal(kinds, tc.want) {
				t.Errorf("%s!%s offers list %q of %v, want %v", tc.sheet, tc.cells, list, kinds, tc.want)
			}
			var want []string
			for _, it := range defaultRubric {
				if slices.Contains(tc.want, it.Kind) {
					want = append(want, it.Code)
				}
			}
			if got := readerAccepts(t, tc.sheet); !slices.Equal(got, want) {
				t.Errorf("the reader accepts %v on %s, the dropdown offers %v", got, tc.sheet, want)
			}
		})
	}
}

// readerAccepts lists the rubric codes the reader takes on a sheet of
// kind's name: every item, 「code name」 as the dropdown writes it, on a
// row (or a 签到表 column) of its own.
func readerAccepts(t *testing.T, name string) []string {
	t.Helper()
	k, _ := model.KindOf(name)
	rubric := [][]string{{"编码", "类别", "项目", "分值"}}
	for _, it := range defaultRubric {
		rubric = append(rubric, []string{it.Code, it.Kind.String(), it.Name, it.Pts.String()})
	}
	var rows [][]string
	itemCol := 3 // 1-based, where a wrong item is reported
	switch k {
	case model.KindGrid:
		rows = [][]string{{"活动日期", ""}, {"项目编码", ""}, {"编号", "姓名"}, {"D001", "张三"}}
		for i, it := range defaultRubric {
			rows[0] = append(rows[0], fmt.Sprintf("2026-03-%02d", i+1))
			rows[1] = append(rows[1], it.Code+" "+it.Name)
			rows[2] = append(rows[2], it.Name)
			rows[3] = append(rows[3], "√")
		}
	case model.KindEntries, model.KindClaims, model.KindDeductions:
		rows = [][]string{{"日期", "编号", "项目编码", "事由", "党小组意见", "支部审定", "证明材料"}}
		rows[0][0] = k.Schema().Columns[0].Header
		for _, it := range defaultRubric {
			rows = append(rows, []string{"2026-03-05", "D001", it.Code + " " + it.Name, "事由", "通过", "通过", "附件"})
		}
	default:
		t.Fatalf("no rows for %s", k)
	}
	book := &sheet.Book{Sheets: []sheet.Sheet{
		{Name: "设置", Rows: [][]string{{"项目", "值"}, {"支部名称", "示例党支部"}, {"年度", "2026"}}},
		{Name: "考核项目", Rows: rubric},
		{Name: "党员名册", Rows: [][]string{{"编号", "姓名", "类别"}, {"D001", "张三", "正式党员"}}},
		{Name: name, Rows: rows},
	}}
	_, fs := load.ParseYear(2026, "data/2026", []load.File{{Path: "data/2026/x.xlsx", Book: book}})
	rejected := map[string]bool{}
	for _, f := range fs {
		if f.Level == model.Error && f.Pos.Sheet == name && (k == model.KindGrid || f.Pos.Col == itemCol) {
			code, _, _ := strings.Cut(strings.TrimPrefix(f.Message[strings.Index(f.Message, "项目编码「"):], "项目编码「"), " ")
			rejected[code] = true
		} else if f.Level == model.Error {
			t.Errorf("unexpected: %s", f)
		}
	}
	var out []string
	for _, it := range defaultRubric {
		if !rejected[it.Code] {
			out = append(out, it.Code)
		}
	}
	return out
}

// Every validation of a sheet's input rows (dropdowns, date checks,
// prompts) reaches row 5,000: a year of a large branch's 日常登记, typed by
// hand, does not run out of dropdowns at row 302 as it used to.
func TestValidationsReach5000(t *testing.T) {
	root := t.TempDir()
	if _, err := Init(root, 2026, false); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(filepath.Join(root, "data", "2026", TemplateBook))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	for _, sh := range f.GetSheetList() {
		k, ok := model.KindOf(sh)
		if !ok || k == model.KindSettings {
			continue // 设置 validates its own rows, one item each
		}
		dvs, err := f.GetDataValidations(sh)
		if err != nil {
			t.Fatal(err)
		}
		covered := map[int]bool{} // columns validated on row 5000
		for _, dv := range dvs {
			for _, r := range strings.Fields(dv.Sqref) {
				a, b, _ := strings.Cut(r, ":")
				c1, r1, err1 := excelize.CellNameToCoordinates(a)
				c2, r2, err2 := excelize.CellNameToCoordinates(b)
				if err1 != nil || err2 != nil {
					continue // a single cell
				}
				if r1 <= 5000 && 5000 <= r2 {
					for c := c1; c <= c2; c++ {
						covered[c] = true
					}
				}
			}
		}
		head := 2
		if k == model.KindGrid {
			head = 4
		} else if k.Schema().Title == "" {
			head = 1
		}
		cols, _ := f.GetRows(sh)
		for c, h := range cols[head-1] {
			if k == model.KindGrid && (h == model.GridNote.Header || h == model.GridSeq.Header || h == model.GridGroup.Header) {
				continue // for paper, or typed freely: no prompt, no list
			}
			n++
			if !covered[c+1] {
				t.Errorf("%s: column %s (%s) has no validation on row 5000", sh, model.ColumnName(c+1), h)
			}
		}
	}
	if n < 60 {
		t.Errorf("only %d columns checked", n)
	}
}
