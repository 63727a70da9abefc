package render

import (
	"strings"
	"testing"
)

func TestMarkdown(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // substrings of the output
		not      []string
	}{
		{"chinese heading ids, fresh per page", "# 党员积分\n\n## 组织生活\n\n## 组织生活\n\n## Rules Page\n",
			[]string{`<h2 id="党员积分">党员积分</h2>`, `<h3 id="组织生活">`, `<h3 id="组织生活-1">`, `<h3 id="rules-page">`}, nil},
		{"cjk line breaks join without a space", "第一行文字\n第二行文字\n", []string{"<p>第一行文字第二行文字</p>"}, nil},
		{"no strikethrough", "上午9~10点，下午14~15点\n", []string{"上午9~10点，下午14~15点"}, []string{"<del>"}},
		{"no typographer", `他说"你好"，<<书名>> -- ...` + "\n", []string{"&quot;你好&quot;", "&lt;&lt;书名&gt;&gt; -- ..."}, []string{"“", "«", "–", "…"}},
		{"tables", "| 姓名 | 职务 |\n|---|---|\n| 张三 | 党小组长 |\n", []string{"<table>", "<th>姓名</th>", "<td>党小组长</td>"}, nil},
		{"each table a region of its own name", "| 甲 |\n|---|\n| 1 |\n\n正文\n\n| 乙 |\n|---|\n| 2 |\n",
			[]string{`role="region" aria-label="说明 表格 1"><table>`, `role="region" aria-label="说明 表格 2"><table>`, "</table></div>"}, []string{`aria-label="表格"`}},
		{"raw html omitted", "<script>alert(1)</script>\n\n<div onclick=x>块</div>\n", []string{"<!-- raw HTML omitted -->"}, []string{"<script", "<div", "onclick"}},
		{"javascript link", "[点](javascript:alert(1))\n", []string{"点"}, []string{"javascript:", "<a"}},
		{"external links become text", "见[官网](https://www.example.gov.cn/a)和<https://example.org/x>，![图](http://x/y.png)\n",
			[]string{"见官网和https://example.org/x，图"}, []string{"<a", "<img", `href="http`}},
		{"page links go to the rules page section", "详见[考核说明](考核说明.md)与[附件](附件.md#第二条)，[本页](#组织生活)\n",
			[]string{`<a href="#page-%e8%80%83%e6%a0%b8%e8%af%b4%e6%98%8e">考核说明</a>`, `<a href="#page-%e9%99%84%e4%bb%b6">附件</a>`, `<a href="#%e7%bb%84%e7%bb%87%e7%94%9f%e6%b4%bb">本页</a>`}, nil},
		{"other relative files are not published", "[表格](files/表.xlsx)\n", []string{"<p>表格</p>"}, []string{"<a"}},
		{"mail stays", "<mailto:dangban@example.org>\n", []string{`href="mailto:dangban@example.org"`}, nil},
		{"escaping", "姓名<张三> & \"引号\"\n", []string{"姓名&lt;张三&gt; &amp; &quot;引号&quot;"}, nil},
	}
	for _, tt := range tests {
		got, err := Markdown([]byte(tt.in), "说明")
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		s := strings.ToLower(string(got))
		for _, w := range tt.want {
			if !strings.Contains(s, strings.ToLower(w)) {
				t.Errorf("%s: Markdown(%q) = %s, want it to contain %s", tt.name, tt.in, got, w)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(s, strings.ToLower(w)) {
				t.Errorf("%s: Markdown(%q) = %s, must not contain %s", tt.name, tt.in, got, w)
			}
		}
	}
}
