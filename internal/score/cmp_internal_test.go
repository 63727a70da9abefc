package score

import (
	"math/big"
	"testing"
)

func TestCmpText(t *testing.T) {
	for _, tc := range []struct {
		v    string
		thr  int64
		want string
	}{
		{"91.7", 90, "x 91.7 ≥ 90"},
		{"90", 90, "x 90 ≥ 90"},
		{"90.004", 90, "x 90 ≥ 90"},         // rounding agrees with ≥
		{"89.995", 90, "x 89.995 < 90"},     // would read "90 < 90"
		{"26999/300", 90, "x 89.9966 < 90"}, // 89.99666…, cut down, never rounded up
		{"89.994", 90, "x 89.99 < 90"},
		{"-1/3", 0, "x -0.33 < 0"},
		{"-1/300", 0, "x -0.0034 < 0"}, // -0.00333… rounds to 0: cut down
	} {
		v, _ := new(big.Rat).SetString(tc.v)
		if got := cmpText("x", v, tc.thr); got != tc.want {
			t.Errorf("cmpText(%s, %d) = %q, want %q", tc.v, tc.thr, got, tc.want)
		}
	}
}
