package load

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/sheet"
	"golang.org/x/sync/errgroup"
)

// DefaultMaxFileSize is the largest workbook read when Options.MaxFileSize is 0.
const DefaultMaxFileSize = 64 << 20

// Options tunes one Load.
type Options struct {
	// Read parses one workbook's bytes (name is for messages); errors are
	// *sheet.FileError. It is workbook.Read, given by whoever wires the
	// stages, so that load itself links no xlsx library.
	Read        func(name string, b []byte) (*sheet.Book, error)
	Cache       *Cache // may be nil; when set, files whose bytes (sha256) did not change are not re-parsed
	MaxFileSize int64  // 0 = DefaultMaxFileSize; larger files → error finding, not read
}

// Data is what Load read.
type Data struct {
	Register  *model.Register
	Findings  model.Findings // sorted
	Transient []string       // files caught half-saved (a *BusyError each): the watcher retries these
	Files     int            // workbooks read
}

// Cache keeps parsed workbooks between builds, keyed by path and checked by
// the SHA-256 of the bytes. It is safe for one Load at a time (a watcher's
// single build goroutine); concurrent Loads sharing a Cache are also safe
// but may parse the same file twice.
type Cache struct {
	mu    sync.Mutex
	files map[string]cached
}

type cached struct {
	sum  [32]byte
	book *sheet.Book
	err  error
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]cached{}} }

func (c *Cache) get(path string, sum [32]byte) (cached, bool) {
	if c == nil {
		return cached{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.files[path]
	return e, ok && e.sum == sum
}

func (c *Cache) put(path string, e cached) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.files[path] = e
}

// prune forgets files that no longer exist, so a long watch does not keep
// deleted workbooks in memory.
func (c *Cache) prune(seen map[string]bool) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for p := range c.files {
		if !seen[p] {
			delete(c.files, p)
		}
	}
}

// Load reads every year folder (name = 4 digits) of dataDir and
// dataDir/pages/*.md, and hands each year's workbooks to ParseYear. The
// error is for internal I/O failures only (the folder cannot be listed; a
// *BusyError when a folder vanished mid-save); data problems are findings.
func Load(dataDir string, opts Options) (*Data, error) {
	if opts.Read == nil {
		return nil, errors.New("load: no workbook reader (Options.Read)")
	}
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	d := &Data{Register: &model.Register{}}
	entries, err := os.ReadDir(dataDir)
	if err != nil {
		return nil, fmt.Errorf("read data folder: %w", err)
	}
	var years []int
	for _, e := range entries {
		if len(e.Name()) != 4 || !allDigits(e.Name()) {
			continue
		}
		if !e.IsDir() {
			// A year kept on a shared drive is often a link (ln -s, mklink
			// /D, a Windows junction): follow it, or say why not.
			if !yearLink(dataDir, e, &d.Findings) {
				continue
			}
		}
		y, _ := strconv.Atoi(e.Name())
		years = append(years, y)
	}
	sort.Ints(years)
	seen := map[string]bool{}
	for _, y := range years {
		dir := filepath.Join(dataDir, strconv.Itoa(y))
		yr, err := d.loadYear(dir, y, opts, seen)
		if err != nil {
			return nil, err
		}
		if yr == nil { // unreadable, and said so
			continue
		}
		d.Register.Years = append(d.Register.Years, yr)
	}
	opts.Cache.prune(seen)
	pages, err := loadPages(filepath.Join(dataDir, "pages"), &d.Findings)
	if err != nil {
		return nil, err
	}
	d.Register.Pages = pages
	if len(d.Register.Years) == 0 {
		// Never a clean exit on nothing: a wrong --data or a year folder on
		// a share that is not connected must not look like a valid register.
		d.Findings.Errorf(model.Pos{File: filepath.ToSlash(dataDir)},
			"数据目录中没有可读取的年度文件夹（以四位年份命名，如 2026），没有可以校验的登记簿：请检查 --data 是否指向数据目录，或用 jifen init 新建登记簿")
	}
	d.Findings.Sort()
	sort.Strings(d.Transient)
	return d, nil
}

// yearLink reports whether a year-named entry that is not a plain folder
// leads to one (a symbolic link or junction); when it does not, it says so.
func yearLink(dataDir string, e fs.DirEntry, fs_ *model.Findings) bool {
	p := filepath.Join(dataDir, e.Name())
	pos := model.Pos{File: filepath.ToSlash(p)}
	if e.Type()&fs.ModeSymlink == 0 && e.Type()&fs.ModeIrregular == 0 {
		fs_.Warnf(pos, "%s 是文件而不是年度文件夹，已忽略", e.Name())
		return false
	}
	fi, err := os.Stat(p)
	switch {
	case err == nil && fi.IsDir():
		return true
	case err == nil:
		fs_.Errorf(pos, "年度文件夹 %s 是一个链接，但指向的不是文件夹，未读取：请让它指向该年度的文件夹", e.Name())
	case errors.Is(err, fs.ErrNotExist):
		target, _ := os.Readlink(p)
		fs_.Errorf(pos, "年度文件夹 %s 是一个链接，但它指向的「%s」不存在或无法访问（网络共享未连接？），未读取", e.Name(), target)
	default:
		fs_.Errorf(pos, "年度文件夹 %s 是一个链接，但无法访问它指向的文件夹（%s），未读取", e.Name(), readProblem("该文件夹", err, 0, 0))
	}
	return false
}

// Skipped reports whether a file name is a lock, temporary or hidden file
// that is never read: ~$x.xlsx (Excel/WPS owner file), .~lock.x.xlsx#
// (LibreOffice), ~x, .x, x.tmp, x.bak.
func Skipped(name string) bool {
	l := strings.ToLower(name)
	return strings.HasPrefix(name, "~") || strings.HasPrefix(name, ".") ||
		strings.HasSuffix(l, ".tmp") || strings.HasSuffix(l, ".bak") || strings.HasSuffix(name, "#")
}

// fileResult is one workbook read (or refused).
type fileResult struct {
	path string // slash form, for positions
	book *sheet.Book
	err  error // *sheet.FileError, a *BusyError, or a size/IO finding
}

// loadYear reads one year folder's workbooks, reports the files it cannot
// read, and parses the rest with ParseYear.
func (d *Data) loadYear(dir string, year int, opts Options, seen map[string]bool) (*model.Year, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if b := Busy(filepath.ToSlash(dir), err); b != nil {
			return nil, b
		}
		d.Findings.Errorf(model.Pos{File: filepath.ToSlash(dir)}, "年度文件夹%s", readProblem("", err, 0, 0))
		return nil, nil
	}
	var paths []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || Skipped(name) {
			continue
		}
		p := filepath.Join(dir, name)
		pos := model.Pos{File: filepath.ToSlash(p)}
		if msg, ok := sheet.LegacyExt(name); ok {
			d.Findings.Errorf(pos, "%s", msg)
			continue
		}
		if strings.EqualFold(filepath.Ext(name), ".xlsx") {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	results := make([]fileResult, len(paths))
	// Two files at a time roughly halves the wall time on two cores
	// (PITFALLS §7); results keep file-name order. The first internal
	// failure cancels the files not yet started.
	for _, p := range paths {
		seen[p] = true
	}
	g, ctx := errgroup.WithContext(context.Background())
	g.SetLimit(max(1, min(runtime.GOMAXPROCS(0), 4)))
	for i, p := range paths {
		if ctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			var err error
			results[i], err = readFile(p, opts)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	var files []File
	for _, r := range results {
		pos := model.Pos{File: r.path}
		if busy := (*BusyError)(nil); errors.As(r.err, &busy) {
			d.Findings.Errorf(pos, "%s", busy.Message())
			d.Transient = append(d.Transient, r.path)
			continue
		}
		if r.err != nil {
			d.Findings.Errorf(pos, "%s", r.err.Error())
			continue
		}
		d.Files++
		files = append(files, File{Path: r.path, Book: r.book})
	}
	yr, fs := ParseYear(year, filepath.ToSlash(dir), files)
	d.Findings = append(d.Findings, fs...)
	return yr, nil
}

// readFile reads one workbook's bytes once, hashes them and parses from
// memory. The returned error is an internal I/O failure; a file that
// cannot be parsed is reported through fileResult.err.
func readFile(p string, opts Options) (fileResult, error) {
	r := fileResult{path: filepath.ToSlash(p)}
	b, size, err := readRegular(p, opts.MaxFileSize)
	if err != nil {
		if b := Busy(r.path, err); b != nil { // gone, or Excel holds it while saving
			r.err = b
			return r, nil
		}
		// Permissions, FIFOs, sizes and the like do not fix themselves: no retry.
		r.err = errors.New(readProblem("文件", err, size, opts.MaxFileSize))
		return r, nil
	}
	sum := sha256.Sum256(b)
	if e, ok := opts.Cache.get(p, sum); ok {
		r.book, r.err = e.book, e.err
		return r, nil
	}
	r.book, r.err = opts.Read(p, b)
	if busy := Busy(r.path, r.err); busy != nil {
		r.err = busy // a truncated zip: caught mid-save, read again next time
		return r, nil
	}
	opts.Cache.put(p, cached{sum: sum, book: r.book, err: r.err})
	return r, nil
}

func mb(n int64) string {
	return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64)
}

// maxPageSize bounds a Markdown page of pages/.
const maxPageSize = 4 << 20

// loadPages reads dir/*.md sorted by name; a missing folder is no pages.
func loadPages(dir string, fs_ *model.Findings) ([]model.Page, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read pages folder: %w", err)
	}
	var pages []model.Page
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || Skipped(name) || !strings.EqualFold(filepath.Ext(name), ".md") {
			continue
		}
		b, size, err := readRegular(filepath.Join(dir, name), maxPageSize)
		if err != nil {
			if busy := Busy(filepath.ToSlash(filepath.Join(dir, name)), err); busy != nil {
				return nil, busy
			}
			fs_.Errorf(model.Pos{File: filepath.ToSlash(filepath.Join(dir, name))}, "%s", readProblem("页面文件", err, size, maxPageSize))
			continue
		}
		b = bytes.TrimPrefix(b, []byte("\ufeff"))
		base := strings.TrimSuffix(name, filepath.Ext(name))
		pages = append(pages, model.Page{Name: base, Title: pageTitle(b, base), Source: b})
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].Name < pages[j].Name })
	return pages, nil
}

// pageTitle is the first level-1 ATX heading ("# 标题"), else the name.
func pageTitle(src []byte, name string) string {
	inFence := false
	for _, line := range strings.Split(string(src), "\n") {
		t := strings.TrimRight(line, "\r \t")
		if strings.HasPrefix(strings.TrimLeft(t, " "), "```") || strings.HasPrefix(strings.TrimLeft(t, " "), "~~~") {
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		t = strings.TrimLeft(t, " ")
		if len(line)-len(strings.TrimLeft(line, " ")) > 3 {
			continue
		}
		if t == "#" || strings.HasPrefix(t, "# ") || strings.HasPrefix(t, "#\t") {
			h := strings.TrimSpace(strings.TrimLeft(t, "#"))
			h = strings.TrimSpace(strings.TrimRight(h, "#"))
			if h != "" {
				return h
			}
		}
	}
	return name
}
