package model

import (
	"fmt"
	"strings"
	"testing"
)

func slipsResult(groups ...int) *Result {
	r := &Result{}
	for g, n := range groups {
		for i := range n {
			m := &MemberResult{Member: &Member{ID: fmt.Sprintf("G%dM%d", g, i), Group: fmt.Sprintf("组%d", g)}}
			m.Quarters[0].Participating = true
			r.Members = append(r.Members, m)
		}
	}
	// One member who does not take part in the quarter never counts.
	r.Members = append(r.Members, &MemberResult{Member: &Member{ID: "OUT", Group: "组0"}})
	return r
}

func TestSlipsParts(t *testing.T) {
	max := SlipsMaxMembers
	for _, tc := range []struct {
		groups []int
		want   string // per part: file=groups:members
	}{
		{[]int{max}, "slips.pdf=组0:500"},
		{[]int{0}, "slips.pdf=:0"},
		{[]int{300, 200}, "slips.pdf=组0,组1:500"},
		{[]int{300, 201}, "slips-01.pdf=组0:300 slips-02.pdf=组1:201"},
		{[]int{100, 100, 100, 100, 100, 1}, "slips-01.pdf=组0,组1,组2,组3,组4:500 slips-02.pdf=组5:1"},
		{[]int{1, 1200}, "slips-01.pdf=组0:1 slips-02.pdf=组1:500 slips-03.pdf=组1:500 slips-04.pdf=组1:200"},
	} {
		var got []string
		for _, p := range slipsResult(tc.groups...).SlipsParts(1) {
			got = append(got, fmt.Sprintf("%s=%s:%d", p.File, strings.Join(p.Groups, ","), len(p.Members)))
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("SlipsParts(%v) = %s, want %s", tc.groups, g, tc.want)
		}
	}
	// Members of a group stay together in roster order even when the
	// roster interleaves the groups.
	r := slipsResult(300, 300)
	r.Members[1], r.Members[301] = r.Members[301], r.Members[1]
	p := r.SlipsParts(1)
	if len(p) != 2 || p[0].Members[1].Member.ID != "G0M2" || p[1].Members[0].Member.ID != "G1M1" {
		t.Errorf("interleaved groups: %s %s", p[0].Members[1].Member.ID, p[1].Members[0].Member.ID)
	}
}
