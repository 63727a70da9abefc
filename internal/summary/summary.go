// Package summary is the superior organisation's side of 备案 (SPEC §10):
// the 党建办 and the 机关工委 receive the branches' bundles into one folder,
// and this package finds them (any depth, any name), verifies each with
// package filing, keeps a small Digest of each valid one, and rolls the
// digests up into per-period tables of branches: publication dates and the
// on-time checks, participation, averages, deductions, objections, 未报送
// and 校验失败 rows, and per closed year the grade distribution, the 优秀
// share against each branch's cap and the members needing follow-up.
//
// Memory is bounded by the number of bundles, not members: a quarter's
// digest is a handful of counts, a year's adds only its 基本合格/不合格
// members. Verification streams every file through SHA-256.
//
// Roll is pure; Scan and Verify read files. Rendering the site and the
// workbook, and publishing them atomically, are the pipeline's.
package summary

import (
	"math/big"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/jifen-dev/jifen/internal/filing"
	"github.com/jifen-dev/jifen/internal/model"
)

// Received is one bundle file found in the folder, with what verifying it
// gave.
type Received struct {
	Path    string    // slash path as the user named the folder: 备案/2026/x.zip
	Size    int64     // bytes
	ModTime time.Time // of the file; with Size, says whether it changed since the last run
	Digest  *Digest   // nil when verification failed
	Problem *filing.Problem
}

// Digest is what the roll-up keeps of a verified bundle.
type Digest struct {
	Branch      string
	Superior    string
	Year        int
	Period      string // Q1 … Q4, 年度
	AsOf        string
	ContentHash string
	Start, End  string // the 公示, 2026-04-01
	Roster      int
	Exempt      int
	Members     int   // taking part
	TotalSum    int64 // Σ 季度积分 in hundredths (quarter)
	Deducted    int   // members with deductions
	Objections  filing.Objections

	// The year's bundle only.
	Graded       int
	NoEvaluation int
	Grades       filing.Grades
	Quota        string     // 优秀比例上限 as a fraction: 0.15
	FollowUps    []FollowUp // 基本合格 and 不合格 members, roster order
	Notice       string     // slash path of the extracted notice in the output
	Register     string     // the year's register, likewise; "" in quarters
}

// FollowUp is a member graded 基本合格 or 不合格 and what follows (五(六)5–6).
type FollowUp struct {
	ID, Name, Category, Group string
	Grade                     string
	Total                     string // 年度综合得分
	Actions                   []string
}

// Quarter returns the digest's quarter, 0 for the year.
func (d *Digest) Quarter() int { q, _ := filing.ParsePeriod(d.Period); return q }

// Average is the mean 季度积分 of the members taking part, exact; nil when
// none did.
func (d *Digest) Average() *big.Rat {
	if d.Members == 0 {
		return nil
	}
	return big.NewRat(d.TotalSum, int64(d.Members)*100)
}

// NewDigest keeps what the roll-up needs of a verified bundle.
func NewDigest(b *filing.Bundle) *Digest {
	s := b.Summary
	d := &Digest{Branch: s.Branch, Superior: s.Superior, Year: s.Year, Period: s.Period, AsOf: s.AsOf,
		ContentHash: b.ContentHash, Start: s.Publication.Start, End: s.Publication.End,
		Roster: s.Counts.Roster, Exempt: s.Counts.Exempt, Members: len(s.Members),
		Objections: s.Objections, Quota: string(s.Scoring.ExcellentQuota)}
	for _, m := range s.Members {
		switch {
		case m.Quarter != nil:
			p, _ := filing.Points(m.Quarter.Total) // checked by filing.Open
			d.TotalSum += int64(p)
			if dd, _ := filing.Points(m.Quarter.Deduction); dd > 0 {
				d.Deducted++
			}
		case m.Annual != nil:
			a := m.Annual
			if dd, err := filing.Points(a.DeductionSum); err == nil && dd > 0 {
				d.Deducted++
			}
			if a.FinalGrade == nil {
				continue
			}
			if g := model.Grade(*a.FinalGrade); g == model.BasicQualify || g == model.Unqualified {
				f := FollowUp{ID: m.ID, Name: m.Name, Category: m.Category, Group: m.Group, Grade: string(g),
					Actions: append([]string{}, a.Actions...)}
				if a.Total != nil {
					f.Total = string(*a.Total)
				}
				d.FollowUps = append(d.FollowUps, f)
			}
		}
	}
	if s.Grades != nil {
		d.Grades = *s.Grades
	}
	if s.Counts.Graded != nil {
		d.Graded = *s.Counts.Graded
	}
	if s.Counts.NoEvaluation != nil {
		d.NoEvaluation = *s.Counts.NoEvaluation
	}
	return d
}

// Status of a branch in a period.
type Status string

const (
	Filed   Status = "已报送"
	Missing Status = "未报送"
	Failed  Status = "校验失败"
)

// Rollup is everything the superior's site and workbook show.
type Rollup struct {
	Years    []*Year   // ascending
	Branches []*Branch // by name
	Findings model.Findings
	Bundles  int    // bundle files found
	Valid    int    // of which verified
	Superior string // the 上级党组织 most bundles name, "" when they disagree or none do
}

// Year is one 积分周期 of the roll-up.
type Year struct {
	Year     int
	Quarters []*Period // the quarters any branch filed (or tried to), ascending
	Annual   *Period   // nil until a year's bundle arrives
}

// Periods lists the quarters, then the year.
func (y *Year) Periods() []*Period {
	ps := append([]*Period{}, y.Quarters...)
	if y.Annual != nil {
		ps = append(ps, y.Annual)
	}
	return ps
}

// Period is one table: a row per branch seen in the year.
type Period struct {
	Year    int
	Quarter int // 0 = the year
	Rows    []*Row
}

// Name is 「2026年第一季度」 or 「2026年度」.
func (p *Period) Name() string { return model.PeriodLabel(p.Year, p.Quarter) }

// Count returns how many rows have status s.
func (p *Period) Count(s Status) int {
	n := 0
	for _, r := range p.Rows {
		if r.Status == s {
			n++
		}
	}
	return n
}

// Row is one branch in one period.
type Row struct {
	Period *Period
	Branch *Branch
	Status Status
	Digest *Digest     // the bundle that counts (Filed)
	From   *Received   // its file, or the failed one (Failed)
	Others []*Digest   // other valid bundles of the branch and period with different content: superseded
	Copies int         // further copies of the counting bundle, identical in content
	Failed []*Received // bundles of the branch and period that failed verification
}

// OnTime reports whether the quarter's 公示 started by the 5th of the
// following month (五(四), 七(三)).
func (r *Row) OnTime() bool {
	d := r.Digest
	if d == nil || d.Quarter() == 0 {
		return false
	}
	start, err := time.Parse(time.DateOnly, d.Start)
	return err == nil && !start.After(model.PublicationDue(d.Year, d.Quarter()))
}

// Days is how many days the 公示 lasted, both ends included.
func (r *Row) Days() int {
	start, err1 := time.Parse(time.DateOnly, r.Digest.Start)
	end, err2 := time.Parse(time.DateOnly, r.Digest.End)
	if err1 != nil || err2 != nil {
		return 0
	}
	return model.DaysBetween(start, end) + 1
}

// LongEnough reports whether the 公示 lasted at least three days.
func (r *Row) LongEnough() bool { return r.Days() >= model.MinPublicationDays }

// OverQuota reports whether the branch decided more 优秀 than its places.
func (r *Row) OverQuota() bool {
	return r.Digest != nil && r.Digest.Grades.Excellent > r.Digest.Grades.ExcellentLimit
}

// Branch is one branch over all periods.
type Branch struct {
	Name     string
	Superior string
	ID       string      // short stable id for its page's folder
	Rows     []*Row      // every period of every year the branch appears in, in order
	Received []*Received // every file of the branch, valid or not, by path
}

// byName orders branch names as a reader looks them up: in pinyin (安, 办,
// 后, 机, 信); names the collation cannot tell apart fall back to byte
// order, so the order is total. A Collator is not safe for concurrent use,
// hence one per roll-up.
type byName struct{ c *collate.Collator }

func newByName() byName { return byName{collate.New(language.Chinese)} }

func (b byName) less(x, y string) bool {
	if c := b.c.CompareString(x, y); c != 0 {
		return c < 0
	}
	return x < y
}
