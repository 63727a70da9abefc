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

// NewYearResult is what NewYear wrote, and what the committee should
// review before the new year starts.
type NewYearResult struct {
	Files  []string
	Review []string // one sentence each, in the order to do them
}

// NewYear creates dataDir/<to>/ carrying forward from dataDir/<from>/ the
// settings (年度 = to, 公示日期 cleared, 年度等次已确定 否), the rubric and the
// roster (members transferred out before <to> dropped, 转入日期 cleared),
// with blank register sheets. It never overwrites. Columns the reader never
// reads (身份证号, 联系电话 …) cannot be carried and are left blank.
func NewYear(dataDir string, from, to int) (NewYearResult, error) {
	var res NewYearResult
	if to <= from {
		return res, fmt.Errorf("新年度 %d 必须晚于 %d", to, from)
	}
	d, err := load.Load(dataDir, load.Options{Read: workbook.Read})
	if err != nil {
		return res, err
	}
	old := d.Register.Year(from)
	if old == nil {
		return res, fmt.Errorf("%s 中没有 %d 年度的登记簿", dataDir, from)
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
		return res, fmt.Errorf("%d 年度的设置、考核项目或党员名册有 %d 处错误，请先用 jifen check 检查并修正", from, n)
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
	res.Files, err = writeAll(filepath.Dir(filepath.Clean(dataDir)), relocate(registerFiles(to, s, rubric, people), dataDir))
	if err != nil {
		return res, err
	}
	res.Review = review(old, to)
	return res, nil
}

// review is the short list of what to look at before the year starts,
// from the year carried forward: the roster's categories and transfers,
// the rubric to revise and file (六 第一阶段), the 公示 dates, the
// exemptions to file (三) and the commitments (六 第二阶段).
func review(old *model.Year, to int) []string {
	var probation, extended, left, cameIn, leaving, exempt []*model.Member
	start := model.NewDate(to, time.January, 1)
	for _, m := range old.Members {
		switch {
		case !m.Out.IsZero() && m.Out.Before(start):
			left = append(left, m)
			continue
		case !m.Out.IsZero():
			leaving = append(leaving, m)
		}
		if !m.In.IsZero() {
			cameIn = append(cameIn, m)
		}
		if m.Category == model.Probation {
			probation = append(probation, m)
			if m.ProbationExtended {
				extended = append(extended, m)
			}
		}
		if m.Exempt {
			exempt = append(exempt, m)
		}
	}
	var out []string
	if len(probation) > 0 {
		line := fmt.Sprintf("预备党员 %d 名（%s）：预备期满、经支部大会讨论转为正式党员的，请在 %d 年度的「党员名册」把类别改为“正式党员”", len(probation), names(probation), to)
		if len(extended) > 0 {
			line += fmt.Sprintf("；其中%s的预备期已延长，请核对延长后的期满时间", names(extended))
		}
		out = append(out, line+"。")
	}
	var moves []string
	if len(left) > 0 {
		moves = append(moves, fmt.Sprintf("%d 年转出的 %d 名（%s）未列入新名册", old.Year, len(left), names(left)))
	}
	if len(leaving) > 0 {
		moves = append(moves, fmt.Sprintf("%s保留了转出日期", names(leaving)))
	}
	if len(cameIn) > 0 {
		moves = append(moves, fmt.Sprintf("%s的转入日期已清空（新年度全年参加）", names(cameIn)))
	}
	if len(moves) > 0 {
		out = append(out, "组织关系转接："+strings.Join(moves, "；")+"。年内转入、转出的党员，请在「党员名册」填写转入日期或转出日期。")
	} else {
		out = append(out, "组织关系转接：年内转入、转出的党员，请在「党员名册」填写转入日期或转出日期。")
	}
	out = append(out, fmt.Sprintf("考核项目沿用了 %d 年度的 %d 项：请结合本年度党建目标任务修订「考核项目」，召开党员大会传达，并报机关工委备案（六 第一阶段；jifen 生成的细则备案包在 reports/%d/备案/）。", old.Year, len(old.Items), to))
	out = append(out, "公示日期：「设置」中各季度和年度的公示日期已清空，默认在季度结束后次日开始；遇节假日请填写实际日期（实施方案要求次月 5 日前公示，不少于 3 天）。")
	if len(exempt) > 0 {
		out = append(out, fmt.Sprintf("不纳入积分管理的 %d 名（%s）沿用了原因和备案情况：请核实本年度是否仍不纳入，并报上级党组织备案（三）。", len(exempt), names(exempt)))
	}
	out = append(out, "组织党员填写本年度《党员个人承诺书》，登记在「承诺书」工作表（六 第二阶段）。")
	return out
}

// names lists members as 姓名（编号）, at most five, then how many more.
func names(ms []*model.Member) string {
	const shown = 5
	var parts []string
	for i, m := range ms {
		if i == shown {
			return strings.Join(parts, "、") + fmt.Sprintf(" 等 %d 人", len(ms))
		}
		parts = append(parts, model.Quote(m.Name)+"（"+model.Quote(m.ID)+"）")
	}
	return strings.Join(parts, "、")
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
