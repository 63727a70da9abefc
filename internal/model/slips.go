package model

import "fmt"

// SlipsMaxMembers is the most members one 积分核实单 document holds. A
// branch up to this size gets one slips.pdf per quarter; a larger one (a
// 机关党委 keeping one register) gets several documents of whole 党小组,
// which bounds the memory and time of each (PITFALLS §8) and suits the way
// slips are handed out, group by group.
const SlipsMaxMembers = 1000

// SlipsPart is one slips document of a quarter.
type SlipsPart struct {
	File    string          // file name in <year>/q<N>/: slips.pdf, or slips-01.pdf, slips-02.pdf … when split
	Groups  []string        // the 党小组 it covers, in roster order ("" = members without a group)
	Members []*MemberResult // its participating members
}

// SlipsParts splits quarter q's participating members into slips documents.
// Up to SlipsMaxMembers they form one document in roster order. Beyond, the
// members are taken 党小组 by 党小组 (groups in the order they first appear
// in the roster, members in roster order) and whole groups are packed into
// documents of at most SlipsMaxMembers; a group larger than that is cut
// into documents of its own. Every caller that names slips documents (the
// build, the committee page, the 备案 bundle) asks here.
func (r *Result) SlipsParts(q int) []SlipsPart {
	var members []*MemberResult
	for _, m := range r.Members {
		if m.Quarters[q-1].Participating {
			members = append(members, m)
		}
	}
	if len(members) <= SlipsMaxMembers {
		return []SlipsPart{{File: "slips.pdf", Groups: groupsOf(members), Members: members}}
	}
	var order []string
	byGroup := map[string][]*MemberResult{}
	for _, m := range members {
		g := m.Member.Group
		if _, ok := byGroup[g]; !ok {
			order = append(order, g)
		}
		byGroup[g] = append(byGroup[g], m)
	}
	var parts []SlipsPart
	var cur SlipsPart
	flush := func() {
		if len(cur.Members) > 0 {
			parts = append(parts, cur)
		}
		cur = SlipsPart{}
	}
	for _, g := range order {
		ms := byGroup[g]
		if len(cur.Members)+len(ms) > SlipsMaxMembers {
			flush()
		}
		for len(ms) > SlipsMaxMembers {
			cur = SlipsPart{Groups: []string{g}, Members: ms[:SlipsMaxMembers]}
			flush()
			ms = ms[SlipsMaxMembers:]
		}
		cur.Groups = append(cur.Groups, g)
		cur.Members = append(cur.Members, ms...)
	}
	flush()
	width := max(2, len(fmt.Sprint(len(parts))))
	for i := range parts {
		parts[i].File = fmt.Sprintf("slips-%0*d.pdf", width, i+1)
	}
	return parts
}

func groupsOf(ms []*MemberResult) []string {
	seen := map[string]bool{}
	var gs []string
	for _, m := range ms {
		if g := m.Member.Group; !seen[g] {
			seen[g] = true
			gs = append(gs, g)
		}
	}
	return gs
}
