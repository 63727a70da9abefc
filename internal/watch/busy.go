package watch

import (
	"archive/zip"
	"errors"
	"io"
	"io/fs"
	"runtime"
	"strings"
	"syscall"
	"time"
)

// retryDelays is the back-off for a workbook caught half-saved: an
// in-place writer needed up to five reads 600 ms apart (PITFALLS §3), and
// 3.1 s in all covers the slowest save observed.
var retryDelays = []time.Duration{
	100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond,
	800 * time.Millisecond, 1600 * time.Millisecond,
}

// goos is runtime.GOOS; a variable so the Windows branch is tested everywhere.
var goos = runtime.GOOS

// Windows error codes (winerror.h). syscall does not name them and x/sys is
// not worth importing for two numbers.
const (
	errorSharingViolation syscall.Errno = 32
	errorLockViolation    syscall.Errno = 33
)

// isSharingViolation reports whether err says another program (Excel, WPS)
// holds the file open without sharing it, which on Windows is what a
// workbook in the middle of a save looks like.
func isSharingViolation(err error) bool {
	if goos != "windows" {
		return false
	}
	var errno syscall.Errno
	return errors.As(err, &errno) && (errno == errorSharingViolation || errno == errorLockViolation)
}

// isTransient reports whether a build error looks like a file caught in the
// middle of a save, worth another try after a pause.
func isTransient(err error) bool {
	return err != nil && (errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrChecksum) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, fs.ErrNotExist) ||
		isSharingViolation(err))
}

// BusyError is a build failure that persisted through every retry because
// a file stayed half-saved or locked. Its message is for the committee.
type BusyError struct {
	File    string // base name of the file, when the error named one
	Sharing bool   // a Windows sharing violation: the file is held open by Excel or WPS
	Err     error
}

func (e *BusyError) Error() string {
	if e.Sharing {
		if e.File != "" {
			return e.File + " 正被其他程序占用：请在 Excel 中关闭该文件后再保存"
		}
		return "文件正被其他程序占用：请在 Excel 中关闭该文件后再保存"
	}
	if e.File != "" {
		return "文件正在被保存或已损坏：" + e.File
	}
	return "文件正在被保存或已损坏：" + e.Err.Error()
}

func (e *BusyError) Unwrap() error { return e.Err }

func busyError(err error) *BusyError {
	b := &BusyError{Sharing: isSharingViolation(err), Err: err}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		b.File = baseName(pe.Path)
	}
	return b
}

// baseName is the last element of a slash- or backslash-separated path:
// the file name a committee member recognises, whichever system wrote it.
func baseName(p string) string {
	return p[strings.LastIndexAny(p, `/\`)+1:]
}
