package workbook

import (
	"math"
	"time"

	"github.com/xuri/excelize/v2"
)

// SerialDate is the calendar day of an Excel date serial in the workbook's
// date system (Book.Date1904); a time of day in the fraction is dropped.
// ok is false for a serial no calendar holds. Dates reach the reader as
// raw serials (RawCellValue), so this is the one conversion of a stored
// date, and excelize stays behind this package.
func SerialDate(serial float64, date1904 bool) (t time.Time, ok bool) {
	t, err := excelize.ExcelDateToTime(math.Floor(serial), date1904)
	if err != nil {
		return time.Time{}, false
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
}
