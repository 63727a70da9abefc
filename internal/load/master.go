package load

import (
	"strings"

	"github.com/jifen-dev/jifen/internal/model"
)

// readItems reads one 考核项目 sheet (SPEC §2.2).
func (yl *yearLoader) readItems(t *table) {
	mode := yl.y.Settings.BaseMode
	for _, r := range t.rows {
		c := yl.row(t, r)
		code := c.required(model.ItemCode)
		key := CanonID(code)
		if code != "" {
			if prev := yl.items[key]; prev != nil {
				c.errorf(model.ItemCode, "编码「%s」重复（已在 %s 使用）", code, prev.Pos)
				continue
			}
			if yl.badItems[key] {
				c.errorf(model.ItemCode, "编码「%s」重复", code)
				continue
			}
		}
		it := &model.Item{Pos: c.pos(model.ItemCode), Code: fold(code), Note: c.text(model.ItemNote)}
		// 基础项, 奖励分, 扣分项 and 扣 are read as the kind they name.
		switch k := strings.TrimSuffix(strings.TrimSuffix(nameKey(c.text(model.ItemClass)), "项"), "分"); k {
		case "":
			c.errorf(model.ItemClass, "缺少类别（%s）", kindList)
		case "扣":
			it.Kind = model.Deduction
		default:
			for _, kind := range model.ItemKinds {
				if k == kind.String() {
					it.Kind = kind
				}
			}
			if it.Kind == 0 {
				c.errorf(model.ItemClass, "类别「%s」应为 %s", c.text(model.ItemClass), kindList)
			}
		}
		it.Name = c.required(model.ItemName)
		p, given := c.number(model.ItemPoints)
		if !given && c.text(model.ItemPoints) == "" {
			c.errorf(model.ItemPoints, "缺少分值")
		}
		it.Points = p
		if given {
			switch {
			case it.Kind == model.Base && mode == model.Accumulate && p <= 0:
				c.errorf(model.ItemPoints, "基础项目的分值在累加制下应大于 0（现为 %s）", p)
			case it.Kind == model.Base && mode == model.Deduct && p >= 0:
				c.errorf(model.ItemPoints, "基础项目的分值在扣减制下应为负数（从基础分满分中扣减，现为 %s）", p)
			case it.Kind == model.Reward && p <= 0:
				c.errorf(model.ItemPoints, "奖励项目的分值应大于 0（现为 %s）", p)
			case it.Kind == model.Deduction && p == 0:
				c.errorf(model.ItemPoints, "扣分项目的分值不能为 0")
			}
		}
		if cp, given := c.number(model.ItemQuarterCap); given {
			if cp <= 0 {
				c.errorf(model.ItemQuarterCap, "季度上限应大于 0（现为 %s）", cp)
			}
			it.QuarterCap = cp
		}
		it.NeedsProof = c.boolean(model.ItemNeedsProof)
		if code == "" {
			continue
		}
		if !c.ok || it.Kind == 0 {
			yl.badItems[key] = true
			continue
		}
		yl.items[key] = it
		yl.y.Items = append(yl.y.Items, it)
	}
}

// kindList names the rubric's 类别 in messages: 基础、奖励 或 扣分.
var kindList = func() string {
	ks := model.Texts(model.ItemKinds)
	return strings.Join(ks[:len(ks)-1], "、") + " 或 " + ks[len(ks)-1]
}()

var categories = model.Texts(model.Categories)

// readRoster reads one 党员名册 sheet (SPEC §2.3). A member is kept when
// its 编号 and 姓名 are sound even if other cells have errors, so one
// typo does not cascade into an error on every row naming the member.
func (yl *yearLoader) readRoster(t *table) {
	for _, r := range t.rows {
		c := yl.row(t, r)
		raw := c.required(model.RosterID)
		id := fold(raw)
		key := CanonID(raw)
		idOK := raw != ""
		if idOK {
			switch {
			case isENotation(id):
				c.errorf(model.RosterID, "编号「%s」被 Excel 当作数字并改成了科学计数法，请把该列设为文本格式后重新输入", raw)
				idOK = false
			case !idRE.MatchString(id):
				c.errorf(model.RosterID, "编号「%s」应为 1–32 位字母、数字、- 或 _", raw)
				idOK = false
			case reservedName(id):
				// 编号 names the member's page folder; Windows cannot create these.
				c.errorf(model.RosterID, "编号「%s」是 Windows 的保留设备名，不能用作编号，请换一个", raw)
				idOK = false
			case allDigits(id) && len(id) > 15:
				c.warnf(model.RosterID, "编号「%s」是超过 15 位的纯数字；若单元格是数字格式，Excel 已丢失末尾数位，请把该列设为文本格式", raw)
			}
		}
		if idOK {
			if prev := yl.members[key]; prev != nil {
				c.errorf(model.RosterID, "编号「%s」重复（已在 %s 使用）", raw, yl.idCell[prev])
				continue
			}
			// Windows and macOS file names ignore case: D001 and d001 would
			// share one member page, showing one member's entries as another's.
			if prev := yl.membersFolded[strings.ToUpper(key)]; prev != nil {
				c.errorf(model.RosterID, "编号「%s」与「%s」只有大小写不同（%s），请改用不同的编号", raw, prev.ID, yl.idCell[prev])
				continue
			}
			if yl.badMembers[key] {
				c.errorf(model.RosterID, "编号「%s」重复", raw)
				continue
			}
		}
		m := &model.Member{Pos: c.pos(model.RosterName), ID: id}
		m.Name = c.required(model.RosterName)
		nameOK := m.Name != ""
		switch cat := c.oneOf(model.RosterCategory, categories...); cat {
		case "":
			if c.text(model.RosterCategory) == "" {
				c.errorf(model.RosterCategory, "缺少类别（%s）", strings.Join(categories, "、"))
			}
		default:
			m.Category = model.Category(cat)
		}
		m.Group = c.text(model.RosterGroup)
		m.Role = c.text(model.RosterRole)
		m.In = c.date(model.RosterIn, false, anyYear)
		m.Out = c.date(model.RosterOut, false, anyYear)
		if !m.In.IsZero() && !m.Out.IsZero() && m.Out.Before(m.In) {
			c.errorf(model.RosterOut, "转出日期 %s 早于转入日期 %s", model.DateString(m.Out), model.DateString(m.In))
		}
		m.Exempt = c.boolean(model.RosterExempt)
		m.ExemptReason = c.text(model.RosterExemptReason)
		if m.Exempt && m.ExemptReason == "" {
			c.errorf(pick(t, model.RosterExemptReason, model.RosterExempt), "不纳入积分管理的党员应填写不纳入原因")
		}
		m.Filing = c.text(model.RosterFiling)
		m.ProbationExtended = c.boolean(model.RosterExtended)
		if m.ProbationExtended && m.Category != "" && m.Category != model.Probation {
			c.warnf(model.RosterExtended, "只有预备党员才有预备期，「%s」是%s", m.Name, m.Category)
		}
		if raw == "" {
			continue
		}
		if !idOK || !nameOK {
			yl.badMembers[key] = true
			continue
		}
		yl.members[key] = m
		yl.membersFolded[strings.ToUpper(key)] = m
		yl.idCell[m] = c.pos(model.RosterID)
		yl.byName[nameKey(m.Name)] = append(yl.byName[nameKey(m.Name)], m)
		yl.y.Members = append(yl.y.Members, m)
	}
}

// pick returns the first column the sheet has (for placing a finding).
func pick(t *table, hs ...*model.Column) *model.Column {
	for _, h := range hs {
		if t.has(h) {
			return h
		}
	}
	return hs[0]
}

func isENotation(s string) bool {
	i := strings.IndexAny(s, "eE")
	if i <= 0 || i == len(s)-1 {
		return false
	}
	mant, exp := s[:i], strings.TrimPrefix(strings.TrimPrefix(s[i+1:], "+"), "-")
	return allDigits(strings.Replace(mant, ".", "", 1)) && allDigits(exp)
}

// reservedName reports Windows device names (CON, NUL, COM1 …), which no
// folder may have.
func reservedName(id string) bool {
	switch u := strings.ToUpper(id); u {
	case "CON", "PRN", "AUX", "NUL":
		return true
	default:
		return len(u) == 4 && (strings.HasPrefix(u, "COM") || strings.HasPrefix(u, "LPT")) && u[3] >= '1' && u[3] <= '9'
	}
}
