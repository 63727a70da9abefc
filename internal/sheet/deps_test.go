package sheet

import (
	"os/exec"
	"strings"
	"testing"
)

// plainPackages look at tables only: none of them may link an xlsx
// library, whose one adapter is internal/workbook (STYLE habit 5).
var plainPackages = []string{"sheet", "model", "load", "score", "render", "summary"}

// TestPlainPackagesLinkNoExcelize lists the packages' dependencies with
// the go command (tests excluded: they may build workbooks).
func TestPlainPackagesLinkNoExcelize(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command:", err)
	}
	args := []string{"list", "-f", "{{.ImportPath}}:{{range .Deps}} {{.}}{{end}}"}
	for _, p := range plainPackages {
		args = append(args, "github.com/jifen-dev/jifen/internal/"+p)
	}
	out, err := exec.Command(goTool, args...).Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(plainPackages) {
		t.Fatalf("go list gave %d packages, want %d:\n%s", len(lines), len(plainPackages), out)
	}
	for _, l := range lines {
		pkg, deps, _ := strings.Cut(l, ":")
		for _, d := range strings.Fields(deps) {
			if strings.HasPrefix(d, "github.com/xuri/excelize") || d == "github.com/jifen-dev/jifen/internal/workbook" {
				t.Errorf("%s links %s", pkg, d)
			}
		}
	}
}
