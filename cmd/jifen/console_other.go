//go:build !windows

package main

// ownConsole is false outside Windows: a terminal outlives the programs it
// runs (macOS keeps a double-clicked program's Terminal window open).
func ownConsole() bool { return false }
