package model

import (
	"fmt"
	"sort"
)

// MaxPerSheet is how many findings of each level a sheet reports. A
// workbook of 2 MB can hold a million bad rows; listing them all took
// gigabytes and helped nobody. Past the limit findings are only counted,
// and one line per sheet says how many more there were.
const MaxPerSheet = 100

// Limiter adds findings to List, keeping at most Max of each level per
// sheet (findings about a whole file or folder are never held back).
// Call Flush once at the end to add the counts of what was held back.
type Limiter struct {
	List *Findings
	Max  int // 0 = MaxPerSheet

	seen map[limitKey]int
}

type limitKey struct {
	file, sheet string
	level       Level
}

// Add adds a finding unless its sheet already reported Max of its level;
// a finding held back is not even formatted, so a million of them cost
// only the counting.
func (l *Limiter) Add(lv Level, p Pos, format string, args ...any) {
	if p.Sheet != "" {
		if l.seen == nil {
			l.seen = map[limitKey]int{}
		}
		k := limitKey{p.File, p.Sheet, lv}
		l.seen[k]++
		if l.seen[k] > l.max() {
			return
		}
	}
	l.List.Add(lv, p, format, args...)
}

func (l *Limiter) Errorf(p Pos, format string, args ...any) { l.Add(Error, p, format, args...) }
func (l *Limiter) Warnf(p Pos, format string, args ...any)  { l.Add(Warning, p, format, args...) }
func (l *Limiter) Infof(p Pos, format string, args ...any)  { l.Add(Info, p, format, args...) }

func (l *Limiter) max() int {
	if l.Max > 0 {
		return l.Max
	}
	return MaxPerSheet
}

// Flush adds one finding per sheet and level that went over the limit,
// at the sheet, with the level of what it stands for (held-back errors
// still fail the build). The counts restart.
func (l *Limiter) Flush() {
	var keys []limitKey
	for k, n := range l.seen {
		if n > l.max() {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.file != b.file {
			return a.file < b.file
		}
		if a.sheet != b.sheet {
			return a.sheet < b.sheet
		}
		return a.level > b.level
	})
	for _, k := range keys {
		more := l.seen[k] - l.max()
		var what string
		switch k.level {
		case Error:
			what = fmt.Sprintf("%d 个错误", more)
		case Warning:
			what = fmt.Sprintf("%d 条警告", more)
		default:
			what = fmt.Sprintf("%d 条提示", more)
		}
		l.List.Add(k.level, Pos{File: k.file, Sheet: k.sheet},
			"本工作表另有 %s未列出（每个工作表每类最多列出 %d 条）：请先改正以上列出的问题，再重新检查", what, l.max())
	}
	l.seen = nil
}
