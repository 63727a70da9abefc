package load

import (
	"strings"
	"unicode"

	"github.com/jifen-dev/jifen/internal/model"
)

// The templates' dropdowns offer members as 「D001 张三」 and rubric items as
// 「B01 参加支部党员大会」, so that a name is chosen rather than a bare code;
// a picked entry lands in the cell as shown. The reader takes the code
// before the space and checks that the name after it is the one the roster
// or the rubric holds (a hand-typed 「B01 参加党课」 is ambiguous: which
// was meant?). A bare code, as typed, is read as before, and looked up
// first, so the common case costs nothing.

// codeLabel splits a 「code name」 value at the first run of spaces whose
// left part known accepts; ok is false when no split does (one run of
// spaces after another is tried, so a code holding a space still splits
// right).
func codeLabel(s string, known func(code string) bool) (code, label string, ok bool) {
	prev := ' '
	for i, r := range s {
		if unicode.IsSpace(r) && !unicode.IsSpace(prev) {
			if label = strings.TrimSpace(s[i:]); label != "" && known(s[:i]) {
				return s[:i], label, true
			}
		}
		prev = r
	}
	return "", "", false
}

// itemRef resolves a 项目编码 cell: a code, or 「code name」 whose name must
// be the item's. it is nil when the code is unknown (unnamed: the caller
// says so) or names a rubric row with errors (bad: already reported);
// mismatch describes a name that is not the item's.
func (yl *yearLoader) itemRef(raw string) (it *model.Item, bad bool, mismatch string) {
	key := CanonID(raw)
	if it, bad = yl.items[key], yl.badItems[key]; it != nil || bad {
		return it, bad, ""
	}
	code, label, ok := codeLabel(raw, func(s string) bool {
		k := CanonID(s)
		return yl.items[k] != nil || yl.badItems[k]
	})
	if !ok {
		return nil, false, ""
	}
	key = CanonID(code)
	if it, bad = yl.items[key], yl.badItems[key]; it != nil && nameKey(label) != nameKey(it.Name) {
		return nil, false, "与考核项目表不符：" + it.Code + " 是「" + it.Name + "」"
	}
	return it, bad, ""
}

// memberRef resolves a 编号 cell: an 编号, or 「编号 姓名」 whose name must
// be the member's; like itemRef.
func (yl *yearLoader) memberRef(raw string) (m *model.Member, bad bool, mismatch string) {
	key := CanonID(raw)
	if m, bad = yl.members[key], yl.badMembers[key]; m != nil || bad {
		return m, bad, ""
	}
	code, label, ok := codeLabel(raw, func(s string) bool {
		k := CanonID(s)
		return yl.members[k] != nil || yl.badMembers[k]
	})
	if !ok {
		return nil, false, ""
	}
	key = CanonID(code)
	if m, bad = yl.members[key], yl.badMembers[key]; m != nil && nameKey(label) != nameKey(m.Name) {
		return nil, false, "与党员名册不符：" + m.ID + " 是「" + m.Name + "」"
	}
	return m, bad, ""
}
