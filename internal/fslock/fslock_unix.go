//go:build unix

package fslock

import (
	"errors"
	"os"
	"syscall"
)

func tryLock(dir string) (func(), bool, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, false, err
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	switch {
	case err == nil:
		return func() { f.Close() }, true, nil // closing the last descriptor releases the lock
	case errors.Is(err, syscall.EWOULDBLOCK):
		f.Close()
		return nil, false, nil
	case errors.Is(err, syscall.ENOLCK), errors.Is(err, syscall.EOPNOTSUPP), errors.Is(err, syscall.EINVAL):
		f.Close()
		return nil, false, ErrUnsupported
	}
	f.Close()
	return nil, false, err
}
