package sheet

import (
	"math"
	"time"
)

// Excel stores a date as a serial number of days. In the 1900 date system
// serial 1 is 1900-01-01 and serial 60 is the 29 February 1900 that never
// was (Lotus 1-2-3's leap-year bug, kept for compatibility), so from
// 1900-03-01 on a serial counts from 1899-12-30; in the 1904 system (old
// Mac workbooks) serial 0 is 1904-01-01.
var (
	epoch1900 = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	epoch1904 = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
)

// SerialDate is the calendar day of an Excel date serial in the workbook's
// date system (Book.Date1904); a time of day in the fraction is dropped.
// ok is false for a serial no calendar holds (negative, NaN, infinite).
// Dates reach the reader as raw serials, so this is the one conversion of
// a stored date. It gives what excelize.ExcelDateToTime gives, day for day
// (workbook's TestSerialDateAsExcelize): serials 1–59 are January and
// February 1900, and the phantom 60 reads as 1900-02-28.
func SerialDate(serial float64, date1904 bool) (t time.Time, ok bool) {
	if serial < 0 || math.IsNaN(serial) || math.IsInf(serial, 0) {
		return time.Time{}, false
	}
	n := int(math.Floor(serial))
	switch {
	case date1904:
		return epoch1904.AddDate(0, 0, n), true
	case n >= 1 && n <= 60:
		return epoch1900.AddDate(0, 0, min(n, 59)+1), true
	}
	return epoch1900.AddDate(0, 0, n), true
}

// Serial is the 1900-system serial of a calendar day, as the writers store
// dates: the inverse of SerialDate for every day Excel holds (1900-01-01 to
// 9999-12-31). Counted in whole days: a time.Duration overflows after
// 2262, and Sub saturates from 2192 on, which once wrote every later date
// as 2192-04-11 (issue 24). Before 1900-03-01 the serial is one less,
// for the phantom 1900-02-29.
func Serial(t time.Time) int {
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	days := int((d.Unix() - epoch1900.Unix()) / 86400)
	if days < 61 {
		days--
	}
	return days
}
