package pdf

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/jifen-dev/jifen/internal/model"
)

// Options are the settings every document takes.
type Options struct {
	Now      time.Time // fallback date for a document whose content gives none; zero = time.Now()
	Font     []byte    // TrueType (or TTC, face 0) bytes; nil = the embedded WenQuanYi Micro Hei
	Draft    bool      // watermark 「未公示草稿」 on every page (open quarter previews)
	Compress bool      // false under test so goldens diff readably
}

const (
	// family is the font's name inside fpdf, which writes it as /utf8<family>
	// where a PDF names the embedded font. It is long on purpose: finish
	// overwrites it in place with the subset's proper name (see subsetName).
	family   = "jifenembeddedfontsubsetnameplaceholder"
	ptMM     = 25.4 / 72 // millimetres per point
	leading  = 1.4       // line height as a multiple of the font size
	padX     = 1.5       // horizontal cell padding, mm
	padY     = 1.2       // vertical cell padding, mm
	borderLW = 0.2       // table rule width, mm
)

// doc wraps one fpdf document with the habits every jifen PDF shares:
// deterministic metadata, the CJK font checked after SetFont, manual page
// breaks (so fake bold is never carried over a break), a footer
// 「第 X 页 共 Y 页」, an optional draft watermark and table headers
// repeated on every page.
type doc struct {
	f      *fpdf.Fpdf
	o      Options
	psName string // the font's PostScript name, for the subset's name
	chk    *checker
	size   float64 // current font size, pt
	pageW  float64
	pageH  float64
	margin float64 // left, right and top margin, mm
	bottom float64 // bottom margin, mm (the footer lives in it)
	repeat func()  // the running head after a page break: a continuation line, a table header
	inHead bool    // repeat is drawing: it must not break the page it heads
	isBold bool    // fake bold is on (see bold)
	boldW  float64 // its stroke width
	wraps  map[wrapKey][]string
}

// newDoc starts a document. landscape turns A4 sideways.
func newDoc(o Options, landscape bool) (*doc, error) {
	font := o.Font
	var cov *coverage
	var err error
	if font == nil {
		font = defaultFont
		if cov, err = newCoverage(font); err != nil {
			return nil, fmt.Errorf("parse embedded font: %w", err)
		}
	} else if font, cov, err = parseFont(font); err != nil {
		return nil, fmt.Errorf("字体%w", err)
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	orient := "P"
	if landscape {
		orient = "L"
	}
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: orient, UnitStr: "mm", SizeStr: "A4"})
	d := &doc{f: f, o: o, chk: newChecker(cov), margin: 18, bottom: 18}
	if landscape {
		d.margin, d.bottom = 14, 16
	}
	d.pageW, d.pageH = f.GetPageSize()
	// Page contents are compressed by finish, with reused writers (deflate.go).
	f.SetCompression(false)
	f.SetCatalogSort(true)
	f.SetCreationDate(o.Now)
	f.SetModificationDate(o.Now)
	f.SetCreator("jifen", true)
	f.SetProducer("jifen", true)
	f.AddUTF8FontFromBytes(family, "", font)
	f.SetMargins(d.margin, d.margin, d.margin)
	f.SetAutoPageBreak(false, d.bottom)
	f.SetFont(family, "", 11)
	// AddUTF8FontFromBytes only prints its failures; they surface here.
	if f.Err() {
		return nil, fmt.Errorf("字体无法嵌入 PDF：%w", f.Error())
	}
	d.psName = cov.postScriptName()
	d.size = 11
	f.SetDrawColor(0, 0, 0)
	f.SetLineWidth(borderLW)
	if o.Draft {
		f.SetHeaderFuncMode(d.watermark, true) // home: the cursor returns to the top margin
	}
	return d, nil
}

// dated stamps the document with the day its content carries (the
// publication or decision date) as its PDF creation and modification date:
// fpdf would otherwise stamp the wall clock, and two builds of the same
// register — the 备案 bundles above all — must give the same bytes.
func (d *doc) dated(day time.Time) {
	day = civil(day)
	d.f.SetCreationDate(day)
	d.f.SetModificationDate(day)
}

// meta sets the document's title and author; both must be checked text
// (fpdf cannot encode runes above U+FFFF).
func (d *doc) meta(title, author string) {
	d.f.SetTitle(bmp(title), true)
	d.f.SetAuthor(bmp(author), true)
}

// finish writes the document and returns the text findings, sorted.
func (d *doc) finish(w io.Writer) (model.Findings, error) {
	d.chk.findings.Sort()
	if d.f.PageNo() == 0 {
		d.f.AddPage()
	}
	// Footers go on last, when the number of pages is known. fpdf's
	// page-count alias ({nb}) would instead copy every page's content four
	// times to look for it and replace it — most of Output's time on a
	// 500-page slips document.
	n := d.f.PageNo()
	for i := 1; i <= n; i++ {
		d.f.SetPage(i)
		d.footer(i, n)
	}
	var buf bytes.Buffer
	if err := d.f.Output(&buf); err != nil {
		return d.chk.findings, fmt.Errorf("render pdf: %w", err)
	}
	out := subsetName(buf.Bytes(), d.psName)
	var err error
	if d.o.Compress {
		err = deflatePages(out, w)
	} else {
		_, err = w.Write(out)
	}
	if err != nil {
		return d.chk.findings, fmt.Errorf("write pdf: %w", err)
	}
	return d.chk.findings, nil
}

// subsetName gives the embedded font the name a subset must carry in a PDF
// (ISO 32000-1 §9.6.4): six capital letters, a plus sign and the font's
// PostScript name, e.g. QKXWNB+WenQuanYiMicroHei, so that viewers and
// pdffonts know the font is a subset. fpdf cannot be told the name, so the
// placeholder it writes is overwritten in place, padded with spaces (PDF
// whitespace) to the same length: every byte offset in the file stays right.
// The tag is taken from a hash of the document, so identical input gives
// identical bytes.
func subsetName(pdf []byte, ps string) []byte {
	old := "/utf8" + family
	sum := sha256.Sum256(pdf)
	var name strings.Builder
	name.WriteByte('/')
	for _, b := range sum[:6] {
		name.WriteByte('A' + b%26)
	}
	name.WriteByte('+')
	if ps == "" {
		ps = "CJK"
	}
	if room := len(old) - name.Len(); len(ps) > room {
		ps = ps[:room]
	}
	name.WriteString(ps)
	return bytes.ReplaceAll(pdf, []byte(old), []byte(name.String()+strings.Repeat(" ", len(old)-name.Len())))
}

// footer writes 「第 i 页 共 n 页」 at the foot of the current page.
func (d *doc) footer(i, n int) {
	d.f.SetY(-d.bottom + 6)
	d.f.SetFontSize(9)
	d.f.SetTextColor(0, 0, 0)
	d.f.CellFormat(0, 5, fmt.Sprintf("第  %d  页  共  %d  页", i, n), "", 0, "C", false, 0, "")
}

// watermark is drawn first on every page, so the content covers it; a light
// grey needs no transparency group.
func (d *doc) watermark() {
	const text = "未公示草稿"
	d.f.SetFontSize(72)
	d.f.SetTextColor(215, 215, 215)
	cx, cy := d.pageW/2, d.pageH/2
	w := d.f.GetStringWidth(text)
	d.f.TransformBegin()
	d.f.TransformRotate(30, cx, cy)
	d.f.Text(cx-w/2, cy+72*ptMM/3, text)
	d.f.TransformEnd()
	d.f.SetFontSize(10)
	d.f.SetTextColor(150, 150, 150)
	d.f.SetXY(d.margin, d.margin-9)
	d.f.CellFormat(d.contentW(), 5, text+" · 仅供支部委员会预览，不得张贴", "", 0, "R", false, 0, "")
	d.f.SetTextColor(0, 0, 0)
}

// newPage starts a page and draws the running head on it. The head is
// bounded (one line, then table headers of the program's own words), and
// while it draws, ensure never breaks the page: a head taller than a page
// once made para → newPage → repeat → para recurse until memory ran out.
func (d *doc) newPage() {
	d.f.AddPage()
	d.f.SetFontSize(d.size)
	if d.repeat != nil && !d.inHead {
		d.inHead = true
		d.repeat()
		d.inHead = false
	}
}

// setMargins changes the side and top margin and the bottom margin before
// the first page (a slip wants more of the sheet than a notice).
func (d *doc) setMargins(side, bottom float64) {
	d.margin, d.bottom = side, bottom
	d.f.SetMargins(side, side, side)
	d.f.SetAutoPageBreak(false, bottom)
}

func (d *doc) contentW() float64 { return d.pageW - 2*d.margin }
func (d *doc) limit() float64    { return d.pageH - d.bottom }
func (d *doc) lineH() float64    { return d.size * ptMM * leading }

func (d *doc) setSize(pt float64) {
	d.size = pt
	// fpdf writes a font operator on every call; most calls repeat the size.
	if cur, _ := d.f.GetFontSize(); cur != pt {
		d.f.SetFontSize(pt)
	}
}

// ensure starts a new page unless h millimetres fit below the cursor.
// Within the running head it never does (see newPage).
func (d *doc) ensure(h float64) {
	if d.f.PageNo() == 0 || (!d.inHead && d.f.GetY()+h > d.limit()) {
		d.newPage()
	}
}

// bold fakes a bold face (we embed a single face): text is filled and
// stroked with a thin outline scaled to the size. It must be switched off
// before any page break, which we only ever make ourselves. fpdf writes an
// operator for every call, so only changes are passed on: a slips page
// has hundreds of cells, and toggling around each one doubled its content.
func (d *doc) bold(on bool) {
	if on {
		if w := d.size * 0.011; !d.isBold || d.boldW != w {
			d.f.SetLineWidth(w)
			d.boldW = w
		}
		if !d.isBold {
			d.f.SetTextRenderingMode(2)
			d.isBold = true
		}
		return
	}
	if d.isBold {
		d.f.SetTextRenderingMode(0)
		d.f.SetLineWidth(borderLW)
		d.isBold = false
	}
}

// wrapKey identifies a wrapped text: the same words at the same size and
// width wrap the same way.
type wrapKey struct {
	s           string
	width, size float64
}

// wrap wraps s (made BMP-safe) to width at the current size. Item names,
// reasons and dates recur on page after page of a slips document, so
// wrapped texts are kept for the document's lifetime; callers must not
// modify the returned lines.
func (d *doc) wrap(s string, width float64) []string {
	k := wrapKey{s, width, d.size}
	if l, ok := d.wraps[k]; ok {
		return l
	}
	l := wrap(bmp(s), width, d.measure)
	if d.wraps == nil {
		d.wraps = map[wrapKey][]string{}
	}
	d.wraps[k] = l
	return l
}

func (d *doc) measure(s string) float64 { return d.f.GetStringWidth(s) }

// para writes wrapped text across the content width. align is "L", "C"
// or "R"; indent (in characters) applies to the first line only.
func (d *doc) para(s string, pt float64, align string, bold bool, indent float64) {
	s = bmp(s)
	d.setSize(pt)
	lh := d.lineH()
	first := indent * pt * ptMM
	lines := wrapFirst(s, d.contentW()-first, d.contentW(), d.measure)
	for i, ln := range lines {
		d.ensure(lh)
		x := d.margin
		w := d.contentW()
		if i == 0 {
			x += first
			w -= first
		}
		d.f.SetX(x)
		d.bold(bold)
		d.f.CellFormat(w, lh, strings.TrimRight(ln, "\n"), "", 2, align, false, 0, "")
		d.bold(false)
	}
}

// headLine writes a running head: headText on one line at pt. A running
// head of several lines could fill a page by itself.
func (d *doc) headLine(pt float64, bold bool, pre, variable, post string) {
	d.setSize(pt)
	line := d.headText(pre, variable, post)
	d.ensure(d.lineH())
	d.f.SetX(d.margin)
	d.bold(bold)
	d.f.CellFormat(d.contentW(), d.lineH(), line, "", 2, "L", false, 0, "")
	d.bold(false)
}

// headText is pre, variable and post as one line that fits the content
// width at the current size: variable (a name, a branch) is cut with 「…」
// when the line would not fit, and the whole when even pre and post do
// not.
func (d *doc) headText(pre, variable, post string) string {
	pre, variable, post = bmp(pre), bmp(variable), bmp(post)
	return d.cut(pre+d.cut(variable, d.contentW()-d.measure(pre+post)-0.5)+post, d.contentW()-0.5)
}

// cut returns s when it fits in width at the current size, else its
// longest prefix that fits with 「…」 after it (「…」 alone when nothing
// does). Line breaks in s become spaces: the result is one line.
func (d *doc) cut(s string, width float64) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if d.measure(s) <= width {
		return s
	}
	const ell = "…"
	room := width - d.measure(ell)
	n := 0
	if room > 0 {
		n = fitPrefix(s, room, d.measure)
		if d.measure(s[:n]) > room {
			n = 0 // fitPrefix keeps one character even when it does not fit
		}
	}
	return s[:n] + ell
}

// wrapFirst wraps with a narrower first line (for a paragraph indent)
// while staying lossless.
func wrapFirst(s string, first, rest float64, w func(string) float64) []string {
	if first >= rest {
		return wrap(s, rest, w)
	}
	lines := wrap(s, first, w)
	if len(lines) <= 1 {
		return lines
	}
	tail := strings.Join(lines[1:], "")
	return append(lines[:1:1], wrap(tail, rest, w)...)
}

// title writes a document title. A title too long for one line (branch
// names run long) breaks after the branch name rather than anywhere.
func (d *doc) title(branch, rest string, pt float64) {
	d.setSize(pt)
	if d.measure(branch+rest) <= d.contentW()*0.94 || branch == "" {
		d.para(branch+rest, pt, "C", true, 0)
		return
	}
	d.para(branch, pt, "C", true, 0)
	d.para(rest, pt, "C", true, 0)
}

// space moves the cursor down.
func (d *doc) space(mm float64) { d.f.SetY(d.f.GetY() + mm) }

// signature writes the sender block at the right: each line centred in a
// box that ends a little inside the right margin, as official notices do.
// The block stays on one page when it fits one.
func (d *doc) signature(pt float64, lines ...string) {
	d.setSize(pt)
	lh := d.lineH() * 1.15
	ls, boxW := d.signatureLines(lines)
	if h := lh * float64(len(ls)); h <= d.limit()-d.margin {
		d.ensure(h)
	}
	boxW += 8
	x := d.pageW - d.margin - 6 - boxW
	if x < d.margin {
		x = d.margin
		boxW = d.contentW()
	}
	for _, l := range ls {
		d.ensure(lh)
		d.f.SetX(x)
		d.f.CellFormat(boxW, lh, l, "", 2, "C", false, 0, "")
	}
}

// signatureLines are the signature's lines at the current size and the
// width of the widest: a line wider than the page (a long 支部名称 in
// 「中共…支部委员会」) wraps across the content width instead of running off
// the sheet.
func (d *doc) signatureLines(lines []string) ([]string, float64) {
	var ls []string
	w := 0.0
	for _, l := range lines {
		for _, p := range d.wrap(l, d.contentW()-8) {
			p = strings.TrimRight(p, "\n")
			ls = append(ls, p)
			w = math.Max(w, d.measure(p))
		}
	}
	return ls, w
}

// fit is the width of a column whose cells must never wrap (a name, a
// category, a grade): its widest text at pt, plus the cell padding.
func (d *doc) fit(pt float64, texts ...string) float64 {
	d.setSize(pt)
	w := 0.0
	for _, s := range texts {
		for _, l := range strings.Split(s, "\n") {
			w = math.Max(w, d.measure(bmp(l)))
		}
	}
	return math.Ceil(w + 2*padX + 0.5)
}

// column is one table column.
type column struct {
	head  string
	w     float64 // mm; 0 = share the remaining width
	align string  // L C R
}

// table draws bordered rows with a header that repeats on every page.
type table struct {
	d      *doc
	cols   []column
	pt     float64 // body font size
	headPt float64
	pad    float64 // vertical cell padding, mm
	fill   bool    // shade the header
	prev   func()  // the page's running head before the table began
	atTop  bool    // the cursor is right below the header: no row yet on this page
}

// newTable lays out a table at pt: the columns of width 0 share what the
// others leave. No column is narrower than one character (oneChar), so a
// cell never wraps a character a line or less, whatever sizes the caller
// worked out from the data; columns sized from content are balanced by the
// caller (see nameGroupWidths) so that this floor is not what fits them.
func newTable(d *doc, pt float64, cols ...column) *table {
	floor := d.oneChar(pt)
	fixed, flex := 0.0, 0
	for i, c := range cols {
		if c.w == 0 {
			flex++
			continue
		}
		cols[i].w = math.Max(c.w, floor)
		fixed += cols[i].w
	}
	if flex > 0 {
		share := (d.contentW() - fixed) / float64(flex)
		if !(share >= floor) { // also NaN
			share = floor
		}
		for i := range cols {
			if cols[i].w == 0 {
				cols[i].w = share
			}
		}
	}
	t := &table{d: d, cols: cols, pt: pt, headPt: pt, pad: padY, fill: true}
	if tableMade != nil {
		tableMade(t)
	}
	return t
}

// tableMade, when set, is shown every table laid out: tests use it to hold
// every document's columns to the one-character floor. It is never set
// outside tests.
var tableMade func(*table)

// oneChar is the narrowest a column may be at pt: one full-width character
// and the cell padding.
func (d *doc) oneChar(pt float64) float64 {
	d.setSize(pt)
	return math.Ceil(d.measure("中") + 2*padX + 0.5)
}

// begin draws the header now and after every page break until end.
func (t *table) begin() {
	t.d.setSize(t.headPt)
	heads := make([]string, len(t.cols))
	for i, c := range t.cols {
		heads[i] = c.head
	}
	// Keep the header with at least one body row.
	t.d.ensure(t.height(heads, t.headPt) + t.pt*ptMM*leading + 2*t.pad)
	t.prev = t.d.repeat
	t.d.repeat = func() {
		if t.prev != nil {
			t.prev()
		}
		t.header()
	}
	t.header()
}

func (t *table) end() {
	t.d.repeat = t.prev
	t.d.setSize(t.pt)
}

func (t *table) header() {
	heads := make([]string, len(t.cols))
	aligns := make([]string, len(t.cols))
	for i, c := range t.cols {
		heads[i] = c.head
		aligns[i] = "C"
	}
	t.d.setSize(t.headPt)
	t.draw(t.cells(heads), aligns, true, true)
	t.d.setSize(t.pt)
	t.atTop = true
}

// rowH is the height row(cells...) takes, in mm.
func (t *table) rowH(cells ...string) float64 {
	t.d.setSize(t.pt)
	return t.rowHeight(t.cells(cells), t.d.lineH())
}

// rowKeep draws a row like row, but first starts a new page unless the row
// and extra millimetres after it fit on this one: the last rows of a table
// then travel with what they belong to (a total, a signature). It does not
// break when even a fresh page could not hold them.
func (t *table) rowKeep(extra float64, cells ...string) {
	h := t.rowH(cells...)
	room := t.d.limit() - t.d.margin - 25 // a fresh page below its running head, roughly
	if !t.atTop && t.d.f.GetY()+h+extra > t.d.limit() && h+extra <= room {
		t.d.newPage()
		t.atTop = true
	}
	t.row(cells...)
}

// rowsKeep draws rows with rowKeep: the last kept of them travel with the
// tail millimetres drawn after the table (the summary, the signature).
func (t *table) rowsKeep(rows [][]string, kept int, tail float64) {
	for i, r := range rows {
		extra := 0.0
		if i >= len(rows)-kept {
			for _, next := range rows[i+1:] {
				extra += t.rowH(next...)
			}
			extra += tail
		}
		t.rowKeep(extra, r...)
	}
}

// row draws one body row, splitting it over pages only when it is taller
// than what a fresh page leaves below its running head. It always ends:
// each pass at the top of a page either draws the rest of the row or at
// least one of its lines; a pass lower down only moves it to the top of a
// new page. A row that cannot fit a fresh page, not one line of it, is
// cut, never retried: it is drawn there, past the page's edge.
func (t *table) row(cells ...string) {
	aligns := make([]string, len(t.cols))
	for i, c := range t.cols {
		aligns[i] = c.align
	}
	t.d.setSize(t.pt)
	lines := t.cells(cells)
	lh := t.d.lineH()
	defer func() { t.atTop = false }()
	for {
		h := t.rowHeight(lines, lh)
		if t.d.f.GetY()+h <= t.d.limit() {
			t.draw(lines, aligns, false, false)
			return
		}
		if !t.atTop {
			t.d.newPage()
			t.atTop = true // also for a table without header
			continue
		}
		k := int((t.d.limit() - t.d.f.GetY() - 2*t.pad) / lh)
		if k < 1 || rowLines(lines) <= k {
			// Not a line fits below the running head: the rest is drawn
			// here and cut by the page's edge.
			t.draw(lines, aligns, false, false)
			return
		}
		head := make([][]string, len(lines))
		for i, l := range lines {
			n := min(k, len(l))
			head[i], lines[i] = l[:n], l[n:]
		}
		t.draw(head, aligns, false, false)
		t.d.newPage()
	}
}

// rowLines is the number of lines of a row's tallest cell.
func rowLines(lines [][]string) int {
	n := 0
	for _, l := range lines {
		n = max(n, len(l))
	}
	return n
}

// span draws one row across all columns (a subtotal or a remark).
func (t *table) span(text, align string, bold bool) {
	t.d.setSize(t.pt)
	w := 0.0
	for _, c := range t.cols {
		w += c.w
	}
	lines := t.d.wrap(text, w-2*padX)
	lh := t.d.lineH()
	h := t.rowHeight([][]string{lines}, lh)
	if t.d.f.GetY()+h > t.d.limit() {
		t.d.newPage()
	}
	x, y := t.d.margin, t.d.f.GetY()
	t.d.f.Rect(x, y, w, h, "D")
	for i, ln := range lines {
		t.d.f.SetXY(x+padX, y+t.pad+float64(i)*lh)
		t.d.bold(bold)
		t.d.f.CellFormat(w-2*padX, lh, strings.TrimRight(ln, "\n"), "", 0, align, false, 0, "")
		t.d.bold(false)
	}
	t.d.f.SetXY(x, y+h)
}

func (t *table) cells(texts []string) [][]string {
	out := make([][]string, len(t.cols))
	for i, c := range t.cols {
		s := ""
		if i < len(texts) {
			s = texts[i]
		}
		out[i] = t.d.wrap(s, c.w-2*padX)
	}
	return out
}

func (t *table) height(texts []string, pt float64) float64 {
	return t.rowHeight(t.cells(texts), pt*ptMM*leading)
}

func (t *table) rowHeight(lines [][]string, lh float64) float64 {
	n := 1
	for _, l := range lines {
		n = max(n, len(l))
	}
	return float64(n)*lh + 2*t.pad
}

// draw paints one row at the cursor: borders, then each cell's lines
// centred vertically, then moves the cursor below the row.
func (t *table) draw(lines [][]string, aligns []string, bold, shade bool) {
	f := t.d.f
	lh := t.d.lineH()
	h := t.rowHeight(lines, lh)
	x, y := t.d.margin, f.GetY()
	// Borders first, then the text: fake bold is switched on once per row
	// rather than around every cell (it changes the line width the borders
	// use), and the shading is reset before the text so that fpdf need not
	// wrap every later cell's text in its own colour state.
	style := "D"
	if shade && t.fill {
		f.SetFillColor(235, 235, 235)
		style = "FD"
	}
	for _, c := range t.cols {
		f.Rect(x, y, c.w, h, style)
		x += c.w
	}
	if shade && t.fill {
		f.SetFillColor(0, 0, 0)
	}
	t.d.bold(bold)
	x = t.d.margin
	for i, c := range t.cols {
		top := y + (h-float64(len(lines[i]))*lh)/2
		for j, ln := range lines[i] {
			f.SetXY(x+padX, top+float64(j)*lh)
			f.CellFormat(c.w-2*padX, lh, strings.TrimRight(ln, "\n"), "", 0, aligns[i], false, 0, "")
		}
		x += c.w
	}
	t.d.bold(false)
	f.SetXY(t.d.margin, y+h)
}
