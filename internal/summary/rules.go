package summary

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/jifen-dev/jifen/internal/filing"
	"github.com/jifen-dev/jifen/internal/model"
)

// RulesDigest is what the roll-up keeps of a 细则 bundle (六 第一阶段, 三):
// the rubric and settings to compare with the branch's previous year, and
// the exempted members with their reasons, for the superior's pages only.
type RulesDigest struct {
	Items      []RuleItem // at most filing.MaxRuleItems (Open holds the bundle to it)
	Settings   []RuleSetting
	Roster     int
	Exempt     []Exempt // at most MaxExempt
	MoreExempt int
}

// RuleItem is one 考核项目, quoted.
type RuleItem struct {
	Code, Kind, Name string
	Points           string // 分值 as written
	QuarterCap       string // "" for none
	NeedsProof       bool
}

// RuleSetting is one 设置 item in force, quoted.
type RuleSetting struct {
	Item, Value string
	Default     bool
}

// Exempt is an exempted member with his 不纳入原因 and 备案情况 (三).
type Exempt struct {
	ID, Name, Category, Group string
	Reason, Filing            string
}

// rulesDigest keeps a 细则 bundle.
func rulesDigest(b *filing.Bundle) *Digest {
	r := b.Rules
	q := model.Quote
	d := &Digest{Branch: q(r.Branch), Superior: q(r.Superior), Year: r.Year, Period: filing.PeriodRules, AsOf: r.AsOf,
		ContentHash: b.ContentHash, Figures: rulesFigures(r), Roster: r.Counts.Roster, Exempt: r.Counts.Exempt}
	rd := &RulesDigest{Roster: r.Counts.Roster}
	for _, it := range r.Items {
		ri := RuleItem{Code: q(it.Code), Kind: it.Kind, Name: q(it.Name), Points: string(it.Points), NeedsProof: it.NeedsProof}
		if it.QuarterCap != nil {
			ri.QuarterCap = string(*it.QuarterCap)
		}
		rd.Items = append(rd.Items, ri)
	}
	for _, s := range r.Settings {
		rd.Settings = append(rd.Settings, RuleSetting{Item: q(s.Item), Value: q(s.Value), Default: s.Default})
	}
	for _, m := range r.Exempt {
		if len(rd.Exempt) == MaxExempt {
			rd.MoreExempt++
			continue
		}
		rd.Exempt = append(rd.Exempt, Exempt{ID: q(m.ID), Name: q(m.Name), Category: q(m.Category), Group: q(m.Group),
			Reason: q(m.Reason), Filing: q(m.Filing)})
	}
	d.Rules = rd
	return d
}

// rulesFigures hashes a 细则 without the day it was made: the same 细则
// rebuilt later is the same filing.
func rulesFigures(r *filing.Rules) string {
	c := *r
	c.AsOf = ""
	b, _ := json.Marshal(&c)
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// RulesDiff is how a branch's 细则 differs from its previous year's.
type RulesDiff struct {
	PrevYear int
	Added    []RuleItem
	Removed  []RuleItem
	Changed  []ItemChange
	Settings []SettingChange
}

// ItemChange is one 考核项目 kept under its 编码 with other terms.
type ItemChange struct {
	Item    RuleItem // as it is now
	Changes []string // 「分值 2 → 3」
}

// SettingChange is one 设置 item with another value than the year before.
type SettingChange struct{ Item, Old, New string }

// Count is how many differences there are.
func (d *RulesDiff) Count() int {
	return len(d.Added) + len(d.Removed) + len(d.Changed) + len(d.Settings)
}

// Lines says every difference in one line each, 「增加 R05 参加义务献血（奖励，5 分）」.
func (d *RulesDiff) Lines() []string {
	var out []string
	for _, it := range d.Added {
		out = append(out, "增加 "+it.Text())
	}
	for _, it := range d.Removed {
		out = append(out, "删除 "+it.Text())
	}
	for _, c := range d.Changed {
		out = append(out, "修改 "+c.Item.Code+" "+c.Item.Name+"："+strings.Join(c.Changes, "，"))
	}
	for _, s := range d.Settings {
		out = append(out, "设置 "+s.Item+"："+dash(s.Old)+" → "+dash(s.New))
	}
	return out
}

// Text is the item in words: 「R05 参加义务献血（奖励，5 分，季度上限 10）」.
func (it RuleItem) Text() string {
	s := it.Code + " " + it.Name + "（" + it.Kind + "，" + it.Points + " 分"
	if it.QuarterCap != "" {
		s += "，季度上限 " + it.QuarterCap
	}
	return s + "）"
}

// diffRules compares a branch's 细则 of year with the one of the year
// before: items by 编码 (name, 类别, 分值, 季度上限, 需证明材料), settings by
// item, each value with the year written in it (2026-04-01, 2027-01-05)
// read relative to its own year, so that dates which only moved with the
// year are no change.
func diffRules(prev, cur *RulesDigest, prevYear, year int) *RulesDiff {
	d := &RulesDiff{PrevYear: prevYear}
	old := map[string]RuleItem{}
	for _, it := range prev.Items {
		old[it.Code] = it
	}
	now := map[string]bool{}
	for _, it := range cur.Items {
		now[it.Code] = true
		o, ok := old[it.Code]
		if !ok {
			d.Added = append(d.Added, it)
			continue
		}
		var cs []string
		add := func(label, a, b string) {
			if a != b {
				cs = append(cs, label+" "+dash(a)+" → "+dash(b))
			}
		}
		add("项目", o.Name, it.Name)
		add("类别", o.Kind, it.Kind)
		add("分值", o.Points, it.Points)
		add("季度上限", o.QuarterCap, it.QuarterCap)
		add("需证明材料", model.YesNo(o.NeedsProof), model.YesNo(it.NeedsProof))
		if len(cs) > 0 {
			d.Changed = append(d.Changed, ItemChange{Item: it, Changes: cs})
		}
	}
	for _, it := range prev.Items {
		if !now[it.Code] {
			d.Removed = append(d.Removed, it)
		}
	}
	was := map[string]string{}
	for _, s := range prev.Settings {
		was[s.Item] = s.Value
	}
	for _, s := range cur.Settings {
		o, ok := was[s.Item]
		if ok && relative(o, prevYear) != relative(s.Value, year) {
			d.Settings = append(d.Settings, SettingChange{Item: s.Item, Old: o, New: s.Value})
		}
	}
	return d
}

// relative writes the year y (and y+1) in a setting's value as a
// placeholder: 2026-04-01 of 2026 and 2025-04-01 of 2025 compare equal.
func relative(v string, y int) string {
	v = strings.ReplaceAll(v, strconv.Itoa(y+1), "{次年}")
	return strings.ReplaceAll(v, strconv.Itoa(y), "{本年}")
}

// ExemptText says the exempted members beyond those kept.
func ExemptText(n int) string {
	return fmt.Sprintf("……另有 %d 人未列出（每个支部最多列出 %d 人），见该支部的细则备案包", n, MaxExempt)
}
