package workbook

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/jifen-dev/jifen/internal/model"
)

// TestPrompts gives every column of every kind a prompt of its own sheet,
// within Excel's limits (title 32, message 255 UTF-16 units).
func TestPrompts(t *testing.T) {
	for _, k := range model.Kinds {
		if k == model.KindGrid {
			continue // a layout: its member block has no prompts
		}
		for _, c := range k.Schema().Columns {
			p := prompt(k, c.Header)
			if p == "" && c.Header != "说明" {
				t.Errorf("%s!%s has no prompt", k, c.Header)
			}
			if n := len(utf16.Encode([]rune(p))); n > 255 {
				t.Errorf("%s!%s prompt is %d units long, Excel allows 255", k, c.Header, n)
			}
			if n := len(utf16.Encode([]rune(c.Header))); n > 32 {
				t.Errorf("%s: title %s is %d units long, Excel allows 32", k, c.Header, n)
			}
			// A register row names its member by 编号 or 姓名; the roster needs both.
			if strings.Contains(p, "至少填一项") != k.MemberRef() && c.Header == model.ColID {
				t.Errorf("%s!%s prompt %q", k, c.Header, p)
			}
		}
	}
	for _, tc := range []struct {
		k          model.Kind
		h, wantSub string
	}{
		{model.KindItems, "分值", "每次的分值"},
		{model.KindEntries, "分值", "分值×次数"},
		{model.KindRoster, "编号", "必填"},
		{model.KindRoster, "姓名", "必填"},
		{model.KindRoster, "类别", "入党积极分子"},
		{model.KindItems, "类别", "基础 / 奖励 / 扣分"},
		{model.KindDeductions, "项目编码", "扣分项目"},
		{model.KindClaims, "项目编码", "奖励项目"},
		{model.KindEntries, "项目编码", "基础或奖励"},
		{model.KindDeductions, "事由", "公开页面只显示项目名称"},
	} {
		if p := prompt(tc.k, tc.h); !strings.Contains(p, tc.wantSub) {
			t.Errorf("%s!%s prompt = %q, want it to say %q", tc.k, tc.h, p, tc.wantSub)
		}
	}
}

// TestGrowingListsAndHelpers writes the template's cross-sheet lists and
// helper marks, and reads the marks back.
func TestGrowingListsAndHelpers(t *testing.T) {
	tables := []Table{
		{Sheet: "说明", Headers: []string{"说明"}, Rows: [][]any{{"先填设置"}}, Helper: true},
		{Sheet: "党员名册", Headers: []string{"编号", "姓名", "类别"}, Lists: map[string]string{"编号": "编号列表"}},
		{Sheet: "日常登记", Title: "登记表", Headers: []string{"活动日期", "编号", "事由"}, ListChoices: map[string]string{"编号": "编号列表"}},
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
	if got, want := names["Workbook/编号列表"], "OFFSET('党员名册'!$A$2,0,0,MAX(1,COUNTA('党员名册'!$A$2:$A$5001)),1)"; got != want {
		t.Errorf("编号列表 = %q, want %q", got, want)
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
		if dv.Sqref == "B3:B302" && dv.Type == "list" && dv.Formula1 == "编号列表" && dv.Prompt != nil && strings.Contains(*dv.Prompt, "下拉列表") {
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
