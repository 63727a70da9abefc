// Package fslock is an exclusive lock on a directory shared by jifen
// processes, released by the operating system when its holder dies: a build
// killed with SIGKILL never leaves a lock behind, so the next build can tell
// a dead build's leftovers (temp folders, half-swapped trees) from a live
// one's.
//
// On Unix the lock is flock(2) on the directory itself and leaves no file.
// On Windows it is a hidden file .jifen.lock in the directory, opened
// without sharing and deleted when closed.
package fslock

import (
	"context"
	"errors"
	"time"
)

// ErrUnsupported is returned when the file system offers no locks (some
// network shares); callers go on without one.
var ErrUnsupported = errors.New("file system does not support locks")

// Lock takes the lock of dir, waiting while another process (or another
// Lock in this one) holds it, until ctx ends.
func Lock(ctx context.Context, dir string) (unlock func(), err error) {
	wait := 5 * time.Millisecond
	for {
		unlock, ok, err := TryLock(dir)
		if err != nil || ok {
			return unlock, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, 200*time.Millisecond)
	}
}

// TryLock takes the lock of dir if nobody holds it; ok is false if
// somebody does.
func TryLock(dir string) (unlock func(), ok bool, err error) { return tryLock(dir) }
