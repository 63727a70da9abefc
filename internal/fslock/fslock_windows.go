//go:build windows

package fslock

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
)

const (
	fileFlagDeleteOnClose = 0x04000000
	errorSharingViolation = syscall.Errno(32)
)

func tryLock(dir string) (func(), bool, error) {
	path := filepath.Join(dir, ".jifen.lock")
	name, err := syscall.UTF16PtrFromString(path)
	if err != nil {
		return nil, false, err
	}
	// No sharing: a second open fails with a sharing violation while the
	// first is open; the file goes when its handle closes, also when the
	// process is killed.
	h, err := syscall.CreateFile(name, syscall.GENERIC_READ|syscall.GENERIC_WRITE, 0, nil,
		syscall.OPEN_ALWAYS, syscall.FILE_ATTRIBUTE_HIDDEN|fileFlagDeleteOnClose, 0)
	switch {
	case err == nil:
		return func() { syscall.CloseHandle(h) }, true, nil
	case errors.Is(err, errorSharingViolation):
		return nil, false, nil
	case errors.Is(err, syscall.ERROR_ACCESS_DENIED):
		// The file may be pending deletion by a holder closing it; if it
		// does not exist, the folder itself refuses us.
		if _, serr := os.Lstat(path); serr == nil {
			return nil, false, nil
		}
	}
	return nil, false, err
}
