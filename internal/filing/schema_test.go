package filing

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// schema is a JSON Schema (2020-12) validator for the keywords the
// documented schemas use, so that docs/ and the code cannot drift apart
// without a failing test; an unknown keyword fails the test rather than
// being skipped.
type schema struct {
	root map[string]any
}

func loadSchema(t testing.TB, name string) *schema {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", name))
	if err != nil {
		t.Fatal(err)
	}
	var root map[string]any
	if err := json.Unmarshal(b, &root); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &schema{root: root}
}

var annotations = map[string]bool{"$schema": true, "$id": true, "title": true, "description": true, "$defs": true}

// validate returns the first violation of v against s, or "".
func (sc *schema) validate(s map[string]any, v any, at string) string {
	keys := make([]string, 0, len(s))
	for k := range s {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if msg := sc.keyword(s, k, v, at); msg != "" {
			return msg
		}
	}
	return ""
}

func (sc *schema) keyword(s map[string]any, k string, v any, at string) string {
	arg := s[k]
	switch k {
	case "$ref":
		ref := strings.TrimPrefix(arg.(string), "#/$defs/")
		return sc.validate(sc.root["$defs"].(map[string]any)[ref].(map[string]any), v, at)
	case "type":
		types, ok := arg.([]any)
		if !ok {
			types = []any{arg}
		}
		for _, t := range types {
			if isType(v, t.(string)) {
				return ""
			}
		}
		return fmt.Sprintf("%s: %v is not of type %v", at, v, arg)
	case "const":
		if !equal(v, arg) {
			return fmt.Sprintf("%s: %v ≠ %v", at, v, arg)
		}
	case "enum":
		for _, e := range arg.([]any) {
			if equal(v, e) {
				return ""
			}
		}
		return fmt.Sprintf("%s: %v not in %v", at, v, arg)
	case "required":
		if m, ok := v.(map[string]any); ok {
			for _, r := range arg.([]any) {
				if _, ok := m[r.(string)]; !ok {
					return fmt.Sprintf("%s: %s is required", at, r)
				}
			}
		}
	case "properties":
		if m, ok := v.(map[string]any); ok {
			props := arg.(map[string]any)
			names := make([]string, 0, len(props))
			for p := range props {
				names = append(names, p)
			}
			sort.Strings(names)
			for _, p := range names {
				if pv, ok := m[p]; ok {
					if msg := sc.validate(props[p].(map[string]any), pv, at+"."+p); msg != "" {
						return msg
					}
				}
			}
		}
	case "additionalProperties":
		if m, ok := v.(map[string]any); ok && arg == false {
			props, _ := s["properties"].(map[string]any)
			for p := range m {
				if _, ok := props[p]; !ok {
					return fmt.Sprintf("%s: unexpected property %s", at, p)
				}
			}
		}
	case "items":
		if a, ok := v.([]any); ok {
			for i, e := range a {
				if msg := sc.validate(arg.(map[string]any), e, fmt.Sprintf("%s[%d]", at, i)); msg != "" {
					return msg
				}
			}
		}
	case "minItems":
		if a, ok := v.([]any); ok && float64(len(a)) < arg.(float64) {
			return fmt.Sprintf("%s: fewer than %v items", at, arg)
		}
	case "minimum", "maximum":
		if n, ok := v.(json.Number); ok {
			x, _ := new(big.Rat).SetString(n.String())
			lim := new(big.Rat).SetFloat64(arg.(float64))
			if (k == "minimum" && x.Cmp(lim) < 0) || (k == "maximum" && x.Cmp(lim) > 0) {
				return fmt.Sprintf("%s: %v violates %s %v", at, n, k, arg)
			}
		}
	case "minLength":
		if str, ok := v.(string); ok && float64(utf8.RuneCountInString(str)) < arg.(float64) {
			return fmt.Sprintf("%s: shorter than %v", at, arg)
		}
	case "pattern":
		if str, ok := v.(string); ok && !regexp.MustCompile(arg.(string)).MatchString(str) {
			return fmt.Sprintf("%s: %q does not match %s", at, str, arg)
		}
	case "allOf":
		for _, sub := range arg.([]any) {
			if msg := sc.validate(sub.(map[string]any), v, at); msg != "" {
				return msg
			}
		}
	case "if":
		branch := "then"
		if sc.validate(arg.(map[string]any), v, at) != "" {
			branch = "else"
		}
		if sub, ok := s[branch].(map[string]any); ok {
			return sc.validate(sub, v, at)
		}
	case "then", "else":
	default:
		if !annotations[k] {
			return "schema keyword " + k + " is not supported by the test's validator"
		}
	}
	return ""
}

func isType(v any, t string) bool {
	switch t {
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "null":
		return v == nil
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "number":
		_, ok := v.(json.Number)
		return ok
	case "integer":
		n, ok := v.(json.Number)
		if !ok {
			return false
		}
		r, ok := new(big.Rat).SetString(n.String())
		return ok && r.IsInt()
	}
	return false
}

// equal compares a decoded value (numbers as json.Number) with a schema
// value (numbers as float64).
func equal(v, s any) bool {
	if n, ok := v.(json.Number); ok {
		f, ok := s.(float64)
		if !ok {
			return false
		}
		x, _ := new(big.Rat).SetString(n.String())
		return x.Cmp(new(big.Rat).SetFloat64(f)) == 0
	}
	return reflect.DeepEqual(v, s)
}

func decodeNumbers(t testing.TB, b []byte) any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestSchema validates every demo bundle's summary.json and manifest.json
// against the documented schemas, and checks that the schemas reject what
// a reader would misread.
func TestSchema(t *testing.T) {
	sum := loadSchema(t, "filing-summary.schema.json")
	man := loadSchema(t, "filing-manifest.schema.json")
	var quarter, year []byte
	for _, res := range demo(t) {
		for _, q := range periods(res) {
			var b bytes.Buffer
			if err := Write(&b, res, q, standIn(q)); err != nil {
				t.Fatal(err)
			}
			_, files := unzip(t, b.Bytes())
			name := fmt.Sprintf("%d %s", res.Year.Year, PeriodName(q))
			if msg := sum.validate(sum.root, decodeNumbers(t, files[SummaryFile]), "summary"); msg != "" {
				t.Errorf("%s summary.json: %s", name, msg)
			}
			if msg := man.validate(man.root, decodeNumbers(t, files[ManifestFile]), "manifest"); msg != "" {
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
	}
	for _, tt := range bad {
		v := decodeNumbers(t, tt.doc).(map[string]any)
		tt.edit(v)
		if msg := sum.validate(sum.root, v, "summary"); !strings.Contains(msg, tt.want) {
			t.Errorf("%s: validate = %q, want …%s…", tt.name, msg, tt.want)
		}
	}
}
