package pdf

import (
	"fmt"
	"runtime/metrics"
	"time"
)

// A document that never finishes must not take the machine with it: a
// runaway wrap loop allocated 24 GB in two minutes (issue 24). watch runs
// f and crashes the whole test binary — the only way to stop a goroutine
// that does not return — when it runs longer than limit or the live heap
// grows past heap bytes, naming what ran. The fuzzer records such a crash
// as a failing input. The limits are a guard against hangs, far above what
// any document needs, not a measure of speed.
func watch(what string, limit time.Duration, heap uint64, f func()) {
	done := make(chan struct{})
	go func() {
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		deadline := time.Now().Add(limit)
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case now := <-tick.C:
				metrics.Read(sample)
				if used := sample[0].Value.Uint64(); used > heap {
					panic(fmt.Sprintf("watchdog: %s holds %d MB of heap, budget %d MB", what, used>>20, heap>>20))
				}
				if now.After(deadline) {
					panic(fmt.Sprintf("watchdog: %s still running after %v", what, limit))
				}
			}
		}
	}()
	defer close(done)
	f()
}
