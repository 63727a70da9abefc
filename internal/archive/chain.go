package archive

import (
	"sort"

	"github.com/jifen-dev/jifen/internal/model"
)

// Chain puts a year's records in the order of their chain (each names the
// SHA-256 of the one before; the first names none) and reports every break
// as an error at the record that shows it: a record whose predecessor is
// not in the folder (it was removed or rewritten), two records after the
// same one, or two first records. It returns the records it could place,
// oldest first. recs need SHA256 set; their order does not matter.
func Chain(recs []*model.Record) ([]*model.Record, model.Findings) {
	var fs model.Findings
	if len(recs) == 0 {
		return nil, nil
	}
	// A stable order for everything below: by recording time, then name.
	sorted := append([]*model.Record(nil), recs...)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i], sorted[j]
		if !a.RecordedAt.Equal(b.RecordedAt) {
			return a.RecordedAt.Before(b.RecordedAt)
		}
		return a.Name < b.Name
	})
	bySHA := map[string]*model.Record{}
	next := map[string][]*model.Record{} // previous SHA → the records after it
	var firsts []*model.Record
	for _, r := range sorted {
		if _, dup := bySHA[r.SHA256]; !dup {
			bySHA[r.SHA256] = r
		}
		if r.Previous == "" {
			firsts = append(firsts, r)
			continue
		}
		next[r.Previous] = append(next[r.Previous], r)
	}
	for _, r := range sorted {
		if r.Previous != "" && bySHA[r.Previous] == nil {
			fs.Errorf(pos(r), "它所接续的前一份记录（SHA-256 %s…）不在公示存档中：有记录被删除或改动过，公示记录不连续。请从备份恢复公示存档文件夹（jifen post 写入的文件不能删除或修改）", r.Previous[:12])
		}
	}
	for i, r := range firsts {
		if i > 0 {
			fs.Errorf(pos(r), "本年度已有第一份记录「%s」，这份记录却也没有前一份记录：公示存档中混入了另一份存档的记录，公示记录不连续。请从备份恢复公示存档文件夹", firsts[0].Name)
		}
	}
	for _, after := range next {
		for _, r := range after[1:] {
			fs.Errorf(pos(r), "与「%s」接在同一份记录之后，公示记录出现分叉：公示存档被改动过。请从备份恢复公示存档文件夹", after[0].Name)
		}
	}
	var out []*model.Record
	if len(firsts) == 0 {
		return nil, fs
	}
	seen := map[*model.Record]bool{}
	for r := firsts[0]; r != nil && !seen[r]; {
		seen[r] = true
		out = append(out, r)
		after := next[r.SHA256]
		if len(after) == 0 {
			break
		}
		r = after[0]
	}
	fs.Sort()
	return out, fs
}

// pos is where a finding about a record is reported: its file.
func pos(r *model.Record) model.Pos { return model.Pos{File: r.File} }

// Head is the SHA-256 of the year's newest record, the one a new record
// names as previous; "" for a year without records.
func Head(chain []*model.Record) string {
	if len(chain) == 0 {
		return ""
	}
	return chain[len(chain)-1].SHA256
}
