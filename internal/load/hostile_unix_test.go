//go:build unix

package load

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/workbook"
)

// within fails the test when f does not return in time: a FIFO must never
// hang a build.
func within(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { f(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("hung (waiting on a FIFO or reading a device?)")
	}
}

// TestDataFile is issue 14 F4: the 字体文件 setting reads only a regular
// file inside the data folder, of bounded size.
func TestDataFile(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	os.MkdirAll(filepath.Join(data, "fonts"), 0o755)
	os.WriteFile(filepath.Join(data, "fonts", "a.ttf"), []byte("font"), 0o644)
	os.WriteFile(filepath.Join(dir, "outside.ttf"), []byte("secret"), 0o644)
	big, _ := os.Create(filepath.Join(data, "big.ttf"))
	big.Truncate(MaxFontSize + 1) // sparse
	big.Close()
	os.Symlink(filepath.Join(data, "fonts", "a.ttf"), filepath.Join(data, "inside-link.ttf"))
	os.Symlink(filepath.Join(dir, "outside.ttf"), filepath.Join(data, "outside-link.ttf"))
	os.Symlink("/dev/zero", filepath.Join(data, "zero.ttf"))
	fifo := filepath.Join(data, "fifo.ttf")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Logf("no FIFO here: %v", err)
	}
	tests := []struct{ name, want string }{
		{"fonts/a.ttf", ""},
		{`fonts\a.ttf`, ""},
		{"inside-link.ttf", ""},
		{"/dev/zero", "字体文件「/dev/zero」应写成数据目录中的相对路径（如 fonts/simsun.ttf），并把字体文件复制到数据目录中"},
		{filepath.Join(data, "fonts", "a.ttf"), "应写成数据目录中的相对路径"},
		{`\\server\share\simsun.ttf`, "字体文件「\\\\server\\share\\simsun.ttf」应写成数据目录中的相对路径"},
		{"//server/share/simsun.ttf", "应写成数据目录中的相对路径"},
		{`C:\Windows\Fonts\simsun.ttc`, "应写成数据目录中的相对路径"},
		{"../outside.ttf", "字体文件「../outside.ttf」在数据目录之外"},
		{"fonts/../../outside.ttf", "在数据目录之外"},
		{"outside-link.ttf", "字体文件「outside-link.ttf」是指向数据目录之外的链接，请把字体文件本身复制到数据目录中"},
		{"zero.ttf", "是指向数据目录之外的链接"},
		{"fifo.ttf", "字体文件「fifo.ttf」不是普通文件（可能是设备、管道或文件夹），未读取"},
		{"fonts", "不是普通文件"},
		{"big.ttf", "字体文件「big.ttf」过大（64.0 MB），超过 64 MB 上限"},
		{"missing.ttf", "找不到字体文件「missing.ttf」（应在数据目录 " + data + " 中）"},
	}
	for _, tt := range tests {
		var b []byte
		var err error
		within(t, func() { b, err = DataFile(data, tt.name, MaxFontSize) })
		switch {
		case tt.want == "" && (err != nil || string(b) != "font"):
			t.Errorf("DataFile(%q) = %q, %v; want the font", tt.name, b, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("DataFile(%q) error = %v\nwant one containing %s", tt.name, err, tt.want)
		}
	}
}

// TestIrregularFiles: a FIFO or a link to /dev/zero named like a workbook
// or a page is reported, never read (it hung or grew memory until killed).
func TestIrregularFiles(t *testing.T) {
	dir := t.TempDir()
	baseRegister(t, dir)
	year := filepath.Join(dir, "data", "2026")
	os.MkdirAll(filepath.Join(dir, "data", "pages"), 0o755)
	if err := syscall.Mkfifo(filepath.Join(year, "管道.xlsx"), 0o644); err != nil {
		t.Skip("no FIFO here:", err)
	}
	os.Symlink("/dev/zero", filepath.Join(year, "零.xlsx"))
	syscall.Mkfifo(filepath.Join(dir, "data", "pages", "说明.md"), 0o644)
	var d *Data
	within(t, func() { d = loadDir(t, dir, Options{Read: workbook.Read}) })
	got := strings.Join(lines(d.Findings), "\n")
	for _, want := range []string{
		"error data/2026/管道.xlsx: 文件不是普通文件（可能是设备、管道或文件夹），未读取",
		"error data/2026/零.xlsx: 文件不是普通文件（可能是设备、管道或文件夹），未读取",
		"error data/pages/说明.md: 页面文件不是普通文件（可能是设备、管道或文件夹），未读取",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("findings:\n%s\nwant %s", got, want)
		}
	}
}

// TestYearLinks is issue 14 F9: a year folder that is a symbolic link is
// read; a broken one is an error; a data folder without a readable year
// folder is an error, never a clean 「0 个年度」.
func TestYearLinks(t *testing.T) {
	dir := t.TempDir()
	shared := filepath.Join(dir, "share")
	baseRegister(t, shared) // share/data/2026/基础.xlsx
	os.MkdirAll(filepath.Join(dir, "data"), 0o755)
	if err := os.Symlink(filepath.Join(shared, "data", "2026"), filepath.Join(dir, "data", "2026")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	os.Symlink(filepath.Join(dir, "unplugged"), filepath.Join(dir, "data", "2025"))
	d := loadDir(t, dir, Options{Read: workbook.Read})
	if len(d.Register.Years) != 1 || d.Register.Years[0].Year != 2026 || len(d.Register.Years[0].Members) == 0 {
		t.Errorf("years = %+v, want 2026 read through its link", d.Register.Years)
	}
	want := "error data/2025: 年度文件夹 2025 是一个链接，但它指向的「" + filepath.Join(dir, "unplugged") + "」不存在或无法访问（网络共享未连接？），未读取"
	if got := strings.Join(lines(d.Findings), "\n"); got != want {
		t.Errorf("findings:\n%s\nwant\n%s", got, want)
	}

	empty := t.TempDir()
	os.MkdirAll(filepath.Join(empty, "data", "pages"), 0o755)
	os.Symlink(filepath.Join(dir, "unplugged"), filepath.Join(empty, "data", "2026"))
	d = loadDir(t, empty, Options{Read: workbook.Read})
	if !d.Findings.HasErrors() || !strings.Contains(strings.Join(lines(d.Findings), "\n"), "数据目录中没有可读取的年度文件夹") {
		t.Errorf("a data folder with no readable year: findings %v, want an error", lines(d.Findings))
	}
}
