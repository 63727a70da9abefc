package load

import (
	"path"
	"slices"
	"strings"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/sheet"
)

// A 签到表 (SPEC §2.11) has no fixed columns: a block of member columns,
// then one column per activity whose date and rubric item stand in two
// labelled rows above the header. parseGrid finds that layout and reads
// every mark; it knows neither the rubric nor the roster, so it is a pure
// function of the sheet's cells. yearLoader.readGrids then resolves items
// and members and turns marks into entries.

// memberHeaders are the headers of the member block (model.KindGrid's
// columns) as a set.
var memberHeaders = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range model.KindGrid.Schema().Columns {
		m[HeaderKey(c.Header)] = true
	}
	return m
}()

// grid is one 签到表 with its layout found.
type grid struct {
	file, sheet string
	header      int // 1-based row of the header
	idCol       int // 1-based; 0 = absent
	nameCol     int
	acts        []gridActivity
	rows        []gridRow // rows holding at least one mark
}

// gridActivity is one activity column. ok is false when its date or item
// cell is missing or bad (already reported): its marks are then checked
// but not counted.
type gridActivity struct {
	col  int
	name string    // header cell, "" allowed
	date time.Time // zero when missing or bad
	code string    // 项目编码 as written, "" when missing
	ok   bool
}

// pos is the activity's header cell, where column problems are reported.
func (g *grid) actPos(a *gridActivity) model.Pos {
	return model.Pos{File: g.file, Sheet: g.sheet, Row: g.header, Col: a.col}
}

// label names an activity in messages: 「主题党日」, or 「D 列」 when its
// header cell is blank.
func (a *gridActivity) label() string {
	if a.name != "" {
		return "「" + a.name + "」"
	}
	return "「" + model.ColumnName(a.col) + " 列」"
}

// gridRow is one member row: the member cells and one mark per activity
// (NoMark for a blank cell or a bad mark, already reported).
type gridRow struct {
	row
	marks []model.Mark
}

// ignoredGridColumn reports a column headed 备注 or 签名 (本人签名, 备注（内部） …),
// which the sign-in sheet carries for paper use and never counts.
func ignoredGridColumn(key string) bool {
	return strings.HasPrefix(key, "备注") || strings.HasPrefix(key, "签名") || strings.HasSuffix(key, "签名")
}

// labelKey reads a cell as a row label: 活动日期, 活动日期：.
func labelKey(s string) string {
	return strings.TrimRight(HeaderKey(s), ":：")
}

// gridHeaderRow is the header row: the first of the first rows naming 编号
// and/or 姓名; 0 when there is none.
func gridHeaderRow(rows [][]string) int {
	for i := 0; i < len(rows) && i < headerRows; i++ {
		for _, c := range rows[i] {
			if k := HeaderKey(c); k == model.GridID.Header || k == model.GridName.Header {
				return i + 1
			}
		}
	}
	return 0
}

// memberBlock finds the member block, the leftmost run of
// 序号/编号/姓名/党小组 columns, noting its 编号 and 姓名 columns; it
// returns the block's last column.
func (g *grid) memberBlock(head []string) (last int) {
	first := 0
	for j, c := range head {
		k := HeaderKey(c)
		if k == "" {
			continue // a blank header inside the block (a narrow column) does not end it
		}
		if memberHeaders[k] {
			if first == 0 {
				first = j + 1
			}
			last = j + 1
			switch k {
			case model.GridID.Header:
				if g.idCol == 0 {
					g.idCol = j + 1
				}
			case model.GridName.Header:
				if g.nameCol == 0 {
					g.nameCol = j + 1
				}
			}
			continue
		}
		if first != 0 {
			break
		}
	}
	return last
}

// labelRows finds the 活动日期 and 项目编码 rows above the header, labelled
// in a column left of the activity columns (up to last); 0 for a missing
// one.
func (g *grid) labelRows(rows [][]string, last int, fs *model.Limiter) (dateRow, itemRow int) {
	for i := 0; i < g.header-1; i++ {
		r := rows[i]
		for j := 0; j < last && j < len(r); j++ {
			k := labelKey(r[j])
			if k != model.GridDate.Header && k != model.GridItem.Header {
				continue
			}
			at := model.Pos{File: g.file, Sheet: g.sheet, Row: i + 1, Col: j + 1}
			dst := &dateRow
			if k == model.GridItem.Header {
				dst = &itemRow
			}
			if *dst != 0 && *dst != i+1 {
				fs.Errorf(at, "「%s」行重复（已在第 %d 行），请只保留一行", k, *dst)
			} else {
				*dst = i + 1
			}
			break
		}
	}
	return dateRow, itemRow
}

// parseGrid reads one 签到表. year bounds the activity dates. ok is false
// (with a finding) when the sheet has no header row.
func parseGrid(file string, s *sheet.Sheet, date1904 bool, year int, fs *model.Limiter) (*grid, bool) {
	g := &grid{file: file, sheet: s.Name}
	sheetPos := model.Pos{File: file, Sheet: s.Name}
	g.header = gridHeaderRow(s.Rows)
	if g.header == 0 {
		if !hasContent(s.Rows) {
			fs.Warnf(sheetPos, "工作表「%s」是空表，已忽略", s.Name)
			return nil, false
		}
		fs.Errorf(model.Pos{File: file, Sheet: s.Name, Row: 1, Col: 1}, "工作表「%s」找不到表头：前 %d 行中没有一行包含「编号」或「姓名」", s.Name, headerRows)
		return nil, false
	}
	head := s.Rows[g.header-1]

	last := g.memberBlock(head)
	dateRow, itemRow := g.labelRows(s.Rows, last, fs)
	cell := func(row, col int) string { // 1-based; "" outside the sheet
		if row < 1 || row > len(s.Rows) || col < 1 || col > len(s.Rows[row-1]) {
			return ""
		}
		return s.Rows[row-1][col-1]
	}

	// The activity columns: after the block, any column with a header, a
	// date or an item, except 备注 and 签名.
	width := len(head)
	for _, r := range []int{dateRow, itemRow} {
		if r > 0 {
			width = max(width, len(s.Rows[r-1]))
		}
	}
	skipped := map[int]bool{} // 备注 and 签名 columns
	for col := last + 1; col <= width; col++ {
		name, rawDate, code := cell(g.header, col), cell(dateRow, col), cell(itemRow, col)
		if name == "" && rawDate == "" && code == "" {
			continue
		}
		if name != "" && ignoredGridColumn(HeaderKey(name)) {
			skipped[col] = true
			continue
		}
		a := gridActivity{col: col, name: name, code: code, ok: true}
		g.checkActivity(&a, rawDate, dateRow, itemRow, date1904, year, fs)
		g.acts = append(g.acts, a)
	}

	// Formulas without a stored result read as blank, though they are not.
	isAct := map[int]bool{}
	for _, a := range g.acts {
		isAct[a.col] = true
	}
	for _, rc := range s.Uncalculated {
		r, c := rc[0], rc[1]
		if isAct[c] && (r > g.header || r == dateRow || r == itemRow) || (r > g.header && (c == g.idCol || c == g.nameCol)) {
			fs.Errorf(model.Pos{File: file, Sheet: s.Name, Row: r, Col: c},
				"单元格是公式，但文件中没有保存计算结果，请在 Excel 或 WPS 中打开该文件并保存后再试")
		}
	}

	g.strayMarks(s.Rows, last, isAct, skipped, fs)

	// The member rows. A row without any mark is not read: a roster line
	// nobody was expected at, or a note under the table.
	for i := g.header; i < len(s.Rows); i++ {
		gr := gridRow{row: row{n: i + 1, cells: s.Rows[i]}}
		var bad []int // activity indexes of unreadable marks
		same, first := true, ""
		for k, a := range g.acts {
			raw := cell(i+1, a.col)
			m, err := ParseMark(raw)
			if err == nil && m == model.NoMark {
				continue // blank, or only spaces
			}
			if gr.marks == nil {
				gr.marks = make([]model.Mark, len(g.acts))
				first = raw
			}
			same = same && raw == first
			if err != nil {
				bad = append(bad, k)
				continue
			}
			gr.marks[k] = m
		}
		if gr.marks == nil {
			continue
		}
		// A note merged across the whole row («注：√ 表示出席 …») repeats
		// its text in every cell, the member cells included: not a member.
		if same && len(bad) > 0 && (cell(i+1, g.idCol) == first || cell(i+1, g.nameCol) == first) {
			continue
		}
		for _, k := range bad {
			fs.Errorf(model.Pos{File: file, Sheet: s.Name, Row: i + 1, Col: g.acts[k].col},
				"签到标记「%s」无法识别：出席填 √，请假填 请假，缺席填 ×；不需参加的留空", cell(i+1, g.acts[k].col))
		}
		g.rows = append(g.rows, gr)
	}
	return g, true
}

// checkActivity reads an activity column's date (rawDate, from dateRow)
// and checks its item code (from itemRow); a column that lacks either, or
// whose date is not a day of year, gets a finding and is not ok.
func (g *grid) checkActivity(a *gridActivity, rawDate string, dateRow, itemRow int, date1904 bool, year int, fs *model.Limiter) {
	at := g.actPos(a)
	switch {
	case rawDate == "" && dateRow == 0:
		fs.Errorf(at, "签到列%s缺少活动日期：表头上方没有「%s」行", a.label(), model.GridDate.Header)
		a.ok = false
	case rawDate == "":
		fs.Errorf(at, "签到列%s缺少活动日期（第 %d 行「%s」）", a.label(), dateRow, model.GridDate.Header)
		a.ok = false
	default:
		d, err := ParseDate(rawDate, date1904)
		switch {
		case err != nil:
			fs.Errorf(at, "签到列%s的活动日期「%s」不是有效日期（可写作 %d-03-05、%d/3/5 或 %d年3月5日）", a.label(), rawDate, year, year, year)
			a.ok = false
		case d.Year() != year:
			fs.Errorf(at, "签到列%s的活动日期 %s 不在 %d 年度内%s", a.label(), model.DateString(d), year, outOfYear(path.Dir(g.file), year, d.Year()))
			a.ok = false
		default:
			a.date = d
		}
	}
	switch {
	case a.code == "" && itemRow == 0:
		fs.Errorf(at, "签到列%s缺少项目编码：表头上方没有「%s」行", a.label(), model.GridItem.Header)
		a.ok = false
	case a.code == "":
		fs.Errorf(at, "签到列%s缺少项目编码（第 %d 行「%s」）", a.label(), itemRow, model.GridItem.Header)
		a.ok = false
	}
}

// strayMarks warns, once a column, of marks in a column that is no
// activity (no name, date or item: the committee ticked before filling
// the labels); they would be lost silently.
func (g *grid) strayMarks(rows [][]string, last int, isAct, skipped map[int]bool, fs *model.Limiter) {
	warned := map[int]bool{}
	for i := g.header; i < len(rows); i++ {
		for j := last; j < len(rows[i]); j++ {
			col := j + 1
			if raw := rows[i][j]; raw == "" || isAct[col] || skipped[col] || warned[col] {
				continue
			}
			if m, err := ParseMark(rows[i][j]); err == nil && m != model.NoMark {
				warned[col] = true
				fs.Warnf(model.Pos{File: g.file, Sheet: g.sheet, Row: i + 1, Col: col},
					"%s 列有签到标记，但没有活动名称、活动日期和项目编码，该列未读取", model.ColumnName(col))
			}
		}
	}
}

// plainMarks are the marks as a dropdown or a keyboard writes them, found
// without folding: a grid holds tens of thousands.
var plainMarks = map[string]model.Mark{"": model.NoMark, "√": model.Present, "1": model.Present,
	"请假": model.Excused, "×": model.Absent, "0": model.Absent}

// ParseMark reads one 签到表 cell (SPEC §2.11): trimmed, full-width and
// lower-case letters allowed. Blank is NoMark with a nil error.
func ParseMark(raw string) (model.Mark, error) {
	if m, ok := plainMarks[raw]; ok { // the forms typed or picked from the dropdown
		return m, nil
	}
	switch strings.ToUpper(fold(raw)) {
	case "":
		return model.NoMark, nil
	case "√", "✓", "✔", "○", "〇", "出席", "到", "是", "1", "Y":
		return model.Present, nil
	case "请假", "假":
		return model.Excused, nil
	case "×", "✗", "✘", "X", "缺席", "缺", "否", "0", "N":
		return model.Absent, nil
	}
	return model.NoMark, ErrSyntax
}

// gridMark is one readable mark of a resolved member on a valid activity.
type gridMark struct {
	pos    model.Pos
	row    int // worksheet row, to warn once per row
	member *model.Member
	act    *model.Activity
	mark   model.Mark
}

// readGrids resolves every 签到表's items and members and turns its marks
// into attendance, entries and 缺席扣分项目 deductions (SPEC §2.11). Marks
// are taken in place order (file, sheet, cell), the order findings are
// printed in, so a duplicate is reported at the later mark.
func (yl *yearLoader) readGrids() {
	n := 0
	for _, g := range yl.grids {
		for _, r := range g.rows {
			for _, mk := range r.marks {
				if mk != model.NoMark {
					n++
				}
			}
		}
	}
	marks := make([]gridMark, 0, n)
	for _, g := range yl.grids {
		acts := make([]*model.Activity, len(g.acts))
		for k := range g.acts {
			a := &g.acts[k]
			it := yl.gridItem(g, a)
			if !a.ok || it == nil {
				continue
			}
			acts[k] = &model.Activity{Pos: g.actPos(a), Name: a.name, Date: a.date, Item: it}
			yl.y.Activities = append(yl.y.Activities, acts[k])
		}
		sc := model.KindGrid.Schema()
		t := &table{kind: model.KindGrid, schema: sc, file: g.file, sheet: g.sheet, header: g.header, cols: make([]int, len(sc.Columns))}
		t.cols[model.GridID.Index()], t.cols[model.GridName.Index()] = g.idCol, g.nameCol
		for _, r := range g.rows {
			m := yl.row(t, r.row).member()
			if m == nil {
				continue
			}
			for k, mk := range r.marks {
				if mk != model.NoMark && acts[k] != nil {
					marks = append(marks, gridMark{pos: model.Pos{File: g.file, Sheet: g.sheet, Row: r.n, Col: g.acts[k].col},
						row: r.n, member: m, act: acts[k], mark: mk})
				}
			}
		}
	}
	slices.SortStableFunc(marks, func(a, b gridMark) int {
		switch {
		case a.pos.Less(b.pos):
			return -1
		case b.pos.Less(a.pos):
			return 1
		}
		return 0
	})

	type once struct {
		m    *model.Member
		item *model.Item
		day  int64
	}
	first := make(map[once]int, len(marks)) // → index in marks
	type rowKey struct {
		file, sheet string
		row         int
	}
	warned := map[rowKey]bool{}
	st := &yl.y.Settings
	for i := range marks {
		gm := &marks[i]
		m, act := gm.member, gm.act
		k := once{m, act.Item, act.Date.Unix()}
		if j, dup := first[k]; dup {
			yl.fs.Errorf(gm.pos, "党员「%s」%s「%s」的签到重复（已在 %s 标记）", m.Name, model.DateString(act.Date), act.Item.Name, marks[j].pos)
			continue
		}
		first[k] = i
		if m.Exempt {
			if rk := (rowKey{gm.pos.File, gm.pos.Sheet, gm.row}); !warned[rk] {
				warned[rk] = true
				yl.fs.Warnf(gm.pos, "党员「%s」不纳入积分管理，本行不计分", m.Name)
			}
			continue
		}
		if !m.Active(act.Date) {
			yl.fs.Errorf(gm.pos, "活动日期 %s 不在党员「%s」参加积分管理的期间（%s）内", model.DateString(act.Date), m.Name, period(m))
			continue
		}
		at := &model.Attendance{Pos: gm.pos, Member: m, Activity: act, Mark: gm.mark}
		it := act.Item
		base := it.Kind == model.Base
		var counts bool
		switch {
		case base && st.BaseMode == model.Deduct:
			counts = gm.mark == model.Absent // base items are negative: only an absence deducts
		default:
			counts = gm.mark == model.Present
		}
		if counts {
			at.Entry = &model.Entry{Pos: gm.pos, Date: act.Date, Member: m, Item: it, Count: 1, Points: it.Points,
				Reason: act.Name, RegDate: act.Date, Mark: gm.mark}
			yl.y.Entries = append(yl.y.Entries, at.Entry)
		}
		if base && gm.mark == model.Absent && st.AbsenceItem != nil {
			what := act.Name
			if what == "" {
				what = it.Name
			}
			at.Deduction = &model.DeductionEntry{Pos: gm.pos, Date: act.Date, Member: m, Item: st.AbsenceItem,
				Points: st.AbsenceItem.Points.Abs(), Reason: "无故缺席：" + what, Source: model.SourceCommittee, Mark: model.Absent}
			yl.y.Deductions = append(yl.y.Deductions, at.Deduction)
		}
		yl.y.Attendance = append(yl.y.Attendance, at)
	}
}

// gridItem resolves an activity column's 项目编码: a base or reward item,
// else an error at the column's header cell.
func (yl *yearLoader) gridItem(g *grid, a *gridActivity) *model.Item {
	if a.code == "" {
		return nil
	}
	it, bad, mismatch := yl.itemRef(a.code)
	switch {
	case bad:
		return nil
	case mismatch != "":
		yl.fs.Errorf(g.actPos(a), "签到列%s的项目编码「%s」%s", a.label(), a.code, mismatch)
		return nil
	case it == nil:
		yl.fs.Errorf(g.actPos(a), "签到列%s的项目编码「%s」不在考核项目表中", a.label(), a.code)
		return nil
	case it.Kind == model.Deduction:
		yl.fs.Errorf(g.actPos(a), "签到列%s的项目编码「%s」是扣分项目，签到表只能使用基础或奖励项目（缺席扣分请在设置中填写「缺席扣分项目」）", a.label(), a.code)
		return nil
	}
	return it
}
