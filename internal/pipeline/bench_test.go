package pipeline

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/jifen-dev/jifen/internal/model"
)

func benchBuild(b *testing.B, cache *Cache) {
	dir := b.TempDir()
	cfg := Config{
		Data: filepath.Join("..", "..", "data"), Out: filepath.Join(dir, "site"), Reports: filepath.Join(dir, "reports"),
		AsOf: model.NewDate(2026, 11, 24), Cache: cache,
	}
	if cache != nil { // warm it: what a watcher has after its first build
		if _, err := Build(context.Background(), cfg); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		rep, err := Build(context.Background(), cfg)
		if err != nil || rep.Failed() {
			b.Fatalf("Build = %v %v", err, rep.Findings)
		}
	}
}

// BenchmarkBuildDemo is `jifen build` of the committed demo (2 years, 40 people).
func BenchmarkBuildDemo(b *testing.B) { benchBuild(b, nil) }

// BenchmarkRebuildDemoUnchanged is a watcher's rebuild when nothing changed
// that the documents are made from.
func BenchmarkRebuildDemoUnchanged(b *testing.B) { benchBuild(b, NewCache()) }
