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
	"time"

	"github.com/jifen-dev/jifen/internal/filing"
)

// File is a bundle candidate found by Scan.
type File struct {
	Path    string // slash path as the user named the folder: 备案/2026/x.zip
	Abs     string // path to open
	Size    int64
	ModTime time.Time
}

// Scan finds bundle candidates under dir at any depth: every file named
// *.zip, and every file without an extension that starts like a zip (an
// e-mail client may save an attachment without it). Files with another
// extension are not bundles even when they are zips inside (.xlsx, .docx);
// hidden files and folders and office lock files are skipped. ignored
// counts the files passed over.
func Scan(dir string) (files []File, ignored int, err error) {
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil // an unreadable subfolder is skipped, not fatal
		}
		name := d.Name()
		if p != dir && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$")) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		ext := filepath.Ext(name)
		if !strings.EqualFold(ext, ".zip") && (ext != "" || !startsLikeZip(p)) {
			ignored++
			return nil
		}
		files = append(files, File{Path: filepath.ToSlash(p), Abs: p, Size: info.Size(), ModTime: info.ModTime()})
		return nil
	})
	return files, ignored, err
}

func startsLikeZip(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	return filing.LooksLikeZip(f)
}

// Verify checks one bundle and, when it is valid, extracts its notice (and
// the year's register) into out under branches/<BranchID>/, where the
// branch's page links them. A bundle that fails verification leaves nothing
// behind. The error is an I/O failure of out, not of the bundle.
func Verify(f File, out string) (*Received, error) {
	rc := &Received{Path: f.Path, Size: f.Size, ModTime: f.ModTime}
	in, err := os.Open(f.Abs)
	if err != nil {
		rc.Problem = &filing.Problem{Message: openProblem(err)}
		return rc, nil
	}
	defer in.Close()
	tmp := map[string]*os.File{}
	defer func() {
		for _, t := range tmp {
			t.Close()
			os.Remove(t.Name())
		}
	}()
	var werr error
	b, err := filing.Open(in, f.Size, path.Base(f.Path), func(name string, _ int64) io.Writer {
		if name != filing.NoticeFile && name != filing.RegisterFile {
			return nil
		}
		t, err := os.CreateTemp(out, ".extract-*.pdf")
		if err != nil {
			werr = err
			return nil
		}
		tmp[name] = t
		return t
	})
	var p *filing.Problem
	switch {
	case werr != nil:
		return nil, werr
	case errors.As(err, &p):
		rc.Problem = p
		return rc, nil
	case err != nil:
		return nil, err
	}
	d := NewDigest(b)
	for name, t := range tmp {
		if err := t.Close(); err != nil {
			return nil, err
		}
		rel := DocPath(d, name)
		dst := filepath.Join(out, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return nil, err
		}
		if err := os.Rename(t.Name(), dst); err != nil {
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

// DocPath is where a bundle's document goes in the output: named by the
// period and the bundle's content, so a correction does not overwrite the
// notice it corrects, and two copies of one bundle share one file.
func DocPath(d *Digest, file string) string {
	period := "year"
	if q := d.Quarter(); q > 0 {
		period = fmt.Sprintf("q%d", q)
	}
	return fmt.Sprintf("branches/%s/%d-%s-%s-%s", BranchID(d.Branch), d.Year, period, d.ContentHash[:8], file)
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
