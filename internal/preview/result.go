package preview

import "github.com/jifen-dev/jifen/internal/pipeline"

// Result is the outcome of one build as the watcher saw it; watch.Result is
// this type. It lives here so that watch, which wires the server into
// `jifen serve`, can import this package without a cycle.
type Result struct {
	Report pipeline.Report
	Err    error // internal failure, or a *watch.BusyError after all retries
	OK     bool  // the build succeeded and replaced the site
}
