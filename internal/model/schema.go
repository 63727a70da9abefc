package model

import (
	"fmt"
	"strings"
)

// The workbook schema (SPEC §2), declared once (STYLE habit 16): every
// column of every sheet kind with its header, type, closed list, input
// prompt, width and confidentiality, and every 设置 item. The reader
// (load) looks columns up through these handles, never by header text, so
// a misspelt column is a compile error; the template writer (workbook),
// the blank templates, the demo and new-year (scaffold) iterate the same
// lists; schema_test.go renders them against SPEC §2's tables.
//
// Adding a column: declare it below, put it into its kind's newSchema
// list at its place in the template, and read it in load (its readers of
// each kind). Adding a kind: a Kind constant, its columns and schema, an
// entry in Kinds and TemplateKinds, a reader in load, and its demo rows.

// Kind is a sheet kind, recognised by sheet-name prefix (SPEC §2).
type Kind string

const (
	KindSettings    Kind = "设置"
	KindItems       Kind = "考核项目"
	KindRoster      Kind = "党员名册"
	KindEntries     Kind = "日常登记"
	KindClaims      Kind = "奖励申报"
	KindDeductions  Kind = "违规扣分"
	KindEvaluations Kind = "民主评议"
	KindObjections  Kind = "异议处理"
	KindDecisions   Kind = "等次确定"
	KindCommitments Kind = "承诺书"
	KindGrid        Kind = "签到表" // attendance as a grid (SPEC §2.11): a member block, then one column per activity
)

// Kinds lists every kind in the order a register is read.
var Kinds = []Kind{KindSettings, KindItems, KindRoster, KindEntries, KindClaims,
	KindDeductions, KindEvaluations, KindObjections, KindDecisions, KindCommitments, KindGrid}

// TemplateKinds lists the kinds of the register workbook jifen init and
// new-year write, in sheet order, one sheet each (the 签到表, one sheet a
// quarter, scaffold puts after 日常登记).
var TemplateKinds = []Kind{KindSettings, KindRoster, KindItems, KindEntries, KindClaims,
	KindDeductions, KindObjections, KindEvaluations, KindDecisions, KindCommitments}

// KindOf classifies a sheet by its name prefix; ok is false for other sheets.
func KindOf(sheet string) (Kind, bool) {
	name := strings.TrimSpace(sheet)
	for _, k := range Kinds {
		if strings.HasPrefix(name, string(k)) {
			return k, true
		}
	}
	return "", false
}

// CellType is what a column's cells hold. The reader parses each column
// its own way (load); the type tells the template how to format the
// column and which validation it gets.
type CellType int

const (
	CellText    CellType = iota // free text, kept as typed
	CellCode                    // an identifier or reference: formatted as text, so Excel keeps 001 and does not turn 3-5 into a date
	CellDate                    // a date: formatted yyyy-mm-dd, validated as a date
	CellNumber                  // points: at most two decimals
	CellInteger                 // a whole number
	CellYesNo                   // 是/否 (blank reads as 否): a dropdown
	CellChoice                  // one of Choices: a dropdown
	CellRatio                   // 设置 only: 15%, 0.15 or 15
)

var cellTypeNames = [...]string{"text", "code", "date", "number", "integer", "yes/no", "choice", "ratio"}

func (t CellType) String() string {
	if int(t) < len(cellTypeNames) {
		return cellTypeNames[t]
	}
	return fmt.Sprintf("CellType(%d)", int(t))
}

// Ref says what a column refers to in another sheet.
type Ref int

const (
	RefNone       Ref = iota
	RefMemberID       // a roster member's 编号
	RefMemberName     // a roster member's 姓名
	RefItem           // a rubric item's 编码
)

// Column is one column of a sheet kind. A *Column declared here is a
// handle: the reader asks a table for a column by handle, and a handle of
// another kind is a programming error it refuses loudly. Columns made
// elsewhere (a test's, the templates' 说明 sheet) carry only what the
// writer needs and belong to no kind.
type Column struct {
	Header string
	Type   CellType
	// Required columns must be in the header row: the header row is the
	// first that has them all (SPEC §2), and the reader reports a blank
	// cell of a required column.
	Required bool
	Choices  []string // CellChoice: the closed list, from vocab.go (the reader accepts the variants it documents)
	Prompt   string   // the template's input prompt; Excel allows 255 characters
	// Width is the template's minimum width in widths of "0" (a CJK glyph
	// counts two); 0 means by type (MinWidth).
	Width float64
	Wrap  bool // long text: the template wraps it and grows rows to fit
	// Confidential columns are recognised only so they can be named in
	// documentation and templates; their values are never read, and never
	// reach any output.
	Confidential bool
	Ref          Ref

	kind  Kind
	index int // in its schema's Columns; -1 for Extra and for columns of no kind
}

// Kind is the sheet kind the column belongs to ("" for none).
func (c *Column) Kind() Kind { return c.kind }

// Index is the column's place in its kind's Columns (0-based); -1 for a
// template-only column or one of no kind.
func (c *Column) Index() int {
	if c.kind == "" {
		return -1
	}
	return c.index
}

// MinWidth is the column's minimum width in the template.
func (c *Column) MinWidth() float64 {
	switch {
	case c.Width > 0:
		return c.Width
	case c.Type == CellDate:
		return 13
	}
	return 6
}

// Options is the column's dropdown list: Choices, or 是/否.
func (c *Column) Options() []string {
	switch c.Type {
	case CellChoice:
		return c.Choices
	case CellYesNo:
		return []string{Yes, No}
	}
	return nil
}

// Schema is one sheet kind's layout.
type Schema struct {
	Kind Kind
	// Title heads the kind's sheet in the templates and the demo, the
	// year as %d ("" for a sheet written without a title row).
	Title string
	// Columns are what the reader may look for, in template order: the
	// rows of the kind's table in SPEC §2.
	Columns []*Column
	// Extra are columns the template writes after Columns that are never
	// read: the 设置's 说明, the roster's 身份证号 and 联系电话 (SPEC §2.3).
	Extra []*Column
	// ID and Name are the member reference (编号 / 姓名: one of the two
	// is required per row), nil for kinds that do not name members.
	ID, Name *Column
	// Item is the rubric reference (项目编码), nil for kinds without one.
	Item *Column
}

// Template is the columns the template writes: Columns, then Extra.
func (s *Schema) Template() []*Column {
	return append(append([]*Column{}, s.Columns...), s.Extra...)
}

// TitleOf is the title row of the kind's sheet for a year ("" for none).
func (s *Schema) TitleOf(year int) string {
	if s.Title == "" {
		return ""
	}
	return fmt.Sprintf(s.Title, year)
}

// Schema is the kind's layout (nil for a Kind that is not one).
func (k Kind) Schema() *Schema { return schemas[k] }

// MemberRef reports whether rows of the kind name a member by 编号 and/or
// 姓名 (at least one of the two headers is required).
func (k Kind) MemberRef() bool {
	s := k.Schema()
	return s != nil && s.ID != nil
}

// Confidential lists the headers of every confidential column of every
// kind, template-only ones included, once each, in Kinds order.
func Confidential() []string {
	var out []string
	seen := map[string]bool{}
	for _, k := range Kinds {
		for _, c := range k.Schema().Template() {
			if c.Confidential && !seen[c.Header] {
				seen[c.Header] = true
				out = append(out, c.Header)
			}
		}
	}
	return out
}

var schemas = map[Kind]*Schema{}

// newSchema binds columns to their kind: each handle belongs to exactly one
// kind, so reading it on another kind's sheet can be caught.
func newSchema(k Kind, title string, cols []*Column, extra ...*Column) *Schema {
	s := &Schema{Kind: k, Title: title, Columns: cols, Extra: extra}
	bind := func(c *Column, i int) {
		if c.kind != "" {
			panic(fmt.Sprintf("model: column %s declared in both %s and %s", c.Header, c.kind, k))
		}
		c.kind, c.index = k, i
		switch c.Ref {
		case RefMemberID:
			s.ID = c
		case RefMemberName:
			s.Name = c
		case RefItem:
			s.Item = c
		}
	}
	for i, c := range cols {
		bind(c, i)
	}
	for _, c := range extra {
		bind(c, -1)
	}
	schemas[k] = s
	return s
}

// memberRef declares the 编号 / 姓名 pair of a kind that names members.
func memberRef() (id, name *Column) {
	return &Column{Header: ColID, Type: CellCode, Width: 12, Ref: RefMemberID,
			Prompt: "党员名册中的编号，可从下拉列表选择。编号与姓名至少填一项，两者都填时必须一致。"},
		&Column{Header: ColName, Width: 12, Ref: RefMemberName,
			Prompt: "党员姓名，可从下拉列表选择；只填姓名时，该姓名在名册中必须唯一。"}
}

// Header names used in more than one kind.
const (
	ColID   = "编号"
	ColName = "姓名"
)

// Texts written on several kinds' columns.
const (
	promptInternalNote = "内部备注，不会公开，也不会出现在任何报送材料中。"
	headerInternalNote = "备注（内部）"
)

// 设置 (SPEC §2.1): two columns 项目 | 值; the items are SettingItems.
var (
	SettingKey   = &Column{Header: "项目", Required: true, Width: 18, Prompt: "设置项目的名称，请不要修改。"}
	SettingValue = &Column{Header: "值", Required: true, Width: 40, Prompt: "按左侧项目填写；右侧“说明”列解释每一项，程序不读取说明列。"}
	SettingNote  = &Column{Header: "说明", Width: 60, Wrap: true}

	_ = newSchema(KindSettings, "%d年党员积分管理设置", []*Column{SettingKey, SettingValue}, SettingNote)
)

// 考核项目 (SPEC §2.2).
var (
	ItemCode = &Column{Header: "编码", Type: CellCode, Required: true,
		Prompt: "必填，不能重复，如 B01（基础）、R01（奖励）、K01（扣分）。各登记表的项目编码从这里选择。"}
	ItemClass = &Column{Header: "类别", Type: CellChoice, Required: true, Choices: Texts(ItemKinds),
		Prompt: "基础 / 奖励 / 扣分。"}
	ItemName = &Column{Header: "项目", Required: true, Width: 30,
		Prompt: "必填：项目名称，公示和积分明细中显示。"}
	ItemPoints = &Column{Header: "分值", Type: CellNumber, Required: true,
		Prompt: "必填：每次的分值。基础项目按累加制填正数（扣减制填负数）；奖励项目填正数；扣分项目填扣除的分值。"}
	ItemQuarterCap = &Column{Header: "季度上限", Type: CellNumber,
		Prompt: "可不填：每名党员每季度该项累计的最高分值（正数）。"}
	ItemNeedsProof = &Column{Header: "需证明材料", Type: CellYesNo,
		Prompt: "是/否：申报该奖励项目是否须附证明材料。"}
	ItemNote = &Column{Header: "说明", Width: 30, Wrap: true,
		Prompt: "可不填：在考核说明页面公开。"}

	_ = newSchema(KindItems, "%d年党员积分管理考核办法项目表", []*Column{
		ItemCode, ItemClass, ItemName, ItemPoints, ItemQuarterCap, ItemNeedsProof, ItemNote})
)

// 党员名册 (SPEC §2.3).
var (
	RosterID = &Column{Header: ColID, Type: CellCode, Required: true, Width: 12,
		Prompt: "必填：每人一个、不重复的编号，如 D001（字母、数字、- 或 _，不超过 32 位）。各登记表用它指明党员。"}
	RosterName = &Column{Header: ColName, Required: true, Width: 12,
		Prompt: "必填：党员姓名。"}
	RosterCategory = &Column{Header: "类别", Type: CellChoice, Required: true, Choices: Texts(Categories), Width: 14, // 入党积极分子
		Prompt: "正式党员 / 预备党员 / 入党积极分子 / 发展对象。入党积极分子、发展对象计分，但不评定等次。"}
	RosterGroup = &Column{Header: "党小组", Width: 12,
		Prompt: "所在党小组，可从下拉列表选择，也可直接填写。"}
	RosterRole = &Column{Header: "职务", Width: 14,
		Prompt: "可不填，如 党小组长（补记录的证明人一般为党小组长）。"}
	RosterIn = &Column{Header: "转入日期", Type: CellDate,
		Prompt: "组织关系转入本支部的日期，从此日起参加积分管理；年初已在本支部的不填。"}
	RosterOut = &Column{Header: "转出日期", Type: CellDate,
		Prompt: "组织关系转出的日期，此日之后不再参加积分管理。"}
	RosterExempt = &Column{Header: "不纳入积分管理", Type: CellYesNo,
		Prompt: "退休党员经本人申请、支部同意并报上级备案后不纳入积分管理的填“是”，并填写不纳入原因。"}
	RosterExemptReason = &Column{Header: "不纳入原因", Width: 28, Wrap: true,
		Prompt: "不纳入积分管理时必填。"}
	RosterFiling = &Column{Header: "备案情况", Width: 28, Wrap: true,
		Prompt: "不纳入积分管理报上级党组织备案的情况。"}
	RosterExtended = &Column{Header: "预备期已延长", Type: CellYesNo,
		Prompt: "是/否：预备党员的预备期已经延长过的填“是”。"}
	RosterIDCard = &Column{Header: "身份证号", Type: CellCode, Width: 20, Confidential: true, // 18 digits
		Prompt: "仅供支部内部核对，不会出现在任何输出中。请保持文本格式，以免 Excel 丢失末尾数位。"}
	RosterPhone = &Column{Header: "联系电话", Type: CellCode, Width: 14, Confidential: true,
		Prompt: "仅供支部内部联系，不会出现在任何输出中。"}

	_ = newSchema(KindRoster, "", []*Column{
		RosterID, RosterName, RosterCategory, RosterGroup, RosterRole, RosterIn, RosterOut,
		RosterExempt, RosterExemptReason, RosterFiling, RosterExtended}, RosterIDCard, RosterPhone)
)

// 日常登记 (SPEC §2.4).
var (
	EntryDate = &Column{Header: "活动日期", Type: CellDate, Required: true,
		Prompt: "活动举行的日期，如 2026-03-05；决定计入哪个季度。"}
	EntryID, EntryName = memberRef()
	EntryItem          = &Column{Header: "项目编码", Type: CellCode, Required: true, Width: 12, Ref: RefItem,
		Prompt: "考核项目表中基础或奖励项目的编码，可从下拉列表选择。"}
	EntryCount = &Column{Header: "次数", Type: CellInteger,
		Prompt: "正整数，不填为 1。"}
	EntryPoints = &Column{Header: "分值", Type: CellNumber,
		Prompt: "一般不填，按考核项目分值×次数计；填写时符号相同、绝对值不超过标准分值。"}
	EntryReason = &Column{Header: "事由", Width: 36, Wrap: true,
		Prompt: "活动内容，如“3月主题党日：重温入党誓词”，会在积分明细中公开。"}
	EntryRecorder = &Column{Header: "登记人", Width: 12,
		Prompt: "登记人姓名（一般为积分管理员）。"}
	EntryRegDate = &Column{Header: "登记日期", Type: CellDate,
		Prompt: "实际登记的日期，不填等于活动日期；晚于活动日期超过补登记时限的为补记录，须填证明人。"}
	EntryWitness = &Column{Header: "证明人", Width: 12,
		Prompt: "补记录时必填，一般为所在党小组的党小组长。"}
	EntryNote = &Column{Header: headerInternalNote, Width: 22, Wrap: true, Confidential: true, Prompt: promptInternalNote}

	_ = newSchema(KindEntries, "%d年党员积分制管理日常登记表", []*Column{
		EntryDate, EntryID, EntryName, EntryItem, EntryCount, EntryPoints, EntryReason,
		EntryRecorder, EntryRegDate, EntryWitness, EntryNote})
)

// 奖励申报 (SPEC §2.5).
var (
	ClaimDate = &Column{Header: "申报日期", Type: CellDate, Required: true,
		Prompt: "个人申报的日期；季度末月奖励申报截止日之后的申报计入下一季度。"}
	ClaimID, ClaimName = memberRef()
	ClaimItem          = &Column{Header: "项目编码", Type: CellCode, Required: true, Width: 12, Ref: RefItem,
		Prompt: "考核项目表中奖励项目的编码，可从下拉列表选择。"}
	ClaimReason = &Column{Header: "事由", Required: true, Width: 36, Wrap: true,
		Prompt: "必填：申报的事由，审定通过后在积分明细中公开。"}
	ClaimPoints = &Column{Header: "申报分值", Type: CellNumber,
		Prompt: "不填为项目分值；须大于 0 且不超过项目分值。"}
	ClaimProof = &Column{Header: "证明材料", Width: 28,
		Prompt: "证明材料名称或存放位置；项目要求证明材料时必填。"}
	ClaimGroupOpinion = &Column{Header: "党小组意见", Type: CellChoice, Choices: Texts(Approvals),
		Prompt: "通过 / 不通过 / 待审（空白视为待审）。"}
	ClaimDecision = &Column{Header: "支部审定", Type: CellChoice, Choices: Texts(Approvals),
		Prompt: "通过 / 不通过 / 待审（空白视为待审）；两级均通过才计分。"}
	ClaimAwarded = &Column{Header: "审定分值", Type: CellNumber,
		Prompt: "不填为申报分值；须大于 0 且不超过申报分值。"}

	_ = newSchema(KindClaims, "%d年党员奖励积分申报表", []*Column{
		ClaimDate, ClaimID, ClaimName, ClaimItem, ClaimReason, ClaimPoints, ClaimProof,
		ClaimGroupOpinion, ClaimDecision, ClaimAwarded})
)

// 违规扣分 (SPEC §2.6).
var (
	DeductionDate = &Column{Header: "认定日期", Type: CellDate, Required: true,
		Prompt: "支部认定扣分的日期；决定计入哪个季度。"}
	DeductionID, DeductionName = memberRef()
	DeductionItem              = &Column{Header: "项目编码", Type: CellCode, Required: true, Width: 12, Ref: RefItem,
		Prompt: "考核项目表中扣分项目的编码，可从下拉列表选择。"}
	DeductionPoints = &Column{Header: "扣分", Type: CellNumber,
		Prompt: "扣分的分值（正数），不填为项目分值。"}
	DeductionReason = &Column{Header: "事由", Required: true, Width: 36, Wrap: true,
		Prompt: "必填：扣分事由。只出现在支委会材料中，公开页面只显示项目名称。"}
	DeductionSource = &Column{Header: "来源", Type: CellChoice, Choices: DeductionSources,
		Prompt: "班子商议 / 群众举报 / 其他。"}
	DeductionBasis = &Column{Header: "依据", Type: CellCode, Width: 22,
		Prompt: "如 支委会纪要〔2026〕3号。"}
	DeductionReporter = &Column{Header: "举报人", Width: 14, Confidential: true,
		Prompt: "保密：不会出现在任何公开或报送材料中。"}
	DeductionNote = &Column{Header: headerInternalNote, Width: 22, Wrap: true, Confidential: true, Prompt: promptInternalNote}

	_ = newSchema(KindDeductions, "%d年党员违规扣分登记表", []*Column{
		DeductionDate, DeductionID, DeductionName, DeductionItem, DeductionPoints, DeductionReason,
		DeductionSource, DeductionBasis, DeductionReporter, DeductionNote})
)

// 民主评议 (SPEC §2.7). The four vote counts stand in for 评议得分.
var (
	EvalID, EvalName = memberRef()
	EvalScore        = &Column{Header: "评议得分", Type: CellNumber,
		Prompt: "0–100；也可不填，改填右侧四列票数，由程序折算。"}
	EvalExcellent = &Column{Header: "优秀票", Type: CellInteger,
		Prompt: "票数（整数）。填写票数时，评议得分按（100×优秀＋80×合格＋60×基本合格）÷总票数折算。"}
	EvalQualified    = &Column{Header: "合格票", Type: CellInteger, Prompt: "票数（整数）。"}
	EvalBasic        = &Column{Header: "基本合格票", Type: CellInteger, Prompt: "票数（整数）。"}
	EvalUnqualified  = &Column{Header: "不合格票", Type: CellInteger, Prompt: "票数（整数）。"}
	EvalPromiseScore = &Column{Header: "承诺践诺得分", Type: CellNumber, Required: true,
		Prompt: "必填：0–100，按《党员个人承诺书》践诺情况评定。"}

	// EvalVotes are the vote counts in the order of VoteScore's argument.
	EvalVotes = [4]*Column{EvalExcellent, EvalQualified, EvalBasic, EvalUnqualified}

	_ = newSchema(KindEvaluations, "%d年度民主评议党员得分表", []*Column{
		EvalID, EvalName, EvalScore, EvalExcellent, EvalQualified, EvalBasic, EvalUnqualified, EvalPromiseScore})
)

// 异议处理 (SPEC §2.8).
var (
	ObjectionReceived = &Column{Header: "受理日期", Type: CellDate, Required: true,
		Prompt: "受理异议的日期。"}
	ObjectionQuarter = &Column{Header: "季度", Type: CellChoice, Required: true,
		Choices: []string{QuarterLabel(1), QuarterLabel(2), QuarterLabel(3), QuarterLabel(4)},
		Prompt:  "异议针对的季度：第一季度…第四季度（也可填 1–4）。"}
	ObjectionID, ObjectionName = memberRef()
	ObjectionMatter            = &Column{Header: "异议事项", Required: true, Width: 36, Wrap: true,
		Prompt: "必填：异议的内容，会在公示页面公开（不含提出人）。"}
	ObjectionRaiser = &Column{Header: "提出人", Width: 14, Confidential: true,
		Prompt: "保密：不会公开。"}
	ObjectionInvestigation = &Column{Header: "调查结果", Width: 36, Wrap: true,
		Prompt: "调查核实的结果，会公开。"}
	ObjectionOutcome = &Column{Header: "处理结果", Type: CellChoice, Choices: Outcomes,
		Prompt: "维持 / 更正。"}
	ObjectionFeedback = &Column{Header: "反馈日期", Type: CellDate,
		Prompt: "向提出人反馈的日期。"}
	ObjectionStatus = &Column{Header: "状态", Type: CellChoice, Choices: Statuses,
		Prompt: "受理中 / 已反馈。"}

	_ = newSchema(KindObjections, "%d年积分公示异议处理登记表", []*Column{
		ObjectionReceived, ObjectionQuarter, ObjectionID, ObjectionName, ObjectionMatter, ObjectionRaiser,
		ObjectionInvestigation, ObjectionOutcome, ObjectionFeedback, ObjectionStatus})
)

// 等次确定 (SPEC §2.9).
var (
	DecisionID, DecisionName = memberRef()
	DecisionGrade            = &Column{Header: "确定等次", Type: CellChoice, Required: true, Choices: Texts(Grades),
		Prompt: "支部最终确定的等次；不填则采用程序建议等次。"}
	DecisionReason = &Column{Header: "理由", Width: 36, Wrap: true,
		Prompt: "确定等次与建议等次不同时必填。"}
	DecisionInterviewer = &Column{Header: "谈话人", Width: 12,
		Prompt: "基本合格、不合格的党员由谁提醒谈话。"}
	DecisionDate = &Column{Header: "决定日期", Type: CellDate,
		Prompt: "支委会研究确定等次的日期。"}

	_ = newSchema(KindDecisions, "%d年度党员积分等次确定表", []*Column{
		DecisionID, DecisionName, DecisionGrade, DecisionReason, DecisionInterviewer, DecisionDate})
)

// 承诺书 (SPEC §2.10).
var (
	CommitmentID, CommitmentName = memberRef()
	CommitmentContent            = &Column{Header: "承诺内容", Required: true, Width: 50, Wrap: true,
		Prompt: "党员个人承诺的内容，会在承诺书页面公开。"}
	CommitmentReviewer = &Column{Header: "审核人", Width: 12,
		Prompt: "审核签字的支部书记或支委。"}
	CommitmentSigned = &Column{Header: "审签日期", Type: CellDate,
		Prompt: "承诺书审签的日期。"}

	_ = newSchema(KindCommitments, "%d年党员个人承诺书", []*Column{
		CommitmentID, CommitmentName, CommitmentContent, CommitmentReviewer, CommitmentSigned})
)

// 签到表 (SPEC §2.11). Its Columns are the member block, left of the
// activity columns, as the template writes it; the reader takes any of
// them as part of the block and reads only 编号 and 姓名. The other parts
// are placed by the layout, not by header: the 活动日期 and 项目编码 rows
// above the header (labelled in the member block), one column per
// activity headed by its name, the marks, and a 备注 column for paper use.
var (
	GridSeq   = &Column{Header: "序号", Type: CellInteger}
	GridID    = &Column{Header: ColID, Type: CellCode, Ref: RefMemberID}
	GridName  = &Column{Header: ColName, Ref: RefMemberName}
	GridGroup = &Column{Header: "党小组"}

	_ = newSchema(KindGrid, "%d年党员组织生活签到表", []*Column{GridSeq, GridID, GridName, GridGroup})

	// GridDate labels the row of activity dates.
	GridDate = &Column{Header: "活动日期", Type: CellDate,
		Prompt: "该列活动举行的日期，如 2026-03-05；决定计入哪个季度。"}
	// GridItem labels the row of activity items (基础 or 奖励).
	GridItem = &Column{Header: "项目编码", Type: CellCode, Ref: RefItem,
		Prompt: "该列活动对应的考核项目编码（基础或奖励项目），出席按该项目计分。"}
	// GridActivity is an activity column's header cell: its name.
	GridActivity = &Column{Header: "活动名称", Width: 11,
		Prompt: "如“一月支部党员大会”；公开为该次积分的事由。填好活动名称、日期和项目编码后再逐人签到。"}
	// GridMark is a mark cell; the reader accepts more forms (load.ParseMark).
	GridMark = &Column{Header: "签到", Type: CellChoice, Choices: MarkTexts,
		Prompt: "√ = 出席（也可填 ✓ ○ 出席 到 是 1 Y）；请假 = 请假（也可填 假），不计分也不扣分；" +
			"× = 缺席（也可填 ✗ X 缺席 缺 否 0 N），扣减制下扣除该项目分值，设置了缺席扣分项目时另行扣分；留空 = 该活动不要求本人参加。"}
	// GridNote heads the column after the activities, for paper use; the
	// reader skips it.
	GridNote = &Column{Header: "备注", Width: 16}
)

// The 设置 items (SPEC §2.1 plus 字体文件). The reader, the templates, the
// rules page and every finding that points at a setting's cell name an
// item by these, so a renamed item is renamed everywhere.
const (
	SettingBranch            = "支部名称"
	SettingYear              = "年度"
	SettingSuperior          = "上级党组织"
	SettingSecretary         = "支部书记"
	SettingAdministrator     = "积分管理员"
	SettingObjections        = "异议受理"
	SettingBaseMax           = "基础分满分"
	SettingRewardMax         = "奖励分上限"
	SettingDemocraticMax     = "民主评议满分"
	SettingBaseMode          = "基础分计分方式"
	SettingPublicationDays   = "公示天数"
	SettingLateDays          = "补登记时限"
	SettingClaimCutoff       = "奖励申报截止日"
	SettingExcellentQuota    = "优秀比例上限"
	SettingEvalWeight        = "评议权重"
	SettingPromiseWeight     = "践诺权重"
	SettingAnnualPublication = "年度公示日期"
	SettingScheme            = "方案名称"
	SettingShowRanks         = "公示排名"
	SettingGradesDecided     = "年度等次已确定"
	SettingAbsenceItem       = "缺席扣分项目"
	SettingFontFile          = "字体文件"
)

// SettingQuarterPublication are the items 第一季度公示日期 … 第四季度公示日期.
var SettingQuarterPublication = [4]string{"第一季度公示日期", "第二季度公示日期", "第三季度公示日期", "第四季度公示日期"}

// Setting is one 设置 item: a row 项目 | 值 of the 设置 sheet.
type Setting struct {
	Key      string   // the 项目 cell: one of the Setting* names
	Type     CellType // what the 值 holds
	Required bool     // the 值 must be filled
	// Default is in force when the 值 is blank, as a committee reads it
	// ("" = none); DefaultSettings holds it as a value.
	Default string
	Choices []string // CellChoice: the 值's closed list, a dropdown in the template
	// Note explains the item in the template's 说明 column.
	Note string
	// Value is the 值 a template of settings s shows: a value of a type
	// the template writer takes, or nil for a blank cell.
	Value func(s *Settings) any
}

// Options is the 值's dropdown list: Choices, or 是/否.
func (st *Setting) Options() []string {
	return (&Column{Type: st.Type, Choices: st.Choices}).Options()
}

// quarterSetting declares 第 q 季度公示日期.
func quarterSetting(q int, def, note string) Setting {
	return Setting{Key: SettingQuarterPublication[q-1], Type: CellDate, Default: def, Note: note,
		Value: func(s *Settings) any { return s.PublicationStart[q-1] }}
}

// SettingItems lists the 设置 items in template order.
var SettingItems = []Setting{
	{Key: SettingBranch, Required: true, Note: "必填：支部全称，如“中共××市××局机关第一党支部”，用于公示和报表落款",
		Value: func(s *Settings) any { return s.Branch }},
	{Key: SettingYear, Type: CellInteger, Required: true, Note: "必填：积分周期（公历年度），须与所在文件夹的年份一致",
		Value: func(s *Settings) any { return s.Year }},
	{Key: SettingSuperior, Note: "报送备案的上级党组织名称",
		Value: func(s *Settings) any { return s.Superior }},
	{Key: SettingSecretary, Note: "用于公示落款和报表签字",
		Value: func(s *Settings) any { return s.Secretary }},
	{Key: SettingAdministrator, Note: "负责积分核实、登记和录入的同志（一般为组织委员）",
		Value: func(s *Settings) any { return s.Administrator }},
	{Key: SettingObjections, Note: "公示期间反映异议的方式，如“支部办公室（××楼××室），电话××××”，印在公示上",
		Value: func(s *Settings) any { return s.ObjectionContact }},
	{Key: SettingBaseMax, Type: CellNumber, Default: "80", Note: "每季度基础积分上限，实施方案为 80 分",
		Value: func(s *Settings) any { return s.BaseMax }},
	{Key: SettingRewardMax, Type: CellNumber, Default: "10", Note: "每季度奖励积分上限，实施方案为 10 分",
		Value: func(s *Settings) any { return s.RewardMax }},
	{Key: SettingDemocraticMax, Type: CellNumber, Default: "10", Note: "年度民主评议分满分，实施方案为 10 分",
		Value: func(s *Settings) any { return s.DemocraticMax }},
	{Key: SettingBaseMode, Type: CellChoice, Choices: Texts(BaseModes), Default: Accumulate.String(),
		Note:  "累加制：按参加活动逐项累加，封顶为基础分满分；扣减制：每季度从满分起，基础项目填负分扣减",
		Value: func(s *Settings) any { return s.BaseMode.String() }},
	{Key: SettingPublicationDays, Type: CellInteger, Default: "3", Note: "季度积分公示天数，不少于 3 天",
		Value: func(s *Settings) any { return s.PublicationDays }},
	{Key: SettingLateDays, Type: CellInteger, Default: "7", Note: "活动后超过此天数登记的为补记录，须由党小组长证明",
		Value: func(s *Settings) any { return s.LateDays }},
	{Key: SettingClaimCutoff, Type: CellInteger, Default: "25", Note: "季度末月此日之后的奖励申报计入下一季度（实施方案：季度末 25 日前申报）",
		Value: func(s *Settings) any { return s.ClaimCutoffDay }},
	{Key: SettingExcellentQuota, Type: CellRatio, Default: "15%", Note: "优秀党员人数占参评人数比例上限，一般不超过 15%",
		Value: func(s *Settings) any { return s.QuotaPercent() }},
	{Key: SettingEvalWeight, Type: CellRatio, Default: "0.7", Note: "民主评议得分在民主评议分中的权重，与践诺权重之和为 1",
		Value: func(s *Settings) any { return s.EvalWeight }},
	{Key: SettingPromiseWeight, Type: CellRatio, Default: "0.3", Note: "承诺践诺得分在民主评议分中的权重",
		Value: func(s *Settings) any { return s.PromiseWeight }},
	quarterSetting(1, "4 月 1 日", "公示第一天；不填为 4 月 1 日。实施方案要求 4 月 5 日前公示"),
	quarterSetting(2, "7 月 1 日", "公示第一天；不填为 7 月 1 日。实施方案要求 7 月 5 日前公示"),
	quarterSetting(3, "10 月 1 日", "公示第一天；不填为 10 月 1 日。实施方案要求 10 月 5 日前公示"),
	quarterSetting(4, "次年 1 月 1 日", "公示第一天；不填为次年 1 月 1 日。实施方案要求次年 1 月 5 日前公示"),
	{Key: SettingAnnualPublication, Type: CellDate, Default: "等次确定表中最晚的决定日期，没有则为第四季度公示日期",
		Note:  "年度评定结果公示第一天，公示天数同上；不填为等次确定表中最晚的决定日期，没有则为第四季度公示日期",
		Value: func(s *Settings) any { return s.AnnualStart }},
	{Key: SettingScheme, Default: DefaultScheme, Note: "公示和页面引用的实施方案名称；不填为《党支部党员积分制管理具体实施方案》",
		Value: func(s *Settings) any {
			if s.Scheme == DefaultScheme {
				return nil
			}
			return s.Scheme
		}},
	{Key: SettingShowRanks, Type: CellYesNo, Default: No, Note: "是/否：公开页面和公示是否显示排名（排名始终出现在支委会报表中）",
		Value: func(s *Settings) any { return s.ShowRanks }},
	{Key: SettingGradesDecided, Type: CellYesNo, Default: No, Note: "是/否：支部研究确定年度等次后填“是”，公开页面才显示年度等次",
		Value: func(s *Settings) any { return s.GradesDecided }},
	{Key: SettingAbsenceItem, Type: CellCode, Note: "可不填：填一个扣分项目的编码（如 K01），签到表中基础项目的每个“缺席”另扣该项目分值；请假不扣分",
		Value: func(s *Settings) any {
			if s.AbsenceItem == nil {
				return nil
			}
			return s.AbsenceItem.Code
		}},
	{Key: SettingFontFile, Note: "可不填：生成 PDF 所用的 TrueType 字体文件路径（相对数据文件夹）",
		Value: func(s *Settings) any { return s.FontFile }},
}

// SettingOf is the declared item of a 项目 name; ok is false for an
// unknown one.
func SettingOf(key string) (Setting, bool) {
	for _, st := range SettingItems {
		if st.Key == key {
			return st, true
		}
	}
	return Setting{}, false
}
