package watch

import (
	"github.com/jifen-dev/jifen/internal/load"
	"github.com/jifen-dev/jifen/internal/sheet"
	"path/filepath"
	"strings"
)

// kept lists the extensions besides .xlsx whose changes can alter the
// output: Markdown pages, template overrides, and the records and PDFs of
// a year's 公示存档 (SPEC §11).
var kept = map[string]bool{".xlsx": true, ".md": true, ".html": true, ".css": true, ".js": true, ".tmpl": true,
	".json": true, ".pdf": true}

// Relevant reports whether a change to a file of this name should trigger a
// build. It asks the reader's own rules, so the two can never disagree:
// lock, owner and temporary files (load.Skipped) never do — a save produces
// a burst of them around the one event that matters (PITFALLS §3) — and the
// other spreadsheet formats (sheet.LegacyExt) do, because the build's
// 「请另存为 .xlsx」 finding must show as soon as the user saves one.
func Relevant(name string) bool {
	base := filepath.Base(name)
	if base == "" || load.Skipped(base) {
		return false
	}
	if _, legacy := sheet.LegacyExt(base); legacy {
		return true
	}
	return kept[strings.ToLower(filepath.Ext(base))]
}

// hiddenDir reports directory names never watched: dotted (.git, a build's
// hidden temporary tree) and office temporaries.
func hiddenDir(name string) bool {
	base := filepath.Base(name)
	return strings.HasPrefix(base, ".") || strings.HasPrefix(base, "~")
}

// ignorer matches paths inside the output folders.
type ignorer []string

func newIgnorer(dirs []string) ignorer {
	var ig ignorer
	for _, d := range dirs {
		if d == "" {
			continue
		}
		if abs, err := filepath.Abs(d); err == nil {
			ig = append(ig, abs)
		}
	}
	return ig
}

// match reports whether p is one of the ignored folders or inside one.
func (ig ignorer) match(p string) bool {
	if len(ig) == 0 {
		return false
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return false
	}
	for _, d := range ig {
		if abs == d || strings.HasPrefix(abs, d+string(filepath.Separator)) {
			return true
		}
	}
	return false
}
