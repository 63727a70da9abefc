package filing

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
)

// The 细则 bundle (SPEC §6; 实施方案 六 第一阶段, 三): each year the branch
// files its 积分评定细则 with the 机关工委 — the rubric as read from 考核项目,
// every 设置 item in force (defaults included) — and the members it
// exempted from the scheme, whose exemption 三 makes subject to the
// superior's 备案. It is the one output that carries exempted members'
// 不纳入原因 and 备案情况 (SPEC §2.3), and it goes to the superior only.
//
// It holds rules.json (format RulesFormat, version RulesVersion,
// docs/filing.md, docs/filing-rules.schema.json) and manifest.json, as the
// period bundles do; the same register and --as-of give the same bytes.
const (
	RulesFormat  = "jifen-细则"
	RulesVersion = 1
	RulesFile    = "rules.json"
	// PeriodRules names the 细则 where periods are named: file names
	// (<支部名称>-2026-细则.zip) and Identity.Period.
	PeriodRules = "细则"
)

// Bounds a reader holds a 细则 bundle to: far above any branch's rubric.
const (
	MaxRuleItems    = 1000
	MaxRuleSettings = 200
)

// Rules is rules.json. Field order is the output order.
type Rules struct {
	Format   string         `json:"format"`
	Version  int            `json:"version"`
	Branch   string         `json:"branch"`
	Superior string         `json:"superior"`
	Year     int            `json:"year"`
	AsOf     string         `json:"as_of"` // the build's --as-of: when the bundle was made
	Counts   RulesCounts    `json:"counts"`
	Items    []RuleItem     `json:"items"`    // 考核项目 in sheet order
	Settings []RuleSetting  `json:"settings"` // every 设置 item, in the template's order
	Exempt   []ExemptMember `json:"exempt"`   // 不纳入积分管理, roster order
}

// RulesCounts are the head counts of the 细则 bundle.
type RulesCounts struct {
	Items  int `json:"items"`
	Roster int `json:"roster"`
	Exempt int `json:"exempt"`
}

// RuleItem is one row of 考核项目 as read (SPEC §2.2).
type RuleItem struct {
	Code       string       `json:"code"`
	Kind       string       `json:"kind"` // 基础 / 奖励 / 扣分
	Name       string       `json:"name"`
	Points     json.Number  `json:"points"`      // 分值 as written (signed)
	QuarterCap *json.Number `json:"quarter_cap"` // 季度上限; null for none
	NeedsProof bool         `json:"needs_proof"` // 需证明材料
	Note       string       `json:"note"`        // 说明
}

// RuleSetting is one 设置 item and the value in force.
type RuleSetting struct {
	Item  string `json:"item"`  // 项目, as the 设置 sheet names it
	Value string `json:"value"` // in force, as text; a default described in words where it depends on other data
	// Default is true when the value is what a blank 值 gives.
	Default bool `json:"default"`
}

// ExemptMember is a member not taking part (三): the fact, and — in this
// bundle only — his 不纳入原因 and 备案情况.
type ExemptMember struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Category string `json:"category"`
	Group    string `json:"group"`
	Reason   string `json:"reason"` // 不纳入原因
	Filing   string `json:"filing"` // 备案情况
}

// RulesFileName is the 细则 bundle's name: <支部名称>-<year>-细则.zip.
func RulesFileName(branch string, year int) string {
	return safeName(branch) + "-" + strconv.Itoa(year) + "-" + PeriodRules + ".zip"
}

// RulesPath is where the build writes it in the committee tree.
func RulesPath(branch string, year int) string {
	return strconv.Itoa(year) + "/备案/" + RulesFileName(branch, year)
}

// SummarizeRules builds rules.json of res's year: the rubric, every
// declared 设置 item (model.SettingItems: an item added to the schema
// appears here with no change) and the exempted members.
func SummarizeRules(res *model.Result) *Rules {
	y := res.Year
	s := &y.Settings
	r := &Rules{Format: RulesFormat, Version: RulesVersion, Branch: s.Branch, Superior: s.Superior, Year: y.Year,
		AsOf: model.DateString(res.AsOf), Items: []RuleItem{}, Settings: []RuleSetting{}, Exempt: []ExemptMember{}}
	for _, it := range y.Items {
		ri := RuleItem{Code: it.Code, Kind: it.Kind.String(), Name: it.Name, Points: model.JSONPoints(it.Points),
			NeedsProof: it.NeedsProof, Note: it.Note}
		if it.QuarterCap > 0 {
			c := model.JSONPoints(it.QuarterCap)
			ri.QuarterCap = &c
		}
		r.Items = append(r.Items, ri)
	}
	def := model.DefaultSettings(y.Year)
	for _, st := range model.SettingItems {
		v, dv := settingText(st.Value(s)), settingText(st.Value(&def))
		rs := RuleSetting{Item: st.Key, Value: v, Default: v == dv}
		if v == "" && st.Default != "" {
			rs.Value, rs.Default = st.Default, true
		}
		r.Settings = append(r.Settings, rs)
	}
	for _, m := range y.Members {
		if !m.Exempt {
			continue
		}
		r.Exempt = append(r.Exempt, ExemptMember{ID: m.ID, Name: m.Name, Category: string(m.Category), Group: m.Group,
			Reason: m.ExemptReason, Filing: m.Filing})
	}
	r.Counts = RulesCounts{Items: len(r.Items), Roster: len(y.Members), Exempt: len(r.Exempt)}
	return r
}

// settingText writes a 设置 value (what model.Setting.Value gives) as the
// committee would read it; "" for a blank one.
func settingText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		return model.YesNo(x)
	case int:
		return strconv.Itoa(x)
	case model.Points:
		return x.String()
	case *big.Rat:
		if x == nil {
			return ""
		}
		return model.RatString(x)
	case time.Time:
		if x.IsZero() {
			return ""
		}
		return model.DateString(x)
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprint(v)
}

// RulesJSON is rules.json as WriteRules puts it in the bundle.
func RulesJSON(res *model.Result) ([]byte, error) { return encode(SummarizeRules(res)) }

// WriteRules writes the 细则 bundle of res's year: rules.json and its
// manifest, both entries dated 1 January of the year, so the same register
// and --as-of give the same bytes.
func WriteRules(w io.Writer, res *model.Result) error {
	js, err := RulesJSON(res)
	if err != nil {
		return err
	}
	mj, err := encode(Manifest{Format: ManifestFormat, Version: Version, Files: []ManifestEntry{entry(RulesFile, js)}})
	if err != nil {
		return err
	}
	date := model.NewDate(res.Year.Year, time.January, 1)
	zw := zip.NewWriter(w)
	for _, f := range []Part{{RulesFile, js}, {ManifestFile, mj}} {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: date})
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.Data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// decodeRules parses and checks rules.json; msg says what is wrong.
func decodeRules(b []byte) (*Rules, string) {
	var r Rules
	if err := json.Unmarshal(b, &r); err != nil {
		var head struct {
			Format  string `json:"format"`
			Version int    `json:"version"`
		}
		if json.Unmarshal(b, &head) != nil || head.Format != RulesFormat || head.Version == RulesVersion {
			return nil, "无法解析（" + jsonError(err) + "）"
		}
		r.Format, r.Version = head.Format, head.Version
	}
	if r.Format != RulesFormat {
		return nil, fmt.Sprintf("格式「%s」不是 jifen 细则备案", model.Quote(r.Format))
	}
	if r.Version != RulesVersion {
		return nil, fmt.Sprintf("细则备案格式版本 %d 不受支持（本程序读取版本 %d）；请使用与支部相同或更新版本的 jifen", r.Version, RulesVersion)
	}
	if msg := r.validate(); msg != "" {
		return nil, msg
	}
	return &r, ""
}

// validate holds rules.json to what jifen writes, as Summary.validate does
// summary.json: anyone can write a manifest.
func (r *Rules) validate() string {
	if strings.TrimSpace(r.Branch) == "" {
		return "缺少支部名称（branch）"
	}
	if r.Year < MinYear || r.Year > MaxYear {
		return fmt.Sprintf("年度 %d 无效（应在 %d–%d 之间）", r.Year, MinYear, MaxYear)
	}
	asOf, ok := date(r.AsOf)
	if !ok || asOf.Year() < r.Year-1 {
		// A new year's register is set up in December at the earliest.
		return fmt.Sprintf("as_of「%s」不是 %d 年 1 月 1 日之后、2099 年之前的日期", model.Quote(r.AsOf), r.Year-1)
	}
	c := r.Counts
	switch {
	case len(r.Items) > MaxRuleItems || len(r.Settings) > MaxRuleSettings:
		return fmt.Sprintf("考核项目 %d 项、设置 %d 项，超过上限", len(r.Items), len(r.Settings))
	case c.Items != len(r.Items) || c.Exempt != len(r.Exempt) || c.Roster < c.Exempt || c.Roster > MaxFigure:
		return fmt.Sprintf("counts 与内容不符：考核项目 %d 项、名册 %d 人、不纳入积分管理 %d 人", c.Items, c.Roster, c.Exempt)
	}
	codes := map[string]bool{}
	for i, it := range r.Items {
		p, err := Points(it.Points)
		switch {
		case it.Code == "" || codes[it.Code]:
			return fmt.Sprintf("items[%d] 的编码「%s」为空或重复", i, model.Quote(it.Code))
		case !slices.Contains(model.Texts(model.ItemKinds), it.Kind):
			return fmt.Sprintf("items[%d]（%s）的类别「%s」无效", i, model.Quote(it.Code), model.Quote(it.Kind))
		case err != nil || p.Abs() > MaxFigure*100:
			return fmt.Sprintf("items[%d]（%s）的分值「%s」无效", i, model.Quote(it.Code), model.Quote(string(it.Points)))
		}
		if it.QuarterCap != nil {
			if p, err := Points(*it.QuarterCap); err != nil || p <= 0 || p > MaxFigure*100 {
				return fmt.Sprintf("items[%d]（%s）的季度上限「%s」无效", i, model.Quote(it.Code), model.Quote(string(*it.QuarterCap)))
			}
		}
		codes[it.Code] = true
	}
	items := map[string]bool{}
	for i, s := range r.Settings {
		if s.Item == "" || items[s.Item] {
			return fmt.Sprintf("settings[%d] 的项目「%s」为空或重复", i, model.Quote(s.Item))
		}
		items[s.Item] = true
	}
	ids := map[string]bool{}
	for i, m := range r.Exempt {
		if m.ID == "" || m.Name == "" || ids[m.ID] {
			return fmt.Sprintf("exempt[%d] 缺少编号或姓名，或编号重复", i)
		}
		ids[m.ID] = true
	}
	return ""
}
