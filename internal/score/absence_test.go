package score_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/score"
)

// marks gives a member one 签到表 mark per month from a string of twelve
// letters, January first: P 出席, L 请假, A 缺席, . none, 2 two 缺席.
func (b *yb) marks(m *model.Member, months string) {
	act := map[time.Month]*model.Activity{}
	for i, c := range months {
		mon := time.Month(i + 1)
		if act[mon] == nil {
			act[mon] = &model.Activity{Name: fmt.Sprintf("%d月党员大会", mon), Date: day(mon, 10), Item: b.y.Item("B")}
		}
		var ks []model.Mark
		switch c {
		case 'P':
			ks = []model.Mark{model.Present}
		case 'L':
			ks = []model.Mark{model.Excused}
		case 'A':
			ks = []model.Mark{model.Absent}
		case '2':
			ks = []model.Mark{model.Absent, model.Absent}
		}
		for _, k := range ks {
			// One sheet per member, one column per month: C, D, …
			p := model.Pos{File: "data/2025/签到.xlsx", Sheet: "签到表", Row: len(b.y.Members) + 3, Col: 3 + i}
			b.y.Attendance = append(b.y.Attendance, &model.Attendance{Pos: p, Member: m, Activity: act[mon], Mark: k})
		}
	}
}

// The six-month rule (党章第九条) at its boundary: five months of
// absences between attendances do not warn, six do; one 请假 inside breaks
// six; a single absence never warns; overlapping windows merge.
func TestAbsences(t *testing.T) {
	for _, tc := range []struct {
		months string
		want   string // "From-To absences cell", "" = no run
	}{
		{"PAAAAAP.....", ""},          // five months absent, present either side
		{"PAAAAAAP....", "2-7 6 D"},   // six months absent
		{"PAAALAAP....", ""},          // one 请假 inside
		{"PAAAPAAAP...", ""},          // attendance every fourth month
		{"A....A......", "1-6 2 C"},   // two absences, nothing else, within six months
		{"A.....A.....", ""},          // seven months apart
		{"2P..........", ""},          // two absences in January, present in February
		{"......2.....", "2-7 2 I"},   // every window from Feb–Jul to Jul–Dec: named by the first
		{"AAAAAAAAAAAA", "1-12 12 C"}, // all year: one run
		{"A.....P.....", ""},          // one absence only
		{"AA....P....A", "1-6 2 C"},   // the run before the attendance, not after
		{"AA....PAA...", "1-6 2 C"},   // Aug–Dec is five months: no run at the year's end
		{"AA....PAAAAA", "1-6 2 C"},   // Aug–Dec absent after 出席 in July: five months
		{"AAAAAPAAAAAA", "7-12 6 I"},  // Jul–Dec: six
		{"AA....AP....", "1-7 3 C"},   // overlapping windows merge
		{"....AAAAAA..", "5-10 6 G"},  // windows from Jan–Jun on qualify; named May–Oct
		{"P....AAAAAAP", "6-11 6 H"},  // June–November, present in January and December
		{"PPPPPAAAAAPP", ""},          // June–October absent, marked every month: five months
		{"PPPPPAAAAAAP", "6-11 6 H"},  // June–November: six
		{"P....AAAAAP.", "5-10 5 H"},  // no marks February–May: the window Feb–Jul holds two 缺席 and nothing else
		{"PLLLLLLLLLLL", ""},          // leave is not absence
		{"............", ""},          // no marks
		{"P..........A", ""},          // one absence at the end
		{"PA....A.....", "2-7 2 D"},   // Feb and Jul: the window Feb–Jul holds both and nothing else
	} {
		t.Run(tc.months, func(t *testing.T) {
			b := newYB()
			m := b.member("D001", "张三", model.Full)
			b.member("D002", "李四", model.Full) // no marks
			b.marks(m, tc.months)
			var got []string
			for _, r := range score.Absences(b.y) {
				if r.Member != m {
					t.Errorf("run of %s", r.Member.Name)
				}
				got = append(got, fmt.Sprintf("%d-%d %d %s", r.From, r.To, r.Absences, strings.TrimRight(r.Pos.Cell(), "0123456789")))
			}
			if g := strings.Join(got, ";"); g != tc.want {
				t.Errorf("Absences(%s) = %q, want %q", tc.months, g, tc.want)
			}
		})
	}
}

// The rule's warning names the member and the months, at the first 缺席.
func TestAbsenceWarning(t *testing.T) {
	b := newYB()
	m := b.member("D001", "张三", model.Full)
	b.marks(m, "PAAAAAAP....")
	x := b.member("D002", "李四", model.Full)
	b.marks(x, "AAAAAAAAAAAA")
	x.Exempt = true // marks of exempt members are not counted and never warn
	res, fs := score.Score(b.y, model.NewDate(testYear, 12, 1))
	want := "warning data/2025/签到.xlsx:签到表!D4: 党员「张三」（D001）2025年2月至7月的签到有 6 次缺席、没有出席或请假：连续六个月不参加党的组织生活（党章第九条），请支部了解情况并按规定处理"
	var got []string
	for _, f := range fs {
		if f.Level == model.Warning {
			got = append(got, "warning "+f.String())
		}
	}
	if strings.Join(got, "\n") != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	if len(res.Absences) != 1 || res.Absences[0].Member != m {
		t.Errorf("res.Absences = %+v", res.Absences)
	}
}
