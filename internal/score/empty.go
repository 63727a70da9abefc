package score

import (
	"strings"

	"github.com/jifen-dev/jifen/internal/model"
)

// emptyQuarters warns of each closed quarter in which no participating
// member has any entry (SPEC §3): its 公示 would publish everyone at 0
// under 累加制, or everyone at full marks under 扣减制 — a branch that
// started the scheme late, or a quarter's rows lost to a renamed sheet or a
// wrong year. The quarters counted start at 起始季度 (SPEC §2.1); until that
// setting is read, at the first.
func emptyQuarters(res *model.Result, fs *model.Findings) {
	y := res.Year
	const from = 1 // 起始季度
	var empty []string
	for q := from; q <= 4; q++ {
		if !res.Closed[q-1] {
			continue
		}
		taking, entered := 0, false
		for _, m := range res.Members {
			qs := &m.Quarters[q-1]
			if !qs.Participating {
				continue
			}
			taking++
			if len(qs.Lines) > 0 || len(qs.Attendance) > 0 {
				entered = true
				break
			}
		}
		if taking > 0 && !entered {
			empty = append(empty, model.QuarterLabel(q))
		}
	}
	if len(empty) == 0 {
		return
	}
	these := "这一季度"
	if len(empty) > 1 {
		these = "这些季度"
	}
	what := these + "的公示将全部是 0 分"
	if y.Settings.BaseMode == model.Deduct {
		what = these + "所有人都将是基础分满分（" + y.Settings.BaseMax.String() + " 分）"
	}
	// One line for the year: a branch that started late has several.
	fs.Warnf(settingsPos(y), "%d年%s已结束，但没有任何参加积分管理的人员有%s的登记（日常登记、签到表、奖励申报、违规扣分都没有）：按%s，%s。如本支部从以后的季度才开始积分管理，请在设置中填写「起始季度」；否则请检查%s的登记是否漏填，工作表名称、年度文件夹或日期是否有误",
		y.Year, strings.Join(empty, "、"), these, y.Settings.BaseMode, what, these)
}

// settingsPos is where a finding about the year's settings as a whole goes:
// the 起始季度 row when it is written, else the 设置 sheet, else the year
// folder.
func settingsPos(y *model.Year) model.Pos {
	if p, ok := y.Settings.Pos["起始季度"]; ok {
		return p
	}
	for _, p := range y.Settings.Pos {
		if p.File != "" {
			return model.Pos{File: p.File, Sheet: p.Sheet}
		}
	}
	return model.Pos{File: y.Dir}
}
