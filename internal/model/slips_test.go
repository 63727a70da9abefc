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
	h := SlipsMaxMembers / 2
	part := func(file, groups string, n int) string { return fmt.Sprintf("%s=%s:%d", file, groups, n) }
	for _, tc := range []struct {
		groups []int
		want   string // per part: file=groups:members
	}{
		{[]int{2 * h}, part("slips.pdf", "组0", 2*h)},
		{[]int{0}, part("slips.pdf", "", 0)},
		{[]int{h, h}, part("slips.pdf", "组0,组1", 2*h)},
		{[]int{h, h + 1}, part("slips-01.pdf", "组0", h) + " " + part("slips-02.pdf", "组1", h+1)},
		{[]int{h / 2, h / 2, h / 2, h / 2, 1}, part("slips-01.pdf", "组0,组1,组2,组3", 4*(h/2)) + " " + part("slips-02.pdf", "组4", 1)},
		{[]int{1, 5 * h}, part("slips-01.pdf", "组0", 1) + " " + part("slips-02.pdf", "组1", 2*h) + " " +
			part("slips-03.pdf", "组1", 2*h) + " " + part("slips-04.pdf", "组1", h)},
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
	r := slipsResult(h+50, h+50)
	r.Members[1], r.Members[h+51] = r.Members[h+51], r.Members[1]
	p := r.SlipsParts(1)
	if len(p) != 2 || p[0].Members[1].Member.ID != "G0M2" || p[1].Members[0].Member.ID != "G1M1" {
		t.Errorf("interleaved groups: %s %s", p[0].Members[1].Member.ID, p[1].Members[0].Member.ID)
	}
}
