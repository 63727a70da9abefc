package render

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// One number format per column across the site (issue 22): every value of
// a kind of figure in a year's pages has the same number of decimals — the
// item 分值 of the rules page and of every member's lines, and the
// 季度积分 of the quarter pages, the year table and the member pages.
func TestOneFormatPerColumn(t *testing.T) {
	in := demoInput(t)
	site, _ := buildPublic(t, in)
	kinds := map[string]*regexp.Regexp{
		"分值":   regexp.MustCompile(`<td data-label="分值" class="num">(-?[0-9.]+)`),
		"季度积分": regexp.MustCompile(`<td class="num total[^"]*">(-?[0-9.]+)</td>|季度积分 <b>(-?[0-9.]+)</b>`),
	}
	for _, year := range []string{"2025", "2026"} {
		for kind, re := range kinds {
			places := map[int][]string{} // decimals → pages
			filepath.WalkDir(filepath.Join(site, year), func(p string, d os.DirEntry, err error) error {
				if err != nil || !strings.HasSuffix(p, ".html") {
					return err
				}
				if kind == "季度积分" && !regexp.MustCompile(`/(q[1-4]|members/[^/]+)/index\.html$`).MatchString(filepath.ToSlash(p)) {
					return nil // the year and annual tables' 综合得分 is another kind
				}
				b, _ := os.ReadFile(p)
				rel, _ := filepath.Rel(site, p)
				for _, m := range re.FindAllStringSubmatch(string(b), -1) {
					v := m[1]
					if v == "" {
						v = m[len(m)-1]
					}
					n := 0
					if i := strings.IndexByte(v, '.'); i >= 0 {
						n = len(v) - i - 1
					}
					places[n] = append(places[n], rel+" "+v)
				}
				return nil
			})
			if len(places) == 0 {
				t.Errorf("%s: no %s found", year, kind)
			}
			if len(places) > 1 {
				var ns []int
				for n := range places {
					ns = append(ns, n)
				}
				sort.Ints(ns)
				var eg []string
				for _, n := range ns {
					eg = append(eg, places[n][0])
				}
				t.Errorf("%s: %s printed with %v decimals, e.g. %s", year, kind, ns, strings.Join(eg, "; "))
			}
		}
	}
}
