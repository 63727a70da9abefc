package main

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/preview"
)

// postRegister is a small 2025 register: its first quarter closed by
// 10 April 2025.
const postRegister = `## 设置
项目,值
支部名称,中共测试单位机关党支部
年度,2025
## 考核项目
编码,类别,项目,分值
B1,基础,参加组织生活,20
## 党员名册
编号,姓名,类别
1,张三,正式党员
2,李四,正式党员
## 日常登记
活动日期,编号,项目编码,次数
@2025-02-10,1,B1,4
@2025-02-10,2,B1,2
`

// TestServePosting: the preview's 「记录张贴」 end to end (SPEC §8): the
// committee page offers it with this run's token, the form's request
// archives the notice exactly as `jifen post` does, the watcher rebuilds,
// and the page then shows the period posted with no form for it.
func TestServePosting(t *testing.T) {
	root := t.TempDir()
	data := filepath.Join(root, "data")
	if err := os.MkdirAll(filepath.Join(data, "2025"), 0o755); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(root, "reg.txt")
	if err := os.WriteFile(src, []byte(postRegister), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeBook(src, filepath.Join(data, "2025", "登记.xlsx"), false); err != nil {
		t.Fatal(err)
	}
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--data", data, "--out", filepath.Join(root, "site"),
			"--reports", filepath.Join(root, "reports"), "--addr", "127.0.0.1:0", "--as-of", "2025-04-10"}, stdout, stderr)
	}()
	defer func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop")
		}
	}()
	re := regexp.MustCompile(`预览地址：(http://127\.0\.0\.1:\d+)/`)
	var base string
	waitFor(t, "the URL", func() bool {
		if m := re.FindStringSubmatch(stdout.String()); m != nil {
			base = m[1]
			return true
		}
		return false
	})
	page := func() string {
		resp, err := http.Get(base + "/reports/2025/")
		if err != nil {
			return ""
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	token := regexp.MustCompile(`name="token" value="([0-9a-f]{64})"><input type="hidden" name="period" value="2025Q1">`)
	var tok string
	waitFor(t, "the committee page's 「记录张贴」", func() bool {
		if m := token.FindStringSubmatch(page()); m != nil {
			tok = m[1]
			return true
		}
		return false
	})
	if b, _ := os.ReadFile(filepath.Join(root, "reports", "2025", "index.html")); strings.Contains(string(b), tok) || strings.Contains(string(b), "<form") {
		t.Error("the committee page on disk carries the token or a form")
	}

	req, _ := http.NewRequest("POST", base+preview.PostPath, strings.NewReader(url.Values{
		"token": {tok}, "period": {"2025Q1"}, "date": {"2025-04-03"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), "已记录张贴：2025年第一季度公示，张贴日期 2025年4月3日") {
		t.Fatalf("POST = %d %s", resp.StatusCode, b)
	}
	if _, err := os.Stat(filepath.Join(data, "2025", "公示存档", "2025-Q1-公示-20250403.json")); err != nil {
		t.Fatal("no record written:", err)
	}
	waitFor(t, "the rebuilt committee page", func() bool {
		p := page()
		return strings.Contains(p, "2025年4月3日 公示（2025-Q1-公示-20250403.pdf）") && !strings.Contains(p, `value="2025Q1"`)
	})
	resp, err = http.Get(base + "/2025/q1/" + url.PathEscape("公示-20250403.pdf"))
	if err != nil || resp.StatusCode != 200 {
		t.Errorf("the posted PDF is not published: %v %v", err, resp)
	}
	if resp != nil {
		resp.Body.Close()
	}
}
