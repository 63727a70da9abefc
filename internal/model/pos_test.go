package model

import (
	"math/big"
	"strings"
	"testing"
)

func TestPosString(t *testing.T) {
	tests := []struct {
		p    Pos
		want string
	}{
		{Pos{File: "data/2026/登记.xlsx", Sheet: "日常登记", Row: 17, Col: 4}, "data/2026/登记.xlsx:日常登记!D17"},
		{Pos{File: "a.xlsx", Sheet: "日常登记 二组", Row: 2, Col: 28}, "a.xlsx:'日常登记 二组'!AB2"},
		{Pos{File: "a.xlsx", Sheet: "设置"}, "a.xlsx:设置"},
		{Pos{File: "a.xls"}, "a.xls"},
		{Pos{File: "a.xlsx", Sheet: "名册", Row: 3}, "a.xlsx:名册!A3"},
		{Pos{File: "a.xlsx", Sheet: "日常登记-第二党小组", Row: 17, Col: 4}, "a.xlsx:日常登记-第二党小组!D17"},
		{Pos{File: "a.xlsx", Sheet: "日常登记（三季度）", Row: 2, Col: 1}, "a.xlsx:日常登记（三季度）!A2"},
		{Pos{File: "a.xlsx", Sheet: "O'Brien", Row: 2, Col: 1}, "a.xlsx:'O''Brien'!A2"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("Pos%v.String() = %q, want %q", tt.p, got, tt.want)
		}
	}
	if ColumnName(702) != "ZZ" || ColumnName(703) != "AAA" {
		t.Errorf("ColumnName(702,703) = %s,%s", ColumnName(702), ColumnName(703))
	}
}

func TestFindingsSort(t *testing.T) {
	var fs Findings
	fs.Errorf(Pos{File: "b.xlsx", Sheet: "S", Row: 2, Col: 1}, "x")
	fs.Errorf(Pos{File: "a.xlsx", Sheet: "S", Row: 10, Col: 1}, "y")
	fs.Errorf(Pos{File: "a.xlsx", Sheet: "S", Row: 9, Col: 3}, "z")
	fs.Errorf(Pos{File: "a.xlsx", Sheet: "S", Row: 9, Col: 3}, "z")
	fs.Sort()
	if len(fs) != 3 || fs[0].Message != "z" || fs[1].Message != "y" || fs[2].Message != "x" {
		t.Fatalf("Sort = %v", fs)
	}
	b, _ := fs[0].MarshalJSON()
	if want := `{"level":"error","file":"a.xlsx","sheet":"S","cell":"C9","message":"z"}`; string(b) != want {
		t.Errorf("json = %s, want %s", b, want)
	}
}

// Errors come before warnings and warnings before notes, whatever their
// places (SPEC §3), in Sort, Print and Shown alike.
func TestFindingsErrorsFirst(t *testing.T) {
	var fs Findings
	fs.Infof(Pos{File: "a.xlsx", Sheet: "说明"}, "n")
	fs.Warnf(Pos{File: "a.xlsx", Sheet: "S", Row: 2, Col: 1}, "w")
	fs.Errorf(Pos{File: "b.xlsx", Sheet: "S", Row: 9, Col: 1}, "e2")
	fs.Errorf(Pos{File: "b.xlsx", Sheet: "S", Row: 3, Col: 1}, "e1")
	var printed strings.Builder
	fs.Print(&printed, 0)
	want := "b.xlsx:S!A9: 错误：e2\nb.xlsx:S!A3: 错误：e1\na.xlsx:S!A2: 警告：w\na.xlsx:说明: 提示：n\n"
	if printed.String() != want {
		t.Errorf("Print (unsorted) =\n%s\nwant\n%s", printed.String(), want)
	}
	if shown, _ := fs.Shown(); len(shown) != 3 || shown[0].Message != "e2" || shown[2].Message != "w" {
		t.Errorf("Shown = %v, want the errors, then the warning", shown)
	}
	fs.Sort()
	var got []string
	for _, f := range fs {
		got = append(got, f.Message)
	}
	if strings.Join(got, " ") != "e1 e2 w n" {
		t.Errorf("Sort = %v, want e1 e2 w n", got)
	}
}

func TestParsePoints(t *testing.T) {
	tests := []struct {
		in   string
		want Points
		ok   bool
	}{
		{"0.5", 50, true}, {"1.25", 125, true}, {"-5", -500, true}, {"+2", 200, true},
		{"80", 8000, true}, {"1.005", 0, false}, {"abc", 0, false}, {"1e3", 0, false}, {"1/2", 0, false},
	}
	for _, tt := range tests {
		got, err := ParsePoints(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParsePoints(%q) = %v, %v; want %v ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestRound2(t *testing.T) {
	tests := []struct {
		r    *big.Rat
		want string
	}{
		{big.NewRat(80005, 1000), "80.01"}, // a float64 gives 80.00
		{big.NewRat(80004, 1000), "80"},
		{big.NewRat(-80005, 1000), "-80.01"},
		{big.NewRat(250, 3), "83.33"},
		{big.NewRat(251, 3), "83.67"},
		{big.NewRat(0, 1), "0"},
	}
	for _, tt := range tests {
		if got := RatString(tt.r); got != tt.want {
			t.Errorf("RatString(%s) = %s, want %s", tt.r, got, tt.want)
		}
	}
	if got := Round2(big.NewRat(80005, 1000)).Fixed(); got != "80.01" {
		t.Errorf("Fixed = %s", got)
	}
}

func TestFindingLines(t *testing.T) {
	at := Pos{File: "data/2026/登记.xlsx", Sheet: "日常登记", Row: 17, Col: 4}
	var fs Findings
	fs.Errorf(at, "项目编码「B9」不在考核项目表中")
	fs.Warnf(at.At(5), "只是警告")
	fs.Infof(Pos{File: "data/2026/登记.xlsx", Sheet: "说明"}, "已忽略")
	for i, want := range []string{
		"data/2026/登记.xlsx:日常登记!D17: 错误：项目编码「B9」不在考核项目表中",
		"data/2026/登记.xlsx:日常登记!E17: 警告：只是警告",
		"data/2026/登记.xlsx:说明: 提示：已忽略",
	} {
		if got := fs[i].Line(); got != want {
			t.Errorf("Line() = %q, want %q", got, want)
		}
	}
	shown, more := fs.Shown()
	if len(shown) != 2 || more != 0 {
		t.Errorf("Shown() = %v, %d; want the error and the warning", shown, more)
	}
	for range MaxShown {
		fs.Errorf(at, "x")
	}
	shown, more = fs.Shown()
	if len(shown) != MaxShown || more != 2 {
		t.Errorf("Shown() = %d findings and %d more, want %d and 2", len(shown), more, MaxShown)
	}
	var b strings.Builder
	Findings(fs[:2]).Print(&b, 3)
	want := "data/2026/登记.xlsx:日常登记!D17: 错误：项目编码「B9」不在考核项目表中\n" +
		"data/2026/登记.xlsx:日常登记!E17: 警告：只是警告\n" +
		"……另有 3 条未列出，完整列表请运行 jifen check\n"
	if b.String() != want {
		t.Errorf("Print = %q, want %q", b.String(), want)
	}
}

func TestFigures(t *testing.T) {
	tests := []struct {
		in   []Points
		want string
	}{
		{nil, ""},
		{[]Points{8400, 7000, -300, 0}, "84 70 -3 0"},
		{[]Points{8400, 8650, 0}, "84.0 86.5 0.0"},
		{[]Points{8400, 8650, 8735}, "84.00 86.50 87.35"},
		{[]Points{-5, 120}, "-0.05 1.20"},
		{[]Points{-150}, "-1.5"},
	}
	for _, tt := range tests {
		if got := strings.Join(Figures(tt.in...), " "); got != tt.want {
			t.Errorf("Figures(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
