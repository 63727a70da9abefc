package load

import (
	"errors"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/sheet"
)

// Parse errors; the caller turns them into positioned Chinese findings.
var (
	ErrEmpty    = errors.New("empty")
	ErrSyntax   = errors.New("syntax")
	ErrDecimals = errors.New("too many decimals")
	ErrRange    = errors.New("out of range")
)

// dashes are the minus signs NFKC leaves alone; built once, as building a
// Replacer per cell dominated reading a 签到表 of 100,000 marks.
var dashes = strings.NewReplacer("−", "-", "–", "-", "—", "-", "－", "-")

// fold applies NFKC to codes, numbers and dates only (never to prose: it
// would turn （：into (:), so full-width digits, letters and signs become
// ASCII. U+2212 MINUS SIGN and other dashes are not covered by NFKC.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.TrimSpace(s)
	}
	s = norm.NFKC.String(s)
	s = dashes.Replace(s)
	return strings.TrimSpace(s)
}

var (
	dateRE    = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$`)
	compactRE = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	serialRE  = regexp.MustCompile(`^\d+(\.\d+)?([eE][-+]?\d+)?$`)
)

// maxSerial is 9999-12-31 in the 1900 date system.
const maxSerial = 2958465

// ParseDate reads a date from a raw cell value: an Excel serial number in
// the workbook's date system, or text 2026-03-05, 2026/3/5, 2026.3.5,
// 2026年3月5日 or 20260305 (full-width digits allowed). A time of day, in
// the serial's fraction or after the date text, is ignored.
func ParseDate(raw string, date1904 bool) (time.Time, error) {
	s := fold(raw)
	if s == "" {
		return time.Time{}, ErrEmpty
	}
	if m := compactRE.FindStringSubmatch(s); m != nil {
		return ymd(m[1], m[2], m[3])
	}
	if serialRE.MatchString(s) {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || v < 1 || v > maxSerial {
			return time.Time{}, ErrRange
		}
		t, ok := sheet.SerialDate(v, date1904)
		if !ok {
			return time.Time{}, ErrRange
		}
		return t, nil
	}
	// Drop a time of day: "2026-03-05 14:30", ISO "2026-03-05T00:00:00".
	if i := strings.IndexAny(s, " T"); i >= 8 {
		s = strings.TrimSpace(s[:i])
	}
	m := dateRE.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, ErrSyntax
	}
	return ymd(m[1], m[2], m[3])
}

func ymd(ys, ms, ds string) (time.Time, error) {
	y, _ := strconv.Atoi(ys)
	m, _ := strconv.Atoi(ms)
	d, _ := strconv.Atoi(ds)
	t := model.NewDate(y, time.Month(m), d)
	if y < 1900 || t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return time.Time{}, ErrRange
	}
	return t, nil
}

// ParseNumber reads points from a numeric cell or numeric text: full-width
// digits and ＋/－ allowed, at most two decimals (1.255 is refused). A raw
// value carrying binary float noise (2.2999999999999998, from a formula) is
// taken as the two-decimal number it is within 1e-9 of.
func ParseNumber(raw string) (model.Points, error) {
	s := fold(raw)
	if s == "" {
		return 0, ErrEmpty
	}
	s = strings.ReplaceAll(s, " ", "")
	p, err := model.ParsePoints(s)
	switch {
	case err == nil:
		return p, nil
	case errors.Is(err, model.ErrTooManyDecimals):
		if _, frac, _ := strings.Cut(s, "."); len(frac) >= 12 {
			if f, err := strconv.ParseFloat(s, 64); err == nil {
				r := math.Round(f * 100)
				if math.Abs(f*100-r) < 1e-7 {
					return model.Points(r), nil
				}
			}
		}
		return 0, ErrDecimals
	case errors.Is(err, strconv.ErrRange):
		return 0, ErrRange
	}
	return 0, ErrSyntax
}

// ParseInt reads a whole number (次数, 票数, 天数): "3", "３", "3.0".
func ParseInt(raw string) (int, error) {
	p, err := ParseNumber(raw)
	if err != nil {
		if err == ErrDecimals {
			return 0, ErrSyntax
		}
		return 0, err
	}
	if p%100 != 0 {
		return 0, ErrSyntax
	}
	if p > 1e9*100 || p < -1e9*100 {
		return 0, ErrRange
	}
	return int(p / 100), nil
}

// ParseBool reads a 是/否 cell: 是/否, Y/N, yes/no, true/false, √/×, 1/0;
// blank is 否.
func ParseBool(raw string) (bool, error) {
	switch strings.ToLower(fold(raw)) {
	case model.Yes, "y", "yes", "true", "√", "✓", "✔", "1", "对":
		return true, nil
	case "", model.No, "n", "no", "false", "×", "✗", "✘", "0", "不":
		return false, nil
	}
	return false, ErrSyntax
}

// ParseRatio reads a share or weight: "15%", a percentage cell stored as
// 0.15, or 15 meaning 15%. Values are rounded to 1e-9 to drop float noise
// from percentage cells, then kept exact.
func ParseRatio(raw string) (*big.Rat, error) {
	s := fold(raw)
	if s == "" {
		return nil, ErrEmpty
	}
	pct := strings.HasSuffix(s, "%")
	s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	if len(s) > model.MaxNumberLen || !serialRE.MatchString(strings.TrimPrefix(s, "+")) {
		return nil, ErrSyntax
	}
	// An exponent is read by big.Rat in full: 15e1000000 would be a number
	// of a million digits. No share is written with one beyond ±20.
	if _, exp, ok := strings.Cut(strings.ToLower(s), "e"); ok {
		if n, err := strconv.Atoi(exp); err != nil || n < -20 || n > 20 {
			return nil, ErrRange
		}
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return nil, ErrSyntax
	}
	// Round to 1e-9.
	n := new(big.Rat).Mul(r, big.NewRat(1e9, 1))
	q := new(big.Int).Quo(new(big.Int).Add(new(big.Int).Mul(n.Num(), big.NewInt(2)), n.Denom()), new(big.Int).Mul(n.Denom(), big.NewInt(2)))
	r.SetFrac(q, big.NewInt(1e9))
	if pct || r.Cmp(big.NewRat(1, 1)) > 0 {
		r.Quo(r, big.NewRat(100, 1))
	}
	return r, nil
}

// ParseQuarter reads 1–4, 一季度, 第一季度, 第1季度, Q1.
func ParseQuarter(raw string) (int, error) {
	s := strings.ToUpper(fold(raw))
	if s == "" {
		return 0, ErrEmpty
	}
	s = strings.TrimPrefix(s, "Q")
	s = strings.TrimPrefix(s, "第")
	s = strings.TrimSuffix(s, "季度")
	switch s {
	case "1", "一":
		return 1, nil
	case "2", "二":
		return 2, nil
	case "3", "三":
		return 3, nil
	case "4", "四":
		return 4, nil
	}
	if n, err := ParseInt(s); err == nil && n >= 1 && n <= 4 {
		return n, nil
	}
	return 0, ErrSyntax
}

// AnnualPeriod reports whether a 季度 cell names the year as a whole: an
// objection to the annual 公示 (年度, 全年, 年度公示).
func AnnualPeriod(raw string) bool {
	switch fold(raw) {
	case "年度", "全年", "年度公示", "年度评定":
		return true
	}
	return false
}

// CanonID is the form in which 编号 and 编码 values are compared: trimmed,
// NFKC-folded, and for all-digit values without leading zeros, because
// Excel turns a typed 001 into the number 1.
func CanonID(s string) string {
	s = fold(s)
	if s == "" || !allDigits(s) {
		return s
	}
	t := strings.TrimLeft(s, "0")
	if t == "" {
		return "0"
	}
	return t
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// HeaderKey is the form in which header cells are matched: no spaces at
// all (姓　名 = 姓名), ASCII parentheses as full-width ones, a trailing
// required-marker * dropped.
func HeaderKey(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\r', '\u3000', '\u00a0', '\u200b', '\ufeff':
			return -1
		case '(':
			return '（'
		case ')':
			return '）'
		}
		return r
	}, s)
	return strings.TrimRight(strings.TrimLeft(s, "*＊"), "*＊")
}

// nameKey compares person names ignoring the spaces used to align
// two-character names (王　五 = 王五).
func nameKey(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\u3000', '\u00a0':
			return -1
		}
		return r
	}, s)
}
