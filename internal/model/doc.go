// Package model holds jifen's domain: the points register of one branch as
// read from its workbooks (settings, rubric, roster, entries …), the
// positioned findings produced while reading and validating it and the one
// way they are printed (print.go), exact point values, the scored results,
// and the register's vocabulary (vocab.go): every closed list a cell may
// hold and every label the documents print, defined once for all packages.
//
// The package does no I/O and imports only the standard library, so every
// rule can be tested with plain values. Confidential columns (举报人, 提出人,
// 备注（内部）, ID numbers, phones, addresses) have no field here at all: they
// are never read out of the workbook, so no later stage can leak them.
package model
