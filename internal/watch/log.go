package watch

import (
	"fmt"
	"strings"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/pipeline"
)

// maxLogged caps the findings printed per failed build: the terminal is a
// log, the full list is in the browser overlay and reports/findings.txt.
const maxLogged = 20

// log writes one line for a good build, or a line and the errors for a
// failed one, each stamped with the wall clock so a long-running `watch`
// log can be read later.
func (r *runner) log(res Result) {
	var b strings.Builder
	stamp := time.Now().Format("15:04:05")
	verb := "已重新生成"
	if r.builds == 0 {
		verb = "已生成"
	}
	switch {
	case res.Err != nil:
		fmt.Fprintf(&b, "%s 生成失败：%v。网站保持上一次成功生成的版本\n", stamp, res.Err)
	case !res.OK:
		fs := res.Report.Findings
		fmt.Fprintf(&b, "%s 数据有误（%d 处错误），网站保持上一次成功生成的版本：\n", stamp, fs.Count(model.Error))
		n := 0
		for _, f := range fs {
			if f.Level != model.Error {
				continue
			}
			if n == maxLogged {
				fmt.Fprintf(&b, "  ……另有 %d 处错误\n", fs.Count(model.Error)-maxLogged)
				break
			}
			fmt.Fprintf(&b, "  %s：%s\n", f.Level.Label(), f)
			n++
		}
	default:
		fmt.Fprintf(&b, "%s %s：%s\n", stamp, verb, Summary(res.Report))
	}
	r.o.Log.Write([]byte(b.String()))
}

// Summary is the build's one-line tally in Chinese.
func Summary(rep pipeline.Report) string {
	s := fmt.Sprintf("党员 %d 人，登记 %d 条，页面 %d 个，PDF %d 份，用时 %.2f 秒",
		rep.Members, rep.Entries, rep.Pages, rep.PDFs, rep.Elapsed.Seconds())
	if w := rep.Findings.Count(model.Warning); w > 0 {
		s += fmt.Sprintf("，%d 条警告", w)
	}
	return s
}
