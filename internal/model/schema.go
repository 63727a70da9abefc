package model

import "strings"

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
	KindGrid        Kind = "签到表" // attendance as a grid (SPEC §2.11): no fixed columns, see load
)

// Kinds lists every kind in the order a register is read.
var Kinds = []Kind{KindSettings, KindItems, KindRoster, KindEntries, KindClaims,
	KindDeductions, KindEvaluations, KindObjections, KindDecisions, KindCommitments, KindGrid}

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

// Column is one header of a sheet kind.
type Column struct {
	Header   string
	Required bool // the header must be present (header-row detection and validation)
	// Confidential columns are recognised only so they can be named in
	// documentation and templates; their values are never read.
	Confidential bool
}

// Labels of the rows above a 签到表's header (SPEC §2.11), written by the
// template and found by the reader in the member block's columns.
const (
	GridDateLabel = "活动日期"
	GridItemLabel = "项目编码"
)

// GridMemberHeaders are the headers of a 签到表's member block, left of its
// activity columns, as the template writes them; the reader reads only 编号
// and 姓名 and takes any of these as part of the block.
var GridMemberHeaders = []string{"序号", ColID, ColName, "党小组"}

// Header names used in more than one kind.
const (
	ColID   = "编号"
	ColName = "姓名"
)

// MemberRef reports whether rows of the kind name a member by 编号 and/or
// 姓名 (at least one of the two headers is required).
func (k Kind) MemberRef() bool {
	switch k {
	case KindSettings, KindItems, KindRoster:
		return false
	}
	return true
}

// Columns lists each kind's headers in template order (SPEC §2.1–§2.10).
// For kinds with MemberRef, 编号 and 姓名 are optional individually but one
// of them is required.
var Columns = map[Kind][]Column{
	KindSettings: {{Header: "项目", Required: true}, {Header: "值", Required: true}},
	KindItems: {
		{Header: "编码", Required: true}, {Header: "类别", Required: true}, {Header: "项目", Required: true},
		{Header: "分值", Required: true}, {Header: "季度上限"}, {Header: "需证明材料"}, {Header: "说明"},
	},
	KindRoster: {
		{Header: ColID, Required: true}, {Header: ColName, Required: true}, {Header: "类别", Required: true},
		{Header: "党小组"}, {Header: "职务"}, {Header: "转入日期"}, {Header: "转出日期"},
		{Header: "不纳入积分管理"}, {Header: "不纳入原因"}, {Header: "备案情况"}, {Header: "预备期已延长"},
	},
	KindEntries: {
		{Header: "活动日期", Required: true}, {Header: ColID}, {Header: ColName}, {Header: "项目编码", Required: true},
		{Header: "次数"}, {Header: "分值"}, {Header: "事由"}, {Header: "登记人"}, {Header: "登记日期"},
		{Header: "证明人"}, {Header: "备注（内部）", Confidential: true},
	},
	KindClaims: {
		{Header: "申报日期", Required: true}, {Header: ColID}, {Header: ColName}, {Header: "项目编码", Required: true},
		{Header: "事由", Required: true}, {Header: "申报分值"}, {Header: "证明材料"}, {Header: "党小组意见"},
		{Header: "支部审定"}, {Header: "审定分值"},
	},
	KindDeductions: {
		{Header: "认定日期", Required: true}, {Header: ColID}, {Header: ColName}, {Header: "项目编码", Required: true},
		{Header: "扣分"}, {Header: "事由", Required: true}, {Header: "来源"}, {Header: "依据"},
		{Header: "举报人", Confidential: true}, {Header: "备注（内部）", Confidential: true},
	},
	KindEvaluations: {
		{Header: ColID}, {Header: ColName}, {Header: "评议得分"}, {Header: "优秀票"}, {Header: "合格票"},
		{Header: "基本合格票"}, {Header: "不合格票"}, {Header: "承诺践诺得分", Required: true},
	},
	KindObjections: {
		{Header: "受理日期", Required: true}, {Header: "季度", Required: true}, {Header: ColID}, {Header: ColName},
		{Header: "异议事项", Required: true}, {Header: "提出人", Confidential: true}, {Header: "调查结果"},
		{Header: "处理结果"}, {Header: "反馈日期"}, {Header: "状态"},
	},
	KindDecisions: {
		{Header: ColID}, {Header: ColName}, {Header: "确定等次", Required: true}, {Header: "理由"},
		{Header: "谈话人"}, {Header: "决定日期"},
	},
	KindCommitments: {
		{Header: ColID}, {Header: ColName}, {Header: "承诺内容", Required: true}, {Header: "审核人"}, {Header: "审签日期"},
	},
}

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

// SettingKeys lists the 设置 items in template order.
var SettingKeys = []string{
	SettingBranch, SettingYear, SettingSuperior, SettingSecretary, SettingAdministrator, SettingObjections,
	SettingBaseMax, SettingRewardMax, SettingDemocraticMax, SettingBaseMode, SettingPublicationDays, SettingLateDays,
	SettingClaimCutoff, SettingExcellentQuota, SettingEvalWeight, SettingPromiseWeight,
	SettingQuarterPublication[0], SettingQuarterPublication[1], SettingQuarterPublication[2], SettingQuarterPublication[3],
	SettingAnnualPublication, SettingScheme, SettingShowRanks, SettingGradesDecided, SettingAbsenceItem, SettingFontFile,
}
