package load

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/workbook"
)

var (
	entryHeader = []any{"活动日期", "编号", "姓名", "项目编码", "次数", "分值", "事由", "登记人", "登记日期", "证明人", "备注（内部）"}
	claimHeader = []any{"申报日期", "编号", "姓名", "项目编码", "事由", "申报分值", "证明材料", "党小组意见", "支部审定", "审定分值"}
	dedHeader   = []any{"认定日期", "编号", "姓名", "项目编码", "扣分", "事由", "来源", "依据", "举报人"}
	evalHeader  = []any{"编号", "姓名", "评议得分", "优秀票", "合格票", "基本合格票", "不合格票", "承诺践诺得分"}
	objHeader   = []any{"受理日期", "季度", "编号", "姓名", "异议事项", "提出人", "调查结果", "处理结果", "反馈日期", "状态"}
	decHeader   = []any{"编号", "姓名", "确定等次", "理由", "谈话人", "决定日期"}
	comHeader   = []any{"编号", "姓名", "承诺内容", "审核人", "审签日期"}
)

func sh(name string, header []any, rows ...[]any) wsheet {
	return wsheet{name: name, rows: append([][]any{header}, rows...)}
}

const reg = "data/2026/登记.xlsx"

// TestFindings checks every finding's exact message and cell. Each case
// adds sheets in data/2026/登记.xlsx to the valid base register (or
// replaces the base when noBase is set) and lists every finding expected.
// Cases of validation run on books in memory through ParseYear; those that
// need the reader (raw files, formulas, merged cells) write files and Load.
func TestFindings(t *testing.T) {
	tests := []struct {
		name   string
		noBase bool
		sheets []wsheet          // written to data/2026/登记.xlsx
		files  map[string][]byte // extra raw files under data/
		want   []string
	}{
		{name: "valid entries", sheets: []wsheet{sh("日常登记", entryHeader,
			[]any{"2026-03-05", "D001", "张三", "B1", nil, nil, "支部党员大会"},
			[]any{"2026/3/6", nil, "李四", "R1", 2},
			[]any{"2026.3.7", "1", nil, "B2"},
		)}, want: []string{
			"error data/2026/登记.xlsx:日常登记!B4: 编号「1」不在党员名册中",
		}},
		{name: "numeric id matches 005", sheets: []wsheet{sh("日常登记", entryHeader,
			[]any{"2026-03-05", 5, "钱七", "B1"},
		)}},
		{name: "unknown item and member", sheets: []wsheet{sh("日常登记", entryHeader,
			[]any{"2026-03-05", "D001", nil, "B9"},
			[]any{"2026-03-05", "D099", nil, "B1"},
			[]any{"2026-03-05", nil, "无名", "B1"},
			[]any{"2026-03-05", nil, "刘一", "B1"},
			[]any{"2026-03-05", "D001", "李四", "B1"},
			[]any{"2026-03-05", nil, nil, "B1", nil, nil, "x"},
		)}, want: []string{
			"error data/2026/登记.xlsx:日常登记!D2: 项目编码「B9」不在考核项目表中",
			"error data/2026/登记.xlsx:日常登记!B3: 编号「D099」不在党员名册中",
			"error data/2026/登记.xlsx:日常登记!C4: 姓名「无名」不在党员名册中",
			"error data/2026/登记.xlsx:日常登记!C5: 党员名册中有 2 人名为「刘一」，请填写编号",
			"error data/2026/登记.xlsx:日常登记!C6: 姓名「李四」与编号「D001」不符（名册中该编号是「张三」）",
			"error data/2026/登记.xlsx:日常登记!C7: 缺少编号或姓名",
		}},
		{name: "entry rules", sheets: []wsheet{sh("日常登记", entryHeader,
			[]any{"2026-03-05", "D001", nil, "K1"},
			[]any{"2025-12-30", "D001", nil, "B1"},
			[]any{"明天", "D001", nil, "B1"},
			[]any{nil, "D001", nil, "B1"},
			[]any{"2026-03-05", "D001", nil, "B1", 2, 11},
			[]any{"2026-03-05", "D001", nil, "B1", nil, -1},
			[]any{"2026-03-05", "D001", nil, "B1", 1.5},
			[]any{"2026-03-05", "D001", nil, "B1", nil, "1.255"},
			[]any{"2026-03-05", "D001", nil, "B1", nil, nil, nil, nil, "2026-03-01"},
			[]any{"2026-03-05", "D001", nil, "B1", nil, nil, nil, nil, "2026-03-20"},
			[]any{"2026-03-05", "D001", nil, "B1", nil, nil, nil, nil, "2026-03-20", "李四"},
			[]any{"2026-03-05", "D001", nil, "B1", nil, nil, nil, nil, "2026-03-20", "张三"},
			[]any{"2026-03-05", "D003", nil, "B1"},
			[]any{"2026-03-05", "D004", nil, "B1"},
			[]any{"2026-03-05", "D001", nil, "B1", 2, 10, nil, nil, "2027-01-03", "张三"},
		)}, want: []string{
			"error data/2026/登记.xlsx:日常登记!D2: 项目编码「K1」是扣分项目，应登记在违规扣分表",
			"error data/2026/登记.xlsx:日常登记!A3: 活动日期 2025-12-30 不在 2026 年度内：2025 年的记录请登记在 data/2025 文件夹的登记簿中；如是笔误，请改正日期",
			"error data/2026/登记.xlsx:日常登记!A4: 活动日期「明天」不是有效日期（可写作 2026-03-05、2026/3/5 或 2026年3月5日）",
			"error data/2026/登记.xlsx:日常登记!A5: 缺少活动日期",
			"error data/2026/登记.xlsx:日常登记!F6: 分值 11 超过项目分值×次数（5×2=10）",
			"error data/2026/登记.xlsx:日常登记!F7: 分值 -1 应与项目「参加支部党员大会」的分值 5 同号",
			"error data/2026/登记.xlsx:日常登记!E8: 次数「1.5」应为整数",
			"error data/2026/登记.xlsx:日常登记!F9: 分值「1.255」最多保留两位小数",
			"error data/2026/登记.xlsx:日常登记!I10: 登记日期 2026-03-01 早于活动日期 2026-03-05",
			"error data/2026/登记.xlsx:日常登记!J11: 补登记（登记日期晚于活动日期 15 天，超过补登记时限 7 天）须填写证明人",
			"error data/2026/登记.xlsx:日常登记!A14: 活动日期 2026-03-05 不在党员「王五」参加积分管理的期间（2026-04-01 起）内",
			"warning data/2026/登记.xlsx:日常登记!J12: 证明人「李四」不是党小组长（名册职务中没有「党小组长」或「组长」）",
			"warning data/2026/登记.xlsx:日常登记!B15: 党员「赵六」不纳入积分管理，本行不计分",
		}},
		{name: "header below row 10", sheets: []wsheet{sh("日常登记",
			nil, nil, nil, nil, nil, nil, nil, nil, nil, nil,
			[]any{"活动日期", "编号", "项目编码", "次数"},
			[]any{"2026-02-01", "D001", "B1", 4},
		)}, want: []string{
			"error data/2026/登记.xlsx:日常登记!A1: 工作表「日常登记」找不到表头：前 10 行中没有一行同时包含所需列，缺少「活动日期」「项目编码」「编号或姓名」",
		}},
		{name: "header under a title, one column missing", sheets: []wsheet{sh("日常登记",
			[]any{"2026年党员积分日常登记表"},
			[]any{"活动日期", "编号", "次数"},
			[]any{"2026-02-01", "D001", 4},
		)}, want: []string{
			"error data/2026/登记.xlsx:日常登记!A2: 工作表「日常登记」找不到表头：前 10 行中没有一行同时包含所需列，缺少「项目编码」",
		}},
		{name: "uncalculated formulas", sheets: []wsheet{sh("日常登记",
			[]any{"活动日期", "编号", "项目编码", "次数", "合计"},
			[]any{"2026-03-05", "D001", "B1", formula("1+1"), formula("D2*5")},
		)}, want: []string{
			"error data/2026/登记.xlsx:日常登记!D2: 次数是公式，但文件中没有保存计算结果，请在 Excel 或 WPS 中打开该文件并保存后再试",
		}},
		{name: "claims", sheets: []wsheet{sh("奖励申报", claimHeader,
			[]any{"2026-03-10", "D001", nil, "R1", "社区服务", nil, nil, "通过", "通过"},
			[]any{"2026-03-10", "D001", nil, "B1", "x", nil, nil, "通过", "通过"},
			[]any{"2026-03-10", "D001", nil, "R2", "表彰", nil, nil, "通过", "通过"},
			[]any{"2026-03-10", "D001", nil, "R1", nil, 3, nil, "通过", "通过"},
			[]any{"2026-03-10", "D001", nil, "R1", "x", nil, nil, "同意吧", "通过", 3},
			[]any{"2026-03-10", "D001", nil, "R1", "x", 1, nil, nil, nil},
			[]any{"2026-12-28", "D001", nil, "R1", "x", nil, nil, "通过", "通过"},
			[]any{"2026-03-10", "D001", nil, "R1", "x", 1, nil, "通过", "通过", 2},
		)}, want: []string{
			"error data/2026/登记.xlsx:奖励申报!D3: 项目编码「B1」是基础项目，奖励申报只能申报奖励项目",
			"error data/2026/登记.xlsx:奖励申报!G4: 项目「获得表彰」需证明材料，请填写证明材料",
			"error data/2026/登记.xlsx:奖励申报!E5: 缺少事由",
			"error data/2026/登记.xlsx:奖励申报!F5: 申报分值 3 超过项目「志愿服务」的分值 2",
			"error data/2026/登记.xlsx:奖励申报!H6: 党小组意见「同意吧」应为 通过、不通过 或 待审",
			"error data/2026/登记.xlsx:奖励申报!J6: 审定分值 3 超过申报分值 2",
			"error data/2026/登记.xlsx:奖励申报!J9: 审定分值 2 超过申报分值 1",
			"warning data/2026/登记.xlsx:奖励申报!H7: 奖励申报尚未审定（党小组意见：待审，支部审定：待审），审定通过前不计分",
			"warning data/2026/登记.xlsx:奖励申报!A8: 申报日期 2026-12-28 晚于第四季度奖励申报截止日（12 月 25 日），不计入 2026 年度，请登记在下一年度",
		}},
		{name: "deductions", sheets: []wsheet{sh("违规扣分", dedHeader,
			[]any{"2026-05-10", "D002", nil, "K1", nil, "缺席", "班子商议", "支委会纪要1号", "某人"},
			[]any{"2026-05-10", "D002", nil, "K1", -5, "缺席"},
			[]any{"2026-05-10", "D002", nil, "K1", 6, "缺席"},
			[]any{"2026-05-10", "D002", nil, "R1", nil, "x"},
			[]any{"2026-05-10", "D002", nil, "K2", nil, nil, "领导说的"},
			[]any{"2026-05-10", "D002", nil, "K2", 0, "x"},
		)}, want: []string{
			"error data/2026/登记.xlsx:违规扣分!E3: 扣分 -5 应填写为正数（扣除的分数），如 5",
			"error data/2026/登记.xlsx:违规扣分!E4: 扣分 6 超过项目「无故缺席组织生活」的扣分 5",
			"error data/2026/登记.xlsx:违规扣分!D5: 项目编码「R1」是奖励项目，违规扣分表只能登记扣分项目，奖励项目请登记在日常登记表",
			"error data/2026/登记.xlsx:违规扣分!F6: 缺少事由",
			"error data/2026/登记.xlsx:违规扣分!G6: 来源「领导说的」应为 班子商议、群众举报、其他 之一",
			"error data/2026/登记.xlsx:违规扣分!E7: 扣分应大于 0",
		}},
		{name: "evaluations", sheets: []wsheet{sh("民主评议", evalHeader,
			[]any{"D001", nil, 95, nil, nil, nil, nil, 90},
			[]any{"D002", nil, nil, 10, 5, 1, 0, 80},
			[]any{"D001", nil, 90, nil, nil, nil, nil, 90},
			[]any{"D003", nil, 101, nil, nil, nil, nil, 90},
			[]any{"D006", nil, nil, nil, nil, nil, nil, 90},
			[]any{"D007", nil, 80, nil, nil, nil, nil, nil},
			[]any{"005", nil, 90, 1, 0, 0, 0, 90},
		)}, want: []string{
			"error data/2026/登记.xlsx:民主评议!A4: 党员「张三」的民主评议重复（已在 data/2026/登记.xlsx:民主评议!A2 登记）",
			"error data/2026/登记.xlsx:民主评议!C5: 评议得分应在 0 到 100 之间（现为 101）",
			"error data/2026/登记.xlsx:民主评议!C6: 缺少评议得分（或优秀票、合格票、基本合格票、不合格票）",
			"error data/2026/登记.xlsx:民主评议!H7: 缺少承诺践诺得分",
			"warning data/2026/登记.xlsx:民主评议!C8: 评议得分 90 与按票数计算的 100 不一致，以评议得分为准",
		}},
		{name: "objections decisions commitments", sheets: []wsheet{
			sh("异议处理", objHeader,
				[]any{"2026-04-02", "一季度", "D001", nil, "分数有误", "某人", "已核实", "更正", "2026-04-05", "已反馈"},
				[]any{"2027-01-03", "Q4", "D001", nil, "分数有误"},
				[]any{"2026-04-02", "第五季度", "D001", nil, nil, nil, nil, "撤销", "2026-04-01", "完成"},
				[]any{"2027-01-20", "年度", "D001", nil, "对年度等次有异议"}, // an objection to the annual 公示 (SPEC §2.8)
			),
			sh("等次确定", decHeader,
				[]any{"D001", nil, "优秀", nil, nil, "2027-01-10"},
				[]any{"D001", nil, "合格"},
				[]any{"005", nil, "合格"},
				[]any{"D002", nil, "很好"},
			),
			sh("承诺书", comHeader,
				[]any{"D001", nil, "带头学习", "李四", "2026-01-05"},
				[]any{"D002", nil, nil},
			),
		}, want: []string{
			"error data/2026/登记.xlsx:异议处理!B4: 季度「第五季度」应为 1–4（或 一季度、第一季度、Q1），对年度评定结果公示的异议填「年度」",
			"error data/2026/登记.xlsx:异议处理!E4: 缺少异议事项",
			"error data/2026/登记.xlsx:异议处理!H4: 处理结果「撤销」应为 维持、更正 之一",
			"error data/2026/登记.xlsx:异议处理!I4: 反馈日期 2026-04-01 早于受理日期 2026-04-02",
			"error data/2026/登记.xlsx:异议处理!J4: 状态「完成」应为 受理中、已反馈 之一",
			"error data/2026/登记.xlsx:承诺书!C3: 缺少承诺内容",
			"error data/2026/登记.xlsx:等次确定!A3: 党员「张三」的等次确定重复（已在 data/2026/登记.xlsx:等次确定!A2 登记）",
			"error data/2026/登记.xlsx:等次确定!C4: 「钱七」是入党积极分子，不评定等次",
			"error data/2026/登记.xlsx:等次确定!C5: 确定等次「很好」应为 优秀、合格、基本合格、不合格 之一",
		}},
		{name: "headers: title rows, reordered, spaced, merged title", sheets: []wsheet{{
			name:  "日常登记-第二党小组",
			merge: []string{"A1:F1"},
			rows: [][]any{
				{"2026年党员积分日常登记表"},
				{},
				{"项目编码", "姓　名", " 活动日期 ", "备注(内部)", "身份证号"},
				{"B1", "李四", "2026-03-05", "内部", "110101199001011234"},
				{},
				{"B2", "李四", 46087},
			},
		}}},
		{name: "missing header", sheets: []wsheet{
			{name: "日常登记", rows: [][]any{{"日期", "编号", "项目编码"}, {"2026-03-05", "D001", "B1"}}},
			{name: "奖励申报", rows: [][]any{{"申报日期", "项目编码", "事由"}}},
			{name: "违规扣分"},
		}, want: []string{
			"error data/2026/登记.xlsx:奖励申报!A1: 工作表「奖励申报」找不到表头：前 10 行中没有一行同时包含所需列，缺少「编号或姓名」",
			"error data/2026/登记.xlsx:日常登记!A1: 工作表「日常登记」找不到表头：前 10 行中没有一行同时包含所需列，缺少「活动日期」",
			"warning data/2026/登记.xlsx:违规扣分: 工作表「违规扣分」是空表，已忽略",
		}},
		{name: "hidden and unknown sheets", sheets: []wsheet{
			{name: "说明", rows: [][]any{{"填表说明"}}},
			{name: "日常登记（隐藏）", hidden: true, rows: [][]any{{"活动日期"}}},
		}, want: []string{
			"info data/2026/登记.xlsx:日常登记（隐藏）: 工作表「日常登记（隐藏）」已隐藏，未读取（隐藏的工作表不参与计分，如需使用请取消隐藏）",
			"info data/2026/登记.xlsx:说明: 工作表「说明」不属于任何登记类型，已忽略",
		}},
		{name: "lock and temp files ignored, legacy formats refused", files: map[string][]byte{
			"2026/~$基础.xlsx":       []byte("owner"),
			"2026/.~lock.基础.xlsx#": []byte("lock"),
			"2026/lu1234.tmp":      []byte("tmp"),
			"2026/.hidden.xlsx":    []byte("x"),
			"2026/旧表.xls":          ole2,
			"2026/旧表.et":           ole2,
			"2026/表.ods":           odsZip(),
			"2026/表.csv":           []byte("a,b"),
			"2026/加密.xlsx":         append(append([]byte{}, ole2...), "E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00"...),
			"2026/改名.xlsx":         odsZip(),
			"2026/半截.xlsx":         []byte("PK\x03\x04half"),
			"2026/readme.txt":      []byte("x"),
		}, want: []string{
			"error data/2026/加密.xlsx: 文件已加密，请取消密码后另存为 .xlsx",
			"error data/2026/半截.xlsx: 文件正在被保存或已损坏，无法读取；请在 Excel/WPS 中打开并重新保存为 .xlsx",
			"error data/2026/改名.xlsx: 这是 OpenDocument 表格（.ods），无法读取，请另存为 .xlsx",
			"error data/2026/旧表.et: 这是旧版 Excel/WPS 格式（.xls/.et），无法读取，请另存为 .xlsx",
			"error data/2026/旧表.xls: 这是旧版 Excel/WPS 格式（.xls/.et），无法读取，请另存为 .xlsx",
			"error data/2026/表.csv: 这是 CSV 文本文件，无法读取，请在 Excel/WPS 中另存为 .xlsx",
			"error data/2026/表.ods: 这是 OpenDocument 表格（.ods），无法读取，请另存为 .xlsx",
		}},
		{name: "roster rules", sheets: []wsheet{sh("党员名册-补充",
			[]any{"编号", "姓名", "类别", "职务", "转入日期", "转出日期", "不纳入积分管理", "不纳入原因", "预备期已延长"},
			[]any{"D001", "重号", "正式党员"},
			[]any{"D 01", "空格", "正式党员"},
			[]any{"1.23456789012346E+17", "科学", "正式党员"},
			[]any{"123456789012345678", "长号", "正式党员"},
			[]any{"D010", nil, "群众"},
			[]any{"D011", "退休", "正式党员", nil, nil, nil, "是"},
			[]any{"D012", "转来", "正式党员", nil, "2026-06-01", "2026-05-01"},
			[]any{"D013", "延长", "正式党员", nil, nil, nil, "否", nil, "是"},
			[]any{nil, "无号", "正式党员"},
			[]any{"d001", "小写", "正式党员"},
			[]any{"con", "设备名", "正式党员"},
			[]any{"COM3", "串口", "正式党员"},
		)}, want: []string{
			"error data/2026/登记.xlsx:党员名册-补充!A2: 编号「D001」重复（已在 data/2026/基础.xlsx:党员名册!A2 使用）",
			"error data/2026/登记.xlsx:党员名册-补充!A3: 编号「D 01」应为 1–32 位字母、数字、- 或 _",
			"error data/2026/登记.xlsx:党员名册-补充!A4: 编号「1.23456789012346E+17」被 Excel 当作数字并改成了科学计数法，请把该列设为文本格式后重新输入",
			"error data/2026/登记.xlsx:党员名册-补充!B6: 缺少姓名",
			"error data/2026/登记.xlsx:党员名册-补充!C6: 类别「群众」应为 正式党员、预备党员、入党积极分子、发展对象 之一",
			"error data/2026/登记.xlsx:党员名册-补充!H7: 不纳入积分管理的党员应填写不纳入原因",
			"error data/2026/登记.xlsx:党员名册-补充!F8: 转出日期 2026-05-01 早于转入日期 2026-06-01",
			"error data/2026/登记.xlsx:党员名册-补充!A10: 缺少编号",
			"error data/2026/登记.xlsx:党员名册-补充!A11: 编号「d001」与「D001」只有大小写不同（data/2026/基础.xlsx:党员名册!A2），请改用不同的编号",
			"error data/2026/登记.xlsx:党员名册-补充!A12: 编号「con」是 Windows 的保留设备名，不能用作编号，请换一个",
			"error data/2026/登记.xlsx:党员名册-补充!A13: 编号「COM3」是 Windows 的保留设备名，不能用作编号，请换一个",
			"warning data/2026/登记.xlsx:党员名册-补充!A5: 编号「123456789012345678」是超过 15 位的纯数字；若单元格是数字格式，Excel 已丢失末尾数位，请把该列设为文本格式",
			"warning data/2026/登记.xlsx:党员名册-补充!I9: 只有预备党员才有预备期，「延长」是正式党员",
		}},
		{name: "rubric rules", sheets: []wsheet{sh("考核项目（补充）",
			[]any{"编码", "类别", "项目", "分值", "季度上限", "需证明材料"},
			[]any{"B1", "基础", "重复", 1},
			[]any{"B8", "基础", "负分", -1},
			[]any{"R8", "奖励", "零分", 0},
			[]any{"K8", "扣分", "零扣", 0},
			[]any{"X8", "其他", "怪", 1},
			[]any{"R9", "奖励", "上限", 1, -2, "也许"},
			[]any{"R10", "奖励", nil, nil},
		)}, want: []string{
			"error data/2026/登记.xlsx:考核项目（补充）!A2: 编码「B1」重复（已在 data/2026/基础.xlsx:考核项目!A2 使用）",
			"error data/2026/登记.xlsx:考核项目（补充）!D3: 基础项目的分值在累加制下应大于 0（现为 -1）",
			"error data/2026/登记.xlsx:考核项目（补充）!D4: 奖励项目的分值应大于 0（现为 0）",
			"error data/2026/登记.xlsx:考核项目（补充）!D5: 扣分项目的分值不能为 0",
			"error data/2026/登记.xlsx:考核项目（补充）!B6: 类别「其他」应为 基础、奖励 或 扣分",
			"error data/2026/登记.xlsx:考核项目（补充）!E7: 季度上限应大于 0（现为 -2）",
			"error data/2026/登记.xlsx:考核项目（补充）!F7: 需证明材料「也许」应为 是 或 否",
			"error data/2026/登记.xlsx:考核项目（补充）!C8: 缺少项目",
			"error data/2026/登记.xlsx:考核项目（补充）!D8: 缺少分值",
		}},
		{name: "bad rubric row does not cascade", sheets: []wsheet{
			sh("考核项目2", []any{"编码", "类别", "项目", "分值"}, []any{"X1", "其他", "怪", 1}),
			sh("日常登记", entryHeader, []any{"2026-03-05", "D001", nil, "X1"}),
		}, want: []string{
			"error data/2026/登记.xlsx:考核项目2!B2: 类别「其他」应为 基础、奖励 或 扣分",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if len(tt.files) == 0 && !needsFile(tt.sheets) {
				var files []File
				if !tt.noBase {
					files = append(files, baseBook(t))
				}
				if len(tt.sheets) > 0 {
					files = append(files, File{Path: reg, Book: memBook(t, tt.sheets...)})
				}
				_, fs := ParseYear(2026, "data/2026", files)
				fs.Sort()
				diff(t, lines(fs), tt.want)
				return
			}
			dir := t.TempDir()
			if !tt.noBase {
				baseRegister(t, dir)
			}
			if len(tt.sheets) > 0 {
				writeBook(t, filepath.Join(dir, filepath.FromSlash(reg)), tt.sheets...)
			}
			for name, b := range tt.files {
				p := filepath.Join(dir, "data", filepath.FromSlash(name))
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			t.Chdir(dir)
			d, err := Load("data", Options{Read: workbook.Read})
			if err != nil {
				t.Fatal(err)
			}
			diff(t, lines(d.Findings), tt.want)
		})
	}
}

// needsFile reports whether sheets hold what only the reader of a file
// handles: merged cells and formulas.
func needsFile(sheets []wsheet) bool {
	for _, s := range sheets {
		if len(s.merge) > 0 {
			return true
		}
		for _, r := range s.rows {
			for _, v := range r {
				if _, ok := v.(formula); ok {
					return true
				}
			}
		}
	}
	return false
}

func diff(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") == strings.Join(want, "\n") {
		return
	}
	t.Errorf("findings:\n got:\n\t%s\n want:\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
}

var ole2 = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0}

func odsZip() []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	w.Write([]byte("application/vnd.oasis.opendocument.spreadsheet"))
	w, _ = zw.Create("content.xml")
	w.Write([]byte("<office:document-content/>"))
	zw.Close()
	return buf.Bytes()
}

var _ = model.Pos{}
