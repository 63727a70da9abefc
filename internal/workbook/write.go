package workbook

// Writing workbooks people will fill in by hand: templates, the demo
// register and the committee's ledger. Everything here follows PITFALLS §2:
// values (never formulas), ID columns formatted as text so leading zeros
// survive, real dates with a yyyy-mm-dd format and a date validation,
// dropdowns referenced from a hidden options sheet (a literal list breaks
// past 255 characters), input prompts instead of comments, a frozen header.

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"math/big"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/sheet"
)

// Table is one sheet to write.
type Table struct {
	Sheet   string // sheet name; its prefix decides the kind when read back (SPEC §2)
	Title   string // optional title row above the header, merged across the columns
	Headers []string
	// Rows hold string, int, model.Points, *big.Rat (rounded to 2 decimals),
	// time.Time (a date; zero = blank), bool (是/否) or nil (blank).
	Rows [][]any
	// Prompts overrides or adds input prompts by header; "" removes the default.
	Prompts map[string]string
	// Choices overrides or adds dropdown lists by header; an empty list removes the default.
	Choices map[string][]string
	// CellChoices adds a dropdown to single cells, e.g. "B11" of a 设置 sheet.
	CellChoices map[string][]string
	// InputRows is how many rows below the header get the column formats and
	// validations; 0 means the data rows plus 300 blank rows for input
	// (for a Grid: plus 20).
	InputRows int
	// Grid, when set, lays the sheet out as a 签到表 (grid.go).
	Grid *Grid
	// Lists names columns whose entries other sheets choose from: header →
	// defined name. The name covers the column's filled rows and grows as
	// rows are added (Excel, WPS and LibreOffice evaluate it when the
	// dropdown opens), so a member added to the roster is offered at once.
	Lists map[string]string
	// ListChoices gives columns a dropdown from a defined name of Lists
	// (header → name); it must be in the same workbook, because no office
	// program lets a validation refer to another file.
	ListChoices map[string]string
	// Widths overrides the minimum width of columns by header.
	Widths map[string]float64
	// Helper marks a sheet of jifen's own (the templates' 说明): the reader
	// skips it without a word, as it does the hidden 选项 sheet.
	Helper bool
}

// HelperName is the sheet-scoped defined name that marks a helper sheet.
// A name, unlike a cell or a sheet name, is invisible to the user and
// survives saving in Excel, WPS and LibreOffice.
const HelperName = "jifen_helper"

// listRows bounds a growing list's COUNTA: far beyond any branch's roster.
const listRows = 5000

// optionsSheet holds the dropdown lists; hidden and protected (no password),
// so the lists cannot be edited by accident.
const optionsSheet = "选项"

// fixedDocTime keeps the files byte-identical between runs: excelize writes
// no clock-dependent part once the core properties are fixed.
const fixedDocTime = "2025-01-01T00:00:00Z"

// Dropdown lists: the reader's vocabulary, from model (SPEC §2).
var (
	yesNo       = []string{model.Yes, model.No}
	approvals   = model.Texts(model.Approvals)
	categories  = model.Texts(model.Categories)
	itemKinds   = model.Texts(model.ItemKinds)
	grades      = model.Texts(model.Grades)
	quartersCN  = []string{model.QuarterLabel(1), model.QuarterLabel(2), model.QuarterLabel(3), model.QuarterLabel(4)}
	sources     = model.DeductionSources
	outcomes    = model.Outcomes
	objStatuses = model.Statuses
	textHeaders = map[string]bool{"编号": true, "编码": true, "项目编码": true, "身份证号": true, "联系电话": true, "依据": true}
	wrapHeaders = map[string]bool{"说明": true, "事由": true, "承诺内容": true, "理由": true, "异议事项": true, "调查结果": true, "不纳入原因": true, "备案情况": true, "备注（内部）": true, "后续措施": true}
	maxColWidth = 48.0
	// maxInputWidth caps the columns of sheets people fill in: wider than
	// the ledger's, for 承诺内容 and the 说明 sheet.
	maxInputWidth = 100.0
	minColWidth   = 6.0
	dateNumFmt    = "yyyy-mm-dd"
	errOverwrite  = errors.New("文件已存在，不会覆盖")
)

// defaultChoices returns the dropdown a column gets from its header; the
// meaning of 类别 depends on the sheet kind.
func defaultChoices(kind model.Kind, header string) []string {
	switch header {
	case "类别":
		switch kind {
		case model.KindItems:
			return itemKinds
		case model.KindRoster:
			return categories
		}
	case "需证明材料", "不纳入积分管理", "预备期已延长":
		return yesNo
	case "党小组意见", "支部审定":
		return approvals
	case "来源":
		return sources
	case "处理结果":
		return outcomes
	case "状态":
		return objStatuses
	case "确定等次":
		return grades
	case "季度":
		return quartersCN
	}
	return nil
}

// prompt returns the input prompt of column h on a sheet of kind k: the
// kind's own text first (a 分值 in the rubric is not a 分值 in the daily
// register), then the member reference of the register kinds, then the
// columns that mean the same everywhere. Excel limits: title 32, message
// 255 characters.
func prompt(k model.Kind, h string) string {
	if p, ok := kindPrompts[k][h]; ok {
		return p
	}
	if k.MemberRef() {
		if p, ok := memberPrompts[h]; ok {
			return p
		}
	}
	return commonPrompts[h]
}

var memberPrompts = map[string]string{
	model.ColID:   "党员名册中的编号，可从下拉列表选择。编号与姓名至少填一项，两者都填时必须一致。",
	model.ColName: "党员姓名，可从下拉列表选择；只填姓名时，该姓名在名册中必须唯一。",
}

var commonPrompts = map[string]string{
	"备注（内部）": "内部备注，不会公开，也不会出现在任何报送材料中。",
	"身份证号":   "仅供支部内部核对，不会出现在任何输出中。请保持文本格式，以免 Excel 丢失末尾数位。",
	"联系电话":   "仅供支部内部联系，不会出现在任何输出中。",
	"说明":     "",
}

var kindPrompts = map[model.Kind]map[string]string{
	model.KindSettings: {
		"项目": "设置项目的名称，请不要修改。",
		"值":  "按左侧项目填写；右侧“说明”列解释每一项，程序不读取说明列。",
	},
	model.KindItems: {
		"编码":    "必填，不能重复，如 B01（基础）、R01（奖励）、K01（扣分）。各登记表的项目编码从这里选择。",
		"类别":    "基础 / 奖励 / 扣分。",
		"项目":    "必填：项目名称，公示和积分明细中显示。",
		"分值":    "必填：每次的分值。基础项目按累加制填正数（扣减制填负数）；奖励项目填正数；扣分项目填扣除的分值。",
		"季度上限":  "可不填：每名党员每季度该项累计的最高分值（正数）。",
		"需证明材料": "是/否：申报该奖励项目是否须附证明材料。",
		"说明":    "可不填：在考核说明页面公开。",
	},
	model.KindRoster: {
		model.ColID:   "必填：每人一个、不重复的编号，如 D001（字母、数字、- 或 _，不超过 32 位）。各登记表用它指明党员。",
		model.ColName: "必填：党员姓名。",
		"类别":          "正式党员 / 预备党员 / 入党积极分子 / 发展对象。入党积极分子、发展对象计分，但不评定等次。",
		"党小组":         "所在党小组，可从下拉列表选择，也可直接填写。",
		"职务":          "可不填，如 党小组长（补记录的证明人一般为党小组长）。",
		"转入日期":        "组织关系转入本支部的日期，从此日起参加积分管理；年初已在本支部的不填。",
		"转出日期":        "组织关系转出的日期，此日之后不再参加积分管理。",
		"不纳入积分管理":     "退休党员经本人申请、支部同意并报上级备案后不纳入积分管理的填“是”，并填写不纳入原因。",
		"不纳入原因":       "不纳入积分管理时必填。",
		"备案情况":        "不纳入积分管理报上级党组织备案的情况。",
		"预备期已延长":      "是/否：预备党员的预备期已经延长过的填“是”。",
	},
	model.KindEntries: {
		"活动日期": "活动举行的日期，如 2026-03-05；决定计入哪个季度。",
		"项目编码": "考核项目表中基础或奖励项目的编码，可从下拉列表选择。",
		"次数":   "正整数，不填为 1。",
		"分值":   "一般不填，按考核项目分值×次数计；填写时符号相同、绝对值不超过标准分值。",
		"事由":   "活动内容，如“3月主题党日：重温入党誓词”，会在积分明细中公开。",
		"登记人":  "登记人姓名（一般为积分管理员）。",
		"登记日期": "实际登记的日期，不填等于活动日期；晚于活动日期超过补登记时限的为补记录，须填证明人。",
		"证明人":  "补记录时必填，一般为所在党小组的党小组长。",
	},
	model.KindClaims: {
		"申报日期":  "个人申报的日期；季度末月奖励申报截止日之后的申报计入下一季度。",
		"项目编码":  "考核项目表中奖励项目的编码，可从下拉列表选择。",
		"事由":    "必填：申报的事由，审定通过后在积分明细中公开。",
		"申报分值":  "不填为项目分值；须大于 0 且不超过项目分值。",
		"证明材料":  "证明材料名称或存放位置；项目要求证明材料时必填。",
		"党小组意见": "通过 / 不通过 / 待审（空白视为待审）。",
		"支部审定":  "通过 / 不通过 / 待审（空白视为待审）；两级均通过才计分。",
		"审定分值":  "不填为申报分值；须大于 0 且不超过申报分值。",
	},
	model.KindDeductions: {
		"认定日期": "支部认定扣分的日期；决定计入哪个季度。",
		"项目编码": "考核项目表中扣分项目的编码，可从下拉列表选择。",
		"扣分":   "扣分的分值（正数），不填为项目分值。",
		"事由":   "必填：扣分事由。只出现在支委会材料中，公开页面只显示项目名称。",
		"来源":   "班子商议 / 群众举报 / 其他。",
		"依据":   "如 支委会纪要〔2026〕3号。",
		"举报人":  "保密：不会出现在任何公开或报送材料中。",
	},
	model.KindEvaluations: {
		"评议得分":   "0–100；也可不填，改填右侧四列票数，由程序折算。",
		"优秀票":    "票数（整数）。填写票数时，评议得分按（100×优秀＋80×合格＋60×基本合格）÷总票数折算。",
		"合格票":    "票数（整数）。",
		"基本合格票":  "票数（整数）。",
		"不合格票":   "票数（整数）。",
		"承诺践诺得分": "必填：0–100，按《党员个人承诺书》践诺情况评定。",
	},
	model.KindObjections: {
		"受理日期": "受理异议的日期。",
		"季度":   "异议针对的季度：第一季度…第四季度（也可填 1–4）。",
		"异议事项": "必填：异议的内容，会在公示页面公开（不含提出人）。",
		"提出人":  "保密：不会公开。",
		"调查结果": "调查核实的结果，会公开。",
		"处理结果": "维持 / 更正。",
		"反馈日期": "向提出人反馈的日期。",
		"状态":   "受理中 / 已反馈。",
	},
	model.KindDecisions: {
		"确定等次": "支部最终确定的等次；不填则采用程序建议等次。",
		"理由":   "确定等次与建议等次不同时必填。",
		"谈话人":  "基本合格、不合格的党员由谁提醒谈话。",
		"决定日期": "支委会研究确定等次的日期。",
	},
	model.KindCommitments: {
		"承诺内容": "党员个人承诺的内容，会在承诺书页面公开。",
		"审核人":  "审核签字的支部书记或支委。",
		"审签日期": "承诺书审签的日期。",
	},
}

// minWidth is a column's width before its content widens it: enough for
// what people type there, so a blank template is not a row of narrow boxes.
func minWidth(k model.Kind, h string) float64 {
	switch {
	case k == model.KindSettings && h == "值":
		return 40
	case k == model.KindSettings && h == "说明":
		return 60
	case k == model.KindSettings && h == "项目":
		return 18
	case k == model.KindItems && h == "项目":
		return 30
	case k == model.KindItems && h == "说明":
		return 30
	case k == model.KindRoster && h == "类别":
		return 14 // 入党积极分子
	}
	switch h {
	case "承诺内容":
		return 50
	case "事由", "理由", "异议事项", "调查结果":
		return 36
	case "不纳入原因", "备案情况", "证明材料":
		return 28
	case "依据", "备注（内部）":
		return 22
	case "身份证号":
		return 20 // 18 digits
	case "联系电话", "职务", "举报人", "提出人":
		return 14
	case model.ColID, model.ColName, "党小组", "项目编码", "登记人", "证明人", "审核人", "谈话人":
		return 12
	}
	if isDateHeader(h) {
		return 13
	}
	return minColWidth
}

// styles are the cell styles of one workbook.
type styles struct {
	title, header, text, date, wrap, number int
}

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	font := &excelize.Font{Family: "宋体", Size: 11}
	border := []excelize.Border{
		{Type: "left", Color: "A6A6A6", Style: 1}, {Type: "right", Color: "A6A6A6", Style: 1},
		{Type: "top", Color: "A6A6A6", Style: 1}, {Type: "bottom", Color: "A6A6A6", Style: 1},
	}
	mk := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	s.title = mk(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 16, Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	s.header = mk(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 11, Bold: true}, Border: border,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FCE4D6"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	s.text = mk(&excelize.Style{Font: font, CustomNumFmt: strPtr("@"), Alignment: &excelize.Alignment{Vertical: "center"}})
	s.date = mk(&excelize.Style{Font: font, CustomNumFmt: strPtr(dateNumFmt), Alignment: &excelize.Alignment{Vertical: "center"}})
	s.wrap = mk(&excelize.Style{Font: font, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}})
	s.number = mk(&excelize.Style{Font: font, Alignment: &excelize.Alignment{Vertical: "center"}})
	return s, err
}

func strPtr(s string) *string { return &s }

// newFile starts a workbook with fixed document properties (deterministic
// bytes) and returns it with the default sheet still present.
func newFile() (*excelize.File, error) {
	tmp, err := tempDir() // streamed sheets spill here; Close removes them, a sweep what a kill left
	if err != nil {
		return nil, err
	}
	f := excelize.NewFile(excelize.Options{TmpDir: tmp})
	err = f.SetDocProps(&excelize.DocProperties{
		Creator: "jifen", LastModifiedBy: "jifen", Created: fixedDocTime, Modified: fixedDocTime,
		Language: "zh-CN",
	})
	return f, err
}

// WriteBook writes tables as a new workbook at path. It refuses to overwrite
// an existing file, and leaves no partial file behind on failure.
func WriteBook(path string, tables []Table) error {
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("%s: %w", path, errOverwrite)
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	f, err := buildBook(tables)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer f.Close()
	out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%s: %w", path, errOverwrite)
		}
		return err
	}
	if err := f.Write(out); err != nil {
		out.Close()
		os.Remove(path)
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := out.Close(); err != nil {
		os.Remove(path)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// bookWriter carries the per-workbook state: styles and the options sheet.
type bookWriter struct {
	f        *excelize.File
	st       styles
	lists    map[string]string // joined list → absolute range on the options sheet
	optLists [][]string
}

func buildBook(tables []Table) (*excelize.File, error) {
	if len(tables) == 0 {
		return nil, errors.New("no sheet to write")
	}
	f, err := newFile()
	if err != nil {
		return nil, err
	}
	bw := &bookWriter{f: f, lists: map[string]string{}}
	if bw.st, err = newStyles(f); err != nil {
		f.Close()
		return nil, err
	}
	seen := map[string]bool{}
	for i, t := range tables {
		if t.Sheet == "" || seen[t.Sheet] || t.Sheet == optionsSheet {
			f.Close()
			return nil, fmt.Errorf("invalid or duplicate sheet name %q", t.Sheet)
		}
		seen[t.Sheet] = true
		if i == 0 {
			err = f.SetSheetName("Sheet1", t.Sheet)
		} else {
			_, err = f.NewSheet(t.Sheet)
		}
		if err == nil && t.Grid != nil {
			err = bw.writeGrid(t)
		} else if err == nil {
			err = bw.writeTable(t)
		}
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("sheet %s: %w", t.Sheet, err)
		}
	}
	if err := bw.writeOptions(); err != nil {
		f.Close()
		return nil, err
	}
	f.SetActiveSheet(0)
	return f, nil
}

// listRange assigns a dropdown list a column of the options sheet (once per
// workbook) and returns its absolute, quoted reference. The sheet itself is
// written last so it comes after the user's sheets.
func (bw *bookWriter) listRange(items []string) string {
	key := strings.Join(items, "\x00")
	if r, ok := bw.lists[key]; ok {
		return r
	}
	bw.optLists = append(bw.optLists, items)
	col := model.ColumnName(len(bw.optLists))
	r := fmt.Sprintf("'%s'!$%s$1:$%s$%d", optionsSheet, col, col, len(items))
	bw.lists[key] = r
	return r
}

// writeOptions writes the lists onto a hidden sheet, protected without a
// password so they are not edited by accident.
func (bw *bookWriter) writeOptions() error {
	if len(bw.optLists) == 0 {
		return nil
	}
	f := bw.f
	if _, err := f.NewSheet(optionsSheet); err != nil {
		return err
	}
	for c, items := range bw.optLists {
		col := model.ColumnName(c + 1)
		for i, it := range items {
			if err := f.SetCellStr(optionsSheet, fmt.Sprintf("%s%d", col, i+1), it); err != nil {
				return err
			}
		}
	}
	if err := f.SetSheetVisible(optionsSheet, false); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: HelperName, Scope: optionsSheet,
		RefersTo: fmt.Sprintf("'%s'!$A$1", optionsSheet)}); err != nil {
		return err
	}
	return f.ProtectSheet(optionsSheet, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true,
	})
}

func (bw *bookWriter) writeTable(t Table) error {
	f, sh := bw.f, t.Sheet
	kind, _ := model.KindOf(sh)
	headerRow := 1
	ncol := len(t.Headers)
	if ncol == 0 {
		return errors.New("no headers")
	}
	last := model.ColumnName(ncol)
	if t.Title != "" {
		headerRow = 2
		if err := f.SetCellStr(sh, "A1", t.Title); err != nil {
			return err
		}
		if ncol > 1 {
			if err := f.MergeCell(sh, "A1", last+"1"); err != nil {
				return err
			}
		}
		if err := f.SetCellStyle(sh, "A1", last+"1", bw.st.title); err != nil {
			return err
		}
		if err := f.SetRowHeight(sh, 1, 30); err != nil {
			return err
		}
	}
	inputRows := t.InputRows
	if inputRows <= 0 {
		inputRows = len(t.Rows) + 300
	}
	firstData, lastData := headerRow+1, headerRow+inputRows

	widths := make([]float64, ncol)
	least := make([]float64, ncol)
	for c, h := range t.Headers {
		col := model.ColumnName(c + 1)
		l, ok := t.Widths[h]
		if !ok {
			l = minWidth(kind, h)
		}
		least[c] = max(displayWidth(h), l)
		widths[c] = least[c]
		// Column formats first, so blank input cells are text/date already.
		style := bw.st.number
		switch {
		case isDateHeader(h):
			style = bw.st.date
		case textHeaders[h]:
			style = bw.st.text
		case wrapHeaders[h], kind == model.KindSettings && h == "值":
			style = bw.st.wrap
		}
		if err := f.SetCellStyle(sh, fmt.Sprintf("%s%d", col, firstData), fmt.Sprintf("%s%d", col, lastData), style); err != nil {
			return err
		}
		if err := bw.validate(t, kind, h, fmt.Sprintf("%s%d:%s%d", col, firstData, col, lastData)); err != nil {
			return err
		}
	}
	if err := f.SetSheetRow(sh, fmt.Sprintf("A%d", headerRow), &t.Headers); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, fmt.Sprintf("A%d", headerRow), fmt.Sprintf("%s%d", last, headerRow), bw.st.header); err != nil {
		return err
	}
	for i, row := range t.Rows {
		r := firstData + i
		if len(row) > ncol {
			return fmt.Errorf("row %d has %d values for %d headers", i+1, len(row), ncol)
		}
		for c, v := range row {
			cell := fmt.Sprintf("%s%d", model.ColumnName(c+1), r)
			w, err := bw.setValue(sh, cell, v)
			if err != nil {
				return fmt.Errorf("%s: %w", cell, err)
			}
			widths[c] = max(widths[c], w)
		}
	}
	for c, w := range widths {
		col := model.ColumnName(c + 1)
		limit := maxInputWidth
		if h := t.Headers[c]; wrapHeaders[h] || kind == model.KindSettings && h == "值" {
			// Wrapped text grows downwards past its own minimum width.
			limit = max(least[c], maxColWidth)
		}
		widths[c] = min(max(w, minColWidth), limit)
		if err := f.SetColWidth(sh, col, col, widths[c]); err != nil {
			return err
		}
	}
	for _, h := range sortedKeys(t.Lists) {
		c := slices.Index(t.Headers, h)
		if c < 0 {
			return fmt.Errorf("list %s: no column %s", t.Lists[h], h)
		}
		if err := bw.growingList(sh, t.Lists[h], model.ColumnName(c+1), firstData); err != nil {
			return err
		}
	}
	if err := bw.pageSetup(sh, headerRow, widths); err != nil {
		return err
	}
	if t.Helper {
		if err := f.SetDefinedName(&excelize.DefinedName{Name: HelperName, Scope: sh,
			RefersTo: fmt.Sprintf("'%s'!$A$1", sh)}); err != nil {
			return err
		}
	}
	for i, row := range t.Rows {
		if err := fitRow(f, sh, firstData+i, row, t.Headers, widths); err != nil {
			return err
		}
	}
	for _, cell := range sortedKeys(t.CellChoices) {
		if err := bw.dropdown(sh, cell, t.CellChoices[cell], "", ""); err != nil {
			return err
		}
	}
	return f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: headerRow,
		TopLeftCell: fmt.Sprintf("A%d", headerRow+1), ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: fmt.Sprintf("A%d", headerRow+1), ActiveCell: fmt.Sprintf("A%d", headerRow+1), Pane: "bottomLeft"}}})
}

// pageSetup makes a printed sheet readable: A4, landscape when the
// columns are wide, every column on one page width (as many pages down as
// needed), and the title and header rows repeated on every page.
func (bw *bookWriter) pageSetup(sh string, headerRow int, widths []float64) error {
	var total float64
	for _, w := range widths {
		total += w
	}
	orient := "portrait"
	if total > 95 { // about what fits across A4 portrait at 100 %
		orient = "landscape"
	}
	a4, one, tall := 9, 1, 0
	if err := bw.f.SetPageLayout(sh, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orient,
		FitToWidth: &one, FitToHeight: &tall}); err != nil {
		return err
	}
	fit := true
	if err := bw.f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return bw.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sh,
		RefersTo: fmt.Sprintf("'%s'!$1:$%d", sh, headerRow)})
}

// growingList defines name as the filled cells of a column from row
// first down: OFFSET and COUNTA, which Excel, WPS and LibreOffice all
// evaluate whenever a dropdown using the name opens.
func (bw *bookWriter) growingList(sheet, name, col string, first int) error {
	top := fmt.Sprintf("'%s'!$%s$%d", sheet, col, first)
	all := fmt.Sprintf("%s:$%s$%d", top, col, first+listRows-1)
	return bw.f.SetDefinedName(&excelize.DefinedName{Name: name,
		RefersTo: fmt.Sprintf("OFFSET(%s,0,0,MAX(1,COUNTA(%s)),1)", top, all)})
}

// validate adds the column's dropdown or date validation and its prompt.
func (bw *bookWriter) validate(t Table, kind model.Kind, h, sqref string) error {
	p, ok := t.Prompts[h]
	if !ok {
		p = prompt(kind, h)
	}
	prompt := p
	if name, ok := t.ListChoices[h]; ok {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = sqref
		dv.SetSqrefDropList(name)
		// A warning, not a stop: a name typed before the roster row exists
		// must not be thrown away; jifen check reports what is unknown.
		dv.SetError(excelize.DataValidationErrorStyleWarning, "不在列表中", "该值不在下拉列表中，请核对。")
		if prompt != "" {
			dv.SetInput(h, prompt)
		}
		return bw.f.AddDataValidation(t.Sheet, dv)
	}
	list, ok := t.Choices[h]
	if !ok {
		list = defaultChoices(kind, h)
	}
	switch {
	case len(list) > 0:
		return bw.dropdown(t.Sheet, sqref, list, h, prompt)
	case isDateHeader(h):
		dv := excelize.NewDataValidation(true)
		dv.Sqref = sqref
		if err := dv.SetRange("DATE(1921,7,1)", "DATE(2100,12,31)", excelize.DataValidationTypeDate,
			excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "日期格式不正确", "请输入日期，如 2026-03-05。")
		if prompt != "" {
			dv.SetInput(h, prompt)
		}
		return bw.f.AddDataValidation(t.Sheet, dv)
	case prompt != "":
		dv := excelize.NewDataValidation(true)
		dv.Sqref = sqref
		dv.SetInput(h, prompt)
		return bw.f.AddDataValidation(t.Sheet, dv)
	}
	return nil
}

func (bw *bookWriter) dropdown(sheet, sqref string, list []string, title, prompt string) error {
	ref := bw.listRange(list)
	dv := excelize.NewDataValidation(true)
	dv.Sqref = sqref
	dv.SetSqrefDropList(ref)
	// A warning, not a stop: the reader accepts synonyms (Y/N, √/×, Q1 …).
	dv.SetError(excelize.DataValidationErrorStyleWarning, "请从下拉列表中选择", "可选："+strings.Join(list, "、"))
	if prompt != "" {
		dv.SetInput(title, prompt)
	}
	return bw.f.AddDataValidation(sheet, dv)
}

// setValue writes one value and returns its display width.
func (bw *bookWriter) setValue(sh, cell string, v any) (float64, error) {
	f := bw.f
	switch x := v.(type) {
	case nil:
		return 0, nil
	case string:
		if x == "" {
			return 0, nil
		}
		return lineWidth(x), f.SetCellStr(sh, cell, x)
	case int:
		return displayWidth(fmt.Sprint(x)), f.SetCellInt(sh, cell, int64(x))
	case model.Points:
		return setPoints(f, sh, cell, x)
	case *big.Rat:
		if x == nil {
			return 0, nil
		}
		return setPoints(f, sh, cell, model.Round2(x))
	case bool:
		return 4, f.SetCellStr(sh, cell, model.YesNo(x))
	case time.Time:
		if x.IsZero() {
			return 0, nil
		}
		if err := f.SetCellInt(sh, cell, int64(sheet.Serial(x))); err != nil {
			return 0, err
		}
		return 12, f.SetCellStyle(sh, cell, cell, bw.st.date)
	}
	return 0, fmt.Errorf("unsupported value %T", v)
}

// setPoints writes exact hundredths as a number: the shortest decimal of
// p/100 is exactly the two-decimal value.
func setPoints(f *excelize.File, sheet, cell string, p model.Points) (float64, error) {
	return displayWidth(p.String()), f.SetCellFloat(sheet, cell, float64(p)/100, -1, 64)
}

func isDateHeader(h string) bool { return strings.HasSuffix(h, "日期") }

// displayWidth estimates a column width: a CJK glyph is about two "0"s.
func displayWidth(s string) float64 {
	w := 0
	for _, r := range s {
		if r >= 0x2E80 || (r >= 0x1100 && r <= 0x11FF) {
			w += 2
		} else if r != '\n' {
			w++
		}
	}
	return float64(w + 2)
}

// lineWidth is the width of the longest line of a multi-line value.
func lineWidth(s string) float64 {
	if !strings.Contains(s, "\n") {
		return displayWidth(s)
	}
	var w float64
	for _, l := range strings.Split(s, "\n") {
		w = max(w, displayWidth(l))
	}
	return w
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

// fitRow sets the height of a row whose wrapped text needs more than one
// line: neither Excel nor WPS auto-fits row heights when opening a file, so
// without it long 说明/事由 text overlaps the next row. The height stops at
// Excel's limit of 409 points (beyond it excelize refuses the whole file);
// Excel shows the rest of the text when the cell is opened.
func fitRow(f *excelize.File, sh string, r int, row []any, headers []string, widths []float64) error {
	lines := 1
	for c, v := range row {
		if s, ok := v.(string); ok && c < len(headers) && wrapHeaders[headers[c]] {
			lines = max(lines, wrappedLines(s, widths[c]))
		}
	}
	if lines == 1 {
		return nil
	}
	return f.SetRowHeight(sh, r, rowHeight(lines))
}

// wrappedLines estimates how many lines s takes in a column of width w
// (in widths of "0", a CJK glyph counting two).
func wrappedLines(s string, w float64) int {
	per := max(w-1, 1)
	n := 0
	for _, line := range strings.Split(s, "\n") {
		n += max(1, int(math.Ceil((displayWidth(line)-2)/per)))
	}
	return n
}
