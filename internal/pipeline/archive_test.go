package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/filing"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/pdf"
)

// postedBranch is a generated year (every quarter, decided grades), built
// as of 20 January 2027 and then posted period by period on the day each
// notice says, as a branch would; it returns the config and the site's
// notices as built before posting, by period (0 = the year).
func postedBranch(t *testing.T) (Config, map[int][]byte) {
	t.Helper()
	dir := t.TempDir()
	genRegister(t, dir, genSpec{Branch: "中共测试局机关第三党支部", Members: 12, Seed: 7, Decided: true})
	cfg := Config{Data: filepath.Join(dir, "data"), Out: filepath.Join(dir, "site"), Reports: filepath.Join(dir, "reports"),
		AsOf: model.NewDate(2027, 1, 20), Clock: at(time.Date(2027, 1, 20, 9, 0, 0, 0, time.UTC))}
	if rep, err := Build(context.Background(), cfg); err != nil || rep.Failed() {
		t.Fatalf("Build = %v %v", err, rep.Findings)
	}
	built := map[int][]byte{}
	for _, q := range []int{1, 2, 3, 4, 0} {
		built[q] = readFileIn(t, cfg.Out, noticePath(q))
		res, err := Post(context.Background(), PostConfig{Data: cfg.Data, Year: 2026, Period: q, AsOf: cfg.AsOf,
			Date: postDay(q), Clock: cfg.Clock})
		if err != nil || res.Refusal != "" || len(res.Written) != 2 {
			t.Fatalf("post %d: %v %q %v", q, err, res.Refusal, res.Findings)
		}
	}
	return cfg, built
}

// postDay is when the generated branch's period q went up (the defaults:
// the 1st after the quarter; the year with the fourth quarter).
func postDay(q int) time.Time {
	if q == 0 {
		return model.NewDate(2027, 1, 1)
	}
	return model.QuarterEnd(2026, q).AddDate(0, 0, 1)
}

func noticePath(q int) string {
	if q == 0 {
		return "2026/annual/notice.pdf"
	}
	return "2026/q" + string(rune('0'+q)) + "/notice.pdf"
}

func readFileIn(t *testing.T, elem ...string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(elem...))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// archived is the PDF of the record of period q posted on postDay(q).
func archived(t *testing.T, cfg Config, q int) []byte {
	t.Helper()
	return readFileIn(t, cfg.Data, "2026", model.ArchiveDir, model.RecordName(2026, q, model.PostNotice, postDay(q), 1)+".pdf")
}

// TestPostArchivesWhatBuildPublishes: jifen post archives each notice byte
// for byte as the build made it, and the build then publishes the archived
// PDF as the period's notice and under its posting name; a second post
// writes nothing.
func TestPostArchivesWhatBuildPublishes(t *testing.T) {
	cfg, built := postedBranch(t)
	for q, b := range built {
		if !bytes.Equal(archived(t, cfg, q), b) {
			t.Errorf("period %d: the archived PDF is not the notice the build made", q)
		}
	}
	res, err := Post(context.Background(), PostConfig{Data: cfg.Data, Year: 2026, Period: 2, AsOf: cfg.AsOf, Clock: cfg.Clock})
	if err != nil || res.Unchanged == nil || len(res.Written) != 0 {
		t.Errorf("a second post: %v %+v", err, res)
	}
	if rep, err := Build(context.Background(), cfg); err != nil || rep.Failed() {
		t.Fatalf("Build = %v %v", err, rep.Findings)
	}
	for _, q := range []int{1, 2, 3, 4, 0} {
		want := archived(t, cfg, q)
		name := "公示-" + postDay(q).Format("20060102") + ".pdf"
		if !bytes.Equal(readFileIn(t, cfg.Out, noticePath(q)), want) ||
			!bytes.Equal(readFileIn(t, cfg.Out, strings.Replace(noticePath(q), "notice.pdf", name, 1)), want) {
			t.Errorf("period %d: the site does not publish the archived PDF", q)
		}
	}
	// The quarter's bundle carries its record and names it in its summary.
	zip := unzipAll(t, readFileIn(t, cfg.Reports, "2026", "备案", "中共测试局机关第三党支部-2026-Q1.zip"))
	rec := readFileIn(t, cfg.Data, "2026", model.ArchiveDir, model.RecordName(2026, 1, model.PostNotice, postDay(1), 1)+".json")
	if !bytes.Equal(zip["record-20260401.json"], rec) || !bytes.Equal(zip[filing.NoticeFile], archived(t, cfg, 1)) {
		t.Errorf("the Q1 bundle lacks its record or its posted notice: %v", keys(zip))
	}
	var sum filing.Summary
	if err := json.Unmarshal(zip[filing.SummaryFile], &sum); err != nil {
		t.Fatal(err)
	}
	if p := sum.Posting; p.State != "已定稿" || len(p.Records) != 1 || p.Records[0].File != "record-20260401.json" ||
		p.Records[0].Posted != "2026-04-01" || p.Records[0].Previous != nil {
		t.Errorf("summary posting = %+v", p)
	}
}

// TestPostedNoticeSurvivesLayoutChange: a later jifen that lays notices out
// differently (here: a larger title) never changes a posted notice — the
// site keeps publishing the archived bytes — while a notice not yet posted
// follows the new layout.
func TestPostedNoticeSurvivesLayoutChange(t *testing.T) {
	cfg, _ := postedBranch(t)
	defer func(pt float64) { pdf.NoticeTitlePt = pt }(pdf.NoticeTitlePt)
	pdf.NoticeTitlePt = 24

	// The same register without its archive: what this jifen lays out now.
	fresh := t.TempDir()
	copyTree(t, cfg.Data, filepath.Join(fresh, "data"))
	if err := os.RemoveAll(filepath.Join(fresh, "data", "2026", model.ArchiveDir)); err != nil {
		t.Fatal(err)
	}
	now := cfg
	now.Data, now.Out, now.Reports = filepath.Join(fresh, "data"), filepath.Join(fresh, "site"), filepath.Join(fresh, "reports")
	cfg.Out, cfg.Reports = filepath.Join(filepath.Dir(cfg.Out), "site2"), filepath.Join(filepath.Dir(cfg.Out), "reports2")
	for _, c := range []Config{cfg, now} {
		if rep, err := Build(context.Background(), c); err != nil || rep.Failed() {
			t.Fatalf("Build = %v %v", err, rep.Findings)
		}
	}
	for q := 1; q <= 4; q++ {
		posted := archived(t, cfg, q)
		if !bytes.Equal(readFileIn(t, cfg.Out, noticePath(q)), posted) {
			t.Errorf("Q%d: the posted notice changed with the layout", q)
		}
		if bytes.Equal(readFileIn(t, now.Out, noticePath(q)), posted) {
			t.Errorf("Q%d: the layout change did not change a notice made now: the test proves nothing", q)
		}
	}
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
