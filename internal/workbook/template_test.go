package workbook

import (
	"bytes"
	"strings"
	"testing"

	"github.com/jifen-dev/jifen/internal/model"
)

// TestGrowingListsAndHelpers writes the template's cross-sheet lists and
// helper marks, and reads the marks back.
func TestGrowingListsAndHelpers(t *testing.T) {
	tables := []Table{
		{Sheet: "说明", Columns: []*model.Column{{Header: "说明", Wrap: true}}, Rows: [][]any{{"先填设置"}}, Helper: true},
		{Sheet: "党员名册", Columns: []*model.Column{model.RosterID, model.RosterName, model.RosterCategory}, Lists: []List{{Name: "编号列表", Key: model.RosterID}}},
		{Sheet: "日常登记", Title: "登记表", Columns: []*model.Column{model.EntryDate, model.EntryID, model.EntryReason}, ListChoices: map[*model.Column]string{model.EntryID: "编号列表"}},
	}
	var buf bytes.Buffer
	if err := writeBookTo(&buf, tables); err != nil {
		t.Fatal(err)
	}
	f := openBook(t, buf.Bytes())
	names := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		names[dn.Scope+"/"+dn.Name] = dn.RefersTo
	}
	// The list is the options sheet's third helper column, as long as the
	// first column's count: see TestTemplateResavedByLibreOffice (scaffold)
	// for what LibreOffice makes of it.
	if got, want := names["Workbook/编号列表"], "OFFSET('选项'!$D$2,0,0,MAX(1,'选项'!$B$5001),1)"; got != want {
		t.Errorf("编号列表 = %q, want %q", got, want)
	}
	for cell, want := range map[string]string{
		"B2": `N(B1)+IF(党员名册!$A2<>"",1,0)`,
		"C2": `IF(ROW()-1>选项!$B$5001,0,MATCH(ROW()-1,$B$2:$B$5001,0))`,
		"D2": `IF(C2=0,"",INDEX(党员名册!$A$2:$A$5001,C2)&"")`,
	} {
		if got, _ := f.GetCellFormula("选项", cell); got != want {
			t.Errorf("选项!%s = %s, want %s", cell, got, want)
		}
	}
	if p, _ := f.GetCalcProps(); p.FullCalcOnLoad == nil || !*p.FullCalcOnLoad {
		t.Error("the lists' formulas are not computed when the file opens")
	}
	if names["说明/"+HelperName] == "" || names["选项/"+HelperName] == "" || names["党员名册/"+HelperName] != "" {
		t.Errorf("helper marks: %v", names)
	}
	if names["日常登记/_xlnm.Print_Titles"] != "'日常登记'!$1:$2" {
		t.Errorf("print titles: %v", names)
	}
	dvs, _ := f.GetDataValidations("日常登记")
	var list bool
	for _, dv := range dvs {
		if dv.Sqref == "B3:B5002" && dv.Type == "list" && dv.Formula1 == "编号列表" && dv.Prompt != nil && strings.Contains(*dv.Prompt, "下拉列表") && !dv.ShowErrorMessage {
			list = true
		}
	}
	if !list {
		t.Errorf("日常登记!B has no dropdown from 编号列表: %+v", dvs)
	}
	if w, _ := f.GetColWidth("日常登记", "C"); w < 36 {
		t.Errorf("事由 width = %v, want at least 36 in a blank sheet", w)
	}

	book, err := Read("x.xlsx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	helper := map[string]bool{}
	for _, s := range book.Sheets {
		helper[s.Name] = s.Helper
	}
	if !helper["说明"] || !helper["选项"] || helper["党员名册"] || helper["日常登记"] {
		t.Errorf("helpers read back = %v", helper)
	}
}
