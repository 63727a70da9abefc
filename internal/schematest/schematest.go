// Package schematest validates JSON documents against the JSON Schemas
// published in docs/, so that the documented formats (备案包, 公示存档) and
// the code cannot drift apart without a failing test. It implements the
// keywords those schemas use (2020-12) and fails on any other, rather than
// skipping it. Only tests import it.
package schematest

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

// Schema is one loaded JSON Schema.
type Schema struct {
	root map[string]any
}

// Load reads the schema file name from the repository's docs folder
// (tests run in their package's folder, two levels below it).
func Load(t testing.TB, name string) *Schema {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", name))
	if err != nil {
		t.Fatal(err)
	}
	var root map[string]any
	if err := json.Unmarshal(b, &root); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &Schema{root: root}
}

var annotations = map[string]bool{"$schema": true, "$id": true, "title": true, "description": true, "$defs": true}

// Validate returns the first violation of v (decoded by Decode) against
// the whole schema, or "". at names v in the message.
func (sc *Schema) Validate(v any, at string) string { return sc.validate(sc.root, v, at) }

// validate returns the first violation of v against s, or "".
func (sc *Schema) validate(s map[string]any, v any, at string) string {
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

func (sc *Schema) keyword(s map[string]any, k string, v any, at string) string {
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
	case "anyOf":
		var first string
		for _, sub := range arg.([]any) {
			msg := sc.validate(sub.(map[string]any), v, at)
			if msg == "" {
				return ""
			}
			if first == "" {
				first = msg
			}
		}
		return first
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

// Decode decodes a JSON document with its numbers as json.Number, as
// Validate expects.
func Decode(t testing.TB, b []byte) any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}
