//go:build unix

package pipeline

import (
	"os"
	"runtime"
	"syscall"
)

// cpuSeconds is the user and system time this process has used: on a
// shared machine it says what a stage costs better than the wall clock.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

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
