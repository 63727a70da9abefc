// Package load reads a data folder into a *model.Register: every year
// folder's workbooks, classified by sheet name, validated row by row against
// SPEC §2–§3, with every problem reported as a positioned finding
// (file:sheet!CELL) rather than stopping at the first.
//
// The package has two halves. Reading (load.go, busy.go) is file I/O:
// listing the year folders, reading each workbook's bytes once, keeping
// parsed books in a Cache between the builds of a watcher, and telling a
// file caught half-saved (a *BusyError, which the watcher retries) from one
// that is simply wrong. Validating (year.go and the readers beside it) is
// pure: ParseYear turns workbooks in memory (sheet.Book) into a
// *model.Year and findings, so every rule is tested on values.
//
// Within a year, sheets are read kind by kind in dependency order
// (year.go, finish): 设置 → 考核项目 → 党员名册 → the rows that refer to
// them. A kind is its name and columns in model (Kinds, Kind.Schema), a
// reader here (records.go, master.go; 签到表 has its own layout in
// grid.go), and one line in finish. Readers ask for cells by column
// handle (model.EntryDate …), never by header text: a misspelt column
// does not compile, and a column of another kind panics (table.col).
//
// Confidential columns (举报人, 提出人, 备注（内部）, ID numbers, phones …)
// are never read: only the columns of the kind's model.Schema, minus the
// confidential ones, are ever looked at.
package load
