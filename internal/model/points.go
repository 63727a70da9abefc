package model

import (
	"errors"
	"math/big"
	"strconv"
	"strings"
)

// Points is an exact point value in hundredths (1.25 points = 125). Inputs
// carry at most two decimals (SPEC §2), so sums, caps and quarter totals are
// exact integers; only averages and the democratic points need rationals.
type Points int64

// ErrTooManyDecimals reports a number with more than two decimal places.
var ErrTooManyDecimals = errors.New("too many decimals")

// MaxNumberLen bounds the text of a number the parsers hand to big.Rat:
// the longest a cell's value can honestly be, 1e15 hundredths with 17
// digits of binary float noise ("2.2999999999999998"), is under 40.
const MaxNumberLen = 64

// ParsePoints parses a normalised decimal such as "-1.5", "+2", "0.25", "3."
// or ".5". The caller has already mapped full-width digits and signs (NFKC).
func ParsePoints(s string) (Points, error) {
	// Refused before big.Rat sees them: an exponent ("1e1000000" costs it
	// megabytes and tens of milliseconds, in every cell of a column) and
	// text longer than any point value with float noise can be.
	if len(s) > MaxNumberLen || strings.ContainsAny(s, "/eE") {
		return 0, strconv.ErrSyntax
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return 0, strconv.ErrSyntax
	}
	r.Mul(r, big.NewRat(100, 1))
	if !r.IsInt() {
		return 0, ErrTooManyDecimals
	}
	if !r.Num().IsInt64() {
		return 0, strconv.ErrRange
	}
	v := r.Num().Int64()
	if v > 1e15 || v < -1e15 {
		return 0, strconv.ErrRange
	}
	return Points(v), nil
}

// P builds Points from whole points, for tests and defaults.
func P(whole int64) Points { return Points(whole * 100) }

// Rat returns the exact value as a rational.
func (p Points) Rat() *big.Rat { return big.NewRat(int64(p), 100) }

// Abs returns the magnitude.
func (p Points) Abs() Points {
	if p < 0 {
		return -p
	}
	return p
}

// String formats the value with at most two decimals and no trailing zeros:
// 80, 78.5, 1.25, -3.
func (p Points) String() string { return formatHundredths(int64(p), false) }

// Signed is String with a plus sign on positive values: +5, -1.5, 0.
func (p Points) Signed() string {
	if p > 0 {
		return "+" + p.String()
	}
	return p.String()
}

// Fixed formats the value with exactly two decimals: 80.00.
func (p Points) Fixed() string { return formatHundredths(int64(p), true) }

// Places is how many decimals (0, 1 or 2) show every value exactly: a
// table column prints all its figures with this many, so that 84, 86.5 and
// 87.35 read 84.00, 86.50 and 87.35, aligned on the decimal point.
func Places(ps ...Points) int {
	n := 0
	for _, p := range ps {
		switch {
		case p%10 != 0:
			return 2
		case p%100 != 0:
			n = 1
		}
	}
	return n
}

// Format formats the value with exactly places decimals (0–2), which must
// be at least Places(p): 84 → "84.0" with 1.
func (p Points) Format(places int) string {
	s := formatHundredths(int64(p), true)
	switch places {
	case 0:
		return s[:len(s)-3]
	case 1:
		return s[:len(s)-1]
	}
	return s
}

// Figures formats a column of figures with one number of decimals, the fewest
// that show every value exactly (see Places).
func Figures(ps ...Points) []string {
	n := Places(ps...)
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Format(n)
	}
	return out
}

// Float returns the value for JSON output only (already exact at 2 decimals).
func (p Points) Float() float64 { return float64(p) / 100 }

func formatHundredths(v int64, fixed bool) string {
	neg := v < 0
	if neg {
		v = -v
	}
	s := strconv.FormatInt(v/100, 10)
	frac := v % 100
	if fixed || frac != 0 {
		f := strconv.FormatInt(frac+100, 10)[1:]
		if !fixed {
			f = strings.TrimRight(f, "0")
		}
		s += "." + f
	}
	if neg {
		s = "-" + s
	}
	return s
}

// Round2 rounds an exact rational half away from zero (四舍五入) to hundredths.
// This is the only place where exact values lose precision, and only for
// display and export.
func Round2(r *big.Rat) Points {
	if r == nil {
		return 0
	}
	x := new(big.Rat).Mul(r, big.NewRat(100, 1))
	num := new(big.Int).Set(x.Num())
	den := x.Denom()
	neg := num.Sign() < 0
	num.Abs(num)
	// floor((2·num + den) / (2·den)) rounds half up on the magnitude.
	num.Mul(num, big.NewInt(2)).Add(num, den)
	q := new(big.Int).Quo(num, new(big.Int).Mul(den, big.NewInt(2)))
	v := q.Int64()
	if neg {
		v = -v
	}
	return Points(v)
}

// RatString formats a rational rounded to two decimals, trailing zeros dropped.
func RatString(r *big.Rat) string { return Round2(r).String() }

// Cmp compares a rational with whole points: -1, 0, +1.
func Cmp(r *big.Rat, whole int64) int { return r.Cmp(big.NewRat(whole, 1)) }
