package filing

import (
	"archive/zip"
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/golden"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/schematest"
)

// TestRulesBundle: the 细则 bundle of the demo's 2026 holds rules.json and
// its manifest, byte-identical twice over, dated the year's first day; it
// opens as a 细则 bundle, lists every declared 设置 item in the template's
// order, the rubric as read and the exempted retiree with his reason and
// 备案情况, and matches its schema.
func TestRulesBundle(t *testing.T) {
	res := demo(t)[2026]
	var a, b bytes.Buffer
	if err := WriteRules(&a, res); err != nil {
		t.Fatal(err)
	}
	if err := WriteRules(&b, res); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of one register differ")
	}
	names, files := unzip(t, a.Bytes())
	if !slices.Equal(names, []string{RulesFile, ManifestFile}) {
		t.Errorf("entries = %v", names)
	}
	golden.Check(t, "demo-2026.rules.json", files[RulesFile])
	sum := schematest.Load(t, "filing-rules.schema.json")
	if msg := sum.Validate(schematest.Decode(t, files[RulesFile]), "rules"); msg != "" {
		t.Errorf("rules.json: %s", msg)
	}
	if msg := schematest.Load(t, "filing-manifest.schema.json").Validate(schematest.Decode(t, files[ManifestFile]), "manifest"); msg != "" {
		t.Errorf("manifest.json: %s", msg)
	}

	bu, err := Open(bytes.NewReader(a.Bytes()), int64(a.Len()), RulesFileName(res.Year.Settings.Branch, 2026), nil)
	if err != nil {
		t.Fatal(err)
	}
	r := bu.Rules
	if r == nil || bu.Summary != nil {
		t.Fatalf("Open = %+v, want a 细则 bundle", bu)
	}
	var keys []string
	for _, s := range r.Settings {
		keys = append(keys, s.Item)
	}
	var want []string
	for _, st := range model.SettingItems {
		want = append(want, st.Key)
	}
	if !slices.Equal(keys, want) {
		t.Errorf("settings = %v, want every declared item %v", keys, want)
	}
	if len(r.Items) != len(res.Year.Items) || r.Items[0].Code != res.Year.Items[0].Code {
		t.Errorf("items = %d, want the rubric's %d", len(r.Items), len(res.Year.Items))
	}
	exempt := 0
	for _, m := range res.Year.Members {
		if !m.Exempt {
			continue
		}
		exempt++
		i := slices.IndexFunc(r.Exempt, func(e ExemptMember) bool { return e.ID == m.ID })
		if i < 0 || r.Exempt[i].Reason != m.ExemptReason || r.Exempt[i].Filing != m.Filing || m.ExemptReason == "" {
			t.Errorf("exempted %s: %+v, want his reason %q and filing %q", m.ID, r.Exempt, m.ExemptReason, m.Filing)
		}
	}
	if exempt == 0 || len(r.Exempt) != exempt {
		t.Errorf("%d exempted in the bundle, %d in the roster (the demo has a retiree)", len(r.Exempt), exempt)
	}
}

// TestRulesSettingsFollowSchema: a 设置 item declared later (model
// .SettingItems) appears in the 细则 with its value, with no other change.
func TestRulesSettingsFollowSchema(t *testing.T) {
	saved := model.SettingItems
	t.Cleanup(func() { model.SettingItems = saved })
	model.SettingItems = append(saved[:len(saved):len(saved)], model.Setting{Key: "测试新项目", Default: "默认",
		Value: func(s *model.Settings) any { return s.PublicationDays * 2 }})
	r := SummarizeRules(demo(t)[2026])
	last := r.Settings[len(r.Settings)-1]
	if last.Item != "测试新项目" || last.Value != "6" || !last.Default {
		t.Errorf("the new item reads %+v", last)
	}
	for _, s := range r.Settings {
		if s.Item == model.SettingBaseMax && (s.Value != "80" || !s.Default) {
			t.Errorf("基础分满分 = %+v, want the default 80", s)
		}
		if s.Item == model.SettingBranch && (s.Value == "" || s.Default) {
			t.Errorf("支部名称 = %+v", s)
		}
	}
}

// TestOpenRulesRefuses: a 细则 bundle that no jifen writes is a finding.
func TestOpenRulesRefuses(t *testing.T) {
	res := demo(t)[2026]
	var good bytes.Buffer
	if err := WriteRules(&good, res); err != nil {
		t.Fatal(err)
	}
	order := []string{RulesFile, ManifestFile}
	edit := func(e func(m map[string]any)) []byte {
		_, f := unzip(t, good.Bytes())
		f[RulesFile] = editJSON(t, f[RulesFile], e)
		remanifest(t, f, RulesFile)
		return rezip(t, order, f)
	}
	item := func(m map[string]any, i int) map[string]any { return m["items"].([]any)[i].(map[string]any) }
	for _, tt := range []struct {
		name   string
		bundle []byte
		msg    string
	}{
		{"a code twice", edit(func(m map[string]any) { item(m, 1)["code"] = item(m, 0)["code"] }), "为空或重复"},
		{"an unknown kind", edit(func(m map[string]any) { item(m, 0)["kind"] = "加分" }), "类别「加分」无效"},
		{"a count that lies", edit(func(m map[string]any) { m["counts"].(map[string]any)["exempt"] = 0 }), "counts 与内容不符"},
		{"a later version", edit(func(m map[string]any) { m["version"] = 2 }), "细则备案格式版本 2 不受支持"},
		{"made years before", edit(func(m map[string]any) { m["as_of"] = "2020-01-01" }), "as_of"},
		{"a cap of zero", edit(func(m map[string]any) { item(m, 0)["quarter_cap"] = 0 }), "季度上限"},
		{"with a summary too", func() []byte {
			_, f := unzip(t, good.Bytes())
			f[SummaryFile] = []byte("{}")
			remanifest(t, f, RulesFile, SummaryFile)
			return rezip(t, []string{RulesFile, SummaryFile, ManifestFile}, f)
		}(), "不应有 rules.json"},
	} {
		_, err := Open(bytes.NewReader(tt.bundle), int64(len(tt.bundle)), "x.zip", nil)
		var p *Problem
		if !errors.As(err, &p) || !strings.Contains(p.Message, tt.msg) {
			t.Errorf("%s: Open = %v, want …%s…", tt.name, err, tt.msg)
			continue
		}
		if want := (&Identity{Branch: res.Year.Settings.Branch, Year: 2026, Period: PeriodRules}); tt.name != "with a summary too" && (p.Claimed == nil || *p.Claimed != *want) {
			t.Errorf("%s: claimed %v, want %v", tt.name, p.Claimed, want)
		}
	}
	if id, ok := identityFromName(RulesFileName("中共示例局机关党支部", 2026)); !ok || id.Period != PeriodRules || id.Year != 2026 {
		t.Errorf("identityFromName = %v %v", id, ok)
	}
	zr, _ := zip.NewReader(bytes.NewReader(good.Bytes()), int64(good.Len()))
	for _, f := range zr.File {
		if got := f.Modified.UTC().Format(time.DateOnly); got != "2026-01-01" {
			t.Errorf("%s dated %s, want the year's first day", f.Name, got)
		}
	}
}

// TestPendingChecked: summary.json's pending[] is read only as jifen writes
// it: in the year's bundle, with a grade that needs approval and real dates.
func TestPendingChecked(t *testing.T) {
	res := unposted(demo(t)[2025])
	var good bytes.Buffer
	if err := Write(&good, res, 0, standIn(t, res, 0)); err != nil {
		t.Fatal(err)
	}
	names, _ := unzip(t, good.Bytes())
	withPending := func(p []any) []byte {
		_, f := unzip(t, good.Bytes())
		f[SummaryFile] = editJSON(t, f[SummaryFile], func(m map[string]any) { m["pending"] = p })
		remanifest(t, f, names[:len(names)-1]...)
		return rezip(t, names, f)
	}
	ok := map[string]any{"id": "D007", "name": "张三", "category": "预备党员", "final_grade": "不合格", "measure": "取消预备党员资格", "submitted": "2026-01-20"}
	notYet := map[string]any{"id": "D008", "name": "李四", "category": "正式党员", "final_grade": "不合格", "measure": "限期改正", "submitted": nil}
	b := withPending([]any{ok, notYet})
	bu, err := Open(bytes.NewReader(b), int64(len(b)), "y.zip", nil)
	if err != nil {
		t.Fatalf("Open = %v", err)
	}
	if p := bu.Summary.Pending; len(p) != 2 || *p[0].Submitted != "2026-01-20" || p[1].Submitted != nil || p[0].Measure != "取消预备党员资格" {
		t.Errorf("pending = %+v", p)
	}
	for _, tt := range []struct {
		edit func(m map[string]any)
		msg  string
	}{
		{func(m map[string]any) { m["final_grade"] = "合格" }, "等次「合格」无效"},
		{func(m map[string]any) { m["submitted"] = "2026-13-40" }, "报批日期"},
		{func(m map[string]any) { m["measure"] = " " }, "缺少措施"},
		{func(m map[string]any) { m["id"] = "" }, "缺少编号或姓名"},
	} {
		p := map[string]any{}
		for k, v := range ok {
			p[k] = v
		}
		tt.edit(p)
		b := withPending([]any{p})
		_, err := Open(bytes.NewReader(b), int64(len(b)), "y.zip", nil)
		var pr *Problem
		if !errors.As(err, &pr) || !strings.Contains(pr.Message, tt.msg) {
			t.Errorf("pending %v: Open = %v, want …%s…", p, err, tt.msg)
		}
	}
}
