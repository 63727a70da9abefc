package watch

import (
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/pipeline"
	"os"
	"path/filepath"
)

// DataDirs returns the Dirs function for a data folder: the folder itself,
// each year folder in it (a name of digits, SPEC §2) and its 公示存档, pages/, and the
// templates override folder with its immediate subfolders. templates ""
// means the default, <data>/../templates. Folders that do not exist yet are
// left out; the function is re-evaluated after every build and whenever a
// folder appears, so a `new-year` folder or a templates folder created later
// is picked up.
//
// Only named folders are listed, never "every subfolder": a build that
// writes its temporary tree next to the data would otherwise make the watcher
// rebuild forever. A folder that exists but cannot be listed is an error:
// the watcher keeps what it watches and asks again (Options.Dirs).
func DataDirs(data, templates string) func() ([]string, error) {
	return func() ([]string, error) {
		templates := pipeline.TemplatesDir(data, templates)
		var dirs []string
		var failed error
		if isDir(data) {
			dirs = append(dirs, data)
			entries, err := readDir(data)
			if err != nil {
				failed = err
			}
			for _, e := range entries {
				// A year folder may be a link to a shared drive (issue 14 F9).
				p := filepath.Join(data, e.Name())
				if (isYear(e.Name()) || e.Name() == "pages") && (e.IsDir() || isDir(p)) {
					dirs = append(dirs, p)
				}
				// A year's 公示存档 (SPEC §11): a record added by jifen post
				// or by the preview's 「记录张贴」 changes what is published.
				if a := filepath.Join(p, model.ArchiveDir); isYear(e.Name()) && isDir(a) {
					dirs = append(dirs, a)
				}
			}
		}
		if templates != "" && isDir(templates) {
			dirs = append(dirs, templates)
			entries, err := readDir(templates)
			if err != nil && failed == nil {
				failed = err
			}
			for _, e := range entries {
				if e.IsDir() && !hiddenDir(e.Name()) {
					dirs = append(dirs, filepath.Join(templates, e.Name()))
				}
			}
		}
		return dirs, failed
	}
}

// readDir is os.ReadDir; tests make it fail.
var readDir = os.ReadDir

func isYear(name string) bool {
	if len(name) != 4 {
		return false
	}
	for _, r := range name {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}
