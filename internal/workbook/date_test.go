package workbook

import (
	"math"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/jifen-dev/jifen/internal/sheet"
)

// TestSerialDateAsExcelize: sheet.SerialDate, which load uses without
// linking excelize, gives the day excelize gives for every serial up to
// beyond 9999-12-31, in both date systems, and drops a time of day as the
// reader always did (math.Floor, then excelize).
func TestSerialDateAsExcelize(t *testing.T) {
	step := 1
	if testing.Short() {
		step = 97
	}
	for _, d1904 := range []bool{false, true} {
		for n := 0; n <= 3_000_000; n += step {
			for _, frac := range []float64{0, 0.999} {
				v := float64(n) + frac
				got, ok := sheet.SerialDate(v, d1904)
				want, err := excelize.ExcelDateToTime(math.Floor(v), d1904)
				if err != nil {
					t.Fatalf("excelize: %v", err)
				}
				want = time.Date(want.Year(), want.Month(), want.Day(), 0, 0, 0, 0, time.UTC)
				if !ok || !got.Equal(want) {
					t.Fatalf("SerialDate(%v, 1904=%v) = %v, %v; excelize gives %v", v, d1904, got, ok, want)
				}
			}
		}
	}
}
