package main

import (
	"strings"
	"unicode/utf8"
)

// synopsis is one line of the usage: a command, its arguments and what it
// does. synopses is the one source of the usage text: `jifen help` prints
// it, and docs_test.go holds doc.go's Usage block and README's 命令 table
// to it.
type synopsis struct {
	cmd  string // "" is jifen with no arguments
	args string
	what string // one line; "\n" marks where the printed usage wraps
}

var synopses = []synopsis{
	{"build", "[--data DIR] [--out DIR] [--reports DIR] [--as-of DATE] [--drafts]", "校验、计分并生成网站和报表"},
	{"check", "[--data DIR] [--as-of DATE] [--json]", "只校验，列出问题"},
	{"serve", "[build 参数] [--addr 127.0.0.1:8080] [--poll]", "生成并在本机预览，保存工作簿后自动刷新"},
	{"watch", "[build 参数] [--poll]", "监视数据目录，变化后自动重新生成（不启动服务器）"},
	{"init", "[--year YYYY] [--demo [--members N] [--rows-per-member K]] [DIR]", "在 DIR/data/YYYY/ 新建登记簿模板（不会覆盖已有文件）"},
	{"new-year", "--from YYYY --to YYYY [--data DIR]", "新年度：沿用设置、考核项目和党员名册，并列出新年度开始前要核对的事项"},
	{"post", "PERIOD [--date DATE] [--data DIR] [--as-of DATE]", "记录某期公示已张贴（PERIOD 如 2026Q1、2026年第一季度，年度评定结果公示写 2026）"},
	{"summary", "[--in DIR] [--out DIR]", "上级党组织：汇总各支部报送的备案包"},
	{"version", "", "版本号、提交和构建日期"},
	{"", "", "不带参数（即双击 jifen.exe）：在 jifen 所在的文件夹生成并在浏览器中预览 data/；\n还没有 data/ 时先新建本年度登记簿并打开“开始使用”页；每年第一次启动时新建本年度登记簿；\n已在运行时打开正在运行的预览；旁边只有 备案/ 文件夹时按上级党组织汇总备案包"},
}

// command is the synopsis's command line: jifen build [--data DIR] …,
// with the command padded so the arguments line up.
func (s synopsis) command() string {
	line := "jifen"
	if s.cmd != "" {
		line += " " + s.cmd + strings.Repeat(" ", cmdWidth-utf8.RuneCountInString(s.cmd))
	}
	return strings.TrimRight(line+s.args, " ")
}

// cmdWidth is the width of the widest command name and a space.
var cmdWidth = func() int {
	w := 0
	for _, s := range synopses {
		w = max(w, len(s.cmd)+1)
	}
	return w
}()

// usageLines are the lines under 「用法：」, unindented: each command, then
// what it does, indented to the arguments.
func usageLines() []string {
	indent := strings.Repeat(" ", len("jifen ")+cmdWidth)
	var out []string
	for _, s := range synopses {
		out = append(out, s.command())
		for _, l := range strings.Split(s.what, "\n") {
			out = append(out, indent+l)
		}
	}
	return out
}

// usage is what `jifen help` prints, and a usage error after its message.
var usage = func() string {
	var b strings.Builder
	b.WriteString("jifen：党员积分制管理——校验积分登记工作簿，计算季度与年度积分，生成公示网站、公示通知与备案材料。\n\n用法：\n")
	for _, l := range usageLines() {
		b.WriteString("  " + l + "\n")
	}
	b.WriteString("\n每个命令的参数：jifen <命令> --help\n")
	b.WriteString("退出状态：0 成功（可有警告），1 数据有错误，2 用法或内部错误。\n")
	return b.String()
}()
