package scaffold

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/jifen-dev/jifen/internal/load"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/workbook"
)

// NewYear creates dataDir/<to>/ carrying forward from dataDir/<from>/ the
// settings (年度 = to, 公示日期 cleared, 年度等次已确定 否), the rubric and the
// roster (members transferred out before <to> dropped, 转入日期 cleared),
// with blank register sheets. It never overwrites. Columns the reader never
// reads (身份证号, 联系电话 …) cannot be carried and are left blank.
func NewYear(dataDir string, from, to int) ([]string, error) {
	if to <= from {
		return nil, fmt.Errorf("新年度 %d 必须晚于 %d", to, from)
	}
	d, err := load.Load(dataDir, load.Options{Read: workbook.Read})
	if err != nil {
		return nil, err
	}
	old := d.Register.Year(from)
	if old == nil {
		return nil, fmt.Errorf("%s 中没有 %d 年度的登记簿", dataDir, from)
	}
	// Carrying errors forward would copy them into every later year.
	prefix := filepath.ToSlash(filepath.Join(dataDir, fmt.Sprint(from))) + "/"
	n := 0
	for _, f := range d.Findings {
		if f.Level == model.Error && strings.HasPrefix(f.Pos.File, prefix) {
			switch f.Pos.Sheet {
			case "", string(model.KindSettings), string(model.KindItems), string(model.KindRoster):
				n++
			default:
				if k, _ := model.KindOf(f.Pos.Sheet); k == model.KindSettings || k == model.KindItems || k == model.KindRoster {
					n++
				}
			}
		}
	}
	if n > 0 {
		return nil, fmt.Errorf("%d 年度的设置、考核项目或党员名册有 %d 处错误，请先用 jifen check 检查并修正", from, n)
	}

	s := old.Settings
	s.Year = to
	s.PublicationStart = [4]time.Time{}
	s.AnnualStart = time.Time{}
	s.GradesDecided = false

	var rubric []rubricItem
	for _, it := range old.Items {
		rubric = append(rubric, rubricItem{Code: it.Code, Kind: it.Kind, Name: it.Name, Pts: it.Points,
			Cap: it.QuarterCap, Proof: it.NeedsProof, Note: it.Note})
	}
	var people []person
	start := model.NewDate(to, time.January, 1)
	for _, m := range old.Members {
		if !m.Out.IsZero() && m.Out.Before(start) {
			continue
		}
		people = append(people, person{ID: m.ID, Name: m.Name, Cat: m.Category, Group: m.Group, Role: m.Role,
			Out: m.Out, Exempt: m.Exempt, ExemptReason: m.ExemptReason, Filing: m.Filing, Extended: m.ProbationExtended})
	}
	// 身份证号, 联系电话: never read, so not carried (rosterRows without private).
	return writeAll(filepath.Dir(filepath.Clean(dataDir)), relocate(registerFiles(to, s, rubric, people), dataDir))
}

// relocate points the "data/<year>/…" paths of registerFiles at dataDir,
// whatever its name.
func relocate(files []file, dataDir string) []file {
	base := filepath.ToSlash(filepath.Base(filepath.Clean(dataDir)))
	for i := range files {
		files[i].Path = base + strings.TrimPrefix(files[i].Path, "data")
	}
	return files
}
