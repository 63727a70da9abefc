package watch

import (
	"fmt"
	"strings"
	"time"
)

// log writes one line per build, stamped with the wall clock so a
// long-running `watch` log can be read later: the build's summary line,
// and after a failed build the findings the terminal shows
// (model.Findings.Shown).
func (r *runner) log(res Result) {
	var b strings.Builder
	stamp := time.Now().Format("15:04:05")
	verb := "已重新生成"
	if r.builds == 0 {
		verb = "已生成"
	}
	line := res.Report.Summary()
	if r.o.Describe != nil {
		line = r.o.Describe(res)
	}
	switch {
	case res.Err != nil:
		fmt.Fprintf(&b, "%s 生成失败：%v。网站保持上一次成功生成的版本\n", stamp, res.Err)
	case !res.OK:
		fmt.Fprintf(&b, "%s %s\n", stamp, line)
		shown, more := res.Report.Findings.Shown()
		shown.Print(&b, more)
	default:
		fmt.Fprintf(&b, "%s %s：%s\n", stamp, verb, line)
	}
	r.o.Log.Write([]byte(b.String()))
}
