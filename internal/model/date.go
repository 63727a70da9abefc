package model

import "time"

// Dates are calendar days held as time.Time at UTC midnight; the zero value
// means "not given". Keeping the std type lets every stage use its arithmetic.

// NewDate returns the calendar day y-m-d.
func NewDate(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// DateString formats a day as 2026-03-05, or "" when unset.
func DateString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// DateCN formats a day as 2026年3月5日, or "" when unset.
func DateCN(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006年1月2日")
}

// QuarterOf returns 1–4 for the day's quarter.
func QuarterOf(t time.Time) int { return (int(t.Month())-1)/3 + 1 }

// QuarterStart returns the first day of quarter q of year.
func QuarterStart(year, q int) time.Time { return NewDate(year, time.Month(3*q-2), 1) }

// QuarterEnd returns the last day of quarter q of year.
func QuarterEnd(year, q int) time.Time { return QuarterStart(year, q).AddDate(0, 3, -1) }

// PublicationDue is the last day on which quarter q's 公示 may start: the
// 5th of the month after the quarter (五(四) 「4月、7月、10月、1月的5日前」),
// also the day the quarter's 备案 bundle is due (六 第四阶段; the filing
// package's Duty says what is filed, to whom and by when).
func PublicationDue(year, q int) time.Time { return QuarterEnd(year, q).AddDate(0, 0, 5) }

// MinPublicationDays is how long a 公示 lasts at least (五(四) 「不少于3天」).
const MinPublicationDays = 3

// DaysBetween returns b − a in whole days.
func DaysBetween(a, b time.Time) int { return int(b.Sub(a).Hours() / 24) }

// QuarterCN is the Chinese ordinal of a quarter: 一 二 三 四.
func QuarterCN(q int) string {
	if q < 1 || q > 4 {
		return ""
	}
	return []string{"一", "二", "三", "四"}[q-1]
}
