package load

import (
	"math/big"
	"strings"

	"github.com/jifen-dev/jifen/internal/model"
)

// settings reads the 设置 sheet (项目 | 值) over model.DefaultSettings.
func (yl *yearLoader) settings(t *table) model.Settings {
	s := model.DefaultSettings(yl.year)
	known := map[string]bool{}
	for _, st := range model.SettingItems {
		known[st.Key] = true
	}
	seen := map[string]model.Pos{}
	given := map[string]bool{}
	for _, r := range t.rows {
		c := yl.row(t, r)
		key := HeaderKey(c.text(model.SettingKey))
		v := c.text(model.SettingValue)
		if key == "" {
			c.errorf(model.SettingKey, "缺少项目名称（值为「%s」）", v)
			continue
		}
		if !known[key] {
			c.warnf(model.SettingKey, "未知的设置项目「%s」，已忽略", c.text(model.SettingKey))
			continue
		}
		if p, dup := seen[key]; dup {
			c.errorf(model.SettingKey, "设置项目「%s」重复（已在 %s 设置）", key, p)
			continue
		}
		seen[key] = c.pos(model.SettingKey)
		s.Pos[key] = c.pos(model.SettingValue)
		if v == "" {
			continue
		}
		given[key] = true
		yl.setting(c, &s, key, v)
	}
	sp := t.sheetPos()
	if !given[model.SettingBranch] {
		at := posOr(s.Pos, model.SettingBranch, sp)
		yl.noBranch = &at // reported by missingBranch, once the roster is read
	}
	if !given[model.SettingYear] {
		yl.fs.Errorf(posOr(s.Pos, model.SettingYear, sp), "设置缺少年度")
	}
	if sum := new(big.Rat).Add(s.EvalWeight, s.PromiseWeight); sum.Cmp(big.NewRat(1, 1)) != 0 {
		yl.fs.Errorf(posOr(s.Pos, model.SettingPromiseWeight, posOr(s.Pos, model.SettingEvalWeight, sp)),
			"评议权重与践诺权重之和应为 1（现为 %s）", ratText(sum))
	}
	for q := 1; q <= 4; q++ {
		key := model.SettingQuarterPublication[q-1]
		if !given[key] || s.PublicationStart[q-1].IsZero() {
			continue
		}
		d := s.PublicationStart[q-1]
		end := model.QuarterEnd(yl.year, q)
		due := model.PublicationDue(yl.year, q)
		switch {
		case !d.After(end):
			yl.fs.Errorf(s.Pos[key], "%s %s 应在季度结束（%s）之后", key, model.DateString(d), model.DateString(end))
		case d.After(due):
			yl.fs.Warnf(s.Pos[key], "%s %s 晚于 %d 月 5 日（实施方案要求季度结束后次月 5 日前公示）", key, model.DateString(d), int(due.Month()))
		}
	}
	return s
}

func posOr(m map[string]model.Pos, key string, def model.Pos) model.Pos {
	if p, ok := m[key]; ok {
		return p
	}
	return def
}

func ratText(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	return r.FloatString(4)
}

// setting applies one non-blank 项目 value.
func (yl *yearLoader) setting(c *rc, s *model.Settings, key, v string) {
	h := model.SettingValue
	bad := func(want string) { c.errorf(h, "%s「%s」%s", key, v, want) }
	posPoints := func(dst *model.Points, allowZero bool) {
		p, err := ParseNumber(v)
		switch {
		case err == ErrDecimals:
			bad("最多保留两位小数")
		case err != nil:
			bad("不是有效数字")
		case p < 0 || (p == 0 && !allowZero):
			if allowZero {
				bad("不能小于 0")
			} else {
				bad("应大于 0")
			}
		default:
			*dst = p
		}
	}
	intIn := func(dst *int, lo, hi int, want string) {
		n, err := ParseInt(v)
		if err != nil || n < lo || n > hi {
			bad(want)
			return
		}
		*dst = n
	}
	switch key {
	case model.SettingBranch:
		s.Branch = v
	case model.SettingYear:
		n, err := ParseInt(v)
		if err != nil {
			bad("应为四位年份")
			return
		}
		s.Year = n
		if n != yl.year {
			c.errorf(h, "年度 %d 与所在文件夹 %d 不一致", n, yl.year)
			s.Year = yl.year
		}
	case model.SettingSuperior:
		s.Superior = v
	case model.SettingSecretary:
		s.Secretary = v
	case model.SettingAdministrator:
		s.Administrator = v
	case model.SettingObjections:
		s.ObjectionContact = v
	case model.SettingBaseMax:
		posPoints(&s.BaseMax, false)
	case model.SettingRewardMax:
		posPoints(&s.RewardMax, true)
	case model.SettingDemocraticMax:
		posPoints(&s.DemocraticMax, true)
	case model.SettingBaseMode:
		switch nameKey(v) {
		case model.Accumulate.String(), "累加":
			s.BaseMode = model.Accumulate
		case model.Deduct.String(), "扣减":
			s.BaseMode = model.Deduct
		default:
			bad("应为 累加制 或 扣减制")
		}
	case model.SettingPublicationDays:
		intIn(&s.PublicationDays, 3, 366, "应为不少于 3 的整数（实施方案要求公示不少于 3 天）")
	case model.SettingLateDays:
		intIn(&s.LateDays, 0, 366, "应为不小于 0 的整数（天数）")
	case model.SettingClaimCutoff:
		intIn(&s.ClaimCutoffDay, 1, 31, "应为 1 到 31 之间的整数（季度最后一个月的日期）")
	case model.SettingExcellentQuota:
		r, err := ParseRatio(v)
		if err != nil || r.Sign() <= 0 || r.Cmp(big.NewRat(1, 1)) > 0 {
			bad("应为 0 到 100% 之间的比例，如 15%")
			return
		}
		s.ExcellentQuota = r
	case model.SettingEvalWeight, model.SettingPromiseWeight:
		r, err := ParseRatio(v)
		if err != nil || r.Sign() < 0 || r.Cmp(big.NewRat(1, 1)) > 0 {
			bad("应为 0 到 1 之间的小数，如 0.7")
			return
		}
		if key == model.SettingEvalWeight {
			s.EvalWeight = r
		} else {
			s.PromiseWeight = r
		}
	case model.SettingQuarterPublication[0], model.SettingQuarterPublication[1],
		model.SettingQuarterPublication[2], model.SettingQuarterPublication[3]:
		d, err := ParseDate(v, c.t.date1904)
		if err != nil {
			bad("不是有效日期")
			return
		}
		for q, k := range model.SettingQuarterPublication {
			if k == key {
				s.PublicationStart[q] = d
			}
		}
	case model.SettingAnnualPublication:
		d, err := ParseDate(v, c.t.date1904)
		if err != nil {
			bad("不是有效日期")
			return
		}
		if end := model.NewDate(yl.year, 12, 31); !d.After(end) {
			c.errorf(h, "年度公示日期 %s 应在年度结束（%s）之后：年度评定结果在年度结束后才能公示", model.DateString(d), model.DateString(end))
			return
		}
		s.AnnualStart = d
	case model.SettingScheme:
		// One title everywhere, in 《》 whether or not the cell has them.
		if t := strings.Trim(v, "《》<>〈〉\"“”'‘’ 　"); t != "" {
			s.Scheme = "《" + t + "》"
		}
	case model.SettingShowRanks, model.SettingGradesDecided:
		b, err := ParseBool(v)
		if err != nil {
			bad("应为 是 或 否")
			return
		}
		if key == model.SettingShowRanks {
			s.ShowRanks = b
		} else {
			s.GradesDecided = b
		}
	case model.SettingFontFile:
		s.FontFile = v
	case model.SettingAbsenceItem:
		yl.absenceCode = v // an item code: resolved once the rubric is read
	}
}

// absenceItem resolves 缺席扣分项目 against the rubric: it must name an
// 扣分 item.
func (yl *yearLoader) absenceItem() {
	const key = model.SettingAbsenceItem
	if yl.absenceCode == "" {
		return
	}
	at := yl.y.Settings.Pos[key]
	k := CanonID(yl.absenceCode)
	it := yl.items[k]
	switch {
	case it == nil && yl.badItems[k]:
	case it == nil:
		yl.fs.Errorf(at, "%s「%s」不在考核项目表中", key, yl.absenceCode)
	case it.Kind != model.Deduction:
		yl.fs.Errorf(at, "%s「%s」是%s项目，应为扣分项目（每次缺席扣除该项目的分值）", key, yl.absenceCode, it.Kind)
	default:
		yl.y.Settings.AbsenceItem = it
	}
}
