package archive

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
)

// FreeName names a new record of period q of year, of a kind, posted on a
// day: the first of RecordName's names (…-20260410, …-20260410-2, …) that
// names no file in the year's 公示存档 under dir yet.
func FreeName(dir string, year, q int, kind model.PostKind, posted time.Time) string {
	folder := filepath.Join(dir, model.ArchiveDir)
	for n := 1; ; n++ {
		name := model.RecordName(year, q, kind, posted, n)
		if !exists(filepath.Join(folder, name+".json")) && !exists(filepath.Join(folder, name+".pdf")) {
			return name
		}
		if n > 999 {
			return name + "-" + strconv.Itoa(n) // never reached by a branch; keeps the loop finite
		}
	}
}

// ExistsError is Write's refusal to replace a file of the archive.
type ExistsError struct {
	Path      string
	Different bool // a PDF of that name with other bytes
}

func (e *ExistsError) Error() string {
	if e.Different {
		return e.Path + " 已存在且内容不同，不会覆盖：请查明它的来历，必要时移出公示存档后重试"
	}
	return e.Path + " 已存在，不会覆盖"
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// Write archives record r (r.Name set) and the PDF it records into the 公示存档
// of the year folder dir, and returns the paths written. It never overwrites
// or deletes: the PDF goes first, then the record, each through a hidden
// temporary file that takes the final name only if that name is free. A PDF
// already there with exactly these bytes — left by a post that was
// interrupted before its record — is kept as it is. r's PDF size and
// SHA-256 are set from pdf.
func Write(dir string, r *model.Record, pdf []byte) ([]string, error) {
	folder := filepath.Join(dir, model.ArchiveDir)
	if err := os.MkdirAll(folder, 0o755); err != nil {
		return nil, fmt.Errorf("无法创建公示存档文件夹 %s：%w", folder, err)
	}
	sum := sha256.Sum256(pdf)
	r.PDFSize, r.PDFSHA256 = int64(len(pdf)), hex.EncodeToString(sum[:])
	js, err := Encode(r)
	if err != nil {
		return nil, err
	}
	pdfPath := filepath.Join(folder, r.Name+".pdf")
	jsonPath := filepath.Join(folder, r.Name+".json")
	if exists(jsonPath) {
		return nil, &ExistsError{Path: jsonPath}
	}
	var written []string
	if old, err := os.ReadFile(pdfPath); err == nil {
		if !bytes.Equal(old, pdf) {
			return nil, &ExistsError{Path: pdfPath, Different: true}
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("无法读取 %s：%w", pdfPath, err)
	} else {
		if err := createNew(pdfPath, pdf); err != nil {
			return nil, err
		}
		written = append(written, pdfPath)
	}
	if err := createNew(jsonPath, js); err != nil {
		return written, err
	}
	return append(written, jsonPath), nil
}

// createNew writes a new file at p, complete or not at all, never
// replacing one: the bytes go to a hidden temporary file beside it (which
// Read and the watcher skip), are synced, and the file is then linked to p,
// which fails if p exists. Where links are not supported (FAT and exFAT
// sticks), a rename after checking that p is free stands in.
func createNew(p string, data []byte) (err error) {
	tmp := filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+"."+strconv.Itoa(os.Getpid())+".tmp")
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("无法写入公示存档：%w", err)
	}
	defer func() {
		if rerr := os.Remove(tmp); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) && err == nil {
			err = rerr
		}
	}()
	if _, err = f.Write(data); err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("无法写入公示存档：%w", err)
	}
	lerr := os.Link(tmp, p)
	switch {
	case lerr == nil:
		return nil
	case errors.Is(lerr, fs.ErrExist), exists(p):
		return &ExistsError{Path: p}
	}
	if err := os.Rename(tmp, p); err != nil {
		return fmt.Errorf("无法写入公示存档：%w", err)
	}
	return nil
}
