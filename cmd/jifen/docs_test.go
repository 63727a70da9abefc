package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/filing"
)

// repo is the repository root, seen from this package's directory.
const repo = "../.."

func readRepo(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repo, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// cells splits a Markdown table row into its trimmed cells.
func cells(row string) []string {
	row = strings.TrimSpace(row)
	row = strings.TrimPrefix(strings.TrimSuffix(row, "|"), "|")
	cs := strings.Split(row, "|")
	for i := range cs {
		cs[i] = strings.TrimSpace(cs[i])
	}
	return cs
}

// TestFilingDutyInDocs: README and docs/filing.md say what is filed, to
// whom and by when exactly as filing.QuarterDuty, filing.YearDuty and
// filing.RulesDuty declare it.
func TestFilingDutyInDocs(t *testing.T) {
	readme := readRepo(t, "README.md")
	rows := map[string][]string{}
	for _, l := range strings.Split(readme, "\n") {
		if strings.HasPrefix(l, "| `<支部名称>-") {
			c := cells(l)
			switch {
			case strings.Contains(c[0], "-Q1.zip"):
				rows["quarter"] = c[1:]
			case strings.Contains(c[0], "-年度.zip"):
				rows["year"] = c[1:]
			case strings.Contains(c[0], "-细则.zip"):
				rows["rules"] = c[1:]
			}
		}
	}
	for _, d := range []struct {
		name string
		duty filing.Duty
	}{{"quarter", filing.QuarterDuty}, {"year", filing.YearDuty}, {"rules", filing.RulesDuty}} {
		want := []string{d.duty.To, d.duty.When, d.duty.Titles()}
		if !slices.Equal(rows[d.name], want) {
			t.Errorf("README's 备案 table, %s row: %q, want %q (filing.%sDuty)", d.name, rows[d.name], want, map[string]string{"quarter": "Quarter", "year": "Year", "rules": "Rules"}[d.name])
		}
	}

	doc := readRepo(t, "docs/filing.md")
	for _, d := range []struct {
		bundle string
		duty   filing.Duty
	}{{"-Q<N>.zip", filing.QuarterDuty}, {"-年度.zip", filing.YearDuty}, {"-细则.zip", filing.RulesDuty}} {
		if want := "报" + d.duty.To + "，" + d.duty.When; !regexp.MustCompile(regexp.QuoteMeta(d.bundle) + `\s+\S*` + regexp.QuoteMeta(want) + `$`).MatchString(grepLine(doc, d.bundle)) {
			t.Errorf("docs/filing.md: the line of %s does not end %q", d.bundle, want)
		}
	}
	// The table of files: ✓ in a period's column exactly for its Duty's
	// Contents (and manifest.json, in every bundle).
	for _, l := range strings.Split(doc, "\n") {
		c := cells(l)
		if !strings.HasPrefix(l, "| `") || len(c) < 3 {
			continue
		}
		name := strings.Trim(c[0], "`")
		for i, duty := range []filing.Duty{filing.QuarterDuty, filing.YearDuty, filing.RulesDuty} {
			want := name == filing.ManifestFile || slices.ContainsFunc(duty.Contents, func(ct filing.Content) bool { return ct.File == name })
			if got := 1+i < len(c) && c[1+i] == "✓"; got != want {
				t.Errorf("docs/filing.md: %s marked %v for the %s bundle, want %v", name, got, []string{"quarter", "year", "细则"}[i], want)
			}
		}
	}
}

func grepLine(text, sub string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, sub) {
			return strings.TrimSpace(l)
		}
	}
	return ""
}

var (
	// repoPath is a path into the repository named in a comment or a
	// document: it starts with one of the repository's top folders.
	repoPath = regexp.MustCompile(`(?:^|[^\w./-])((?:docs|internal|cmd|templates|scripts)/[\w./*\p{Han}-]*[\w*\p{Han}/])`)
	goFile   = regexp.MustCompile(`(?:^|[^\w./-])([\w-]+\.go)\b`)
	mdLink   = regexp.MustCompile(`\]\(([^)\s]+)\)`)
)

// TestNoDeadDocLinks: every path a comment or a Markdown document names
// exists — docs/… files, package folders, Markdown links, and the .go
// files comments point at (in the same package, or in one the comment
// names).
func TestNoDeadDocLinks(t *testing.T) {
	goFiles := map[string][]string{} // base name → folders holding it
	var texts []string
	err := filepath.WalkDir(repo, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if strings.HasSuffix(p, ".go") {
			rel, _ := filepath.Rel(repo, filepath.Dir(p))
			goFiles[d.Name()] = append(goFiles[d.Name()], filepath.ToSlash(rel))
		}
		if strings.HasSuffix(p, ".go") || strings.HasSuffix(p, ".md") {
			texts = append(texts, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, p := range texts {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		isGo := strings.HasSuffix(p, ".go")
		here, _ := filepath.Rel(repo, filepath.Dir(p))
		here = filepath.ToSlash(here)
		for i, line := range strings.Split(string(b), "\n") {
			text := line
			if isGo {
				j := strings.Index(line, "//")
				if j < 0 {
					continue
				}
				text = line[j+2:]
			}
			where := func() string { rel, _ := filepath.Rel(repo, p); return filepath.ToSlash(rel) + ":" + strconv.Itoa(i+1) }
			for _, m := range repoPath.FindAllStringSubmatch(text, -1) {
				checked++
				if ms, _ := filepath.Glob(filepath.Join(repo, strings.TrimSuffix(m[1], "."))); len(ms) == 0 {
					t.Errorf("%s names %s, which does not exist", where(), m[1])
				}
			}
			if isGo {
				for _, m := range goFile.FindAllStringSubmatch(text, -1) {
					checked++
					if !slices.ContainsFunc(goFiles[m[1]], func(d string) bool {
						return d == here || strings.Contains(text, d) || strings.Contains(text, filepath.Base(d)+".") || strings.Contains(text, filepath.Base(d)+"'s")
					}) {
						t.Errorf("%s names %s, which is not in this package nor in one the comment names", where(), m[1])
					}
				}
				continue
			}
			for _, m := range mdLink.FindAllStringSubmatch(text, -1) {
				target, _, _ := strings.Cut(m[1], "#")
				if strings.Contains(target, "://") || target == "" || strings.HasPrefix(target, "mailto:") {
					continue
				}
				checked++
				if _, err := os.Stat(filepath.Join(filepath.Dir(p), filepath.FromSlash(target))); err != nil {
					t.Errorf("%s links %s, which does not exist", where(), m[1])
				}
			}
		}
	}
	if checked < 50 {
		t.Errorf("only %d paths checked: is the scan reading the tree?", checked)
	}
}

// TestUsageOneText: the usage exists once (synopses). `jifen help` prints
// it, doc.go's Usage block is its 「用法」 lines verbatim, README's 命令
// table lists the same commands with the same words, and doc.go's list of
// flags names exactly the flags the commands answer --help with.
func TestUsageOneText(t *testing.T) {
	var stdout bytes.Buffer
	if code := (env{stdout: &stdout, stderr: io.Discard, clock: time.Now}).run(context.Background(), []string{"help"}); code != exitOK || stdout.String() != usage {
		t.Fatalf("jifen help = %d, printed\n%s\nwant the usage", code, stdout.String())
	}

	doc := readRepo(t, "cmd/jifen/doc.go")
	block, ok := docBlock(doc, "// Usage:")
	if !ok {
		t.Fatal("doc.go has no Usage block")
	}
	if want := usageLines(); !slices.Equal(block, want) {
		t.Errorf("doc.go's Usage block:\n%s\nwant the usage's lines:\n%s", strings.Join(block, "\n"), strings.Join(want, "\n"))
	}

	var table [][]string
	for _, l := range strings.Split(readRepo(t, "README.md"), "\n") {
		if strings.HasPrefix(l, "| `jifen") {
			c := cells(l)
			table = append(table, []string{strings.Trim(c[0], "`"), strings.ReplaceAll(c[1], "`", "")})
		}
	}
	var want [][]string
	for _, s := range synopses {
		want = append(want, []string{strings.Join(strings.Fields(s.command()), " "), strings.ReplaceAll(s.what, "\n", "")})
	}
	if !slices.EqualFunc(table, want, slices.Equal) {
		t.Errorf("README's 命令 table:\n%q\nwant the usage's commands:\n%q", table, want)
	}

	flagName := regexp.MustCompile(`(?:^|, )--([\w-]+)`)
	documented := map[string]bool{}
	flags, ok := docBlock(doc, "// Every command answers --help with its flags. They are:")
	if !ok {
		t.Fatal("doc.go has no list of flags")
	}
	for _, l := range flags {
		for _, m := range flagName.FindAllStringSubmatch(l, -1) {
			documented[m[1]] = true
		}
	}
	answered := map[string]bool{}
	for cmd := range commandFlags {
		var out bytes.Buffer
		(env{stdout: &out, stderr: io.Discard, clock: time.Now}).run(context.Background(), []string{cmd, "--help"})
		for _, l := range strings.Split(out.String(), "\n") {
			if name, ok := strings.CutPrefix(strings.TrimSpace(l), "--"); ok {
				answered[strings.Fields(name)[0]] = true
			}
		}
	}
	if len(answered) < 10 {
		t.Fatalf("only %d flags found in the commands' --help", len(answered))
	}
	for name := range answered {
		if !documented[name] {
			t.Errorf("flag --%s is not in doc.go's list of flags", name)
		}
	}
	for name := range documented {
		if !answered[name] {
			t.Errorf("doc.go lists --%s, which no command has", name)
		}
	}
}

// docBlock returns the tab-indented lines of doc that follow the comment
// line head and a blank comment line, without their "//\t".
func docBlock(doc, head string) ([]string, bool) {
	_, rest, ok := strings.Cut(doc, head+"\n//\n")
	if !ok {
		return nil, false
	}
	var out []string
	for _, l := range strings.Split(rest, "\n") {
		text, ok := strings.CutPrefix(l, "//\t")
		if !ok {
			break
		}
		out = append(out, text)
	}
	return out, len(out) > 0
}
