// Package summary is the superior organisation's side of 备案 (SPEC §10):
// the 党建办 and the 机关工委 receive the branches' bundles into one folder,
// and this package finds them (any depth, any name), verifies each with
// package filing, keeps a small Digest of each valid one, and rolls the
// digests up into per-period tables of branches: who had to report (the
// optional 支部名单.xlsx, else every branch from its first bundle on), when
// each did (按时 / 逾期 / 未记录张贴 / 未报送, from when the bundle was made
// and when its 公示 was posted, as the §11 record it carries says, against
// the due date), the chain of bundles of one branch and period (original,
// corrections, rebuilds) and of the records of its year (公示记录不连续,
// posting.go), publication dates, participation, averages, deductions,
// objections, 校验失败 rows, per closed year the grade distribution, the
// 优秀 share against each branch's cap and the members needing follow-up;
// per year the 细则 each branch filed, diffed against its year before, with
// the exempted members (rules.go); and across branches the measures
// awaiting the superior's 批复 (pending.go).
//
// Everything a bundle says is untrusted (anyone can rewrite a manifest):
// every string a Digest keeps is quoted and cut as workbook text is
// (model.Quote: escaped, at most model.MaxQuote characters), lists are
// bounded with a count of the rest, and what is extracted into the output
// is budgeted. Memory is bounded by the number of bundles, not members.
//
// Roll is pure; Scan, ReadList and Verify read files. Rendering the site
// and the workbook, and publishing them atomically, are the pipeline's.
package summary

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math/big"
	"strconv"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/jifen-dev/jifen/internal/filing"
	"github.com/jifen-dev/jifen/internal/model"
)

// Bounds on what one bundle may bring into the roll-up.
const (
	// MaxFollowUps is how many 基本合格/不合格 members of one year's bundle
	// are kept; the rest are counted (Digest.MoreFollowUps).
	MaxFollowUps = 100
	// MaxActions is how many follow-up actions of one member are kept.
	MaxActions = 5
	// MaxPending is how many measures awaiting approval of one year's
	// bundle are kept; the rest are counted (Digest.MorePending).
	MaxPending = 100
	// MaxChanges is how many members one 更正公示 record (or the pending
	// correction) keeps; the rest are counted.
	MaxChanges = 50
	// MaxExempt is how many exempted members of one 细则 bundle are kept.
	MaxExempt = 100
)

// Received is one bundle file found in the folder, with what verifying it
// gave.
type Received struct {
	Path    string    // slash path inside the received folder (--in): 2026/x.zip
	Size    int64     // bytes
	ModTime time.Time // of the file; with Size, says whether it changed since the last run
	Digest  *Digest   // nil when verification failed
	Problem *filing.Problem
	// Skipped says, per document of a valid bundle that was not copied
	// into the output (over MaxDocument or the run's budget), why.
	Skipped []string `json:",omitempty"`
}

// Digest is what the roll-up keeps of a verified bundle. Its strings are
// quoted (model.Quote): printable, one line, at most model.MaxQuote
// characters with the full length said.
type Digest struct {
	Branch      string
	Superior    string
	Year        int
	Period      string // Q1 … Q4, 年度
	AsOf        string // when the bundle was made (the branch's --as-of)
	ContentHash string // of manifest.json: equal for byte-identical content
	// Figures is the SHA-256 of summary.json without its as_of: equal for
	// a rebuild of unchanged figures on a later day, which is the same
	// report, not a correction.
	Figures    string
	Start, End string // the 公示, 2026-04-01
	Roster     int
	Exempt     int
	Members    int   // taking part
	TotalSum   int64 // Σ 季度积分 in hundredths (quarter); exact, bounded by filing.MaxFigure
	Deducted   int   // members with deductions
	Objections filing.Objections

	// The year's bundle only.
	Graded        int
	NoEvaluation  int
	Grades        filing.Grades
	Quota         string     // 优秀比例上限 as a fraction: 0.15
	FollowUps     []FollowUp // 基本合格 and 不合格 members, roster order, at most MaxFollowUps
	MoreFollowUps int        // those beyond MaxFollowUps
	Notice        string     // slash path of the extracted notice in the output; "" when not extracted
	Register      string     // the year's register, likewise; "" in quarters

	// Posting is the period's 公示 as the bundle's records show it (SPEC
	// §11); nil for a bundle without a posting block (made before §11).
	Posting *Posting
	// Pending are the year's measures awaiting the superior's 批复 (SPEC
	// §2.12), at most MaxPending, the rest counted.
	Pending     []PendingMeasure
	MorePending int

	// Rules is the 细则 bundle's content (Period is filing.PeriodRules).
	Rules *RulesDigest
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

// NewDigest keeps what the roll-up needs of a verified bundle, every
// string quoted and every list bounded.
func NewDigest(b *filing.Bundle) *Digest {
	if b.Rules != nil {
		return rulesDigest(b)
	}
	s := b.Summary
	q := model.Quote
	d := &Digest{Branch: q(s.Branch), Superior: q(s.Superior), Year: s.Year, Period: s.Period, AsOf: s.AsOf,
		ContentHash: b.ContentHash, Figures: figures(s), Start: s.Publication.Start, End: s.Publication.End,
		Roster: s.Counts.Roster, Exempt: s.Counts.Exempt, Members: len(s.Members),
		Objections: s.Objections, Quota: string(s.Scoring.ExcellentQuota)}
	for _, m := range s.Members {
		switch {
		case m.Quarter != nil:
			p, _ := filing.Points(m.Quarter.Total) // checked by filing.Open, at most filing.MaxFigure
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
			g := model.Grade(*a.FinalGrade)
			if g != model.BasicQualify && g != model.Unqualified {
				continue
			}
			if len(d.FollowUps) == MaxFollowUps {
				d.MoreFollowUps++
				continue
			}
			f := FollowUp{ID: q(m.ID), Name: q(m.Name), Category: q(m.Category), Group: q(m.Group), Grade: string(g)}
			for i, act := range a.Actions {
				if i == MaxActions {
					f.Actions = append(f.Actions, "……另有 "+strconv.Itoa(len(a.Actions)-MaxActions)+" 项")
					break
				}
				f.Actions = append(f.Actions, q(act))
			}
			if a.Total != nil {
				f.Total = string(*a.Total)
			}
			d.FollowUps = append(d.FollowUps, f)
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
	d.Posting = newPosting(s, b.Records)
	for _, p := range s.Pending {
		if len(d.Pending) == MaxPending {
			d.MorePending++
			continue
		}
		m := PendingMeasure{ID: q(p.ID), Name: q(p.Name), Category: q(p.Category), Grade: p.FinalGrade, Measure: q(p.Measure)}
		if p.Submitted != nil {
			m.Submitted = *p.Submitted
		}
		d.Pending = append(d.Pending, m)
	}
	return d
}

// figures hashes a summary without the day it was made, without where its
// 公示 stands and without what awaits the superior's 批复: a rebuild of
// unchanged figures a week later — its 公示 now over (已定稿) or posted
// since, a measure approved since — is the same report, not a correction.
// What changes with time is read from the row's latest bundle instead
// (Row.Latest).
func figures(s *filing.Summary) string {
	c := *s
	c.AsOf = ""
	c.Posting = filing.Posting{}
	c.Pending = nil
	b, _ := json.Marshal(&c)
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// Status of a branch in a period.
type Status string

const (
	OnTime  Status = "按时"   // the first bundle was made by the due date
	Late    Status = "逾期"   // … after it
	Missing Status = "未报送"  // nothing valid arrived and the due date has passed
	Pending Status = "待报送"  // nothing arrived yet, the due date has not passed
	Failed  Status = "校验失败" // only bundles that failed verification arrived
	// Unrecorded: a valid bundle came, but none of the row's bundles
	// carries a record of the 公示's posting (SPEC §11): the branch never
	// recorded that the notice went up, so nobody can say it did, or when.
	Unrecorded Status = "未记录张贴"
)

// Statuses lists the statuses in the order tables count them.
var Statuses = []Status{OnTime, Late, Unrecorded, Missing, Failed, Pending}

// Filed reports whether a valid bundle counts for the row.
func (s Status) Filed() bool { return s == OnTime || s == Late || s == Unrecorded }

// Rollup is everything the superior's site and workbook show.
type Rollup struct {
	Years    []*Year   // ascending
	Branches []*Branch // by name
	Findings model.Findings
	Bundles  int       // bundle files found
	Valid    int       // of which verified and counted
	Superior string    // the 上级党组织 most bundles name, "" when they disagree or none do
	Today    time.Time // the day of the run: what is due, and what may exist
	List     *List     // 支部名单.xlsx, nil without one
}

// Year is one 积分周期 of the roll-up.
type Year struct {
	Year     int
	Quarters []*Period // the closed quarters, ascending
	Annual   *Period   // nil until the year has ended
	// Rules is the year's 细则 table (六 第一阶段): a row per branch
	// expected to file it, from the year's first day; nil when no branch
	// is. It is not among Periods: it reports no figures.
	Rules *Period
}

// Periods lists the quarters, then the year.
func (y *Year) Periods() []*Period {
	ps := append([]*Period{}, y.Quarters...)
	if y.Annual != nil {
		ps = append(ps, y.Annual)
	}
	return ps
}

// Period is one table: a row per branch expected to report it.
type Period struct {
	Year    int
	Quarter int       // 0 = the year (or its 细则)
	Rules   bool      // the year's 细则 table
	Due     time.Time // the last day a bundle is on time
	Rows    []*Row
}

// Name is 「2026年第一季度」, 「2026年度」 or 「2026年细则」.
func (p *Period) Name() string {
	if p.Rules {
		return model.PeriodLabel(p.Year, 0) + "细则"
	}
	return model.PeriodLabel(p.Year, p.Quarter)
}

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

// Due is the day by which period q of year y must be reported, as
// filing's Duty declares it (filing.DueDate).
func Due(y, q int) time.Time { return filing.DueDate(y, q) }

// Row is one branch in one period.
type Row struct {
	Period *Period
	Branch *Branch
	Status Status
	Digest *Digest   // the latest report's, which the row shows (Filed)
	From   *Received // its file, or the failed one (Failed)
	// Submitted is the as-of of the first valid bundle: when the period
	// was reported, which decides 按时 or 逾期 whatever came after.
	Submitted string
	Reports   []*Report // the chain: every distinct report, oldest first
	// Latest is the newest valid bundle of the chain: what changes with
	// time without changing the figures (the records, the pending list) is
	// read from it.
	Latest *Received
	Failed []*Received // bundles of the branch and period that failed verification
	// Undecided is set when two reports made on the same day cannot be
	// ordered from their content (see chain).
	Undecided bool

	// When, from the §11 records the row's bundles carry.
	BundleLate bool   // the first bundle was made after the due date
	Posted     string // the day the period's 公示 went up, as its record says; "" when unrecorded
	PostedLate bool   // … after the due date
	// Records are the period's records from all the row's bundles, in
	// chain order, each once: the 公示 and every posted 更正公示.
	Records []*Record
	// Awaiting is the 更正公示 the latest bundle says awaits posting.
	Awaiting     []Change
	MoreAwaiting int
	// Broken says why the records of the row's bundles do not continue
	// the branch's earlier records of the year (公示记录不连续); "" when
	// they do.
	Broken string

	// The 细则 row's comparison with the branch's previous year; nil when
	// there is none to compare with.
	Diff *RulesDiff
}

// Report is one set of figures a branch sent for a period: its first
// bundle, and later bundles of the same figures (copies, rebuilds).
type Report struct {
	Bundles []*Received // as made: as-of, then path
	Changes []string    // what differs from the report before, 「平均季度积分 80 → 80.5」
}

// Digest is the report's first bundle's.
func (r *Report) Digest() *Digest { return r.Bundles[0].Digest }

// Copies counts the report's further bundles identical to its first.
func (r *Report) Copies() int {
	n := 0
	for _, b := range r.Bundles[1:] {
		if b.Digest.ContentHash == r.Digest().ContentHash {
			n++
		}
	}
	return n
}

// PublishedOnTime reports whether the period's 公示 went up by its due
// date (五(四), 七(三): the 5th of the following month; the year's by the
// first quarter's due date of the next year), as its record says; false
// without a record. The dates the branch typed into its settings do not
// count: they say when the 公示 was meant to start, not that it did.
func (r *Row) PublishedOnTime() bool {
	return r.Posted != "" && !r.PostedLate
}

// Days is how many days the 公示 lasted, both ends included: from the day
// it went up (or the first day its notice states, if that is later) to
// the last day its notice states. Without a record, the days the notice
// was meant to run.
func (r *Row) Days() int {
	startText, endText := r.Digest.Start, r.Digest.End
	if n := r.notice(); n != nil {
		startText, endText = max(n.Posted, n.Start), n.End
	}
	start, err1 := time.Parse(time.DateOnly, startText)
	end, err2 := time.Parse(time.DateOnly, endText)
	if err1 != nil || err2 != nil || end.Before(start) {
		return 0
	}
	return model.DaysBetween(start, end) + 1
}

// notice is the period's 公示 record, or nil.
func (r *Row) notice() *Record {
	for _, rec := range r.Records {
		if rec.Kind == string(model.PostNotice) {
			return rec
		}
	}
	return nil
}

// LongEnough reports whether the 公示 lasted at least three days.
func (r *Row) LongEnough() bool { return r.Days() >= model.MinPublicationDays }

// OverQuota reports whether the branch decided more 优秀 than its places.
func (r *Row) OverQuota() bool {
	return r.Digest != nil && r.Digest.Grades.Excellent > r.Digest.Grades.ExcellentLimit
}

// Branch is one branch over all periods.
type Branch struct {
	Name     string // as the list spells it, else as its first bundle does (quoted)
	Key      string // BranchKey(Name): what bundles and the list are matched by
	Folder   string // its folder under branches/ (BranchFolder)
	Superior string
	Contact  string // 联系人 from the list
	OffList  bool   // a list exists and does not name the branch (名单外)
	listed   bool   // the list names it
	Rows     []*Row // every period the branch is expected in, in order
	Received []*Received
	// first is the earliest period of its valid bundles: without a list, a
	// branch is expected from then on.
	first periodKey
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
