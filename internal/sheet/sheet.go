// Package sheet holds workbooks as plain tables: a Book read into memory
// (sheets of raw, cleaned cell values), the error a file that cannot be
// read gives, and the plain tables the superior's 汇总.xlsx is written
// from. It also knows what the stored values mean where no library is
// needed: Excel's date serials (date.go) and the spreadsheet formats jifen
// refuses, with the advice to give (format.go).
//
// It depends on nothing but the standard library and model, so the stages
// that only look at tables (load, score, render, summary) link no xlsx
// library: reading and writing .xlsx is internal/workbook's job, the one
// adapter of excelize (STYLE habit 5). deps_test.go holds them to that.
package sheet

import "math/big"

// Book is a workbook read into memory: every visible and hidden sheet, raw cell values.
type Book struct {
	Date1904 bool // serial dates count from 1904-01-01 (old Mac workbooks)
	Sheets   []Sheet
}

// Sheet is one worksheet. Rows[i] is worksheet row i+1; rows are ragged
// (trailing empty cells dropped) and cells are normalised (workbook.Clean).
// Merged ranges are expanded: every cell of a range carries the value of
// its top-left cell.
type Sheet struct {
	Name   string
	Hidden bool
	// Helper marks a sheet of jifen's own templates (说明, 选项): it carries
	// the sheet-scoped name workbook.HelperName, its rows are not read, and
	// readers skip it silently.
	Helper bool
	Rows   [][]string
	// Uncalculated lists the cells (1-based row, column) holding a formula
	// without a stored result: they read as blank, though they are not.
	// Files written by other programs than Excel/WPS/LibreOffice do this.
	Uncalculated [][2]int
	// Problem, when not empty, says in Chinese why the sheet could not be
	// read (a chart or macro sheet, a damaged part); Rows is then empty and
	// the other sheets of the workbook are read as usual.
	Problem string
}

// FileError is a workbook that could not be read. Its message is Chinese
// and tells the user what to do; the file's place is added by the caller.
// A truncated zip keeps zip.ErrFormat or io.ErrUnexpectedEOF as its Err,
// which is how the reader of the file (load.Busy) tells a workbook caught
// half-saved from a broken one.
type FileError struct {
	Name string // file name, for logs
	Msg  string
	Err  error // underlying cause, if any
}

func (e *FileError) Error() string { return e.Msg }
func (e *FileError) Unwrap() error { return e.Err }

// PlainSheet is a plain table to write (workbook.WriteSheets): headers in
// row 1, a record per row below. Values are strings, ints, bools (是/否),
// dates (time.Time), points (model.Points, *big.Rat: two decimals),
// Percent or nil.
type PlainSheet struct {
	Name    string
	Headers []string
	Rows    [][]any
}

// Percent is a share written as a percentage cell (0.1% precision); nil
// leaves the cell empty.
type Percent struct{ *big.Rat }
