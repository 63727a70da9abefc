package archive

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jifen-dev/jifen/internal/model"
)

// archived writes the chain of chainOf into a year folder through Write,
// each with a PDF of its own, and returns the folder and the records.
func archived(t *testing.T) (string, []*model.Record) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "2026")
	recs := chainOf(t)
	prev := ""
	for i, r := range recs {
		r.Previous = prev
		pdf := []byte("%PDF-1.4 notice " + r.Name)
		if _, err := Write(dir, r, pdf); err != nil {
			t.Fatal(err)
		}
		got, fs := Read(dir, 2026)
		if len(fs) > 0 || len(got) != i+1 {
			t.Fatalf("after writing %s: %d records, %q", r.Name, len(got), fs)
		}
		prev = got[i].SHA256
		recs[i] = got[i]
	}
	return dir, recs
}

func TestWriteRead(t *testing.T) {
	dir, recs := archived(t)
	if names(recs) != "2026-Q1-公示-20260403 2026-Q1-更正公示-20260410 2026-Q2-公示-20260703" {
		t.Errorf("chain = %s", names(recs))
	}
	want := filepath.ToSlash(dir) + "/公示存档/2026-Q1-公示-20260403.json"
	if recs[0].File != want || recs[0].PDF != strings.TrimSuffix(want, ".json")+".pdf" {
		t.Errorf("record at %s, PDF %s; want %s", recs[0].File, recs[0].PDF, want)
	}
	// Nothing is overwritten: the same name again is refused, the files stay.
	before := readDir(t, dir)
	r := *recs[0]
	if _, err := Write(dir, &r, []byte("%PDF other bytes")); err == nil || !strings.Contains(err.Error(), "已存在") {
		t.Errorf("second Write = %v, want 已存在，不会覆盖", err)
	}
	if after := readDir(t, dir); !equalTrees(before, after) {
		t.Error("a refused Write changed the archive")
	}
	// The next free name of a second correction the same day.
	if n := FreeName(dir, 2026, 1, model.PostCorrection, day(4, 10)); n != "2026-Q1-更正公示-20260410-2" {
		t.Errorf("FreeName = %s", n)
	}
}

// TestWriteAdoptsItsPDF: a post interrupted between the PDF and the record
// leaves the PDF; posting again keeps it (same bytes) and adds the record.
func TestWriteAdoptsItsPDF(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "2026")
	r := chainOf(t)[0]
	r.Previous = ""
	pdf := []byte("%PDF-1.4 notice")
	folder := filepath.Join(dir, model.ArchiveDir)
	os.MkdirAll(folder, 0o755)
	os.WriteFile(filepath.Join(folder, r.Name+".pdf"), pdf, 0o644)
	if _, fs := Read(dir, 2026); len(fs) != 1 || fs[0].Level != model.Warning || !strings.Contains(fs[0].Message, "可能是 jifen post 被中途打断留下的") {
		t.Errorf("an orphan PDF: %q", fs)
	}
	written, err := Write(dir, r, pdf)
	if err != nil || len(written) != 1 || !strings.HasSuffix(written[0], ".json") {
		t.Fatalf("Write = %v, %v; want the record only", written, err)
	}
	if _, fs := Read(dir, 2026); len(fs) != 0 {
		t.Errorf("after adopting: %q", fs)
	}
	r2 := *r
	r2.Name = FreeName(dir, 2026, 1, model.PostNotice, day(4, 4))
	os.WriteFile(filepath.Join(folder, r2.Name+".pdf"), []byte("%PDF other"), 0o644)
	if _, err := Write(dir, &r2, pdf); err == nil || !strings.Contains(err.Error(), "内容不同，不会覆盖") {
		t.Errorf("Write over a different PDF = %v", err)
	}
}

// TestReadDamage: every kind of damage is an error at the file, and what is
// not a record is named.
func TestReadDamage(t *testing.T) {
	tests := []struct {
		name string
		harm func(folder string, recs []*model.Record)
		want []string // file base: level message part
	}{
		{"a PDF changed", func(f string, rs []*model.Record) {
			os.WriteFile(filepath.Join(f, rs[1].Name+".pdf"), []byte("%PDF-1.4 re-laid out"), 0o644)
		}, []string{"2026-Q1-更正公示-20260410.pdf: 错误 与张贴记录「2026-Q1-更正公示-20260410.json」中的 SHA-256 不符"}},
		{"a PDF removed", func(f string, rs []*model.Record) { os.Remove(filepath.Join(f, rs[0].Name+".pdf")) },
			[]string{"2026-Q1-公示-20260403.json: 错误 对应的公示原件「2026-Q1-公示-20260403.pdf」不在公示存档中"}},
		{"a record removed", func(f string, rs []*model.Record) { os.Remove(filepath.Join(f, rs[1].Name+".json")) },
			[]string{"2026-Q2-公示-20260703.json: 错误 它所接续的前一份记录", // errors first (SPEC §3)
				"2026-Q1-更正公示-20260410.pdf: 警告 没有对应的张贴记录"}},
		{"a record rewritten", func(f string, rs []*model.Record) {
			p := filepath.Join(f, rs[0].Name+".json")
			b, _ := os.ReadFile(p)
			os.WriteFile(p, []byte(strings.Replace(string(b), `"total": "40"`, `"total": "46"`, 1)), 0o644)
		}, []string{"2026-Q1-更正公示-20260410.json: 错误 它所接续的前一份记录"}},
		{"a record cut short", func(f string, rs []*model.Record) {
			p := filepath.Join(f, rs[2].Name+".json")
			b, _ := os.ReadFile(p)
			os.WriteFile(p, b[:len(b)/2], 0o644)
		}, []string{"2026-Q2-公示-20260703.json: 错误 不是有效的张贴记录：无法解析"}},
		{"a record that is a folder", func(f string, rs []*model.Record) {
			os.Mkdir(filepath.Join(f, "2026-Q3-公示-20261005.json"), 0o755)
		}, []string{"2026-Q3-公示-20261005.json: 警告 公示存档中的文件夹"}},
		{"other files", func(f string, rs []*model.Record) {
			os.WriteFile(filepath.Join(f, "说明.docx"), []byte("x"), 0o644)
			os.WriteFile(filepath.Join(f, "~$说明.docx"), []byte("x"), 0o644) // a lock file: never mentioned
			os.WriteFile(filepath.Join(f, ".2026-Q3.json.123.tmp"), []byte("x"), 0o644)
		}, []string{"说明.docx: 警告 「说明.docx」不是张贴记录，已忽略"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, recs := archived(t)
			folder := filepath.Join(dir, model.ArchiveDir)
			tt.harm(folder, recs)
			_, fs := Read(dir, 2026)
			var got []string
			for _, f := range fs {
				got = append(got, filepath.Base(f.Pos.File)+": "+f.Level.Label()+" "+f.Message)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("findings = %q, want %d", got, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("finding %d = %q, want %s…", i, got[i], w)
				}
			}
		})
	}
}

// TestReadBounds: the folder is read within bounds.
func TestReadBounds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "2026")
	if recs, fs := Read(dir, 2026); recs != nil || fs != nil {
		t.Errorf("no folder: %v %q", recs, fs)
	}
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, model.ArchiveDir), []byte("x"), 0o644)
	if _, fs := Read(dir, 2026); len(fs) != 1 || !strings.Contains(fs[0].Message, "应是存放张贴记录的文件夹") {
		t.Errorf("a file in its place: %q", fs)
	}
	os.Remove(filepath.Join(dir, model.ArchiveDir))
	folder := filepath.Join(dir, model.ArchiveDir)
	os.Mkdir(folder, 0o755)
	for i := 0; i <= MaxFiles; i++ {
		os.WriteFile(filepath.Join(folder, fmt.Sprintf("f%04d.json", i)), nil, 0o644)
	}
	if _, fs := Read(dir, 2026); len(fs) != 1 || !strings.Contains(fs[0].Message, "超过 1000 个的上限") {
		t.Errorf("too many files: %d findings", len(fs))
	}
}

func readDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			out[p] = string(b)
		}
		return nil
	})
	return out
}

func equalTrees(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
