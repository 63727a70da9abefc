//go:build !linux

package publish

// exchange is Linux's; elsewhere publish swaps with two renames.
func exchange(a, b string) error { return errNoExchange }
