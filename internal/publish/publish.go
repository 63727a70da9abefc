// Package publish replaces output folders as a whole (issue 14 F3): a
// build writes its trees into temporary siblings and swaps them in at the
// end, so a reader — a web server, the preview, a committee member with a
// PDF open — sees the previous outputs or the new ones, never half of
// each, and a failed, interrupted or killed build costs nothing.
//
//	p, err := publish.Begin(ctx, "site", "reports") // lock, finish, sweep
//	defer p.Abort()                                  // a build that fails publishes nothing
//	dir, err := p.Dir("site")                        // build into dir …
//	err = p.Commit()                                 // swap every tree in
//
// The rules that keep a killed build from costing anything:
//
//   - A publication holds the lock (internal/fslock) of every output's
//     parent folder from Begin (before the build reads its data) until
//     Commit or Abort, so builds of the same outputs take turns, and every
//     .site.new-*, .site.old-* found under the lock belongs to a build
//     that is gone: Begin removes it.
//   - Before the first swap, Commit writes a journal (.site.publish) next
//     to every output, naming each swap. A build killed during the swaps
//     is finished by the next Begin, which reads the journal first: site
//     and reports are always of one build once any build has started again.
//   - A swap that fails with an ordinary error (a folder held open on
//     Windows) undoes the swaps before it: every output stays as it was.
//   - On Linux a swap is one renameat2(RENAME_EXCHANGE): the output folder
//     never stops existing, not even for a moment. Elsewhere it is two
//     renames (final → .old-N, .new-N → final), and a kill between them
//     leaves the journal that puts the new tree in place.
//
// Only folders jifen made are ever replaced: each tree carries Marker, and
// CheckOwned refuses any other non-empty folder (`--out .` must never wipe
// a user's folder).
package publish

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/jifen-dev/jifen/internal/fslock"
	"github.com/jifen-dev/jifen/internal/model"
)

// Marker is written into every output tree so that jifen only ever
// replaces folders it made itself.
const Marker = ".jifen-output"

// CheckOwned refuses a folder jifen may not replace: one that exists, is
// not empty and does not carry Marker. A folder that does not exist yet is
// fine.
func CheckOwned(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, Marker)); err != nil {
		return model.UserErrorf(model.KindFixable, "输出目录 %s 已存在且不是 jifen 生成的，为免误删请换一个目录或先清空它", dir)
	}
	return nil
}

// Within reports whether path p is dir or lies inside it.
func Within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// Publication is one build's replacement of its output folders, from
// Begin to Commit or Abort.
type Publication struct {
	ctx   context.Context
	temps map[string]string // final dir → temp dir
	order []string          // finals in the order of Dir
	ended bool

	prepared   map[string]bool // absolute finals locked, finished and swept
	lockedDirs []string
	unlocks    []func()
	unlocked   bool // a file system without locks was met
}

// Begin starts a publication of the folders finals ("" entries are
// skipped): it takes the locks of their parent folders (waiting for
// another build until ctx ends), finishes a publication a killed build
// left half done, and removes every leftover of killed builds. The
// caller must end it with Commit or Abort; `defer p.Abort()` does for
// every path, as Abort after Commit does nothing.
func Begin(ctx context.Context, finals ...string) (*Publication, error) {
	p := &Publication{ctx: ctx}
	if err := p.prepare(finals...); err != nil {
		p.Abort()
		return nil, err
	}
	return p, nil
}

// prepare takes the locks of the finals' parent folders (in sorted order,
// so two builds never wait on each other), finishes a publication a killed
// build left half done, and removes every leftover of killed builds.
func (p *Publication) prepare(finals ...string) error {
	var parents, fresh []string
	for _, final := range finals {
		if final == "" {
			continue
		}
		abs, err := filepath.Abs(final)
		if err != nil {
			return err
		}
		if p.prepared[abs] {
			continue
		}
		if p.prepared == nil {
			p.prepared = map[string]bool{}
		}
		p.prepared[abs] = true
		fresh = append(fresh, abs)
		parents = append(parents, filepath.Dir(abs))
	}
	slices.Sort(parents)
	parents = slices.Compact(parents)
	for _, parent := range parents {
		if slices.Contains(p.lockedDirs, parent) {
			continue
		}
		if err := os.MkdirAll(parent, 0o755); err != nil {
			return err
		}
		unlock, err := fslock.Lock(p.ctx, parent)
		switch {
		case errors.Is(err, fslock.ErrUnsupported):
			p.unlocked = true // a share without locks: sweep only old leftovers
		case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
			return model.UserErrorf(model.KindFixable, "等待另一个 jifen 生成完成时中断：%w", err)
		case err != nil:
			return fmt.Errorf("lock %s: %w", parent, err)
		default:
			p.unlocks = append(p.unlocks, unlock)
		}
		p.lockedDirs = append(p.lockedDirs, parent)
	}
	for _, final := range fresh {
		if err := finishJournal(journalPath(final)); err != nil {
			return err
		}
	}
	for _, final := range fresh {
		restoreOld(final)
		p.sweep(final)
	}
	return nil
}

// Dir makes an empty sibling of final, marked as jifen's, for the build
// to write final's new tree into; renaming it into place later stays on
// one file system. A final not named to Begin is locked and swept first.
func (p *Publication) Dir(final string) (string, error) {
	if err := p.prepare(final); err != nil {
		return "", err
	}
	abs, err := filepath.Abs(final)
	if err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp(filepath.Dir(abs), "."+filepath.Base(abs)+".new-")
	if err != nil {
		return "", err
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, Marker), []byte("jifen\n"), 0o644); err != nil {
		return "", err
	}
	if p.temps == nil {
		p.temps = map[string]string{}
	}
	p.temps[final] = dir
	p.order = append(p.order, final)
	return dir, nil
}

// Commit swaps every tree made by Dir into place, under the journal, and
// ends the publication. If a swap fails, the swaps before it are undone:
// every output stays as it was, and the error says so.
func (p *Publication) Commit() error {
	var j journal
	for _, final := range p.order {
		tmp := p.temps[final]
		abs, err := filepath.Abs(final)
		if err != nil {
			p.Abort()
			return err
		}
		j.Swaps = append(j.Swaps, swap{Final: abs, New: tmp, Old: oldName(abs, tmp), NewID: treeID(tmp)})
	}
	if err := p.commit(j); errors.Is(err, errCrash) {
		return err // a kill: nothing more runs, not even the cleanup
	} else if err != nil {
		p.Abort()
		return err
	}
	p.temps, p.order = nil, nil
	p.Abort() // nothing left to remove: lets the next build in
	return nil
}

func (p *Publication) commit(j journal) error {
	for _, s := range j.Swaps {
		if err := writeJournal(journalPath(s.Final), j); err != nil {
			removeJournals(j)
			return err
		}
	}
	if crashed("journal") {
		return errCrash
	}
	for i, s := range j.Swaps {
		if err := s.apply(); errors.Is(err, errCrash) {
			return err
		} else if err != nil {
			// Undo the swaps done so far: the previous outputs stay as they were.
			for k := i - 1; k >= 0; k-- {
				_ = j.Swaps[k].undo()
			}
			removeJournals(j)
			return replaceError(s.Final, err)
		}
	}
	if crashed("swapped") {
		return errCrash
	}
	removeJournals(j)
	for _, s := range j.Swaps {
		_ = os.RemoveAll(s.Old)
	}
	return nil
}

// Abort ends a publication that did not commit: the temporary trees are
// removed, the previous outputs stay as they were, and the locks are
// released so the next build can go on. After Commit it does nothing.
func (p *Publication) Abort() {
	if p == nil || p.ended {
		return
	}
	p.ended = true
	for _, tmp := range p.temps {
		_ = os.RemoveAll(tmp)
	}
	p.temps, p.order = nil, nil
	for i := len(p.unlocks) - 1; i >= 0; i-- {
		p.unlocks[i]()
	}
	p.unlocks, p.lockedDirs, p.prepared = nil, nil, nil
}

// crashAt, set by tests, stops a publication at the named step as a kill
// would: nothing after it runs, not even cleanup of the step's own work.
var crashAt func(step string) bool

var errCrash = errors.New("crashed (test)")

// failAt, set by tests, makes the rename or exchange of from to to fail
// with the error it returns, as the system would (a folder held open).
var failAt func(op, from, to string) error

// testNoExchange makes tests take the two-rename swap of other systems.
var testNoExchange bool

func crashed(step string) bool { return crashAt != nil && crashAt(step) }

// errNoExchange says the file system cannot exchange two names at once.
var errNoExchange = errors.New("exchange not supported")

// journal names the swaps of one publication.
type journal struct {
	Swaps []swap `json:"swaps"`
}

// swap moves the tree New into Final; the tree Final held goes to Old.
// NewID identifies the new tree (device and inode) so that a recovering
// build can tell which name holds it after an exchange, which leaves both
// names in place; "" where there are no inodes (Windows), where the steps
// of the two-rename swap are told apart by names.
type swap struct {
	Final string `json:"final"`
	New   string `json:"new"`
	Old   string `json:"old"`
	NewID string `json:"new_id,omitempty"`
}

// journalPath is where the journal of a publication touching final waits.
func journalPath(final string) string {
	return filepath.Join(filepath.Dir(final), "."+filepath.Base(final)+".publish")
}

// apply performs the swap; it is idempotent, so the next build can finish a
// journal whatever step the killed one reached.
func (s swap) apply() error {
	if s.NewID != "" {
		if treeID(s.Final) == s.NewID {
			// Already exchanged: the old tree is under the temp name.
			if err := rename(s.New, s.Old); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
			return nil
		}
		if treeID(s.New) != s.NewID {
			return nil // nothing of this publication left to move
		}
		if _, err := os.Lstat(s.Final); err != nil {
			return rename(s.New, s.Final)
		}
		err := errNoExchange
		if !testNoExchange {
			err = exchangeOrFail(s.New, s.Final)
		}
		if errors.Is(err, errNoExchange) {
			return s.renames()
		}
		if err != nil {
			return err
		}
		if crashed("exchanged " + s.Final) {
			return errCrash
		}
		return rename(s.New, s.Old)
	}
	if _, err := os.Lstat(s.New); err != nil {
		return nil // moved in already
	}
	return s.renames()
}

// renames is the swap where exchange is not available: final → old,
// new → final. Between the two the folder is missing; the journal makes the
// next build finish it.
func (s swap) renames() error {
	if _, err := os.Lstat(s.Final); err == nil {
		if err := rename(s.Final, s.Old); err != nil {
			return err
		}
		if crashed("moved aside " + s.Final) {
			return errCrash
		}
	}
	if err := rename(s.New, s.Final); err != nil {
		_ = rename(s.Old, s.Final)
		return err
	}
	return nil
}

// undo puts the previous tree back after a later swap failed.
func (s swap) undo() error {
	if err := rename(s.Final, s.New); err != nil {
		return err
	}
	if _, err := os.Lstat(s.Old); err == nil {
		return rename(s.Old, s.Final)
	}
	return nil
}

// finishJournal completes the publication a killed build left half done.
func finishJournal(path string) error {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var j journal
	if json.Unmarshal(b, &j) != nil {
		return os.Remove(path) // torn before it was renamed into place: nothing was swapped
	}
	for _, s := range j.Swaps {
		if err := s.apply(); err != nil {
			return replaceError(s.Final, err)
		}
	}
	removeJournals(j)
	_ = os.Remove(path)
	return nil
}

// writeJournal writes j at path atomically (temp file, then rename).
func writeJournal(path string, j journal) error {
	b, err := json.Marshal(j)
	if err != nil {
		return err
	}
	tmp := path + ".tmp-" + randomHex()
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

func removeJournals(j journal) {
	for _, s := range j.Swaps {
		_ = os.Remove(journalPath(s.Final))
	}
}

func randomHex() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// oldName is where the previous tree waits while the new one moves in.
func oldName(final, tmp string) string {
	base := filepath.Base(filepath.Clean(final))
	suffix := strings.TrimPrefix(filepath.Base(tmp), "."+base+".new-")
	return filepath.Join(filepath.Dir(filepath.Clean(final)), "."+base+".old-"+suffix)
}

// restoreOld puts back a previous tree that lost its name without a
// journal to say why (a build of an older jifen killed between its two
// renames): the output folder must exist again.
func restoreOld(final string) {
	if _, err := os.Lstat(final); err == nil || !errors.Is(err, os.ErrNotExist) {
		return
	}
	parent := filepath.Dir(final)
	prefix := "." + filepath.Base(final) + ".old-"
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), prefix) {
			if os.Rename(filepath.Join(parent, e.Name()), final) == nil {
				return
			}
		}
	}
}

// sweep removes what killed builds left next to final: temp trees
// (.site.new-*), previous trees (.site.old-*) and torn journals. Under the
// lock they are all dead; without locks (a share that has none) only those
// untouched for ten minutes are, as a running build refreshes its own.
func (p *Publication) sweep(final string) {
	parent := filepath.Dir(final)
	base := "." + filepath.Base(final)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, base+".new-") && !strings.HasPrefix(name, base+".old-") &&
			!strings.HasPrefix(name, base+".publish.tmp-") {
			continue
		}
		if p.unlocked {
			if fi, err := e.Info(); err != nil || time.Since(fi.ModTime()) < 10*time.Minute {
				continue
			}
		}
		_ = os.RemoveAll(filepath.Join(parent, name))
	}
}

// rename retries for about two seconds: on Windows a folder cannot be
// renamed while a program (a PDF viewer, the preview server, a console
// whose current folder it is) has a file in it open.
func rename(from, to string) error {
	var err error
	for wait := 50 * time.Millisecond; ; wait *= 2 {
		if err = renameOrFail(from, to); err == nil || errors.Is(err, os.ErrNotExist) || wait > time.Second {
			return err
		}
		time.Sleep(wait)
	}
}

func renameOrFail(from, to string) error {
	if failAt != nil {
		if err := failAt("rename", from, to); err != nil {
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
		}
	}
	return os.Rename(from, to)
}

func exchangeOrFail(a, b string) error {
	if failAt != nil {
		if err := failAt("exchange", a, b); err != nil {
			return &os.LinkError{Op: "exchange", Old: a, New: b, Err: err}
		}
	}
	return exchange(a, b)
}

// replaceError says that final could not be replaced and that nothing was.
func replaceError(final string, err error) error {
	return &model.UserError{Kind: model.KindFixable, Err: err,
		Message: fmt.Sprintf("无法替换输出目录 %s（%v）：请关闭正在打开其中文件的程序（如 PDF 阅读器）后重试；上次的输出保持不变", final, err)}
}
