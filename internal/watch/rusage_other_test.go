//go:build !unix

package watch

func cpuSeconds() float64 { return 0 }
