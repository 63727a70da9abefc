package watch

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// poller is the --poll source: it compares the modification time and size
// of every relevant file in the watched folders each Poll. A few dozen
// stats a second cost nothing, and it is the only thing that works on
// network shares and WSL's /mnt/c.
type poller struct {
	r    *runner
	once sync.Once
	prev map[string]stamp // owned by run after the first sync
}

type stamp struct {
	dir   bool
	mtime time.Time
	size  int64
}

func newPoller(r *runner) *poller { return &poller{r: r} }

func (p *poller) close() {}

// sync takes the reference snapshot; Dirs is re-evaluated at every scan.
func (p *poller) sync() {
	p.once.Do(func() { p.prev = p.scan() })
}

// scan records the watched folders (presence only: a lock file changes a
// folder's mtime, which must not build) and their relevant files. It
// returns nil when Dirs fails: that scan is skipped, the next one retries.
func (p *poller) scan() map[string]stamp {
	dirs, err := p.r.o.Dirs()
	if err != nil {
		return nil
	}
	m := map[string]stamp{}
	for _, d := range dirs {
		d = filepath.Clean(d)
		if p.r.ign.match(d) || !isDir(d) {
			continue
		}
		m[d] = stamp{dir: true}
		entries, err := os.ReadDir(d)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if e.IsDir() || !p.r.o.Relevant(e.Name()) {
				continue
			}
			fi, err := e.Info()
			if err != nil {
				continue // removed since ReadDir: the next scan sees it gone
			}
			m[filepath.Join(d, e.Name())] = stamp{mtime: fi.ModTime(), size: fi.Size()}
		}
	}
	return m
}

func (p *poller) run(ctx context.Context) {
	t := time.NewTicker(p.r.o.Poll)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		cur := p.scan()
		if cur == nil {
			continue // Dirs failed: compare with the last good scan next time
		}
		if p.prev == nil || !sameStamps(cur, p.prev) {
			p.r.kick()
		}
		p.prev = cur
	}
}

func sameStamps(a, b map[string]stamp) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok || !v.mtime.Equal(w.mtime) || v.size != w.size || v.dir != w.dir {
			return false
		}
	}
	return true
}
