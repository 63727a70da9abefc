package preview

import (
	"fmt"
	"html"
	"net/http"
	"strings"
)

// The preview bar (SPEC §8) is a thin strip at the top of every page the
// server answers, never in the files on disk: it says that this is the
// preview on this computer and not the public site, links to the site's
// home, the committee page and the getting-started page, and carries the
// last build's findings, errors first, in a <details> that opens on a
// click. It is plain HTML, so it is there before any script runs; the
// reload script updates its counts and list when a build fails without
// reloading the page.

// BarID is the bar's element id.
const BarID = "jifen-bar"

// barStyle styles the bar: dark and dashed, unlike any page of the site,
// in the normal flow at the top so that it never covers the page.
const barStyle = `<style>/* jifen 预览条：仅由预览服务器插入 */
#jifen-bar{all:initial;display:block;box-sizing:border-box;width:100%;margin:0;padding:4px 12px;background:#24292f;color:#fff;border-bottom:3px dashed #f2c744;font:14px/1.6 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;text-align:left}
#jifen-bar *{box-sizing:border-box;font:inherit;color:inherit}
#jifen-bar .jb-row{display:flex;flex-wrap:wrap;align-items:baseline;gap:2px 14px}
#jifen-bar .jb-tag{font-weight:700;color:#24292f;background:#f2c744;padding:0 6px;border-radius:3px;white-space:nowrap}
#jifen-bar .jb-note{color:#d0d7de;white-space:nowrap}
#jifen-bar a{color:#fff;text-decoration:underline;white-space:nowrap}
#jifen-bar a:hover,#jifen-bar a:focus{color:#f2c744}
#jifen-bar details{display:inline}
#jifen-bar summary{cursor:pointer;white-space:nowrap;list-style:revert;display:list-item}
#jifen-bar .jb-ok{color:#8fd19e}
#jifen-bar .jb-warn summary{color:#f2c744}
#jifen-bar .jb-err summary{color:#ffaba8;font-weight:700}
#jifen-bar ol{display:block;margin:4px 0 4px;padding:6px 8px 6px 28px;max-height:40vh;overflow:auto;background:#fff;color:#1f2328;border-radius:3px;list-style:decimal}
#jifen-bar li{display:list-item;margin:2px 0;color:#1f2328;overflow-wrap:anywhere}
#jifen-bar li.jb-e{color:#a40e26}
@media print{#jifen-bar{display:none}}
</style>`

// bar renders the bar for request r: the committee and getting-started
// links and the findings' text only for this computer (the findings quote
// the workbooks), their counts for everyone.
func (s *Server) bar(r *http.Request) string {
	local := fromLoopback(r)
	s.mu.Lock()
	st := s.findings
	s.mu.Unlock()
	var b strings.Builder
	b.WriteString(`<div id="` + BarID + `" role="region" aria-label="本机预览"><div class="jb-row">`)
	b.WriteString(`<span class="jb-tag">本机预览</span><span class="jb-note">不是公示网站，修改登记簿后自动更新</span>`)
	b.WriteString(`<a href="/">网站首页</a>`)
	if local && s.reports != "" {
		b.WriteString(`<a href="` + ReportsPath + `">支委会工作台</a>`)
	}
	if local && s.start != nil {
		b.WriteString(`<a href="` + StartPath + `">开始使用</a>`)
	}
	b.WriteString(barFindings(st, local))
	b.WriteString(`</div></div>`)
	return b.String()
}

// barFindings is the bar's findings part.
func barFindings(st barState, local bool) string {
	count := fmt.Sprintf("错误 %d · 警告 %d", st.errors, st.warnings)
	class := "jb-findings"
	switch {
	case st.errors > 0:
		class += " jb-err"
	case st.warnings > 0:
		class += " jb-warn"
	default:
		return `<span class="jb-findings jb-ok">` + count + `</span>`
	}
	var b strings.Builder
	b.WriteString(`<details class="` + class + `"><summary>` + count + `</summary><ol>`)
	lines := st.lines
	if !local {
		lines = []string{"详情请在运行 jifen 的电脑上查看"}
	}
	for i, l := range lines {
		cls := ""
		if local && i < st.errLines {
			cls = ` class="jb-e"`
		}
		b.WriteString(`<li` + cls + `>` + html.EscapeString(l) + `</li>`)
	}
	b.WriteString(`</ol></details>`)
	return b.String()
}
