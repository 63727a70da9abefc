//go:build unix

package watch

import "syscall"

// cpuSeconds is the user and system time this process has used: on a
// shared machine it says what a stage costs better than the wall clock.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
