package load

import (
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/sheet"
	"github.com/jifen-dev/jifen/internal/workbook"
)

func loadDir(t *testing.T, dir string, opts Options) *Data {
	t.Helper()
	t.Chdir(dir)
	d, err := Load("data", opts)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestSettings(t *testing.T) {
	book := memBook(t,
		wsheet{name: "设置", rows: [][]any{
			{"2026年设置"},
			{"项目", "值", "说明"},
			{"支部名称", "示例党支部"},
			{"年　度", "2025"},
			{"基础分计分方式", "扣减制"},
			{"公示天数", 2},
			{"优秀比例上限", 0.2},
			{"评议权重", "60%"},
			{"践诺权重", 0.3},
			{"第一季度公示日期", "2026-04-08"},
			{"第二季度公示日期", "2026-06-30"},
			{"第四季度公示日期", "2027-01-04"},
			{"公示排名", "是"},
			{"颜色", "红"},
			{"支部名称", "重复"},
			{"字体文件", "fonts/simhei.ttf"},
		}},
		wsheet{name: "考核项目", rows: [][]any{
			{"编码", "类别", "项目", "分值"},
			{"B1", "基础", "缺席", -2},
			{"B2", "基础", "正分", 2},
		}},
		rosterSheet(),
	)
	y, fs := ParseYear(2026, "data/2026", []File{{Path: "data/2026/基础.xlsx", Book: book}})
	fs.Sort()
	diff(t, lines(fs), []string{
		"error data/2026/基础.xlsx:考核项目!D3: 基础项目的分值在扣减制下应为负数（从基础分满分中扣减，现为 2）",
		"error data/2026/基础.xlsx:设置!B4: 年度 2025 与所在文件夹 2026 不一致",
		"error data/2026/基础.xlsx:设置!B6: 公示天数「2」应为不少于 3 的整数（实施方案要求公示不少于 3 天）",
		"error data/2026/基础.xlsx:设置!B9: 评议权重与践诺权重之和应为 1（现为 0.9000）",
		"error data/2026/基础.xlsx:设置!B11: 第二季度公示日期 2026-06-30 应在季度结束（2026-06-30）之后",
		"error data/2026/基础.xlsx:设置!A15: 设置项目「支部名称」重复（已在 data/2026/基础.xlsx:设置!A3 设置）",
		"warning data/2026/基础.xlsx:设置!B10: 第一季度公示日期 2026-04-08 晚于 4 月 5 日（实施方案要求季度结束后次月 5 日前公示）",
		"warning data/2026/基础.xlsx:设置!A14: 未知的设置项目「颜色」，已忽略",
	})
	s := y.Settings
	if s.Branch != "示例党支部" || s.Year != 2026 || s.BaseMode != model.Deduct || s.PublicationDays != 3 ||
		s.ExcellentQuota.Cmp(big.NewRat(1, 5)) != 0 || s.EvalWeight.Cmp(big.NewRat(3, 5)) != 0 ||
		!s.ShowRanks || s.FontFile != "fonts/simhei.ttf" || s.LateDays != 7 ||
		!s.PublicationStart[3].Equal(model.NewDate(2027, 1, 4)) || !s.PublicationStart[2].Equal(model.NewDate(2026, 10, 1)) {
		t.Errorf("settings = %+v", s)
	}
	if got := s.Pos["公示天数"].String(); got != "data/2026/基础.xlsx:设置!B6" {
		t.Errorf("Pos[公示天数] = %s", got)
	}
}

// A blank 支部名称 (required, SPEC §2.1) fails a register that has
// members; in the blank template (nobody in the roster) it is a warning.
func TestBranchRequired(t *testing.T) {
	noBranch := wsheet{name: "设置", rows: [][]any{{"项目", "值"}, {"支部名称", nil}, {"年度", 2026}}}
	emptyRoster := wsheet{name: "党员名册", rows: [][]any{{"编号", "姓名", "类别"}}}
	for _, tt := range []struct {
		name   string
		roster wsheet
		want   []string
	}{
		{"members", rosterSheet(), []string{"error data/2026/基础.xlsx:设置!B2: 设置缺少支部名称：请填写支部全称，公示和报表落款要用"}},
		{"blank template", emptyRoster, []string{
			"warning data/2026/基础.xlsx:党员名册!A2: 党员名册还没有人员：请从这一行起逐人填写编号、姓名和类别，填好前不生成 2026 年度的公示",
			"warning data/2026/基础.xlsx:设置!B2: 设置缺少支部名称：请填写支部全称，公示和报表落款要用",
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			book := memBook(t, noBranch, itemsSheet(), tt.roster)
			_, fs := ParseYear(2026, "data/2026", []File{{Path: "data/2026/基础.xlsx", Book: book}})
			fs.Sort()
			diff(t, lines(fs), tt.want)
		})
	}
}

// An empty roster is a warning while nothing in the year is about anybody
// (the getting-started steps: 支部名称 first, then the roster), and an
// error once a register sheet holds a row: someone is meant to be scored.
func TestEmptyRoster(t *testing.T) {
	branch := wsheet{name: "设置", rows: [][]any{{"项目", "值"}, {"支部名称", "测试党支部"}, {"年度", 2026}}}
	emptyRoster := wsheet{name: "党员名册", rows: [][]any{{"编号", "姓名", "类别"}}}
	grid := wsheet{name: "签到表-第一季度", rows: [][]any{
		{"活动日期", nil, nil, "2026-03-05"},
		{"项目编码", nil, nil, "B1"},
		{"编号", "姓名", "党小组", "支部党员大会"},
		{"D001", "张三", nil, "√"},
	}}
	emptyGrid := wsheet{name: "签到表-第二季度", rows: grid.rows[:3]}
	const warn = "warning data/2026/基础.xlsx:党员名册!A2: 党员名册还没有人员：请从这一行起逐人填写编号、姓名和类别，填好前不生成 2026 年度的公示"
	const fail = "error data/2026/基础.xlsx:党员名册!A2: 党员名册没有任何人员：请从这一行起逐人填写编号、姓名和类别（登记表中已有记录，否则公示将是「共 0 人」）"
	for _, tt := range []struct {
		name   string
		sheets []wsheet
		want   string
	}{
		{"支部名称 filled in, nothing else", nil, warn},
		{"an empty 日常登记 and 签到表", []wsheet{sh("日常登记", entryHeader), emptyGrid}, warn},
		{"an entry", []wsheet{sh("日常登记", entryHeader, []any{"2026-03-05", "D001", nil, "B1"})}, fail},
		{"a tick in a 签到表", []wsheet{grid}, fail},
	} {
		t.Run(tt.name, func(t *testing.T) {
			book := memBook(t, append([]wsheet{branch, itemsSheet(), emptyRoster}, tt.sheets...)...)
			_, fs := ParseYear(2026, "data/2026", []File{{Path: "data/2026/基础.xlsx", Book: book}})
			var got []string
			for _, l := range lines(fs) {
				if strings.Contains(l, "党员名册!A2") {
					got = append(got, l)
				}
			}
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("roster findings = %q, want %q\nall: %q", got, tt.want, lines(fs))
			}
		})
	}
}

// TestAnnualSettings covers 年度公示日期 and 方案名称 (SPEC §2.1): the
// annual 公示 defaults to the latest 决定日期, else the 第四季度公示日期; a
// date inside the year is an error, one before the decision a warning.
func TestAnnualSettings(t *testing.T) {
	decisions := sh("等次确定", decHeader,
		[]any{"D001", nil, "优秀", "表现突出", nil, "2027-01-08"},
		[]any{"D002", nil, nil, nil, nil, "2027-01-06"})
	tests := []struct {
		name      string
		extra     [][]any
		decisions bool
		findings  []string
		start     time.Time
		scheme    string
	}{
		{"defaults", nil, false, nil, model.NewDate(2027, 1, 1), model.DefaultScheme},
		{"Q4 date", [][]any{{"第四季度公示日期", "2027-01-04"}}, false, nil, model.NewDate(2027, 1, 4), model.DefaultScheme},
		{"decision", [][]any{{"第四季度公示日期", "2027-01-04"}}, true, nil, model.NewDate(2027, 1, 8), model.DefaultScheme},
		{"set", [][]any{{"年度公示日期", "2027年1月12日"}, {"方案名称", "机关党支部积分管理办法"}}, true, nil,
			model.NewDate(2027, 1, 12), "《机关党支部积分管理办法》"},
		{"bracketed", [][]any{{"方案名称", "《积分制管理办法》"}}, false, nil, model.NewDate(2027, 1, 1), "《积分制管理办法》"},
		{"inside the year", [][]any{{"年度公示日期", "2026-12-31"}}, false,
			[]string{"error data/2026/基础.xlsx:设置!B4: 年度公示日期 2026-12-31 应在年度结束（2026-12-31）之后：年度评定结果在年度结束后才能公示"},
			model.NewDate(2027, 1, 1), model.DefaultScheme},
		{"before the decision", [][]any{{"年度公示日期", "2027-01-07"}}, true,
			[]string{"warning data/2026/基础.xlsx:设置!B4: 年度公示日期 2027-01-07 早于等次确定的决定日期 2027-01-08：年度评定结果应在支部确定等次后公示"},
			model.NewDate(2027, 1, 7), model.DefaultScheme},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			sheets := []wsheet{settingsSheet(tt.extra...), itemsSheet(), rosterSheet()}
			if tt.decisions {
				sheets = append(sheets, decisions)
			}
			writeBook(t, filepath.Join(dir, "data", "2026", "基础.xlsx"), sheets...)
			d := loadDir(t, dir, Options{Read: workbook.Read})
			diff(t, lines(d.Findings), tt.findings)
			y := d.Register.Years[0]
			start, end := y.AnnualPublication()
			if !start.Equal(tt.start) || !end.Equal(tt.start.AddDate(0, 0, 2)) || y.Settings.Scheme != tt.scheme {
				t.Errorf("annual 公示 %s–%s, 方案名称 %s; want from %s, %s",
					model.DateString(start), model.DateString(end), y.Settings.Scheme, model.DateString(tt.start), tt.scheme)
			}
		})
	}
}

func TestYearRequirements(t *testing.T) {
	dir := t.TempDir()
	writeBook(t, filepath.Join(dir, "data", "2025", "a.xlsx"), wsheet{name: "说明", rows: [][]any{{"x"}}})
	writeBook(t, filepath.Join(dir, "data", "2026", "a.xlsx"), settingsSheet(), itemsSheet(), rosterSheet())
	writeBook(t, filepath.Join(dir, "data", "2026", "b.xlsx"), wsheet{name: "设置2", rows: [][]any{{"项目", "值"}, {"年度", 2026}}})
	writeBook(t, filepath.Join(dir, "data", "2026", "c.XLSX"), wsheet{name: "设置", rows: [][]any{{"项目", "值"}}})
	os.MkdirAll(filepath.Join(dir, "data", "202"), 0o755)
	os.MkdirAll(filepath.Join(dir, "data", "备份2024"), 0o755)
	d := loadDir(t, dir, Options{Read: workbook.Read})
	diff(t, lines(d.Findings), []string{
		"error data/2025: 2025 年度缺少「党员名册」工作表",
		"error data/2025: 2025 年度缺少「考核项目」工作表",
		"error data/2025: 2025 年度缺少「设置」工作表",
		// Two workbooks with a 设置 sheet: a copy, one error each, not read (SPEC §2).
		"error data/2026/b.xlsx: 「b.xlsx」和「a.xlsx」都有「设置」工作表：一个年度文件夹只能放一份登记簿，这一份多半是复制出来的副本，未读取。请把它移出 data/2026 文件夹（需要保留的话，放到别处备份）；如确是登记簿的一部分，请删去其中的「设置」工作表",
		"error data/2026/c.XLSX: 「c.XLSX」和「a.xlsx」都有「设置」工作表：一个年度文件夹只能放一份登记簿，这一份多半是复制出来的副本，未读取。请把它移出 data/2026 文件夹（需要保留的话，放到别处备份）；如确是登记簿的一部分，请删去其中的「设置」工作表",
		"info data/2025/a.xlsx:说明: 工作表「说明」不属于任何登记类型，已忽略",
	})
	// Two 设置 sheets in one workbook are still said at the second.
	y, fs := ParseYear(2026, "data/2026", []File{{Path: "data/2026/a.xlsx", Book: memBook(t, settingsSheet(), itemsSheet(), rosterSheet(),
		wsheet{name: "设置2", rows: [][]any{{"项目", "值"}, {"年度", 2026}}})}})
	if len(fs) != 1 || fs[0].String() != "data/2026/a.xlsx:设置2: 2026 年度只能有一个「设置」工作表，已有 data/2026/a.xlsx:设置" || len(y.Members) != 7 {
		t.Errorf("two 设置 in one workbook: %q", lines(fs))
	}
	if len(d.Register.Years) != 2 || d.Register.Years[0].Year != 2025 || d.Register.Years[1].Dir != "data/2026" || d.Files != 4 {
		t.Errorf("years = %v, files = %d", d.Register.Years, d.Files)
	}
}

// TestValues checks what reaches the model, including positions, merged
// cells in data rows, 1904 serial dates and the confidential columns.
func TestValues(t *testing.T) {
	dir := t.TempDir()
	baseRegister(t, dir)
	p := filepath.Join(dir, "data", "2026", "登记.xlsx")
	writeBook(t, p,
		wsheet{name: "日常登记", merge: []string{"A2:A3"}, rows: [][]any{
			entryHeader,
			{model.NewDate(2026, 3, 5), "D001", nil, "B1", 2, nil, "党员大会", "李四", nil, nil, "内部备注"},
			{nil, "D002", nil, "B1", nil, 2.5},
			{"2026-06-30", "d001", nil, "B1"},
		}},
		sh("奖励申报", claimHeader,
			[]any{"2026-03-26", "D001", nil, "R1", "服务", 1.5, nil, "通过", "通过"},
			[]any{"2026-12-26", "D001", nil, "R1", "服务", nil, nil, "通过", "不通过"}),
		sh("违规扣分", dedHeader, []any{"2026-05-10", "D002", nil, "K1", nil, "缺席", "群众举报", "纪要", "举报人甲"}),
		sh("民主评议", evalHeader, []any{"D002", nil, nil, 10, 5, 1, 0, 80}),
		sh("异议处理", objHeader, []any{"2027-01-03", "Q4", nil, "张三", "分数", "提出人乙", nil, nil, "2027-01-05"}),
	)
	// Mark the workbook as 1904-based: the date cell then means 1462 days later.
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	d1904 := true
	f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &d1904})
	f.SetCellValue("日常登记", "A2", 46086-1462)
	f.Save()
	f.Close()

	d := loadDir(t, dir, Options{Read: workbook.Read})
	diff(t, lines(d.Findings), []string{
		"error data/2026/登记.xlsx:日常登记!B4: 编号「d001」不在党员名册中",
		"warning data/2026/登记.xlsx:奖励申报!A3: 申报日期 2026-12-26 晚于第四季度奖励申报截止日（12 月 25 日），不计入 2026 年度，请登记在下一年度",
	})
	y := d.Register.Years[0]
	if len(y.Entries) != 2 {
		t.Fatalf("entries = %d", len(y.Entries))
	}
	e0, e1 := y.Entries[0], y.Entries[1]
	if !e0.Date.Equal(model.NewDate(2026, 3, 5)) || e0.Points != 1000 || e0.Count != 2 || e0.Member.ID != "D001" ||
		e0.Reason != "党员大会" || e0.Recorder != "李四" || !e0.RegDate.Equal(e0.Date) || e0.Pos.String() != "data/2026/登记.xlsx:日常登记!B2" {
		t.Errorf("entry 0 = %+v", e0)
	}
	if !e1.Date.Equal(model.NewDate(2026, 3, 5)) || e1.Points != 250 || e1.Member.ID != "D002" {
		t.Errorf("entry 1 (merged date) = %+v", e1)
	}
	c0, c1 := y.Claims[0], y.Claims[1]
	if c0.Quarter != 2 || c0.Claimed != 150 || c0.Awarded != 150 || !c0.Counts() || c1.Quarter != 0 || c1.Counts() {
		t.Errorf("claims = %+v %+v", c0, c1)
	}
	if de := y.Deductions[0]; de.Points != 500 || de.Source != "群众举报" || de.Basis != "纪要" {
		t.Errorf("deduction = %+v", de)
	}
	if ev := y.Evaluations[0]; ev.Score.Cmp(big.NewRat(1460, 16)) != 0 || *ev.Votes != [4]int{10, 5, 1, 0} || ev.Promise.Cmp(big.NewRat(80, 1)) != 0 {
		t.Errorf("evaluation = %+v", ev)
	}
	if o := y.Objections[0]; o.Quarter != 4 || o.Member.ID != "D001" || o.Status != "已反馈" || o.Pos.String() != "data/2026/登记.xlsx:异议处理!D2" {
		t.Errorf("objection = %+v", o)
	}
}

func TestCacheTransientAndSize(t *testing.T) {
	dir := t.TempDir()
	baseRegister(t, dir)
	os.WriteFile(filepath.Join(dir, "data", "2026", "半截.xlsx"), []byte("PK\x03\x04"), 0o644)
	os.WriteFile(filepath.Join(dir, "data", "2026", "大.xlsx"), make([]byte, 2<<20), 0o644)
	c := NewCache()
	d := loadDir(t, dir, Options{Read: workbook.Read, Cache: c, MaxFileSize: 1 << 20})
	diff(t, lines(d.Findings), []string{
		"error data/2026/半截.xlsx: 文件正在被保存或已损坏，无法读取；请在 Excel/WPS 中打开并重新保存为 .xlsx",
		"error data/2026/大.xlsx: 文件过大（2.0 MB），超过 1 MB 上限",
	})
	if len(d.Transient) != 1 || d.Transient[0] != "data/2026/半截.xlsx" {
		t.Errorf("transient = %v", d.Transient)
	}
	first := d.Register.Years[0].Members[0]
	d2, _ := Load("data", Options{Read: workbook.Read, Cache: c, MaxFileSize: 1 << 20})
	if len(c.files) != 1 {
		t.Errorf("cache holds %d files, want 1 (transient files are not cached)", len(c.files))
	}
	if d2.Register.Years[0].Members[0] == first || d2.Register.Years[0].Members[0].ID != "D001" {
		t.Errorf("cached load must build fresh model values")
	}
	// Touch without changing bytes: still cached; change bytes: re-read.
	time.Sleep(10 * time.Millisecond)
	writeBook(t, filepath.Join(dir, "data", "2026", "基础.xlsx"), settingsSheet(), itemsSheet(),
		wsheet{name: "党员名册", rows: [][]any{{"编号", "姓名", "类别"}, {"X9", "新人", "正式党员"}}})
	d3, _ := Load("data", Options{Read: workbook.Read, Cache: c})
	if m := d3.Register.Years[0].Members; len(m) != 1 || m[0].ID != "X9" {
		t.Errorf("changed file not re-read: %v", m)
	}
	os.Remove(filepath.Join(dir, "data", "2026", "基础.xlsx"))
	Load("data", Options{Read: workbook.Read, Cache: c})
	if len(c.files) != 0 {
		t.Errorf("cache keeps deleted files: %d", len(c.files))
	}
}

func TestPages(t *testing.T) {
	dir := t.TempDir()
	pages := filepath.Join(dir, "data", "pages")
	os.MkdirAll(pages, 0o755)
	os.WriteFile(filepath.Join(pages, "b-实施方案.md"), []byte("\ufeff前言\n\n# 党员积分制管理实施方案\n\n## 一、指导思想\n"), 0o644)
	os.WriteFile(filepath.Join(pages, "a-通知.md"), []byte("```\n# 代码\n```\n没有标题\n"), 0o644)
	os.WriteFile(filepath.Join(pages, ".~lock.a.md#"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(pages, "c.txt"), []byte("x"), 0o644)
	d := loadDir(t, dir, Options{Read: workbook.Read})
	ps := d.Register.Pages
	if len(ps) != 2 || ps[0].Name != "a-通知" || ps[0].Title != "a-通知" || ps[1].Title != "党员积分制管理实施方案" ||
		string(ps[1].Source[:6]) != "前言" {
		t.Errorf("pages = %+v", ps)
	}
	// Pages alone are no register (issue 14 F9): one error, nothing else.
	if len(d.Findings) != 1 || !strings.HasPrefix(d.Findings[0].Message, "数据目录中没有可读取的年度文件夹") || len(d.Register.Years) != 0 {
		t.Errorf("findings = %v", d.Findings)
	}
}

func TestLoadMissingDir(t *testing.T) {
	if _, err := Load(filepath.Join(t.TempDir(), "nope"), Options{Read: workbook.Read}); err == nil {
		t.Error("Load of a missing folder: want an error")
	}
}

// Load reads workbooks only through the reader it is given (Options.Read:
// load links no xlsx library); without one it refuses, naming the field.
func TestLoadNeedsReader(t *testing.T) {
	dir := t.TempDir()
	baseRegister(t, dir)
	if _, err := Load(filepath.Join(dir, "data"), Options{}); err == nil || !strings.Contains(err.Error(), "Options.Read") {
		t.Errorf("Load without a reader: %v", err)
	}
	var names []string
	d, err := Load(filepath.Join(dir, "data"), Options{Read: func(name string, b []byte) (*sheet.Book, error) {
		names = append(names, filepath.Base(name))
		return workbook.Read(name, b)
	}})
	if err != nil || len(names) != 1 || names[0] != "基础.xlsx" || len(d.Register.Years) != 1 {
		t.Errorf("Load read %v: %v", names, err)
	}
}
