package filing

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/jifen-dev/jifen/internal/schematest"
)

// TestSchema validates every demo bundle's summary.json and manifest.json
// against the documented schemas, and checks that the schemas reject what
// a reader would misread.
func TestSchema(t *testing.T) {
	sum := schematest.Load(t, "filing-summary.schema.json")
	man := schematest.Load(t, "filing-manifest.schema.json")
	var quarter, year []byte
	for _, res := range demo(t) {
		for _, q := range periods(res) {
			var b bytes.Buffer
			if err := Write(&b, res, q, standIn(t, res, q)); err != nil {
				t.Fatal(err)
			}
			_, files := unzip(t, b.Bytes())
			name := fmt.Sprintf("%d %s", res.Year.Year, PeriodName(q))
			if msg := sum.Validate(schematest.Decode(t, files[SummaryFile]), "summary"); msg != "" {
				t.Errorf("%s summary.json: %s", name, msg)
			}
			if msg := man.Validate(schematest.Decode(t, files[ManifestFile]), "manifest"); msg != "" {
				t.Errorf("%s manifest.json: %s", name, msg)
			}
			if q == 0 {
				year = files[SummaryFile]
			} else {
				quarter = files[SummaryFile]
			}
		}
	}
	if year == nil || quarter == nil {
		t.Fatal("the demo files no year or no quarter")
	}
	pending := func(m map[string]any) {
		m["pending"] = []any{map[string]any{"id": "D007", "name": "张三", "category": "预备党员", "final_grade": "不合格",
			"measure": "取消预备党员资格", "submitted": nil}}
	}
	withPending := schematest.Decode(t, year).(map[string]any)
	pending(withPending)
	if msg := sum.Validate(withPending, "summary"); msg != "" {
		t.Errorf("a year with pending[]: %s", msg)
	}
	bad := []struct {
		name string
		doc  []byte
		edit func(m map[string]any)
		want string
	}{
		{"year without grades", year, func(m map[string]any) { delete(m, "grades") }, "grades is required"},
		{"year member with quarter figures", year, func(m map[string]any) {
			mem := m["members"].([]any)[0].(map[string]any)
			delete(mem, "annual")
		}, "annual is required"},
		{"quarter member without figures", quarter, func(m map[string]any) {
			delete(m["members"].([]any)[0].(map[string]any), "quarter")
		}, "quarter is required"},
		{"unknown period", quarter, func(m map[string]any) { m["period"] = "Q5" }, "not in"},
		{"date as text", quarter, func(m map[string]any) { m["as_of"] = "2026年7月10日" }, "does not match"},
		{"other format", quarter, func(m map[string]any) { m["format"] = "x" }, "≠"},
		{"pending for a grade that needs none", year, func(m map[string]any) {
			pending(m)
			m["pending"].([]any)[0].(map[string]any)["final_grade"] = "合格"
		}, "not in"},
	}
	for _, tt := range bad {
		v := schematest.Decode(t, tt.doc).(map[string]any)
		tt.edit(v)
		if msg := sum.Validate(v, "summary"); !strings.Contains(msg, tt.want) {
			t.Errorf("%s: validate = %q, want …%s…", tt.name, msg, tt.want)
		}
	}
}
