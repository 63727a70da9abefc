package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/pipeline"
	"github.com/jifen-dev/jifen/internal/preview"
	"github.com/jifen-dev/jifen/internal/scaffold"
)

// running is a jifen started as a double-click, in the background.
type running struct {
	t              *testing.T
	cmd            *exec.Cmd
	stdout, stderr *syncBuffer
	exited         chan error
	opened         string // the fake browser's record
}

// launch starts exe in dir as a double-click does, with the fake browser
// recording into opened and the instance files in cache (shared by the
// starts that must see each other).
func launch(t *testing.T, exe, dir, cache, opened string) *running {
	t.Helper()
	cmd := exec.Command(exe)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "BROWSER="+fakeBrowser(t, opened), "TMPDIR="+t.TempDir(), "XDG_CACHE_HOME="+cache)
	r := &running{t: t, cmd: cmd, stdout: &syncBuffer{}, stderr: &syncBuffer{}, exited: make(chan error, 1), opened: opened}
	cmd.Stdout, cmd.Stderr = r.stdout, r.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { r.exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		if t.Failed() {
			t.Logf("%s stdout:\n%s\nstderr:\n%s", exe, r.stdout, r.stderr)
		}
	})
	return r
}

// url waits for the browser to be opened the n-th time (1-based).
func (r *running) url(n int) string {
	r.t.Helper()
	var u string
	waitLong(r.t, "the browser to be opened", func() bool {
		if us := openedURLs(r.opened); len(us) >= n {
			u = us[n-1]
		}
		return u != ""
	})
	return u
}

// wait waits for the process to end by itself and returns its status.
func (r *running) wait() int {
	r.t.Helper()
	select {
	case err := <-r.exited:
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode()
		} else if err != nil {
			r.t.Fatal(err)
		}
		return 0
	case <-time.After(90 * time.Second):
		r.t.Fatal("jifen did not exit")
	}
	return -1
}

// stop sends Ctrl+C and waits for a clean exit.
func (r *running) stop() {
	r.t.Helper()
	if err := r.cmd.Process.Signal(os.Interrupt); err != nil {
		r.t.Fatal(err)
	}
	if code := r.wait(); code != 0 {
		r.t.Errorf("jifen after Ctrl+C: status %d", code)
	}
}

// TestStartSecondInstance: two double-clicks on one folder. The second
// start opens the browser at the first one's preview and exits, writing
// nothing into data/; once the first is killed (its lock dies with it),
// the next start runs normally (SPEC §5, PITFALLS §9).
func TestStartSecondInstance(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the fake browser is a shell script")
	}
	dir := t.TempDir()
	exe := buildJifen(t, dir) // beside the register, where a double-click runs it
	cache := t.TempDir()
	first := launch(t, exe, dir, cache, filepath.Join(t.TempDir(), "opened"))
	url := first.url(1)
	get(t, url) // serving
	before := treeSum(t, filepath.Join(dir, "data"))

	second := launch(t, exe, dir, cache, filepath.Join(t.TempDir(), "opened"))
	if code := second.wait(); code != 0 {
		t.Errorf("second start: status %d, want 0", code)
	}
	// The browser is started detached: it may write after jifen exited.
	if got := second.url(1); got != url {
		t.Errorf("second start opened %v, want the first one's %s", got, url)
	}
	if want := "jifen 已经在运行（另一个窗口），预览地址：" + url; !strings.Contains(second.stdout.String(), want) {
		t.Errorf("second start does not say %q:\n%s", want, second.stdout)
	}
	if strings.Contains(second.stdout.String(), "预览地址：http") && strings.Contains(second.stdout.String(), "保存工作簿后") {
		t.Errorf("second start served too:\n%s", second.stdout)
	}
	if after := treeSum(t, filepath.Join(dir, "data")); after != before {
		t.Error("the second start wrote into data/")
	}

	// A start killed outright leaves no lock that blocks the next one.
	first.cmd.Process.Kill()
	<-first.exited
	third := launch(t, exe, dir, cache, filepath.Join(t.TempDir(), "opened"))
	u3 := third.url(1)
	if !strings.Contains(third.stdout.String(), "预览地址：") || strings.Contains(third.stdout.String(), "已经在运行") {
		t.Errorf("the start after a killed one did not serve:\n%s", third.stdout)
	}
	get(t, u3)
	// …and a start after it finds it, not the dead one.
	fourth := launch(t, exe, dir, cache, filepath.Join(t.TempDir(), "opened"))
	if code := fourth.wait(); code != 0 {
		t.Errorf("fourth start: status %d, want 0", code)
	}
	if got := fourth.url(1); got != u3 {
		t.Errorf("fourth start opened %v, want the running %s", got, u3)
	}
	third.stop()
}

// fillRegister makes the blank register of year in dir/data a started
// one: a branch, a probationer, a member transferred out during the year.
func fillRegister(t *testing.T, dir string, year int) {
	t.Helper()
	if _, err := scaffold.Init(dir, year, false); err != nil {
		t.Fatal(err)
	}
	book := filepath.Join(dir, "data", strconv.Itoa(year), scaffold.TemplateBook)
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellStr("设置", "B2", "中共测试局机关党支部")
	for i, row := range [][]any{
		{"D001", "张三", "正式党员"},
		{"D002", "李四", "预备党员"},
		{"D003", "王五", "正式党员", nil, nil, nil, fmt.Sprintf("%d-06-30", year)},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		f.SetSheetRow("党员名册", cell, &row)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// TestStartNewYear: the first start in a calendar year that has no year
// folder yet creates the year's register from the newest year, as
// new-year does, says so on the console and on the getting-started page
// with what to review, and opens that page; the site previewed carries
// the preview bar, the site built on disk does not.
func TestStartNewYear(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the fake browser is a shell script")
	}
	dir := t.TempDir()
	now := time.Now().Year()
	fillRegister(t, dir, now-1)
	exe := buildJifen(t, t.TempDir())
	r := launch(t, exe, dir, t.TempDir(), filepath.Join(t.TempDir(), "opened"))
	url := r.url(1)
	if !strings.HasSuffix(url, preview.StartPath) {
		t.Errorf("opened %s, want the getting-started page %s", url, preview.StartPath)
	}
	book := filepath.Join(dir, "data", strconv.Itoa(now), scaffold.TemplateBook)
	if _, err := os.Stat(book); err != nil {
		t.Fatalf("the new year's register was not created: %v", err)
	}
	out := r.stdout.String()
	for _, want := range []string{
		fmt.Sprintf("新的一年：已新建 %d 年度登记簿，沿用 %d 年度的设置、考核项目和党员名册", now, now-1), book,
		fmt.Sprintf("%d 年度开始前，请核对以下几项：", now), "预备党员 1 名（李四（D002））", "转出的 1 名（王五（D003））",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("console lacks %q:\n%s", want, out)
		}
	}
	page := get(t, url)
	for _, want := range []string{fmt.Sprintf("新的一年：已新建 %d 年度登记簿", now), book, "预备党员 1 名（李四（D002））", "考核项目沿用了", `id="jifen-bar"`} {
		if !strings.Contains(page, want) {
			t.Errorf("getting-started page lacks %q", want)
		}
	}

	// The home page is the site (members are in), with the bar in the
	// preview and never on disk.
	home := strings.TrimSuffix(url, strings.TrimPrefix(preview.StartPath, "/"))
	waitLong(t, "the site", func() bool { return isFile(filepath.Join(dir, "site", "index.html")) })
	page = get(t, home)
	for _, want := range []string{"中共测试局机关党支部", `id="jifen-bar"`, "本机预览", `href="/reports/">支委会工作台`, `href="` + preview.StartPath + `">开始使用`} {
		if !strings.Contains(page, want) {
			t.Errorf("previewed home page lacks %q", want)
		}
	}
	err := filepath.WalkDir(filepath.Join(dir, "site"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			if b, _ := os.ReadFile(p); strings.Contains(string(b), "jifen-bar") || strings.Contains(string(b), "本机预览") {
				t.Errorf("%s carries the preview bar", p)
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	r.stop()
}

// TestStartSuperior: next to a 备案/ folder and with no data/, the start is
// the superior's: it runs summary and previews summary/, and runs it again
// when a bundle arrives in a subfolder.
func TestStartSuperior(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the fake browser is a shell script")
	}
	// Two bundles of the demo branch, as a branch's build makes them.
	demo := t.TempDir()
	if _, err := scaffold.Init(demo, 0, true); err != nil {
		t.Fatal(err)
	}
	cfg := pipeline.Config{Data: filepath.Join(demo, "data"), Reports: filepath.Join(demo, "reports"), AsOf: model.NewDate(2026, 11, 30)}
	if _, err := pipeline.Build(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	bundles, _ := filepath.Glob(filepath.Join(demo, "reports", "2026", "备案", "*-Q*.zip"))
	if len(bundles) < 2 {
		t.Fatalf("demo bundles: %v", bundles)
	}

	dir := t.TempDir()
	inbox := filepath.Join(dir, "备案", "2026", "党建办邮箱")
	if err := os.MkdirAll(inbox, 0o755); err != nil {
		t.Fatal(err)
	}
	copyFile(t, bundles[0], filepath.Join(inbox, filepath.Base(bundles[0])))
	exe := buildJifen(t, dir)
	r := launch(t, exe, dir, t.TempDir(), filepath.Join(t.TempDir(), "opened"))
	url := r.url(1)
	page := get(t, url)
	if !strings.Contains(page, "本机预览") || !isFile(filepath.Join(dir, "summary", "index.html")) {
		t.Fatalf("no summary previewed:\n%.500s", page)
	}
	if exists(filepath.Join(dir, "data")) {
		t.Error("the superior's start created a register")
	}
	waitLong(t, "the first summary line", func() bool { return strings.Contains(r.stdout.String(), "1 个备案包（校验通过 1 个") })

	// A bundle arrives deeper down: summary runs again by itself.
	deeper := filepath.Join(dir, "备案", "2026", "第二批", "附件")
	if err := os.MkdirAll(deeper, 0o755); err != nil {
		t.Fatal(err)
	}
	copyFile(t, bundles[1], filepath.Join(deeper, "附件1"))
	waitLong(t, "the summary of two bundles", func() bool { return strings.Contains(r.stdout.String(), "2 个备案包（校验通过 2 个") })
	r.stop()
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	// Written under another name and renamed, as a mail program saves.
	if err := os.WriteFile(to+".part", b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(to+".part", to); err != nil {
		t.Fatal(err)
	}
}
