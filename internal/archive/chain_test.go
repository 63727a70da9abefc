package archive

import (
	"strings"
	"testing"

	"github.com/jifen-dev/jifen/internal/model"
)

// chainOf posts the first quarter, its correction and the second quarter,
// each after the one before.
func chainOf(t *testing.T) []*model.Record {
	br := newBranch()
	res := br.score(day(7, 10))
	a := post(t, res, 1, model.PostNotice, day(4, 3), nil)
	b := post(t, res, 1, model.PostCorrection, day(4, 10), a, model.Change{ID: "D001", Name: "张明", Investigation: "漏登"})
	c := post(t, res, 2, model.PostNotice, day(7, 3), b)
	return []*model.Record{a, b, c}
}

func names(rs []*model.Record) string {
	var s []string
	for _, r := range rs {
		s = append(s, r.Name)
	}
	return strings.Join(s, " ")
}

func TestChain(t *testing.T) {
	recs := chainOf(t)
	a, b, c := recs[0], recs[1], recs[2]
	want := names(recs)
	tests := []struct {
		name  string
		in    []*model.Record
		order string
		errs  []string // file: message part
	}{
		{"in order", []*model.Record{a, b, c}, want, nil},
		{"any order", []*model.Record{c, a, b}, want, nil},
		{"the middle one removed", []*model.Record{a, c}, names([]*model.Record{a}),
			[]string{c.File + ": 它所接续的前一份记录（SHA-256 " + b.SHA256[:12] + "…）不在公示存档中"}},
		{"the first one removed", []*model.Record{b, c}, "",
			[]string{b.File + ": 它所接续的前一份记录"}},
		{"a fork", []*model.Record{a, b, c, forked(t, c)}, want,
			[]string{"data/2026/公示存档/2026-Q2-公示-20260704.json: 与「2026-Q2-公示-20260703」接在同一份记录之后"}},
		{"two first records", []*model.Record{a, b, c, second(t)}, want,
			[]string{"data/2026/公示存档/2026-Q3-公示-20261005.json: 本年度已有第一份记录「2026-Q1-公示-20260403」"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, fs := Chain(tt.in)
			if names(got) != tt.order {
				t.Errorf("order = %s, want %s", names(got), tt.order)
			}
			errs := errorsOf(fs)
			if len(errs) != len(tt.errs) {
				t.Fatalf("errors = %q, want %d", errs, len(tt.errs))
			}
			for i, w := range tt.errs {
				if !strings.HasPrefix(errs[i], w) {
					t.Errorf("error %d = %q, want %s…", i, errs[i], w)
				}
			}
		})
	}
	if Head(recs) != c.SHA256 || Head(nil) != "" {
		t.Error("Head is not the newest record")
	}
}

// forked is a second record after the one c follows: a record made from
// an old copy of the archive.
func forked(t *testing.T, c *model.Record) *model.Record {
	res := newBranch().score(day(7, 10))
	f := post(t, res, 2, model.PostNotice, day(7, 4), nil)
	f.Previous = c.Previous // after the correction, like c
	f.RecordedAt = c.RecordedAt.Add(1)
	return f
}

// second starts a chain of its own.
func second(t *testing.T) *model.Record {
	res := newBranch().score(day(10, 10))
	return post(t, res, 3, model.PostNotice, day(10, 5), nil)
}
