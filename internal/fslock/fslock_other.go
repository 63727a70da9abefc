//go:build !unix && !windows

package fslock

func tryLock(dir string) (func(), bool, error) { return nil, false, ErrUnsupported }
