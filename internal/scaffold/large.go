package scaffold

// Large registers for measuring jifen at a 机关党委's or a city's scale
// (`jifen init --demo --members N --rows-per-member K`): one closed year laid
// out the way a large committee keeps it — settings, rubric, roster and
// commitments in one workbook, the 日常登记 in one workbook per thousand
// members with a sheet per quarter, claims, deductions and objections in a
// third, 民主评议 and 等次确定 in a fourth. Everything derives from the
// member's number through hash, so the same N and K give the same bytes.
// Rows are produced while they are written: memory stays bounded by one
// sheet whatever N is.

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/workbook"
)

// LargeYear is the year a large register covers: closed on any day from
// 2026 on, like the demo's first year.
const LargeYear = 2025

// MembersPerBook is how many members' 日常登记 one workbook holds.
const MembersPerBook = 1000

// Large writes a register of members members with about rowsPerMember
// 日常登记 rows each into root/data/<year>/ and returns the files created.
// It never overwrites.
func Large(root string, year, members, rowsPerMember int) ([]string, error) {
	if members < 1 || members > 1_000_000 {
		return nil, fmt.Errorf("党员人数 %d 无效（1–1000000）", members)
	}
	if rowsPerMember < 0 || rowsPerMember > 10_000 {
		return nil, fmt.Errorf("每人登记行数 %d 无效（0–10000）", rowsPerMember)
	}
	g := newLarge(year, members, rowsPerMember)
	books := g.books()
	for _, b := range books {
		p := filepath.Join(root, filepath.FromSlash(b.path))
		if _, err := os.Lstat(p); err == nil {
			return nil, fmt.Errorf("%s 已存在，不会覆盖；请换一个目录或先移走该文件", p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	var done []string
	for _, b := range books {
		p := filepath.Join(root, filepath.FromSlash(b.path))
		err := os.MkdirAll(filepath.Dir(p), 0o755)
		if err == nil {
			err = workbook.WriteBulkBook(p, b.tables)
		}
		if err != nil {
			for _, d := range done {
				os.Remove(d)
			}
			return nil, err
		}
		done = append(done, p)
	}
	return done, nil
}

type bulkBook struct {
	path   string
	tables []workbook.BulkTable
}

// large is the plan of a large register: the roster is computed once
// (compactly), rows on demand.
type large struct {
	year, rows int
	people     []largePerson
	groups     []string
	leaders    []string // 党小组长 name per group
}

type largePerson struct {
	id, name string
	cat      model.Category
	group    int
	role     string
	in, out  time.Time
	exempt   bool
	prof     int // 0 ordinary, 1 excellent, 2 weak
}

var (
	largeSurnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
	largeGiven    = []rune("建国晓燕丽华明轩文博海志强雅琴佳怡俊峰静东红梅振思远秀英宏伟雨桐刚雪子涵立新凡荣堃喆婷磊洋勇军杰娟涛敏超霞平鹏辉玲芳波斌宇浩凯健欣颖琳宁晨瑶鑫亮成帅玉兰春梅冬梅桂英淑珍秀兰金凤永红志伟德胜")
	largeDepts    = []string{"办公室", "组织人事处", "宣传处", "政策法规处", "综合规划处", "财务审计处", "机关服务中心", "信息中心",
		"行政审批处", "督查室", "离退休干部处", "机关纪委", "发展改革处", "产业发展处", "科技处", "统计处", "安全监管处",
		"执法监督处", "应急管理处", "社会事务处", "对外合作处", "档案室", "研究室", "项目管理处", "资产管理处"}
	largeTopics = []string{"学习贯彻党的二十届三中全会精神", "学习党章和党纪处分条例", "开展警示教育", "重温入党誓词",
		"研讨“转作风、提效能”", "学习贯彻上级会议精神", "开展“不忘初心”主题研讨", "年终总结和民主评议准备",
		"学习习近平新时代中国特色社会主义思想专题", "“我为群众办实事”实践活动"}
	largeService = []string{"文明城市创建志愿服务", "“学雷锋”进社区志愿服务", "义务植树", "社区环境整治志愿服务",
		"防汛值守志愿服务", "交通文明劝导", "敬老院慰问", "消防安全宣传进社区"}
)

// cnNumber writes 1–999 in Chinese numerals (第十二党小组).
func cnNumber(n int) string {
	d := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return d[n]
	case n < 20:
		return "十" + d[n%10]
	case n < 100:
		return d[n/10] + "十" + d[n%10]
	}
	s := d[n/100] + "百"
	if r := n % 100; r > 0 && r < 10 {
		s += "零" + d[r]
	} else if r >= 10 {
		s += d[r/10] + "十" + d[r%10]
	}
	return s
}

func newLarge(year, n, rows int) *large {
	g := &large{year: year, rows: rows}
	const perGroup = 12
	ngroups := (n + perGroup - 1) / perGroup
	for i := range ngroups {
		dept := largeDepts[i%len(largeDepts)]
		g.groups = append(g.groups, dept+"第"+cnNumber(i/len(largeDepts)+1)+"党小组")
	}
	g.leaders = make([]string, ngroups)
	for i := range n {
		h := hash(year, i, 21)
		p := largePerson{
			id:    fmt.Sprintf("J%05d", i+1),
			name:  string(largeSurnames[h%uint64(len(largeSurnames))]),
			cat:   model.Full,
			group: i / perGroup,
		}
		for k := range 1 + int(hash(i, 22)%4)/3 { // mostly two-character names
			p.name += string(largeGiven[hash(i, 23, k)%uint64(len(largeGiven))])
		}
		switch r := hash(i, 24) % 100; {
		case r < 5:
			p.cat = model.Probation
		case r < 8:
			p.cat = model.Activist
		case r < 10:
			p.cat = model.Candidate
		}
		switch r := hash(i, 25) % 100; {
		case r < 10:
			p.prof = 1
		case r < 15:
			p.prof = 2
		}
		if i%perGroup == 0 {
			p.role, p.cat = "党小组长", model.Full
			g.leaders[p.group] = p.name
		}
		switch r := hash(i, 26) % 200; {
		case r == 0 && p.role == "":
			p.exempt, p.role = true, "退休党员"
		case r == 1 || r == 2:
			p.in = model.QuarterStart(year, 3)
		case r == 3:
			p.out = model.QuarterEnd(year, 2)
		}
		g.people = append(g.people, p)
	}
	return g
}

func (g *large) books() []bulkBook {
	y := g.year
	dir := fmt.Sprintf("data/%d/", y)
	branch := "中共示例市示例局机关委员会"
	s := model.DefaultSettings(y)
	s.Branch, s.Superior = branch, "中共示例市直属机关工作委员会"
	s.Secretary, s.Administrator, s.ObjectionContact = "刘建国", "陈晓燕", "机关党委办公室（机关大楼 3 楼 305 室），电话 0000-12345678"
	s.GradesDecided = true
	books := []bulkBook{{path: dir + "名册与设置.xlsx", tables: []workbook.BulkTable{
		static(settingsTable(s, model.KindSettings.Schema().TitleOf(y))),
		static(rubricTable(defaultRubric, model.KindItems.Schema().TitleOf(y))),
		bulk(model.KindRoster, fmt.Sprintf("%s党员名册（%d年）", branch, y), g.roster),
		bulk(model.KindCommitments, model.KindCommitments.Schema().TitleOf(y), g.commitments),
	}}}
	for lo := 0; lo < len(g.people); lo += MembersPerBook {
		hi := min(lo+MembersPerBook, len(g.people))
		var tables []workbook.BulkTable
		for q := 1; q <= 4; q++ {
			t := bulk(model.KindEntries, model.KindEntries.Schema().TitleOf(y)+fmt.Sprintf("（第%s季度，%s至%s）", model.QuarterCN(q), g.people[lo].id, g.people[hi-1].id),
				func(yield func([]any) error) error { return g.entries(lo, hi, q, yield) })
			t.Sheet = fmt.Sprintf("日常登记（%s季度）", model.QuarterCN(q))
			tables = append(tables, t)
		}
		books = append(books, bulkBook{path: fmt.Sprintf("%s日常登记-%03d.xlsx", dir, lo/MembersPerBook+1), tables: tables})
	}
	books = append(books,
		bulkBook{path: dir + "奖励与扣分.xlsx", tables: []workbook.BulkTable{
			bulk(model.KindClaims, model.KindClaims.Schema().TitleOf(y), g.claims),
			bulk(model.KindDeductions, model.KindDeductions.Schema().TitleOf(y), g.deductions),
			bulk(model.KindObjections, model.KindObjections.Schema().TitleOf(y), g.objections),
		}},
		bulkBook{path: dir + "民主评议.xlsx", tables: []workbook.BulkTable{
			bulk(model.KindEvaluations, model.KindEvaluations.Schema().TitleOf(y), g.evaluations),
			bulk(model.KindDecisions, model.KindDecisions.Schema().TitleOf(y), g.decisions),
		}})
	return books
}

// bulk is a kind's sheet of rows produced on the fly.
func bulk(k model.Kind, title string, rows func(yield func([]any) error) error) workbook.BulkTable {
	return workbook.BulkTable{Sheet: string(k), Title: title, Columns: k.Schema().Template(), Rows: rows}
}

// static turns a small in-memory table into a bulk one.
func static(t workbook.Table) workbook.BulkTable {
	return workbook.BulkTable{Sheet: t.Sheet, Title: t.Title, Columns: t.Columns, Rows: func(yield func([]any) error) error {
		for _, r := range t.Rows {
			if err := yield(r); err != nil {
				return err
			}
		}
		return nil
	}}
}

func (g *large) roster(yield func([]any) error) error {
	for i, p := range g.people {
		var exempt, reason, filing any
		if p.exempt {
			exempt, reason, filing = true, "退休后长期在外地居住，本人申请", "经支委会审查同意，报机关党委备案"
		}
		idCard := fmt.Sprintf("000000%04d%02d%02d%03dX", 1960+int(hash(i, 11)%40), 1+int(hash(i, 12)%12), 1+int(hash(i, 13)%28), i%1000)
		if err := yield(rosterLayout.row(p.id, p.name, string(p.cat), g.groups[p.group], p.role, p.in, p.out,
			exempt, reason, filing, nil, idCard, fmt.Sprintf("138%08d", i))); err != nil {
			return err
		}
	}
	return nil
}

func (g *large) commitments(yield func([]any) error) error {
	texts := []string{
		"坚定理想信念，按时参加“三会一课”，认真学习党的创新理论，立足岗位做好本职工作，全年无差错。",
		"严守政治纪律和政治规矩，带头落实首问负责和限时办结制度，每季度至少参加两次志愿服务。",
		"发挥党员先锋模范作用，主动承担急难险重任务，结对帮扶一户困难群众。",
		"加强业务学习，全年撰写调研文章或信息稿件不少于两篇，做到廉洁自律、服务群众。",
	}
	for i, p := range g.people {
		if p.exempt || !p.in.IsZero() {
			continue
		}
		signed := model.NewDate(g.year, 2, 10+int(hash(g.year, i, 9)%8))
		if err := yield(commitmentLayout.row(p.id, p.name, texts[hash(i, 10)%uint64(len(texts))], "刘建国", signed)); err != nil {
			return err
		}
	}
	return nil
}

// largeSlot is one kind of row a member's quarter is filled with, in the
// order rows are dealt: organisational life first, service and rewards
// further down, so a member with few rows has mostly base points.
var largeSlots = []string{"B02", "B04", "B05", "B06", "B02", "B04", "B05", "B06", "B01", "B03", "R01",
	"B02", "B04", "B05", "B06", "B07", "R02", "R01", "R06", "B06", "B06", "R01", "B07", "B02", "B04"}

// entries yields the 日常登记 rows of members [lo, hi) in quarter q, by
// date as a committee types them in.
func (g *large) entries(lo, hi, q int, yield func([]any) error) error {
	type entry struct {
		day  time.Time
		row  []any
		rank int
	}
	var rows []entry
	start, end := model.QuarterStart(g.year, q), model.QuarterEnd(g.year, q)
	days := model.DaysBetween(start, end) + 1
	for i := lo; i < hi; i++ {
		p := g.people[i]
		if p.exempt || !p.in.IsZero() && p.in.After(end) || !p.out.IsZero() && p.out.Before(start) {
			continue
		}
		// Rows spread over the quarters the member takes part in.
		first, last := 1, 4
		if !p.in.IsZero() {
			first = model.QuarterOf(p.in)
		}
		if !p.out.IsZero() {
			last = model.QuarterOf(p.out)
		}
		n := last - first + 1
		k := g.rows / n
		if q-first < g.rows%n {
			k++
		}
		for j := range k {
			code := largeSlots[j%len(largeSlots)]
			switch {
			case p.prof == 2 && code[0] == 'R':
				code = "B05" // the weak member does no extra service
			case p.prof == 1 && code == "B05" && j%2 == 1:
				code = "R01"
			}
			day := start.AddDate(0, 0, int(hash(i, q, j, 31)%uint64(days)))
			if !p.in.IsZero() && day.Before(p.in) {
				day = p.in
			}
			if !p.out.IsZero() && day.After(p.out) {
				day = p.out
			}
			reason := ""
			m := int(day.Month())
			switch code {
			case "B01":
				reason = fmt.Sprintf("支部党员大会：第%s季度工作部署", model.QuarterCN(q))
			case "B02":
				reason = fmt.Sprintf("%d月党小组会：%s", m, largeTopics[(m+j)%len(largeTopics)])
			case "B03":
				reason = fmt.Sprintf("%d月党课：严守纪律规矩", m)
			case "B04":
				reason = fmt.Sprintf("%d月主题党日：%s", m, largeTopics[(m*3+j)%len(largeTopics)])
			case "B05":
				reason = fmt.Sprintf("交纳%d月党费", m)
			case "B06":
				reason = fmt.Sprintf("集中学习：%s", largeTopics[(m+2*j)%len(largeTopics)])
			case "B07":
				reason = "参加市直机关党务干部培训"
			case "R01":
				reason = largeService[(m+j)%len(largeService)]
			case "R02":
				reason = "结对帮扶社区困难家庭"
			case "R06":
				reason = "提出的合理化建议被采纳"
			}
			reg, witness := day, ""
			if hash(i, q, j, 32)%100 == 0 && day.AddDate(0, 0, 10).Before(end) {
				reg, witness = day.AddDate(0, 0, 10), g.leaders[p.group] // 补记录, witnessed
			}
			rows = append(rows, entry{day, entryLayout.row(day, p.id, p.name, code, nil, nil, reason, "陈晓燕", reg, witness, nil), len(rows)})
		}
	}
	sort.Slice(rows, func(a, b int) bool {
		if !rows[a].day.Equal(rows[b].day) {
			return rows[a].day.Before(rows[b].day)
		}
		return rows[a].rank < rows[b].rank
	})
	for _, r := range rows {
		if err := yield(r.row); err != nil {
			return err
		}
	}
	return nil
}

// participates reports whether p takes part in some quarter.
func (p largePerson) participates() bool { return !p.exempt }

func (g *large) claims(yield func([]any) error) error {
	d := model.NewDate
	for i, p := range g.people {
		if !p.participates() || hash(i, 41)%10 != 0 || !p.out.IsZero() {
			continue
		}
		approved := "通过"
		if hash(i, 42)%5 == 0 {
			approved = "不通过"
		}
		if err := yield(claimLayout.row(d(g.year, 9, 10+int(hash(i, 43)%10)), p.id, p.name, "R05", "参加防汛抢险表现突出", nil,
			"区防指证明", "通过", approved, nil)); err != nil {
			return err
		}
	}
	return nil
}

func (g *large) deductions(yield func([]any) error) error {
	d := model.NewDate
	for i, p := range g.people {
		if !p.participates() || !p.in.IsZero() || !p.out.IsZero() {
			continue
		}
		var row []any
		switch hash(i, 51) % 100 {
		case 0:
			row = []any{d(g.year, 5, 20), p.id, p.name, "K03", nil, "违反考勤纪律受到通报批评", "班子商议", "支委会纪要〔2025〕6号", "", "已当面告知本人"}
		case 1:
			row = []any{d(g.year, 8, 28), p.id, p.name, "K05", nil, "受到党内警告处分", "其他", "机关纪委处分决定〔2025〕3号", "", ""}
		case 2, 3, 4:
			row = []any{d(g.year, 2, 26), p.id, p.name, "K06", nil, "未按要求完成学习任务", "群众举报", "支委会纪要〔2025〕2号", "同事（姓名保密）", ""}
		default:
			continue
		}
		if err := yield(deductionLayout.row(row...)); err != nil {
			return err
		}
	}
	return nil
}

func (g *large) objections(yield func([]any) error) error {
	d := model.NewDate
	for i, p := range g.people {
		if !p.participates() || !p.in.IsZero() || !p.out.IsZero() || i%500 != 7 {
			continue
		}
		if err := yield(objectionLayout.row(d(g.year, 4, 4), "第一季度", p.id, p.name, "对第一季度积分有异议", p.name,
			"经核对签到表，登记无误", "维持", d(g.year, 4, 7), "已反馈")); err != nil {
			return err
		}
	}
	return nil
}

func (g *large) evaluations(yield func([]any) error) error {
	for i, p := range g.people {
		if !p.participates() {
			continue
		}
		score, promise := 80+int(hash(i, 61)%15), 80+int(hash(i, 62)%15)
		switch p.prof {
		case 1:
			score, promise = 95, 96
		case 2:
			score, promise = 66, 64
		}
		if err := yield(evaluationLayout.row(p.id, p.name, score, nil, nil, nil, nil, promise)); err != nil {
			return err
		}
	}
	return nil
}

func (g *large) decisions(yield func([]any) error) error {
	for i, p := range g.people {
		if !p.participates() || p.cat != model.Full || i%100 != 50 {
			continue
		}
		if err := yield(decisionLayout.row(p.id, p.name, "合格", "经支委会研究，结合日常表现确定为合格", "", model.NewDate(g.year+1, 1, 16))); err != nil {
			return err
		}
	}
	return nil
}
