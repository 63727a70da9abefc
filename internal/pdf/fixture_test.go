package pdf

import (
	"fmt"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/fixture"
	"github.com/jifen-dev/jifen/internal/model"
)

var testNow = time.Date(2027, 1, 10, 9, 30, 0, 0, time.UTC)

// testNames include the rare given-name characters rosters really contain.
var testNames = []string{
	"王建国", "李晓燕", "张堃", "刘喆", "陈昇", "杨赟", "赵犇", "黄淼", "周珺", "吴玥",
	"徐旻", "孙燊", "马丽娟", "朱志强", "胡海燕", "郭子豪", "何欣怡", "高明", "林雨桐", "罗振华",
	"郑秀英", "梁晨", "谢婷婷", "宋佳", "唐伟", "许诺", "韩冰", "冯国栋", "邓小平安", "曹雪芹然",
	"欧阳明月", "司马光辉",
}

var testGroups = []string{"第一党小组", "第二党小组", "机关第三党小组（后勤服务中心）"}

// testResult is a closed year of n members (n ≤ len(testNames)) built with
// the fixture builder and scored by the real scorer, so every figure, rank,
// grade, reason and action in a document is one a build can produce. Each
// member has rows in every quarter he takes part in, enough for notices of
// two or three pages at 32. Among them: the branch secretary (0), 入党积极
// 分子 (i%11 == 9), 预备党员 (i%11 == 5), a member who joined on 12 May
// (7), one graded 基本合格 for 10 points of deductions and talked to (4),
// one without 民主评议 (12), one the branch decided 优秀 against the
// proposal (3), the last exempt (n > 3), capped rewards, and deductions
// whose 事由 only the committee sees.
func testResult(tb testing.TB, n int) *model.Result {
	tb.Helper()
	b := fixture.NewYear(2026)
	s := &b.Y.Settings
	s.Secretary = "王建国"
	s.Administrator = "李晓燕"
	s.ObjectionContact = "局党建办公室（办公楼三楼305室，电话0000-12345678）"
	s.GradesDecided = true
	s.Pos = map[string]model.Pos{
		"支部名称": {File: "data/2026/设置.xlsx", Sheet: "设置", Row: 2, Col: 2},
	}
	item := func(row int, code string, k model.ItemKind, name string, p int64) *model.Item {
		return &model.Item{Pos: model.Pos{File: "data/2026/设置.xlsx", Sheet: "考核项目", Row: row}, Code: code, Kind: k, Name: name, Points: model.P(p)}
	}
	b.Y.Items = []*model.Item{
		item(2, "B01", model.Base, "参加支部党员大会", 10),
		item(3, "B02", model.Base, "参加党小组会", 5),
		item(4, "B03", model.Base, "按时足额交纳党费", 5),
		{Pos: model.Pos{File: "data/2026/设置.xlsx", Sheet: "考核项目", Row: 5}, Code: "B04", Kind: model.Base,
			Name: "参加党课和集中学习培训（含线上学习“学习强国”专题）", Points: model.Points(250)}, // 2.5 a 学时: figures with decimals
		item(6, "R01", model.Reward, "参加志愿服务活动", 2),
		item(7, "R02", model.Reward, "获得市级以上表彰", 5),
		item(8, "D01", model.Deduction, "无故缺席组织生活", -5),
	}
	var ms []*model.Member
	for i := range n {
		cat := model.Full
		switch i % 11 {
		case 5:
			cat = model.Probation
		case 9:
			cat = model.Activist
		}
		role := ""
		if i == 0 {
			role = "支部书记"
		}
		m := b.Member(fmt.Sprintf("D%03d", i+1), testNames[i%len(testNames)], cat, testGroups[i%len(testGroups)], role)
		if i == n-1 && n > 3 {
			m.Exempt, m.ExemptReason, m.Filing = true, "年老体弱，长期外地居住", "已报机关工委备案"
		}
		if i == 7 {
			m.In = model.NewDate(2026, 5, 12)
		}
		ms = append(ms, m)
	}
	for q := 1; q <= 4; q++ {
		first := time.Month(3*q - 2)
		for i, m := range ms {
			if !m.Participates(2026, q) {
				continue
			}
			entry := func(month time.Month, day int, code string, count int, reason string) {
				if m.Active(b.Date(month, day)) {
					b.Entry(m, month, day, code, count, reason)
				}
			}
			// Base: 80 a quarter (capped) for i%4 == 0, then about 75, 70 and 60.
			entry(first, 8, "B01", 3, "参加第"+model.QuarterCN(q)+"季度支部党员大会，学习贯彻全会精神")
			entry(first+1, 10, "B02", []int{6, 5, 4, 2}[i%4], "")
			entry(first+2, 5, "B03", 3, "按时交纳")
			entry(first+2, 15, "B04", 2+(i+q)%2, "参加局机关“青年理论学习小组”第3期专题学习（Excel 数据分析与 WPS 办公技能培训，2.5学时）")
			entry(first+1, 20, "R01", (i+q)%4+1, "到社区开展“学雷锋”志愿服务，清理楼道小广告。")
			if (i+q)%5 == 1 && m.Active(b.Date(first+2, 10)) {
				b.Claim(m, first+2, 10, "R02", "获市直机关优秀共产党员表彰") // with R01, past the 奖励积分上限
			}
			if (i+q)%7 == 2 || (i == 4 && q == 1) {
				b.Deduct(m, first+1, 25, "D01", fmt.Sprintf("无故缺席%d月主题党日活动，经支委会研究扣分（纪要第%d号）", int(first)+1, i+q), "支委会会议纪要")
			}
		}
	}
	for i, m := range ms {
		if i != 12 && !m.Exempt {
			b.Evaluate(m, int64(100-(i*3)%25), int64(100-(i*5)%30))
		}
	}
	if n > 4 {
		b.Decide(ms[3], model.Excellent, "抗洪抢险中表现突出，经支委会研究确定为优秀", "", time.Time{})
	}
	if n > 5 {
		b.Decide(ms[4], "", "", "王建国", time.Time{})
	}
	return b.MustScore(tb, model.NewDate(2027, 1, 10))
}
