package main

// One start per folder (SPEC §5, PITFALLS §9): two double-clicks are the
// normal case, and two watchers on one folder rebuild twice and race. The
// first start of a folder holds a lock, and writes the address of its
// preview beside it; a second start finds the lock held, opens the browser
// at that address and exits, without touching the folder. Both live in the
// user's cache folder, keyed by the folder's absolute path, never in the
// data folder (read-only shares, sync clients, the committee's backups).
// The lock is the operating system's (internal/fslock): a start that was
// killed leaves none behind.

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jifen-dev/jifen/internal/fslock"
)

// instanceWait is how long a second start waits for the first one to say
// where its preview is (it does so right after opening its port).
var instanceWait = 15 * time.Second

// instance is this process's claim on a folder.
type instance struct {
	dir    string // the lock's folder in the cache
	unlock func()
}

// instanceDir is the cache folder of the start of folder (an absolute
// path): one per folder, its name a hash of the path.
func instanceDir(folder string) (string, error) {
	base, err := os.UserCacheDir()
	if err != nil || !filepath.IsAbs(base) {
		base = os.TempDir()
	}
	key := filepath.Clean(folder)
	if p, err := filepath.EvalSymlinks(key); err == nil {
		key = p
	}
	if filepath.Separator == '\\' {
		key = strings.ToLower(key) // Windows paths are case-insensitive
	}
	sum := sha256.Sum256([]byte(key))
	dir := filepath.Join(base, "jifen", "instances", hex.EncodeToString(sum[:12]))
	return dir, os.MkdirAll(dir, 0o700)
}

// claimInstance claims folder for this start. When another start holds it,
// running is the address of that start's preview and inst is nil. Without
// a usable cache folder or locks (some network home folders) the start
// goes on unclaimed: inst is a no-op then.
func claimInstance(folder string) (inst *instance, running string, err error) {
	dir, err := instanceDir(folder)
	if err != nil {
		return &instance{}, "", nil
	}
	unlock, ok, err := fslock.TryLock(dir)
	if err != nil {
		return &instance{}, "", nil
	}
	if ok {
		// A start that was killed left its address: it is not running.
		os.Remove(filepath.Join(dir, "url"))
		return &instance{dir: dir, unlock: unlock}, "", nil
	}
	deadline := time.Now().Add(instanceWait)
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "url")); err == nil && strings.HasPrefix(string(b), "http://") {
			return nil, strings.TrimSpace(string(b)), nil
		}
		if time.Now().After(deadline) {
			return nil, "", errors.New("另一个 jifen 正在使用这个文件夹，但没有给出预览地址；请关闭其他 jifen 窗口后再试")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// announce tells later starts where this start's preview is.
func (i *instance) announce(url string) error {
	if i.dir == "" {
		return nil
	}
	tmp := filepath.Join(i.dir, "url.tmp")
	if err := os.WriteFile(tmp, []byte(url+"\n"), 0o600); err != nil {
		return fmt.Errorf("记录预览地址：%w", err)
	}
	return os.Rename(tmp, filepath.Join(i.dir, "url"))
}

// release gives the folder up.
func (i *instance) release() {
	if i.dir == "" {
		return
	}
	os.Remove(filepath.Join(i.dir, "url"))
	i.unlock()
}
