package summary

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/jifen-dev/jifen/internal/load"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/sheet"
)

// ListFile is the superior's list of the branches that must report, at the
// root of the received folder (SPEC §10, 七(三)): one sheet, header
// 支部名称, optional 联系人 and 电话.
const ListFile = "支部名单.xlsx"

// Columns of ListFile. 电话 is read past and never shown: phone numbers
// stay out of every output.
const (
	ListName    = "支部名称"
	ListContact = "联系人"
	ListPhone   = "电话"
)

// MaxListed bounds the list: a province's 机关工委 has a few thousand
// branches; a list of more is a mistake (a register pasted in), and every
// listed branch costs a row in every period.
const (
	MaxListed   = 5000
	maxListSize = 16 << 20
)

// List is ListFile as read.
type List struct {
	File     string // as findings name it: 备案/支部名单.xlsx
	Branches []Listed
}

// Listed is one branch of the list.
type Listed struct {
	Name    string // quoted (model.Quote)
	Contact string // quoted
	Pos     model.Pos
}

// ReadList reads ListFile in dir through the workbook reader read
// (workbook.Read, given by the pipeline: summary links no xlsx library);
// shown is how findings name the folder (the --in as typed). It returns nil
// without a list. A list that cannot be used is an error finding: the
// superior relies on it to see who did not report.
func ReadList(dir, shown string, read func(name string, b []byte) (*sheet.Book, error)) (*List, model.Findings) {
	var out model.Findings
	file := filepath.ToSlash(filepath.Join(shown, ListFile))
	at := model.Pos{File: file}
	b, err := readList(filepath.Join(dir, ListFile))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case err != nil:
		out.Errorf(at, "%s", err.Error())
		return nil, out
	}
	book, err := read(file, b)
	if err != nil {
		out.Errorf(at, "%s", err.Error())
		return nil, out
	}
	var ws *sheet.Sheet
	for i := range book.Sheets {
		s := &book.Sheets[i]
		if s.Hidden || s.Helper || s.Problem != "" {
			continue
		}
		if ws == nil {
			ws = s
		} else if len(s.Rows) > 0 {
			out.Infof(model.Pos{File: file, Sheet: s.Name}, "支部名单只读取第一个工作表「%s」，本工作表未读取", ws.Name)
		}
	}
	if ws == nil {
		out.Errorf(at, "没有可读取的工作表：支部名单应有一个工作表，表头为 支部名称（可另有 联系人、电话）")
		return nil, out
	}
	list := &List{File: file}
	lim := &model.Limiter{List: &out}
	head, cols := -1, map[string]int{}
	for r, row := range ws.Rows {
		if r >= 10 {
			break
		}
		for c, v := range row {
			if k := load.HeaderKey(v); k == ListName || k == ListContact || k == ListPhone {
				if _, dup := cols[k]; !dup {
					cols[k] = c
				}
			}
		}
		if _, ok := cols[ListName]; ok {
			head = r
			break
		}
		clear(cols)
	}
	if head < 0 {
		out.Errorf(model.Pos{File: file, Sheet: ws.Name}, "没有找到表头「%s」：第一行应为 支部名称（可另有 联系人、电话），每行一个必须报送的支部", ListName)
		return nil, out
	}
	seen := map[string]int{}
	for r := head + 1; r < len(ws.Rows); r++ {
		row := ws.Rows[r]
		cell := func(h string) string {
			c, ok := cols[h]
			if !ok || c >= len(row) {
				return ""
			}
			return row[c]
		}
		name := cell(ListName)
		pos := model.Pos{File: file, Sheet: ws.Name, Row: r + 1, Col: cols[ListName] + 1}
		if name == "" {
			if cell(ListContact) != "" || cell(ListPhone) != "" {
				lim.Warnf(pos, "缺少支部名称，本行未读取")
			}
			continue
		}
		key := BranchKey(model.Quote(name))
		if first, dup := seen[key]; dup {
			lim.Warnf(pos, "支部「%s」与第 %d 行重复，只计一次", name, first)
			continue
		}
		if len(list.Branches) == MaxListed {
			out.Errorf(pos, "支部名单超过 %d 个支部：请检查是否粘贴了其他表格", MaxListed)
			return nil, out
		}
		seen[key] = r + 1
		list.Branches = append(list.Branches, Listed{Name: model.Quote(name), Contact: model.Quote(cell(ListContact)), Pos: pos})
	}
	lim.Flush()
	if len(list.Branches) == 0 {
		out.Errorf(model.Pos{File: file, Sheet: ws.Name}, "支部名单中没有支部：请在「%s」列下每行填写一个必须报送的支部", ListName)
		return nil, out
	}
	return list, out
}

// readList reads the list, refusing what is not a plain file of sane
// size; errors other than a missing file are Chinese advice.
func readList(p string) ([]byte, error) {
	if fi, err := os.Lstat(p); err == nil && !fi.Mode().IsRegular() {
		return nil, errors.New("不是普通文件（可能是链接、设备或文件夹），未读取")
	}
	f, err := os.Open(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return nil, errors.New(openProblem(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	switch {
	case err != nil:
		return nil, errors.New(openProblem(err))
	case !fi.Mode().IsRegular():
		return nil, errors.New("不是普通文件，未读取")
	case fi.Size() > maxListSize:
		return nil, errors.New("文件过大，不像是支部名单：请只保留一个工作表，表头为 支部名称")
	}
	b, err := io.ReadAll(io.LimitReader(f, maxListSize+1))
	if err != nil {
		return nil, errors.New(openProblem(err))
	}
	return b, nil
}
