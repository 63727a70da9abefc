package workbook

import (
	"bytes"
	"math/big"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/jifen-dev/jifen/internal/model"
)

func sampleResult() *model.Result {
	st := model.DefaultSettings(2025)
	st.Branch = "示例党支部"
	st.Secretary = "王书记"
	y := &model.Year{Year: 2025, Settings: st}
	b01 := &model.Item{Code: "B01", Kind: model.Base, Name: "参加支部党员大会", Points: model.P(10)}
	k01 := &model.Item{Code: "K01", Kind: model.Deduction, Name: "无故缺席组织生活", Points: model.P(5)}
	a := &model.Member{ID: "D001", Name: "张三", Category: model.Full, Group: "第一党小组"}
	b := &model.Member{ID: "D002", Name: "李四", Category: model.Activist, Group: "第二党小组"}
	c := &model.Member{ID: "D003", Name: "王五", Category: model.Full, Exempt: true, ExemptReason: "长期外地居住"}
	y.Members = []*model.Member{a, b, c}
	ra := &model.MemberResult{Member: a}
	ra.Quarters[0] = model.QuarterScore{Quarter: 1, Participating: true, Base: 7850, Reward: 600, Deduction: 500,
		Total: 7950, Rank: 1, Lines: []model.Line{
			{Pos: model.Pos{File: "data/2025/登记.xlsx", Sheet: "日常登记", Row: 3}, Date: model.NewDate(2025, 1, 10),
				Kind: model.Base, Item: b01, Points: model.P(10), Reason: "一月党员大会", Source: "日常登记"},
			{Date: model.NewDate(2025, 2, 1), Kind: model.Deduction, Item: k01, Points: -model.P(5),
				Reason: "无故缺席", Source: "违规扣分"},
		}}
	ra.Quarters[1] = model.QuarterScore{Quarter: 2, Participating: true, Base: 8000, Total: 8000, Rank: 1}
	ra.Annual = &model.Annual{Quarters: 2, QuarterAvg: big.NewRat(15950, 200), BaseAvg: big.NewRat(15850, 200),
		RewardAvg: big.NewRat(3, 1), DeductionSum: 500, Democratic: big.NewRat(2573, 300), Total: big.NewRat(1, 3),
		Rank: 1, Proposed: model.Qualified, Final: model.Excellent, Reason: "综合得分达到合格条件",
		Decision: &model.Decision{Grade: model.Excellent, Reason: "抗洪抢险表现突出"}, Actions: []string{"无"}}
	rb := &model.MemberResult{Member: b}
	rb.Quarters[0] = model.QuarterScore{Quarter: 1, Participating: true, Base: 6000, Total: 6000}
	rc := &model.MemberResult{Member: c}
	return &model.Result{Year: y, AsOf: model.NewDate(2025, 7, 10), Closed: [4]bool{true, true, false, false},
		Members: []*model.MemberResult{ra, rb, rc}}
}

func TestWriteLedger(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteLedger(&buf, sampleResult()); err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := WriteLedger(&again, sampleResult()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("two ledgers of the same result differ")
	}
	f := openBook(t, buf.Bytes())
	if got, want := strings.Join(f.GetSheetList(), ","), "第一季度,第一季度明细,第二季度,第二季度明细,年度汇总"; got != want {
		t.Errorf("sheets = %s, want %s", got, want)
	}
	rows, _ := f.GetRows("第一季度", excelize.Options{RawCellValue: true})
	if got := rows[0][0]; got != "示例党支部2025年第一季度党员积分台帐" {
		t.Errorf("title = %q", got)
	}
	if got, want := strings.Join(rows[1], ","), strings.Join(LedgerQuarterHeaders, ","); got != want {
		t.Errorf("headers = %s, want %s", got, want)
	}
	if got, want := strings.Join(rows[2], ","), "1,D001,张三,正式党员,第一党小组,78.5,6,5,79.5,1"; got != want {
		t.Errorf("row 3 = %s, want %s", got, want)
	}
	if got, want := strings.Join(rows[3], ","), "2,D002,李四,入党积极分子,第二党小组,60,0,0,60"; got != want {
		t.Errorf("row 4 = %s, want %s (no rank for 入党积极分子)", got, want)
	}
	if len(rows) > 4 && len(rows[4]) > 0 {
		t.Errorf("exempt member listed in a quarter: %v", rows[4])
	}
	// Numbers are numbers, not text and not formulas.
	if typ, _ := f.GetCellType("第一季度", "F3"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("F3 type = %v, want number", typ)
	}
	if fm, _ := f.GetCellFormula("第一季度", "I3"); fm != "" {
		t.Errorf("I3 formula %q", fm)
	}
	if got, _ := f.GetCellValue("第一季度", "F3"); got != "78.50" {
		t.Errorf("F3 formatted = %q, want 78.50", got)
	}

	det, _ := f.GetRows("第一季度明细", excelize.Options{RawCellValue: true})
	if got, want := strings.Join(det[2], ","), "1,D001,张三,45667,基础,B01,参加支部党员大会,10,一月党员大会,日常登记,,登记.xlsx:日常登记!A3"; got != want {
		t.Errorf("detail row = %s\nwant %s", got, want)
	}
	if got := det[3][7]; got != "-5" {
		t.Errorf("deduction line points = %s, want -5", got)
	}

	ann, _ := f.GetRows("年度汇总", excelize.Options{RawCellValue: true})
	if got, want := strings.Join(ann[1], ","), strings.Join(LedgerAnnualHeaders, ","); got != want {
		t.Errorf("annual headers = %s", got)
	}
	// 2573/300 = 8.5766… → 8.58; 1/3 → 0.33.
	if got, want := strings.Join(ann[2], ","), "1,D001,张三,正式党员,第一党小组,79.5,80,,,79.75,79.25,3,5,8.58,0.33,1,合格,优秀,综合得分达到合格条件；支部确定：抗洪抢险表现突出,无"; got != want {
		t.Errorf("annual row = %s\nwant %s", got, want)
	}
	if got := ann[4]; len(got) < 19 || got[18] != "不纳入积分管理" || got[5] != "—" {
		t.Errorf("exempt annual row = %q", got)
	}

	for _, sh := range []string{"第一季度", "年度汇总"} {
		pl, err := f.GetPageLayout(sh)
		if err != nil || pl.Orientation == nil || *pl.Orientation != "landscape" || pl.Size == nil || *pl.Size != 9 {
			t.Errorf("%s page layout = %+v (%v), want A4 landscape", sh, pl, err)
		}
		panes, _ := f.GetPanes(sh)
		if !panes.Freeze || panes.YSplit != 2 {
			t.Errorf("%s panes = %+v", sh, panes)
		}
	}
	// Streamed sheets state their extent, or openpyxl in read-only mode
	// sees one row (PITFALLS §7); the table has borders, an autofilter and
	// cells centred vertically (issue 13).
	for sh, want := range map[string]string{"第一季度": "A1:J7", "第一季度明细": "A1:L4", "年度汇总": "A1:T8"} {
		if got, err := f.GetSheetDimension(sh); err != nil || got != want {
			t.Errorf("%s dimension = %q (%v), want %s", sh, got, err, want)
		}
	}
	filters := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" {
			filters[dn.Scope] = dn.RefersTo
		}
	}
	for sh, want := range map[string]string{"第一季度": "'第一季度'!$A$2:$J$4", "年度汇总": "'年度汇总'!$A$2:$T$5"} {
		if filters[sh] != want {
			t.Errorf("%s autofilter = %q, want %s", sh, filters[sh], want)
		}
	}
	for _, cell := range []string{"A3", "C3", "F3", "S3"} {
		id, err := f.GetCellStyle("年度汇总", cell)
		st, err2 := f.GetStyle(id)
		if err != nil || err2 != nil || len(st.Border) != 4 || st.Alignment == nil || st.Alignment.Vertical != "center" {
			t.Errorf("年度汇总!%s style = %+v (%v %v), want bordered and centred vertically", cell, st, err, err2)
		}
	}
	var titles []string
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles = append(titles, dn.Scope+"="+dn.RefersTo)
		}
	}
	if got := strings.Join(titles, ";"); !strings.Contains(got, "第一季度='第一季度'!$1:$2") || !strings.Contains(got, "年度汇总='年度汇总'!$1:$2") {
		t.Errorf("print titles = %s", got)
	}
}
