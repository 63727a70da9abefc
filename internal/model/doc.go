// Package model holds jifen's domain: the points register of one branch as
// read from its workbooks (settings, rubric, roster, entries …), the
// positioned findings produced while reading and validating it, exact point
// values, and the scored results.
//
// The package does no I/O and imports only the standard library, so every
// rule can be tested with plain values. Confidential columns (举报人, 提出人,
// 备注（内部）, ID numbers, phones, addresses) have no field here at all: they
// are never read out of the workbook, so no later stage can leak them.
package model
