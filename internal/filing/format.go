package filing

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The format of summary.json and manifest.json. A reader accepts exactly
// Version: a jifen that changes the meaning or shape of a field raises it,
// so an older reader names the bundle instead of misreading it. Fields may
// be added within a version; readers ignore fields they do not know.
const (
	Format         = "jifen-备案"
	ManifestFormat = "jifen-备案-manifest"
	Version        = 1
)

// File names inside a bundle. They are ASCII so that every unzip tool
// (Windows Explorer included) shows them as written.
const (
	SummaryFile  = "summary.json"
	ManifestFile = "manifest.json"
	NoticeFile   = "notice.pdf"
	SlipsFile    = "slips.pdf"
	RegisterFile = "register.pdf"
)

// PeriodYear is the Period of a year's bundle; quarters are "Q1" … "Q4".
const PeriodYear = "年度"

// PeriodName names period q: "Q1" … "Q4", or "年度" for 0.
func PeriodName(q int) string {
	if q == 0 {
		return PeriodYear
	}
	return "Q" + strconv.Itoa(q)
}

// ParsePeriod is the inverse of PeriodName; ok is false for anything else.
func ParsePeriod(s string) (q int, ok bool) {
	switch s {
	case PeriodYear:
		return 0, true
	case "Q1", "Q2", "Q3", "Q4":
		return int(s[1] - '0'), true
	}
	return 0, false
}

// Summary is summary.json (docs/filing.md, docs/filing-summary.schema.json).
// A quarter's bundle gives every participating member his quarter figures
// (Member.Quarter); the year's bundle his annual figures, final grade and
// follow-up actions (Member.Annual), and the grade counts. Field order is
// the output order.
type Summary struct {
	Format      string      `json:"format"`
	Version     int         `json:"version"`
	Branch      string      `json:"branch"`   // 支部名称
	Superior    string      `json:"superior"` // 上级党组织, "" when not set
	Year        int         `json:"year"`
	Period      string      `json:"period"`  // "Q1" … "Q4" or "年度"
	Quarter     *int        `json:"quarter"` // 1–4; null in the year's bundle
	AsOf        string      `json:"as_of"`   // the build's --as-of day, 2026-07-10
	Publication Publication `json:"publication"`
	Scoring     Scoring     `json:"scoring"`
	Counts      Counts      `json:"counts"`
	Grades      *Grades     `json:"grades,omitempty"` // year only
	Objections  Objections  `json:"objections"`       // of the quarter, or of the whole year
	Posting     Posting     `json:"posting"`          // the 公示's state and records (SPEC §11); added within version 1
	Members     []Member    `json:"members"`          // participating members, roster order
	Documents   Documents   `json:"documents"`
	// Pending lists, in the year's bundle, every measure of 处置跟踪
	// waiting for the superior's 批复 (SPEC §2.12), roster order.
	Pending []Pending `json:"pending,omitempty"`
}

// Publication is the 公示 of the period: first and last day, both included.
type Publication struct {
	Start string `json:"start"` // 2026-04-01
	End   string `json:"end"`   // 2026-04-03
	Days  int    `json:"days"`  // 公示天数
}

// Scoring is the settings the figures were computed under.
type Scoring struct {
	BaseMode       string      `json:"base_mode"` // 累加制 or 扣减制
	BaseMax        json.Number `json:"base_max"`
	RewardMax      json.Number `json:"reward_max"`
	DemocraticMax  json.Number `json:"democratic_max"`
	ExcellentQuota json.Number `json:"excellent_quota"` // 优秀比例上限 as a fraction: 0.15
}

// Counts are head counts of the period.
type Counts struct {
	Roster         int  `json:"roster"`                  // rows of the 党员名册
	Exempt         int  `json:"exempt"`                  // 不纳入积分管理
	Participating  int  `json:"participating"`           // len(Members)
	WithDeductions int  `json:"with_deductions"`         // participating members with 违规扣分 > 0 (year: 年度扣分)
	Ranked         *int `json:"ranked,omitempty"`        // quarter: 正式/预备党员 ranked
	Graded         *int `json:"graded,omitempty"`        // year: members with a final grade
	NoEvaluation   *int `json:"no_evaluation,omitempty"` // year: 正式/预备党员 lacking 民主评议, so ungraded
}

// Grades counts final grades and gives the 优秀 quota of the year.
type Grades struct {
	Excellent   int `json:"excellent"`   // 优秀
	Qualified   int `json:"qualified"`   // 合格
	Basic       int `json:"basic"`       // 基本合格
	Unqualified int `json:"unqualified"` // 不合格
	// ExcellentLimit is ⌊优秀比例上限 × graded⌋ (SPEC §4), the number of
	// 优秀 places the branch had; a final count above it is the branch's
	// decision and the superior sees it.
	ExcellentLimit int `json:"excellent_limit"`
}

// Objections to the period's 公示 (五(四)).
type Objections struct {
	Received  int `json:"received"`
	Corrected int `json:"corrected"` // 处理结果 更正
	Open      int `json:"open"`      // 状态 受理中
}

// Member is one participating member of the period.
type Member struct {
	ID       string          `json:"id"`
	Name     string          `json:"name"`
	Category string          `json:"category"` // 正式党员 / 预备党员 / 入党积极分子 / 发展对象
	Group    string          `json:"group"`    // 党小组
	Quarter  *QuarterFigures `json:"quarter,omitempty"`
	Annual   *AnnualFigures  `json:"annual,omitempty"`
}

// QuarterFigures are a member's figures of one quarter, exact to the
// hundredth as scored.
type QuarterFigures struct {
	Base      json.Number `json:"base"`
	Reward    json.Number `json:"reward"`
	Deduction json.Number `json:"deduction"`
	Total     json.Number `json:"total"`
	Rank      *int        `json:"rank"` // null for 入党积极分子/发展对象
}

// AnnualFigures are a member's year: the composite rounded to two decimals
// as in scores.json, the final grade and the follow-up actions.
type AnnualFigures struct {
	Quarters     int          `json:"quarters"` // quarters taken part in
	QuarterAvg   json.Number  `json:"quarter_avg"`
	BaseAvg      json.Number  `json:"base_avg"`
	RewardAvg    json.Number  `json:"reward_avg"`
	DeductionSum json.Number  `json:"deduction_sum"`
	Democratic   *json.Number `json:"democratic"` // null without 民主评议
	Total        *json.Number `json:"total"`      // null without 民主评议
	Rank         *int         `json:"rank"`
	FinalGrade   *string      `json:"final_grade"` // null: 不评定 or no 民主评议
	Actions      []string     `json:"actions"`     // 五(六)5–6 follow-up actions
}

// Documents names the PDFs of the bundle.
type Documents struct {
	Notice   string `json:"notice"`             // notice.pdf: the 公示 as posted
	Slips    string `json:"slips,omitempty"`    // quarter: slips.pdf, the 积分核实单 (the first part when split)
	Register string `json:"register,omitempty"` // year: register.pdf, the 年度综合积分登记表
	// SlipsParts lists every slips document of a large branch's quarter
	// (slips-01.pdf …, whole 党小组 each, model.SlipsMaxMembers at most);
	// absent when the quarter has the one slips.pdf.
	SlipsParts []string `json:"slips_parts,omitempty"`
}

// Files lists the documents in bundle order.
func (d Documents) Files() []string {
	var fs []string
	slips := []string{d.Slips}
	if len(d.SlipsParts) > 0 {
		slips = d.SlipsParts
	}
	for _, f := range append(append([]string{d.Notice}, slips...), d.Register) {
		if f != "" {
			fs = append(fs, f)
		}
	}
	return fs
}

// Manifest is manifest.json: every other file of the bundle, in bundle
// order, with its size and SHA-256.
type Manifest struct {
	Format  string          `json:"format"`
	Version int             `json:"version"`
	Files   []ManifestEntry `json:"files"`
}

// ManifestEntry is one line of the manifest.
type ManifestEntry struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"` // lower-case hex
}

// FileName is the bundle's file name as the branch's build writes it:
// <支部名称>-<year>-Q<N>.zip or <支部名称>-<year>-年度.zip. Characters that
// Windows forbids in file names become 「_」, and a long 支部名称 is cut
// (see safeName).
func FileName(branch string, year, q int) string {
	return safeName(branch) + "-" + strconv.Itoa(year) + "-" + PeriodName(q) + ".zip"
}

// maxNameBytes bounds the 支部名称 part of a file name. File systems allow
// 255 bytes (ext4, APFS) or 255 UTF-16 units (NTFS) a name, and a 支部名称
// of 80 characters is 240 bytes of UTF-8: the build failed with an English
// "file name too long" (issue 24). 120 bytes, 40 characters of Chinese,
// also leaves a Windows path under 260 characters in a deep folder.
const maxNameBytes = 120

// safeName is a 支部名称 as a file name: forbidden characters become 「_」,
// and a name longer than maxNameBytes keeps its beginning, cut at a
// character boundary, then 「…」 and eight hex digits of the full name's
// SHA-256, so that two long names with one beginning stay two files.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, strings.TrimSpace(s)) // also makes s valid UTF-8
	s = strings.Trim(s, ". ")
	if s == "" {
		return "党支部"
	}
	if len(s) > maxNameBytes {
		sum := sha256.Sum256([]byte(s))
		tag := "…" + hex.EncodeToString(sum[:4])
		n := maxNameBytes - len(tag)
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s = s[:n] + tag
	}
	return s
}

// Path is where the build writes the bundle of period q of a branch's
// year inside the committee tree: <year>/备案/<FileName>, slash-separated.
func Path(branch string, year, q int) string {
	return strconv.Itoa(year) + "/备案/" + FileName(branch, year, q)
}

// Identity is what a bundle is about: one branch's one period, or its
// year's 细则.
type Identity struct {
	Branch string
	Year   int
	Period string // "Q1" … "Q4", "年度", "细则" (PeriodRules)
}

// identityFromName reads an Identity from a file name of FileName's shape,
// for bundles too damaged to read their summary.
func identityFromName(name string) (Identity, bool) {
	base := strings.TrimSuffix(name, ".zip")
	if base == name {
		base = strings.TrimSuffix(name, ".ZIP")
	}
	i := strings.LastIndexByte(base, '-')
	if i < 0 {
		return Identity{}, false
	}
	period := base[i+1:]
	if _, ok := ParsePeriod(period); !ok && period != PeriodRules {
		return Identity{}, false
	}
	rest := base[:i]
	j := strings.LastIndexByte(rest, '-')
	if j <= 0 {
		return Identity{}, false
	}
	year, err := strconv.Atoi(rest[j+1:])
	if err != nil || year < MinYear || year > MaxYear {
		return Identity{}, false
	}
	return Identity{Branch: rest[:j], Year: year, Period: period}, true
}
