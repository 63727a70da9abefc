package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/jifen-dev/jifen/internal/model"
)

// TestRunJobsOrder: the documents render in parallel, and their findings
// come back in queue order whatever order the jobs finish in.
func TestRunJobsOrder(t *testing.T) {
	dir := t.TempDir()
	st := &stage{ctx: context.Background()}
	const n = 64
	for i := range n {
		st.jobs = append(st.jobs, docJob{path: filepath.Join(dir, fmt.Sprintf("%02d.pdf", i)), pdf: true,
			render: func(w io.Writer) (model.Findings, error) {
				for range (n - i) % 7 {
					runtime.Gosched() // finish out of order
				}
				var fs model.Findings
				fs.Warnf(model.Pos{File: "x.xlsx", Row: i + 1}, "job %d", i)
				_, err := io.WriteString(w, "%PDF")
				return fs, err
			}})
	}
	if err := st.runJobs(); err != nil {
		t.Fatal(err)
	}
	if len(st.findings) != n || st.pdfs != n {
		t.Fatalf("%d findings, %d PDFs; want %d of each", len(st.findings), st.pdfs, n)
	}
	for i, f := range st.findings {
		if want := fmt.Sprintf("job %d", i); f.Message != want {
			t.Fatalf("finding %d = %q, want %q: findings out of queue order", i, f.Message, want)
		}
	}
}

// TestRunJobsFirstErrorCancels: the pools' one failure rule. On one worker
// the order is fixed: the first job fails, and no later job starts.
func TestRunJobsFirstErrorCancels(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	dir := t.TempDir()
	st := &stage{ctx: context.Background()}
	disk := errors.New("no space left on device")
	ran := 0
	for i := range 5 {
		st.jobs = append(st.jobs, docJob{path: filepath.Join(dir, fmt.Sprintf("%d.pdf", i)),
			render: func(w io.Writer) (model.Findings, error) {
				ran++
				if i == 0 {
					return nil, disk
				}
				return nil, nil
			}})
	}
	err := st.runJobs()
	if !errors.Is(err, disk) || !strings.Contains(err.Error(), "render 0.pdf") {
		t.Errorf("runJobs = %v, want the first job's error, naming its file", err)
	}
	if ran != 1 {
		t.Errorf("%d jobs ran, want 1: a failure cancels the jobs not yet started", ran)
	}
}
