package pipeline

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/jifen-dev/jifen/internal/filing"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/summary"
)

// branchBuild is one branch's build: its bundles and its own scores.json.
type branchBuild struct {
	name    string
	bundles map[string][]byte      // period (Q1 … 年度) of 2026 → zip
	older   map[string][]byte      // the demo's 2025
	rules   map[int][]byte         // year → the 细则 bundle
	scores  map[int]map[string]any // year → scores.json
	reports string
}

// buildBranch builds a register with --as-of asOf and collects its bundles.
func buildBranch(t testing.TB, data, root string, asOf time.Time) *branchBuild {
	t.Helper()
	cfg := Config{Data: data, Out: filepath.Join(root, "site"), Reports: filepath.Join(root, "reports"), AsOf: asOf,
		Clock: at(time.Date(2027, 1, 25, 8, 0, 0, 0, time.UTC))}
	rep, err := Build(context.Background(), cfg)
	if err != nil || rep.Failed() {
		t.Fatalf("Build %s = %v %v", data, err, rep.Findings)
	}
	b := &branchBuild{bundles: map[string][]byte{}, older: map[string][]byte{}, rules: map[int][]byte{}, scores: map[int]map[string]any{}, reports: cfg.Reports}
	for _, zb := range readBundles(t, cfg.Reports) {
		files := unzipAll(t, zb)
		if rj, ok := files[filing.RulesFile]; ok {
			var r filing.Rules
			if err := json.Unmarshal(rj, &r); err != nil {
				t.Fatal(err)
			}
			b.rules[r.Year] = zb
			continue
		}
		var s filing.Summary
		if err := json.Unmarshal(files[filing.SummaryFile], &s); err != nil {
			t.Fatal(err)
		}
		b.name = s.Branch
		if s.Year == 2026 {
			b.bundles[s.Period] = zb
		} else {
			b.older[s.Period] = zb
		}
	}
	for _, y := range []int{2025, 2026} {
		raw, err := os.ReadFile(filepath.Join(cfg.Reports, strconv.Itoa(y), "scores.json"))
		if err != nil {
			continue
		}
		d := json.NewDecoder(bytes.NewReader(raw))
		d.UseNumber()
		var m map[string]any
		if err := d.Decode(&m); err != nil {
			t.Fatal(err)
		}
		b.scores[y] = m
	}
	return b
}

// threeBranches builds the demo and two generated registers: a 累加制
// branch whose first 公示 starts late (the 6th), and a 扣减制 branch
// publishing for 5 days; the first once more with a later --as-of (a
// correction).
func threeBranches(t testing.TB) (demo, a, b, aLater *branchBuild) {
	t.Helper()
	root := t.TempDir()
	asOf := model.NewDate(2027, 1, 20)
	demo = buildBranch(t, filepath.Join("..", "..", "data"), filepath.Join(root, "demo"), asOf)
	genRegister(t, filepath.Join(root, "a"), genSpec{Branch: "中共测试局机关第二党支部", Members: 14, Seed: 3, Decided: true, Q1Start: "2026-04-06", Markers: true})
	a = buildBranch(t, filepath.Join(root, "a", "data"), filepath.Join(root, "a"), asOf)
	aLater = buildBranch(t, filepath.Join(root, "a", "data"), filepath.Join(root, "a2"), model.NewDate(2027, 2, 1))
	genRegister(t, filepath.Join(root, "b"), genSpec{Branch: "中共测试局后勤服务中心党支部", Members: 23, Seed: 9, Deduct: true, Decided: true, Days: 5, Markers: true})
	b = buildBranch(t, filepath.Join(root, "b", "data"), filepath.Join(root, "b"), asOf)
	return demo, a, b, aLater
}

func put(t testing.TB, path string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// tamper flips one byte of a file inside a bundle and zips it again with
// its original manifest.
func tamper(t testing.TB, zb []byte, file string) []byte {
	t.Helper()
	files := unzipAll(t, zb)
	files[file] = bytes.Clone(files[file])
	files[file][len(files[file])/2] ^= 0x20
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, n := range []string{filing.SummaryFile, filing.NoticeFile, filing.SlipsFile, filing.RegisterFile, filing.ManifestFile} {
		if b, ok := files[n]; ok {
			w, _ := zw.Create(n)
			w.Write(b)
		}
	}
	zw.Close()
	return out.Bytes()
}

// sheetRows reads a sheet of 汇总.xlsx as maps from header to cell text, by
// branch name.
func sheetRows(t testing.TB, f *excelize.File, sheet string) map[string]map[string]string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("sheet %s: %v", sheet, err)
	}
	out := map[string]map[string]string{}
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			if i < len(r) {
				m[h] = r[i]
			}
		}
		out[r[0]] = m
	}
	return out
}

// expected computes a period's table figures from a branch's own
// scores.json, the way a superior would check them by hand.
func expected(t testing.TB, scores map[string]any, q int) map[string]string {
	t.Helper()
	want := map[string]string{}
	for _, p := range scores["quarters"].([]any) {
		p := p.(map[string]any)
		if p["quarter"].(json.Number).String() == strconv.Itoa(q) {
			want["公示开始"], want["公示结束"] = p["publication_start"].(string), p["publication_end"].(string)
		}
	}
	n, deducted := 0, 0
	sum := new(big.Rat)
	grades := map[string]int{}
	for _, m := range scores["members"].([]any) {
		m := m.(map[string]any)
		for _, qs := range m["quarters"].([]any) {
			qs := qs.(map[string]any)
			if qs["quarter"].(json.Number).String() != strconv.Itoa(q) || qs["participating"] != true {
				continue
			}
			n++
			tot, _ := new(big.Rat).SetString(qs["total"].(json.Number).String())
			sum.Add(sum, tot)
			if qs["deduction"].(json.Number).String() != "0" {
				deducted++
			}
		}
		if a, ok := m["annual"].(map[string]any); ok && a != nil {
			if g, ok := a["final_grade"].(string); ok {
				grades[g]++
			}
			if ds := a["deduction_sum"].(json.Number).String(); q == 0 && ds != "0" {
				deducted++
			}
			if q == 0 {
				n++
			}
		}
	}
	want["参加人数"] = strconv.Itoa(n)
	want["有扣分人数"] = strconv.Itoa(deducted)
	if q > 0 {
		want["平均季度积分"] = model.RatString(sum.Quo(sum, big.NewRat(int64(n), 1)))
	} else {
		for _, g := range []string{"优秀", "合格", "基本合格", "不合格"} {
			want[g] = strconv.Itoa(grades[g])
		}
	}
	return want
}

// TestSummaryOfThreeRegisters is SPEC §10 end to end: bundles built from
// the demo and two generated registers, received under any names and
// depths with a tampered, a truncated, a foreign and a duplicate bundle
// and a correction; the figures of 汇总.xlsx equal each branch's own
// scores.json; a rerun after one more bundle arrived reads only that one.
func TestSummaryOfThreeRegisters(t *testing.T) {
	demo, a, b, aLater := threeBranches(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "备案")
	// The demo as saved by a careful 党建办: one folder per year, names as sent.
	for p, zb := range demo.bundles {
		put(t, filepath.Join(in, "2026", filing.FileName(demo.name, 2026, period(p))), zb)
	}
	for p, zb := range demo.older {
		put(t, filepath.Join(in, "2025", filing.FileName(demo.name, 2025, period(p))), zb)
	}
	// Branch a as saved from e-mail: renamed, one copy twice, Q4 corrected later.
	put(t, filepath.Join(in, "邮件", "附件1.zip"), a.bundles["Q1"])
	put(t, filepath.Join(in, "邮件", "附件1(1).zip"), a.bundles["Q1"])
	put(t, filepath.Join(in, "邮件", "第二支部二季度.zip"), a.bundles["Q2"])
	put(t, filepath.Join(in, "邮件", "第二支部二季度-损坏.zip"), tamper(t, a.bundles["Q2"], filing.NoticeFile))
	put(t, filepath.Join(in, "邮件", "三季度"), a.bundles["Q3"]) // saved without an extension
	put(t, filepath.Join(in, "邮件", "四季度.zip"), a.bundles["Q4"])
	put(t, filepath.Join(in, "邮件", "四季度-更正.zip"), aLater.bundles["Q4"])
	put(t, filepath.Join(in, "邮件", "年度.zip"), a.bundles["年度"])
	// Branch b on a USB stick: Q2 only arrives tampered, Q3 not at all yet,
	// and its Q1 arrives cut short next to the demo's.
	put(t, filepath.Join(in, "U盘", "deep", "er", "b-q1.zip"), b.bundles["Q1"])
	put(t, filepath.Join(in, "U盘", "b-q2.zip"), tamper(t, b.bundles["Q2"], filing.SummaryFile))
	put(t, filepath.Join(in, "U盘", "b-q4.zip"), b.bundles["Q4"])
	put(t, filepath.Join(in, "U盘", "b-年度.zip"), b.bundles["年度"])
	put(t, filepath.Join(in, "U盘", "demo-q1-截断.zip"), demo.bundles["Q1"][:len(demo.bundles["Q1"])*2/3])
	// Something else entirely.
	var photos bytes.Buffer
	zw := zip.NewWriter(&photos)
	w, _ := zw.Create("合影.jpg")
	w.Write([]byte("\xff\xd8\xff"))
	zw.Close()
	put(t, filepath.Join(in, "会议照片.zip"), photos.Bytes())
	put(t, filepath.Join(in, "说明.txt"), []byte("备案包收件说明"))
	put(t, filepath.Join(in, "2026", "ledger.xlsx"), mustRead(t, filepath.Join(a.reports, "2026", "ledger.xlsx")))
	put(t, filepath.Join(in, ".DS_Store"), []byte("x"))

	out := filepath.Join(dir, "summary")
	cfg := SummaryConfig{In: in, Out: out, Clock: at(time.Date(2027, 2, 3, 9, 0, 0, 0, time.UTC))}
	rep, err := Summary(context.Background(), cfg)
	if err != nil || !rep.Written || rep.Findings.HasErrors() {
		t.Fatalf("Summary = %v, %+v", err, rep)
	}
	slash := filepath.ToSlash(in)
	var got []string
	for _, f := range rep.Findings {
		got = append(got, strings.TrimPrefix(f.String(), slash+"/"))
	}
	want := []string{
		"U盘/b-q2.zip:summary.json: 备案包校验失败，未计入汇总：内容与 manifest.json 记录的 SHA-256 不符：文件被修改过或已损坏",
		"U盘/demo-q1-截断.zip: 备案包校验失败，未计入汇总：zip 文件不完整或已损坏（可能在传送中被截断），无法打开；请支部重新发送",
		"会议照片.zip: 不是 jifen 备案包，已忽略：zip 中既没有 manifest.json，也没有 summary.json",
		"邮件/第二支部二季度-损坏.zip:notice.pdf: 备案包校验失败，未计入汇总：内容与 manifest.json 记录的 SHA-256 不符：文件被修改过或已损坏",
		"邮件/附件1.zip: 与 邮件/附件1(1).zip 内容完全相同（重复报送），只计一次",
		// Notes after the warnings (SPEC §3). A rebuild of unchanged
		// figures on a later day is no correction (issue 21).
		"邮件/四季度-更正.zip: 与 邮件/四季度.zip 的数据相同（数据截至 2027-02-01 重新生成），是同一次报送，不是更正",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	nb := len(demo.bundles) + len(demo.older) + 14
	if rep.Bundles != nb || rep.Valid != nb-4 || rep.Read != nb || rep.Reused != 0 || rep.Ignored != 2 || rep.Branches != 3 {
		t.Errorf("report = %+v, want %d bundles, %d valid, 3 branches, 2 ignored", rep, nb, nb-4)
	}

	f, err := excelize.OpenFile(filepath.Join(out, "汇总.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) < 5 || sheets[len(sheets)-5] != "2026年第一季度" || sheets[len(sheets)-1] != "2026年度" {
		t.Errorf("sheets = %v", sheets)
	}
	for q := 1; q <= 4; q++ {
		rows := sheetRows(t, f, fmt.Sprintf("2026年第%s季度", model.QuarterCN(q)))
		if len(rows) != 3 {
			t.Errorf("Q%d has %d rows, want one per branch", q, len(rows))
		}
		for _, br := range []*branchBuild{demo, a, b} {
			row := rows[br.name]
			status := row["状态"]
			switch {
			case br == b && q == 3:
				if status != "未报送" {
					t.Errorf("%s Q3 status %q, want 未报送", br.name, status)
				}
				continue
			case br == b && q == 2:
				if status != "校验失败" || !strings.Contains(row["说明"], "SHA-256 不符") {
					t.Errorf("%s Q2 = %v, want 校验失败 with its reason", br.name, row)
				}
				continue
			}
			// Every register was built on 2027-01-20: after each quarter's
			// due date. The demo's 公示 were posted (its 公示存档, on time);
			// the generated registers' never were: 未记录张贴, whatever
			// dates their settings typed (a's first quarter: 2026-04-06).
			wantStatus, onTime := "逾期", "是"
			if br != demo {
				wantStatus, onTime = "未记录张贴", "未记录"
			}
			if status != wantStatus {
				t.Errorf("%s Q%d status %q, want %q", br.name, q, status, wantStatus)
				continue
			}
			for h, v := range expected(t, br.scores[2026], q) {
				if !same(row[h], v) {
					t.Errorf("%s Q%d %s = %q, want %q (its scores.json)", br.name, q, h, row[h], v)
				}
			}
			if row["5日前开始公示"] != onTime || row["公示不少于3天"] != "是" {
				t.Errorf("%s Q%d on time %q, long enough %q", br.name, q, row["5日前开始公示"], row["公示不少于3天"])
			}
			if br == a && q == 4 && (row["首次报送"] != "2027-01-20" || !strings.HasSuffix(row["说明"], "；重复收到 1 份相同数据的备案包") || strings.Contains(row["说明"], "更正")) {
				t.Errorf("the rebuild of unchanged figures counts apart: 首次报送 %q, 说明 %q", row["首次报送"], row["说明"])
			}
		}
	}
	if b := sheetRows(t, f, "2026年第二季度")[a.name]; b["异议受理"] != "1" || b["异议更正"] != "0" || b["异议未结"] != "0" {
		t.Errorf("objections of Q2 = %s/%s/%s, want 1/0/0", b["异议受理"], b["异议更正"], b["异议未结"])
	}
	years := sheetRows(t, f, "2026年度")
	for _, br := range []*branchBuild{a, b} {
		row := years[br.name]
		for h, v := range expected(t, br.scores[2026], 0) {
			if !same(row[h], v) {
				t.Errorf("%s 年度 %s = %q, want %q (its scores.json)", br.name, h, row[h], v)
			}
		}
	}
	if _, ok := demo.bundles["年度"]; !ok && years[demo.name]["状态"] != "待报送" {
		t.Errorf("the demo's undecided 2026 is %q, want 未报送", years[demo.name]["状态"])
	}

	// The annual page lists every 基本合格/不合格 member with his action.
	annual, err := os.ReadFile(filepath.Join(out, "2026", "annual.html"))
	if err != nil {
		t.Fatal(err)
	}
	listed := 0
	for _, br := range []*branchBuild{a, b} {
		for _, m := range br.scores[2026]["members"].([]any) {
			m := m.(map[string]any)
			an, _ := m["annual"].(map[string]any)
			if an == nil || (an["final_grade"] != "基本合格" && an["final_grade"] != "不合格") {
				continue
			}
			listed++
			acts := an["actions"].([]any)
			if !strings.Contains(string(annual), ">"+m["name"].(string)+"<") || len(acts) == 0 || !strings.Contains(string(annual), acts[0].(string)) {
				t.Errorf("annual page lacks %s %s with %v", br.name, m["name"], acts)
			}
		}
	}
	if listed == 0 {
		t.Error("the generated registers have nobody graded 基本合格/不合格: the check above proves nothing")
	}
	// Each branch page links its notices as received, the correction and the
	// superseded one alike.
	branchPage, err := os.ReadFile(filepath.Join(out, "branches", summary.BranchFolder(a.name), "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(regexp.MustCompile(`[^"/]*-notice\.pdf`).FindAllString(string(branchPage), -1)); n < 5 {
		t.Errorf("branch page links %d notices, want the 4 quarters' and the year's", n)
	}
	q1notice := unzipAll(t, a.bundles["Q1"])[filing.NoticeFile]
	found := false
	filepath.WalkDir(filepath.Join(out, "branches", summary.BranchFolder(a.name)), func(p string, d os.DirEntry, err error) error {
		if b, _ := os.ReadFile(p); err == nil && !d.IsDir() && bytes.Equal(b, q1notice) {
			found = true
		}
		return nil
	})
	if !found {
		t.Error("the Q1 notice as received is not in the branch's folder")
	}

	// Confidentiality: nothing from a confidential column anywhere.
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		raw, _ := os.ReadFile(p)
		texts := []string{string(raw)}
		switch {
		case strings.HasSuffix(p, ".pdf"):
			texts = []string{pdfText(t, raw)}
		case strings.HasSuffix(p, ".xlsx"):
			texts = nil
			for name, b := range unzipAll(t, raw) {
				_ = name
				texts = append(texts, string(b))
			}
		}
		for _, s := range texts {
			for _, col := range secretColumns {
				if strings.Contains(s, secret(col)) {
					t.Errorf("%s carries the %s column", p, col)
				}
			}
		}
		return nil
	})

	// A rerun after b's Q3 arrived reads that one bundle only.
	put(t, filepath.Join(in, "U盘", "b-q3.zip"), b.bundles["Q3"])
	cfg.Clock = at(time.Date(2027, 2, 4, 9, 0, 0, 0, time.UTC))
	rep2, err := Summary(context.Background(), cfg)
	if err != nil || !rep2.Written {
		t.Fatalf("rerun = %v %+v", err, rep2)
	}
	if rep2.Read != 1 || rep2.Reused != nb || rep2.Bundles != nb+1 {
		t.Errorf("rerun read %d, reused %d of %d, want 1 and %d", rep2.Read, rep2.Reused, rep2.Bundles, nb)
	}
	f2, err := excelize.OpenFile(filepath.Join(out, "汇总.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f2.Close()
	if s := sheetRows(t, f2, "2026年第三季度")[b.name]["状态"]; s != "未记录张贴" {
		t.Errorf("after the rerun b's Q3 is %q", s)
	}
	if !strings.Contains(string(mustRead(t, filepath.Join(out, "branches", summary.BranchFolder(a.name), "index.html"))), "-notice.pdf") {
		t.Error("reused notices are no longer linked")
	}
	if again, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(findNotice(t, out, a.name)))); err != nil || len(again) == 0 {
		t.Errorf("a reused notice was not carried over: %v", err)
	}
}

// same compares cell text with an expected figure: numbers by value (the
// sheet shows 71.00 where scores.json writes 71), anything else as text.
func same(cell, want string) bool {
	a, ok1 := new(big.Rat).SetString(cell)
	b, ok2 := new(big.Rat).SetString(want)
	if ok1 && ok2 {
		return a.Cmp(b) == 0
	}
	return cell == want
}

func mustRead(t testing.TB, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// findNotice returns the slash path of one extracted notice of a branch.
func findNotice(t testing.TB, out, branch string) string {
	t.Helper()
	var names []string
	entries, _ := os.ReadDir(filepath.Join(out, "branches", summary.BranchFolder(branch)))
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), "-notice.pdf") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		t.Fatal("no notice extracted")
	}
	return "branches/" + summary.BranchFolder(branch) + "/" + names[0]
}

func period(p string) int { q, _ := filing.ParsePeriod(p); return q }
