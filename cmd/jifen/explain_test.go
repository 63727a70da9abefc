package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
)

// TestExplain: a *model.UserError anywhere in the chain is shown as its
// message; every other error is an internal failure, told in Chinese with
// what to do and the cause kept — whatever language its text is in.
func TestExplain(t *testing.T) {
	const internal = "生成中出错，上次的网站与报表保持不变。请检查磁盘空间和输出目录的权限后重试；仍不行，请把下面这行原因告诉维护人员：\n  "
	ioErr := &fs.PathError{Op: "open", Path: "reports/2026/q1/slips.pdf", Err: syscall.ENOSPC}
	own := model.UserErrorf(model.KindFixable, "无法替换输出目录 site（busy）：请关闭正在打开其中文件的程序")
	for _, tt := range []struct {
		name string
		err  error
		want string
	}{
		{"English I/O", errors.New("write site/x.html: no space left on device"), internal + "write site/x.html: no space left on device"},
		{"Chinese prefix around English I/O", fmt.Errorf("备案 2026 Q1: %w", ioErr), internal + "备案 2026 Q1: open reports/2026/q1/slips.pdf: no space left on device"},
		{"untyped Chinese text", errors.New("字体无法嵌入 PDF：glyf"), internal + "字体无法嵌入 PDF：glyf"},
		{"user error", own, "无法替换输出目录 site（busy）：请关闭正在打开其中文件的程序"},
		{"user error under an English context", fmt.Errorf("render site: %w", own), "无法替换输出目录 site（busy）：请关闭正在打开其中文件的程序"},
		{"usage", model.UserErrorf(model.KindUsage, "找不到数据目录 %s", "nowhere"), "找不到数据目录 nowhere"},
		{"user error with a cause", model.UserErrorf(model.KindFixable, "等待另一个 jifen 生成完成时中断：%w", context.Canceled), "等待另一个 jifen 生成完成时中断：context canceled"},
		{"explicitly internal", &model.UserError{Kind: model.KindInternal, Message: "内部"}, internal + "内部"},
		{"escapes", model.UserErrorf(model.KindUsage, "目录「%s」", "a\x1b[2Jb"), `目录「a\x1b[2Jb」`},
	} {
		if got := explain(tt.err); got != tt.want {
			t.Errorf("%s: explain(%q) = %q, want %q", tt.name, tt.err, got, tt.want)
		}
	}
}

// TestExitStatus: 0 success (warnings allowed), 1 data errors, 2 usage or
// internal errors, as README and doc.go say; and which of the two kinds of
// failure text each gets.
func TestExitStatus(t *testing.T) {
	root := t.TempDir()
	book := func(name, entries string) string {
		src := filepath.Join(root, name+".txt")
		text := "## 设置\n项目,值\n支部名称,测试党支部\n年度,2026\n## 考核项目\n编码,类别,项目,分值\nB1,基础,参加组织生活,20\n" +
			"## 党员名册\n编号,姓名,类别\nD001,张三,正式党员\n## 日常登记\n活动日期,编号,项目编码,次数\n" + entries
		if err := os.WriteFile(src, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		data := filepath.Join(root, name, "data")
		if err := writeBook(src, filepath.Join(data, "2026", "登记.xlsx"), false); err != nil {
			t.Fatal(err)
		}
		return data
	}
	good := book("good", "@2026-03-05,D001,B1,4\n")
	bad := book("bad", "@2026-03-05,D001,B9,4\n")
	foreign := filepath.Join(root, "mine")
	if err := os.MkdirAll(foreign, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(foreign, "thesis.docx"), []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := func(name string) []string {
		return []string{"--out", filepath.Join(root, name, "site"), "--reports", filepath.Join(root, name, "reports"), "--as-of", "2026-04-10"}
	}
	for _, tt := range []struct {
		name   string
		args   []string
		want   int
		stderr string // a line stderr must hold
	}{
		{"ok", append([]string{"build", "--data", good}, out("good")...), exitOK, ""},
		{"data errors", append([]string{"build", "--data", bad}, out("bad")...), exitData, "项目编码「B9」不在考核项目表中"},
		{"unknown flag", []string{"build", "--bogus"}, exitUsage, "jifen: 未知参数 --bogus"},
		{"bad date", []string{"check", "--data", good, "--as-of", "昨天"}, exitUsage, "jifen: --as-of「昨天」不是有效日期，请写成 2027-01-10 这样的年-月-日"},
		{"user error", []string{"build", "--data", good, "--out", foreign}, exitUsage,
			"jifen: 输出目录 " + foreign + " 已存在且不是 jifen 生成的，为免误删请换一个目录或先清空它"},
		{"internal error", []string{"build", "--data", good, "--out", filepath.Join(foreign, "thesis.docx", "site")}, exitUsage,
			"jifen: 生成中出错，上次的网站与报表保持不变。"},
		{"unknown command", []string{"frobnicate"}, exitUsage, "jifen: 未知命令「frobnicate」"},
	} {
		var stdout, stderr bytes.Buffer
		e := env{stdout: &stdout, stderr: &stderr, clock: func() time.Time { return time.Date(2026, 4, 10, 9, 0, 0, 0, time.UTC) }}
		if got := e.run(context.Background(), tt.args); got != tt.want {
			t.Errorf("%s: jifen %s = exit %d, want %d\nstderr:\n%s", tt.name, strings.Join(tt.args, " "), got, tt.want, stderr.String())
			continue
		}
		if !strings.Contains(stderr.String(), tt.stderr) {
			t.Errorf("%s: stderr does not say %q:\n%s", tt.name, tt.stderr, stderr.String())
		}
	}
}
