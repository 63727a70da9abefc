package summary

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jifen-dev/jifen/internal/filing"
)

// File is a bundle candidate found by Scan.
type File struct {
	Path    string // slash path inside the scanned folder: 2026/x.zip
	Abs     string // path to open
	Size    int64
	ModTime time.Time
}

// ScanResult is what Scan found in the received folder.
type ScanResult struct {
	Files   []File
	Ignored int // other files passed over
	// Unzipped lists folders (slash paths inside the scanned folder, "."
	// for the folder itself) that hold a manifest.json and a summary.json:
	// a bundle someone unzipped, which cannot be verified as it is.
	Unzipped []string
}

// Scan finds bundle candidates under dir at any depth: every file named
// *.zip, and every file without an extension that starts like a zip (an
// e-mail client may save an attachment without it). Files with another
// extension are not bundles even when they are zips inside (.xlsx, .docx);
// hidden files and folders and office lock files are skipped, and so is
// the list of branches (ListFile). dir may itself be a symbolic link (a
// shared folder linked into the home folder); links inside it are not
// followed.
func Scan(dir string) (ScanResult, error) {
	var res ScanResult
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return res, err
	}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root {
				return err
			}
			return nil // an unreadable subfolder is skipped, not fatal
		}
		name := d.Name()
		if p != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$")) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return nil
		}
		rel = filepath.ToSlash(rel)
		if !d.Type().IsRegular() {
			return nil
		}
		if name == filing.ManifestFile {
			if _, err := os.Lstat(filepath.Join(filepath.Dir(p), filing.SummaryFile)); err == nil {
				res.Unzipped = append(res.Unzipped, path.Dir(rel))
			}
		}
		if rel == ListFile {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		ext := filepath.Ext(name)
		if !strings.EqualFold(ext, ".zip") && (ext != "" || !startsLikeZip(p)) {
			res.Ignored++
			return nil
		}
		res.Files = append(res.Files, File{Path: rel, Abs: p, Size: info.Size(), ModTime: info.ModTime()})
		return nil
	})
	return res, err
}

func startsLikeZip(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	return filing.LooksLikeZip(f)
}

// Limits on what the documents of the bundles may write into the output:
// the superior's site must not grow by what a 400 KB zip claims (a 256 MB
// "notice"). A real notice is tens of kilobytes, a register of 2,000
// members a few megabytes; 500 branches send well under 100 MB a year.
const (
	MaxDocument = 64 << 20 // one extracted document
	MaxOutput   = 1 << 30  // all documents extracted in one run
)

// Budget is what may still be extracted in this run; safe for concurrent use.
type Budget struct{ left atomic.Int64 }

// NewBudget allows n bytes.
func NewBudget(n int64) *Budget {
	b := &Budget{}
	b.left.Store(n)
	return b
}

// Take reserves n bytes, reporting whether they were still available.
func (b *Budget) Take(n int64) bool {
	if b.left.Add(-n) >= 0 {
		return true
	}
	b.left.Add(n)
	return false
}

// Give returns n bytes taken.
func (b *Budget) Give(n int64) { b.left.Add(n) }

// Verify checks one bundle and, when it is valid, extracts its notice (and
// the year's register) into out under branches/<BranchFolder>/, where the
// branch's page links them, readable by everyone (the superior's web
// server). A document above MaxDocument or beyond the budget stays in the
// bundle (Received.Skipped says so). A bundle that fails verification
// leaves nothing behind. The error is an I/O failure of out, not of the
// bundle.
func Verify(f File, out string, budget *Budget) (*Received, error) {
	rc := &Received{Path: f.Path, Size: f.Size, ModTime: f.ModTime}
	in, err := os.Open(f.Abs)
	if err != nil {
		rc.Problem = &filing.Problem{Message: openProblem(err)}
		return rc, nil
	}
	defer in.Close()
	type extracted struct {
		f    *os.File
		size int64
	}
	tmp := map[string]*extracted{}
	defer func() {
		for _, t := range tmp {
			t.f.Close()
			os.Remove(t.f.Name())
			budget.Give(t.size)
		}
	}()
	var werr error
	b, err := filing.Open(in, f.Size, path.Base(f.Path), func(name string, size int64) io.Writer {
		what := map[string]string{filing.NoticeFile: "公示通知", filing.RegisterFile: "年度综合积分登记表"}[name]
		switch {
		case what == "":
			return nil
		case size > MaxDocument:
			rc.Skipped = append(rc.Skipped, fmt.Sprintf("%s（%s）超过单个文件 %d MB 的上限，未复制到汇总网站，请直接查看备案包", what, mb(size), MaxDocument>>20))
			return nil
		case !budget.Take(size):
			rc.Skipped = append(rc.Skipped, fmt.Sprintf("%s（%s）未复制到汇总网站：本次汇总复制的文件已达 %d MB 的上限，请直接查看备案包", what, mb(size), MaxOutput>>20))
			return nil
		}
		t, err := os.CreateTemp(out, ".extract-*.pdf")
		if err == nil {
			err = t.Chmod(0o644) // CreateTemp makes 0600: the web server could not read it
		}
		if err != nil {
			werr = err
			budget.Give(size)
			return nil
		}
		tmp[name] = &extracted{t, size}
		return t
	})
	var p *filing.Problem
	switch {
	case werr != nil:
		return nil, werr
	case errors.As(err, &p):
		rc.Problem, rc.Skipped = p, nil
		return rc, nil
	case err != nil:
		return nil, err
	}
	d := NewDigest(b)
	for name, t := range tmp {
		if err := t.f.Close(); err != nil {
			return nil, err
		}
		rel := DocPath(d, name)
		dst := filepath.Join(out, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return nil, err
		}
		if err := os.Rename(t.f.Name(), dst); err != nil {
			return nil, err
		}
		delete(tmp, name)
		if name == filing.NoticeFile {
			d.Notice = rel
		} else {
			d.Register = rel
		}
	}
	rc.Digest = d
	return rc, nil
}

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

// DocPath is where a bundle's document goes in the output: in its branch's
// folder, named by the period and the bundle's content, so a correction
// does not overwrite the notice it corrects, and two copies of one bundle
// share one file.
func DocPath(d *Digest, file string) string {
	period := "year"
	if q := d.Quarter(); q > 0 {
		period = fmt.Sprintf("q%d", q)
	}
	return fmt.Sprintf("branches/%s/%d-%s-%s-%s", BranchFolder(d.Branch), d.Year, period, d.ContentHash[:8], file)
}

// openProblem words why a bundle found by the scan could not be opened. The
// OS's own text is English and names paths the superior cannot act on.
func openProblem(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "文件在汇总时已被移走或删除，请确认后重新汇总"
	case errors.Is(err, fs.ErrPermission):
		return "没有读取此文件的权限，请检查文件权限后重新汇总"
	}
	return "无法读取（磁盘或网络共享出错），请稍后重新汇总"
}
