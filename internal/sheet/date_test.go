package sheet

import (
	"math"
	"testing"
	"time"
)

func TestSerialDate(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		serial float64
		d1904  bool
		want   time.Time
	}{
		{1, false, d(1900, 1, 1)},
		{59, false, d(1900, 2, 28)},
		{60, false, d(1900, 2, 28)}, // the phantom 1900-02-29
		{61, false, d(1900, 3, 1)},
		{46086, false, d(2026, 3, 5)},
		{46086.75, false, d(2026, 3, 5)}, // a time of day is dropped
		{2958465, false, d(9999, 12, 31)},
		{0, true, d(1904, 1, 1)},
		{44624, true, d(2026, 3, 5)},
	} {
		got, ok := SerialDate(tc.serial, tc.d1904)
		if !ok || !got.Equal(tc.want) {
			t.Errorf("SerialDate(%v, %v) = %v, %v, want %v", tc.serial, tc.d1904, got, ok, tc.want)
		}
	}
	for _, bad := range []float64{-1, math.NaN(), math.Inf(1)} {
		if _, ok := SerialDate(bad, false); ok {
			t.Errorf("SerialDate(%v) ok", bad)
		}
	}
}

// Serial is SerialDate's inverse from 1900-03-01 to 9999-12-31.
func TestSerialRoundTrip(t *testing.T) {
	for day := time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC); day.Year() < 10000; day = day.AddDate(0, 0, 1) {
		if got, _ := SerialDate(float64(Serial(day)), false); !got.Equal(day) {
			t.Fatalf("SerialDate(Serial(%v)) = %v", day, got)
		}
	}
}
