package load

import "errors"

// ReadRegular reads a file of the data folder the way workbooks are read:
// a regular file only (not a FIFO or a device, which would block or never
// end), at most max bytes. The error is Chinese advice naming the file as
// what ("记录文件「x」"), for other readers of the data folder (the
// publication archive, internal/archive).
func ReadRegular(path string, max int64, what string) ([]byte, error) {
	b, size, err := readRegular(path, max)
	if err != nil {
		return nil, errors.New(readProblem(what, err, size, max))
	}
	return b, nil
}
