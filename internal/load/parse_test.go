package load

import (
	"math/big"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
)

func TestParseDate(t *testing.T) {
	d := model.NewDate(2026, 3, 5)
	tests := []struct {
		raw   string
		d1904 bool
		want  time.Time
		err   error
	}{
		{"46086", false, d, nil},
		{"46086.75", false, d, nil}, // time of day ignored
		{"44624", true, d, nil},     // 1904 system: 1462 days less
		{"1", false, model.NewDate(1900, 1, 1), nil},
		{"61", false, model.NewDate(1900, 3, 1), nil},
		{"0", true, time.Time{}, ErrRange},
		{"2026-03-05", false, d, nil},
		{"2026-3-5", false, d, nil},
		{"2026/3/5", false, d, nil},
		{"2026.3.5", false, d, nil},
		{"2026年3月5日", false, d, nil},
		{"2026 年 3 月 5 日", false, d, nil},
		{"２０２６年３月５日", false, d, nil},
		{"２０２６－０３－０５", false, d, nil},
		{"2026-03-05 14:30", false, d, nil},
		{"2026-03-05T00:00:00", false, d, nil},
		{"20260305", false, d, nil},
		{" 2026/3/5\u3000", false, d, nil},
		{"2026-02-30", false, time.Time{}, ErrRange},
		{"2026-13-01", false, time.Time{}, ErrRange},
		{"3/5/2026", false, time.Time{}, ErrSyntax},
		{"二〇二六年三月五日", false, time.Time{}, ErrSyntax},
		{"明天", false, time.Time{}, ErrSyntax},
		{"", false, time.Time{}, ErrEmpty},
		{"99999999", false, time.Time{}, ErrRange},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.raw, tt.d1904)
		if !got.Equal(tt.want) || err != tt.err {
			t.Errorf("ParseDate(%q, %v) = %v, %v; want %v, %v", tt.raw, tt.d1904, got, err, tt.want, tt.err)
		}
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		raw  string
		want model.Points
		err  error
	}{
		{"5", 500, nil},
		{"0.5", 50, nil},
		{"1.25", 125, nil},
		{"-5", -500, nil},
		{"＋２", 200, nil},
		{"－１.５", -150, nil},
		{"−3", -300, nil}, // U+2212
		{"１２.５", 1250, nil},
		{"2.2999999999999998", 230, nil}, // float noise from a formula
		{"1.255", 0, ErrDecimals},
		{"1.2500001", 0, ErrDecimals},
		{"abc", 0, ErrSyntax},
		{"1e3", 0, ErrSyntax},
		{"", 0, ErrEmpty},
		{"99999999999999999999", 0, ErrRange},
	}
	for _, tt := range tests {
		got, err := ParseNumber(tt.raw)
		if got != tt.want || err != tt.err {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v, %v", tt.raw, got, err, tt.want, tt.err)
		}
	}
}

func TestParseInt(t *testing.T) {
	tests := []struct {
		raw  string
		want int
		ok   bool
	}{
		{"3", 3, true}, {"３", 3, true}, {"3.0", 3, true}, {"-2", -2, true},
		{"1.5", 0, false}, {"两次", 0, false}, {"1.255", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseInt(tt.raw)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseInt(%q) = %v, %v; want %v ok=%v", tt.raw, got, err, tt.want, tt.ok)
		}
	}
}

func TestParseBool(t *testing.T) {
	for _, s := range []string{"是", "Y", "y", "yes", "YES", "√", "1", "TRUE", " 是 "} {
		if v, err := ParseBool(s); !v || err != nil {
			t.Errorf("ParseBool(%q) = %v, %v; want true", s, v, err)
		}
	}
	for _, s := range []string{"否", "N", "no", "×", "0", "", "FALSE"} {
		if v, err := ParseBool(s); v || err != nil {
			t.Errorf("ParseBool(%q) = %v, %v; want false", s, v, err)
		}
	}
	for _, s := range []string{"可能", "2", "有"} {
		if _, err := ParseBool(s); err == nil {
			t.Errorf("ParseBool(%q) accepted", s)
		}
	}
}

func TestParseRatio(t *testing.T) {
	tests := []struct {
		raw  string
		want *big.Rat
	}{
		{"15%", big.NewRat(3, 20)}, {"0.15", big.NewRat(3, 20)}, {"15", big.NewRat(3, 20)},
		{"１５％", big.NewRat(3, 20)}, {"0.15000000000000002", big.NewRat(3, 20)},
		{"0.7", big.NewRat(7, 10)}, {"70%", big.NewRat(7, 10)}, {"1", big.NewRat(1, 1)},
	}
	for _, tt := range tests {
		got, err := ParseRatio(tt.raw)
		if err != nil || got.Cmp(tt.want) != 0 {
			t.Errorf("ParseRatio(%q) = %v, %v; want %v", tt.raw, got, err, tt.want)
		}
	}
	for _, s := range []string{"", "十五", "-5%", "1/2", "1e1000000", "15e-21", "0." + strings.Repeat("1", 70)} {
		if _, err := ParseRatio(s); err == nil {
			t.Errorf("ParseRatio(%.20q) accepted", s)
		}
	}
}

// TestNumberBombs: a short cell with a huge exponent, or a long run of
// digits, is refused without big.Rat building the number (issue 14 F2: a
// column of "1e1000000" cost 54 ms and megabytes a cell).
func TestNumberBombs(t *testing.T) {
	for _, s := range []string{"1e1000000", "1e-1000000", "1.5e999999%", strings.Repeat("9", 32000), "0." + strings.Repeat("5", 32000)} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, errN := ParseNumber(s)
		_, errR := ParseRatio(s)
		runtime.ReadMemStats(&after)
		if errN == nil || errR == nil {
			t.Errorf("%.20q: ParseNumber %v, ParseRatio %v; want both refused", s, errN, errR)
		}
		if n := after.TotalAlloc - before.TotalAlloc; n > 64<<10 {
			t.Errorf("%.20q: parsing allocated %d KB", s, n>>10)
		}
	}
}

func TestParseQuarter(t *testing.T) {
	for s, want := range map[string]int{"1": 1, "４": 4, "一季度": 1, "第二季度": 2, "第3季度": 3, "Q4": 4, "q1": 1, "三": 3, "2.0": 2} {
		if got, err := ParseQuarter(s); got != want || err != nil {
			t.Errorf("ParseQuarter(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
	for _, s := range []string{"5", "0", "第五季度", "上半年"} {
		if _, err := ParseQuarter(s); err == nil {
			t.Errorf("ParseQuarter(%q) accepted", s)
		}
	}
}

func TestSameID(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"001", "1", true}, {"1", "001", true}, {"0", "000", true}, {"D001", "D001", true},
		{" D001 ", "D001", true}, {"Ｄ００１", "D001", true}, {"D001", "D1", false},
		{"D001", "d001", false}, {"12", "012", true}, {"12", "120", false},
	}
	for _, tt := range tests {
		// Two 编号 name the same member when their canonical forms agree.
		if got := CanonID(tt.a) == CanonID(tt.b); got != tt.want {
			t.Errorf("CanonID(%q) == CanonID(%q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestHeaderKey(t *testing.T) {
	for in, want := range map[string]string{
		"姓　名": "姓名", " 编 号 ": "编号", "备注(内部)": "备注（内部）", "备注（内部）": "备注（内部）",
		"活动\n日期": "活动日期", "活动日期*": "活动日期", "\ufeff项目": "项目",
	} {
		if got := HeaderKey(in); got != want {
			t.Errorf("HeaderKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestClaimQuarter(t *testing.T) {
	tests := []struct {
		d      time.Time
		cutoff int
		want   int
	}{
		{model.NewDate(2026, 3, 25), 25, 1},
		{model.NewDate(2026, 3, 26), 25, 2},
		{model.NewDate(2026, 2, 28), 25, 1}, // not the quarter's last month
		{model.NewDate(2026, 6, 30), 31, 2}, // cut-off beyond the month's end
		{model.NewDate(2026, 9, 30), 30, 3},
		{model.NewDate(2026, 12, 25), 25, 4},
		{model.NewDate(2026, 12, 26), 25, 0},
	}
	for _, tt := range tests {
		if got := ClaimQuarter(tt.d, tt.cutoff); got != tt.want {
			t.Errorf("ClaimQuarter(%s, %d) = %d, want %d", model.DateString(tt.d), tt.cutoff, got, tt.want)
		}
	}
}
