package load

import (
	"archive/zip"
	"errors"
	"io"
	"io/fs"
	"path"
	"runtime"
	"syscall"

	"github.com/jifen-dev/jifen/internal/sheet"
)

// BusyError is a file caught in the middle of a save: half written (a
// truncated zip), gone for a moment (Excel deletes the workbook before
// renaming its temporary file onto it) or held open without sharing
// (Windows, while Excel or WPS saves). It is the one "try again shortly"
// error: Load reports such files in Data.Transient, and the watcher
// retries a build that met one before it shows the message.
type BusyError struct {
	Path    string // slash path as the data folder names it
	Sharing bool   // held open by another program (Windows sharing violation)
	Gone    bool   // vanished between listing and reading
	Err     error  // the cause: a *sheet.FileError for a truncated zip, else the OS error
}

// Message is the advice for the committee, without the file's name: a
// finding names the file in its place already.
func (e *BusyError) Message() string {
	switch {
	case e.Sharing:
		return "文件正被其他程序占用，请在 Excel 中关闭该文件后再保存"
	case e.Gone:
		return "文件在读取时消失（可能正在保存），请稍后重试"
	}
	var fe *sheet.FileError
	if errors.As(e.Err, &fe) {
		return fe.Msg // the workbook reader's own advice for a zip it cannot read
	}
	return "文件正在被保存或已损坏，请保存完成后重试"
}

func (e *BusyError) Error() string { return path.Base(e.Path) + "：" + e.Message() }
func (e *BusyError) Unwrap() error { return e.Err }

// Busy returns a *BusyError when err, met while reading path, looks like a
// save in progress, and nil otherwise (permissions, a real bug, a file
// that is simply broken in a way re-reading will not change).
func Busy(path string, err error) *BusyError {
	if err == nil {
		return nil
	}
	var b *BusyError
	if errors.As(err, &b) {
		return b
	}
	switch {
	case sharingViolation(err):
		return &BusyError{Path: path, Sharing: true, Err: err}
	case errors.Is(err, fs.ErrNotExist):
		return &BusyError{Path: path, Gone: true, Err: err}
	case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrChecksum), errors.Is(err, zip.ErrAlgorithm),
		errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return &BusyError{Path: path, Err: err}
	}
	return nil
}

// goos is runtime.GOOS; a variable so the Windows branch is tested everywhere.
var goos = runtime.GOOS

// sharingViolation reports Windows' ERROR_SHARING_VIOLATION (32) and
// ERROR_LOCK_VIOLATION (33); the same numbers mean other things elsewhere.
func sharingViolation(err error) bool {
	var errno syscall.Errno
	return goos == "windows" && errors.As(err, &errno) && (errno == 32 || errno == 33)
}
