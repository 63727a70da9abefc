//go:build !unix

package publish

// treeID is "" where folders have no stable identity we can read: the
// journal then tells the two-rename swap's steps apart by names alone.
func treeID(path string) string { return "" }
