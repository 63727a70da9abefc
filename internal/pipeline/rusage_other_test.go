//go:build !unix

package pipeline

import "os"

func cpuSeconds() float64 { return 0 }

func peakMiB(*os.ProcessState) (int64, bool) { return 0, false }
