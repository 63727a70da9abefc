package model

import (
	"strconv"
	"time"
)

// The publication record (SPEC §11): what was posted on the bulletin board,
// kept in data/<year>/公示存档/ by `jifen post`, and where each period's
// publication stands. internal/archive reads, verifies and compares the
// records; these are the values every later stage (pages, notices,
// scores.json, 备案 bundles) reads.

// PostKind is what a record archives: the period's 公示 or a 更正公示.
type PostKind string

const (
	PostNotice     PostKind = "公示"
	PostCorrection PostKind = "更正公示"
)

// PeriodState is where a period's publication stands (SPEC §11), in the
// order a period goes through them.
type PeriodState string

const (
	StateOpen      PeriodState = "未结束" // the quarter (year) has not ended, or its annual results are not decided
	StateDue       PeriodState = "待张贴" // closed, no record of its posting
	StatePosted    PeriodState = "公示中" // posted, inside the latest record's 公示期
	StateVerifying PeriodState = "核实中" // 公示期 over, an objection still 受理中 or a correction awaiting posting
	StateFinal     PeriodState = "已定稿" // 公示期 over, nothing open: the figures are the 台帐's
)

// Figure is one published figure of a member: the columns of a quarter's
// 公示 or of the annual 年度评定结果公示.
type Figure int

const (
	FigBase Figure = iota
	FigReward
	FigDeduction
	FigTotal
	FigQuarterAvg
	FigBaseAvg
	FigRewardAvg
	FigDeductionSum
	FigDemocratic
	FigComposite
	FigGrade
	figureCount
)

// QuarterFigures are the figures a quarter's 公示 publishes per member.
var QuarterFigures = []Figure{FigBase, FigReward, FigDeduction, FigTotal}

// AnnualFigures are the figures the annual 公示 publishes per member.
var AnnualFigures = []Figure{FigQuarterAvg, FigBaseAvg, FigRewardAvg, FigDeductionSum, FigDemocratic, FigComposite, FigGrade}

// FiguresOf lists the figures of period q (0 = the year).
func FiguresOf(q int) []Figure {
	if q == 0 {
		return AnnualFigures
	}
	return QuarterFigures
}

var figureLabels = [figureCount]string{"基础积分", "奖励积分", "违规扣分", "季度积分",
	"季度平均分", "基础平均分", "奖励平均分", "年度扣分", "民主评议分", "综合得分", "等次"}

// Label is the figure as the notices head its column.
func (f Figure) Label() string {
	if f < 0 || f >= figureCount {
		return ""
	}
	return figureLabels[f]
}

// Numeric reports whether the figure is a number (every one but 等次).
func (f Figure) Numeric() bool { return f != FigGrade }

// PostedMember is one member as a 公示 published him: his name, 类别 and
// 党小组, and his figures as decimal strings exactly as printed (rounded
// half up to two decimals; 等次 as a word), never floats.
type PostedMember struct {
	ID, Name, Category, Group string
	Values                    [figureCount]string // by Figure; "" = not a figure of this period
}

// Value is the member's published figure f.
func (m *PostedMember) Value(f Figure) string {
	if f < 0 || f >= figureCount {
		return ""
	}
	return m.Values[f]
}

// Set sets the member's figure f.
func (m *PostedMember) Set(f Figure, v string) {
	if f >= 0 && f < figureCount {
		m.Values[f] = v
	}
}

// ChangeKind is how a member's published line changed.
type ChangeKind int

const (
	ChangedFigures ChangeKind = iota // one or more figures differ
	MemberAdded                      // on the notice now, not on the posted one
	MemberRemoved                    // on the posted notice, not on it now
)

// FigureChange is one figure, as posted and as it stands now.
type FigureChange struct {
	Figure   Figure
	Old, New string // "" for a member added (Old) or removed (New)
}

// Change is one member whose published line differs from the latest record
// of a period.
type Change struct {
	ID, Name string
	Kind     ChangeKind
	Figures  []FigureChange
	// Objection is the 异议处理 row (处理结果 更正, dated on or after the
	// posting) that explains the change; nil when none does, which fails
	// the build: a posted 公示 cannot change silently.
	Objection *Objection
	// Investigation is the 调查结果 published with the correction: the
	// explaining row's, or as a posted 更正公示 recorded it.
	Investigation string
}

// Record is one record of a year's 公示存档: a notice as it was posted, with
// the figures it published.
type Record struct {
	File       string // slash path of the record (.json), as findings name it
	PDF        string // slash path of the archived PDF beside it
	Name       string // base name of the record without extension: 2026-Q1-公示-20260403
	SHA256     string // of the record file's bytes: what the next record names as Previous
	Branch     string
	Year       int
	Period     int // 1–4; 0 = the annual 公示
	Kind       PostKind
	Posted     time.Time // the day it went up on the board
	Start, End time.Time // its 公示期, as the PDF states it
	RecordedAt time.Time // the clock when `jifen post` ran
	PDFSHA256  string
	PDFSize    int64
	Previous   string // SHA-256 of the year's previous record; "" for the first
	Members    []PostedMember
	Changes    []Change // 更正公示: the members it corrects, with the 调查结果
}

// PublicName is the name under which the archived PDF is republished in
// the period's folder of the site: 公示-20260403.pdf, 更正公示-20260410.pdf.
func (r *Record) PublicName() string {
	return string(r.Kind) + "-" + r.Posted.Format("20060102") + r.suffix() + ".pdf"
}

// suffix is the -2, -3 … of a second correction posted the same day.
func (r *Record) suffix() string {
	base := r.Name
	stem := recordStem(r.Year, r.Period, r.Kind, r.Posted)
	if len(base) > len(stem) && base[:len(stem)] == stem {
		return base[len(stem):]
	}
	return ""
}

// recordStem is the record name without the same-day suffix.
func recordStem(year, q int, kind PostKind, posted time.Time) string {
	return PeriodFileLabel(year, q) + "-" + string(kind) + "-" + posted.Format("20060102")
}

// RecordName names a record of period q of year posted on a day, n-th of
// its kind that day (n ≥ 1): 2026-Q1-公示-20260403, 2026-年度-更正公示-20270120-2.
func RecordName(year, q int, kind PostKind, posted time.Time, n int) string {
	s := recordStem(year, q, kind, posted)
	if n > 1 {
		s += "-" + strconv.Itoa(n)
	}
	return s
}

// PeriodFileLabel is a period as record files name it: 2026-Q1, 2026-年度.
func PeriodFileLabel(year, q int) string {
	if q == 0 {
		return strconv.Itoa(year) + "-年度"
	}
	return strconv.Itoa(year) + "-Q" + strconv.Itoa(q)
}

// ArchiveDir is the folder of a year's records inside the year folder.
const ArchiveDir = "公示存档"

// Publication is where one period's 公示 stands as of the result's day.
type Publication struct {
	Period int // 1–4; 0 = the year
	State  PeriodState
	// Records are the period's records posted by the as-of day, in the
	// order of the year's chain (oldest first).
	Records []*Record
	// Pending are the changes against the latest record when every one is
	// explained: the 更正公示 that awaits posting (correction.pdf). Empty
	// when the figures are as posted.
	Pending []Change
	// CorrectionStart and CorrectionEnd are the pending 更正公示's 公示期:
	// from the latest 反馈日期 (else 受理日期) of the rows that explain it,
	// 公示天数 days.
	CorrectionStart, CorrectionEnd time.Time
	// Due is the day from which an unposted closed period is a warning:
	// the 5th of the month after a quarter (五(四)); for the year, the day
	// after its planned 公示期.
	Due time.Time
}

// Latest is the period's latest record, or nil.
func (p *Publication) Latest() *Record {
	if p == nil || len(p.Records) == 0 {
		return nil
	}
	return p.Records[len(p.Records)-1]
}

// Notice is the period's posted 公示 (the first record), or nil.
func (p *Publication) Notice() *Record {
	if p == nil {
		return nil
	}
	for _, r := range p.Records {
		if r.Kind == PostNotice {
			return r
		}
	}
	return nil
}

// Postable reports whether `jifen post` has something to record for the
// period: it is closed and not posted, or a correction awaits posting.
func (p *Publication) Postable() bool {
	if p == nil {
		return false
	}
	return p.State == StateDue || len(p.Pending) > 0
}

// Corrected reports whether member id's line was corrected since the
// period's 公示: by a posted 更正公示 or by the pending one.
func (p *Publication) Corrected(id string) bool {
	if p == nil {
		return false
	}
	for _, r := range p.Records {
		for _, c := range r.Changes {
			if c.ID == id {
				return true
			}
		}
	}
	for _, c := range p.Pending {
		if c.ID == id {
			return true
		}
	}
	return false
}

// Pub returns the publication of period q (0 = the year); never nil. A
// result the archive has not been attached to has State "".
func (r *Result) Pub(q int) *Publication {
	if q < 0 || q > 4 {
		return &Publication{Period: q}
	}
	if r.Publications[q] == nil {
		r.Publications[q] = &Publication{Period: q}
	}
	return r.Publications[q]
}

// LabelPending is the 等次 the public documents show while an objection to
// a member's annual result is still 受理中 (SPEC §11): his grade is not
// published before the objection is answered.
const LabelPending = "待定"

// PublicLabel is the 等次 the public annual page and notice print: as
// FinalLabel, except 待定 while an objection to the member's annual result
// is still 受理中.
func (m *MemberResult) PublicLabel() string {
	if m.Annual != nil && m.Annual.Held && m.Member.Category.Graded() && m.Annual.Final != "" {
		return LabelPending
	}
	return m.FinalLabel()
}
