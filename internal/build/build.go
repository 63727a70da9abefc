// Package build is jifen's pipeline: it reads the data folder, validates and
// scores every year, renders the public site and the committee reports into
// temporary folders and swaps them in, so a failed or interrupted build
// leaves the previous outputs exactly as they were.
package build

import (
	"context"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
)

// Config is one build's input.
type Config struct {
	Data      string    // data folder
	Out       string    // public site folder ("" = do not render the site: check only)
	Reports   string    // committee folder ("" = do not write reports)
	Templates string    // override folder; default <Data>/../templates when it exists
	AsOf      time.Time // decides closed quarters and years (civil day, UTC)
	Drafts    bool      // also render the open quarter, watermarked
	Now       time.Time // the build's clock for document dates; zero = time.Now()
}

// Report is what a build did.
type Report struct {
	Findings model.Findings
	Members  int // distinct members over all years
	Entries  int // register rows read (entries, claims, deductions)
	Pages    int // HTML pages written
	PDFs     int // PDF documents written
	Elapsed  time.Duration
	BuildID  string // changes with every successful build
}

// Build runs the pipeline once. A non-nil error is an internal failure
// (I/O, a bug); data problems are in Report.Findings, and when any of them
// is an error nothing is written.
func Build(ctx context.Context, cfg Config) (Report, error) {
	panic("not yet")
}
