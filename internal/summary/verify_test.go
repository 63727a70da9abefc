package summary

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/filing"
)

// bundle forges a valid quarter bundle of branch with a notice of n bytes.
func bundle(t *testing.T, branch string, notice int) []byte {
	t.Helper()
	q := 1
	s := filing.Summary{Format: filing.Format, Version: filing.Version, Branch: branch, Year: 2026, Period: "Q1", Quarter: &q,
		AsOf: "2026-04-04", Publication: filing.Publication{Start: "2026-04-01", End: "2026-04-03", Days: 3},
		Members: []filing.Member{}, Documents: filing.Documents{Notice: filing.NoticeFile, Slips: filing.SlipsFile}}
	js, _ := json.Marshal(s)
	files := map[string][]byte{filing.SummaryFile: js, filing.NoticeFile: bytes.Repeat([]byte{'%'}, notice), filing.SlipsFile: []byte("%PDF")}
	names := []string{filing.SummaryFile, filing.NoticeFile, filing.SlipsFile}
	man := filing.Manifest{Format: filing.ManifestFormat, Version: filing.Version}
	for _, n := range names {
		h := sha256.Sum256(files[n])
		man.Files = append(man.Files, filing.ManifestEntry{Name: n, Size: int64(len(files[n])), SHA256: hex.EncodeToString(h[:])})
	}
	files[filing.ManifestFile], _ = json.Marshal(man)
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, n := range append(names, filing.ManifestFile) {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Store})
		w.Write(files[n])
	}
	zw.Close()
	return b.Bytes()
}

// TestVerifyExtracts: a valid bundle's notice lands in its branch's
// folder, readable by everyone; past the run's budget it stays in the
// bundle, said so, and nothing is left behind.
func TestVerifyExtracts(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.zip")
	os.WriteFile(p, bundle(t, "甲支部", 5000), 0o644)
	f := File{Path: "a.zip", Abs: p, Size: 0, ModTime: time.Now()}
	fi, _ := os.Stat(p)
	f.Size = fi.Size()

	out := filepath.Join(dir, "out")
	os.Mkdir(out, 0o755)
	budget := NewBudget(8000)
	rc, err := Verify(f, out, budget)
	if err != nil || rc.Digest == nil || rc.Digest.Notice == "" || len(rc.Skipped) != 0 {
		t.Fatalf("Verify = %+v, %v", rc, err)
	}
	st, err := os.Stat(filepath.Join(out, filepath.FromSlash(rc.Digest.Notice)))
	if err != nil || st.Size() != 5000 || filepath.Dir(rc.Digest.Notice) != "branches/甲支部" {
		t.Fatalf("notice %s: %v", rc.Digest.Notice, err)
	}
	if runtime.GOOS != "windows" && st.Mode().Perm() != 0o644 {
		t.Errorf("notice mode %v, want 0644 (the web server reads it)", st.Mode().Perm())
	}
	// 3,000 bytes of the budget are left: the second notice stays out.
	rc, err = Verify(f, filepath.Join(dir, "out"), budget)
	if err != nil || rc.Digest == nil || rc.Digest.Notice != "" || len(rc.Skipped) != 1 {
		t.Fatalf("over budget: %+v, %v", rc, err)
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if e.Name() != "branches" {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}
