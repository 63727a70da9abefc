package load

import (
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/sheet"
)

// File is one workbook in memory, as ParseYear takes it.
type File struct {
	Path string // slash-separated, as findings name it: data/2026/登记.xlsx
	Book *sheet.Book
}

// ParseYear builds and validates the register of one year folder from its
// workbooks in memory, given in file-name order (the order in which rows of
// one kind are concatenated). It does no I/O: Load does the reading, and
// tests pass books made of plain values. It takes the books: each
// files[i].Book is cleared once its sheets are taken in.
func ParseYear(year int, dir string, files []File) (*model.Year, model.Findings) {
	var fs model.Findings
	files = dropCopies(files, &fs) // a copied register: one error, not a cascade (guards.go)
	yl := newYearLoader(year, dir, &fs)
	for i, f := range files {
		yl.addBook(f.Path, f.Book)
		// The tables hold what is read from here on: without the book, a
		// sheet's rows are freed as soon as they have become entries, and a
		// city's 2,000,000 rows are never in memory beside all their
		// entries (a watcher's cache keeps its own reference to the book).
		files[i].Book = nil
	}
	return yl.finish(), fs
}

// yearLoader collects one year folder's sheets by kind, then builds and
// validates the year in dependency order: settings → rubric → roster → the
// rest.
type yearLoader struct {
	year   int
	dir    string
	fs     *model.Limiter // at most model.MaxPerSheet findings of a level per sheet
	tables map[model.Kind][]*table
	y      *model.Year

	items    map[string]*model.Item // CanonID(编码) → item
	badItems map[string]bool        // codes whose rubric row had an error: no cascade
	members  map[string]*model.Member
	// membersFolded holds the same members by upper-cased 编号.
	membersFolded map[string]*model.Member
	idCell        map[*model.Member]model.Pos // each member's 编号 cell, for duplicate findings
	badMembers    map[string]bool
	byName        map[string][]*model.Member

	grids       []*grid    // 签到表 sheets, in file and workbook order
	absenceCode string     // 缺席扣分项目 as written in 设置
	noBranch    *model.Pos // the 支部名称 cell when it is blank
}

func newYearLoader(year int, dir string, fs *model.Findings) *yearLoader {
	return &yearLoader{
		year: year, dir: dir, fs: &model.Limiter{List: fs},
		tables:   map[model.Kind][]*table{},
		items:    map[string]*model.Item{},
		badItems: map[string]bool{}, members: map[string]*model.Member{}, membersFolded: map[string]*model.Member{}, idCell: map[*model.Member]model.Pos{},
		badMembers: map[string]bool{}, byName: map[string][]*model.Member{},
	}
}

// addBook classifies a workbook's sheets; books arrive in file-name order
// and sheets in workbook order, which is the order rows are concatenated.
func (yl *yearLoader) addBook(file string, b *sheet.Book) {
	for i := range b.Sheets {
		s := &b.Sheets[i]
		pos := model.Pos{File: file, Sheet: s.Name}
		if s.Helper {
			continue // the templates' own 说明 and 选项: nothing to report on every build
		}
		if s.Hidden {
			// Only a hidden register sheet needs advice; others (the
			// templates' 选项 lists) are hidden on purpose.
			if _, ok := model.KindOf(s.Name); ok {
				yl.fs.Infof(pos, "工作表「%s」已隐藏，未读取（隐藏的工作表不参与计分，如需使用请取消隐藏）", s.Name)
			} else {
				yl.fs.Infof(pos, "工作表「%s」已隐藏，未读取", s.Name)
			}
			continue
		}
		k, ok := model.KindOf(s.Name)
		if s.Problem != "" {
			// A register sheet that cannot be read loses data: an error.
			// Any other (a macro or chart sheet) is only mentioned.
			if ok {
				yl.fs.Errorf(pos, "工作表「%s」%s", s.Name, s.Problem)
			} else {
				yl.fs.Infof(pos, "工作表「%s」%s", s.Name, s.Problem)
			}
			continue
		}
		if !ok {
			yl.unknownSheet(pos, s) // ignored, or misnamed (guards.go)
			continue
		}
		if k == model.KindGrid {
			if g, ok := parseGrid(file, s, b.Date1904, yl.year, yl.fs); ok {
				yl.grids = append(yl.grids, g)
			}
			continue
		}
		t, ok := newTable(k, file, s, b.Date1904, yl.fs)
		if !ok {
			continue
		}
		yl.tables[k] = append(yl.tables[k], t)
	}
}

// finish builds the year.
func (yl *yearLoader) finish() *model.Year {
	y := &model.Year{Year: yl.year, Dir: yl.dir}
	yl.y = y
	dirPos := model.Pos{File: yl.dir}
	sets := yl.tables[model.KindSettings]
	switch {
	case len(sets) == 0:
		yl.fs.Errorf(dirPos, "%d 年度缺少「设置」工作表", yl.year)
		y.Settings = model.DefaultSettings(yl.year)
	default:
		for _, t := range sets[1:] {
			yl.fs.Errorf(t.sheetPos(), "%d 年度只能有一个「设置」工作表，已有 %s", yl.year, sets[0].sheetPos())
		}
		y.Settings = yl.settings(sets[0])
	}
	if len(yl.tables[model.KindItems]) == 0 {
		yl.fs.Errorf(dirPos, "%d 年度缺少「考核项目」工作表", yl.year)
	}
	if len(yl.tables[model.KindRoster]) == 0 {
		yl.fs.Errorf(dirPos, "%d 年度缺少「党员名册」工作表", yl.year)
	}
	for _, t := range yl.tables[model.KindItems] {
		yl.readItems(t)
	}
	for _, t := range yl.tables[model.KindRoster] {
		yl.readRoster(t)
	}
	yl.absenceItem()
	yl.emptyRoster()
	yl.missingBranch()
	for _, t := range yl.tables[model.KindEntries] {
		yl.readEntries(t)
		t.rows = nil // read: free its cells (see ParseYear)
	}
	for _, t := range yl.tables[model.KindClaims] {
		yl.readClaims(t)
	}
	for _, t := range yl.tables[model.KindDeductions] {
		yl.readDeductions(t)
	}
	yl.readGrids()
	evals := map[*model.Member]model.Pos{}
	for _, t := range yl.tables[model.KindEvaluations] {
		yl.readEvaluations(t, evals)
	}
	for _, t := range yl.tables[model.KindObjections] {
		yl.readObjections(t)
	}
	decided := map[*model.Member]model.Pos{}
	for _, t := range yl.tables[model.KindDecisions] {
		yl.readDecisions(t, decided)
	}
	if a, d := y.Settings.AnnualStart, y.DecisionDate(); !a.IsZero() && a.Before(d) {
		yl.fs.Warnf(y.Settings.Pos[model.SettingAnnualPublication], "年度公示日期 %s 早于等次确定的决定日期 %s：年度评定结果应在支部确定等次后公示",
			model.DateString(a), model.DateString(d))
	}
	for _, t := range yl.tables[model.KindCommitments] {
		yl.readCommitments(t)
	}
	yl.quarterNamed()
	yl.fs.Flush()
	return y
}

// emptyRoster reports a roster with nobody in it. While nothing in the
// year is about anybody — the blank template of jifen init, and every step
// of the getting-started page up to the roster (支部名称 first) — it is a
// warning saying where to begin, and the year publishes nothing (SPEC §5:
// no error state while the steps are followed). Once a register sheet
// holds a row (an entry, a claim, a tick in a 签到表 …), someone is meant
// to be scored: then it is an error, because every publication would read
// 「共 0 人」 and every such row names nobody in the roster.
func (yl *yearLoader) emptyRoster() {
	tables := yl.tables[model.KindRoster]
	if len(tables) == 0 {
		return // reported as a missing sheet
	}
	for _, t := range tables {
		if len(t.rows) > 0 {
			return // members, or rows with errors already reported
		}
	}
	t := tables[0]
	at := model.Pos{File: t.file, Sheet: t.sheet, Row: t.header + 1, Col: max(t.col(model.RosterID), 1)}
	if !yl.hasRecords() {
		yl.fs.Warnf(at, "党员名册还没有人员：请从这一行起逐人填写编号、姓名和类别，填好前不生成 %d 年度的公示", yl.year)
		return
	}
	yl.fs.Errorf(at, "党员名册没有任何人员：请从这一行起逐人填写编号、姓名和类别（登记表中已有记录，否则公示将是「共 0 人」）")
}

// hasRecords reports whether any sheet besides 设置, 考核项目 and 党员名册
// holds a row: a record about somebody.
func (yl *yearLoader) hasRecords() bool {
	for k, ts := range yl.tables {
		if k == model.KindSettings || k == model.KindItems || k == model.KindRoster {
			continue
		}
		for _, t := range ts {
			if len(t.rows) > 0 {
				return true
			}
		}
	}
	for _, g := range yl.grids {
		if len(g.rows) > 0 {
			return true
		}
	}
	return false
}

// missingBranch reports a blank 支部名称 (required, SPEC §2.1). In a
// register nobody has started (nobody in the roster: the blank template of
// jifen init) it is a warning at its cell, so that the template checks
// clean; once members are entered it is an error, because every notice
// and filing is headed and signed with it.
func (yl *yearLoader) missingBranch() {
	if yl.noBranch == nil {
		return
	}
	if len(yl.members) == 0 {
		yl.fs.Warnf(*yl.noBranch, "设置缺少支部名称：请填写支部全称，公示和报表落款要用")
		return
	}
	yl.fs.Errorf(*yl.noBranch, "设置缺少支部名称：请填写支部全称，公示和报表落款要用")
}

// rc reads one row, recording findings; ok turns false on any error, and
// a row with an error is left out of the model (the build fails anyway,
// and later stages never see half-valid rows).
type rc struct {
	yl *yearLoader
	t  *table
	r  row
	ok bool
}

func (yl *yearLoader) row(t *table, r row) *rc { return &rc{yl: yl, t: t, r: r, ok: true} }

func (c *rc) text(h *model.Column) string { return c.t.val(c.r, h) }
func (c *rc) pos(h *model.Column) model.Pos {
	return c.t.pos(c.r, h)
}

func (c *rc) errorf(h *model.Column, format string, args ...any) {
	c.ok = false
	c.yl.fs.Errorf(c.pos(h), format, args...)
}

func (c *rc) warnf(h *model.Column, format string, args ...any) {
	c.yl.fs.Warnf(c.pos(h), format, args...)
}

// required returns the cell's text, or reports 缺少<h>.
func (c *rc) required(h *model.Column) string {
	v := c.text(h)
	if v == "" {
		c.errorf(h, "缺少%s", h.Header)
	}
	return v
}

// Date ranges a column accepts.
type dateRule int

const (
	anyYear    dateRule = iota // 转入日期, 转出日期
	inYear                     // the register's own dates
	yearOrNext                 // 登记日期, 反馈日期, 决定日期, 审签日期, 受理日期: may fall in the next year
)

// date parses column h; zero when blank or bad.
func (c *rc) date(h *model.Column, req bool, rule dateRule) time.Time {
	raw := c.text(h)
	if raw == "" {
		if req {
			c.errorf(h, "缺少%s", h.Header)
		}
		return time.Time{}
	}
	d, err := ParseDate(raw, c.t.date1904)
	if err != nil {
		c.errorf(h, "%s「%s」不是有效日期（可写作 %d-03-05、%d/3/5 或 %d年3月5日）", h.Header, raw, c.yl.year, c.yl.year, c.yl.year)
		return time.Time{}
	}
	switch rule {
	case inYear:
		if d.Year() != c.yl.year {
			c.errorf(h, "%s %s 不在 %d 年度内%s", h.Header, model.DateString(d), c.yl.year, outOfYear(c.yl.dir, c.yl.year, d.Year()))
		}
	case yearOrNext:
		if d.Year() < c.yl.year || d.Year() > c.yl.year+1 {
			c.errorf(h, "%s %s 不在 %d 年度或次年内", h.Header, model.DateString(d), c.yl.year)
		}
	}
	return d
}

// outOfYear is what to do with a date of year other in the register of
// year, kept in the folder yearDir (data/2026). A date of the next year
// belongs in the next year's register, which the no-argument start or
// new-year creates; one of the year before in that year's register; any
// other year is more likely a typo.
func outOfYear(yearDir string, year, other int) string {
	folder := path.Join(path.Dir(yearDir), strconv.Itoa(other))
	switch other {
	case year + 1:
		return fmt.Sprintf("：%d 年的记录请登记在 %s 文件夹的登记簿中（还没有这个文件夹时，重新启动 jifen 会自动新建，也可以运行 jifen new-year --from %d --to %d）",
			other, folder, year, other)
	case year - 1:
		return fmt.Sprintf("：%d 年的记录请登记在 %s 文件夹的登记簿中；如是笔误，请改正日期", other, folder)
	}
	return "：请检查日期是否写错"
}

// number parses column h; given is false when blank.
func (c *rc) number(h *model.Column) (p model.Points, given bool) {
	raw := c.text(h)
	if raw == "" {
		return 0, false
	}
	p, err := ParseNumber(raw)
	switch err {
	case nil:
		return p, true
	case ErrDecimals:
		c.errorf(h, "%s「%s」最多保留两位小数", h.Header, raw)
	default:
		c.errorf(h, "%s「%s」不是有效数字", h.Header, raw)
	}
	return 0, false
}

// boolean parses a 是/否 column.
func (c *rc) boolean(h *model.Column) bool {
	raw := c.text(h)
	v, err := ParseBool(raw)
	if err != nil {
		c.errorf(h, "%s「%s」应为 是 或 否", h.Header, raw)
	}
	return v
}

// integer parses a whole-number column; given is false when blank.
func (c *rc) integer(h *model.Column) (n int, given bool) {
	raw := c.text(h)
	if raw == "" {
		return 0, false
	}
	n, err := ParseInt(raw)
	if err != nil {
		c.errorf(h, "%s「%s」应为整数", h.Header, raw)
		return 0, false
	}
	return n, true
}

// oneOf checks a column against a closed list; blank returns "".
func (c *rc) oneOf(h *model.Column, values ...string) string {
	v := c.text(h)
	if v == "" {
		return ""
	}
	k := nameKey(v)
	for _, w := range values {
		if k == w {
			return w
		}
	}
	c.errorf(h, "%s「%s」应为 %s 之一", h.Header, v, strings.Join(values, "、"))
	return ""
}

// memberCol is the column naming the member: 编号 when given, else 姓名.
func (c *rc) memberCol() *model.Column {
	id, name := c.t.schema.ID, c.t.schema.Name
	if c.text(id) != "" || !c.t.has(name) {
		return id
	}
	return name
}

// member resolves the row's 编号/姓名 against the roster (SPEC §2 "Member
// references"): 编号 wins, both given must agree, 姓名 alone must be unique.
func (c *rc) member() *model.Member {
	idCol, nameCol := c.t.schema.ID, c.t.schema.Name
	id, name := c.text(idCol), c.text(nameCol)
	switch {
	case id != "":
		m, bad, mismatch := c.yl.memberRef(id)
		switch {
		case bad:
			c.ok = false
			return nil
		case mismatch != "":
			c.errorf(idCol, "编号「%s」%s", id, mismatch)
			return nil
		case m == nil:
			c.errorf(idCol, "编号「%s」不在党员名册中", id)
			return nil
		}
		if name != "" && nameKey(name) != nameKey(m.Name) {
			c.errorf(nameCol, "姓名「%s」与编号「%s」不符（名册中该编号是「%s」）", name, id, m.Name)
			return nil
		}
		return m
	case name != "":
		ms := c.yl.byName[nameKey(name)]
		switch len(ms) {
		case 0:
			c.errorf(nameCol, "姓名「%s」不在党员名册中", name)
		case 1:
			return ms[0]
		default:
			c.errorf(nameCol, "党员名册中有 %d 人名为「%s」，请填写编号", len(ms), name)
		}
		return nil
	}
	c.errorf(c.memberCol(), "缺少编号或姓名")
	return nil
}

// item resolves 项目编码 and checks the item's kind belongs on this sheet.
func (c *rc) item(allowed ...model.ItemKind) *model.Item {
	h := c.t.schema.Item
	code := c.text(h)
	if code == "" {
		c.errorf(h, "缺少项目编码")
		return nil
	}
	it, bad, mismatch := c.yl.itemRef(code)
	switch {
	case bad:
		c.ok = false
		return nil
	case mismatch != "":
		c.errorf(h, "项目编码「%s」%s", code, mismatch)
		return nil
	case it == nil:
		c.errorf(h, "项目编码「%s」不在考核项目表中", code)
		return nil
	}
	for _, k := range allowed {
		if it.Kind == k {
			return it
		}
	}
	switch c.t.kind {
	case model.KindEntries:
		c.errorf(h, "项目编码「%s」是扣分项目，应登记在违规扣分表", code)
	case model.KindClaims:
		c.errorf(h, "项目编码「%s」是%s项目，奖励申报只能申报奖励项目", code, it.Kind)
	case model.KindDeductions:
		c.errorf(h, "项目编码「%s」是%s项目，违规扣分表只能登记扣分项目，%s项目请登记在日常登记表", code, it.Kind, it.Kind)
	}
	return nil
}

// rowPos is a row's own position: the member cell.
func (c *rc) rowPos() model.Pos { return c.pos(c.memberCol()) }

// period formats a member's participation window.
func period(m *model.Member) string {
	switch {
	case !m.In.IsZero() && !m.Out.IsZero():
		return model.DateString(m.In) + " 至 " + model.DateString(m.Out)
	case !m.In.IsZero():
		return model.DateString(m.In) + " 起"
	}
	return "至 " + model.DateString(m.Out)
}

// activeCheck reports a dated row outside the member's [转入日期, 转出日期]
// (error) or for an exempted member (warning: scoring skips them).
func (c *rc) activeCheck(m *model.Member, d time.Time, h *model.Column) {
	if m == nil || d.IsZero() {
		return
	}
	if m.Exempt {
		c.warnf(c.memberCol(), "党员「%s」不纳入积分管理，本行不计分", m.Name)
		return
	}
	if !m.Active(d) {
		c.errorf(h, "%s %s 不在党员「%s」参加积分管理的期间（%s）内", h.Header, model.DateString(d), m.Name, period(m))
	}
}

var idRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,32}$`)
