package scaffold

import (
	"fmt"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/workbook"
)

// The 签到表 (SPEC §2.11) a branch types attendance into: one sheet per
// quarter, the member block 序号 编号 姓名 党小组, activity columns whose
// date and 项目编码 stand in two labelled rows above the header.

// gridBlankColumns is how many activity columns a blank quarter offers:
// about four a month (党员大会, 党小组会, 主题党日, 党课).
const gridBlankColumns = 12

// gridNotes explain the 签到表 on its workbook's 说明 sheet.
var gridNotes = []string{
	"签到表用来代替逐人逐次的日常登记：每次活动占一列，每名党员占一行，在交叉的格子里打勾即可。",
	"每一列先填三项：表头行填活动名称（如“一月支部党员大会”，公开为积分事由），上方“活动日期”行填日期，“项目编码”行选考核项目（基础或奖励项目）。",
	"签到标记：√ 出席（也可填 ✓ ○ 出席 到 是 1 Y）；请假（也可填 假）；× 缺席（也可填 ✗ X 缺席 缺 否 0 N）。留空表示该活动不要求本人参加（如其他党小组的会议、转入前的活动）。",
	"计分：累加制下出席按项目分值计分，请假、缺席不计分；扣减制下基础项目出席、请假不扣分，缺席扣除项目分值；奖励项目只有出席计分。设置中填写了“缺席扣分项目”时，基础项目的每次缺席另按该扣分项目扣分，请假从不扣分。",
	"同一党员同一天同一项目只能签到一次（两列或两个工作表重复会报错）。不纳入积分管理的党员的签到不计分；转入日期之前、转出日期之后的活动请留空。",
	"一名党员在连续六个月内的签到有两次以上缺席、没有出席或请假时，程序会提示支部（党章第九条：连续六个月不参加党的组织生活）。",
	"“备注”“签名”列只供纸面使用，程序不读取。同一季度可以分成多个工作表（如“签到表-第一党小组”），工作表名称以“签到表”开头即可。",
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
func gridTable(sheet, title string, rubric []rubricItem, members [][]any, acts []workbook.GridActivity, marks [][]string, blank int) workbook.Table {
	t := table(model.KindGrid, title)
	t.Sheet, t.Rows, t.InputRows = sheet, members, max(len(members)+20, 60)
	t.Grid = &workbook.Grid{Activities: acts, Blank: blank, Marks: marks, Items: itemCodes(rubric, model.Base, model.Reward)}
	return t
}

// gridFile is a year's blank 签到表 workbook: one sheet per quarter.
func gridFile(year int, rubric []rubricItem, people []person) file {
	tables := []workbook.Table{noteTable(model.KindGrid.Schema().TitleOf(year), gridNotes...)}
	members := gridRows(people)
	for q := 1; q <= 4; q++ {
		tables = append(tables, gridTable(fmt.Sprintf("签到表-第%s季度", model.QuarterCN(q)),
			model.PeriodLabel(year, q)+"党员组织生活签到表", rubric, members, nil, nil, gridBlankColumns))
	}
	return file{Path: fmt.Sprintf("data/%d/签到表.xlsx", year), Tables: tables}
}
