//go:build unix

package publish

import (
	"fmt"
	"os"
	"syscall"
)

// treeID identifies a folder across renames (device and inode), so the
// journal can tell which of two names holds the new tree after an
// exchange; "" when it cannot be found.
func treeID(path string) string {
	fi, err := os.Lstat(path)
	if err != nil {
		return ""
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	return fmt.Sprintf("%d:%d", st.Dev, st.Ino)
}
