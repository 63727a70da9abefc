package scaffold

import (
	"fmt"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/workbook"
)

// rubricItem is one row of the default 考核项目 (附件一 in the scheme's
// spirit: 基础 items add up to the 80-point quarter under 累加制 when a
// member takes part in everything; 奖励 items are capped at 10 per quarter).
type rubricItem struct {
	Code  string
	Kind  model.ItemKind
	Name  string
	Pts   model.Points
	Cap   model.Points // 季度上限, 0 = none
	Proof bool
	Note  string
}

// defaultRubric is shared by the templates and the demo, so the demo shows
// exactly what a new branch starts from.
var defaultRubric = []rubricItem{
	{"B01", model.Base, "参加支部党员大会", model.P(10), model.P(10), false, "每季度至少召开一次；无故缺席另按 K01 扣分"},
	{"B02", model.Base, "参加党小组会", model.P(8), model.P(24), false, "每月一次"},
	{"B03", model.Base, "参加党课", model.P(10), model.P(10), false, "每季度一次"},
	{"B04", model.Base, "参加主题党日活动", model.P(6), model.P(18), false, "每月一次"},
	{"B05", model.Base, "按时足额交纳党费", model.P(2), model.P(6), false, "按月计"},
	{"B06", model.Base, "参加理论学习", model.P(4), model.P(12), false, "支部集中学习、专题研讨"},
	{"B07", model.Base, "参加上级组织的教育培训", model.P(5), model.P(10), false, "按培训通知和签到计"},
	{"R01", model.Reward, "参加志愿服务、进社区服务活动", model.Points(150), model.Points(450), false, "以活动签到为准"},
	{"R02", model.Reward, "结对帮扶困难群众", model.P(2), model.P(4), false, "帮扶记录经党小组确认"},
	{"R03", model.Reward, "宣传稿件被市级以上媒体采用", model.Points(150), model.Points(450), true, "附刊发版面或链接截图"},
	{"R04", model.Reward, "获得县处级以上表彰奖励", model.P(5), 0, true, "附表彰文件"},
	{"R05", model.Reward, "在急难险重任务中表现突出", model.P(3), model.P(6), true, "附任务单位证明"},
	{"R06", model.Reward, "提出合理化建议被采纳", model.P(1), model.P(3), false, ""},
	{"K01", model.Deduction, "无故缺席组织生活", model.P(5), 0, false, "每次扣 5 分"},
	{"K02", model.Deduction, "未按规定交纳党费", model.P(3), 0, false, "连续 6 个月不交纳党费按党章规定处理"},
	{"K03", model.Deduction, "违反工作纪律受到通报批评", model.P(10), 0, false, ""},
	{"K04", model.Deduction, "违背社会公德、职业道德造成不良影响", model.P(5), 0, false, "视情节扣 1–5 分"},
	{"K05", model.Deduction, "受到党纪政务处分", model.P(20), 0, false, ""},
	{"K06", model.Deduction, "未按要求完成学习任务", model.P(2), 0, false, ""},
}

func rubricTable(items []rubricItem, title string) workbook.Table {
	t := table(model.KindItems, title)
	for _, it := range items {
		var limit any
		if it.Cap > 0 {
			limit = it.Cap
		}
		t.Rows = append(t.Rows, rubricLayout.row(it.Code, it.Kind.String(), it.Name, it.Pts, limit, it.Proof, it.Note))
	}
	return t
}

// itemLabels returns the items of the given kinds as the dropdowns show
// them, 「B01 参加支部党员大会」 (load reads the form), for a workbook that
// holds no rubric to list them from.
func itemLabels(items []rubricItem, kinds ...model.ItemKind) []string {
	var out []string
	for _, it := range items {
		for _, k := range kinds {
			if it.Kind == k {
				out = append(out, it.Code+" "+it.Name)
			}
		}
	}
	return out
}

// noteColumn is the one column of a 说明 sheet: no kind's, never read.
var noteColumn = &model.Column{Header: "说明", Width: 100, Wrap: true}

// noteTable is a 说明 sheet: marked as the template's own (workbook.Table
// Helper), so the reader skips it without a word on every build.
func noteTable(title string, lines ...string) workbook.Table {
	t := workbook.Table{Sheet: "说明", Title: title, Columns: []*model.Column{noteColumn}, InputRows: len(lines), Helper: true}
	for _, l := range lines {
		t.Rows = append(t.Rows, []any{l})
	}
	return t
}

// TemplateBook is the file name of the blank register jifen init writes
// into data/<year>/.
const TemplateBook = "党员积分登记簿.xlsx"

// The template's lists (workbook.List): the registers' 编号, 姓名 and
// 项目编码 dropdowns offer what the roster and the rubric hold now, not
// what they held when the file was made; 编号 and 项目编码 with the name
// beside the code, and 项目编码 only with the items the sheet accepts.
const (
	listIDs     = "编号列表"   // 「D001 张三」
	listNames   = "姓名列表"   // 张三
	listItems   = "项目编码列表" // every item, 「B01 参加支部党员大会」
	listAttend  = "基础奖励项目列表"
	listRewards = "奖励项目列表"
	listDeducts = "扣分项目列表"
)

// rubricRows bounds the rubric rows the item lists follow: a rubric has
// tens of items, and each row followed is three formulas on the hidden
// 选项 sheet.
const rubricRows = 500

// itemListOf names the list of the items a kind's 项目编码 accepts, as the
// reader checks them (load's readers of 日常登记, 奖励申报, 违规扣分 and
// 签到表; TestItemListsMatchReader holds the two together). A kind not
// named gets every item.
var itemListOf = map[model.Kind]string{
	model.KindEntries:    listAttend,
	model.KindGrid:       listAttend,
	model.KindClaims:     listRewards,
	model.KindDeductions: listDeducts,
}

// itemListKinds are the categories of each item list.
var itemListKinds = map[string][]model.ItemKind{
	listItems:   model.ItemKinds,
	listAttend:  {model.Base, model.Reward},
	listRewards: {model.Reward},
	listDeducts: {model.Deduction},
}

// rosterLists and rubricLists define the lists on the roster and the rubric.
var (
	rosterLists = []workbook.List{
		{Name: listIDs, Key: model.RosterID, Label: model.RosterName},
		{Name: listNames, Key: model.RosterName},
	}
	rubricLists = func() []workbook.List {
		var out []workbook.List
		for _, name := range []string{listItems, listAttend, listRewards, listDeducts} {
			l := workbook.List{Name: name, Key: model.ItemCode, Label: model.ItemName, Rows: rubricRows}
			if kinds := itemListKinds[name]; len(kinds) < len(model.ItemKinds) {
				l.Where, l.In = model.ItemClass, model.Texts(kinds)
			}
			out = append(out, l)
		}
		return out
	}()
)

// listChoices are the dropdowns of a register sheet of kind k from the
// template's lists: its member reference and its 项目编码 (for 签到表, the
// 项目编码 row above its header).
func listChoices(k model.Kind) map[*model.Column]string {
	s := k.Schema()
	out := map[*model.Column]string{}
	if s.ID != nil {
		out[s.ID], out[s.Name] = listIDs, listNames
	}
	item := s.Item
	if k == model.KindGrid {
		item = model.GridItem
	}
	if item != nil {
		out[item] = listItems
		if name, ok := itemListOf[k]; ok {
			out[item] = name
		}
	}
	return out
}

var startNotes = []string{
	"第一步：在“设置”表 B2 填写支部名称（支部全称）；其他设置已按实施方案填好默认值，可按本支部情况修改。",
	"第二步：在“党员名册”表从第 2 行起逐人填写编号（如 D001）、姓名和类别；党小组、职务可以不填。",
	"第三步：核对“考核项目”表，按本支部的考核办法修改项目和分值（实施方案第一阶段）。",
	"第四步：平时在“日常登记”表逐次登记党员参加活动的情况；奖励申报、违规扣分、异议处理各有一张表；年底填写民主评议和等次确定。",
	"每次保存后，jifen 会自动检查并更新预览网页；有问题时会指出是哪个工作表的哪个单元格。",
}

var commonNotes = []string{
	"1. 每个工作表按名称开头识别类型：设置、考核项目、党员名册、日常登记、签到表、奖励申报、违规扣分、民主评议、异议处理、等次确定、承诺书。同一类型可分成多个工作表或多个文件（如“日常登记（一季度）”），程序会合并读取。",
	"2. 表头文字不要修改，列的顺序可以调整；表头上方可以有标题行。程序不认识的列（如身份证号、联系电话）只留在本表中，不会出现在任何输出里。",
	"3. 编号按文本填写（如 D001）；日期填写为日期格式，如 2026-03-05；是/否列可填 是、否。选中单元格时会显示该列的填写提示。",
	"4. 编号、姓名、项目编码可从下拉列表选择，列表随党员名册和考核项目更新。编号和项目编码的列表同时显示名称（如“D001 张三”“B01 参加支部党员大会”），选中后原样保留即可，程序会核对名称；也可以只填编号或编码。项目编码列表只列出本表可用的项目：日常登记和签到表为基础、奖励项目，奖励申报为奖励项目，违规扣分为扣分项目。",
	"5. 举报人、提出人、备注（内部）、身份证号、联系电话等列严格保密，程序不读取、不公开。",
	"6. 请保存为 .xlsx 格式；.xls、.et、.csv 文件需另存为 .xlsx 后才能读取。本“说明”工作表不参与计分。",
}

// templateFiles are the blank register of `jifen init`.
func templateFiles(year int) []file {
	return registerFiles(year, blankSettings(year), defaultRubric, nil)
}

// registerFiles is a year's register as one workbook, so that its
// dropdowns can list the rubric's items and the roster's members as they
// change (a validation cannot refer to another file): a 说明 sheet, then
// every kind of model.TemplateKinds: settings, the roster of people, the
// rubric, the other sheets blank, and after 日常登记 the four quarters'
// 签到表 with the roster's members.
func registerFiles(year int, settings model.Settings, rubric []rubricItem, people []person) []file {
	dir := fmt.Sprintf("data/%d/", year)
	notes := append(append([]string{}, startNotes...), commonNotes...)
	notes = append(notes,
		"考核项目中的基础项目分值按“累加制”填正数；若设置为“扣减制”，基础项目填负数（每季度从满分起扣减）。扣分项目填正数或负数均表示扣除该分值。",
		"党员名册：退休党员经本人申请、支部同意并报上级备案后不纳入积分管理的，填“不纳入积分管理：是”并写明原因和备案情况；组织关系转入的填转入日期，从该日起参加积分管理。",
		"日常登记：党员参加“三会一课”、主题党日、理论学习、交纳党费、志愿服务等，由积分管理员按活动逐人登记，原则上实时登记。因故未能及时登记的（登记日期晚于活动日期超过补登记时限），须由党小组长证明后补记录，填写证明人。",
		"奖励申报：党员个人申报，党小组审核，支部审定，两级均“通过”才计分。季度末月 25 日后申报的计入下一季度。",
		"违规扣分：由支委会（班子商议）或根据群众举报认定；事由必填，举报人严格保密。",
		"民主评议：年底开展民主评议党员，填写评议得分（0–100），或填写优秀、合格、基本合格、不合格票数由程序折算；承诺践诺得分按《党员个人承诺书》践诺情况评定（0–100）。民主评议分 ＝ 民主评议满分 ×（评议权重×评议得分 ＋ 践诺权重×承诺践诺得分）÷ 100。",
		"等次确定：程序按实施方案提出建议等次，支部研究后在此填写确定等次；与建议不同时必须写明理由。确定后在设置中把“年度等次已确定”改为“是”。入党积极分子、发展对象纳入积分管理但不参与等次评定。",
	)
	notes = append(notes, gridNotes...)
	tables := []workbook.Table{noteTable(fmt.Sprintf("%d年党员积分管理登记簿：填写说明", year), notes...)}
	for _, k := range model.TemplateKinds {
		var t workbook.Table
		switch k {
		case model.KindSettings:
			t = settingsTable(settings, "")
		case model.KindRoster:
			t = table(k, "")
			t.Rows = rosterRows(people, false)
			t.Choices = map[*model.Column][]string{model.RosterGroup: {"第一党小组", "第二党小组", "第三党小组"},
				model.RosterRole: {"支部书记", "支部委员", "党小组长", "退休党员"}}
			t.Lists = rosterLists
		case model.KindItems:
			t = rubricTable(rubric, "")
			t.Lists = rubricLists
		default:
			t = table(k, k.Schema().TitleOf(year))
			t.ListChoices = listChoices(k)
		}
		tables = append(tables, t)
		if k == model.KindEntries {
			// Attendance beside the daily register, the other way to record it.
			tables = append(tables, gridQuarters(year, people)...)
		}
	}
	return []file{{Path: dir + TemplateBook, Tables: tables}}
}
