package workbook

import (
	"archive/zip"
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/sheet"
)

// sameAsExcelize reads b both ways: the fast reader must take it (no
// fallback) and give exactly what excelize gives.
func sameAsExcelize(t *testing.T, name string, b []byte) *sheet.Book {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	fast, err := fastRead(zr, DefaultLimits)
	if err != nil {
		t.Fatalf("%s: fastRead = %v, want it read", name, err)
	}
	ref, err := readExcelize(name, b, DefaultLimits)
	if err != nil {
		t.Fatalf("%s: excelize = %v", name, err)
	}
	if !reflect.DeepEqual(fast, ref) {
		t.Errorf("%s: fast reader\n%#v\nexcelize\n%#v", name, fast, ref)
	}
	return fast
}

func TestFastReadMatchesExcelize(t *testing.T) {
	b := book(t, func(f *excelize.File) {
		f.SetSheetName("Sheet1", "日常登记")
		f.SetCellValue("日常登记", "A1", "2026年党员积分日常登记表")
		f.MergeCell("日常登记", "A1", "D1")
		f.SetSheetRow("日常登记", "A3", &[]any{"活动日期", " 姓\u3000名 ", "项目编码", "事由"})
		f.SetSheetRow("日常登记", "A4", &[]any{46086, "张三\u200b", "B1", "a<b & c>\"d'"})
		f.SetCellValue("日常登记", "B5", "李四")
		f.SetCellValue("日常登记", "D5", "第一行\r\n第二行\r第三行")
		f.SetCellValue("日常登记", "E5", "_x000D_ 与 _x005F_x000D_ 与 \x01")
		f.MergeCell("日常登记", "A4", "A5")
		f.SetCellValue("日常登记", "A7", 12.5)
		f.SetCellValue("日常登记", "B7", true)
		f.SetCellValue("日常登记", "C7", -0.25)
		f.SetCellValue("日常登记", "D7", 1234567890123456789)
		f.SetCellFormula("日常登记", "E7", "SUM(A7:C7)")
		f.SetCellFormula("日常登记", "F4", "1+1")
		f.SetCellRichText("日常登记", "A9", []excelize.RichTextRun{{Text: "粗体"}, {Text: "正文", Font: &excelize.Font{Bold: true}}})
		f.SetCellValue("日常登记", "C12", "　")
		f.NewSheet("选项")
		f.SetCellValue("选项", "A1", "基础")
		f.SetSheetVisible("选项", false)
		f.NewSheet("空表")
		f.NewSheet("很隐藏")
		f.SetCellValue("很隐藏", "XFD1048576", "角落")
		f.SetSheetVisible("很隐藏", false, true)
	})
	got := sameAsExcelize(t, "excelize.xlsx", b)
	if len(got.Sheets) != 4 || len(got.Sheets[0].Uncalculated) != 2 {
		t.Errorf("sheets %d, uncalculated %v", len(got.Sheets), got.Sheets[0].Uncalculated)
	}

	b = book(t, func(f *excelize.File) {
		yes := true
		f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes})
		f.SetCellValue("Sheet1", "A1", 100)
	})
	if got := sameAsExcelize(t, "1904.xlsx", b); !got.Date1904 {
		t.Error("Date1904 lost")
	}

	b = book(t, func(f *excelize.File) {
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			t.Fatal(err)
		}
		sw.SetRow("A1", []any{"标题"})
		sw.SetRow("A3", []any{"日期", "姓名", nil, "分值"})
		for r := 4; r < 60; r++ {
			cell, _ := excelize.CoordinatesToCellName(1, r)
			sw.SetRow(cell, []any{46000 + r, fmt.Sprintf("成员%d ", r), nil, float64(r) / 4, []excelize.RichTextRun{{Text: "内"}, {Text: "联"}}})
		}
		sw.Flush()
	})
	sameAsExcelize(t, "stream.xlsx", b)
}

func TestFastReadBulkBook(t *testing.T) {
	p := t.TempDir() + "/bulk.xlsx"
	err := WriteBulkBook(p, []BulkTable{{Sheet: "日常登记", Title: "标题", Columns: []*model.Column{model.EntryDate, model.EntryID, model.EntryName, model.EntryPoints, model.EntryReason, {Header: "是否"}},
		Rows: func(yield func([]any) error) error {
			for i := range 50 {
				if err := yield([]any{model.NewDate(2025, 1, 1+i%28), fmt.Sprintf("D%03d", i), "张三", model.Points(150 * i), "事由<&>", i%2 == 0}); err != nil {
					return err
				}
			}
			return nil
		}}})
	if err != nil {
		t.Fatal(err)
	}
	b := readFileT(t, p)
	got := sameAsExcelize(t, "bulk.xlsx", b)
	if r := got.Sheets[0].Rows[3]; strings.Join(r, ",") != "45659,D001,张三,1.5,事由<&>,否" {
		t.Errorf("row 4 = %q", r)
	}
}

// handmade builds a workbook from raw sheet and shared-string XML, for the
// forms other programs write and excelize never does.
func handmade(t *testing.T, sheets []string, sst string, workbookExtra string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name, body string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	ct := `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`
	var sh, rels strings.Builder
	for i := range sheets {
		ct += fmt.Sprintf(`<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i+1)
		fmt.Fprintf(&sh, `<sheet name="表%d" sheetId="%d" r:id="rId%d"/>`, i+1, i+1, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
	}
	if sst != "" {
		ct += `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
		rels.WriteString(`<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/sharedStrings.xml"/>`)
		add("xl/sharedStrings.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`+sst+`</sst>`)
	}
	add("[Content_Types].xml", ct+`</Types>`)
	add("_rels/.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	add("xl/workbook.xml", `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`+workbookExtra+`<sheets>`+sh.String()+`</sheets></workbook>`)
	add("xl/_rels/workbook.xml.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+rels.String()+`</Relationships>`)
	for i, s := range sheets {
		add(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+s)
	}
	zw.Close()
	return buf.Bytes()
}

const wsOpen = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`

func TestFastReadOtherWriters(t *testing.T) {
	sst := `<si><t xml:space="preserve"> 编号 </t></si>` +
		`<si><r><rPr><b/></rPr><t>张</t></r><r><t>三</t></r><rPh sb="0" eb="1"><t>ZHANG</t></rPh><phoneticPr fontId="1"/></si>` +
		`<si><t>A&amp;B &#x4E2D;&#25991; _x0041_ _xZZZZ_ _x005F_x0041_</t></si>` +
		`<si><t><![CDATA[<原样>]]></t></si>` +
		`<si><t/></si><si/>` +
		`<si><t>甲</t><r><t>乙</t></r></si>`
	cases := map[string]string{
		"plain": wsOpen + `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>` +
			`<row r="3" spans="1:4"><c r="A3" t="s"><v>2</v></c><c r="B3" t="s"><v>3</v></c><c r="C3" t="s"><v>4</v></c><c r="D3" t="s"><v>5</v></c><c r="E3" t="s"><v> 6 </v></c></row></sheetData></worksheet>`,
		"no references": wsOpen + `<sheetData><row><c t="s"><v>0</v></c><c/><c><v>3</v></c></row><row><c><v>1</v></c></row>` +
			`<row r="5"><c><v>2</v></c><c r="D5"><v>4</v></c><c><v>5</v></c></row></sheetData></worksheet>`,
		"prefixes and quotes": `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
			`<x:row r='2'><x:c r='B2' t='inlineStr'><x:is><x:t>内联</x:t></x:is></x:c><x:c r="C2" t="str"><x:f>A1&amp;"x"</x:f><x:v>结果&lt;</x:v></x:c></x:row>` +
			`<!-- a comment --><?pi x?><x:row r="4"/></x:sheetData></x:worksheet>`,
		"types": wsOpen + `<sheetData><row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="e"><v>#N/A</v></c><c r="C1" t="d"><v>2026-03-05T00:00:00Z</v></c>` +
			`<c r="D1" t="n"><v>1.5E-3</v></c><c r="E1" s="3"><v>45000</v></c><c r="F1" t="inlineStr"><is><r><t>富</t></r><r><rPr/><t xml:space="preserve">文本 </t></r></is></c>` +
			`<c r="G1" t="str"><v></v></c><c r="H1" t="inlineStr"><is><t>_x000A_换行</t></is></c></row></sheetData></worksheet>`,
		"formulas": wsOpen + `<sheetData><row r="1"><c r="A1"><f>1+1</f></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2</f><v>4</v></c><c r="C1"><v>9</v></c></row>` +
			`<row r="2"><c r="B2"><f t="shared" si="0"/></c><c r="C2" t="str"><f>""</f><v> </v></c><c r="D2"><f/></c></row>` +
			`<row r="3"><c r="A3"><v>1</v></c></row><row r="6"><c r="A6"><f>7</f></c></row></sheetData>` +
			`<mergeCells count="2"><mergeCell ref="C1:C3"/><mergeCell ref="a3:b3"/></mergeCells></worksheet>`,
		"empty":           wsOpen + `<sheetData/></worksheet>`,
		"no data":         wsOpen + `<dimension ref="A1"/></worksheet>`,
		"text with cdata": wsOpen + `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>前<![CDATA[<中>]]>后</t></is></c><c r="B1" t="str"><v>a<!-- x -->b</v></c></row></sheetData></worksheet>`,
	}
	for name, ws := range cases {
		t.Run(name, func(t *testing.T) {
			sameAsExcelize(t, name, handmade(t, []string{ws}, sst, ""))
		})
	}
	b := handmade(t, []string{cases["plain"], cases["types"]}, sst, `<workbookPr date1904="true"/>`)
	if got := sameAsExcelize(t, "1904", b); !got.Date1904 {
		t.Error("date1904=true not read")
	}
}

// TestFastReadDeclines: what the fast reader does not understand goes to
// excelize, which then decides as before.
func TestFastReadDeclines(t *testing.T) {
	cases := map[string][]byte{
		"bad shared string":  handmade(t, []string{wsOpen + `<sheetData><row r="1"><c r="A1" t="s"><v>7</v></c></row></sheetData></worksheet>`}, `<si><t>x</t></si>`, ""),
		"rows out of order":  handmade(t, []string{wsOpen + `<sheetData><row r="3"><c r="A3"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row></sheetData></worksheet>`}, "", ""),
		"truncated xml":      handmade(t, []string{wsOpen + `<sheetData><row r="1"><c r="A1"><v>1</v>`}, "", ""),
		"unknown entity":     handmade(t, []string{wsOpen + `<sheetData><row r="1"><c r="A1" t="str"><v>&nbsp;</v></c></row></sheetData></worksheet>`}, "", ""),
		"row number too big": handmade(t, []string{wsOpen + `<sheetData><row r="1048577"><c><v>1</v></c></row></sheetData></worksheet>`}, "", ""),
	}
	for name, b := range cases {
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fastRead(zr, DefaultLimits); err != errFallback {
			t.Errorf("%s: fastRead err = %v, want errFallback", name, err)
		}
		fast, ferr := Read(name+".xlsx", b)
		ref, rerr := readExcelize(name+".xlsx", b, DefaultLimits)
		if !reflect.DeepEqual(fast, ref) || fmt.Sprint(ferr) != fmt.Sprint(rerr) {
			t.Errorf("%s: Read = %v %v, excelize = %v %v", name, fast, ferr, ref, rerr)
		}
	}
}

// TestFastReadRandom compares both readers on random sheets of the values
// registers hold.
func TestFastReadRandom(t *testing.T) {
	vals := []any{"", " ", "张三", "D001", "　全角　", "a\r\nb", "<&>", "_x0041_", 0, 1, -3, 46000, 0.1, 2.25, 1e20, true, false,
		time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC), "\u200b", "1,234", "=1+1"}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 20 {
		b := book(t, func(f *excelize.File) {
			for r := 1; r <= 30; r++ {
				for c := 1; c <= 8; c++ {
					if rng.IntN(3) == 0 {
						continue
					}
					cell, _ := excelize.CoordinatesToCellName(c, r)
					v := vals[rng.IntN(len(vals))]
					if s, ok := v.(string); ok && strings.HasPrefix(s, "=") {
						f.SetCellFormula("Sheet1", cell, s[1:])
						continue
					}
					f.SetCellValue("Sheet1", cell, v)
				}
			}
			if rng.IntN(2) == 0 {
				f.MergeCell("Sheet1", "B2", "D4")
			}
		})
		sameAsExcelize(t, fmt.Sprintf("random%d", n), b)
	}
}

func readFileT(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
