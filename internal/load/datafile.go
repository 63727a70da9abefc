package load

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
)

// Reading a file of the data folder trusts nothing about it: a "workbook"
// may be a FIFO (opening it waits for a writer forever), a link to
// /dev/zero (reading never ends), or far too big. readRegular opens without
// blocking, checks what it opened, and reads at most max bytes.

// MaxFontSize bounds the 字体文件 setting's font: CJK TrueType fonts and
// collections (SimSun, Microsoft YaHei) are under 40 MB.
const MaxFontSize = 64 << 20

// Errors of readRegular; callers word them for their file.
var (
	errNotRegular = errors.New("not a regular file")
	errTooBig     = errors.New("too big")
)

// readRegular reads the regular file at path, refusing anything else and
// anything larger than max bytes (size is the size found, for messages).
func readRegular(path string, max int64) (b []byte, size int64, err error) {
	f, err := openNonblock(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, 0, err
	}
	if !fi.Mode().IsRegular() {
		return nil, 0, errNotRegular
	}
	if fi.Size() > max {
		return nil, fi.Size(), errTooBig
	}
	b, err = io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, 0, err
	}
	if int64(len(b)) > max { // grew while we read
		return nil, int64(len(b)), errTooBig
	}
	return b, int64(len(b)), nil
}

// readProblem words an I/O error of a data-folder file in Chinese, saying
// what to do; what names the file ("文件", "字体文件「x」").
func readProblem(what string, err error, size, max int64) string {
	switch {
	case errors.Is(err, errNotRegular):
		return what + "不是普通文件（可能是设备、管道或文件夹），未读取"
	case errors.Is(err, errTooBig):
		return fmt.Sprintf("%s过大（%s MB），超过 %d MB 上限", what, mb(size), max>>20)
	case errors.Is(err, fs.ErrNotExist):
		return "找不到" + what
	case errors.Is(err, fs.ErrPermission):
		return "没有读取" + what + "的权限，请检查文件权限"
	}
	return what + "无法读取（磁盘或网络共享出错），请稍后重试"
}

// DataFile reads a file a setting names (the 字体文件): a path relative to
// the data folder that stays inside it, also once links are followed, and
// names a regular file of at most max bytes. A workbook is typed by many
// hands: a path in a cell must not read /dev/zero, wait on a FIFO, fetch
// \\server\share (which on Windows hands the server the user's password
// hash) or publish a file from elsewhere on the computer. The error's text
// is Chinese advice.
func DataFile(data, name string, max int64) ([]byte, error) {
	what := "字体文件「" + name + "」"
	rel := strings.ReplaceAll(name, `\`, "/") // written on Windows, read anywhere
	if rel == "" || strings.HasPrefix(rel, "/") || filepath.IsAbs(name) || filepath.VolumeName(name) != "" ||
		(len(rel) >= 2 && rel[1] == ':') {
		return nil, errors.New(what + "应写成数据目录中的相对路径（如 fonts/simsun.ttf），并把字体文件复制到数据目录中")
	}
	clean := filepath.Clean(filepath.FromSlash(rel))
	if clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return nil, errors.New(what + "在数据目录之外，请把字体文件复制到数据目录中，并写相对路径（如 fonts/simsun.ttf）")
	}
	root, err := filepath.EvalSymlinks(data)
	if err != nil {
		return nil, errors.New(readProblem("数据目录", err, 0, max))
	}
	p, err := filepath.EvalSymlinks(filepath.Join(root, clean))
	if err != nil {
		return nil, fmt.Errorf("%s（应在数据目录 %s 中）", readProblem(what, err, 0, max), data)
	}
	if r, err := filepath.Rel(root, p); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return nil, errors.New(what + "是指向数据目录之外的链接，请把字体文件本身复制到数据目录中")
	}
	b, size, err := readRegular(p, max)
	if err != nil {
		return nil, errors.New(readProblem(what, err, size, max))
	}
	return b, nil
}
