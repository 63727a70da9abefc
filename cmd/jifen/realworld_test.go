//go:build unix

package main

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/fixture"
)

var realWorldBuild = flag.Int("realworld-build", 0, "TestRealWorld also builds every Nth input and searches site and reports for the register's confidential values (0: check only)")

// confidential are values of build_ok.txtar's confidential columns (备注（内部）,
// 举报人, 身份证号): no output may carry them.
var confidential = []string{"内部备注不公开", "举报人甲", "110101199001011234"}

// placePrefix is the place a finding line starts with (file, sheet, cell);
// the names in it are the user's, not jifen's words.
var placePrefix = regexp.MustCompile(`^data/2026/[^:]*(:[^:]*)?: `)

var quotedName = regexp.MustCompile(`「[^」]*」`)

// TestRealWorld runs `jifen check` over real-world workbooks (other
// projects' test files: excelize, tealeg/xlsx, calamine, openpyxl,
// XlsxWriter, exceljs, Apache POI, SheetJS; never committed):
//
//	JIFEN_CORPUS=/path/to/files go test ./cmd/jifen -run RealWorld -v [-realworld-build=20]
//
// Each file joins the valid register of build_ok.txtar in its year folder
// as 外来.xlsx, whatever its real format (a renamed .xls or .xlsb is what
// users do). For every file check exits 0 or 1, never panics, prints no
// line with English text and none of the register's confidential values,
// leaves its temp folder empty and the year folder as it was. It logs the
// messages by count, the exit codes, the slowest input and the largest peak
// RSS. Without JIFEN_CORPUS the test is skipped.
func TestRealWorld(t *testing.T) {
	dir := os.Getenv("JIFEN_CORPUS")
	if dir == "" {
		t.Skip("JIFEN_CORPUS not set")
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		if e.Type().IsRegular() {
			files = append(files, filepath.Join(dir, e.Name()))
		}
	}
	jifen, _ := killFixtureJifen()
	var (
		mu                sync.Mutex
		msgs              = map[string][]string{}
		codes             = map[int]int{}
		built, leaks      int
		slowest, heaviest string
		slowTime          time.Duration
		peakRSS           int64
		next, failures    int
		wg                sync.WaitGroup
		start             = time.Now()
	)
	fail := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		failures++
		if failures <= 50 {
			t.Errorf(format, args...)
		}
	}
	for range 2 { // two workers: the machine has two cores
		root, build := killFixture(t)
		year := filepath.Join(root, "data", "2026")
		want, _ := os.ReadDir(year)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(files) {
					return
				}
				name := filepath.Base(files[i])
				b, err := os.ReadFile(files[i])
				if err != nil {
					fail("%s: %v", name, err)
					continue
				}
				foreign := filepath.Join(year, "外来.xlsx")
				if err := os.WriteFile(foreign, b, 0o644); err != nil {
					fail("%s: %v", name, err)
					continue
				}
				var stdout, stderr bytes.Buffer
				cmd := killCommand(jifen, root, "check", "--data", "data", "--as-of", "2026-10-10")
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				t0 := time.Now()
				cmd.Run()
				took := time.Since(t0)
				code := cmd.ProcessState.ExitCode() // -1: killed by a signal
				rss := int64(cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss) << 10
				out := stdout.String() + stderr.String()
				if code != exitOK && code != exitData {
					fail("%s: check exits %d\n%s", name, code, out)
				}
				if strings.Contains(out, "panic") || strings.Contains(out, "goroutine ") {
					fail("%s: check panics\n%s", name, out)
				}
				var mine []string
				for _, line := range strings.Split(out, "\n") {
					if !strings.HasPrefix(line, "data/2026/外来.xlsx") {
						continue
					}
					msg := placePrefix.ReplaceAllString(line, "")
					if fixture.English(msg) {
						fail("%s: English text: %s", name, line)
					}
					mine = append(mine, quotedName.ReplaceAllString(msg, "「…」")) // counted by kind, not by sheet name
				}
				for _, v := range confidential {
					if strings.Contains(out, v) {
						fail("%s: check prints the confidential %q", name, v)
					}
				}
				if left, _ := os.ReadDir(filepath.Join(root, "tmp")); len(left) > 0 {
					fail("%s: left in the temp folder: %v", name, left)
					for _, e := range left {
						os.RemoveAll(filepath.Join(root, "tmp", e.Name()))
					}
				}
				if got, _ := os.ReadDir(year); len(got) != len(want)+1 {
					fail("%s: the year folder holds %d entries after check, want %d", name, len(got), len(want)+1)
				}
				doBuild := *realWorldBuild > 0 && i%*realWorldBuild == 0 && code == exitOK
				if doBuild {
					if out, err := build().CombinedOutput(); err != nil {
						fail("%s: build: %v\n%s", name, err, out)
					} else if n := leaked(t, root); n > 0 {
						fail("%s: %d output files carry a confidential value", name, n)
						mu.Lock()
						leaks += n
						mu.Unlock()
					}
				}
				os.Remove(foreign)
				mu.Lock()
				codes[code]++
				if doBuild {
					built++
				}
				if took > slowTime {
					slowTime, slowest = took, name
				}
				if rss > peakRSS {
					peakRSS, heaviest = rss, name
				}
				for _, m := range slices.Compact(slices.Sorted(slices.Values(mine))) {
					msgs[m] = append(msgs[m], name)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	keys := make([]string, 0, len(msgs))
	for k := range msgs {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return len(msgs[keys[i]]) > len(msgs[keys[j]]) })
	for i, k := range keys {
		if i == 40 {
			t.Logf("… %d more messages", len(keys)-i)
			break
		}
		t.Logf("%5d × %s (e.g. %s)", len(msgs[k]), k, msgs[k][0])
	}
	t.Logf("%d inputs in %s: exit codes %v; %d built, %d leaks; slowest %s (%s); peak RSS %d MB (%s)",
		len(files), time.Since(start).Round(time.Second), codes, built, leaks, slowest, slowTime.Round(time.Millisecond), peakRSS>>20, heaviest)
}

// leaked counts the files under root's site and reports that carry a
// confidential value.
func leaked(t *testing.T, root string) int {
	t.Helper()
	n := 0
	for _, d := range []string{"site", "reports"} {
		filepath.WalkDir(filepath.Join(root, d), func(p string, e fs.DirEntry, err error) error {
			if err != nil || !e.Type().IsRegular() {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for _, v := range confidential {
				if bytes.Contains(b, []byte(v)) {
					n++
					t.Logf("%s carries %q", p, v)
					break
				}
			}
			return nil
		})
	}
	return n
}
