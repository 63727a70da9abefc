package render

import (
	"context"
	"fmt"
	"github.com/jifen-dev/jifen/internal/browsertest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/jifen-dev/jifen/internal/load"
	"github.com/jifen-dev/jifen/internal/model"
	scorepkg "github.com/jifen-dev/jifen/internal/score"
	"github.com/jifen-dev/jifen/internal/workbook"
)

func fileURL(dir, rel string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, rel))}).String()
}

// demoInput scores the committed demo register (data/) as of a fixed day in
// 2026's fourth quarter, with drafts, so the browser sees what a fresh clone's
// `jifen build --drafts` publishes.
func demoInput(t *testing.T) *Input {
	t.Helper()
	d, err := load.Load(filepath.Join("..", "..", "data"), load.Options{Read: workbook.Read})
	if err != nil {
		t.Fatal(err)
	}
	if d.Findings.HasErrors() {
		t.Fatalf("demo register has errors: %v", d.Findings)
	}
	in := &Input{Register: d.Register, PDFs: true, BuildID: "e2e",
		Now: time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)}
	for _, y := range d.Register.Years {
		res, _ := scorepkg.Score(y, model.NewDate(2026, 11, 24))
		in.Results = append(in.Results, res)
	}
	return withDrafts(in)
}

// wrappedCellsJS returns the visible table cells whose whole text is a short
// word — 2–6 CJK characters, or a figure or a date — rendered on more than
// one line: it counts the distinct line tops of the cell's text boxes.
const wrappedCellsJS = `(function() {
	var short = /^([\u3400-\u9fff\uf900-\ufaff]{2,6}|[-+]?[0-9][0-9.\-]*\*?)$/;
	var out = [];
	var cells = document.querySelectorAll('table td, table th');
	for (var i = 0; i < cells.length; i++) {
		var c = cells[i];
		if (c.offsetParent === null) continue; // hidden (a column dropped on phones)
		var text = c.textContent.replace(/\s+/g, '');
		if (!short.test(text)) continue;
		var r = document.createRange();
		r.selectNodeContents(c);
		var rects = r.getClientRects(), tops = [];
		for (var j = 0; j < rects.length; j++) {
			if (rects[j].width < 1) continue;
			var t = rects[j].top, seen = false;
			for (var k = 0; k < tops.length; k++) if (Math.abs(tops[k] - t) < 4) seen = true;
			if (!seen) tops.push(t);
		}
		if (tops.length > 1) out.push('「' + text + '」 (' + tops.length + ' lines)');
	}
	return out;
})()`

// a4Width is the printable width of A4 at 96 px per inch with the 12 mm
// side margins of the print stylesheet: (210 − 24) mm.
const a4Width = 703

// wideTable is a Markdown page whose table is wider than a phone: its
// cells wrap, and what is still too wide scrolls inside its box.
var wideTable = model.Page{Name: "宽表格", Title: "宽表格", Source: []byte("# 宽表格\n\n" +
	"| 项目 | 分值 | 计分办法 | 证明材料 | 备注 |\n|---|---|---|---|---|\n" +
	"| 参加支部党员大会 | 10 | 每季度至少召开一次，无故缺席另按扣分项目扣分，请假的不扣分也不加分 | 签到表或会议记录，由组织委员核对后签字 | 支部书记主持，党小组长协助统计出勤情况并报积分管理员 |\n" +
	"| 志愿服务 | 2 | 每次计 2 分，每季度最多 6 分 | 社区出具的服务证明 | 由本人申报、党小组审核、支部审定 |\n")}

// keyFiguresJS reports, for the first member row of the #members table,
// the figure people look for (季度积分, 综合得分 and 等次: the visible cells
// of class total and the grade beside it) that lies outside the viewport.
const keyFiguresJS = `(function() {
	var row = document.querySelector('#members tbody tr'), out = [], found = 0;
	if (!row) return ['no member row'];
	var cells = row.querySelectorAll('td, th');
	for (var i = 0; i < cells.length; i++) {
		var c = cells[i];
		if (c.offsetParent === null) continue;
		var key = c.classList.contains('total') || (i > 0 && cells[i-1].classList.contains('total') && cells[i-1].offsetParent !== null && !c.classList.contains('num'));
		if (!key) continue;
		found++;
		var r = c.getBoundingClientRect();
		if (r.left < 0 || r.right > window.innerWidth) out.push('「' + c.textContent + '」 at ' + Math.round(r.left) + '–' + Math.round(r.right) + ' px');
	}
	if (!found) out.push('no total column shown');
	return out;
})()`

func TestBrowser(t *testing.T) {
	in := demoInput(t)
	in.Register.Pages = append(in.Register.Pages, wideTable)
	site, _ := buildPublic(t, in)
	reports, _ := buildCommittee(t, in)
	// JIFEN_SHOTS=dir keeps the screenshots and adds those of other pages,
	// for a person to look at; by default only the quarter page is taken.
	shots := os.Getenv("JIFEN_SHOTS")
	review := shots != ""
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}

	actx, cancel := browsertest.Allocator(t)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	// A bound on a hung browser, not on the test: each page (and each later
	// step) may take up to browsertest.Stall, however many pages there are.
	ctx, progress := browsertest.Watchdog(t, ctx, browsertest.Stall)
	if err := chromedp.Do(ctx); err != nil { // start the browser
		t.Fatalf("start chromium: %v", err)
	}
	progress()
	t.Logf("chromium started")

	var mu sync.Mutex
	var problems []string
	cctx, stopConsole := context.WithCancel(ctx)
	defer stopConsole()
	go func() {
		for m, err := range chromedp.Console(cctx) {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException || m.Type == chromedp.ConsoleWarning {
				mu.Lock()
				problems = append(problems, m.String())
				mu.Unlock()
			}
		}
	}()

	setMedia := func(media string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
			return err
		})
	}
	overflow := func(page string, width int64) {
		t.Helper()
		sw, err := chromedp.Run(ctx, chromedp.Evaluate[[]int64](`[document.documentElement.scrollWidth, window.innerWidth]`))
		if err != nil {
			t.Fatalf("%s at %d px: %v", page, width, err)
		}
		// Against the width set too: a phone's browser widens its layout
		// viewport to a page that overflows it, and innerWidth follows.
		if sw[0] > sw[1] || sw[0] > width || sw[1] > width {
			t.Errorf("%s at %d px: horizontal overflow, scrollWidth %d, innerWidth %d", page, width, sw[0], sw[1])
		}
	}
	shot := func(name string) {
		t.Helper()
		// JPEG: Chromium encodes a tall PNG slowly on a small machine;
		// PNG for a person to look at.
		quality := 85
		if review {
			quality, name = 100, strings.TrimSuffix(name, ".jpg")+".png"
		}
		img, err := chromedp.Run(ctx, chromedp.FullScreenshot(quality))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(shots, name), img, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// wrapped lists the table cells holding a short word — 2 to 6 CJK
	// characters (a name, a grade, a 党小组, a category) or a figure or date —
	// that the browser laid out on more than one line.
	wrapped := func(page string, width int64) {
		t.Helper()
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](wrappedCellsJS))
		if err != nil {
			t.Fatalf("%s at %d px: %v", page, width, err)
		}
		if len(got) > 0 {
			t.Errorf("%s at %d px: %d table cells of a short word wrap, e.g. %s", page, width, len(got), strings.Join(got[:min(len(got), 5)], "、"))
		}
	}
	// scrollable checks that every table box that scrolls sideways can take
	// the keyboard focus (axe: scrollable-region-focusable) and, on the
	// committee page at 1280 px, that none has to.
	scrollable := func(page string, width int64, committee bool) {
		t.Helper()
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.prototype.map.call(document.querySelectorAll('.table-wrap'), function(w) {
			return w.scrollWidth + ' ' + w.clientWidth + ' ' + w.tabIndex + ' ' + (w.getAttribute('aria-label') || '');
		})`))
		if err != nil {
			t.Fatalf("%s at %d px: %v", page, width, err)
		}
		for _, g := range got {
			var sw, cw, tab int
			fmt.Sscan(g, &sw, &cw, &tab)
			label := strings.SplitN(g, " ", 4)[3]
			switch {
			case sw > cw && tab < 0:
				t.Errorf("%s at %d px: table box %q scrolls (%d > %d px) but takes no keyboard focus", page, width, label, sw, cw)
			case sw > cw && committee && width >= 1280:
				t.Errorf("%s at %d px: table %q needs horizontal scrolling (%d > %d px)", page, width, label, sw, cw)
			}
		}
	}

	type target struct{ dir, rel, shot string }
	targets := []target{
		{site, "2026/q1/index.html", "quarter"},
		{reports, "2026/draft/q4/index.html", "draft"}, // the open quarter's preview
		{site, "index.html", "home"},
		{site, "2026/index.html", "year"},
		{site, "2025/index.html", "year-annual"},
		{site, "2026/members/D002/index.html", "member"},
		{site, "2025/members/D001/index.html", "member-annual"},
		{site, "2025/annual/index.html", "annual"},
		{site, "2026/rules/index.html", "rules"},
		{site, "2025/commitments/index.html", "commitments"},
		{reports, "2025/index.html", "committee"},
		{reports, "2026/index.html", "committee-open"}, // a draft quarter among closed ones
	}
	start := time.Now()
	for _, width := range []int64{390, 1280} {
		var opts []chromedp.EmulateViewportOption
		if width < 600 {
			opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateScale(2))
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900, opts...)); err != nil {
			t.Fatal(err)
		}
		for _, tg := range targets {
			if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(tg.dir, tg.rel))); err != nil {
				t.Fatalf("open %s: %v", tg.rel, err)
			}
			overflow(tg.rel, width)
			switch tg.shot {
			case "quarter", "year-annual", "annual", "draft":
				// Issue 22: on a phone too, the figure people look for
				// stands next to the name without scrolling.
				got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](keyFiguresJS))
				if err != nil {
					t.Fatalf("%s at %d px: %v", tg.rel, width, err)
				}
				if len(got) > 0 {
					t.Errorf("%s at %d px: the total is not in view without scrolling: %s", tg.rel, width, strings.Join(got, "、"))
				}
			}
			committee := strings.HasPrefix(tg.shot, "committee")
			scrollable(tg.rel, width, committee)
			if !committee && width < 600 {
				wrapped(tg.rel, width)
			}
			if tg.shot == "quarter" || review && tg.shot != "" {
				shot(fmt.Sprintf("%s-%d.jpg", tg.shot, width))
			}
			progress()
		}
	}

	t.Logf("%d pages at 2 widths in %v", len(targets), time.Since(start).Round(time.Millisecond))

	// The member filter: choosing a 党小组 leaves exactly its rows.
	q1, _ := quarterRows(in.Results[1], 1, false, false, [4]int{})
	want := 0
	for _, r := range q1 {
		if r.Group == "第二党小组" {
			want++
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(site, "2026/q1/index.html"))); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]int64](`(function(){
		var box = document.querySelector('.filter'), s = box.querySelector('select');
		s.value = '第二党小组'; s.dispatchEvent(new Event('change'));
		var rows = document.querySelectorAll('#members tbody tr'), n = 0;
		for (var i = 0; i < rows.length; i++) { if (!rows[i].hidden) n++; }
		var input = box.querySelector('input'); s.value = ''; s.dispatchEvent(new Event('change'));
		input.value = 'D003'; input.dispatchEvent(new Event('input'));
		var m = 0;
		for (var i = 0; i < rows.length; i++) { if (!rows[i].hidden) m++; }
		return [box.hidden ? 1 : 0, n, m, rows.length];
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if got[0] != 0 || got[1] != int64(want) || got[2] != 1 || got[3] != int64(len(q1)) {
		t.Errorf("filter: hidden=%d, group rows %d (want %d), D003 rows %d (want 1), all %d (want %d)", got[0], got[1], want, got[2], got[3], len(q1))
	}

	progress()
	// With JavaScript off the table is whole and the filter stays hidden.
	disable := func(off bool) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: off})
			return err
		})
	}
	if err := chromedp.Do(ctx, disable(true), chromedp.Navigate(fileURL(site, "2026/q1/index.html"))); err != nil {
		t.Fatal(err)
	}
	// Evaluate runs in the DevTools world, which works while page scripts are off.
	nojs, err := chromedp.Run(ctx, chromedp.Evaluate[[]int64](`[document.querySelector('.filter').hidden ? 1 : 0,
		Array.prototype.filter.call(document.querySelectorAll('#members tbody tr'), function(r){ return r.offsetParent !== null; }).length]`))
	if err != nil {
		t.Fatal(err)
	}
	if nojs[0] != 1 || nojs[1] != int64(len(q1)) {
		t.Errorf("JavaScript off: filter hidden=%d, visible rows %d, want 1, %d", nojs[0], nojs[1], len(q1))
	}
	if err := chromedp.Do(ctx, disable(false)); err != nil {
		t.Fatal(err)
	}

	progress()
	// Print: at the printable width of A4 the table fits, and the PDF is made.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(a4Width, 1000), setMedia("print"),
		chromedp.Navigate(fileURL(site, "2026/q1/index.html"))); err != nil {
		t.Fatal(err)
	}
	fit, err := chromedp.Run(ctx, chromedp.Evaluate[[]int64](`[Math.ceil(document.querySelector('#members').getBoundingClientRect().width),
		document.documentElement.scrollWidth, window.innerWidth,
		getComputedStyle(document.querySelector('.filter')).display === 'none' ? 1 : 0,
		getComputedStyle(document.querySelector('#members td.opt')).display === 'none' ? 0 : 1,
		getComputedStyle(document.querySelector('.note .screen')).display === 'none' ? 1 : 0,
		getComputedStyle(document.querySelector('#members')).borderCollapse === 'collapse' ? 1 : 0,
		getComputedStyle(document.querySelector('#members tbody th')).position === 'static' ? 1 : 0,
		getComputedStyle(document.querySelector('.signoff')).display === 'none' ? 0 : 1,
		getComputedStyle(document.querySelector('footer.site')).display === 'none' ? 1 : 0]`))
	if err != nil {
		t.Fatal(err)
	}
	if fit[0] > a4Width || fit[1] > fit[2] || fit[3] != 1 || fit[4] != 1 {
		t.Errorf("print: table %d px, scrollWidth %d, innerWidth %d (A4 %d px), filter hidden %d, all columns %d",
			fit[0], fit[1], fit[2], a4Width, fit[3], fit[4])
	}
	if fit[5] != 1 || fit[6] != 1 || fit[7] != 1 || fit[8] != 1 || fit[9] != 1 {
		t.Errorf("print: screen-only hint hidden %d, borders collapsed %d, name column unpinned %d, 落款 shown %d, site footer hidden %d; want all 1",
			fit[5], fit[6], fit[7], fit[8], fit[9])
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
	if err != nil {
		t.Fatalf("print to PDF: %v", err)
	}
	if !strings.HasPrefix(string(pdf), "%PDF-") {
		t.Fatalf("print to PDF: not a PDF (%d bytes)", len(pdf))
	}
	pagesN := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
	if pagesN < 1 || pagesN > 3 {
		t.Errorf("print: %d A4 pages for %d rows, want 1–3", pagesN, len(q1))
	}
	os.WriteFile(filepath.Join(shots, "quarter-print.pdf"), pdf, 0o644)
	t.Logf("print: table %d px within %d px, %d A4 pages; screenshots in %s", fit[0], a4Width, pagesN, shots)

	stopConsole()
	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Errorf("console: %s", p)
	}
}
