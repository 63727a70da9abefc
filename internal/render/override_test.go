package render

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// committeeOnly are the plants of the fixtures' committee-only fields: the
// deductions' 事由 and 依据, exemption reasons, 备案情况, proposals' reasons,
// follow-up actions, decisions, and the rows' 登记人, 证明人, 证明材料 and 来源.
var committeeOnly = []string{plantDedReason, plantDedBasis, plantExempt, plantFiling, plantAnnReason,
	plantAction, plantDecision, plantInterview, "登记人甲PLANT", "证明人乙PLANT", "证明材料PLANT", "班子商议来源PLANT"}

// reachable returns every string reachable from v: through pointers,
// slices, maps, interfaces and struct fields, unexported ones included, as
// fmt (and so a template's printf or a bare {{.}}) would print them.
func reachable(v reflect.Value, seen map[uintptr]bool, out *[]string) {
	switch v.Kind() {
	case reflect.String:
		*out = append(*out, v.String())
	case reflect.Pointer:
		if v.IsNil() || seen[v.Pointer()] {
			return
		}
		seen[v.Pointer()] = true
		reachable(v.Elem(), seen, out)
	case reflect.Interface:
		if !v.IsNil() {
			reachable(v.Elem(), seen, out)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			reachable(v.Field(i), seen, out)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			reachable(v.Index(i), seen, out)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			reachable(k, seen, out)
			reachable(v.MapIndex(k), seen, out)
		}
	}
}

// TestPublicViewsHoldNoCommitteeData: what every public template receives
// — the page and its view, every field, exported or not — holds no
// committee-only value. A template override can print anything it is
// given ({{printf "%+v" .}} prints unexported fields too), so the data is
// the boundary, not the templates.
func TestPublicViewsHoldNoCommitteeData(t *testing.T) {
	for _, in := range []*Input{smallInput(t), realisticInput(t)} {
		jobs, err := publicPages(in)
		if err != nil {
			t.Fatal(err)
		}
		lines := 0
		for _, job := range jobs {
			p, err := job()
			if err != nil {
				t.Fatal(err)
			}
			if p.Report != nil || p.Summary != nil {
				t.Errorf("%s: a public page carries a committee or summary view", p.Path)
			}
			var strs []string
			reachable(reflect.ValueOf(p), map[uintptr]bool{}, &strs)
			for _, s := range strs {
				for _, plant := range committeeOnly {
					if strings.Contains(s, plant) {
						t.Errorf("%s: the page's data holds %q (in %.60q)", p.Path, plant, s)
					}
				}
			}
			if p.Member != nil {
				for _, q := range p.Member.Quarters {
					lines += len(q.Lines)
				}
			}
		}
		if lines == 0 {
			t.Fatal("no member page with lines: the test reaches nothing")
		}
	}
}

// TestOverrideCannotReachCommitteeFields: a committee copies a deduction's
// 事由 (or its 依据, or anything else only the committee sees) into the
// public member or quarter template through an override in templates/. The
// override either fails to render — the public views have no such field —
// or renders nothing of it.
func TestOverrideCannotReachCommitteeFields(t *testing.T) {
	for _, tt := range []struct {
		name, file, body string
		fails            bool // the field does not exist on the public view
	}{
		{"every line's 事由", "member.html", `{{range .Member.Quarters}}{{range .Lines}}[{{.Reason}}]{{end}}{{end}}`, false},
		{"everything of the member", "member.html", `{{with .Member}}{{printf "%+v" .}}{{range .Quarters}}{{printf "%+v" .}}{{range .Lines}}{{printf "%#v" .}}{{end}}{{end}}{{printf "%+v" .Annual}}{{end}}`, false},
		{"everything of the quarter", "quarter.html", `{{with .Quarter}}{{printf "%+v" .}}{{range .Rows}}{{printf "%#v" .}}{{end}}{{range .Objections}}{{printf "%#v" .}}{{end}}{{end}}`, false},
		{"everything of the year", "year.html", `{{with .Year}}{{printf "%+v" .}}{{range .Rows}}{{printf "%#v" .}}{{end}}{{end}}`, false},
		{"everything of the annual", "annual.html", `{{with .Annual}}{{printf "%+v" .}}{{range .Rows}}{{printf "%#v" .}}{{end}}{{end}}`, false},
		{"the committee's view", "member.html", `{{with .Report}}{{printf "%+v" .}}{{range .Quarters}}{{range .Deductions}}{{.Reason}}{{end}}{{end}}{{end}}`, false},
		{"a deduction's 依据", "member.html", `{{range .Member.Quarters}}{{range .Lines}}{{.Basis}}{{end}}{{end}}`, true},
		{"a deduction's 来源", "member.html", `{{range .Member.Quarters}}{{range .Lines}}{{.Source}}{{end}}{{end}}`, true},
		{"a proposal's reason", "member.html", `{{with .Member.Annual}}{{.Reason}}{{.Actions}}{{end}}`, true},
		{"a deduction row of the quarter", "quarter.html", `{{range .Quarter.Deductions}}{{.Reason}}{{end}}`, true},
		{"the committee's rows", "quarter.html", `{{range .Quarter.Rows}}{{if .Low}}low{{end}}{{end}}`, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			over := t.TempDir()
			page := `{{template "head" .}}<pre>` + tt.body + `</pre>{{template "foot" .}}`
			if err := os.WriteFile(filepath.Join(over, tt.file), []byte(page), 0o644); err != nil {
				t.Fatal(err)
			}
			in := smallInput(t)
			in.Templates = over
			dir := t.TempDir()
			_, err := Public(dir, in)
			if tt.fails {
				if err == nil || !strings.Contains(err.Error(), "can't evaluate field") {
					t.Errorf("Public = %v, want a template that names a field the public view lacks to fail", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Public: %v", err)
			}
			printed := 0
			for name, body := range readTree(t, dir) {
				if !strings.HasSuffix(name, ".html") {
					continue
				}
				printed += strings.Count(body, "<pre>")
				for _, plant := range committeeOnly {
					if strings.Contains(body, plant) {
						t.Errorf("%s shows %q through the override", name, plant)
					}
				}
			}
			if printed == 0 {
				t.Fatal("the override was not used")
			}
		})
	}
}
