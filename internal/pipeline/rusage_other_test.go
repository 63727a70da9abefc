//go:build !unix

package pipeline

import "os"

func peakMiB(*os.ProcessState) (int64, bool) { return 0, false }
