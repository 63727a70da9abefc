package watch

import "time"

// retryDelays is the back-off for a workbook caught half-saved: an
// in-place writer needed up to five reads 600 ms apart (PITFALLS §3), and
// 3.1 s in all covers the slowest save observed.
var retryDelays = []time.Duration{
	100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond,
	800 * time.Millisecond, 1600 * time.Millisecond,
}
