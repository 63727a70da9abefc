package render

import (
	"errors"
	"runtime"
	"testing"
)

// TestWriteAllFirstErrorCancels: the pools' one failure rule. On one
// worker the order is fixed: the first page fails, and no later page is
// made.
func TestWriteAllFirstErrorCancels(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	bad := errors.New("template: member.html: boom")
	made := 0
	var pages []pageJob
	for i := range 5 {
		pages = append(pages, func() (*Page, error) {
			made++
			if i == 0 {
				return nil, bad
			}
			return nil, errors.New("a later page was made")
		})
	}
	r := &renderer{in: &Input{}}
	n, err := r.writeAll(t.TempDir(), pages)
	if !errors.Is(err, bad) || n != 0 {
		t.Errorf("writeAll = %d, %v; want 0, the first page's error", n, err)
	}
	if made != 1 {
		t.Errorf("%d pages made, want 1: a failure cancels the pages not yet started", made)
	}
}
