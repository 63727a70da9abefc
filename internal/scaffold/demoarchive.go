package scaffold

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
)

// The demo's 公示存档 (SPEC §9, §11): 2025's quarters and year and all of
// 2026 posted, each on the day its notice says, and two 更正公示 — 2025's
// first quarter and 2026's third — each posted after the objection to the
// posted figures was answered. The records are not written by hand: the
// postings are replayed with `jifen post`'s own code (a Poster) on the
// register as it stood on each day, so the archive is exactly what a branch
// using jifen would hold.
//
// 2026's fourth quarter and year are posted too, in January 2027: the
// demo is a finished record (SPEC §9), and a build on any day after its
// postings shows them posted, never an overdue 待张贴 warning that time
// alone caused. A build before a posting's day does not see it (a record
// counts from the day it went up), so built in 2026 the demo still shows
// those periods as not yet ended.

// Poster records the posting of period q (0 = the year) of the register
// in the data folder data, as `jifen post` does on day date, with the
// clock on that day. The demo cannot call the pipeline itself (the
// pipeline's tests use this package), so its callers pass
// pipeline.PostAt.
type Poster func(ctx context.Context, data string, year, q int, date time.Time) error

// demoState is which objections to posted 公示 are answered in the
// register when a posting happens.
type demoState struct{ fixed2025, fixed2026 bool }

// demoPosting is one posting of the demo's history.
type demoPosting struct {
	year, q int
	date    time.Time
	state   demoState
}

// demoPostings is the demo's history, in order. The days are the notices'
// 公示日期 (and for the corrections, the day the objection was answered).
func demoPostings() []demoPosting {
	d := model.NewDate
	before, between, after := demoState{}, demoState{fixed2025: true}, demoState{true, true}
	return []demoPosting{
		{2025, 1, d(2025, 4, 3), before},
		{2025, 1, d(2025, 4, 7), between}, // 更正公示: 宋雨桐's January meeting
		{2025, 2, d(2025, 7, 3), between},
		{2025, 3, d(2025, 10, 5), between},
		{2025, 4, d(2026, 1, 5), between},
		{2025, 0, d(2026, 1, 16), between},
		{2026, 1, d(2026, 4, 3), between},
		{2026, 2, d(2026, 7, 3), between},
		{2026, 3, d(2026, 10, 5), between},
		{2026, 3, d(2026, 10, 8), after}, // 更正公示: 郑国栋's August 主题党日
		{2026, 4, d(2027, 1, 5), after},
		{2026, 0, d(2027, 1, 15), after},
	}
}

// demoArchive replays the demo's postings in a temporary folder and returns
// the 公示存档 files they wrote, as files of the demo.
func demoArchive(post Poster) ([]file, error) {
	tmp, err := os.MkdirTemp("", "jifen-demo-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	data := filepath.Join(tmp, "data")
	var state *demoState
	for _, p := range demoPostings() {
		if state == nil || *state != p.state {
			if err := writeDemoState(tmp, p.state); err != nil {
				return nil, err
			}
			s := p.state
			state = &s
		}
		if err := post(context.Background(), data, p.year, p.q, p.date); err != nil {
			return nil, fmt.Errorf("demo: post %d Q%d on %s: %w", p.year, p.q, model.DateString(p.date), err)
		}
	}
	var files []file
	for _, y := range []int{2025, 2026} {
		rel := path.Join("data", fmt.Sprint(y), model.ArchiveDir)
		entries, err := os.ReadDir(filepath.Join(tmp, filepath.FromSlash(rel)))
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			b, err := os.ReadFile(filepath.Join(tmp, filepath.FromSlash(rel), e.Name()))
			if err != nil {
				return nil, err
			}
			files = append(files, file{Path: path.Join(rel, e.Name()), Text: b})
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

// writeDemoState writes the demo's workbooks as they stood in a state into
// root/data, replacing those of the state before (the archive stays).
func writeDemoState(root string, s demoState) error {
	for _, y := range []int{2025, 2026} {
		dir := filepath.Join(root, "data", fmt.Sprint(y))
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".xlsx") {
				if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
					return err
				}
			}
		}
	}
	files := plan2025(s.fixed2025).files()
	files = append(files, plan2026(s.fixed2026).files()...)
	_, err := writeAll(root, files)
	return err
}
