// Package golden compares test output with the files under testdata/, the
// way gofmt's tests do: `go test -update` rewrites them, and a mismatch
// writes the output beside the golden as <name>.got and shows the first
// line that differs, so the change can be read like a diff and reviewed
// like code. Only tests import it; its -update flag is the one every
// golden test shares.
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the testdata/*.golden files")

// Check compares got with testdata/name (name includes its .golden
// suffix), or writes it there under -update.
func Check(t testing.TB, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", filepath.FromSlash(name))
	gotFile := strings.TrimSuffix(file, ".golden") + ".got"
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		os.Remove(gotFile)
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if bytes.Equal(got, want) {
		os.Remove(gotFile)
		return
	}
	if err := os.WriteFile(gotFile, got, 0o644); err != nil {
		t.Fatal(err)
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(gl) || i < len(wl); i++ {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			t.Errorf("%s differs at line %d:\n got: %s\nwant: %s\n(see %s; go test -update rewrites the golden)", file, i+1, g, w, gotFile)
			return
		}
	}
}
