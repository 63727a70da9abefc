// Package workbook is jifen's one adapter of excelize (v2.11.1, go.mod): it
// reads .xlsx bytes into the plain tables of internal/sheet and writes the
// workbooks jifen makes. No other package imports excelize, and the stages
// that only look at tables (load, score, render, summary) do not link it
// (sheet's TestPlainPackagesLinkNoExcelize). Display formats never leak out
// of it: cells are read as the raw values they store (RawCellValue), so
// later stages parse dates and numbers from what the cell holds, not from
// what Excel shows.
//
// The files, by job and by what each is tied to:
//
//   - read.go: Read, which sniffs a file (sniff.go) and picks a reader, and
//     what both readers share (Clean, merged ranges).
//   - fastread.go: a hand-written reader of the sheet XML that Excel, WPS
//     and LibreOffice save; tied to that XML, it declines whatever else it
//     meets, and fastread_test.go holds it to excelize's reading.
//   - read_excelize.go: reading through excelize, for every file fastread
//     declines; tied to excelize's API and its English errors, which it
//     turns into advice. temp.go gives excelize a spill folder of our own.
//   - write.go, grid.go: the templates and the demo (model's schema decides
//     each column's format, dropdown, prompt and width; write.go's List the
//     dropdowns that follow the roster and the rubric, grid.go the 签到表
//     and its print layout); cells.go is what every writer shares.
//   - bulk.go: very large registers written straight into a zip, strings
//     shared as office programs store them; tied to nothing but the format.
//   - ledger.go, summary.go: the committee's 台帐 and the superior's
//     汇总.xlsx. The ledger's rows are spliced into excelize's output as it
//     is saved (zip.go): tied to excelize's SetZipWriter and to the empty
//     <sheetData> it writes, and failing closed when either changes
//     (zip_test.go).
package workbook
