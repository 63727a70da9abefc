// Package scaffold writes new registers: the blank templates of `jifen init`,
// the demo register of `jifen init --demo` (SPEC §9) and the next year's
// register of `jifen new-year`. It never overwrites: every target is checked
// before the first byte is written.
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/workbook"
)

// file is one output: a workbook (Tables) or a text file (Text).
type file struct {
	Path   string // relative to the root, slash-separated
	Tables []workbook.Table
	Text   []byte
}

// InitDemo creates the demo register (2025 and 2026, data/pages) in
// root/data with its 公示存档: the postings of its history replayed with
// post (demoarchive.go). It returns the files created; nothing is written
// when any of them exists, or when a posting fails.
func InitDemo(root string, post Poster) ([]string, error) {
	records, err := demoArchive(post)
	if err != nil {
		return nil, err
	}
	return writeAll(root, append(demoFiles(), records...))
}

// Init creates root/data/<year>/ with blank templates or, with demo, the
// demo's workbooks and pages without its 公示存档 (InitDemo adds it). It
// returns the files created.
func Init(root string, year int, demo bool) ([]string, error) {
	var files []file
	if demo {
		files = demoFiles()
	} else {
		if year < 1921 || year > 9999 {
			return nil, fmt.Errorf("年度 %d 无效", year)
		}
		files = templateFiles(year)
	}
	return writeAll(root, files)
}

// writeAll checks that no target exists, then writes every file. If a write
// fails midway the files written so far are removed again.
func writeAll(root string, files []file) ([]string, error) {
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f.Path))
		if _, err := os.Lstat(p); err == nil {
			return nil, fmt.Errorf("%s 已存在，不会覆盖；请换一个目录或先移走该文件", p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	var done []string
	undo := func() {
		for _, p := range done {
			os.Remove(p)
		}
	}
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			undo()
			return nil, err
		}
		var err error
		if f.Tables != nil {
			err = workbook.WriteBook(p, f.Tables)
		} else {
			err = writeNew(p, f.Text)
		}
		if err != nil {
			undo()
			return nil, err
		}
		done = append(done, p)
	}
	return done, nil
}

func writeNew(p string, b []byte) error {
	out, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := out.Write(b); err != nil {
		out.Close()
		os.Remove(p)
		return err
	}
	return out.Close()
}

// settingsTable writes 设置 as 项目 | 值 | 说明 (model.SettingItems; the
// third column is ignored by the reader). Value cells with a fixed
// vocabulary get a dropdown.
func settingsTable(s model.Settings, title string) workbook.Table {
	t := table(model.KindSettings, title)
	t.CellChoices = map[string][]string{}
	first := 2
	if title != "" {
		first = 3
	}
	for i, st := range model.SettingItems {
		t.Rows = append(t.Rows, settingLayout.row(st.Key, st.Value(&s), st.Note))
		if opts := st.Options(); len(opts) > 0 {
			t.CellChoices[fmt.Sprintf("%s%d", model.ColumnName(model.SettingValue.Index()+1), first+i)] = opts
		}
	}
	t.InputRows = len(t.Rows)
	return t
}

// blankSettings are the template's settings: defaults, publication dates
// left blank so the defaults apply.
func blankSettings(year int) model.Settings {
	s := model.DefaultSettings(year)
	s.PublicationStart = [4]time.Time{}
	return s
}
