package scaffold

// The demo register (SPEC §9): a fictional 示例党支部 of 40 people, 2025
// and 2026 both complete (registered, evaluated, graded), so that it never
// ages: built on any day from 2026-11 on it publishes what was closed by
// then and warns of nothing the calendar caused. Everything is
// derived from fixed tables and a fixed hash, never from the clock or
// math/rand, so regenerating gives byte-identical workbooks.
//
// Grades are designed, not left to chance: four members take part in every
// activity and earn ≥ 5 reward points a quarter (优秀, below the quota of
// ⌊15% × 36⌋ = 5, so no tie at the edge); everyone else earns 3–4.5 reward
// points a quarter (合格); 高建军 is deducted 10 (基本合格), 潘振宇 20 (不合格),
// and 唐志刚's low reward points give 基本合格 which the branch overrides to
// 合格 with a reason.

import (
	"fmt"
	"sort"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/workbook"
)

const (
	demoBranch   = "中共示例市示例局机关第一党支部"
	demoSuperior = "中共示例市示例局机关委员会"
	demoAdmin    = "陈晓燕"
	demoSecr     = "刘建国"
	demoContact  = "支部办公室（机关大楼 3 楼 305 室），电话 0000-12345678；也可向各党小组长反映"
)

// Profiles steer a member's attendance and reward points.
const (
	profOrdinary = iota
	profExcellent
	profLowReward // few reward points: proposed 基本合格, decided 合格
	profWeak      // many misses
)

type person struct {
	ID, Name     string
	Cat          model.Category
	Group, Role  string
	In, Out      time.Time
	Exempt       bool
	ExemptReason string
	Filing       string
	Extended     bool
	Prof         int
}

var demoGroups = []string{"第一党小组", "第二党小组", "第三党小组"}

// groupLeader is each group's 党小组长, the witness of late registrations.
var groupLeader = map[string]string{"第一党小组": "王喆", "第二党小组": "胡振华", "第三党小组": "曾凡荣"}

func roster2025() []person {
	d := model.NewDate
	g1, g2, g3 := demoGroups[0], demoGroups[1], demoGroups[2]
	F, P, A, C := model.Full, model.Probation, model.Activist, model.Candidate
	return []person{
		{ID: "D001", Name: "刘建国", Cat: F, Group: g1, Role: "支部书记"},
		{ID: "D002", Name: "陈晓燕", Cat: F, Group: g1, Role: "组织委员、积分管理员"},
		{ID: "D003", Name: "王喆", Cat: F, Group: g1, Role: "党小组长"},
		{ID: "D004", Name: "张丽华", Cat: F, Group: g1},
		{ID: "D005", Name: "李明轩", Cat: F, Group: g1, Prof: profExcellent},
		{ID: "D006", Name: "赵文博", Cat: F, Group: g1},
		{ID: "D007", Name: "孙海燕", Cat: F, Group: g1},
		{ID: "D008", Name: "周志强", Cat: F, Group: g1},
		{ID: "D009", Name: "吴雅琴", Cat: F, Group: g1, Prof: profExcellent},
		{ID: "D010", Name: "郑国栋", Cat: F, Group: g1},
		{ID: "D011", Name: "冯佳怡", Cat: P, Group: g1},
		{ID: "D012", Name: "何俊峰", Cat: F, Group: g1},
		{ID: "D013", Name: "许静", Cat: F, Group: g1},
		{ID: "D014", Name: "马晓东", Cat: F, Group: g2, Role: "宣传委员", Prof: profExcellent},
		{ID: "D015", Name: "朱红梅", Cat: F, Group: g2},
		{ID: "D016", Name: "胡振华", Cat: F, Group: g2, Role: "党小组长"},
		{ID: "D017", Name: "林思远", Cat: F, Group: g2},
		{ID: "D018", Name: "高建军", Cat: F, Group: g2},
		{ID: "D019", Name: "罗秀英", Cat: F, Group: g2},
		{ID: "D020", Name: "梁宏伟", Cat: F, Group: g2},
		{ID: "D021", Name: "宋雨桐", Cat: F, Group: g2},
		{ID: "D022", Name: "唐志刚", Cat: F, Group: g2, Prof: profLowReward},
		{ID: "D023", Name: "韩雪", Cat: F, Group: g2},
		{ID: "D024", Name: "曹子涵", Cat: P, Group: g2},
		{ID: "D025", Name: "邓立新", Cat: F, Group: g2},
		{ID: "D026", Name: "彭博", Cat: C, Group: g2},
		{ID: "D027", Name: "曾凡荣", Cat: F, Group: g3, Role: "党小组长"},
		{ID: "D028", Name: "李堃", Cat: F, Group: g3, Role: "纪检委员", Prof: profExcellent},
		{ID: "D029", Name: "谢文静", Cat: F, Group: g3},
		{ID: "D030", Name: "袁野", Cat: F, Group: g3},
		{ID: "D031", Name: "潘振宇", Cat: F, Group: g3, Prof: profWeak},
		{ID: "D032", Name: "蒋春燕", Cat: F, Group: g3},
		{ID: "D033", Name: "蔡宁", Cat: F, Group: g3},
		{ID: "D034", Name: "余晓峰", Cat: F, Group: g3},
		{ID: "D035", Name: "杜鹃", Cat: P, Group: g3},
		{ID: "D036", Name: "叶子豪", Cat: P, Group: g3, Extended: true},
		{ID: "D037", Name: "程一鸣", Cat: A, Group: g3},
		{ID: "D038", Name: "苏婉清", Cat: A, Group: g1},
		{ID: "D039", Name: "魏长林", Cat: F, Group: g3, Role: "退休党员", Exempt: true,
			ExemptReason: "退休后长期随子女在外地居住，不能正常参加组织生活，本人申请",
			Filing:       "经支委会审查同意，2024年3月报机关党委备案"},
		{ID: "D040", Name: "田润泽", Cat: F, Group: g2, In: d(2025, 7, 15)},
	}
}

// roster2026 is next year's roster: probation completed, a 发展对象 admitted,
// an activist promoted, the 2025 transfer-in now ordinary, one transfer-out.
func roster2026() []person {
	r := roster2025()
	for i := range r {
		p := &r[i]
		switch p.ID {
		case "D011", "D024":
			p.Cat = model.Full // 按期转正
		case "D026":
			p.Cat = model.Probation // 2025 年 12 月接收为预备党员
		case "D037":
			p.Cat = model.Candidate
		case "D040":
			p.In = time.Time{}
		case "D020":
			p.Out = model.NewDate(2026, 5, 31)
		}
	}
	return r
}

// hash mixes small integers into a stable pseudo-random number (splitmix64).
func hash(parts ...int) uint64 {
	x := uint64(0x9E3779B97F4A7C15)
	for _, p := range parts {
		x ^= uint64(p) + 0x9E3779B97F4A7C15 + (x << 6) + (x >> 2)
		x ^= x >> 30
		x *= 0xBF58476D1CE4E5B9
		x ^= x >> 27
		x *= 0x94D049BB133111EB
		x ^= x >> 31
	}
	return x
}

func idNum(id string) int {
	n := 0
	fmt.Sscanf(id[1:], "%d", &n)
	return n
}

// event is one activity of the branch calendar.
type event struct {
	Date   time.Time
	Code   string
	Reason string
	Group  string // "" = the whole branch
}

var monthlyTopics = [][3]string{
	{"学习贯彻全国两会精神", "开展“学雷锋”志愿服务动员", "研讨“转作风、提效能”"},
	{"学习党章和党纪处分条例", "重温入党誓词", "庆祝建党纪念日座谈"},
	{"学习习近平新时代中国特色社会主义思想专题", "开展警示教育", "研讨年度目标任务推进"},
	{"学习贯彻上级会议精神", "开展“不忘初心”主题研讨", "年终总结和民主评议准备"},
}

var volunteerTopics = [4][3]string{
	{"文明城市创建志愿服务", "“学雷锋”进社区志愿服务", "义务植树"},
	{"社区环境整治志愿服务", "防溺水安全宣传", "“七一”走访慰问老党员"},
	{"防汛值守志愿服务", "交通文明劝导", "敬老院重阳节慰问"},
	{"消防安全宣传进社区", "冬季困难群众走访", "“12·4”宪法宣传日志愿服务"},
}

// calendar returns the branch's activities of a quarter, dated on or
// before until, sorted by date.
func calendar(year, q int, until time.Time) []event {
	var ev []event
	for i := 0; i < 3; i++ {
		m := time.Month(3*q - 2 + i)
		d := func(day int) time.Time { return model.NewDate(year, m, day) }
		topic := monthlyTopics[q-1][i]
		for g, grp := range demoGroups {
			ev = append(ev, event{d(8 + g), "B02", fmt.Sprintf("%d月党小组会：%s", m, topic), grp})
		}
		ev = append(ev, event{d(10), "B05", fmt.Sprintf("交纳%d月党费", m), ""})
		ev = append(ev, event{d(15), "B06", fmt.Sprintf("支部集中学习：%s", topic), ""})
		ev = append(ev, event{d([]int{18, 22, 16}[i]), "R01", volunteerTopics[q-1][i], ""})
		ev = append(ev, event{d(20), "B04", fmt.Sprintf("%d月主题党日：%s", m, []string{"参观革命传统教育基地", "重温入党誓词", "“我为群众办实事”实践活动"}[(i+q)%3]), ""})
		switch i {
		case 1:
			ev = append(ev, event{d(25), "B01", fmt.Sprintf("支部党员大会：第%s季度工作部署", model.QuarterCN(q)), ""})
		case 2:
			ev = append(ev, event{d(12), "B03", fmt.Sprintf("党课：%s", []string{"新时代党员的初心使命", "严守纪律规矩", "发扬斗争精神", "作风建设永远在路上"}[q-1]), ""})
		}
	}
	sort.SliceStable(ev, func(i, j int) bool { return ev[i].Date.Before(ev[j].Date) })
	out := ev[:0]
	for _, e := range ev {
		if !e.Date.After(until) {
			out = append(out, e)
		}
	}
	return out
}

// lateFix is an attendance first left out of the register and then added
// as a late registration (补记录) with a 党小组长 as witness.
type lateFix struct {
	ID      string
	Date    time.Time
	Code    string
	RegDate time.Time
	Note    string
	// Corrects: the registration answers an objection to the posted 公示
	// (yearPlan.Corrections); the register as posted lacks it (SPEC §11).
	Corrects bool
}

// extraEntry is an entry outside the calendar (training, suggestions …).
type extraEntry struct {
	Date   time.Time
	ID     string
	Code   string
	Count  int
	Points any
	Reason string
}

type yearPlan struct {
	Year        int
	Until       time.Time // last day with entries
	People      []person
	Late        []lateFix
	ForcedMiss  map[string]bool // ID|date|code
	Extras      []extraEntry
	Claims      [][]any
	Deductions  [][]any
	Evaluations [][]any
	Objections  [][]any
	// Corrections are the 异议处理 rows (处理结果 更正) raised after a
	// quarter was posted; with the Corrects late registrations they are
	// what a 更正公示 of the demo corrects.
	Corrections [][]any
	Decisions   [][]any
	Settings    model.Settings
	Grid        map[int]bool // quarters whose attendance is typed as a 签到表
}

// Attendance of one member at one calendar event.
const (
	notExpected = iota // another group's meeting, before a transfer-in, a volunteer day not chosen
	attended
	missed
)

// quarterAttendance decides who was expected at each of quarter q's
// events and who came; 日常登记 rows and the 签到表 both read it, so a
// quarter typed either way scores the same.
func (yp *yearPlan) quarterAttendance(q int) (cal []event, status map[string]int) {
	until := yp.Until
	if end := model.QuarterEnd(yp.Year, q); end.Before(until) {
		until = end
	}
	if until.Before(model.QuarterStart(yp.Year, q)) {
		return nil, nil
	}
	cal = calendar(yp.Year, q, until)
	missedAt := map[string]bool{}
	volunteer := map[string]map[int]bool{}
	for _, p := range yp.People {
		n := idNum(p.ID)
		var missable []int
		var vols []int
		for i, e := range cal {
			if e.Group != "" && e.Group != p.Group {
				continue
			}
			switch e.Code {
			case "B02", "B04", "B06":
				missable = append(missable, i)
			case "R01":
				vols = append(vols, i)
			}
		}
		nMiss := int(hash(yp.Year, q, n, 1) % 3)
		nVol := 2 + int(hash(yp.Year, q, n, 2)%2)
		switch p.Prof {
		case profExcellent:
			nMiss, nVol = 0, 3
		case profLowReward:
			nMiss, nVol = 1, 1
		case profWeak:
			nMiss, nVol = 3, 1
		}
		for k := 0; k < nMiss && len(missable) > 0; k++ {
			j := int(hash(yp.Year, q, n, 3, k) % uint64(len(missable)))
			missedAt[fmt.Sprint(p.ID, "|", missable[j])] = true
			missable = append(missable[:j], missable[j+1:]...)
		}
		volunteer[p.ID] = map[int]bool{}
		for k := 0; k < len(vols); k++ {
			volunteer[p.ID][vols[k]] = true
		}
		for k := len(vols); k > nVol; k-- {
			j := int(hash(yp.Year, q, n, 4, k) % uint64(len(vols)))
			delete(volunteer[p.ID], vols[j])
			vols = append(vols[:j], vols[j+1:]...)
		}
	}
	status = map[string]int{}
	for i, e := range cal {
		for _, p := range yp.People {
			if p.Exempt || (e.Group != "" && e.Group != p.Group) || !activeOn(p, e.Date) {
				continue
			}
			if e.Code == "R01" && !volunteer[p.ID][i] {
				continue
			}
			k := fmt.Sprint(p.ID, "|", i)
			if missedAt[k] || yp.ForcedMiss[p.ID+"|"+model.DateString(e.Date)+"|"+e.Code] {
				status[k] = missed
			} else {
				status[k] = attended
			}
		}
	}
	return cal, status
}

// gridCodes are the items a 签到表 quarter takes as ticks: meetings and
// volunteer days. 党费 (B05), training and the rest stay 日常登记 rows.
var gridCodes = map[string]bool{"B01": true, "B02": true, "B03": true, "B04": true, "B06": true, "R01": true}

// entryRows builds the 日常登记 rows of one quarter; in a grid quarter
// (yp.Grid) the attendance at gridCodes events is left to the 签到表.
func (yp *yearPlan) entryRows(q int) [][]any {
	cal, status := yp.quarterAttendance(q)
	if cal == nil {
		return nil
	}
	var rows [][]any
	add := func(date time.Time, p person, code string, count, pts any, reason string, reg time.Time, witness, note string) {
		rows = append(rows, entryLayout.row(date, p.ID, p.Name, code, count, pts, reason, demoAdmin, reg, witness, note))
	}
	byID := map[string]person{}
	for _, p := range yp.People {
		byID[p.ID] = p
	}
	for i, e := range cal {
		if yp.Grid[q] && gridCodes[e.Code] {
			continue
		}
		for _, p := range yp.People {
			if status[fmt.Sprint(p.ID, "|", i)] != attended {
				continue
			}
			reg := e.Date
			if e.Code == "B05" {
				reg = e.Date.AddDate(0, 0, 2)
			}
			add(e.Date, p, e.Code, nil, nil, e.Reason, reg, "", "")
		}
	}
	until := yp.Until
	for _, x := range yp.Extras {
		if model.QuarterOf(x.Date) != q || x.Date.After(until) {
			continue
		}
		p := byID[x.ID]
		add(x.Date, p, x.Code, x.Count, x.Points, x.Reason, x.Date.AddDate(0, 0, 1), "", "")
	}
	for _, l := range yp.Late {
		if model.QuarterOf(l.Date) != q {
			continue
		}
		p := byID[l.ID]
		reason := ""
		for _, e := range cal {
			if e.Date.Equal(l.Date) && e.Code == l.Code && (e.Group == "" || e.Group == p.Group) {
				reason = e.Reason
			}
		}
		add(l.Date, p, l.Code, nil, nil, reason, l.RegDate, groupLeader[p.Group], l.Note)
	}
	date := model.EntryDate.Index()
	sort.SliceStable(rows, func(i, j int) bool { return rows[i][date].(time.Time).Before(rows[j][date].(time.Time)) })
	return rows
}

// gridTable is quarter q's attendance as a 签到表: one column per meeting
// or volunteer day, one row per member. A miss is 请假 or 缺席 (both count
// nothing under 累加制, so the figures equal the rows'); an attendance
// registered late as 补记录 is left blank with a note, since the row carries it.
func (yp *yearPlan) gridTable(q int) workbook.Table {
	cal, status := yp.quarterAttendance(q)
	var acts []workbook.GridActivity
	var cols []int
	for i, e := range cal {
		if gridCodes[e.Code] {
			acts = append(acts, workbook.GridActivity{Name: e.Reason, Date: e.Date, Item: e.Code})
			cols = append(cols, i)
		}
	}
	late := map[string]string{} // → its note
	for _, l := range yp.Late {
		late[l.ID+"|"+model.DateString(l.Date)+"|"+l.Code] = l.Note
	}
	var members [][]any
	var marks [][]string
	var notes []string
	for _, p := range yp.People {
		if p.Exempt {
			continue
		}
		row := make([]string, len(cols))
		note := ""
		marked := false
		for k, i := range cols {
			e := cal[i]
			switch status[fmt.Sprint(p.ID, "|", i)] {
			case attended:
				row[k] = "√"
			case missed:
				if n, ok := late[p.ID+"|"+model.DateString(e.Date)+"|"+e.Code]; ok {
					note = fmt.Sprintf("%d月%d日：%s，见日常登记补记录", e.Date.Month(), e.Date.Day(), n)
					continue
				}
				switch {
				case hash(yp.Year, q, idNum(p.ID), i)%2 == 0:
					row[k] = "请假"
				default:
					row[k] = "×"
				}
			default:
				continue
			}
			marked = true
		}
		if !marked {
			continue
		}
		members = append(members, gridLayout.row(len(members)+1, p.ID, p.Name, p.Group))
		marks = append(marks, row)
		notes = append(notes, note)
	}
	t := gridTable(fmt.Sprintf("签到表（%s季度）", model.QuarterCN(q)),
		model.PeriodLabel(yp.Year, q)+"党员组织生活签到表", members, acts, marks, 0)
	t.Grid.Notes = notes
	// The demo keeps its 签到表 in a workbook of its own (a register may
	// be split over files): its dropdowns are fixed lists of the year's
	// people and rubric.
	var ids, names []string
	for _, p := range yp.People {
		if !p.Exempt {
			ids, names = append(ids, p.ID+" "+p.Name), append(names, p.Name)
		}
	}
	t.Choices = map[*model.Column][]string{model.GridID: ids, model.GridName: names,
		model.GridItem: itemLabels(defaultRubric, model.Base, model.Reward)}
	return t
}

func activeOn(p person, d time.Time) bool {
	return (p.In.IsZero() || !d.Before(p.In)) && (p.Out.IsZero() || !d.After(p.Out))
}

// decisions2026 is the branch's 等次确定 for 2026.
var decisions2026 = [][]any{
	// 编号, 姓名, 确定等次, 理由, 谈话人, 决定日期
	{"D022", "唐志刚", "合格", "该同志继续抽调驻村开展乡村振兴工作，驻村工作队考核为优秀，奖励积分偏低系客观原因，经支委会研究确定为合格", "", model.NewDate(2027, 1, 15)},
	{"D031", "潘振宇", "基本合格", "受处分后能够认真整改，但奖励积分偏低，确定为基本合格，由党小组长提醒谈话", "曾凡荣", model.NewDate(2027, 1, 15)},
}

// plan2025 is the 2025 register; without fixed, as it stood before the
// first quarter's objection was answered (its 公示 as posted).
func plan2025(fixed bool) *yearPlan {
	d := model.NewDate
	yp := &yearPlan{Year: 2025, Until: d(2025, 12, 31), People: roster2025()}
	yp.Late = []lateFix{
		// The Q1 objection (更正) found this attendance missing from the register.
		{ID: "D021", Date: d(2025, 1, 9), Code: "B02", RegDate: d(2025, 4, 7), Note: "公示异议核实后补登记", Corrects: true},
		{ID: "D030", Date: d(2025, 5, 15), Code: "B06", RegDate: d(2025, 5, 28), Note: "签到表遗漏，党小组长证明"},
	}
	yp.ForcedMiss = map[string]bool{
		"D021|2025-01-09|B02": true,
		"D030|2025-05-15|B06": true,
		"D033|2025-10-10|B02": true, // 无故缺席, deducted below
		"D031|2025-08-10|B02": true,
		"D012|2025-03-12|B03": true, // registered below with a reduced 分值
	}
	yp.Extras = []extraEntry{
		{d(2025, 5, 28), "D003", "B07", 1, nil, "参加市直机关党务干部培训班"},
		{d(2025, 5, 28), "D016", "B07", 1, nil, "参加市直机关党务干部培训班"},
		{d(2025, 5, 28), "D027", "B07", 1, nil, "参加市直机关党务干部培训班"},
		{d(2025, 8, 26), "D040", "B07", 2, nil, "参加新转入党员集中培训（两天）"},
		{d(2025, 9, 26), "D040", "R02", 1, nil, "结对帮扶社区困难家庭"},
		{d(2025, 3, 12), "D012", "B03", 1, model.P(5), "党课中途因公离会"},
		{d(2025, 7, 22), "D009", "R01", 2, nil, "连续两天参加防汛志愿服务"},
		{d(2025, 5, 26), "D004", "R06", 1, nil, "提出的“窗口服务一次告知”建议被局务会采纳"},
		{d(2025, 11, 26), "D017", "R06", 1, nil, "提出的“公文流转精简”建议被采纳"},
		{d(2025, 8, 26), "D037", "R02", 1, nil, "结对帮扶社区困难家庭"},
	}
	yp.Claims = [][]any{
		// 申报日期, 编号, 姓名, 项目编码, 事由, 申报分值, 证明材料, 党小组意见, 支部审定, 审定分值
		{d(2025, 3, 20), "D005", "李明轩", "R05", "参加春运保障专项工作表现突出", nil, "市交通局感谢信", "通过", "通过", nil},
		{d(2025, 3, 21), "D009", "吴雅琴", "R03", "撰写的支部活动稿件被《示例日报》刊发", nil, "2025年3月18日《示例日报》第3版", "通过", "通过", nil},
		{d(2025, 3, 24), "D014", "马晓东", "R03", "理论文章被市委党刊采用", nil, "《示例党建》2025年第3期", "通过", "通过", nil},
		{d(2025, 3, 18), "D028", "李堃", "R05", "参加森林防火专项督查表现突出", nil, "市应急管理局证明", "通过", "通过", nil},
		{d(2025, 6, 12), "D005", "李明轩", "R03", "调研报告被市政府信息采用", nil, "市政府办公室信息专报第21期", "通过", "通过", nil},
		{d(2025, 6, 16), "D009", "吴雅琴", "R05", "承担全省业务考核迎检任务表现突出", model.P(3), "局办公室证明", "通过", "通过", model.P(2)},
		// After the 25th of June: counts in the third quarter.
		{d(2025, 6, 27), "D014", "马晓东", "R05", "参加汛期应急值守表现突出", nil, "局应急办证明", "通过", "通过", nil},
		{d(2025, 6, 10), "D028", "李堃", "R04", "被评为全市纪检监察系统先进个人", nil, "示纪发〔2025〕12号", "通过", "通过", nil},
		{d(2025, 6, 20), "D016", "胡振华", "R05", "参加防汛物资调运", nil, "局应急办证明", "通过", "不通过", nil},
		{d(2025, 9, 15), "D005", "李明轩", "R03", "撰写的经验材料被市直工委简报刊发", nil, "市直工委简报第9期", "通过", "通过", nil},
		{d(2025, 9, 19), "D009", "吴雅琴", "R03", "宣传稿件被“示例发布”公众号采用", nil, "公众号推送截图", "通过", "通过", nil},
		{d(2025, 9, 10), "D028", "李堃", "R05", "参加防汛抢险表现突出", nil, "区防指证明", "通过", "通过", nil},
		{d(2025, 9, 12), "D023", "韩雪", "R03", "稿件被县级媒体采用", nil, "县融媒体中心截图", "不通过", "不通过", nil},
		{d(2025, 12, 5), "D005", "李明轩", "R05", "参加冬季安全生产大检查表现突出", nil, "市安委办证明", "通过", "通过", nil},
		{d(2025, 12, 8), "D009", "吴雅琴", "R04", "被评为全市“三八红旗手”", nil, "示妇发〔2025〕30号", "通过", "通过", nil},
		{d(2025, 12, 9), "D014", "马晓东", "R03", "调研文章被《示例日报》理论版刊发", nil, "2025年12月2日《示例日报》第7版", "通过", "通过", nil},
		{d(2025, 12, 10), "D028", "李堃", "R05", "参加年终专项督查表现突出", nil, "市纪委监委证明", "通过", "通过", nil},
		// Still waiting for the branch's decision: a warning, not counted.
		{d(2025, 12, 12), "D007", "孙海燕", "R02", "结对帮扶困难职工家庭", nil, "", "通过", "待审", nil},
		// After the fourth-quarter cut-off: to be entered in next year's register.
		{d(2025, 12, 29), "D014", "马晓东", "R03", "年终稿件被《示例党建》采用", nil, "《示例党建》2025年第12期", "通过", "通过", nil},
	}
	yp.Deductions = [][]any{
		// 认定日期, 编号, 姓名, 项目编码, 扣分, 事由, 来源, 依据, 举报人, 备注（内部）
		{d(2025, 2, 26), "D012", "何俊峰", "K06", nil, "未按要求完成2月学习任务", "班子商议", "支委会纪要〔2025〕2号", "", ""},
		{d(2025, 5, 20), "D018", "高建军", "K03", nil, "违反考勤纪律受到局机关通报批评", "班子商议", "局通报〔2025〕6号", "", "已当面告知本人"},
		{d(2025, 6, 18), "D025", "邓立新", "K04", model.P(3), "在社区公共场所与群众发生争执，造成不良影响", "群众举报", "支委会纪要〔2025〕6号", "社区居民（来电，姓名保密）", "经核实属实，情节较轻"},
		{d(2025, 8, 28), "D031", "潘振宇", "K05", nil, "受到党内警告处分", "其他", "机关纪委处分决定〔2025〕3号", "", ""},
		{d(2025, 10, 24), "D033", "蔡宁", "K01", nil, "无故缺席10月党小组会", "班子商议", "支委会纪要〔2025〕10号", "", ""},
	}
	yp.Objections = [][]any{
		// 受理日期, 季度, 编号, 姓名, 异议事项, 提出人, 调查结果, 处理结果, 反馈日期, 状态
		{d(2025, 10, 6), "第三季度", "D031", "潘振宇", "对第三季度违规扣分有异议", "潘振宇",
			"扣分依据机关纪委处分决定，认定无误", "维持", d(2025, 10, 8), "已反馈"},
	}
	yp.Corrections = [][]any{
		{d(2025, 4, 4), "第一季度", "D021", "宋雨桐", "本人参加了1月党小组会，公示明细中没有该项积分", "宋雨桐",
			"经核对签到表，该同志确实参加，系登记遗漏，已由党小组长证明补登记", "更正", d(2025, 4, 7), "已反馈"},
	}
	yp.fix(fixed)
	yp.Evaluations = evaluations(yp.People, 2025)
	yp.Decisions = [][]any{
		// 编号, 姓名, 确定等次, 理由, 谈话人, 决定日期
		{"D022", "唐志刚", "合格", "该同志全年抽调驻村开展乡村振兴工作，参加志愿服务机会少，奖励积分偏低系客观原因，经支委会研究确定为合格", "", d(2026, 1, 16)},
		{"D018", "高建军", "基本合格", "年度违规扣分达到10分，确定为基本合格，由党小组长提醒谈话", "胡振华", d(2026, 1, 16)},
		{"D031", "潘振宇", "不合格", "受到党内警告处分，年度违规扣分20分，报上级党组织审批后处置", "刘建国", d(2026, 1, 16)},
	}
	s := demoSettings(2025)
	s.PublicationStart = [4]time.Time{d(2025, 4, 3), d(2025, 7, 3), d(2025, 10, 5), d(2026, 1, 5)}
	s.GradesDecided = true
	yp.Settings = s
	return yp
}

// plan2026 is a complete year as well (SPEC §9: the demo never ages): every
// quarter registered, 民主评议 held, grades decided and published, so a
// build on any later date shows the same finished record, and a build
// during 2026's fourth quarter simply does not publish that quarter yet.
//
// Without fixed, it is the register as it stood before the third quarter's
// objection was answered: the 公示 as posted on 5 October.
func plan2026(fixed bool) *yearPlan {
	d := model.NewDate
	yp := &yearPlan{Year: 2026, Until: d(2026, 12, 31), People: roster2026(), Grid: map[int]bool{1: true}}
	yp.Late = []lateFix{
		{ID: "D034", Date: d(2026, 3, 20), Code: "B04", RegDate: d(2026, 4, 2), Note: "外出学习期间参加线上主题党日，党小组长证明"},
		// The Q3 objection (更正, after the 公示 was posted) found this
		// attendance missing: the demo's 更正公示 (SPEC §11).
		{ID: "D010", Date: d(2026, 8, 20), Code: "B04", RegDate: d(2026, 10, 8), Note: "公示异议核实后补登记", Corrects: true},
		{ID: "D008", Date: d(2026, 11, 15), Code: "B06", RegDate: d(2026, 11, 30), Note: "签到表遗漏，党小组长证明"},
	}
	yp.ForcedMiss = map[string]bool{
		"D034|2026-03-20|B04": true,
		"D010|2026-08-20|B04": true,
		"D008|2026-11-15|B06": true,
		"D025|2026-10-09|B02": true, // 无故缺席, deducted below
	}
	yp.Extras = []extraEntry{
		{d(2026, 4, 27), "D026", "B07", 1, nil, "参加市直机关预备党员培训班"},
		{d(2026, 6, 26), "D015", "R06", 1, nil, "提出的“档案数字化”建议被采纳"},
		{d(2026, 9, 25), "D010", "R02", 1, nil, "结对帮扶社区困难家庭"},
		{d(2026, 10, 28), "D003", "B07", 1, nil, "参加全市党支部书记和党务干部轮训"},
		{d(2026, 10, 28), "D016", "B07", 1, nil, "参加全市党支部书记和党务干部轮训"},
		{d(2026, 10, 28), "D027", "B07", 1, nil, "参加全市党支部书记和党务干部轮训"},
		{d(2026, 12, 2), "D038", "R02", 1, nil, "结对帮扶社区困难家庭"},
	}
	yp.Claims = [][]any{
		// 2025's late claim (after that year's fourth-quarter cut-off), entered
		// again in this year's register as the warning advised.
		{d(2026, 1, 6), "D014", "马晓东", "R03", "年终稿件被《示例党建》采用（2025年12月29日申报，转入本年度）", nil, "《示例党建》2025年第12期", "通过", "通过", nil},
		{d(2026, 3, 16), "D005", "李明轩", "R03", "调研文章被《示例日报》刊发", nil, "2026年3月10日《示例日报》第5版", "通过", "通过", nil},
		{d(2026, 3, 23), "D028", "李堃", "R05", "参加春季森林防火督查表现突出", nil, "市应急管理局证明", "通过", "通过", nil},
		{d(2026, 6, 15), "D014", "马晓东", "R04", "被评为全市优秀共产党员", nil, "示委〔2026〕40号", "通过", "通过", nil},
		{d(2026, 6, 18), "D021", "宋雨桐", "R03", "稿件被市级媒体采用", nil, "《示例晚报》2026年6月12日", "通过", "通过", model.Points(150)},
		{d(2026, 9, 8), "D009", "吴雅琴", "R05", "参加防汛抢险表现突出", nil, "区防指证明", "通过", "通过", nil},
		{d(2026, 9, 18), "D030", "袁野", "R05", "参加重大项目攻坚", nil, "项目组情况说明", "不通过", "不通过", nil},
		{d(2026, 11, 10), "D016", "胡振华", "R05", "参加安全生产专项检查表现突出", nil, "市安委办证明", "通过", "通过", nil},
		{d(2026, 12, 4), "D005", "李明轩", "R05", "参加年终安全生产大检查表现突出", nil, "市安委办证明", "通过", "通过", nil},
		{d(2026, 12, 9), "D009", "吴雅琴", "R03", "宣传稿件被《示例日报》采用", nil, "2026年12月5日《示例日报》第2版", "通过", "通过", nil},
		{d(2026, 12, 10), "D028", "李堃", "R05", "参加年终专项督查表现突出", nil, "市纪委监委证明", "通过", "通过", nil},
	}
	yp.Deductions = [][]any{
		{d(2026, 4, 22), "D019", "罗秀英", "K02", nil, "未按规定交纳3月党费", "班子商议", "支委会纪要〔2026〕4号", "", "已补交"},
		{d(2026, 9, 24), "D033", "蔡宁", "K06", nil, "未按要求完成三季度学习任务", "群众举报", "支委会纪要〔2026〕9号", "同事（姓名保密）", ""},
		{d(2026, 10, 23), "D025", "邓立新", "K01", nil, "无故缺席10月党小组会", "班子商议", "支委会纪要〔2026〕10号", "", ""},
	}
	yp.Objections = [][]any{
		{d(2026, 7, 6), "第二季度", "D019", "罗秀英", "认为党费已在3月底补交，不应扣分", "罗秀英",
			"党费补交时间晚于规定交纳时间，扣分符合考核项目规定", "维持", d(2026, 7, 8), "已反馈"},
	}
	yp.Corrections = [][]any{
		{d(2026, 10, 6), "第三季度", "D010", "郑国栋", "本人参加了8月主题党日活动，公示中没有该项积分", "郑国栋",
			"经核对活动照片和党小组记录，该同志确实参加，系登记遗漏，已由党小组长证明补登记", "更正", d(2026, 10, 8), "已反馈"},
	}
	yp.fix(fixed)
	yp.Evaluations = evaluations(yp.People, 2026)
	yp.Decisions = decisions2026
	s := demoSettings(2026)
	s.PublicationStart = [4]time.Time{d(2026, 4, 3), d(2026, 7, 3), d(2026, 10, 5), d(2027, 1, 5)}
	s.GradesDecided = true
	yp.Settings = s
	return yp
}

func demoSettings(year int) model.Settings {
	s := model.DefaultSettings(year)
	s.Branch, s.Superior, s.Secretary, s.Administrator, s.ObjectionContact = demoBranch, demoSuperior, demoSecr, demoAdmin, demoContact
	return s
}

// evaluations gives every participating member a 民主评议 row (入党积极分子
// and 发展对象 too: their composite is shown, though they are not graded);
// the third group voted, the others scored directly.
func evaluations(people []person, year int) [][]any {
	var rows [][]any
	for _, p := range people {
		if p.Exempt || (!p.In.IsZero() && p.In.Year() > year) {
			continue
		}
		n := idNum(p.ID)
		score := 84 + int(hash(year, n, 5)%9) // 84–92
		promise := 82 + int(hash(year, n, 6)%11)
		switch p.Prof {
		case profExcellent:
			score, promise = 96, 95
		case profWeak:
			score, promise = 62, 60
		}
		if p.ID == "D018" {
			score, promise = 76, 78
		}
		if p.Group == demoGroups[2] && p.Prof != profWeak {
			// 35 voters: score = (100·优秀 + 80·合格 + 60·基本合格) / 35.
			exc := 10 + int(hash(year, n, 7)%12)
			if p.Prof == profExcellent {
				exc = 30
			}
			basic := int(hash(year, n, 8) % 3)
			rows = append(rows, []any{p.ID, p.Name, nil, exc, 35 - exc - basic, basic, 0, promise})
			continue
		}
		if p.Prof == profWeak {
			rows = append(rows, []any{p.ID, p.Name, nil, 0, 12, 18, 5, promise})
			continue
		}
		rows = append(rows, []any{p.ID, p.Name, score, nil, nil, nil, nil, promise})
	}
	return rows
}

// commitments gives each participating member a 承诺书 row.
func commitments(people []person, year int) [][]any {
	texts := []string{
		"坚定理想信念，按时参加“三会一课”，认真学习党的创新理论，立足岗位做好本职工作，全年无差错。",
		"严守政治纪律和政治规矩，带头落实首问负责和限时办结制度，每季度至少参加两次志愿服务。",
		"发挥党员先锋模范作用，主动承担急难险重任务，结对帮扶一户困难群众。",
		"加强业务学习，全年撰写调研文章或信息稿件不少于两篇，做到廉洁自律、服务群众。",
	}
	var rows [][]any
	for _, p := range people {
		if p.Exempt {
			continue
		}
		signed := model.NewDate(year, 2, 10+int(hash(year, idNum(p.ID), 9)%8))
		if !p.In.IsZero() && p.In.Year() == year {
			signed = p.In.AddDate(0, 0, 10)
		}
		text := texts[int(hash(year, idNum(p.ID), 10)%uint64(len(texts)))]
		switch p.Role {
		case "支部书记":
			text = "履行管党治党第一责任人职责，带头讲党课、带头参加双重组织生活，推动积分制管理落到实处。"
		case "党小组长":
			text = "组织好每月党小组会，如实记录和证明组员参加活动情况，带头完成各项工作任务。"
		}
		reviewer := demoSecr
		if p.ID == demoSecrID {
			reviewer = "示例局机关党委"
		}
		rows = append(rows, []any{p.ID, p.Name, text, reviewer, signed})
	}
	return rows
}

const demoSecrID = "D001"

// rosterRows writes the roster; with private, also the columns that must
// never leave the workbook (身份证号, 联系电话: obviously fake values).
func rosterRows(people []person, private bool) [][]any {
	var rows [][]any
	for _, p := range people {
		var idCard, phone any
		if private {
			n := idNum(p.ID)
			idCard = fmt.Sprintf("000000%04d%02d%02d%03dX", 1960+int(hash(n, 11)%40), 1+int(hash(n, 12)%12), 1+int(hash(n, 13)%28), n)
			phone = fmt.Sprintf("1380000%04d", n)
		}
		var exempt, ext any
		if p.Exempt {
			exempt = true
		}
		if p.Extended {
			ext = true
		}
		rows = append(rows, rosterLayout.row(p.ID, p.Name, string(p.Cat), p.Group, p.Role, p.In, p.Out,
			exempt, p.ExemptReason, p.Filing, ext, idCard, phone))
	}
	return rows
}

func (yp *yearPlan) files() []file {
	y := yp.Year
	dir := fmt.Sprintf("data/%d/", y)
	ent := itemLabels(defaultRubric, model.Base, model.Reward)
	entriesTable := func(q int) workbook.Table {
		t := table(model.KindEntries, model.KindEntries.Schema().TitleOf(y)+fmt.Sprintf("（第%s季度）", model.QuarterCN(q)))
		t.Sheet = fmt.Sprintf("日常登记（%s季度）", model.QuarterCN(q))
		t.Rows = yp.entryRows(q)
		t.Choices = map[*model.Column][]string{model.EntryItem: ent}
		return t
	}
	var qs1, qs2 []workbook.Table
	for q := 1; q <= 4; q++ {
		t := entriesTable(q)
		if len(t.Rows) == 0 {
			continue
		}
		if q <= 2 {
			qs1 = append(qs1, t)
		} else {
			qs2 = append(qs2, t)
		}
	}
	roster := table(model.KindRoster, fmt.Sprintf("%s党员名册（%d年）", demoBranch, y))
	roster.Rows = rosterRows(yp.People, true)
	roster.Choices = map[*model.Column][]string{model.RosterGroup: demoGroups}
	commits := titled(model.KindCommitments, y)
	commits.Rows = commitmentLayout.rows(commitments(yp.People, y))
	files := []file{
		{Path: dir + "名册与设置.xlsx", Tables: []workbook.Table{
			settingsTable(yp.Settings, model.KindSettings.Schema().TitleOf(y)),
			rubricTable(defaultRubric, model.KindItems.Schema().TitleOf(y)),
			roster,
			commits,
		}},
		{Path: dir + "日常登记-一二季度.xlsx", Tables: qs1},
	}
	if len(qs2) > 0 {
		files = append(files, file{Path: dir + "日常登记-三四季度.xlsx", Tables: qs2})
	}
	var grids []workbook.Table
	for q := 1; q <= 4; q++ {
		if yp.Grid[q] {
			grids = append(grids, yp.gridTable(q))
		}
	}
	if len(grids) > 0 {
		files = append(files, file{Path: dir + "签到表.xlsx", Tables: append([]workbook.Table{
			noteTable(model.KindGrid.Schema().TitleOf(y), gridNotes...)}, grids...)})
	}
	claims := titled(model.KindClaims, y)
	claims.Rows = claimLayout.rows(yp.Claims)
	claims.Choices = map[*model.Column][]string{model.ClaimItem: itemLabels(defaultRubric, model.Reward)}
	deductions := titled(model.KindDeductions, y)
	deductions.Rows = deductionLayout.rows(yp.Deductions)
	deductions.Choices = map[*model.Column][]string{model.DeductionItem: itemLabels(defaultRubric, model.Deduction)}
	objections := titled(model.KindObjections, y)
	objections.Rows = objectionLayout.rows(yp.objectionRows())
	files = append(files, file{Path: dir + "奖励与扣分.xlsx", Tables: []workbook.Table{claims, deductions, objections}})
	if len(yp.Evaluations) > 0 || len(yp.Decisions) > 0 {
		evals := titled(model.KindEvaluations, y)
		evals.Rows = evaluationLayout.rows(yp.Evaluations)
		decisions := titled(model.KindDecisions, y)
		decisions.Rows = decisionLayout.rows(yp.Decisions)
		files = append(files, file{Path: dir + "民主评议.xlsx", Tables: []workbook.Table{evals, decisions}})
	}
	return files
}

// demoFiles is the whole demo's register: both years and the Markdown
// pages, as they stand at the end (every objection answered).
func demoFiles() []file {
	files := plan2025(true).files()
	files = append(files, plan2026(true).files()...)
	for _, name := range []string{"实施方案.md", "考核说明.md"} {
		b, err := pagesFS.ReadFile("pages/" + name)
		if err != nil {
			panic(err) // embedded at build time
		}
		files = append(files, file{Path: "data/pages/" + name, Text: b})
	}
	return files
}

// fix keeps or drops what answering the objections to posted 公示 changed:
// without fixed, the register is as it stood when the 公示 was posted.
func (yp *yearPlan) fix(fixed bool) {
	if fixed {
		return
	}
	yp.Corrections = nil
	late := yp.Late[:0]
	for _, l := range yp.Late {
		if !l.Corrects {
			late = append(late, l)
		}
	}
	yp.Late = late
}

// objectionRows are the 异议处理 rows in the order they were received.
func (yp *yearPlan) objectionRows() [][]any {
	rows := append(append([][]any{}, yp.Objections...), yp.Corrections...)
	sort.SliceStable(rows, func(i, j int) bool { return rows[i][0].(time.Time).Before(rows[j][0].(time.Time)) })
	return rows
}
