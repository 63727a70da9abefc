package workbook

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/jifen-dev/jifen/internal/fslock"
)

// excelize spills large parts to temp files and removes them in Close. It
// leaks them when a zip entry holds corrupt data (the file is made, the
// error returned, and no *File comes back to close), and every process
// killed while a big sheet is spilled leaves its files behind. So excelize
// gets a folder of our own: one per process, locked while the process
// lives, with a subfolder per read that is removed after the read, and the
// folders of dead processes are swept when the next one starts.

// tempPrefix names our folders in the system temp folder.
const tempPrefix = "jifen-xlsx-"

// ownerFile is written into a temp root once its lock is held: a root
// without it may be in the middle of being made by another process.
const ownerFile = "jifen-owner"

var tempRoot struct {
	sync.Mutex
	dir    string
	unlock func()
}

// tempDir returns this process's temp root, making it (and sweeping the
// roots of dead processes) on first use.
func tempDir() (string, error) {
	tempRoot.Lock()
	defer tempRoot.Unlock()
	if tempRoot.dir != "" {
		if _, err := os.Stat(tempRoot.dir); err == nil {
			return tempRoot.dir, nil
		}
		// Removed under us (a temp cleaner): make another.
		if tempRoot.unlock != nil {
			tempRoot.unlock()
		}
		tempRoot.dir, tempRoot.unlock = "", nil
	}
	sweepTemp()
	dir, err := os.MkdirTemp("", tempPrefix)
	if err != nil {
		return "", err
	}
	unlock, ok, err := fslock.TryLock(dir)
	if err != nil && err != fslock.ErrUnsupported {
		os.RemoveAll(dir)
		return "", err
	}
	if ok {
		tempRoot.unlock = unlock
	}
	if err := os.WriteFile(filepath.Join(dir, ownerFile), nil, 0o600); err != nil {
		if tempRoot.unlock != nil {
			tempRoot.unlock()
			tempRoot.unlock = nil
		}
		os.RemoveAll(dir)
		return "", err
	}
	tempRoot.dir = dir
	return dir, nil
}

// readTemp makes a folder for one read's spilled parts; done removes it
// with whatever excelize left in it.
func readTemp() (dir string, done func(), err error) {
	root, err := tempDir()
	if err != nil {
		return "", nil, err
	}
	dir, err = os.MkdirTemp(root, "read-")
	if err != nil {
		return "", nil, err
	}
	return dir, func() { os.RemoveAll(dir) }, nil
}

// RemoveTemp removes this process's temp root; the command calls it on its
// way out. Reading again afterwards makes a new one.
func RemoveTemp() {
	tempRoot.Lock()
	defer tempRoot.Unlock()
	if tempRoot.dir == "" {
		return
	}
	if tempRoot.unlock != nil {
		tempRoot.unlock()
	}
	os.RemoveAll(tempRoot.dir)
	tempRoot.dir, tempRoot.unlock = "", nil
}

// sweepTemp removes the temp roots of jifen processes that are gone: their
// lock is free. A root without its owner file is younger than a minute at
// most when its maker is alive, so only older ones go. Where the file
// system has no locks, roots untouched for a day go.
func sweepTemp() {
	base := os.TempDir()
	entries, err := os.ReadDir(base)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), tempPrefix) {
			continue
		}
		dir := filepath.Join(base, e.Name())
		unlock, free, err := fslock.TryLock(dir)
		if err == fslock.ErrUnsupported {
			if fi, err := e.Info(); err == nil && time.Since(fi.ModTime()) > 24*time.Hour {
				os.RemoveAll(dir)
			}
			continue
		}
		if err != nil || !free {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, ownerFile)); err != nil {
			if fi, err := e.Info(); err != nil || time.Since(fi.ModTime()) < time.Minute {
				unlock()
				continue
			}
		}
		unlock() // first: on Windows the lock is a file inside
		os.RemoveAll(dir)
	}
}
