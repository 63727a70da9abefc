package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// md is configured once; goldmark Markdown values are safe for concurrent
// use. Strikethrough (GFM) and Typographer stay off: 「9~10点」 must not be
// struck through and Chinese quotes must not be rewritten (PITFALLS §4).
var md = goldmark.New(
	goldmark.WithExtensions(extension.CJK, extension.Table),
	goldmark.WithParserOptions(
		parser.WithAutoHeadingID(),
		parser.WithASTTransformers(util.Prioritized(offlineLinks{}, 100)),
	),
)

// Markdown renders one page. It is the only place where text becomes
// template.HTML. Each call uses a fresh parser context so heading IDs
// (kept in Chinese: 「## 组织生活」 → id="组织生活") restart per page.
// title names the page's tables for assistive technology: every table is
// a scrollable region, and regions on one page need distinct names.
func Markdown(src []byte, title string) (template.HTML, error) {
	var buf bytes.Buffer
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	if err := md.Convert(src, &buf, parser.WithContext(ctx)); err != nil {
		return "", fmt.Errorf("render markdown: %w", err)
	}
	return template.HTML(wrapTables(buf.String(), title)), nil
}

// wrapTables puts every table in a box that scrolls sideways, as the
// site's own tables are (a phone is narrower than most tables of a
// 考核说明), focusable for the keyboard. Each box is a region named
// 「<title> 表格 N」: several Markdown pages share the rules page, and
// regions with one name are indistinguishable landmarks (axe
// landmark-unique). Raw HTML is omitted from pages, so every <table> is
// the table extension's.
func wrapTables(html, title string) string {
	if !strings.Contains(html, "<table>") {
		return html
	}
	var b strings.Builder
	n := 0
	for {
		i := strings.Index(html, "<table>")
		if i < 0 {
			break
		}
		n++
		b.WriteString(html[:i])
		fmt.Fprintf(&b, `<div class="table-wrap" tabindex="0" role="region" aria-label="%s"><table>`,
			template.HTMLEscapeString(fmt.Sprintf("%s 表格 %d", title, n)))
		html = html[i+len("<table>"):]
	}
	b.WriteString(html)
	return strings.ReplaceAll(b.String(), "</table>", "</table></div>")
}

// headingIDs keeps letters of every script (goldmark's default drops
// non-ASCII, giving "heading", "heading-1" …) and makes IDs unique.
type headingIDs struct{ used map[string]bool }

func newHeadingIDs() *headingIDs { return &headingIDs{used: map[string]bool{}} }

func (h *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	var b strings.Builder
	for _, r := range strings.TrimSpace(string(value)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case r == ' ' || r == '-' || r == '_' || r == '\u3000':
			b.WriteByte('-')
		}
	}
	base := b.String()
	if base == "" {
		base = "heading"
	}
	id := base
	for i := 1; h.used[id]; i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	h.used[id] = true
	return []byte(id)
}

func (h *headingIDs) Put(value []byte) { h.used[string(value)] = true }

// offlineLinks moves headings down one level (# → <h2>) and rewrites links
// so the page works on an intranet opened from disk: fragment, mailto: and tel: links stay; "其他页面.md" becomes the
// page's section on the rules page; everything else (http:, https:, //,
// relative files that are not published) is unlinked and keeps its text.
type offlineLinks struct{}

// PageAnchor is the id of a Markdown page's section on the rules page.
func PageAnchor(name string) string { return "page-" + name }

func (offlineLinks) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	source := reader.Source()
	var unlink []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch l := n.(type) {
		case *ast.Heading:
			// A page is a section of a page that has its own <h1>.
			l.Level = min(l.Level+1, 6)
		case *ast.Link:
			if dest, ok := offlineDest(string(l.Destination)); ok {
				l.Destination = []byte(dest)
			} else {
				unlink = append(unlink, l)
			}
		case *ast.Image:
			unlink = append(unlink, l)
		case *ast.AutoLink:
			u := strings.ToLower(string(l.URL(source)))
			if l.AutoLinkType != ast.AutoLinkEmail && !strings.HasPrefix(u, "mailto:") && !strings.HasPrefix(u, "tel:") {
				unlink = append(unlink, l)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range unlink {
		parent := n.Parent()
		if parent == nil {
			continue
		}
		if al, ok := n.(*ast.AutoLink); ok {
			parent.ReplaceChild(parent, n, ast.NewString(al.URL(source)))
			continue
		}
		// Keep the link's (or image's alt) text in place of the node.
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
}

// offlineDest returns the rewritten destination of a link that may stay.
func offlineDest(dest string) (string, bool) {
	lower := strings.ToLower(strings.TrimSpace(dest))
	switch {
	case strings.HasPrefix(lower, "#"), strings.HasPrefix(lower, "mailto:"), strings.HasPrefix(lower, "tel:"):
		return dest, true
	case strings.Contains(lower, ":"), strings.HasPrefix(lower, "//"), strings.Contains(lower, "/"), lower == "":
		return "", false
	}
	name, _, _ := strings.Cut(dest, "#")
	if base, ok := strings.CutSuffix(name, ".md"); ok && base != "" {
		return "#" + PageAnchor(base), true
	}
	return "", false
}
