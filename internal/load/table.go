package load

import (
	"fmt"
	"strings"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/sheet"
)

// headerRows is how far down a sheet the header row is looked for (SPEC §2):
// rows above it are titles such as 「2026年党员积分日常登记表」.
const headerRows = 10

// table is one sheet of a known kind with its header found: the data rows
// and, for each column of the kind that may be read, its 1-based column.
type table struct {
	kind     model.Kind
	schema   *model.Schema
	file     string
	sheet    string
	date1904 bool
	header   int   // 1-based row of the header
	cols     []int // by model.Column.Index: 1-based column, 0 = absent or never read
	rows     []row
}

// row is one non-empty data row.
type row struct {
	n     int // 1-based worksheet row
	cells []string
}

// col is the 1-based column of h (0 when the sheet lacks it). A handle of
// another kind is a bug in the reader, never a blank column: it panics.
func (t *table) col(h *model.Column) int {
	if h.Kind() != t.kind || h.Index() < 0 {
		panic(fmt.Sprintf("load: column %s of %q read on a %s sheet", h.Header, h.Kind(), t.kind))
	}
	return t.cols[h.Index()]
}

// val returns the cell of column h ("" when the column is absent).
func (t *table) val(r row, h *model.Column) string {
	c := t.col(h)
	if c == 0 || c > len(r.cells) {
		return ""
	}
	return r.cells[c-1]
}

// has reports whether the sheet has column h.
func (t *table) has(h *model.Column) bool { return t.col(h) != 0 }

// pos is the cell of column h in row r (column A when the column is absent).
func (t *table) pos(r row, h *model.Column) model.Pos {
	return model.Pos{File: t.file, Sheet: t.sheet, Row: r.n, Col: t.col(h)}
}

func (t *table) sheetPos() model.Pos { return model.Pos{File: t.file, Sheet: t.sheet} }

// newTable finds the header row of a sheet of kind k and collects its data
// rows. ok is false (with an error finding) when no header row is found.
func newTable(k model.Kind, file string, s *sheet.Sheet, date1904 bool, fs *model.Limiter) (*table, bool) {
	sc := k.Schema()
	t := &table{kind: k, schema: sc, file: file, sheet: s.Name, date1904: date1904}
	best, bestMissing := -1, []string(nil)
	for i := 0; i < len(s.Rows) && i < headerRows; i++ {
		keys := map[string]int{}
		for j, c := range s.Rows[i] {
			if kk := HeaderKey(c); kk != "" {
				if _, dup := keys[kk]; !dup {
					keys[kk] = j + 1
				}
			}
		}
		var missing []string
		for _, c := range sc.Columns {
			if c.Required && keys[HeaderKey(c.Header)] == 0 {
				missing = append(missing, c.Header)
			}
		}
		if sc.ID != nil && keys[sc.ID.Header] == 0 && keys[sc.Name.Header] == 0 {
			missing = append(missing, "编号或姓名")
		}
		if len(keys) == 0 {
			continue
		}
		if best < 0 || len(missing) < len(bestMissing) {
			best, bestMissing = i, missing
		}
		if len(missing) > 0 {
			continue
		}
		t.header = i + 1
		// Confidential columns (举报人, 备注（内部）…) get no column: their
		// cells are never looked at, like anything else in the sheet
		// (身份证号, 联系电话 …).
		t.cols = make([]int, len(sc.Columns))
		for _, c := range sc.Columns {
			if !c.Confidential {
				t.cols[c.Index()] = keys[HeaderKey(c.Header)]
			}
		}
		break
	}
	if t.header == 0 {
		if best < 0 {
			// Nothing in the first rows: an empty sheet, or a header too far down.
			if !hasContent(s.Rows) {
				fs.Warnf(t.sheetPos(), "工作表「%s」是空表，已忽略", s.Name)
				return nil, false
			}
			bestMissing = requiredHeaders(k)
		}
		// The place is a cell like every finding's: the row that came
		// closest to a header, else A1.
		pos := t.sheetPos()
		pos.Row, pos.Col = max(best, 0)+1, 1
		fs.Errorf(pos, "工作表「%s」找不到表头：前 %d 行中没有一行同时包含所需列，缺少「%s」",
			s.Name, headerRows, strings.Join(bestMissing, "」「"))
		return nil, false
	}
	readCol := map[int]string{}
	for _, h := range sc.Columns {
		if c := t.cols[h.Index()]; c != 0 {
			readCol[c] = h.Header
		}
	}
	for _, rc := range s.Uncalculated {
		if h, ok := readCol[rc[1]]; ok && rc[0] > t.header {
			fs.Errorf(model.Pos{File: file, Sheet: s.Name, Row: rc[0], Col: rc[1]},
				"%s是公式，但文件中没有保存计算结果，请在 Excel 或 WPS 中打开该文件并保存后再试", h)
		}
	}
	t.rows = make([]row, 0, len(s.Rows)-t.header) // one allocation, even for a million rows
	for i := t.header; i < len(s.Rows); i++ {
		cells := s.Rows[i]
		empty := true
		for _, c := range t.cols {
			if c != 0 && c <= len(cells) && cells[c-1] != "" {
				empty = false
				break
			}
		}
		if !empty {
			t.rows = append(t.rows, row{n: i + 1, cells: cells})
		}
	}
	return t, true
}

func hasContent(rows [][]string) bool {
	for _, r := range rows {
		for _, c := range r {
			if c != "" {
				return true
			}
		}
	}
	return false
}

// requiredHeaders lists the headers a header row of kind k must have.
func requiredHeaders(k model.Kind) []string {
	var hs []string
	for _, c := range k.Schema().Columns {
		if c.Required {
			hs = append(hs, c.Header)
		}
	}
	if k.MemberRef() {
		hs = append(hs, "编号或姓名")
	}
	return hs
}
