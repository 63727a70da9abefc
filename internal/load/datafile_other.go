//go:build !unix

package load

import "os"

func openNonblock(path string) (*os.File, error) { return os.Open(path) }
