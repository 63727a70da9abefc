package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

const okRegister = `## 设置
项目,值
支部名称,测试党支部
年度,2026
## 考核项目
编码,类别,项目,分值
B1,基础,参加组织生活,20
## 党员名册
编号,姓名,类别
D001,张三,正式党员
## 日常登记
活动日期,编号,项目编码,次数
@2026-03-05,D001,B1,4
`

// TestExitCodes pins SPEC §5: 0 ok, 1 data errors, 2 usage or internal.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "reg.txt")
	if err := os.WriteFile(src, []byte(okRegister), 0o644); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "good")
	if err := writeBook(src, filepath.Join(good, "2026", "a.xlsx"), false); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad")
	if err := os.MkdirAll(filepath.Join(bad, "2026"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bad, "2026", "old.xls"), []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "site")
	rep := filepath.Join(dir, "reports")
	tests := []struct {
		args []string
		want int
	}{
		{[]string{"check", "--data", good, "--as-of", "2026-04-10"}, exitOK},
		{[]string{"build", "--data", good, "--out", out, "--reports", rep, "--as-of", "2026-04-10"}, exitOK},
		{[]string{"check", "--data", bad}, exitData},
		{[]string{"build", "--data", bad, "--out", out, "--reports", rep}, exitData},
		{[]string{"build", "--data", filepath.Join(dir, "none")}, exitUsage},
		{[]string{"check", "--data", good, "--as-of", "46000"}, exitUsage}, // an Excel serial is no date for a flag
		{[]string{"serve", "--data", filepath.Join(dir, "none")}, exitUsage},
		{[]string{"build", "--bogus"}, exitUsage},
		{[]string{"check", "--data", good, "extra"}, exitUsage},
		{[]string{"build", "--data", good, "--out", filepath.Join(good, "site")}, exitUsage}, // never writes into data
		{[]string{"nope"}, exitUsage},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if got := run(context.Background(), tt.args, &stdout, &stderr); got != tt.want {
			t.Errorf("run(%q) = %d, want %d\nstdout: %s\nstderr: %s", tt.args, got, tt.want, stdout.String(), stderr.String())
		}
	}
	if _, err := os.Stat(filepath.Join(good, "site")); !os.IsNotExist(err) {
		t.Errorf("a build wrote into the data folder")
	}
}

// TestInterruptedBuildKeepsOutputs cancels a build and checks that the last
// good outputs are untouched and no temp folder is left behind.
func TestInterruptedBuildKeepsOutputs(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "reg.txt")
	if err := os.WriteFile(src, []byte(okRegister), 0o644); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "data")
	if err := writeBook(src, filepath.Join(data, "2026", "a.xlsx"), false); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "site")
	args := []string{"build", "--data", data, "--out", out, "--reports", filepath.Join(dir, "reports"), "--as-of", "2026-04-10"}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), args, &stdout, &stderr); code != exitOK {
		t.Fatalf("first build = %d: %s", code, stderr.String())
	}
	before, err := os.ReadFile(filepath.Join(out, "2026", "q1", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	args[len(args)-1] = "2026-07-10" // would add a quarter
	if code := run(ctx, args, &stdout, &stderr); code != exitUsage {
		t.Fatalf("cancelled build = %d, want %d", code, exitUsage)
	}
	after, err := os.ReadFile(filepath.Join(out, "2026", "q1", "index.html"))
	if err != nil || !bytes.Equal(before, after) {
		t.Fatalf("site changed by an interrupted build (err %v)", err)
	}
	if _, err := os.Stat(filepath.Join(out, "2026", "q2")); !os.IsNotExist(err) {
		t.Errorf("interrupted build published q2")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "site" && e.Name() != "reports" && e.Name() != "data" && e.Name() != "reg.txt" {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}
