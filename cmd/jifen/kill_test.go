//go:build unix

package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
)

var (
	kills      = flag.Int("kills", 8, "builds TestKillDuringBuild kills with SIGKILL (the audit of issue 14 used 117)")
	concurrent = flag.Int("concurrent", 3, "builds TestConcurrentBuilds runs at once (the audit of issue 14 used 40)")
)

// killFixture writes the register of build_ok.txtar into root/data and
// returns the jifen command (this test binary, see TestMain) and a function
// starting `jifen build` on it with TMPDIR set to root/tmp.
func killFixture(t *testing.T) (root string, build func() *exec.Cmd) {
	t.Helper()
	jifen, err := killFixtureJifen()
	if err != nil {
		t.Skip("jifen not on PATH:", err)
	}
	ar, err := txtar.ParseFile(filepath.Join("testdata", "script", "build_ok.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	root = t.TempDir()
	for _, f := range ar.Files {
		if f.Name == "reg.txt" {
			src := filepath.Join(root, "reg.txt")
			os.WriteFile(src, f.Data, 0o644)
			os.MkdirAll(filepath.Join(root, "data", "2026"), 0o755)
			if err := writeBook(src, filepath.Join(root, "data", "2026", "登记簿.xlsx"), false); err != nil {
				t.Fatal(err)
			}
			os.Remove(src)
		}
	}
	os.MkdirAll(filepath.Join(root, "tmp"), 0o755)
	return root, func() *exec.Cmd {
		return killCommand(jifen, root, "build", "--data", "data", "--out", "site", "--reports", "reports", "--as-of", "2026-10-10")
	}
}

// killFixtureJifen finds the jifen command: this test binary (TestMain).
func killFixtureJifen() (string, error) { return exec.LookPath("jifen") }

// killCommand runs jifen in root with TMPDIR root/tmp and a real clock.
func killCommand(jifen, root string, args ...string) *exec.Cmd {
	cmd := exec.Command(jifen, args...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "TMPDIR="+filepath.Join(root, "tmp"), "JIFEN_TEST_REAL_CLOCK=1")
	return cmd
}

var previewURL = regexp.MustCompile(`http://127\.0\.0\.1:[0-9]+/`)

var buildMeta = regexp.MustCompile(`<meta name="jifen-build" content="([0-9a-f]+)">`)

// builtBy returns the build ID a page was made by ("" when missing).
func builtBy(t *testing.T, page string) string {
	b, err := os.ReadFile(page)
	if err != nil {
		return ""
	}
	m := buildMeta.FindSubmatch(b)
	if m == nil {
		t.Fatalf("%s has no build ID", page)
	}
	return string(m[1])
}

// treeSum hashes every file under dir with its name and mode.
func treeSum(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		h.Write([]byte(rel + "\x00" + fi.Mode().String() + "\x00" + fi.ModTime().String() + "\x00"))
		if d.Type().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			h.Write(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// atRest checks what a killed or finished build leaves: site/ and reports/
// exist; unless a journal waits for the next build to finish a
// publication, both are of one build. It reports whether a journal waits.
func atRest(t *testing.T, root, when string) (pending bool) {
	t.Helper()
	site, rep := builtBy(t, filepath.Join(root, "site", "index.html")), builtBy(t, filepath.Join(root, "reports", "2026", "index.html"))
	if site == "" || rep == "" {
		t.Fatalf("%s: site/index.html or reports/2026/index.html missing", when)
	}
	for _, j := range []string{".site.publish", ".reports.publish"} {
		if _, err := os.Stat(filepath.Join(root, j)); err == nil {
			pending = true
		}
	}
	if site != rep && !pending {
		t.Fatalf("%s: site of build %s, reports of build %s, and no journal to finish it", when, site, rep)
	}
	return pending
}

// clean checks that nothing but the data and the two outputs is left, and
// that the temp folder given to the builds is empty.
func clean(t *testing.T, root string) {
	t.Helper()
	entries, _ := os.ReadDir(root)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{"data", "reports", "site", "tmp"}; !slices.Equal(names, want) {
		t.Errorf("left in the output folder: %v, want %v", names, want)
	}
	if tmp, _ := os.ReadDir(filepath.Join(root, "tmp")); len(tmp) > 0 {
		var left []string
		for _, e := range tmp {
			left = append(left, e.Name())
		}
		t.Errorf("left in the temp folder: %v", left)
	}
}

// TestKillDuringBuild is issue 14 F3: builds killed with SIGKILL at random
// moments never cost the site, never leave site and reports of different
// builds for longer than until the next build starts, and the next finished
// build leaves nothing behind (temp trees, old trees, journals, excelize's
// spill). The data folder is never written. -kills=N for more.
func TestKillDuringBuild(t *testing.T) {
	root, build := killFixture(t)
	data := treeSum(t, filepath.Join(root, "data"))
	start := time.Now()
	if out, err := build().CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, out)
	}
	full := time.Since(start)
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 14))
	var pending, finished int
	for i := 0; i < *kills; i++ {
		cmd := build()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int64N(int64(full + full/5))))
		cmd.Process.Kill()
		if err := cmd.Wait(); err == nil {
			finished++
		}
		if atRest(t, root, fmt.Sprintf("after kill %d", i+1)) {
			pending++
		}
	}
	if out, err := build().CombinedOutput(); err != nil {
		t.Fatalf("build after the kills: %v\n%s", err, out)
	}
	if atRest(t, root, "after the last build") {
		t.Error("a journal is left after a finished build")
	}
	clean(t, root)
	if treeSum(t, filepath.Join(root, "data")) != data {
		t.Error("the data folder changed")
	}
	t.Logf("%d kills (seed %d, build %s): %d builds finished before their kill, %d kills left a publication for the next build to finish",
		*kills, seed, full.Round(time.Millisecond), finished, pending)
}

// TestConcurrentBuilds: builds of the same outputs started together all
// succeed, take turns, and leave one build's site and reports and nothing
// else. -concurrent=N for more.
func TestConcurrentBuilds(t *testing.T) {
	root, build := killFixture(t)
	data := treeSum(t, filepath.Join(root, "data"))
	start := time.Now()
	var wg sync.WaitGroup
	errs := make([]string, *concurrent)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if out, err := build().CombinedOutput(); err != nil {
				errs[i] = err.Error() + ": " + string(out)
			}
		}()
	}
	wg.Wait()
	for i, e := range errs {
		if e != "" {
			t.Errorf("build %d: %s", i, strings.TrimSpace(e))
		}
	}
	if atRest(t, root, "after concurrent builds") {
		t.Error("a journal is left after finished builds")
	}
	clean(t, root)
	if treeSum(t, filepath.Join(root, "data")) != data {
		t.Error("the data folder changed")
	}
	t.Logf("%d builds started together, all finished in %s", *concurrent, time.Since(start).Round(time.Millisecond))
}

// TestDataFolderUntouched: build, check, watch and serve (and the pages it
// serves) never write into the data folder (its checksum — names, modes,
// times and bytes — stays),
// and a read-only data folder builds. (As root the permissions do not bind;
// the checksum still does.)
func TestDataFolderUntouched(t *testing.T) {
	root, build := killFixture(t)
	data := filepath.Join(root, "data")
	os.WriteFile(filepath.Join(data, "2026", "~$登记簿.xlsx"), []byte("owner file"), 0o644)
	os.MkdirAll(filepath.Join(data, "pages"), 0o755)
	os.WriteFile(filepath.Join(data, "pages", "通知.md"), []byte("# 通知\n"), 0o644)
	readOnly := func(mode fs.FileMode) {
		filepath.WalkDir(data, func(p string, d fs.DirEntry, err error) error {
			if err == nil {
				if d.IsDir() {
					os.Chmod(p, 0o555&mode|0o111)
				} else {
					os.Chmod(p, 0o444&mode)
				}
			}
			return nil
		})
	}
	readOnly(0o777)
	t.Cleanup(func() {
		filepath.WalkDir(data, func(p string, d fs.DirEntry, err error) error {
			if err == nil {
				os.Chmod(p, 0o755)
			}
			return nil
		})
	})
	sum := treeSum(t, data)
	if out, err := build().CombinedOutput(); err != nil {
		t.Fatalf("build of a read-only data folder: %v\n%s", err, out)
	}
	jifen, _ := killFixtureJifen()
	if out, err := killCommand(jifen, root, "check", "--data", "data", "--as-of", "2026-10-10").CombinedOutput(); err != nil {
		t.Fatalf("check: %v\n%s", err, out)
	}
	for _, cmd := range []string{"watch", "serve"} {
		stdout, stderr := &syncBuffer{}, &syncBuffer{}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan int, 1)
		args := []string{cmd, "--data", data, "--out", filepath.Join(root, "site"), "--reports", filepath.Join(root, "reports"), "--as-of", "2026-10-10"}
		if cmd == "serve" {
			args = append(args, "--addr", "127.0.0.1:0")
		}
		go func() { done <- run(ctx, args, stdout, stderr) }()
		deadline := time.Now().Add(2 * time.Minute)
		for !strings.Contains(stdout.String(), "用时") && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
		}
		if cmd == "serve" { // pages served, the committee's included, and one not found
			if url := previewURL.FindString(stdout.String()); url == "" {
				t.Errorf("serve printed no address: %s", stdout.String())
			} else {
				for _, p := range []string{"", "reports/", "reports/2026/", "no-such-page.html"} {
					if resp, err := http.Get(url + p); err != nil {
						t.Error(err)
					} else {
						if p == "" && resp.StatusCode != http.StatusOK {
							t.Errorf("serve: GET / = %s", resp.Status)
						}
						io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
					}
				}
			}
		}
		cancel()
		if code := <-done; code != exitOK {
			t.Errorf("%s = %d: %s %s", cmd, code, stdout.String(), stderr.String())
		}
		if !strings.Contains(stdout.String(), "用时") {
			t.Errorf("%s built nothing: %s", cmd, stdout.String())
		}
	}
	if treeSum(t, data) != sum {
		t.Error("the data folder changed")
	}
}
