package render

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/jifen-dev/jifen/internal/model"
)

// AttendanceReport is the committee page's view of the 签到表 (SPEC §2.11):
// attendance per activity and per member over the shown quarters, and the
// six-month cases (党章第九条) of the year.
type AttendanceReport struct {
	Activities []ActivityRow
	Members    []MemberAttendanceRow
	Absences   []AbsenceRow
}

// ActivityRow is one activity: columns of several sheets with the same
// date, name and item (one meeting split over the 党小组' sheets) are one row.
type ActivityRow struct {
	Quarter, Date, Name, Item       string
	Present, Excused, Absent, Total int
	Rate                            string // 出席 / marks
}

// MemberAttendanceRow is one member's marks over the shown quarters.
type MemberAttendanceRow struct {
	ID, Name, Group                 string
	Present, Excused, Absent, Total int
	Rate                            string
	Low                             bool // any 缺席
}

// AbsenceRow is one case of the six-month rule.
type AbsenceRow struct {
	ID, Name, Group, Months, Pos string
	Absences                     int
}

// rate is a share as a percentage rounded half-up to one decimal: 87.5%.
func rate(n, of int) string {
	if of == 0 {
		return "—"
	}
	tenths := (2000*n + of) / (2 * of) // per mille, half-up
	s := strconv.Itoa(tenths / 10)
	if d := tenths % 10; d != 0 {
		s += "." + strconv.Itoa(d)
	}
	return s + "%"
}

func attendanceReport(res *model.Result, qs []int) *AttendanceReport {
	y := res.Year
	if len(y.Activities) == 0 && len(res.Absences) == 0 {
		return nil
	}
	shown := map[int]bool{}
	for _, q := range qs {
		shown[q] = true
	}
	ar := &AttendanceReport{}

	type key struct {
		date       int64
		name, item string
	}
	rows := map[key]*ActivityRow{}
	var order []key
	for _, a := range y.Activities {
		q := model.QuarterOf(a.Date)
		if !shown[q] {
			continue
		}
		k := key{a.Date.Unix(), a.Name, a.Item.Code}
		if rows[k] == nil {
			rows[k] = &ActivityRow{Quarter: model.QuarterLabel(q), Date: model.DateString(a.Date), Name: a.Name, Item: a.Item.Name}
			order = append(order, k)
		}
	}
	for _, at := range y.Attendance {
		a := at.Activity
		r := rows[key{a.Date.Unix(), a.Name, a.Item.Code}]
		if r == nil {
			continue
		}
		switch at.Mark {
		case model.Present:
			r.Present++
		case model.Excused:
			r.Excused++
		case model.Absent:
			r.Absent++
		}
		r.Total++
	}
	slices.SortStableFunc(order, func(a, b key) int { return int(a.date - b.date) })
	for _, k := range order {
		r := rows[k]
		r.Rate = rate(r.Present, r.Total)
		ar.Activities = append(ar.Activities, *r)
	}

	for _, m := range res.Members {
		row := MemberAttendanceRow{ID: m.Member.ID, Name: m.Member.Name, Group: m.Member.Group}
		for _, q := range qs {
			for _, at := range m.Quarters[q-1].Attendance {
				switch at.Mark {
				case model.Present:
					row.Present++
				case model.Excused:
					row.Excused++
				case model.Absent:
					row.Absent++
				}
				row.Total++
			}
		}
		if row.Total == 0 {
			continue
		}
		row.Rate, row.Low = rate(row.Present, row.Total), row.Absent > 0
		ar.Members = append(ar.Members, row)
	}

	for _, r := range res.Absences {
		ar.Absences = append(ar.Absences, AbsenceRow{ID: r.Member.ID, Name: r.Member.Name, Group: r.Member.Group,
			Months: fmt.Sprintf("%d年%d月至%d月", y.Year, r.From, r.To), Absences: r.Absences, Pos: r.Pos.String()})
	}
	return ar
}
