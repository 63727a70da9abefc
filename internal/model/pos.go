package model

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Pos names a place in the data folder the way Excel's Name Box does:
// file, sheet and cell. Row and Col are 1-based; a zero Row means the whole
// sheet, a zero Col the whole row (reported as the row's first cell "A17").
type Pos struct {
	File  string // slash-separated path as the user named the data folder, e.g. data/2026/登记.xlsx
	Sheet string
	Row   int
	Col   int
}

// ColumnName returns Excel's column letters for a 1-based column number.
func ColumnName(col int) string {
	if col < 1 {
		return ""
	}
	var b []byte
	for col > 0 {
		col--
		b = append([]byte{byte('A' + col%26)}, b...)
		col /= 26
	}
	return string(b)
}

// Cell returns the cell reference, e.g. "D17", or "" when Row is zero.
func (p Pos) Cell() string {
	if p.Row <= 0 {
		return ""
	}
	c := p.Col
	if c <= 0 {
		c = 1
	}
	return ColumnName(c) + strconv.Itoa(p.Row)
}

// At returns the position of another column in the same row.
func (p Pos) At(col int) Pos { p.Col = col; return p }

// sheetRef quotes a sheet name containing a space or an apostrophe, the
// names Excel's Name Box cannot take bare (STYLE habit 1). Names such as
// 日常登记-第二党小组 or 日常登记（三季度） stay bare, as SPEC §3 writes them.
func sheetRef(name string) string {
	if strings.ContainsAny(name, " '\u3000") {
		return "'" + strings.ReplaceAll(name, "'", "''") + "'"
	}
	return name
}

// String formats the place as file:sheet!CELL (or file:sheet, or file).
func (p Pos) String() string {
	var b strings.Builder
	b.WriteString(escape(p.File, true)) // file names come from the file system: any bytes
	if p.Sheet != "" {
		b.WriteByte(':')
		b.WriteString(sheetRef(escape(p.Sheet, true)))
		if c := p.Cell(); c != "" {
			b.WriteByte('!')
			b.WriteString(c)
		}
	}
	return b.String()
}

// Less orders positions by file, sheet, row, column.
func (p Pos) Less(q Pos) bool {
	if p.File != q.File {
		return p.File < q.File
	}
	if p.Sheet != q.Sheet {
		return p.Sheet < q.Sheet
	}
	if p.Row != q.Row {
		return p.Row < q.Row
	}
	return p.Col < q.Col
}

// Level is a finding's severity.
type Level int

const (
	Info Level = iota
	Warning
	Error
)

func (l Level) String() string {
	switch l {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "info"
}

// Label is the Chinese word printed before a message in text output.
func (l Level) Label() string {
	switch l {
	case Error:
		return "错误"
	case Warning:
		return "警告"
	}
	return "提示"
}

// Finding is one positioned message for the committee, in Chinese.
type Finding struct {
	Level   Level
	Pos     Pos
	Message string
}

// String formats the finding as "file:sheet!CELL: message".
func (f Finding) String() string {
	if s := f.Pos.String(); s != "" {
		return s + ": " + f.Message
	}
	return f.Message
}

// MarshalJSON writes the §3 JSON-lines shape.
func (f Finding) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Level   string `json:"level"`
		File    string `json:"file"`
		Sheet   string `json:"sheet"`
		Cell    string `json:"cell"`
		Message string `json:"message"`
	}{f.Level.String(), escape(f.Pos.File, true), escape(f.Pos.Sheet, true), f.Pos.Cell(), f.Message})
}

// Findings collects every problem of a run; it never stops at the first.
type Findings []Finding

// Add appends a finding with a formatted message. String arguments are
// made printable, and those quoted as 「%s」 (cell values) are cut to
// MaxQuote characters: see Quote.
func (fs *Findings) Add(l Level, p Pos, format string, args ...any) {
	*fs = append(*fs, Finding{Level: l, Pos: p, Message: fmt.Sprintf(format, quoteArgs(format, args)...)})
}

func (fs *Findings) Errorf(p Pos, format string, args ...any) { fs.Add(Error, p, format, args...) }
func (fs *Findings) Warnf(p Pos, format string, args ...any)  { fs.Add(Warning, p, format, args...) }
func (fs *Findings) Infof(p Pos, format string, args ...any)  { fs.Add(Info, p, format, args...) }

// Sort orders findings errors first, then warnings, then notes (SPEC §3),
// each level by place (file, sheet, row, column), then message, and drops
// exact duplicates.
func (fs *Findings) Sort() {
	s := *fs
	sort.SliceStable(s, func(i, j int) bool {
		if s[i].Level != s[j].Level {
			return s[i].Level > s[j].Level
		}
		if s[i].Pos != s[j].Pos {
			return s[i].Pos.Less(s[j].Pos)
		}
		return s[i].Message < s[j].Message
	})
	out := s[:0]
	for i, f := range s {
		if i > 0 && f == s[i-1] {
			continue
		}
		out = append(out, f)
	}
	*fs = out
}

// Count returns how many findings have level l.
func (fs Findings) Count(l Level) int {
	n := 0
	for _, f := range fs {
		if f.Level == l {
			n++
		}
	}
	return n
}

// HasErrors reports whether any finding fails the build.
func (fs Findings) HasErrors() bool { return fs.Count(Error) > 0 }
