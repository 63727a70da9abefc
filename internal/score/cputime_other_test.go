//go:build !unix

package score_test

func cpuTime() int64 { return 0 }
