// Package pdf renders jifen's printable documents (SPEC §6–§7) and is the
// only importer of fpdf:
//
//   - QuarterNotice and AnnualNotice: the public 公示 for the bulletin board,
//     carrying only names, 党小组, the figures, the period and how to object;
//   - Slips and AnnualRegister: the committee's 积分核实单 and 《党员积分制管理
//     年度综合积分登记表》 for reports/.
//
// All documents are A4 with the CJK font embedded as a subset (WenQuanYi Micro
// Hei, shipped in font/ under Apache-2.0, or the 字体文件 setting through
// ParseFont), text that pdftotext and copy/paste give back, a table header
// repeated on every page and a footer 「第 X 页 共 Y 页」.
//
// fpdf v0.9.0 has CJK traps (PITFALLS §6) that shape this package: it drops a
// character at every automatic line break, so wrap.go breaks every line
// itself (losslessly, with the line-start/line-end rules) and pages are broken
// by hand; it panics on runes above U+FFFF and draws missing glyphs as empty
// boxes silently, so every workbook string passes a checker that replaces the
// first and reports both as warnings naming the cell; it has no bold face, so
// bold is faked with text rendering mode 2. No text can hang a build
// (PITFALLS §9, issue 24): the wrapper makes progress at every width, no
// table column is narrower than one character, a running head is one line
// and never breaks its own page, and a row too tall for a fresh page is
// split or cut, never retried; FuzzDocuments holds every document to this
// under a time and memory watchdog. Output is deterministic: catalog
// sorting, every document dated by its content (the quarter's publication
// start, the annual decision date) rather than the build's clock, identical
// bytes for identical input.
package pdf
