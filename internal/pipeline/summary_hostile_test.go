package pipeline

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/jifen-dev/jifen/internal/filing"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/summary"
	"github.com/jifen-dev/jifen/internal/workbook"
)

// The superior receives bundles from many hands: what they say is
// untrusted, and anyone can rewrite a manifest (issue 24). These tests forge
// bundles the way an attacker who knows the format would.

// forgedSummary is a summary.json of branch's quarter q (0: the year) with
// members.
func forgedSummary(branch string, year, q int, asOf string, members []map[string]any) map[string]any {
	s := map[string]any{"format": filing.Format, "version": filing.Version, "branch": branch, "superior": "上级", "year": year,
		"period": filing.PeriodName(q), "as_of": asOf,
		"publication": map[string]any{"start": asOf, "end": asOf, "days": 3},
		"scoring":     map[string]any{"base_mode": "累加制", "base_max": 80, "reward_max": 20, "democratic_max": 10, "excellent_quota": 0.15},
		"counts":      map[string]any{"roster": len(members), "exempt": 0, "participating": len(members), "with_deductions": 0},
		"objections":  map[string]any{"received": 0, "corrected": 0, "open": 0},
		"members":     members,
		"documents":   map[string]any{"notice": filing.NoticeFile, "slips": filing.SlipsFile},
	}
	if q > 0 {
		s["quarter"] = q
	} else {
		s["quarter"] = nil
		s["documents"] = map[string]any{"notice": filing.NoticeFile, "register": filing.RegisterFile}
		graded := 0
		for _, m := range members {
			if m["annual"].(map[string]any)["final_grade"] != nil {
				graded++
			}
		}
		s["counts"].(map[string]any)["graded"] = graded
		s["grades"] = map[string]any{"excellent": 0, "qualified": 0, "basic": 0, "unqualified": graded, "excellent_limit": 0}
	}
	return s
}

// forge zips a summary with stand-in documents and a manifest that matches.
func forge(t testing.TB, s map[string]any, docs map[string][]byte) []byte {
	t.Helper()
	js, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{filing.SummaryFile, filing.NoticeFile, filing.SlipsFile}
	if s["quarter"] == nil {
		names[2] = filing.RegisterFile
	}
	files := map[string][]byte{filing.SummaryFile: js}
	man := filing.Manifest{Format: filing.ManifestFormat, Version: filing.Version}
	for _, n := range names {
		if n != filing.SummaryFile {
			files[n] = docs[n]
			if files[n] == nil {
				files[n] = []byte("%PDF-1.4 " + n)
			}
		}
		h := sha256.Sum256(files[n])
		man.Files = append(man.Files, filing.ManifestEntry{Name: n, Size: int64(len(files[n])), SHA256: hex.EncodeToString(h[:])})
	}
	// Other documents given (a 公示存档 record) follow, in name order.
	var extra []string
	for n := range docs {
		if !slices.Contains(names, n) {
			extra = append(extra, n)
		}
	}
	sort.Strings(extra)
	for _, n := range extra {
		files[n] = docs[n]
		h := sha256.Sum256(files[n])
		man.Files = append(man.Files, filing.ManifestEntry{Name: n, Size: int64(len(files[n])), SHA256: hex.EncodeToString(h[:])})
	}
	names = append(names, extra...)
	files[filing.ManifestFile], _ = json.Marshal(man)
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, n := range append(names, filing.ManifestFile) {
		w, _ := zw.Create(n)
		w.Write(files[n])
	}
	zw.Close()
	return b.Bytes()
}

// withRecord gives a forged summary the record of its 公示 posted on day (SPEC
// §11), following the year's record prev ("" for the first): the posting
// block, and the record file the bundle must carry, and its SHA-256.
func withRecord(s map[string]any, day, prev string) (map[string][]byte, string) {
	var previous any
	if prev != "" {
		previous = prev
	}
	rec, _ := json.Marshal(map[string]any{"format": "jifen-公示存档", "version": 1, "branch": s["branch"], "year": s["year"],
		"period": s["period"], "kind": "公示", "posted": day, "publication": map[string]any{"start": day, "end": day, "days": 1},
		"recorded_at": day + "T09:00:00+08:00", "previous": previous, "members": []any{}})
	file := "record-" + strings.ReplaceAll(day, "-", "") + ".json"
	h := sha256.Sum256(rec)
	sum := hex.EncodeToString(h[:])
	s["posting"] = map[string]any{"state": "已定稿", "corrections": []any{}, "records": []any{map[string]any{
		"kind": "公示", "posted": day, "start": day, "end": day, "file": file, "sha256": sum,
		"previous": previous, "pdf": filing.NoticeFile}}}
	return map[string][]byte{file: rec}, sum
}

func quarterMember(id, name string) map[string]any {
	return map[string]any{"id": id, "name": name, "category": "正式党员", "group": "第一党小组",
		"quarter": map[string]any{"base": 60, "reward": 0, "deduction": 0, "total": 60, "rank": 1}}
}

func runSummary(t testing.TB, in, out string, today time.Time) SummaryReport {
	t.Helper()
	rep, err := Summary(context.Background(), SummaryConfig{In: in, Out: out, Clock: at(today)})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// tree lists the files of dir (slash paths) with their sizes.
func tree(t testing.TB, dir string) map[string]int64 {
	t.Helper()
	files := map[string]int64{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			fi, _ := d.Info()
			rel, _ := filepath.Rel(dir, p)
			files[filepath.ToSlash(rel)] = fi.Size()
		}
		return nil
	})
	return files
}

// Forged bundles open nothing they cannot prove (issue 24): 500 zips that
// fail verification, each claiming another branch and year, open no period
// and write no page beyond the home page; 500 that pass (their manifests
// recomputed), each of another year between 2000 and 2099, open only the
// last MaxYears years. Counted in periods and files, never timed.
func TestSummaryForgedBundlesOpenNothing(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "备案"), filepath.Join(dir, "summary")
	for i := range 500 {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		w, _ := zw.Create(filing.SummaryFile)
		fmt.Fprintf(w, `{"format":"jifen-备案","branch":"伪造支部%d","year":%d,"period":"Q1"}`, i, 2000+i%1000)
		zw.Close()
		put(t, filepath.Join(in, fmt.Sprintf("f%03d.zip", i)), b.Bytes())
	}
	today := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	rep := runSummary(t, in, out, today)
	files := tree(t, out)
	if rep.Periods != 0 || rep.Branches != 0 || rep.Valid != 0 || rep.Pages != 1 || len(files) > 6 {
		t.Errorf("500 failed bundles: %d periods, %d branches, %d pages, %d files", rep.Periods, rep.Branches, rep.Pages, len(files))
	}

	for i := range 500 {
		y := 2000 + i%100
		put(t, filepath.Join(in, fmt.Sprintf("v%03d.zip", i)), forge(t, forgedSummary(fmt.Sprintf("伪造有效支部%d", i), y, 1, fmt.Sprintf("%d-04-10", y), nil), nil))
	}
	rep = runSummary(t, in, out, today)
	files = tree(t, out)
	years := map[string]bool{}
	for f := range files {
		if y := regexp.MustCompile(`^(\d{4})/`).FindStringSubmatch(f); y != nil {
			years[y[1]] = true
		}
	}
	// 2017–2026 hold 50 of the valid ones; 2100–2499 never pass filing.
	// A year has four quarters, the year and its 细则.
	if len(years) > summary.MaxYears || rep.Periods > summary.MaxYears*6 || rep.Valid != 50 {
		t.Errorf("500 forged valid bundles: %d year folders, %d periods, %d counted", len(years), rep.Periods, rep.Valid)
	}
	if len(files) > 6+rep.Periods+2*rep.Branches {
		t.Errorf("%d files for %d periods and %d branches", len(files), rep.Periods, rep.Branches)
	}
}

// Every bundle-derived string is quoted and cut as workbook text is: a
// manifest naming a file of a million characters prints one bounded line;
// ten bundles whose branch and member names are 240 KB each, with ESC and
// bidi overrides, make a bounded output with none of them raw; 12 year
// bundles of 4,000 不合格 members each list a bounded number of them.
func TestSummaryHostileStrings(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "备案"), filepath.Join(dir, "summary")
	today := time.Date(2027, 2, 1, 9, 0, 0, 0, time.UTC)

	var long strings.Builder
	for i := range 1000000 {
		long.WriteRune(rune(0x4e00 + (i*7919)%20000))
	}
	s := forgedSummary("甲支部", 2026, 1, "2026-04-04", nil)
	b := forge(t, s, nil)
	// Re-forge with a manifest naming a missing file of a million characters.
	f := unzipAll(t, b)
	var man filing.Manifest
	json.Unmarshal(f[filing.ManifestFile], &man)
	man.Files = append(man.Files, filing.ManifestEntry{Name: long.String(), Size: 1, SHA256: "00"})
	f[filing.ManifestFile], _ = json.Marshal(man)
	put(t, filepath.Join(in, "longname.zip"), rezipOrdered(t, f))

	nasty := "\x1b[31m\u202e\u2028"
	varied := func(seed, n int) string { // CJK that deflates as poorly as real text
		var b strings.Builder
		for i := range n {
			b.WriteRune(rune(0x4e00 + ((i+seed)*7919)%20000))
			if i%1000 == 0 {
				b.WriteString(nasty)
			}
		}
		return b.String()
	}
	for i := range 10 {
		name := strconv.Itoa(i) + varied(i, 80000)
		s := forgedSummary(name, 2026, 1, "2026-04-04", []map[string]any{quarterMember("1", varied(i+1, 80000))})
		put(t, filepath.Join(in, fmt.Sprintf("l%02d.zip", i)), forge(t, s, nil))
	}
	for i := range 12 {
		var ms []map[string]any
		for j := range 4000 {
			grade := "不合格"
			ms = append(ms, map[string]any{"id": fmt.Sprintf("M%05d", j), "name": fmt.Sprintf("党员%05d", j), "category": "正式党员", "group": "第一党小组",
				"annual": map[string]any{"quarters": 4, "quarter_avg": 50, "base_avg": 50, "reward_avg": 0, "deduction_sum": 0,
					"democratic": 5, "total": 55, "rank": j + 1, "final_grade": grade,
					"actions": []string{"报上级党组织审批处置（" + strings.Repeat("措施", 60) + nasty + "）"}}})
		}
		put(t, filepath.Join(in, fmt.Sprintf("y%02d.zip", i)), forge(t, forgedSummary(fmt.Sprintf("中共第%d支部", i), 2026, 0, "2027-01-20", ms), nil))
	}
	rep := runSummary(t, in, out, today)
	if rep.Valid != 22 || !rep.Written {
		t.Fatalf("report %+v", rep)
	}
	for _, f := range rep.Findings {
		if n := len(f.Line()); n > 1000 {
			t.Errorf("a finding of %d bytes: %.200s…", n, f.Line())
		}
	}
	var total int64
	for name, size := range tree(t, out) {
		total += size
		raw, _ := os.ReadFile(filepath.Join(out, name))
		texts := []string{string(raw)}
		if strings.HasSuffix(name, ".xlsx") {
			texts = nil
			for _, b := range unzipAll(t, raw) {
				texts = append(texts, string(b))
			}
		}
		for _, s := range texts {
			if strings.ContainsAny(s, "\x1b\u202e\u2028") {
				t.Errorf("%s holds an ESC or a bidi override raw", name)
			}
		}
	}
	// Before: 2.3 GB for the ten long names alone.
	if total > 40<<20 {
		t.Errorf("the output is %d MB", total>>20)
	}
	annual, _ := os.ReadFile(filepath.Join(out, "2026", "annual.html"))
	// Before: every one of the 48,000, 189 s and 2.8 GB.
	if n := strings.Count(string(annual), "<td data-label=\"确定等次\">不合格</td>"); n != 12*summary.MaxFollowUps {
		t.Errorf("the annual page lists %d 不合格 members, want %d", n, 12*summary.MaxFollowUps)
	}
	if n := strings.Count(string(annual), summary.MoreFollowUpsText(4000-summary.MaxFollowUps)); n != 12 {
		t.Errorf("the annual page counts the members it left out %d times, want once per branch", n)
	}
	x, err := excelize.OpenFile(filepath.Join(out, "汇总.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, _ := x.GetRows(summary.FollowUpSheet)
	if len(rows) != 1+12*(summary.MaxFollowUps+1) || rows[len(rows)-1][3] != summary.MoreFollowUpsText(4000-summary.MaxFollowUps) {
		t.Errorf("the follow-up sheet has %d rows", len(rows))
	}
}

// rezipOrdered zips a bundle's files in the order jifen writes them.
func rezipOrdered(t testing.TB, files map[string][]byte) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, n := range []string{filing.SummaryFile, filing.NoticeFile, filing.SlipsFile, filing.RegisterFile, filing.ManifestFile} {
		if d, ok := files[n]; ok {
			w, _ := zw.Create(n)
			w.Write(d)
		}
	}
	zw.Close()
	return b.Bytes()
}

// A zip bomb writes nothing; extracted documents are readable by others
// (the superior's web server); --in may be a symbolic link; an unzipped
// bundle is named and asked for as the original zip.
func TestSummaryFilesAndFolders(t *testing.T) {
	dir := t.TempDir()
	real, out := filepath.Join(dir, "收件"), filepath.Join(dir, "summary")
	put(t, filepath.Join(real, "ok.zip"), forge(t, forgedSummary("甲支部", 2026, 1, "2026-04-04", nil), map[string][]byte{filing.NoticeFile: []byte("%PDF-1.4 通知")}))
	put(t, filepath.Join(real, "bomb.zip"), forge(t, forgedSummary("乙支部", 2026, 1, "2026-04-04", nil), map[string][]byte{filing.NoticeFile: make([]byte, 32<<20)}))
	for n, b := range unzipAll(t, forge(t, forgedSummary("丙支部", 2026, 1, "2026-04-04", nil), nil)) {
		put(t, filepath.Join(real, "丙支部一季度", n), b)
	}
	in := filepath.Join(dir, "备案")
	if err := os.Symlink(real, in); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	rep := runSummary(t, in, out, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	if rep.Bundles != 2 || rep.Valid != 1 {
		t.Fatalf("through a linked --in: %d bundles, %d valid", rep.Bundles, rep.Valid)
	}
	var lines []string
	for _, f := range rep.Findings {
		lines = append(lines, f.Line())
	}
	got := strings.Join(lines, "\n")
	for _, want := range []string{
		filepath.ToSlash(in) + "/bomb.zip:notice.pdf: 警告：备案包校验失败，未计入汇总：压缩比异常",
		filepath.ToSlash(in) + "/丙支部一季度: 警告：这个文件夹看起来是解压后的备案包",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("findings lack %q:\n%s", want, got)
		}
	}
	for name, size := range tree(t, out) {
		if size > 1<<20 {
			t.Errorf("%s: %d bytes", name, size)
		}
		if strings.HasSuffix(name, "-notice.pdf") && runtime.GOOS != "windows" {
			fi, _ := os.Stat(filepath.Join(out, name))
			if fi.Mode().Perm()&0o044 != 0o044 {
				t.Errorf("%s is %v: others cannot read it", name, fi.Mode().Perm())
			}
			if !strings.HasPrefix(name, "branches/甲支部/") {
				t.Errorf("%s: not in the branch's folder", name)
			}
		}
	}
}

// checkStreaming reads every sheet of an .xlsx twice, in full and with
// excelize's streaming Rows iterator, and holds each sheet's <dimension> to
// the extent of the full read: what openpyxl's read-only mode (pandas)
// trusts (PITFALLS §9). With JIFEN_E2E=1 and python3 with openpyxl, it
// reads the workbook read-only there too.
func checkStreaming(t *testing.T, path string) {
	t.Helper()
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	parts := unzipAll(t, mustRead(t, path))
	dimRe := regexp.MustCompile(`<dimension ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"/>`)
	want := map[string]int{}
	for i, sh := range x.GetSheetList() {
		full, err := x.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		it, err := x.Rows(sh)
		if err != nil {
			t.Fatal(err)
		}
		var streamed [][]string
		for it.Next() {
			cols, _ := it.Columns()
			streamed = append(streamed, cols)
		}
		it.Close()
		if fmt.Sprint(streamed) != fmt.Sprint(full) {
			t.Errorf("%s: the streaming read differs from the full read", sh)
		}
		cols := 0
		for _, r := range full {
			cols = max(cols, len(r))
		}
		m := dimRe.FindStringSubmatch(string(parts[fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)]))
		last, _ := excelize.CoordinatesToCellName(cols, len(full))
		if m == nil || m[1] != "A1:"+last {
			t.Errorf("%s: dimension %v, the cells reach %s", sh, m, last)
		}
		want[sh] = len(full)
		if scale := regexp.MustCompile(`scale="(\d+)"`).FindStringSubmatch(string(parts[fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)])); scale == nil {
			t.Errorf("%s: no print scale", sh)
		} else if n, _ := strconv.Atoi(scale[1]); n < 73 {
			t.Errorf("%s: prints at %d%%, below 8 points", sh, n)
		}
	}
	if os.Getenv("JIFEN_E2E") == "" {
		return
	}
	py := `import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
print(json.dumps({ws.title: sum(1 for _ in ws.iter_rows()) for ws in wb.worksheets}))`
	cmd := exec.Command("python3", "-c", py, path)
	if p, err := exec.LookPath("/usr/bin/python3"); err == nil {
		cmd.Path = p
	}
	b, err := cmd.Output()
	if err != nil {
		t.Skip("python3 with openpyxl not available:", err)
	}
	var got map[string]int
	json.Unmarshal(b, &got)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("openpyxl read-only sees %v rows, a full read %v", got, want)
	}
}

// TestSummaryWorkbook: 汇总.xlsx reads the same streamed and in full, its
// dimensions cover its cells, the overview comes first, bundle paths are
// relative to --in, and a period's table prints on one page width at 8
// points or more.
func TestSummaryWorkbook(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "备案"), filepath.Join(dir, "summary")
	for i := range 30 {
		b := fmt.Sprintf("中共示例市第%02d机关党支部（后勤服务中心第二联合党支部）", i)
		prev := ""
		for q := 1; q <= 4; q++ {
			asOf := summary.Due(2026, q).AddDate(0, 0, i%3-1).Format(time.DateOnly)
			s := forgedSummary(b, 2026, q, asOf, []map[string]any{quarterMember("1", "张三")})
			var docs map[string][]byte
			docs, prev = withRecord(s, model.DateString(model.QuarterEnd(2026, q).AddDate(0, 0, 1)), prev)
			put(t, filepath.Join(in, "邮件", strconv.Itoa(i), fmt.Sprintf("%d.zip", q)), forge(t, s, docs))
		}
	}
	// The list: the 30 as typed by the 党建办 (spaces and all), one that
	// never reported; a bundle from a branch not on it.
	list := excelize.NewFile()
	list.SetSheetRow("Sheet1", "A1", &[]any{"支部名称", "联系人", "电话"})
	for i := range 30 {
		list.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+2), &[]any{fmt.Sprintf("中共示例市第%02d机关党支部（后勤服务中心第二联合党支部） ", i), "联系人" + strconv.Itoa(i), "13812345678"})
	}
	list.SetSheetRow("Sheet1", "A32", &[]any{"中共示例市从未报送党支部", "赵六", "13812345678"})
	if err := list.SaveAs(filepath.Join(in, summary.ListFile)); err != nil {
		t.Fatal(err)
	}
	put(t, filepath.Join(in, "外来.zip"), forge(t, forgedSummary("中共名单外党支部", 2027, 1, "2027-04-02", nil), nil))
	rep := runSummary(t, in, out, time.Date(2027, 5, 1, 9, 0, 0, 0, time.UTC))
	if rep.Valid != 121 || rep.Branches != 32 {
		t.Fatalf("report %+v", rep)
	}
	var lines []string
	for _, f := range rep.Findings {
		lines = append(lines, f.Line())
	}
	if want := filepath.ToSlash(in) + "/外来.zip: 警告：支部「中共名单外党支部」不在支部名单.xlsx中（名单外）：请核对支部名称，或把它加入名单"; strings.Join(lines, "\n") != want {
		t.Errorf("findings:\n%s\nwant\n%s", strings.Join(lines, "\n"), want)
	}
	for name := range tree(t, out) {
		if b := mustRead(t, filepath.Join(out, name)); bytes.Contains(b, []byte("13812345678")) {
			t.Errorf("%s carries a phone number of the list", name)
		}
	}
	path := filepath.Join(out, "汇总.xlsx")
	checkStreaming(t, path)
	x, _ := excelize.OpenFile(path)
	defer x.Close()
	sheets := x.GetSheetList()
	if sheets[0] != summary.OverviewSheet || sheets[1] != summary.FollowUpSheet || sheets[2] != summary.RulesSheet ||
		sheets[3] != summary.ExemptSheet || sheets[4] != "2026年第一季度" {
		t.Errorf("sheets = %v", sheets)
	}
	q1 := sheetRows(t, x, "2026年第一季度")
	if p := q1["中共示例市第00机关党支部（后勤服务中心第二联合党支部）"]["备案包"]; p != "邮件/0/1.zip" {
		t.Errorf("备案包 = %q, want the path inside --in (and the branch named as the list spells it)", p)
	}
	over := sheetRows(t, x, summary.OverviewSheet)
	for i, want := range []string{"按时", "按时", "逾期"} {
		if got := over[fmt.Sprintf("中共示例市第%02d机关党支部（后勤服务中心第二联合党支部）", i)]["2026年第一季度"]; got != want || len(over) != 32 {
			t.Errorf("overview: branch %d in Q1 %q, want %q (%d rows)", i, got, want, len(over))
		}
	}
	never := over["中共示例市从未报送党支部"]
	if never["联系人"] != "赵六" || never["2026年第一季度"] != "未报送" || never["2026年度"] != "未报送" || never["2027年第一季度"] != "未报送" || never["未报送（期数）"] != "6" {
		t.Errorf("the branch that never reported: %v", never)
	}
	for _, sh := range sheets[1:] {
		var widths []float64
		cols, _ := x.GetCols(sh)
		for c := range cols {
			w, _ := x.GetColWidth(sh, mustCol(c+1))
			widths = append(widths, w)
		}
		if _, fits := workbook.PrintScale(widths); !fits {
			t.Errorf("%s does not fit an A4 landscape page at 8 points: widths %v", sh, widths)
		}
	}
}

func mustCol(c int) string { n, _ := excelize.ColumnNumberToName(c); return n }
