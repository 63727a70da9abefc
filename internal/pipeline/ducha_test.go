package pipeline

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/jifen-dev/jifen/internal/filing"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/summary"
)

// The superior's 督查 (SPEC §10 「What the superior checks」, issue 21) on
// bundles the real pipeline makes from generated registers, posted with
// the real `jifen post`.

// bundlesAt builds the register data as of asOf into root and returns its
// bundles by file name.
func bundlesAt(t testing.TB, data, root string, asOf time.Time) map[string][]byte {
	t.Helper()
	cfg := Config{Data: data, Out: filepath.Join(root, "site"), Reports: filepath.Join(root, "reports"), AsOf: asOf,
		Clock: at(asOf.Add(9 * time.Hour))}
	rep, err := Build(context.Background(), cfg)
	if err != nil || rep.Failed() {
		t.Fatalf("Build as of %s = %v %v", model.DateString(asOf), err, rep.Findings)
	}
	out := map[string][]byte{}
	for p, b := range readBundles(t, cfg.Reports) {
		out[filepath.Base(p)] = b
	}
	return out
}

func postAt(t testing.TB, data string, q int, day time.Time) {
	t.Helper()
	if err := PostAt(context.Background(), data, 2026, q, day, nil); err != nil {
		t.Fatalf("post %d on %s: %v", q, model.DateString(day), err)
	}
}

// superior receives bundles under the given names and runs summary on
// today; it returns the output folder, the report and 汇总.xlsx.
func superior(t testing.TB, today time.Time, bundles map[string][]byte) (string, SummaryReport, *excelize.File) {
	t.Helper()
	dir := t.TempDir()
	in, out := filepath.Join(dir, "备案"), filepath.Join(dir, "summary")
	for name, b := range bundles {
		put(t, filepath.Join(in, filepath.FromSlash(name)), b)
	}
	rep := runSummary(t, in, out, today)
	if !rep.Written {
		t.Fatalf("summary wrote nothing: %v", rep.Findings)
	}
	x, err := excelize.OpenFile(filepath.Join(out, "汇总.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	return out, rep, x
}

func findingTexts(fs model.Findings, in string) string {
	var lines []string
	for _, f := range fs {
		lines = append(lines, strings.TrimPrefix(f.Line(), filepath.ToSlash(in)+"/"))
	}
	return strings.Join(lines, "\n")
}

// TestSummaryPostingBoundary: a period is 逾期 when its bundle was made,
// or its 公示 posted (the record its bundle carries), after the 5th of the
// month after the quarter; both on the 5th is 按时; a 公示 never recorded is
// 未记录张贴 whatever the settings typed.
func TestSummaryPostingBoundary(t *testing.T) {
	root := t.TempDir()
	q1 := func(name string) string { return filing.FileName(name, 2026, 1) }
	type branch struct {
		name, start string    // 第一季度公示日期 typed
		post        time.Time // zero: never posted
		builds      []time.Time
	}
	day := func(d int) time.Time { return model.NewDate(2026, 4, d) }
	branches := []branch{
		{"中共测试局第一党支部", "2026-04-05", day(5), []time.Time{day(5)}},         // both on the 5th: 按时
		{"中共测试局第二党支部", "2026-04-06", day(6), []time.Time{day(5), day(7)}}, // bundle on the 5th, posted the 6th: 逾期
		{"中共测试局第三党支部", "2026-04-03", day(3), []time.Time{day(6)}},         // posted the 3rd, bundle made the 6th: 逾期
		{"中共测试局第四党支部", "2026-04-01", time.Time{}, []time.Time{day(5)}},    // never posted: 未记录张贴
		{"中共测试局第五党支部", "2026-04-01", day(5), []time.Time{day(5)}},         // posted the 5th after its notice's 3 days
	}
	inbox := map[string][]byte{}
	for i, br := range branches {
		dir := filepath.Join(root, fmt.Sprint(i))
		genRegister(t, dir, genSpec{Branch: br.name, Members: 8, Seed: uint64(20 + i), Q1Start: br.start})
		data := filepath.Join(dir, "data")
		for j, asOf := range br.builds {
			if !br.post.IsZero() && !br.post.After(asOf) && (j == 0 || br.builds[j-1].Before(br.post)) {
				postAt(t, data, 1, br.post)
			}
			inbox[fmt.Sprintf("%d/%d.zip", i, j)] = bundlesAt(t, data, filepath.Join(dir, fmt.Sprint(j)), asOf)[q1(br.name)]
		}
	}
	_, rep, x := superior(t, day(10), inbox)
	rows := sheetRows(t, x, "2026年第一季度")
	for i, want := range []struct{ status, posted, onTime, days, long string }{
		{"按时", "2026-04-05", "是", "3", "是"},
		{"逾期", "2026-04-06", "否", "3", "是"},
		{"逾期", "2026-04-03", "是", "3", "是"},
		{"未记录张贴", "未记录", "未记录", "3", "是"},
		{"按时", "2026-04-05", "是", "0", "否"},
	} {
		row := rows[branches[i].name]
		got := []string{row["状态"], row["张贴日期"], row["5日前开始公示"], row["公示天数"], row["公示不少于3天"]}
		if w := []string{want.status, want.posted, want.onTime, want.days, want.long}; fmt.Sprint(got) != fmt.Sprint(w) {
			t.Errorf("%s: 状态/张贴日期/5日前开始公示/公示天数/公示不少于3天 = %v, want %v (说明 %s)", branches[i].name, got, w, row["说明"])
		}
	}
	if n := rows[branches[1].name]["说明"]; !strings.Contains(n, "公示 2026-04-06 张贴，晚于 2026-04-05") || strings.Contains(n, "首次报送的备案包数据截至") {
		t.Errorf("the late posting is not what the note says: %s", n)
	}
	if n := rows[branches[2].name]["说明"]; !strings.Contains(n, "首次报送的备案包数据截至 2026-04-06") {
		t.Errorf("the late bundle is not what the note says: %s", n)
	}
	if over := sheetRows(t, x, summary.OverviewSheet)[branches[3].name]; over["2026年第一季度"] != "未记录张贴" || over["未记录张贴（期数）"] != "1" {
		t.Errorf("overview of the unrecorded branch: %v", over)
	}
	if strings.Contains(findingTexts(rep.Findings, ""), "不连续") {
		t.Errorf("records of one posting read as a broken chain: %v", rep.Findings)
	}
}

// TestSummaryChainOfCorrections: an original, a correction with its posted
// 更正公示, and an identical rebuild a fortnight later are two reports, the
// rebuild part of the correction's; the branch page lists each bundle with
// its date, each posting, and the 更正公示's change of the member (figure,
// old → new, 调查结果) from its record.
func TestSummaryChainOfCorrections(t *testing.T) {
	dir := t.TempDir()
	spec := genSpec{Branch: "中共测试局机关第六党支部", Members: 10, Seed: 6}
	genRegister(t, dir, spec)
	data := filepath.Join(dir, "data")
	name := filing.FileName(spec.Branch, 2026, 1)
	postAt(t, data, 1, model.NewDate(2026, 4, 1))
	orig := bundlesAt(t, data, filepath.Join(dir, "b1"), model.NewDate(2026, 4, 3))[name]
	// A member objects during the 公示; the committee finds a deduction left
	// out, records it and the objection as 更正, and posts the 更正公示.
	spec.Edit = func(sheet string, rows [][]any) [][]any {
		switch sheet {
		case "违规扣分":
			rows = append(rows, []any{"2026-03-25", "G004", "K1", "无故缺席支部党员大会", "群众举报", "支委会纪要（补）", "", ""})
		case "异议处理":
			rows = append(rows, []any{"2026-04-02", 1, "G004", "缺席党员大会未扣分", "", "核实属实，补扣5分", "更正", "2026-04-04", "已反馈"})
		}
		return rows
	}
	genRegister(t, dir, spec)
	// Posted and sent while the 更正公示 is up (公示中); rebuilt when its
	// 公示期 is over (已定稿): the same figures, the same report.
	postAt(t, data, 1, model.NewDate(2026, 4, 5))
	fix := bundlesAt(t, data, filepath.Join(dir, "b2"), model.NewDate(2026, 4, 5))[name]
	again := bundlesAt(t, data, filepath.Join(dir, "b3"), model.NewDate(2026, 4, 25))[name]
	var sum, later filing.Summary
	if err := json.Unmarshal(unzipAll(t, fix)[filing.SummaryFile], &sum); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(unzipAll(t, again)[filing.SummaryFile], &later); err != nil {
		t.Fatal(err)
	}
	if len(sum.Posting.Records) != 2 || len(sum.Posting.Corrections) != 1 || sum.Posting.State == later.Posting.State {
		t.Fatalf("the correction's bundle: %+v; the rebuild's state %s", sum.Posting, later.Posting.State)
	}
	c := sum.Posting.Corrections[0]
	var figs []string
	for _, f := range c.Figures {
		figs = append(figs, f.Label+" "+f.Old+" → "+f.New)
	}
	change := c.Name + "（G004）" + strings.Join(figs, "，") + "；调查结果：核实属实，补扣5分"
	if c.ID != "G004" || len(figs) < 2 {
		t.Fatalf("the correction: %+v", c)
	}

	out, rep, x := superior(t, model.NewDate(2026, 5, 1), map[string][]byte{
		"一季度.zip": orig, "邮件/一季度-更正.zip": fix, "邮件/一季度-重新生成.zip": again})
	fs := findingTexts(rep.Findings, filepath.Join(filepath.Dir(out), "备案"))
	for _, want := range []string{
		"一季度.zip: 警告：" + spec.Branch + " 2026年第一季度 另有内容不同的备案包 邮件/一季度-更正.zip（数据截至 2026-04-05，晚于本包的 2026-04-03），以较晚者为准",
		"邮件/一季度-重新生成.zip: 提示：与 邮件/一季度-更正.zip 的数据相同（数据截至 2026-04-25 重新生成），是同一次报送，不是更正",
	} {
		if !strings.Contains(fs, want) {
			t.Errorf("findings lack\n%s\nin\n%s", want, fs)
		}
	}
	if strings.Contains(fs, "不连续") {
		t.Errorf("a correction read as a broken chain:\n%s", fs)
	}
	row := sheetRows(t, x, "2026年第一季度")[spec.Branch]
	if row["状态"] != "按时" || row["张贴日期"] != "2026-04-01" || !strings.Contains(row["说明"], "更正 1 次，以数据截至 2026-04-05 的为准") ||
		!strings.Contains(row["说明"], "张贴更正公示 1 次") || !strings.Contains(row["说明"], "重复收到 1 份相同数据的备案包") {
		t.Errorf("Q1 row: %v", row)
	}
	page := string(mustRead(t, filepath.Join(out, "branches", summary.BranchFolder(spec.Branch), "index.html")))
	for _, want := range []string{
		"原报，数据截至 2026-04-03", "更正（第 1 次），以此为准，数据截至 2026-04-05",
		"邮件/一季度-重新生成.zip（数据截至 2026-04-25，数据相同，重新生成）",
		"公示：2026-04-01 张贴", "更正公示：2026-04-05 张贴", change,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the branch page lacks %q", want)
		}
	}
}

// TestSummaryBrokenRecordChain: a branch deletes its 公示存档 after sending
// its first quarter and posts that quarter again: the later bundle's record
// does not continue the one the superior already holds, a warning naming
// the branch (公示记录不连续), and its page says so.
func TestSummaryBrokenRecordChain(t *testing.T) {
	dir := t.TempDir()
	spec := genSpec{Branch: "中共测试局机关第七党支部", Members: 8, Seed: 8}
	genRegister(t, dir, spec)
	data := filepath.Join(dir, "data")
	name := filing.FileName(spec.Branch, 2026, 1)
	postAt(t, data, 1, model.NewDate(2026, 4, 1))
	first := bundlesAt(t, data, filepath.Join(dir, "b1"), model.NewDate(2026, 4, 3))[name]
	if err := os.RemoveAll(filepath.Join(data, "2026", model.ArchiveDir)); err != nil {
		t.Fatal(err)
	}
	postAt(t, data, 1, model.NewDate(2026, 4, 2))
	second := bundlesAt(t, data, filepath.Join(dir, "b2"), model.NewDate(2026, 4, 4))[name]

	out, rep, _ := superior(t, model.NewDate(2026, 4, 20), map[string][]byte{"q1.zip": first, "q1-again.zip": second})
	fs := findingTexts(rep.Findings, filepath.Join(filepath.Dir(out), "备案"))
	want := "q1-again.zip: 警告：" + spec.Branch + " 2026年的公示记录不连续：2026年第一季度先前收到的 q1.zip 中有2026-04-01张贴的公示记录，本包中却没有或已不同"
	if !strings.Contains(fs, want) {
		t.Errorf("findings lack\n%s\nin\n%s", want, fs)
	}
	page := string(mustRead(t, filepath.Join(out, "branches", summary.BranchFolder(spec.Branch), "index.html")))
	if !strings.Contains(page, "公示记录不连续") {
		t.Error("the branch page does not say its records broke")
	}
	// Either bundle alone is a chain.
	_, rep, _ = superior(t, model.NewDate(2026, 4, 20), map[string][]byte{"q1-again.zip": second})
	if strings.Contains(findingTexts(rep.Findings, ""), "不连续") {
		t.Errorf("one bundle read as a broken chain: %v", rep.Findings)
	}
}

// TestSummaryRulesAndApprovals: the demo's 2025 and 2026 细则 bundles, its
// 2026 rubric and settings changed, diffed by the superior; the exempted
// retiree and his reason on the superior's 细则 pages and sheet and nowhere
// else; measures awaiting the superior's 批复 (pending[] of the year
// bundles, as the rules work writes it) first on the home page, oldest
// submitted first, and the approval state in the follow-up sheet.
func TestSummaryRulesAndApprovals(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	copyTree(t, filepath.Join("..", "..", "data"), data)
	// 2026's rules change: the figures change, so the postings go too.
	if err := os.RemoveAll(filepath.Join(data, "2026", model.ArchiveDir)); err != nil {
		t.Fatal(err)
	}
	book := filepath.Join(data, "2026", "名册与设置.xlsx")
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("考核项目")
	var renamed string
	for i, r := range rows {
		if len(r) == 0 {
			continue
		}
		switch r[0] {
		case "B01":
			f.SetCellValue("考核项目", fmt.Sprintf("D%d", i+1), 12) // 分值 10 → 12
		case "R01":
			renamed = r[2]
			f.SetCellValue("考核项目", fmt.Sprintf("C%d", i+1), r[2]+"（含网络志愿服务）")
		}
	}
	f.SetSheetRow("考核项目", fmt.Sprintf("A%d", len(rows)+1), &[]any{"R99", "奖励", "参加无偿献血", 5, nil, "是", "凭献血证"})
	srows, _ := f.GetRows("设置")
	for i, r := range srows {
		if len(r) > 0 && r[0] == model.SettingExcellentQuota {
			f.SetCellValue("设置", fmt.Sprintf("B%d", i+1), "20%")
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if renamed == "" {
		t.Fatal("the demo rubric has no R01")
	}
	bundles := bundlesAt(t, data, filepath.Join(dir, "b"), model.NewDate(2027, 1, 20))
	var branch string
	inbox := map[string][]byte{}
	for n, b := range bundles {
		inbox[n] = b
		if strings.HasSuffix(n, "-2026-细则.zip") {
			branch = strings.TrimSuffix(n, "-2026-细则.zip")
		}
	}
	if _, ok := bundles[filing.RulesFileName(branch, 2025)]; !ok || branch == "" {
		t.Fatalf("the demo build filed no 细则 of both years: %v", keys(bundles))
	}
	// The 2025 year bundle says what waits for the superior's 批复, as the
	// rules work's writer will: a submitted measure and one not yet sent.
	year := filing.FileName(branch, 2025, 0)
	var unqualified []string
	inbox[year] = repack(t, bundles[year], func(m map[string]any) {
		for _, mem := range m["members"].([]any) {
			a := mem.(map[string]any)["annual"].(map[string]any)
			if g, _ := a["final_grade"].(string); g == "不合格" || g == "基本合格" {
				unqualified = append(unqualified, mem.(map[string]any)["id"].(string))
			}
		}
		sort.Strings(unqualified)
		m["pending"] = []any{
			map[string]any{"id": unqualified[0], "name": "待报批者", "category": "正式党员", "final_grade": "基本合格", "measure": "限期改正", "submitted": nil},
			map[string]any{"id": unqualified[len(unqualified)-1], "name": "已报批者", "category": "预备党员", "final_grade": "不合格", "measure": "取消预备党员资格", "submitted": "2026-01-20"},
		}
	})

	out, rep, x := superior(t, model.NewDate(2027, 2, 1), inbox)
	if rep.Findings.HasErrors() {
		t.Fatalf("findings: %v", rep.Findings)
	}
	rules := sheetRows(t, x, summary.RulesSheet)
	// sheetRows keys rows by their first cell, the year here.
	r26 := rules["2026"]
	if r26["状态"] != "逾期" || r26["比较年度"] != "2025" {
		t.Fatalf("the 2026 细则 row: %v", r26)
	}
	for _, want := range []string{"修改 B01 ", "分值 10 → 12", "修改 R01 " + renamed + "（含网络志愿服务）：项目 " + renamed + " → " + renamed + "（含网络志愿服务）",
		"增加 R99 参加无偿献血（奖励，5 分）", "设置 优秀比例上限：15% → 20%"} {
		if !strings.Contains(r26["变化说明"], want) {
			t.Errorf("the 2026 细则's changes lack %q:\n%s", want, r26["变化说明"])
		}
	}
	for _, moved := range []string{"设置 年度", "第一季度公示日期：2025"} {
		if strings.Contains(r26["变化说明"], moved) {
			t.Errorf("a setting that only moved with the year reads as a change: %s", r26["变化说明"])
		}
	}
	// The exempted retiree's reason reaches the superior's 细则 pages and
	// sheet only.
	exempt := sheetRows(t, x, summary.ExemptSheet)["2026"]
	reason := exempt["不纳入原因"]
	if exempt["姓名"] == "" || reason == "" || exempt["备案情况"] == "" {
		t.Fatalf("the exempt sheet: %v", exempt)
	}
	allowed := map[string]bool{"2025/rules.html": true, "2026/rules.html": true, "汇总.xlsx": true,
		"branches/" + summary.BranchFolder(branch) + "/index.html": true,
		summary.StateFile: true} // what the last run learnt of each bundle, for the next
	found := map[string]bool{}
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		raw := mustRead(t, p)
		texts := [][]byte{raw}
		if strings.HasSuffix(p, ".xlsx") {
			texts = nil
			for _, b := range unzipAll(t, raw) {
				texts = append(texts, b)
			}
		}
		for _, b := range texts {
			if bytes.Contains(b, []byte(reason)) {
				found[rel] = true
				if !allowed[rel] {
					t.Errorf("%s carries an exempted member's 不纳入原因", rel)
				}
			}
		}
		return nil
	})
	if !found["2026/rules.html"] || !found["汇总.xlsx"] {
		t.Errorf("the reason is not on the 细则 page and sheet: %v", found)
	}

	// Pending approvals: first on the home page, the submitted one first.
	home := string(mustRead(t, filepath.Join(out, "index.html")))
	w, facts := strings.Index(home, `id="waiting"`), strings.Index(home, `class="facts"`)
	sent, notYet := strings.Index(home, "已报批者"), strings.Index(home, "待报批者")
	if w < 0 || w > facts || sent < w || notYet < sent || !strings.Contains(home, "已等待 377 天") {
		t.Errorf("the to-do list is not first, oldest submitted first (waiting %d, facts %d, sent %d, not yet %d)", w, facts, sent, notYet)
	}
	follow := map[string]string{}
	all, _ := x.GetRows(summary.FollowUpSheet)
	for _, r := range all[1:] {
		if len(r) >= 10 && r[0] == "2025" {
			follow[r[2]] = r[9]
		}
	}
	if follow[unqualified[len(unqualified)-1]] != "待批复：取消预备党员资格（2026-01-20 报批）" || follow[unqualified[0]] != "须报批，尚未报批：限期改正" {
		t.Errorf("批复情况 = %v", follow)
	}
}

// repack edits a bundle's summary.json and recomputes its manifest, as
// someone who knows the format would (the superior cannot tell).
func repack(t testing.TB, zb []byte, edit func(m map[string]any)) []byte {
	t.Helper()
	files := unzipAll(t, zb)
	var m map[string]any
	d := json.NewDecoder(bytes.NewReader(files[filing.SummaryFile]))
	d.UseNumber()
	if err := d.Decode(&m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	files[filing.SummaryFile] = b
	var man filing.Manifest
	if err := json.Unmarshal(files[filing.ManifestFile], &man); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for i, e := range man.Files {
		h := sha256.Sum256(files[e.Name])
		man.Files[i] = filing.ManifestEntry{Name: e.Name, Size: int64(len(files[e.Name])), SHA256: hex.EncodeToString(h[:])}
		w, _ := zw.Create(e.Name)
		w.Write(files[e.Name])
	}
	mj, _ := json.Marshal(man)
	w, _ := zw.Create(filing.ManifestFile)
	w.Write(mj)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}
