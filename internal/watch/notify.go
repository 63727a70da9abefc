package watch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// notifier is the fsnotify source: one watcher for the process (each
// watcher is an inotify instance; PITFALLS §3), over directories only.
type notifier struct {
	r       *runner
	w       *fsnotify.Watcher
	mu      sync.Mutex
	watched map[string]bool // cleaned directory paths currently added
	failed  map[string]bool // directories whose Add failed, reported once
	rearm   chan struct{}   // Dirs failed: ask again after RetryDelay
	listErr string          // the last Dirs failure, reported once
}

func newNotifier(r *runner) (*notifier, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	return &notifier{r: r, w: w, watched: map[string]bool{}, failed: map[string]bool{}, rearm: make(chan struct{}, 1)}, nil
}

func (n *notifier) close() { n.w.Close() }

// windowsBuffer enlarges ReadDirectoryChangesW's buffer (64 KB by default)
// so that copying a year's folder in does not overflow it; other systems
// ignore the option.
const windowsBuffer = 256 << 10

// sync watches the directories Dirs lists now and forgets those gone.
func (n *notifier) sync() { n.syncAdded() }

// syncAdded is sync, reporting whether a directory was newly added. When
// Dirs fails, the directories it could not list keep their watches while
// they exist (a transient failure must not silence a year folder until
// some folder is created) and the run loop asks again after RetryDelay.
func (n *notifier) syncAdded() bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	dirs, err := n.r.o.Dirs()
	if err != nil {
		if msg := err.Error(); msg != n.listErr {
			n.listErr = msg
			fmt.Fprintf(n.r.o.Log, "无法读取文件夹（%v），稍后重试\n", err)
		}
		select {
		case n.rearm <- struct{}{}:
		default:
		}
	} else {
		n.listErr = ""
	}
	want := map[string]bool{}
	for _, d := range dirs {
		d = filepath.Clean(d)
		if n.r.ign.match(d) || !isDir(d) {
			continue
		}
		want[d] = true
	}
	for d := range n.watched {
		if !want[d] && (err == nil || gone(d)) {
			// A deleted directory has already lost its watch; ignore
			// ErrNonExistentWatch.
			_ = n.w.Remove(d)
			delete(n.watched, d)
		}
	}
	added := false
	for d := range want {
		if n.watched[d] {
			continue
		}
		if err := n.w.AddWith(d, fsnotify.WithBufferSize(windowsBuffer)); err != nil {
			if !n.failed[d] {
				n.failed[d] = true
				// ENOSPC here means fs.inotify.max_user_watches is exhausted.
				fmt.Fprintf(n.r.o.Log, "无法监视文件夹 %s：%v（可改用 --poll）\n", d, err)
			}
			continue
		}
		delete(n.failed, d)
		n.watched[d] = true
		added = true
	}
	return added
}

// gone reports whether directory d is known not to exist any more; any
// other failure to look at it is no proof.
func gone(d string) bool {
	fi, err := os.Stat(d)
	if err != nil {
		return errors.Is(err, os.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)
	}
	return !fi.IsDir()
}

func (n *notifier) isWatched(p string) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.watched[filepath.Clean(p)]
}

func (n *notifier) run(ctx context.Context) {
	var retry <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case <-n.rearm:
			if retry == nil {
				retry = time.After(RetryDelay)
			}
		case <-retry:
			retry = nil
			// Build once the folders can be listed again: the build that
			// met the failure, if any, failed too, and a folder made
			// meanwhile is only now watched.
			n.sync()
			if !n.failing() {
				n.r.kick()
			}
		case err, ok := <-n.w.Errors:
			if !ok {
				return
			}
			// Overflow (ErrEventOverflow) means events were lost: look at
			// everything again. Other errors are rare and call for the same.
			if !errors.Is(err, fsnotify.ErrEventOverflow) {
				fmt.Fprintf(n.r.o.Log, "监视出错：%v，重新检查全部文件\n", err)
			}
			n.sync()
			n.r.kick()
		case ev, ok := <-n.w.Events:
			if !ok {
				return
			}
			n.handle(ev)
		}
	}
}

// failing reports whether the last Dirs call failed.
func (n *notifier) failing() bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.listErr != ""
}

// handle decides what one event means.
func (n *notifier) handle(ev fsnotify.Event) {
	// Attributes only: touch, antivirus, Spotlight, the CHMOD after a
	// LibreOffice rename. The content did not change.
	if ev.Op&^fsnotify.Chmod == 0 || n.r.ign.match(ev.Name) {
		return
	}
	switch {
	case ev.Has(fsnotify.Create):
		if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
			// A new year folder (`new-year`, a copy, a rename of 新建文件夹):
			// watch it, then build, which reads whatever landed in it
			// before the watch existed.
			if n.syncAdded() {
				n.r.kick()
			}
			return
		}
	case ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename):
		if n.isWatched(ev.Name) {
			// A year folder deleted or renamed away.
			n.sync()
			n.r.kick()
			return
		}
	}
	if !n.r.o.Relevant(ev.Name) {
		return
	}
	// A workbook that appears whole — renamed onto its name, as Excel,
	// WPS and LibreOffice finish a save — is built at once. Writes into a
	// file, and a file created empty and then written, wait for quiet.
	if ev.Has(fsnotify.Create) && whole(ev.Name) {
		n.r.kickSaved()
		return
	}
	n.r.kick()
}

// whole reports whether a file just created is complete: a workbook (a zip)
// must end with its end-of-central-directory record, which a writer puts
// last; other relevant files (Markdown, templates) are whole when created
// non-empty. A file still being written reads as not whole.
func whole(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Size() == 0 {
		return false
	}
	if !strings.EqualFold(filepath.Ext(path), ".xlsx") {
		return true
	}
	// The record is 22 bytes, followed by a comment office files leave empty.
	const eocd, tail = 22, 1024
	n := min(fi.Size(), tail)
	buf := make([]byte, n)
	if _, err := f.ReadAt(buf, fi.Size()-n); err != nil {
		return false
	}
	i := bytes.LastIndex(buf, []byte("PK\x05\x06"))
	if i < 0 || len(buf)-i < eocd {
		return false
	}
	comment := int(buf[i+20]) | int(buf[i+21])<<8
	return i+eocd+comment == len(buf)
}
