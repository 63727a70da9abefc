package archive

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/jifen-dev/jifen/internal/load"
	"github.com/jifen-dev/jifen/internal/model"
)

// Bounds of a year's 公示存档: a record of a city's 20,000 members is about
// 4 MB and its notice a few MB; a branch posts a handful of times a year.
const (
	MaxRecordSize = 32 << 20
	MaxPDFSize    = 64 << 20
	MaxFiles      = 1000
)

// Read reads the 公示存档 folder of one year folder (dir as the user named
// it; year its year) and returns the year's records in chain order (Chain)
// with the findings: every file that cannot be read, a record that is not
// valid, a PDF that does not match its record's SHA-256, a missing PDF and
// a broken chain are errors at the file. A year without the folder has no
// records. Lock, hidden and temporary files are skipped; anything else that
// is not a record and its PDF is named in a warning.
func Read(dir string, year int) ([]*model.Record, model.Findings) {
	var found model.Findings
	folder := filepath.Join(dir, model.ArchiveDir)
	slash := path.Join(filepath.ToSlash(dir), model.ArchiveDir)
	fi, err := os.Stat(folder)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case err != nil:
		found.Errorf(model.Pos{File: slash}, "公示存档文件夹无法读取（%v），无法核对已张贴的公示", err)
		return nil, found
	case !fi.IsDir():
		found.Errorf(model.Pos{File: slash}, "「%s」应是存放张贴记录的文件夹，却是一个文件：请把它移走（公示存档文件夹由 jifen post 创建）", model.ArchiveDir)
		return nil, found
	}
	entries, err := os.ReadDir(folder)
	if err != nil {
		found.Errorf(model.Pos{File: slash}, "公示存档文件夹无法读取（%v），无法核对已张贴的公示", err)
		return nil, found
	}
	if len(entries) > MaxFiles {
		found.Errorf(model.Pos{File: slash}, "公示存档文件夹中有 %d 个文件，超过 %d 个的上限，未读取：请只保留 jifen post 写入的记录和 PDF", len(entries), MaxFiles)
		return nil, found
	}
	names := map[string]bool{}
	var jsons []string
	for _, e := range entries {
		name := e.Name()
		p := model.Pos{File: path.Join(slash, name)}
		switch {
		case skipped(name):
		case e.IsDir():
			found.Warnf(p, "公示存档中的文件夹「%s」不是张贴记录，已忽略", name)
		case strings.HasSuffix(name, ".json"):
			jsons = append(jsons, name)
			names[name] = true
		case strings.HasSuffix(name, ".pdf"):
			names[name] = true
		default:
			found.Warnf(p, "「%s」不是张贴记录，已忽略：公示存档只存放 jifen post 写入的记录（.json）和公示原件（.pdf）", name)
		}
	}
	sort.Strings(jsons)
	var recs []*model.Record
	for _, name := range jsons {
		file := path.Join(slash, name)
		b, err := load.ReadRegular(filepath.Join(folder, name), MaxRecordSize, "记录文件")
		if err != nil {
			found.Errorf(model.Pos{File: file}, "%v：无法核对已张贴的公示，请从备份恢复该文件", err)
			continue
		}
		r, err := Decode(name, year, b)
		if err != nil {
			found.Errorf(model.Pos{File: file}, "不是有效的张贴记录：%v。公示存档中的文件只能由 jifen post 写入，请从备份恢复该文件", err)
			continue
		}
		sum := sha256.Sum256(b)
		r.SHA256 = hex.EncodeToString(sum[:])
		r.File = file
		r.PDF = path.Join(slash, r.Name+".pdf")
		if !names[r.Name+".pdf"] {
			found.Errorf(model.Pos{File: file}, "对应的公示原件「%s.pdf」不在公示存档中：请从备份恢复该文件", r.Name)
		} else if msg := CheckPDF(filepath.Join(folder, r.Name+".pdf"), r); msg != "" {
			found.Errorf(model.Pos{File: r.PDF}, "%s", msg)
		}
		recs = append(recs, r)
	}
	for name := range names {
		if strings.HasSuffix(name, ".pdf") && !names[strings.TrimSuffix(name, ".pdf")+".json"] {
			found.Warnf(model.Pos{File: path.Join(slash, name)}, "没有对应的张贴记录「%s.json」（可能是 jifen post 被中途打断留下的）：重新运行 jifen post 即可补上记录；如不是张贴的原件，请把它移出公示存档", strings.TrimSuffix(name, ".pdf"))
		}
	}
	chain, cfs := Chain(recs)
	found = append(found, cfs...)
	found.Sort()
	return chain, found
}

// CheckPDF reads an archived PDF and compares it with its record: "" when
// it is the file that was posted, else the Chinese reason it is not.
func CheckPDF(file string, r *model.Record) string {
	b, err := load.ReadRegular(file, MaxPDFSize, "公示原件")
	if err != nil {
		return err.Error() + "：请从备份恢复该文件"
	}
	if msg := Matches(b, r); msg != "" {
		return msg
	}
	return ""
}

// Matches compares a PDF's bytes with the size and SHA-256 its record
// names: "" when they match, else why not.
func Matches(b []byte, r *model.Record) string {
	sum := sha256.Sum256(b)
	if int64(len(b)) != r.PDFSize || hex.EncodeToString(sum[:]) != r.PDFSHA256 {
		return "与张贴记录「" + r.Name + ".json」中的 SHA-256 不符：张贴的原件被改动过或已损坏，已张贴的公示必须原样保存，请从备份恢复该文件"
	}
	return ""
}

// skipped reports names never read: office lock and temporary files,
// hidden files (jifen post's own temporary files start with a dot).
func skipped(name string) bool {
	l := strings.ToLower(name)
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~") ||
		strings.HasSuffix(l, ".tmp") || strings.HasSuffix(name, "#")
}

// SHA256 is the lower-case hex SHA-256 of b, as records name files.
func SHA256(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
