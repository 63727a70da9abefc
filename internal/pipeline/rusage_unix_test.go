//go:build unix

package pipeline

import (
	"os"
	"runtime"
	"syscall"
)

// peakMiB is a finished child's peak resident memory.
func peakMiB(ps *os.ProcessState) (int64, bool) {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, false
	}
	peak := int64(ru.Maxrss) // KiB on Linux
	if runtime.GOOS == "darwin" {
		peak /= 1024 // bytes on macOS
	}
	return peak / 1024, true
}
