package pipeline

import (
	"fmt"
	"strings"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
)

// Report is what a build did.
type Report struct {
	Findings  model.Findings
	Transient []string // workbooks caught half-saved; a watcher retries them
	Years     int
	Members   int // distinct members over all years
	Entries   int // 日常登记, 奖励申报 and 违规扣分 rows
	Pages     int // HTML pages written
	PDFs      int // PDF documents written
	Elapsed   time.Duration
	BuildID   string // changes with every successful build
	Written   bool   // outputs were replaced
	// FindingsFile is the findings.txt the build wrote ("" = none): the
	// summary points there, which works the same for an installed jifen and
	// for `go run ./cmd/jifen`.
	FindingsFile string
	Publishes    bool // the build was asked for outputs (build, watch, serve; not check)
}

// Failed reports whether the build found data errors.
func (r Report) Failed() bool { return r.Findings.HasErrors() }

// Summary is the one line that ends every build (SPEC §5): the CLI prints
// it after "jifen: ", the watch log after the time of day. A build that
// publishes counts its pages and PDFs and says what happened to the
// outputs; `check` does not.
func (r Report) Summary() string {
	var b strings.Builder
	if n := r.Findings.Count(model.Error); n > 0 {
		fmt.Fprintf(&b, "发现 %d 个错误", n)
		if w := r.Findings.Count(model.Warning); w > 0 {
			fmt.Fprintf(&b, "、%d 条警告", w)
		}
		if r.Publishes {
			b.WriteString("，未生成任何文件，上次的网站与报表保持不变")
		}
		fmt.Fprintf(&b, "（%d 个年度，%d 名人员，%d 条登记，用时 %s）", r.Years, r.Members, r.Entries, seconds(r.Elapsed))
		return b.String()
	}
	fmt.Fprintf(&b, "%d 个年度，%d 名人员，%d 条登记", r.Years, r.Members, r.Entries)
	if r.Publishes {
		fmt.Fprintf(&b, "，%d 个页面，%d 份 PDF", r.Pages, r.PDFs)
	}
	if w := r.Findings.Count(model.Warning); w > 0 {
		fmt.Fprintf(&b, "，%d 条警告", w)
	} else {
		b.WriteString("，无警告")
	}
	if n := r.Findings.Count(model.Info); n > 0 && r.Publishes {
		fmt.Fprintf(&b, "，%d 条提示", n)
		if r.FindingsFile != "" {
			fmt.Fprintf(&b, "（见 %s）", r.FindingsFile)
		}
	}
	fmt.Fprintf(&b, "，用时 %s", seconds(r.Elapsed))
	return b.String()
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.2f 秒", d.Seconds()) }
