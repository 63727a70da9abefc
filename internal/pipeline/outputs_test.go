package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jifen-dev/jifen/internal/publish"
)

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCheckOutputs(t *testing.T) {
	root := t.TempDir()
	data := filepath.Join(root, "data")
	writeFile(t, filepath.Join(data, "2026", "a.xlsx"), "x")
	foreign := filepath.Join(root, "mine")
	writeFile(t, filepath.Join(foreign, "thesis.docx"), "precious")
	ours := filepath.Join(root, "site")
	writeFile(t, filepath.Join(ours, publish.Marker), "jifen\n")
	writeFile(t, filepath.Join(ours, "index.html"), "x")

	tests := []struct {
		name    string
		cfg     Config
		wantErr string
	}{
		{"fresh", Config{Data: data, Out: filepath.Join(root, "new"), Reports: filepath.Join(root, "rep")}, ""},
		{"ours", Config{Data: data, Out: ours}, ""},
		{"foreign", Config{Data: data, Out: foreign}, "不是 jifen 生成的"},
		{"inside data", Config{Data: data, Out: filepath.Join(data, "site")}, "不向数据目录写入"},
		{"data inside out", Config{Data: data, Out: root}, "不向数据目录写入"},
		{"nested outputs", Config{Data: data, Out: filepath.Join(root, "o"), Reports: filepath.Join(root, "o", "r")}, "不能相互包含"},
	}
	for _, tt := range tests {
		err := checkOutputs(tt.cfg)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("%s: checkOutputs = %v, want nil", tt.name, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("%s: checkOutputs = %v, want %q", tt.name, err, tt.wantErr)
		}
	}
}
