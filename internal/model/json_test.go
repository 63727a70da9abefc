package model

import (
	"math/big"
	"testing"
)

func TestJSONFigures(t *testing.T) {
	for _, c := range []struct {
		p    Points
		want string
	}{{P(0), "0"}, {Points(1250), "12.5"}, {P(-3), "-3"}, {Points(1), "0.01"}} {
		if got := JSONPoints(c.p); string(got) != c.want {
			t.Errorf("JSONPoints(%v) = %s, want %s", c.p, got, c.want)
		}
	}
	// Round2 rounds half away from zero, as every document shows it.
	if got := JSONRat(big.NewRat(2, 3)); got != "0.67" {
		t.Errorf("JSONRat(2/3) = %s, want 0.67", got)
	}
	if got := JSONOptRat(nil); got != nil {
		t.Errorf("JSONOptRat(nil) = %v, want nil", *got)
	}
	if got := JSONOptRat(big.NewRat(1, 8)); got == nil || *got != "0.13" {
		t.Errorf("JSONOptRat(1/8) = %v, want 0.13", got)
	}
	if JSONRank(0) != nil || JSONRank(-1) != nil {
		t.Error("JSONRank of an unranked member is not null")
	}
	if r := JSONRank(3); r == nil || *r != 3 {
		t.Errorf("JSONRank(3) = %v, want 3", r)
	}
}
