// Package archive keeps the publication record of SPEC §11: what was posted
// on the bulletin board stays as posted.
//
// `jifen post` archives a period's notice into data/<year>/公示存档/ as two
// files: the PDF exactly as the build makes it, and a record (format
// jifen-公示存档, version 1, docs/archive.md) naming the period, the kind
// (公示 or 更正公示), the day it went up, its 公示期, the PDF's SHA-256, the
// SHA-256 of the year's previous record, and every published figure of every
// member as the decimal string the notice printed. The records of a year
// form a chain, so a record removed or rewritten later is seen.
//
// The package has an I/O edge and a pure middle:
//
//   - format.go  Encode and Decode of a record: bytes ↔ *model.Record (pure)
//   - chain.go   Chain: the year's records in chain order, and every break (pure)
//   - compare.go Published (a period's figures as the notice prints them),
//     Compare (the changes against a record, each with the 异议处理 row that
//     explains it) and Attach (every period's state, the pending 更正公示,
//     the findings) — functions of domain values (pure)
//   - read.go    Read: one year folder's 公示存档, bounded, each PDF checked
//     against its SHA-256 (I/O)
//   - write.go   Write: a record and its PDF, never overwriting (I/O)
//
// Every problem with the archive itself (a file that cannot be read, a PDF
// that does not match, a broken chain) is an error at the file: a build
// never publishes over a damaged record.
package archive
