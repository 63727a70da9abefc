package pipeline

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

// marker is written into every output tree so that jifen only ever replaces
// folders it made itself: `--out .` must never wipe a user's folder.
const marker = ".jifen-output"

// checkOutputs refuses output folders that would write into the data folder
// or replace a folder jifen did not make.
func checkOutputs(cfg Config) error {
	data, err := filepath.Abs(cfg.Data)
	if err != nil {
		return err
	}
	for _, out := range []string{cfg.Out, cfg.Reports} {
		if out == "" {
			continue
		}
		abs, err := filepath.Abs(out)
		if err != nil {
			return err
		}
		if within(abs, data) || within(data, abs) {
			return model.UserErrorf(model.KindUsage, "输出目录 %s 与数据目录 %s 重叠：jifen 不向数据目录写入任何文件", out, cfg.Data)
		}
		entries, err := os.ReadDir(out)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		if len(entries) == 0 {
			continue
		}
		if _, err := os.Stat(filepath.Join(out, marker)); err != nil {
			return model.UserErrorf(model.KindFixable, "输出目录 %s 已存在且不是 jifen 生成的，为免误删请换一个目录或先清空它", out)
		}
	}
	if cfg.Out != "" && cfg.Reports != "" {
		a, _ := filepath.Abs(cfg.Out)
		b, _ := filepath.Abs(cfg.Reports)
		if within(a, b) || within(b, a) {
			return model.UserErrorf(model.KindUsage, "公开网站目录 %s 与支委会报表目录 %s 不能相互包含", cfg.Out, cfg.Reports)
		}
	}
	return nil
}

// within reports whether path p is dir or lies inside it.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// Publishing (issue 14 F3). Each output tree is built in a temp sibling
// (.site.new-N) and swapped in at the end. The rules that keep a killed
// build from costing anything:
//
//   - A build holds the lock (internal/fslock) of every output's parent
//     folder from before it reads the data until it is done, so builds of the
//     same outputs take turns, and every .site.new-*, .site.old-* found
//     under the lock belongs to a build that is gone: it is removed.
//   - Before the first swap the build writes a journal (.site.publish) next
//     to every output, naming each swap. A build killed during the swaps
//     is finished by the next one, which reads the journal first: site and
//     reports are always of one build once any build has started again.
//   - On Linux a swap is one renameat2(RENAME_EXCHANGE): the output folder
//     never stops existing, not even for a moment. Elsewhere it is two
//     renames (final → .old-N, .new-N → final), and a kill between them
//     leaves the journal that puts the new tree in place.

// prepare takes the locks of the outputs' parent folders (in sorted
// order, so two builds never wait on each other), finishes a publication a
// killed build left half done, and removes every leftover of killed builds.
func (st *stage) prepare(finals ...string) error {
	var parents, fresh []string
	for _, final := range finals {
		if final == "" {
			continue
		}
		abs, err := filepath.Abs(final)
		if err != nil {
			return err
		}
		if st.prepared[abs] {
			continue
		}
		if st.prepared == nil {
			st.prepared = map[string]bool{}
		}
		st.prepared[abs] = true
		fresh = append(fresh, abs)
		parents = append(parents, filepath.Dir(abs))
	}
	slices.Sort(parents)
	parents = slices.Compact(parents)
	for _, parent := range parents {
		if slices.Contains(st.lockedDirs, parent) {
			continue
		}
		if err := os.MkdirAll(parent, 0o755); err != nil {
			return err
		}
		unlock, err := fslock.Lock(st.ctx, parent)
		switch {
		case errors.Is(err, fslock.ErrUnsupported):
			st.unlocked = true // a share without locks: sweep only old leftovers
		case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
			return model.UserErrorf(model.KindFixable, "等待另一个 jifen 生成完成时中断：%w", err)
		case err != nil:
			return fmt.Errorf("lock %s: %w", parent, err)
		default:
			st.unlocks = append(st.unlocks, unlock)
		}
		st.lockedDirs = append(st.lockedDirs, parent)
	}
	for _, final := range fresh {
		if err := finishJournal(journalPath(final)); err != nil {
			return err
		}
	}
	for _, final := range fresh {
		restoreOld(final)
		st.sweep(final)
	}
	return nil
}

// tempDir makes an empty sibling of final to build into; renaming it into
// place later stays on one file system.
func (st *stage) tempDir(final string) (string, error) {
	if err := st.prepare(final); err != nil {
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
	if err := os.WriteFile(filepath.Join(dir, marker), []byte("jifen\n"), 0o644); err != nil {
		return "", err
	}
	if st.temps == nil {
		st.temps = map[string]string{}
	}
	st.temps[final] = dir
	st.order = append(st.order, final)
	return dir, nil
}

// crashAt, set by tests, stops a publication at the named step as a kill
// would: nothing after it runs, not even cleanup of the step's own work.
var crashAt func(step string) bool

var errCrash = errors.New("crashed (test)")

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

// publish swaps every temp folder into place, under the journal.
func (st *stage) publish() error {
	var j journal
	for _, final := range st.order {
		tmp := st.temps[final]
		abs, err := filepath.Abs(final)
		if err != nil {
			return err
		}
		j.Swaps = append(j.Swaps, swap{Final: abs, New: tmp, Old: oldName(abs, tmp), NewID: treeID(tmp)})
	}
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
	st.temps, st.order = nil, nil
	return nil
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
			err = exchange(s.New, s.Final)
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
func (st *stage) sweep(final string) {
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
		if st.unlocked {
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
		if err = os.Rename(from, to); err == nil || errors.Is(err, os.ErrNotExist) || wait > time.Second {
			return err
		}
		time.Sleep(wait)
	}
}

func replaceError(final string, err error) error {
	return &model.UserError{Kind: model.KindFixable, Err: err,
		Message: fmt.Sprintf("无法替换输出目录 %s（%v）：请关闭正在打开其中文件的程序（如 PDF 阅读器）后重试；上次的输出保持不变", final, err)}
}

// cleanup removes the temp folders of a build that did not publish and
// lets the next build in.
func (st *stage) cleanup() {
	for _, tmp := range st.temps {
		_ = os.RemoveAll(tmp)
	}
	st.temps = nil
	for i := len(st.unlocks) - 1; i >= 0; i-- {
		st.unlocks[i]()
	}
	st.unlocks, st.lockedDirs, st.prepared = nil, nil, nil
}
