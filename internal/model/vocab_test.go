package model

import "testing"

func TestPeriodLabel(t *testing.T) {
	for _, c := range []struct {
		year, q int
		want    string
	}{{2026, 1, "2026年第一季度"}, {2026, 4, "2026年第四季度"}, {2025, 0, "2025年度"}} {
		if got := PeriodLabel(c.year, c.q); got != c.want {
			t.Errorf("PeriodLabel(%d, %d) = %s, want %s", c.year, c.q, got, c.want)
		}
	}
}
