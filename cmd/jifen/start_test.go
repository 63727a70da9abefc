package main

import (
	"context"
	"io"
	"net"
	"net/http"
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
	"github.com/jifen-dev/jifen/internal/scaffold"
	"github.com/jifen-dev/jifen/internal/watch"
)

// TestStartFirstRun is a double-click in an empty folder, end to end: the
// real binary, a fake browser that records the URL, a port 8080 that is
// taken. The register is written, the getting-started page answers with
// its real path, filling in the register turns the page into the site,
// and Ctrl+C stops jifen cleanly.
func TestStartFirstRun(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the fake browser is a shell script")
	}
	dir := t.TempDir()
	exe := buildJifen(t, dir)
	opened := filepath.Join(dir, "opened.txt")
	browser := fakeBrowser(t, opened)
	// Hold 8080 if nobody else does: the start must find another port.
	// When another program holds it (on a shared machine, often this very
	// test of another checkout), it may let go at any moment, and jifen
	// then rightly takes 8080: the port is checked only when the test
	// holds it.
	held := false
	if ln, err := net.Listen("tcp", startAddr); err == nil {
		held = true
		t.Cleanup(func() { ln.Close() })
	} else {
		t.Logf("%s is held by another program (%v): which port the start takes is not checked", startAddr, err)
	}

	cmd := startCommand(t, exe, dir, browser)
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		if t.Failed() {
			t.Logf("stdout:\n%s\nstderr:\n%s", stdout, stderr)
		}
	})

	var url string
	waitLong(t, "the browser to be opened", func() bool {
		if u := openedURLs(opened); len(u) > 0 {
			url = u[0]
		}
		return url != ""
	})
	if !strings.HasPrefix(url, "http://127.0.0.1:") || held && strings.HasSuffix(url, ":8080/") {
		t.Errorf("opened %q, want a free port on 127.0.0.1 other than the taken 8080", url)
	}
	year := time.Now().Year()
	book := filepath.Join(dir, "data", strconv.Itoa(year), scaffold.TemplateBook)
	if _, err := os.Stat(book); err != nil {
		t.Fatalf("register not written: %v", err)
	}
	page := get(t, url)
	for _, want := range []string{"开始使用 jifen", book, "「设置」工作表", "设置缺少支部名称"} {
		if !strings.Contains(page, want) {
			t.Errorf("getting-started page lacks %q", want)
		}
	}

	// The secretary fills in the branch and one member and saves.
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellStr("设置", "B2", "中共测试局机关党支部")
	f.SetCellStr("党员名册", "A2", "D001")
	f.SetCellStr("党员名册", "B2", "张三")
	f.SetCellStr("党员名册", "C2", "正式党员")
	saved := filepath.Join(dir, "data", "save.tmp")
	out, err := os.Create(saved)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Write(out); err != nil {
		t.Fatal(err)
	}
	out.Close()
	f.Close()
	if err := os.Rename(saved, book); err != nil { // as office programs save
		t.Fatal(err)
	}
	waitLong(t, "the site to replace the getting-started page", func() bool {
		p := get(t, url)
		return strings.Contains(p, "中共测试局机关党支部") && !strings.Contains(p, "开始使用 jifen")
	})

	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("jifen after Ctrl+C: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("jifen did not stop on Ctrl+C")
	}
	for _, want := range []string{"工作文件夹：" + dir, "已新建 " + strconv.Itoa(year) + " 年度登记簿", book, "已在浏览器中打开 " + url, "已停止。"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("stdout lacks %q", want)
		}
	}
	if stderr.String() != "" {
		t.Errorf("stderr: %s", stderr)
	}
}

// buildJifen builds the real binary into dir, as the committee gets it.
func buildJifen(t *testing.T, dir string) string {
	t.Helper()
	exe := filepath.Join(dir, "jifen")
	if b, err := exec.Command("go", "build", "-o", exe, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	return exe
}

// fakeBrowser is a $BROWSER that appends each URL it is asked to open to
// the file opened, one a line.
func fakeBrowser(t *testing.T, opened string) string {
	t.Helper()
	browser := filepath.Join(t.TempDir(), "browser.sh")
	if err := os.WriteFile(browser, []byte("#!/bin/sh\nprintf '%s\\n' \"$1\" >> '"+opened+"'\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return browser
}

// startCommand is a double-click on exe in dir: no arguments, the fake
// browser, and a temporary folder and a cache folder of the test's own
// (dir is itself inside the system's temporary folder, where a start
// refuses to create a register; and the instance files stay out of the
// user's cache).
func startCommand(t *testing.T, exe, dir, browser string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(exe)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "BROWSER="+browser, "TMPDIR="+t.TempDir(), "XDG_CACHE_HOME="+t.TempDir())
	return cmd
}

// openedURLs are the URLs the fake browser was asked to open.
func openedURLs(opened string) []string {
	b, _ := os.ReadFile(opened)
	return strings.Fields(string(b))
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %.300s", url, resp.StatusCode, b)
	}
	return string(b)
}

// waitLong is waitFor with room for a build on a busy machine.
func waitLong(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// A double-click on a jifen.exe inside a zip runs a temporary copy in a
// temporary folder: the start says what to do and creates nothing there
// (issue 24: it wrote its register, site and reports into it).
func TestStartInTemporaryFolder(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("TMPDIR names the temporary folder on Unix")
	}
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "Temp1_jifen.zip")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	exe := buildJifen(t, dir)
	// A start that does not refuse serves until stopped.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp, "BROWSER=false", "XDG_CACHE_HOME="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != exitUsage {
		t.Errorf("start in a temporary folder: %v, want exit status %d\n%s", err, exitUsage, out)
	}
	if !strings.Contains(string(out), "正在临时文件夹") || !strings.Contains(string(out), "请先把 jifen.exe 复制到一个固定的文件夹") {
		t.Errorf("the start does not say what to do:\n%s", out)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the temporary folder holds %v, want only jifen", entries)
	}
}

func TestStartDir(t *testing.T) {
	tmp := t.TempDir()
	home := filepath.Join(tmp, "home")
	branch := filepath.Join(tmp, "党建")
	bin := filepath.Join(tmp, "bin")
	gotmp := filepath.Join(tmp, "gotmp")
	superior := filepath.Join(tmp, "党建办")
	for _, d := range []string{home, filepath.Join(branch, "data"), bin, filepath.Join(gotmp, "go-build123", "b001", "exe"), filepath.Join(superior, "备案")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	empty := filepath.Join(tmp, "新文件夹")
	os.MkdirAll(empty, 0o755)
	tmpBranch := filepath.Join(gotmp, "党建")
	os.MkdirAll(filepath.Join(tmpBranch, "data"), 0o755)
	zipped := filepath.Join(gotmp, "Temp1_jifen.zip")
	os.MkdirAll(zipped, 0o755)
	goBuild := filepath.Join(gotmp, "go-build123", "b001", "exe")
	for _, tt := range []struct {
		name, exe, cwd, want string
		temporary            bool
	}{
		{"double-click in the branch folder", filepath.Join(branch, "jifen.exe"), branch, branch, false},
		{"double-click on macOS starts in home", filepath.Join(branch, "jifen"), home, branch, false},
		{"double-click in a new folder", filepath.Join(empty, "jifen.exe"), home, empty, false},
		{"a terminal in the branch folder", filepath.Join(bin, "jifen"), branch, branch, false},
		{"installed on PATH, run in a new folder", filepath.Join(bin, "jifen"), empty, empty, false},
		{"go run", filepath.Join(goBuild, "jifen"), empty, empty, false},
		{"data in the working folder wins", filepath.Join(empty, "jifen"), branch, branch, false},
		{"data beside an executable in a temporary folder", filepath.Join(tmpBranch, "jifen"), empty, tmpBranch, false},
		{"double-click beside 备案", filepath.Join(superior, "jifen.exe"), home, superior, false},
		{"a terminal beside 备案", filepath.Join(bin, "jifen"), superior, superior, false},
		// Issue 24: nothing is created in a temporary folder.
		{"double-click inside a zip", filepath.Join(zipped, "jifen.exe"), zipped, zipped, true},
		{"go run in a temporary folder", filepath.Join(goBuild, "jifen"), zipped, zipped, true},
		{"go run started in its own build folder", filepath.Join(goBuild, "jifen"), goBuild, goBuild, true},
	} {
		got, temporary := startDir(tt.exe, tt.cwd, []string{"/usr/bin", bin}, gotmp)
		if got != tt.want || temporary != tt.temporary {
			t.Errorf("%s: startDir(%s, %s) = %s, %v; want %s, %v", tt.name, tt.exe, tt.cwd, got, temporary, tt.want, tt.temporary)
		}
	}
}

// The getting-started page shows while nobody is in the register, and for
// good once a build with members succeeded; an established branch whose
// build fails keeps its site.
func TestGettingStartedTurns(t *testing.T) {
	t.Chdir(t.TempDir())
	g := &gettingStarted{dir: "/x", year: 2026, active: true}
	build := func(ok bool, members int) watch.Result {
		r := watch.Result{OK: ok, Report: pipeline.Report{Members: members}}
		if !ok {
			r.Report.Findings.Errorf(model.Pos{File: "data/2026/a.xlsx", Sheet: "党员名册", Row: 2, Col: 1}, "党员名册没有任何人员")
		}
		return r
	}
	steps := []struct {
		r    watch.Result
		want bool
	}{
		{build(true, 0), true},
		{build(false, 0), true},
		{build(false, 3), true}, // a typo while filling in: still no site to show
		{build(true, 3), false},
		{build(false, 3), false}, // the site stays, with the errors over it
		{build(true, 0), false},
	}
	for i, s := range steps {
		g.update(s.r)
		if got := g.home() != nil; got != s.want {
			t.Errorf("step %d: page shown = %v, want %v", i, got, s.want)
		}
		if i == 1 && !strings.Contains(string(g.page()), "党员名册!A2: 错误：党员名册没有任何人员") {
			t.Errorf("the page does not list the finding:\n%s", g.page())
		}
	}
}

// A data/ folder with no year in it (made by hand before the first
// double-click) gets this year's blank register like a missing one.
func TestStartEmptyDataFolder(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("XDG_CACHE_HOME", t.TempDir()) // the instance lock
	if err := os.Mkdir("data", 0o755); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // write the register, then stop at once
	var out strings.Builder
	clock := func() time.Time { return time.Date(2026, 3, 1, 0, 0, 0, 0, time.Local) }
	env{stdout: &out, stderr: &out, clock: clock}.startIn(ctx, dir, func(string) error { return nil })
	if _, err := os.Stat(filepath.Join("data", "2026", scaffold.TemplateBook)); err != nil {
		t.Errorf("no register written into the empty data folder: %v\n%s", err, out.String())
	}
}
