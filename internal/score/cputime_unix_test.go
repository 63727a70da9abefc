//go:build unix

package score_test

import "syscall"

// cpuTime is the process's user+system CPU time in nanoseconds; benchmarks
// report it per op because wall time is meaningless on a shared 2-core box.
func cpuTime() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
