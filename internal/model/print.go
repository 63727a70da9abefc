package model

import (
	"fmt"
	"io"
	"strings"
)

// Findings reach people in one shape, the way go/scanner.PrintError prints
// errors: one line per finding, the place first, errors before warnings
// before notes (SPEC §3). The terminal (build, check, watch), the preview's
// bar and overlay and reports/findings.txt all print these lines; the
// committee page shows the same level word, place and message as table
// cells, in the same order.

// Line formats one finding as every output prints it, its level word after
// the place: "file:sheet!CELL: 错误：message", "…: 警告：message",
// "…: 提示：message" (SPEC §3: every line carries its level).
func (f Finding) Line() string {
	g := f
	g.Message = f.Level.Label() + "：" + f.Message
	return g.String()
}

// byLevel returns the findings errors first, then warnings, then notes,
// each level in the order given. fs itself is not changed.
func (fs Findings) byLevel() Findings {
	out := make(Findings, 0, len(fs))
	for _, l := range []Level{Error, Warning, Info} {
		for _, f := range fs {
			if f.Level == l {
				out = append(out, f)
			}
		}
	}
	return out
}

// MaxShown is the one limit on findings shown while a build runs: the
// terminal of build, watch and serve and the browser overlay show at most
// this many, then a line counting the rest. `jifen check`, --json,
// reports/findings.txt and the committee page list every finding.
const MaxShown = 100

// Shown are the findings a running build shows: errors, then warnings, at
// most MaxShown of them, and how many more there are. Notes (ignored and
// hidden sheets) recur on every build: `jifen check` lists them.
func (fs Findings) Shown() (shown Findings, more int) {
	for _, f := range fs.byLevel() {
		if f.Level == Info {
			continue
		}
		if len(shown) == MaxShown {
			more++
			continue
		}
		shown = append(shown, f)
	}
	return shown, more
}

// MoreLine stands for findings left out of a bounded list.
func MoreLine(more int) string {
	return fmt.Sprintf("……另有 %d 条未列出，完整列表请运行 jifen check", more)
}

// Print writes each finding's Line on a line of its own, errors first,
// then, when more is positive, the MoreLine.
func (fs Findings) Print(w io.Writer, more int) error {
	var b strings.Builder
	for _, f := range fs.byLevel() {
		b.WriteString(f.Line())
		b.WriteByte('\n')
	}
	if more > 0 {
		b.WriteString(MoreLine(more))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}
