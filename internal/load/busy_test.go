package load

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
	"testing"

	"github.com/jifen-dev/jifen/internal/workbook"
)

// Busy is the one judgement of "caught mid-save, try again": what the
// reader meets on every system, and Excel's sharing violation on Windows.
func TestBusy(t *testing.T) {
	defer func(g string) { goos = g }(goos)
	const p = "data/2026/名单.xlsx"
	sharing := fmt.Errorf("read: %w", &fs.PathError{Op: "open", Path: `C:\data\2026\名单.xlsx`, Err: syscall.Errno(32)})
	_, corrupt := workbook.Read("名单.xlsx", []byte("PK\x03\x04 half"))
	for _, tc := range []struct {
		goos string
		err  error
		msg  string // "" = not busy
	}{
		{"windows", sharing, "文件正被其他程序占用，请在 Excel 中关闭该文件后再保存"},
		{"windows", syscall.Errno(33), "文件正被其他程序占用，请在 Excel 中关闭该文件后再保存"},
		{"linux", syscall.Errno(32), ""},
		{"linux", &fs.PathError{Op: "open", Path: p, Err: os.ErrNotExist}, "文件在读取时消失（可能正在保存），请稍后重试"},
		{"linux", corrupt, "文件正在被保存或已损坏，无法读取；请在 Excel/WPS 中打开并重新保存为 .xlsx"},
		{"linux", fmt.Errorf("x: %w", zip.ErrChecksum), "文件正在被保存或已损坏，请保存完成后重试"},
		{"linux", io.ErrUnexpectedEOF, "文件正在被保存或已损坏，请保存完成后重试"},
		{"linux", &fs.PathError{Op: "open", Path: p, Err: os.ErrPermission}, ""},
		{"linux", errors.New("template: no such function"), ""},
		{"linux", nil, ""},
	} {
		goos = tc.goos
		b := Busy(p, tc.err)
		if (b != nil) != (tc.msg != "") {
			t.Errorf("%s: Busy(%v) = %v, want busy %v", tc.goos, tc.err, b, tc.msg != "")
			continue
		}
		if b == nil {
			continue
		}
		if b.Message() != tc.msg || b.Error() != "名单.xlsx："+tc.msg {
			t.Errorf("%s: Busy(%v) says %q / %q, want %q", tc.goos, tc.err, b.Message(), b.Error(), tc.msg)
		}
		if again := Busy(p, fmt.Errorf("wrapped: %w", b)); again != b {
			t.Errorf("Busy of a wrapped BusyError = %v, want the same error", again)
		}
	}
}
