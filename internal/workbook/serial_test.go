package workbook

import (
	"bytes"
	"strconv"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/sheet"
)

// TestExcelSerial: every day Excel holds is written as the serial Excel
// gives it, and reads back as the same day: a time.Duration count from
// 1899 saturated after 2192 (issue 24).
func TestExcelSerial(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for _, tt := range []struct {
		t    time.Time
		want int
	}{
		{day(1900, 1, 1), 1},
		{day(1900, 2, 28), 59},
		{day(1900, 3, 1), 61},    // Excel's 60 is a 1900-02-29 that never was
		{day(2026, 3, 5), 46086}, // expected values from Python: (date - date(1899, 12, 30)).days
		{day(2099, 12, 31), 73050},
		{day(2192, 4, 11), 106754},
		{day(2193, 1, 1), 107019},
		{day(9999, 12, 31), 2958465},
		{time.Date(2300, 6, 1, 23, 59, 0, 0, time.FixedZone("CST", 8*3600)), 146250},
	} {
		if got := sheet.Serial(tt.t); got != tt.want {
			t.Errorf("sheet.Serial(%s) = %d, want %d", tt.t.Format("2006-01-02"), got, tt.want)
		}
	}
	for d := day(1900, 3, 1); d.Year() <= 9999; d = d.AddDate(0, 0, 97) {
		if back, ok := sheet.SerialDate(float64(sheet.Serial(d)), false); !ok || !back.Equal(d) {
			t.Fatalf("%s is written as %d, which reads as %s", d.Format("2006-01-02"), sheet.Serial(d), back.Format("2006-01-02"))
		}
	}
}

// TestWriteSheetsLateDates writes dates past 2192 through 汇总.xlsx's writer
// and reads the cells back.
func TestWriteSheetsLateDates(t *testing.T) {
	dates := []time.Time{
		time.Date(2193, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC),
	}
	var buf bytes.Buffer
	if err := WriteSheets(&buf, []sheet.PlainSheet{{Name: "汇总", Headers: []string{"日期"}, Rows: [][]any{{dates[0]}, {dates[1]}}}}); err != nil {
		t.Fatal(err)
	}
	bk, err := Read("汇总.xlsx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range dates {
		raw := bk.Sheets[0].Rows[i+1][0]
		v, _ := strconv.ParseFloat(raw, 64)
		if got, ok := sheet.SerialDate(v, bk.Date1904); !ok || !got.Equal(d) {
			t.Errorf("%s written as %q, read back as %s", d.Format("2006-01-02"), raw, got.Format("2006-01-02"))
		}
	}
}
