package watch

import (
	"path/filepath"
	"strings"
)

// kept lists the extensions whose changes can alter the output. The other
// spreadsheet formats (the list of workbook.LegacyExt) are kept too: their
// only effect is the build's 「请另存为 .xlsx」 finding, which the user must
// see as soon as he saves.
var kept = map[string]bool{
	".xlsx": true, ".md": true, ".html": true, ".css": true, ".js": true, ".tmpl": true,
	".xls": true, ".et": true, ".ett": true, ".xlt": true, ".ods": true, ".ots": true, ".csv": true,
	".xlsm": true, ".xlsb": true, ".xltx": true, ".xltm": true,
}

// Relevant reports whether a change to a file of this name should trigger a
// build. Office lock and owner files (~$名单.xlsx, .~lock.名单.xlsx#, WPS's
// .~名单.xlsx), dotfiles and editor or office temporaries (lu123.tmp,
// Excel's extensionless Cedd4100, *.bak) never do: a save produces a burst
// of them around the one event that matters (PITFALLS §3).
func Relevant(name string) bool {
	base := filepath.Base(name)
	if base == "" || strings.HasPrefix(base, "~") || strings.HasPrefix(base, ".") {
		return false
	}
	lower := strings.ToLower(base)
	if strings.HasSuffix(lower, ".tmp") || strings.HasSuffix(lower, ".bak") {
		return false
	}
	return kept[filepath.Ext(lower)]
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
