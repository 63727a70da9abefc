//go:build unix

package load

import (
	"os"
	"syscall"
)

// openNonblock opens for reading without waiting: opening a FIFO with no
// writer would otherwise block forever. Regular files ignore the flag.
func openNonblock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
