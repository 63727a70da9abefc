package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/fixture"
	"github.com/jifen-dev/jifen/internal/model"
)

// gridInput is a 2026 register whose attendance came from a 签到表, as the
// reader hands it over: every counted mark also an entry or a deduction.
// 张三 attends everything; 李四 is absent from January to June (the
// six-month rule); 王五 is excused once.
func gridInput(t *testing.T) *Input {
	t.Helper()
	b := fixture.NewYear(2026)
	b.Y.Settings.AbsenceItem = b.Y.Item("D1")
	zhang := b.Member("D001", "张三", model.Full, "第一党小组", "")
	li := b.Member("D002", "李四", model.Full, "第一党小组", "")
	wang := b.Member("D003", "王五", model.Full, "第二党小组", "")
	col := 2
	for mon := time.January; mon <= time.June; mon++ {
		col++
		act := &model.Activity{Pos: model.Pos{File: "data/2026/签到.xlsx", Sheet: "签到表", Row: 3, Col: col},
			Name: []string{"一", "二", "三", "四", "五", "六"}[mon-1] + "月支部党员大会", Date: model.NewDate(2026, mon, 10), Item: b.Y.Item("B1")}
		b.Y.Activities = append(b.Y.Activities, act)
		for row, m := range []*model.Member{zhang, li, wang} {
			mark := model.Present
			switch {
			case m == li:
				mark = model.Absent
			case m == wang && mon == time.February:
				mark = model.Excused
			}
			at := &model.Attendance{Pos: model.Pos{File: act.Pos.File, Sheet: act.Pos.Sheet, Row: 4 + row, Col: col},
				Member: m, Activity: act, Mark: mark}
			switch mark {
			case model.Present:
				at.Entry = &model.Entry{Pos: at.Pos, Date: act.Date, Member: m, Item: act.Item, Count: 1,
					Points: act.Item.Points, Reason: act.Name, RegDate: act.Date, Mark: mark}
				b.Y.Entries = append(b.Y.Entries, at.Entry)
			case model.Absent:
				at.Deduction = &model.DeductionEntry{Pos: at.Pos, Date: act.Date, Member: m, Item: b.Y.Settings.AbsenceItem,
					Points: model.P(5), Reason: "无故缺席：" + act.Name, Source: "班子商议", Mark: mark}
				b.Y.Deductions = append(b.Y.Deductions, at.Deduction)
			}
			b.Y.Attendance = append(b.Y.Attendance, at)
		}
	}
	res, fs := b.Score(model.NewDate(2026, 7, 10))
	return &Input{Register: &model.Register{Years: []*model.Year{b.Y}}, Results: []*model.Result{res}, Findings: fs,
		Now: time.Date(2026, 7, 10, 9, 0, 0, 0, time.UTC)}
}

// A member's 请假 and 缺席 appear on his own page only, with what they
// counted; the committee page counts attendance per activity and member
// and lists the six-month case.
func TestAttendancePages(t *testing.T) {
	in := gridInput(t)
	site, _ := buildPublic(t, in)
	reports, _ := buildCommittee(t, in)
	read := func(dir, p string) string {
		b, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	li := read(site, "2026/members/D002/index.html")
	for _, want := range []string{
		"第一季度组织生活签到",
		`<tr class="absent"><td data-label="日期" class="date">2026-01-10</td><td data-label="活动">一月支部党员大会</td><td data-label="项目">参加支部党员大会</td><td data-label="签到">缺席</td><td data-label="计分">扣分 -5（无故不参加组织生活）</td></tr>`,
	} {
		if !strings.Contains(li, want) {
			t.Errorf("李四's page lacks %s", want)
		}
	}
	if !strings.Contains(li, `— <span class="mark">（签到：缺席）</span></td>`) {
		t.Error("李四's deduction line does not say it came from a 缺席")
	}
	if strings.Contains(li, "无故缺席：") {
		t.Error("李四's page shows a deduction's 事由")
	}
	wang := read(site, "2026/members/D003/index.html")
	for _, want := range []string{
		`<td data-label="签到">请假</td><td data-label="计分">不计分</td>`,
		`<td data-label="签到">出席</td><td data-label="计分">基础 &#43;5</td>`,
		`二月支部党员大会`,
	} {
		if !strings.Contains(wang, want) {
			t.Errorf("王五's page lacks %s", want)
		}
	}
	// Nowhere else in the public tree: not on other members' pages, the
	// quarter's publication or the year overview (the rules page names the
	// setting 缺席扣分项目, not a member).
	err := filepath.WalkDir(site, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, _ := os.ReadFile(p)
		rel, _ := filepath.Rel(site, p)
		rel = filepath.ToSlash(rel)
		if rel == "2026/rules/index.html" {
			return nil
		}
		if rel != "2026/members/D002/index.html" && strings.Contains(string(b), "缺席") {
			t.Errorf("%s mentions 缺席", rel)
		}
		if rel != "2026/members/D003/index.html" && strings.Contains(string(b), "请假") {
			t.Errorf("%s mentions 请假", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	com := read(reports, "2026/index.html")
	for _, want := range []string{
		`<li><a href="#attendance">组织生活签到</a></li>`,
		`<tr class="low"><td>D002</td><th scope="row">李四</th><td>第一党小组</td><td>2026年1月至6月</td><td class="num">6</td><td class="pos">data/2026/签到.xlsx:签到表!C5</td></tr>`,
		`<tr><td>第一季度</td><td class="date">2026-02-10</td><th scope="row">二月支部党员大会</th><td>参加支部党员大会</td><td class="num">1</td><td class="num">1</td><td class="num">1</td><td class="num">33.3%</td></tr>`,
		`<tr><td>D003</td><th scope="row">王五</th><td>第二党小组</td><td class="num">6</td><td class="num">5</td><td class="num">1</td><td class="num">0</td><td class="num">83.3%</td></tr>`,
		`<tr class="low"><td>D002</td><th scope="row">李四</th><td>第一党小组</td><td class="num">6</td><td class="num">0</td><td class="num">0</td><td class="num">6</td><td class="num">0%</td></tr>`,
	} {
		if !strings.Contains(com, want) {
			t.Errorf("committee page lacks %s", want)
		}
	}
}

func TestRate(t *testing.T) {
	for _, tc := range []struct {
		n, of int
		want  string
	}{{0, 0, "—"}, {0, 3, "0%"}, {1, 3, "33.3%"}, {2, 3, "66.7%"}, {1, 8, "12.5%"}, {1, 16, "6.3%"}, {3, 3, "100%"}} {
		if got := rate(tc.n, tc.of); got != tc.want {
			t.Errorf("rate(%d, %d) = %s, want %s", tc.n, tc.of, got, tc.want)
		}
	}
}
