package pipeline

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
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
			return fmt.Errorf("输出目录 %s 与数据目录 %s 重叠：jifen 不向数据目录写入任何文件", out, cfg.Data)
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
			return fmt.Errorf("输出目录 %s 已存在且不是 jifen 生成的，为免误删请换一个目录或先清空它", out)
		}
	}
	if cfg.Out != "" && cfg.Reports != "" {
		a, _ := filepath.Abs(cfg.Out)
		b, _ := filepath.Abs(cfg.Reports)
		if within(a, b) || within(b, a) {
			return fmt.Errorf("公开网站目录 %s 与支委会报表目录 %s 不能相互包含", cfg.Out, cfg.Reports)
		}
	}
	return nil
}

// within reports whether path p is dir or lies inside it.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// tempDir makes an empty sibling of final to build into; renaming it into
// place later stays on one file system.
func (st *stage) tempDir(final string) (string, error) {
	parent := filepath.Dir(filepath.Clean(final))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", err
	}
	recoverOld(final)
	removeStale(parent, "."+filepath.Base(final)+".new-")
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(final)+".new-")
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

// publish swaps every temp folder into place: final → old, temp → final,
// remove old. rename(2) cannot replace a non-empty folder, hence the dance.
// If a later swap fails, the earlier ones are rolled back. A crash between
// the two renames leaves the old tree under its .old- name, which the next
// build puts back (recoverOld).
func (st *stage) publish() error {
	type swap struct{ final, old string }
	var done []swap
	rollback := func() {
		for i := len(done) - 1; i >= 0; i-- {
			s := done[i]
			_ = rename(s.final, st.temps[s.final])
			if s.old != "" {
				_ = rename(s.old, s.final)
			}
		}
	}
	for _, final := range st.order {
		tmp := st.temps[final]
		old := ""
		if _, err := os.Lstat(final); err == nil {
			old = oldName(final, tmp)
			if err := rename(final, old); err != nil {
				rollback()
				return replaceError(final, err)
			}
		}
		if err := rename(tmp, final); err != nil {
			if old != "" {
				_ = rename(old, final)
			}
			rollback()
			return replaceError(final, err)
		}
		done = append(done, swap{final, old})
	}
	for _, s := range done {
		if s.old != "" {
			_ = os.RemoveAll(s.old)
		}
		delete(st.temps, s.final)
	}
	return nil
}

// oldName is where the previous tree waits while the new one moves in.
func oldName(final, tmp string) string {
	base := filepath.Base(filepath.Clean(final))
	suffix := strings.TrimPrefix(filepath.Base(tmp), "."+base+".new-")
	return filepath.Join(filepath.Dir(filepath.Clean(final)), "."+base+".old-"+suffix)
}

// recoverOld puts back the previous tree when a build was killed between
// its two renames, so a crash never loses the last good site.
func recoverOld(final string) {
	if _, err := os.Lstat(final); err == nil || !errors.Is(err, os.ErrNotExist) {
		return
	}
	parent := filepath.Dir(filepath.Clean(final))
	prefix := "." + filepath.Base(filepath.Clean(final)) + ".old-"
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
	return fmt.Errorf("无法替换输出目录 %s（%v）：请关闭正在打开其中文件的程序（如 PDF 阅读器）后重试；上次的输出保持不变", final, err)
}

// cleanup removes temp folders of a build that did not publish.
func (st *stage) cleanup() {
	for _, tmp := range st.temps {
		_ = os.RemoveAll(tmp)
	}
}

// removeStale deletes temp folders left by a build that was killed (a
// cancelled build cleans up after itself); recent ones may belong to a build
// running in another process and are left alone.
func removeStale(parent, prefix string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		if fi, err := e.Info(); err == nil && time.Since(fi.ModTime()) > 10*time.Minute {
			_ = os.RemoveAll(filepath.Join(parent, e.Name()))
		}
	}
}
