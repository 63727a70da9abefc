package scaffold

import (
	"fmt"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/workbook"
)

// The 签到表 (SPEC §2.11) a branch types attendance into: one sheet per
// quarter, the member block 序号 编号 姓名 党小组, activity columns whose
// date and 项目编码 stand in two labelled rows above the header. jifen init
// and new-year put the quarters into the register itself, after 日常登记:
// only there can the 编号, 姓名 and 项目编码 dropdowns follow the roster and
// the rubric as they change (a validation cannot refer to another file,
// and jifen never writes into data/ on its own to refresh a copy). The
// member rows start filled with the roster when there is one.

// gridBlankColumns is how many activity columns a blank quarter offers:
// about four a month (党员大会, 党小组会, 主题党日, 党课).
const gridBlankColumns = 12

// gridPageRows is how many rows a blank 签到表 rules for print: one page;
// gridSpareRows the ruled rows after a roster's members, for newcomers.
const (
	gridPageRows  = 40
	gridSpareRows = 3
)

// gridNotes explain the 签到表 on the 说明 sheet.
var gridNotes = []string{
	"签到表用来代替逐人逐次的日常登记：每次活动占一列，每名党员占一行，在交叉的格子里打勾即可。每季度一张（签到表-第一季度 …），可打印后在会上签到，会后录入。",
	"每一列先填三项：表头行填活动名称（如“一月支部党员大会”，公开为积分事由），上方“活动日期”行填日期，“项目编码”行从下拉列表选择考核项目（只列出基础和奖励项目）。",
	"编号、姓名可从下拉列表选择（列表随党员名册更新）；新年度的签到表已按党员名册填好名单，新转入的党员在下方空行补上即可。",
	"签到标记：√ 出席（也可填 ✓ ○ 出席 到 是 1 Y）；请假（也可填 假）；× 缺席（也可填 ✗ X 缺席 缺 否 0 N）。留空表示该活动不要求本人参加（如其他党小组的会议、转入前的活动）。",
	"计分：累加制下出席按项目分值计分，请假、缺席不计分；扣减制下基础项目出席、请假不扣分，缺席扣除项目分值；奖励项目只有出席计分。设置中填写了“缺席扣分项目”时，基础项目的每次缺席另按该扣分项目扣分，请假从不扣分。",
	"同一党员同一天同一项目只能签到一次（两列或两个工作表重复会报错）。不纳入积分管理的党员的签到不计分；转入日期之前、转出日期之后的活动请留空。",
	"党员连续六个月有活动要求参加、却都没有出席（只有缺席或请假）时，程序会提示支部（党章第九条：连续六个月不参加党的组织生活）。",
	"“备注”“签名”列只供纸面使用，程序不读取。同一季度可以分成多个工作表（如“签到表-第一党小组”），工作表名称以“签到表”开头即可；签到表也可以放在单独的文件里。",
	"打印：每季度一张 A4 横向纸，约 45 人一页，标题和表头在每页重复。",
}

// gridRows lists the members of a blank 签到表: everyone but the exempted.
func gridRows(people []person) [][]any {
	var out [][]any
	for _, p := range people {
		if p.Exempt {
			continue
		}
		out = append(out, gridLayout.row(len(out)+1, p.ID, p.Name, p.Group))
	}
	return out
}

// gridTable is one 签到表 sheet.
func gridTable(sheet, title string, members [][]any, acts []workbook.GridActivity, marks [][]string, blank int) workbook.Table {
	t := table(model.KindGrid, title)
	t.Sheet, t.Rows = sheet, members
	t.Grid = &workbook.Grid{Activities: acts, Blank: blank, Marks: marks, Ruled: len(members)}
	return t
}

// gridQuarters are a year's blank 签到表 sheets for the register, one per
// quarter, their dropdowns from the register's lists.
func gridQuarters(year int, people []person) []workbook.Table {
	members := gridRows(people)
	var out []workbook.Table
	for q := 1; q <= 4; q++ {
		t := gridTable(fmt.Sprintf("签到表-第%s季度", model.QuarterCN(q)),
			model.PeriodLabel(year, q)+"党员组织生活签到表", members, nil, nil, gridBlankColumns)
		t.Grid.Ruled = len(members) + gridSpareRows
		if len(members) == 0 {
			t.Grid.Ruled = gridPageRows
		}
		t.ListChoices = listChoices(model.KindGrid)
		out = append(out, t)
	}
	return out
}
