package render

import (
	"bytes"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/jifen-dev/jifen/internal/golden"
	"github.com/jifen-dev/jifen/internal/plan"
)

func buildPublic(t *testing.T, in *Input) (string, int) {
	t.Helper()
	dir := t.TempDir()
	n, err := Public(dir, in)
	if err != nil {
		t.Fatalf("Public: %v", err)
	}
	return dir, n
}

func buildCommittee(t *testing.T, in *Input) (string, int) {
	t.Helper()
	dir := t.TempDir()
	n, err := Committee(dir, in)
	if err != nil {
		t.Fatalf("Committee: %v", err)
	}
	return dir, n
}

var inlineCSS = regexp.MustCompile(`(?s)<style>.*?</style>`)

func TestGolden(t *testing.T) {
	in := smallInput(t)
	site, n := buildPublic(t, in)
	// home, 2025: year, 4 quarters, 3 members, annual, rules = 10;
	// 2026: year, 2 quarters, 5 members, rules, commitments = 10.
	if n != 21 {
		t.Errorf("Public pages = %d, want 21", n)
	}
	reports, rn := buildCommittee(t, in)
	if rn != 2 {
		t.Errorf("Committee pages = %d, want 2", rn)
	}
	for _, c := range []struct{ name, dir, file string }{
		{"home.html", site, "index.html"},
		{"quarter.html", site, "2026/q1/index.html"},
		{"member.html", site, "2026/members/D002/index.html"},
		{"member-annual.html", site, "2025/members/D001/index.html"},
		{"year.html", site, "2025/index.html"},
		{"annual.html", site, "2025/annual/index.html"},
		{"rules.html", site, "2026/rules/index.html"},
		{"committee.html", reports, "2025/index.html"},
		{"committee-open.html", reports, "2026/index.html"},
	} {
		b, err := os.ReadFile(filepath.Join(c.dir, c.file))
		if err != nil {
			t.Fatal(err)
		}
		// The inline stylesheet is templates/style.css verbatim; leave it
		// out so that styling changes do not churn the goldens.
		b = inlineCSS.ReplaceAll(b, []byte("<style>/* style.css */</style>"))
		golden.Check(t, c.name+".golden", b)
	}
	// The annual 公示 as a reader reads it: its text, one block per line and
	// cells joined by |, so a review sees the period, the route to object,
	// the figures and the 落款 without the markup.
	b, err := os.ReadFile(filepath.Join(site, "2025/annual/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "annual.txt.golden", pageText(t, b))
}

// pageText renders the visible text of a page's <main>: one line per block
// element, table cells separated by " | ".
func pageText(t *testing.T, page []byte) []byte {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	block := map[string]bool{"p": true, "h1": true, "h2": true, "h3": true, "li": true, "dt": true, "dd": true,
		"tr": true, "caption": true, "div": true, "section": true, "nav": true, "figure": true, "figcaption": true, "dl": true, "ul": true, "table": true}
	var out strings.Builder
	var line strings.Builder
	flush := func() {
		if l := strings.Join(strings.Fields(line.String()), " "); l != "" {
			out.WriteString(l + "\n")
		}
		line.Reset()
	}
	var walk func(n *html.Node, inMain bool)
	walk = func(n *html.Node, inMain bool) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "head", "svg", "template":
				return
			case "main":
				inMain = true
			case "td", "th":
				for _, a := range n.Attr {
					if a.Key == "class" && slices.Contains(strings.Fields(a.Val), "narrow") {
						return // the phone's copy of a column (style.css)
					}
				}
				if line.Len() > 0 {
					line.WriteString(" | ")
				}
			}
			for _, a := range n.Attr {
				if a.Key == "hidden" {
					return
				}
			}
			if block[n.Data] {
				flush()
			}
		}
		if n.Type == html.TextNode && inMain {
			line.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inMain)
		}
		if n.Type == html.ElementNode && block[n.Data] {
			flush()
		}
	}
	walk(doc, false)
	flush()
	return []byte(out.String())
}

func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestPrivacy(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   *Input
	}{{"small", smallInput(t)}, {"realistic", realisticInput(t)}} {
		t.Run(tc.name, func(t *testing.T) {
			tc.in.PDFs = true
			site, _ := buildPublic(t, tc.in)
			for name, body := range readTree(t, site) {
				for _, s := range publicForbidden {
					if strings.Contains(body, s) {
						t.Errorf("public %s contains %q", name, s)
					}
				}
			}
			reports, _ := buildCommittee(t, tc.in)
			var all strings.Builder
			for _, body := range readTree(t, reports) {
				all.WriteString(body)
			}
			for _, s := range nowhere {
				if strings.Contains(all.String(), s) {
					t.Errorf("committee pages contain %q", s)
				}
			}
			for _, s := range committeeShows {
				if tc.name == "realistic" && (s == plantDecision || s == plantInterview) {
					continue // no 等次确定 rows in that fixture
				}
				if !strings.Contains(all.String(), s) {
					t.Errorf("committee pages lack %q", s)
				}
			}
		})
	}
}

func TestPublicShowsOnlyWhatAPublicationNeeds(t *testing.T) {
	in := smallInput(t)
	site, _ := buildPublic(t, in)
	files := readTree(t, site)
	has := func(file, s string, want bool) {
		t.Helper()
		body, ok := files[file]
		if !ok {
			t.Errorf("missing %s", file)
			return
		}
		if strings.Contains(body, s) != want {
			t.Errorf("%s contains %q = %v, want %v", file, s, !want, want)
		}
	}
	// The home page leads with the last closed quarter.
	has("index.html", `<a href="2026/q2/index.html">2026年第二季度党员积分公示</a>`, true)
	// Ranks only when 公示排名: 2025 yes, 2026 no.
	has("2025/q1/index.html", ">排名</th>", true)
	has("2026/q1/index.html", ">排名</th>", false)
	has("2026/members/D001/index.html", "排名", false)
	// Grades only for a closed, decided year; the final grade, not the proposal.
	has("2025/index.html", "综合得分", true)
	has("2026/index.html", "综合得分", false)
	has("2025/annual/index.html", `<td class="wide">合格</td>`, true) // 李华: proposed 基本合格, decided 合格
	has("2025/annual/index.html", "基本合格</td>", false)
	if _, ok := files["2026/annual/index.html"]; ok {
		t.Error("2026 (open) has an annual page")
	}
	// Open quarters are not published without --drafts.
	for _, f := range []string{"2026/q3/index.html", "2026/q4/index.html"} {
		if _, ok := files[f]; ok {
			t.Errorf("%s published before the quarter closed", f)
		}
	}
	has("2026/index.html", "第三季度", false)
	// Exempt members: only the fact of exemption.
	has("2026/index.html", "按规定不纳入积分管理：赵老", true)
	if _, ok := files["2026/members/D009/index.html"]; ok {
		t.Error("exempt member has a page")
	}
	has("2026/q1/index.html", "赵老", false)
	// Deductions show the item name only.
	has("2026/members/D002/index.html", "无故不参加组织生活", true)
	// Objections: the matter and outcome, period and route.
	has("2026/q1/index.html", "经核实请假手续不全，扣分属实", true)
	has("2026/q1/index.html", `2026年4月1日至2026年4月3日<span class="nb">（3天）</span>`, true)
	has("2026/q1/index.html", "支部办公室（3号楼205室，电话 1234-5678）", true)
	has("2026/q1/index.html", `href="../../2026/q1/notice.pdf"`, true)
	has("2026/q2/index.html", "受理中", true)
	// Excel text is escaped, never markup.
	has("2026/q1/index.html", "陈&lt;刚&gt;", true)
	has("2026/members/D001/index.html", "“学雷锋”志愿服务 &amp; 清扫", true)
	// The transfer-in takes part from Q2 only.
	has("2026/q1/index.html", "周转入", false)
	has("2026/q2/index.html", "周转入", true)
	// A 公示 signs off as the committee, on the day it went up; the annual
	// one states its period and how to object like a quarter's, and the
	// figures that explain a grade (年度扣分), never the reasons.
	has("2026/q1/index.html", `<div class="signoff"><p>中共示例市示例局机关党支部委员会</p><p>2026年4月1日</p></div>`, true)
	has("2025/annual/index.html", `<div class="signoff"><p>中共示例市示例局机关党支部委员会</p><p>2026年1月15日</p></div>`, true)
	has("2025/annual/index.html", "2026年1月15日至2026年1月17日", true)
	has("2025/annual/index.html", "支部办公室（3号楼205室，电话 1234-5678）", true)
	has("2025/annual/index.html", `<th scope="col" class="num">年度扣分</th>`, true)
	// Every page: language, noindex, build id; no build time under a past
	// notice (the committee page carries it).
	for name, body := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, s := range []string{`<html lang="zh-CN">`, `<meta name="robots" content="noindex,nofollow">`,
			`<meta name="jifen-build" content="test-build-1">`} {
			if !strings.Contains(body, s) {
				t.Errorf("%s lacks %s", name, s)
			}
		}
		if strings.Contains(body, "生成于") {
			t.Errorf("%s shows the build time", name)
		}
	}
}

// withDrafts plans every year of in as `build --drafts` does.
func withDrafts(in *Input) *Input {
	in.Plans = nil
	for _, r := range in.Results {
		in.Plans = append(in.Plans, plan.Of(r, true))
	}
	return in
}

// Drafts never reach the public tree: the open quarter is previewed in the
// committee tree under <year>/draft/, watermarked, and the committee page
// links every draft document (SPEC §4, §6).
func TestDrafts(t *testing.T) {
	plain := readTree(t, must(buildPublic(t, smallInput(t))))
	site, n := buildPublic(t, withDrafts(smallInput(t)))
	if n != 21 {
		t.Errorf("public pages with drafts = %d, want the 21 of a build without", n)
	}
	public := readTree(t, site)
	for name, body := range public {
		if plain[name] != body {
			t.Errorf("drafts changed the public %s", name)
		}
		if strings.Contains(body, "未公示草稿") || strings.Contains(name, "draft") {
			t.Errorf("public %s holds a draft", name)
		}
	}
	if len(public) != len(plain) {
		t.Errorf("drafts: %d public files, want %d", len(public), len(plain))
	}

	reports, rn := buildCommittee(t, withDrafts(smallInput(t)))
	if rn != 3 {
		t.Errorf("committee pages with drafts = %d, want 2 years and the 2026 draft", rn)
	}
	files := readTree(t, reports)
	q3, ok := files["2026/draft/q3/index.html"]
	if !ok {
		t.Fatalf("drafts: no 2026/draft/q3/index.html in %v", keys(files))
	}
	for _, s := range []string{`<body class="draft">`, "未公示草稿", "张明", `href="../../../2026/draft/q3/notice.pdf"`, `href="../../../2026/index.html"`} {
		if !strings.Contains(q3, s) {
			t.Errorf("the draft page lacks %q", s)
		}
	}
	if strings.Contains(q3, "members/") {
		t.Error("the draft page links member pages, which are public and hold no draft")
	}
	page := files["2026/index.html"]
	for _, s := range []string{`href="../2026/draft/q3/index.html"`, `href="../2026/draft/q3/notice.pdf"`, `href="../2026/draft/q3/slips.pdf"`} {
		if !strings.Contains(page, s) {
			t.Errorf("the committee page does not link %s", s)
		}
	}
	// The committee page shows closed, final quarters beside the draft
	// one: the watermark covers the draft quarter's section, not the page
	// (issue 22).
	if strings.Contains(page, `class="watermark"`) || strings.Contains(page, `<body class="committee draft">`) {
		t.Error("the committee page is watermarked as a whole")
	}
	if !strings.Contains(page, `<section class="quarter draft-part" data-text="未公示草稿">`+"\n<h3>第三季度 ") {
		t.Error("the committee page's draft quarter carries no watermark of its own")
	}
	if n := strings.Count(page, `class="quarter draft-part"`); n != 1 {
		t.Errorf("%d parts of the committee page are marked draft, want the one open quarter", n)
	}
	if _, ok := files["2026/draft/q4/index.html"]; ok {
		t.Error("drafts rendered a future quarter")
	}
	if strings.Contains(files["2025/index.html"], "draft/") {
		t.Error("a closed year has a draft")
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestDeterministic(t *testing.T) {
	a, _ := buildPublic(t, realisticInput(t))
	b, _ := buildPublic(t, realisticInput(t))
	ta, tb := readTree(t, a), readTree(t, b)
	if len(ta) != len(tb) {
		t.Fatalf("trees differ in size: %d, %d", len(ta), len(tb))
	}
	for name, body := range ta {
		if tb[name] != body {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

func TestTemplateOverride(t *testing.T) {
	over := t.TempDir()
	os.WriteFile(filepath.Join(over, "style.css"), []byte("body{color:#123456}"), 0o644)
	os.WriteFile(filepath.Join(over, "home.html"), []byte(`{{template "head" .}}<p>自定义首页</p>{{template "foot" .}}`), 0o644)
	in := smallInput(t)
	in.Templates = over
	site, _ := buildPublic(t, in)
	files := readTree(t, site)
	if files["style.css"] != "body{color:#123456}" {
		t.Errorf("style.css not overridden: %.40q", files["style.css"])
	}
	if !strings.Contains(files["index.html"], "<p>自定义首页</p>") || !strings.Contains(files["index.html"], `lang="zh-CN"`) {
		t.Errorf("home.html not overridden with the embedded layout: %s", files["index.html"])
	}
	if !strings.Contains(files["2026/q1/index.html"], "党员积分公示表") {
		t.Error("embedded quarter.html lost")
	}
	reports, _ := buildCommittee(t, in)
	if !strings.Contains(readTree(t, reports)["2025/index.html"], "<style>body{color:#123456}</style>") {
		t.Error("committee page does not inline the overriding stylesheet")
	}

	os.WriteFile(filepath.Join(over, "year.html"), []byte(`{{template "nope" .}}`), 0o644)
	if _, err := Public(t.TempDir(), in); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("a broken override gives err = %v", err)
	}
}

var (
	remoteRef = regexp.MustCompile(`(?i)(https?:|//[a-z0-9])`)
	cssURL    = regexp.MustCompile(`(?i)(@import|url\()`)
)

// checkLinks verifies that every href and src of every HTML page resolves
// to a file in the tree (fragments to an id on the target page), that no
// attribute names an external URL and that the CSS imports nothing.
func checkLinks(t *testing.T, dir string) (pages, links int) {
	t.Helper()
	files := readTree(t, dir)
	ids := map[string]map[string]bool{}
	type ref struct{ from, attr, val string }
	var refs []ref
	for name, body := range files {
		switch {
		case strings.HasSuffix(name, ".css"):
			if cssURL.MatchString(body) || remoteRef.MatchString(body) {
				t.Errorf("%s imports or references something", name)
			}
			continue
		case strings.HasSuffix(name, ".js"):
			if remoteRef.MatchString(body) {
				t.Errorf("%s references a URL", name)
			}
			continue
		case !strings.HasSuffix(name, ".html"):
			continue
		}
		pages++
		ids[name] = map[string]bool{}
		doc, err := html.Parse(strings.NewReader(body))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				for _, a := range n.Attr {
					switch a.Key {
					case "id":
						ids[name][a.Val] = true
					case "href", "src", "action", "srcset", "poster", "data", "xlink:href":
						refs = append(refs, ref{name, a.Key, a.Val})
					case "style":
						if cssURL.MatchString(a.Val) {
							t.Errorf("%s: style attribute with url(): %s", name, a.Val)
						}
					}
					if remoteRef.MatchString(a.Val) && a.Key != "content" {
						t.Errorf("%s: <%s %s=%q> names an external URL", name, n.Data, a.Key, a.Val)
					}
				}
				if n.Data == "style" && n.FirstChild != nil && cssURL.MatchString(n.FirstChild.Data) {
					t.Errorf("%s: <style> imports or uses url()", name)
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
	}
	for _, r := range refs {
		links++
		u, err := url.Parse(r.val)
		if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(r.val, "/") {
			if u != nil && (u.Scheme == "mailto" || u.Scheme == "tel") {
				continue
			}
			t.Errorf("%s: %s=%q is not a relative link", r.from, r.attr, r.val)
			continue
		}
		target := r.from
		if u.Path != "" {
			target = path.Join(path.Dir(r.from), u.Path)
			if strings.HasPrefix(target, "..") {
				t.Errorf("%s: %s=%q leaves the tree", r.from, r.attr, r.val)
				continue
			}
			if strings.HasSuffix(u.Path, "/") {
				t.Errorf("%s: %s=%q links a directory, not its index.html", r.from, r.attr, r.val)
				continue
			}
			if _, ok := files[target]; !ok && !strings.HasSuffix(target, ".pdf") {
				t.Errorf("%s: %s=%q: no such file %s", r.from, r.attr, r.val, target)
				continue
			}
		}
		if u.Fragment != "" && strings.HasSuffix(target, ".html") && !ids[target][u.Fragment] {
			t.Errorf("%s: %s=%q: no id %q in %s", r.from, r.attr, r.val, u.Fragment, target)
		}
	}
	return pages, links
}

func TestLinks(t *testing.T) {
	in := realisticInput(t)
	site, n := buildPublic(t, in)
	pages, links := checkLinks(t, site)
	if pages != n || links < 10*pages {
		t.Errorf("checked %d pages (built %d) and %d links", pages, n, links)
	}
	t.Logf("public tree: %d pages, %d links checked", pages, links)

	// PDFs are written by the build, not here: with PDFs off none is linked,
	// so the checker can also demand every target exists.
	for name, body := range readTree(t, site) {
		if strings.HasSuffix(name, ".html") && strings.Contains(body, ".pdf\"") {
			t.Errorf("%s links a PDF although PDFs is false", name)
		}
	}
	reports, _ := buildCommittee(t, in)
	for name, body := range readTree(t, reports) {
		if remoteRef.MatchString(body) && strings.Contains(body, "http") {
			t.Errorf("committee %s has an external URL", name)
		}
	}
}

func TestCommitteePage(t *testing.T) {
	reports, _ := buildCommittee(t, smallInput(t))
	files := readTree(t, reports)
	if len(files) != 2 {
		t.Fatalf("committee tree = %v, want 2025/index.html and 2026/index.html", len(files))
	}
	y25, y26 := files["2025/index.html"], files["2026/index.html"]
	for _, c := range []struct {
		body, s string
		want    bool
	}{
		// Findings of the year's folder, and those tied to no year, with labels and places.
		{y25, "data/2025/登记.xlsx:日常登记!D9", true},
		{y26, "只属于2025年的问题", false},
		{y26, "data/2026/登记.xlsx:奖励申报!I5", true},
		{y25, "data/pages/说明.md", true},
		{y26, "data/pages/说明.md", true},
		{y25, `<span class="level">错误</span>`, true},
		{y26, `<span class="level">警告</span>`, true},
		{y26, "错误 0 条，警告 1 条，提示 1 条", true},
		// Files written by the other stages, linked relatively.
		{y25, `href="../2025/scores.json"`, true},
		{y25, `href="../2025/ledger.xlsx"`, true},
		{y25, `href="../2025/q4/slips.pdf"`, true},
		{y25, `href="../2025/annual/register.pdf"`, true},
		{y26, `href="../2026/q2/slips.pdf"`, true},
		{y26, `q3/slips.pdf`, false},
		{y26, `register.pdf`, false},
		// Ranks, proposals with reasons, decisions and actions.
		{y26, ">排名</th>", true},
		{y25, "<td>基本合格</td>", true},                                  // 李华's proposal …
		{y25, "<td>合格</td><td class=\"text\">" + plantDecision, true}, // … and the branch's decision
		{y25, `<tr class="changed">`, true},
		{y25, plantAction, true}, // 李华 was decided 合格: actions follow the final grade, so only the plant
		// Statistics by 党小组.
		{y26, "第一党小组</th><td class=\"num\">3</td>", true},
		{y26, "李华（第一季度 34）", true},
		{y25, "等次分布", true},
		// Exempt members: the fact only, never the reason or filing (SPEC §2.3).
		{y25, plantExempt, false},
		{y25, "filter.js", false},
		{y25, "<style>", true},
		{y25, `<body class="committee">`, true},
	} {
		if strings.Contains(c.body, c.s) != c.want {
			t.Errorf("committee page contains %q = %v, want %v", c.s, !c.want, c.want)
		}
	}
}

func TestGradesUndecided(t *testing.T) {
	in := smallInput(t)
	in.Register.Years[0].Settings.GradesDecided = false
	site, n := buildPublic(t, in)
	if n != 20 {
		t.Errorf("pages = %d, want 20 (no annual page)", n)
	}
	files := readTree(t, site)
	if _, ok := files["2025/annual/index.html"]; ok {
		t.Error("annual page published before the grades were decided")
	}
	for name, body := range files {
		for _, s := range []string{"综合得分</th>", "<dt>等次</dt>", "<dt>年度综合得分</dt>", "年度综合评定结果</a>"} {
			if strings.Contains(body, s) {
				t.Errorf("%s shows %q before the grades were decided", name, s)
			}
		}
	}
	if !strings.Contains(files["2025/index.html"], "年度综合评定结果待支部研究确定后公示") {
		t.Error("the year page does not say the grades are pending")
	}
}

// TestOverrideCannotShowHiddenRanks: with 公示排名 否 the views carry no
// ranks, so even a template override that prints them publishes none.
func TestOverrideCannotShowHiddenRanks(t *testing.T) {
	over := t.TempDir()
	hostile := `{{template "head" .}}{{range .Member.Quarters}}[R{{.Rank}}]{{end}}{{with .Member.Annual}}[A{{.Rank}}]{{end}}{{template "foot" .}}`
	if err := os.WriteFile(filepath.Join(over, "member.html"), []byte(hostile), 0o644); err != nil {
		t.Fatal(err)
	}
	in := realisticInput(t)
	in.Templates = over
	for _, r := range in.Results {
		if r.Year.Settings.ShowRanks {
			t.Fatal("fixture shows ranks; the test needs 公示排名 否")
		}
	}
	site, _ := buildPublic(t, in)
	printed := 0
	for name, body := range readTree(t, site) {
		if !strings.Contains(name, "members/") {
			continue
		}
		printed += strings.Count(body, "[R")
		if m := regexp.MustCompile(`\[[RA][0-9—]`).FindString(body); m != "" {
			t.Errorf("%s shows a rank through an override: %s", name, m)
		}
	}
	if printed == 0 {
		t.Fatal("the override was not used")
	}
}

// Once a closed year's grades are decided, its annual 公示 is the home
// page's latest publication, not the fourth quarter's that preceded it.
func TestHomeLatestIsTheAnnualOnceDecided(t *testing.T) {
	in := smallInput(t)
	in.Results = in.Results[:1] // 2025: closed, decided
	in.Plans = nil
	hv := homeView(in)
	if hv.Latest == nil || hv.Latest.Href != "2025/annual/index.html" || !strings.Contains(hv.Latest.Note, "2026年1月15日") {
		t.Errorf("latest = %+v, want the 2025 annual 公示 from 2026年1月15日", hv.Latest)
	}
	in.Results[0].Year.Settings.GradesDecided = false
	if hv := homeView(in); hv.Latest == nil || hv.Latest.Href != "2025/q4/index.html" {
		t.Errorf("undecided: latest = %+v, want the fourth quarter", hv.Latest)
	}
}
