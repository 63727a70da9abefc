package archive

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
)

// The record format. A reader accepts exactly Version: a jifen that changes
// the meaning or shape of a field raises it, so an older jifen names the
// record instead of misreading it. Fields may be added within a version;
// readers ignore fields they do not know.
const (
	Format  = "jifen-公示存档"
	Version = 1
)

// PeriodYear is the period of an annual record; quarters are Q1 … Q4.
const PeriodYear = "年度"

// PeriodName names period q: Q1 … Q4, or 年度 for 0.
func PeriodName(q int) string {
	if q == 0 {
		return PeriodYear
	}
	return "Q" + strconv.Itoa(q)
}

// parsePeriod is the inverse of PeriodName.
func parsePeriod(s string) (int, bool) {
	switch s {
	case PeriodYear:
		return 0, true
	case "Q1", "Q2", "Q3", "Q4":
		return int(s[1] - '0'), true
	}
	return 0, false
}

// jsonRecord is the record file. Field order is the output order.
type jsonRecord struct {
	Format      string          `json:"format"`
	Version     int             `json:"version"`
	Branch      string          `json:"branch"`
	Year        int             `json:"year"`
	Period      string          `json:"period"`
	Kind        string          `json:"kind"`
	Posted      string          `json:"posted"`
	Publication jsonPublication `json:"publication"`
	RecordedAt  string          `json:"recorded_at"`
	PDF         jsonPDF         `json:"pdf"`
	Previous    *string         `json:"previous"`
	Members     []jsonMember    `json:"members"`
	Corrections []jsonChange    `json:"corrections,omitempty"`
}

type jsonPublication struct {
	Start string `json:"start"`
	End   string `json:"end"`
	Days  int    `json:"days"`
}

type jsonPDF struct {
	File   string `json:"file"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// jsonMember is one member's published line. A quarter's record carries
// base, reward, deduction and total (季度积分); the year's quarter_avg,
// base_avg, reward_avg, deduction_sum, democratic, total (综合得分) and grade.
type jsonMember struct {
	ID           string  `json:"id"`
	Name         string  `json:"name"`
	Category     string  `json:"category"`
	Group        string  `json:"group"`
	Base         *string `json:"base,omitempty"`
	Reward       *string `json:"reward,omitempty"`
	Deduction    *string `json:"deduction,omitempty"`
	QuarterAvg   *string `json:"quarter_avg,omitempty"`
	BaseAvg      *string `json:"base_avg,omitempty"`
	RewardAvg    *string `json:"reward_avg,omitempty"`
	DeductionSum *string `json:"deduction_sum,omitempty"`
	Democratic   *string `json:"democratic,omitempty"`
	Total        *string `json:"total,omitempty"`
	Grade        *string `json:"grade,omitempty"`
}

// field returns the member's field that holds figure f.
func (m *jsonMember) field(f model.Figure) **string {
	switch f {
	case model.FigBase:
		return &m.Base
	case model.FigReward:
		return &m.Reward
	case model.FigDeduction:
		return &m.Deduction
	case model.FigTotal, model.FigComposite:
		return &m.Total
	case model.FigQuarterAvg:
		return &m.QuarterAvg
	case model.FigBaseAvg:
		return &m.BaseAvg
	case model.FigRewardAvg:
		return &m.RewardAvg
	case model.FigDeductionSum:
		return &m.DeductionSum
	case model.FigDemocratic:
		return &m.Democratic
	case model.FigGrade:
		return &m.Grade
	}
	return nil
}

// figureKeys are the JSON names of the figures, as in the record's members.
var figureKeys = map[model.Figure]string{
	model.FigBase: "base", model.FigReward: "reward", model.FigDeduction: "deduction", model.FigTotal: "total",
	model.FigQuarterAvg: "quarter_avg", model.FigBaseAvg: "base_avg", model.FigRewardAvg: "reward_avg",
	model.FigDeductionSum: "deduction_sum", model.FigDemocratic: "democratic", model.FigComposite: "total",
	model.FigGrade: "grade",
}

// Change kinds as a record writes them.
const (
	changeFigures = "更正"
	changeAdded   = "增加"
	changeRemoved = "删除"
)

var changeKinds = map[model.ChangeKind]string{model.ChangedFigures: changeFigures,
	model.MemberAdded: changeAdded, model.MemberRemoved: changeRemoved}

// jsonChange is one member corrected by a 更正公示.
type jsonChange struct {
	ID            string       `json:"id"`
	Name          string       `json:"name"`
	Change        string       `json:"change"` // 更正 / 增加 / 删除
	Figures       []jsonFigure `json:"figures"`
	Investigation string       `json:"investigation"` // 调查结果, as the correction published it
}

type jsonFigure struct {
	Figure string `json:"figure"` // the member field's name: base, total …
	Label  string `json:"label"`  // as the notice heads the column: 基础积分 …
	Old    string `json:"old"`    // "" for a member added
	New    string `json:"new"`    // "" for a member removed
}

// Encode writes a record in format version 1: indented JSON with a final
// newline, "<" and "&" kept readable. File, PDF, Name and SHA256 of r are
// not written: they are where and what the file is.
func Encode(r *model.Record) ([]byte, error) {
	figs := model.FiguresOf(r.Period)
	j := jsonRecord{
		Format: Format, Version: Version, Branch: r.Branch, Year: r.Year, Period: PeriodName(r.Period),
		Kind: string(r.Kind), Posted: model.DateString(r.Posted),
		Publication: jsonPublication{Start: model.DateString(r.Start), End: model.DateString(r.End), Days: model.DaysBetween(r.Start, r.End) + 1},
		RecordedAt:  r.RecordedAt.Format(time.RFC3339),
		PDF:         jsonPDF{File: r.Name + ".pdf", Size: r.PDFSize, SHA256: r.PDFSHA256},
		Members:     make([]jsonMember, 0, len(r.Members)),
	}
	if r.Previous != "" {
		p := r.Previous
		j.Previous = &p
	}
	for _, m := range r.Members {
		jm := jsonMember{ID: m.ID, Name: m.Name, Category: m.Category, Group: m.Group}
		for _, f := range figs {
			v := m.Value(f)
			*jm.field(f) = &v
		}
		j.Members = append(j.Members, jm)
	}
	for _, c := range r.Changes {
		jc := jsonChange{ID: c.ID, Name: c.Name, Change: changeKinds[c.Kind], Investigation: c.Investigation, Figures: []jsonFigure{}}
		for _, f := range c.Figures {
			jc.Figures = append(jc.Figures, jsonFigure{Figure: figureKeys[f.Figure], Label: f.Figure.Label(), Old: f.Old, New: f.New})
		}
		j.Corrections = append(j.Corrections, jc)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(j); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

var (
	figurePattern = regexp.MustCompile(`^-?[0-9]{1,15}(\.[0-9]{1,2})?$`)
	shaPattern    = regexp.MustCompile(`^[0-9a-f]{64}$`)
	// nameSuffix is the -2, -3 … of a second record of a kind on one day.
	nameSuffix = regexp.MustCompile(`^-([2-9]|[1-9][0-9]{1,2})$`)
)

// grades are the words an annual record's grade may hold.
var grades = map[string]bool{string(model.Excellent): true, string(model.Qualified): true,
	string(model.BasicQualify): true, string(model.Unqualified): true, model.LabelPending: true}

// Decode reads a record file named name (its base name, with .json) of
// year's folder. The error is the Chinese reason it is not a valid record.
func Decode(name string, year int, b []byte) (*model.Record, error) {
	var j jsonRecord
	if err := json.Unmarshal(b, &j); err != nil {
		var head struct {
			Format  string `json:"format"`
			Version int    `json:"version"`
		}
		if json.Unmarshal(b, &head) == nil && head.Format == Format && head.Version != Version {
			return nil, versionError(head.Version)
		}
		return nil, fmt.Errorf("无法解析（%s）", jsonError(err))
	}
	if j.Format != Format {
		return nil, fmt.Errorf("格式「%s」不是 jifen 的公示存档记录", model.Quote(j.Format))
	}
	if j.Version != Version {
		return nil, versionError(j.Version)
	}
	r := &model.Record{Branch: j.Branch, Year: j.Year, Kind: model.PostKind(j.Kind), PDFSize: j.PDF.Size, PDFSHA256: j.PDF.SHA256}
	var ok bool
	if r.Period, ok = parsePeriod(j.Period); !ok {
		return nil, fmt.Errorf("期间「%s」无效，应为 Q1–Q4 或 年度", model.Quote(j.Period))
	}
	if j.Year != year {
		return nil, fmt.Errorf("记录的年度 %d 与所在的年度文件夹 %d 不符", j.Year, year)
	}
	if r.Kind != model.PostNotice && r.Kind != model.PostCorrection {
		return nil, fmt.Errorf("类型「%s」无效，应为 公示 或 更正公示", model.Quote(j.Kind))
	}
	var err error
	if r.Posted, err = date(j.Posted); err != nil {
		return nil, fmt.Errorf("张贴日期「%s」无效", model.Quote(j.Posted))
	}
	if r.Start, err = date(j.Publication.Start); err != nil {
		return nil, fmt.Errorf("公示期开始日期「%s」无效", model.Quote(j.Publication.Start))
	}
	if r.End, err = date(j.Publication.End); err != nil || r.End.Before(r.Start) {
		return nil, fmt.Errorf("公示期结束日期「%s」无效", model.Quote(j.Publication.End))
	}
	if r.RecordedAt, err = time.Parse(time.RFC3339, j.RecordedAt); err != nil {
		return nil, fmt.Errorf("记录时间「%s」无效", model.Quote(j.RecordedAt))
	}
	if closed := closing(year, r.Period); !r.Posted.After(closed) {
		return nil, fmt.Errorf("张贴日期 %s 不在%s结束之后", j.Posted, model.PeriodLabel(year, r.Period))
	}
	stem := model.RecordName(year, r.Period, r.Kind, r.Posted, 1)
	base := strings.TrimSuffix(name, ".json")
	if rest, found := strings.CutPrefix(base, stem); !found || (rest != "" && !nameSuffix.MatchString(rest)) {
		return nil, fmt.Errorf("文件名与内容不符：按内容应为「%s.json」", stem)
	}
	r.Name = base
	if j.PDF.File != base+".pdf" {
		return nil, fmt.Errorf("记录的 PDF 文件名「%s」应为「%s.pdf」", model.Quote(j.PDF.File), base)
	}
	if !shaPattern.MatchString(j.PDF.SHA256) || j.PDF.Size <= 0 {
		return nil, fmt.Errorf("PDF 的 SHA-256 或大小无效")
	}
	if j.Previous != nil {
		if !shaPattern.MatchString(*j.Previous) {
			return nil, fmt.Errorf("前一份记录的 SHA-256「%s」无效", model.Quote(*j.Previous))
		}
		r.Previous = *j.Previous
	}
	figs := model.FiguresOf(r.Period)
	seen := map[string]bool{}
	for i, jm := range j.Members {
		if jm.ID == "" || seen[jm.ID] {
			return nil, fmt.Errorf("第 %d 名党员的编号为空或重复", i+1)
		}
		seen[jm.ID] = true
		m := model.PostedMember{ID: jm.ID, Name: jm.Name, Category: jm.Category, Group: jm.Group}
		for _, f := range figs {
			p := *jm.field(f)
			if p == nil {
				return nil, fmt.Errorf("党员 %s 缺少「%s」（%s）", model.Quote(jm.ID), f.Label(), figureKeys[f])
			}
			if !validFigure(f, *p) {
				return nil, fmt.Errorf("党员 %s 的「%s」「%s」不是有效的数值或等次", model.Quote(jm.ID), f.Label(), model.Quote(*p))
			}
			m.Set(f, *p)
		}
		r.Members = append(r.Members, m)
	}
	if r.Kind == model.PostNotice && len(j.Corrections) > 0 {
		return nil, fmt.Errorf("公示记录不应有 corrections")
	}
	if r.Kind == model.PostCorrection && len(j.Corrections) == 0 {
		return nil, fmt.Errorf("更正公示记录缺少 corrections")
	}
	for _, jc := range j.Corrections {
		c := model.Change{ID: jc.ID, Name: jc.Name, Investigation: jc.Investigation}
		switch jc.Change {
		case changeFigures:
			c.Kind = model.ChangedFigures
		case changeAdded:
			c.Kind = model.MemberAdded
		case changeRemoved:
			c.Kind = model.MemberRemoved
		default:
			return nil, fmt.Errorf("更正「%s」无效，应为 更正、增加 或 删除", model.Quote(jc.Change))
		}
		for _, jf := range jc.Figures {
			f, ok := figureByKey(r.Period, jf.Figure)
			if !ok {
				return nil, fmt.Errorf("更正中的项目「%s」无效", model.Quote(jf.Figure))
			}
			c.Figures = append(c.Figures, model.FigureChange{Figure: f, Old: jf.Old, New: jf.New})
		}
		r.Changes = append(r.Changes, c)
	}
	return r, nil
}

func validFigure(f model.Figure, v string) bool {
	if f.Numeric() {
		return figurePattern.MatchString(v)
	}
	return grades[v]
}

func figureByKey(q int, key string) (model.Figure, bool) {
	for _, f := range model.FiguresOf(q) {
		if figureKeys[f] == key {
			return f, true
		}
	}
	return 0, false
}

func date(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, err
	}
	return model.NewDate(t.Date()), nil
}

// closing is the last day of period q (0 = the year).
func closing(year, q int) time.Time {
	if q == 0 {
		return model.QuarterEnd(year, 4)
	}
	return model.QuarterEnd(year, q)
}

func versionError(v int) error {
	return fmt.Errorf("记录格式版本 %d 不受本程序支持（本程序读取版本 %d）：请用较新的 jifen 生成", v, Version)
}

// jsonError words a JSON syntax or type error briefly.
func jsonError(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("第 %d 字节附近格式错误", se.Offset)
	case errors.As(err, &te):
		return fmt.Sprintf("字段 %s 的类型不对", te.Field)
	}
	return "内容不是有效的 JSON"
}
