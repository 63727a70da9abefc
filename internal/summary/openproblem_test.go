package summary

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/jifen-dev/jifen/internal/fixture"
)

// A bundle moved away between the scan and its verification is told in
// Chinese, never with the OS's English text and the path.
func TestVerifyVanishedBundle(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "gone.zip")
	rc, err := Verify(File{Path: "gone.zip", Abs: p}, filepath.Join(dir, "out"), NewBudget(MaxOutput))
	if err != nil {
		t.Fatal(err)
	}
	if rc.Problem == nil {
		t.Fatal("no problem reported for a missing file")
	}
	if m := rc.Problem.Message; fixture.English(m) || filepath.IsAbs(m) || m == "" {
		t.Errorf("message %q", m)
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Error("a bundle that could not be read left output behind")
	}
}
