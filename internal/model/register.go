package model

import (
	"math/big"
	"strings"
	"time"
)

// Register is everything read from a data folder.
type Register struct {
	Years []*Year // ascending by year
	Pages []Page  // data/pages/*.md, sorted by file name
}

// Year returns the year's register or nil.
func (r *Register) Year(y int) *Year {
	for _, yr := range r.Years {
		if yr.Year == y {
			return yr
		}
	}
	return nil
}

// Page is a Markdown page from data/pages.
type Page struct {
	Name   string // file name without .md, used for the output file name
	Title  string // first heading, or Name
	Source []byte
}

// Year is one 积分周期: the register of one year folder.
type Year struct {
	Year        int
	Dir         string // as given, slash-separated: data/2026
	Settings    Settings
	Items       []*Item // rubric order
	Members     []*Member
	Entries     []*Entry
	Claims      []*Claim
	Deductions  []*DeductionEntry
	Evaluations []*Evaluation
	Objections  []*Objection
	Decisions   []*Decision
	Commitments []*Commitment
	// Activities and Attendance come from 签到表 sheets (SPEC §2.11). Every
	// counted mark is also an Entry and/or a DeductionEntry above, so
	// scoring needs only those; Attendance is the record pages publish.
	Activities []*Activity
	Attendance []*Attendance // in place order (file, sheet, cell)
}

// Item looks an item up by code.
func (y *Year) Item(code string) *Item {
	for _, it := range y.Items {
		if it.Code == code {
			return it
		}
	}
	return nil
}

// Member looks a member up by exact 编号 (already canonical).
func (y *Year) Member(id string) *Member {
	for _, m := range y.Members {
		if m.ID == id {
			return m
		}
	}
	return nil
}

// BaseMode is 基础分计分方式.
type BaseMode int

const (
	Accumulate BaseMode = iota // 累加制
	Deduct                     // 扣减制
)

func (b BaseMode) String() string {
	if b == Deduct {
		return "扣减制"
	}
	return "累加制"
}

// Settings is the 设置 sheet with defaults applied (SPEC §2.1).
type Settings struct {
	Branch           string // 支部名称
	Year             int    // 年度
	Superior         string // 上级党组织
	Secretary        string // 支部书记
	Administrator    string // 积分管理员
	ObjectionContact string // 异议受理
	BaseMax          Points // 基础分满分, default 80
	RewardMax        Points // 奖励分上限, default 10
	DemocraticMax    Points // 民主评议满分, default 10
	BaseMode         BaseMode
	PublicationDays  int      // 公示天数 ≥ 3
	LateDays         int      // 补登记时限, default 7
	ClaimCutoffDay   int      // 奖励申报截止日, default 25
	ExcellentQuota   *big.Rat // 优秀比例上限 as a fraction, default 3/20
	EvalWeight       *big.Rat // 评议权重, default 7/10
	PromiseWeight    *big.Rat // 践诺权重, default 3/10
	PublicationStart [4]time.Time
	// AnnualStart is 年度公示日期 as written; zero = not given, see
	// Year.AnnualPublication for the default.
	AnnualStart   time.Time
	Scheme        string // 方案名称 in 《》, default DefaultScheme
	ShowRanks     bool   // 公示排名
	GradesDecided bool   // 年度等次已确定
	FontFile      string // 字体文件: optional TrueType/TTC path for PDFs, relative to the data folder
	AbsenceItem   *Item  // 缺席扣分项目: an 扣分 item every 缺席 on a base column also deducts; nil = none

	// Pos of each 项目 row, for findings that concern a setting.
	Pos map[string]Pos
}

// DefaultSettings returns the SPEC defaults for year.
func DefaultSettings(year int) Settings {
	s := Settings{
		Year:            year,
		BaseMax:         P(80),
		RewardMax:       P(10),
		DemocraticMax:   P(10),
		PublicationDays: 3,
		LateDays:        7,
		ClaimCutoffDay:  25,
		ExcellentQuota:  big.NewRat(15, 100),
		EvalWeight:      big.NewRat(7, 10),
		PromiseWeight:   big.NewRat(3, 10),
		Scheme:          DefaultScheme,
		Pos:             map[string]Pos{},
	}
	for q := 1; q <= 4; q++ {
		s.PublicationStart[q-1] = QuarterEnd(year, q).AddDate(0, 0, 1)
	}
	return s
}

// Publication returns the first and last day of quarter q's 公示.
func (s Settings) Publication(q int) (start, end time.Time) {
	start = s.PublicationStart[q-1]
	return start, start.AddDate(0, 0, s.PublicationDays-1)
}

// DefaultScheme is the 方案名称 when the setting is blank: the title of the
// scheme the program implements.
const DefaultScheme = "《党支部党员积分制管理具体实施方案》"

// CommitteeName names the committee of a branch that signs its notices,
// 「中共…支部委员会」. The 支部名称 setting usually reads 「中共XX局机关党支部」
// and sometimes lacks the 中共 or already ends in 委员会.
func CommitteeName(branch string) string {
	b := strings.TrimSpace(branch)
	if b == "" {
		return "党支部委员会"
	}
	if !strings.HasPrefix(b, "中共") && !strings.HasPrefix(b, "中国共产党") {
		b = "中共" + b
	}
	switch {
	case strings.HasSuffix(b, "委员会"):
	case strings.HasSuffix(b, "总支"):
		b += "部委员会"
	case strings.HasSuffix(b, "支部"):
		b += "委员会"
	default:
		b += "党支部委员会"
	}
	return b
}

// DecisionDate is the latest 决定日期 of the 等次确定 sheet: the day the
// branch decided the year's grades, or the zero time when none is given.
func (y *Year) DecisionDate() time.Time {
	var last time.Time
	for _, d := range y.Decisions {
		if d.Date.After(last) {
			last = d.Date
		}
	}
	return last
}

// AnnualPublication returns the first and last day of the annual results'
// 公示 (年度评定结果公示, SPEC §2.1): from 年度公示日期, else the latest
// 决定日期, else the 第四季度公示日期; it runs 公示天数 days. Every output
// that states or dates the annual 公示 asks here, so a rebuild years later
// reproduces what was posted.
func (y *Year) AnnualPublication() (start, end time.Time) {
	s := y.Settings
	start = s.AnnualStart
	if start.IsZero() {
		start = y.DecisionDate()
	}
	if start.IsZero() {
		start = s.PublicationStart[3]
	}
	return start, start.AddDate(0, 0, s.PublicationDays-1)
}

// ItemKind is a rubric item's 类别.
type ItemKind int

const (
	Base      ItemKind = iota + 1 // 基础
	Reward                        // 奖励
	Deduction                     // 扣分
)

func (k ItemKind) String() string {
	switch k {
	case Base:
		return "基础"
	case Reward:
		return "奖励"
	case Deduction:
		return "扣分"
	}
	return ""
}

// Item is one row of the 考核项目 rubric.
type Item struct {
	Pos        Pos
	Code       string
	Kind       ItemKind
	Name       string
	Points     Points // per occurrence, signed as written (扣分 items may be ±)
	QuarterCap Points // 季度上限 on the magnitude per member and quarter; 0 = none
	NeedsProof bool
	Note       string // 说明
}

// Category is a roster member's 类别.
type Category string

const (
	Full      Category = "正式党员"
	Probation Category = "预备党员"
	Activist  Category = "入党积极分子"
	Candidate Category = "发展对象"
)

// Graded reports whether the category is ranked and graded (正式/预备党员).
func (c Category) Graded() bool { return c == Full || c == Probation }

// Member is one row of the 党员名册. Only ID, Name, Category, Group, Role and
// the fact of exemption may appear in any output.
type Member struct {
	Pos               Pos
	ID                string // canonical 编号 as written in the roster
	Name              string
	Category          Category
	Group             string // 党小组
	Role              string // 职务
	In, Out           time.Time
	Exempt            bool
	ExemptReason      string // committee only (reports/)
	Filing            string // 备案情况, committee only
	ProbationExtended bool
}

// Participates reports whether the member takes part in quarter q of year
// (SPEC §4: not exempted and the quarter overlaps [In, Out]).
func (m *Member) Participates(year, q int) bool {
	if m.Exempt {
		return false
	}
	if !m.In.IsZero() && m.In.After(QuarterEnd(year, q)) {
		return false
	}
	if !m.Out.IsZero() && m.Out.Before(QuarterStart(year, q)) {
		return false
	}
	return true
}

// Active reports whether day d lies within [In, Out].
func (m *Member) Active(d time.Time) bool {
	return (m.In.IsZero() || !d.Before(m.In)) && (m.Out.IsZero() || !d.After(m.Out))
}

// Entry is one 日常登记 row (base or reward item).
type Entry struct {
	Pos      Pos
	Date     time.Time // 活动日期
	Member   *Member
	Item     *Item
	Count    int
	Points   Points // signed total for the row: override or Item.Points × Count
	Reason   string // 事由, published
	Recorder string // 登记人
	RegDate  time.Time
	Witness  string // 证明人
	Mark     Mark   // the 签到表 mark this entry was typed as; NoMark for a 日常登记 row
}

// Approval is a claim's review state.
type Approval int

const (
	Pending  Approval = iota // 待审
	Approved                 // 通过
	Rejected                 // 不通过
)

func (a Approval) String() string {
	switch a {
	case Approved:
		return "通过"
	case Rejected:
		return "不通过"
	}
	return "待审"
}

// Claim is one 奖励申报 row.
type Claim struct {
	Pos          Pos
	Date         time.Time // 申报日期
	Member       *Member
	Item         *Item
	Reason       string
	Claimed      Points // 申报分值 (>0)
	Proof        string // 证明材料
	GroupOpinion Approval
	Decision     Approval
	Awarded      Points // 审定分值 (>0, ≤ Claimed)
	Quarter      int    // quarter it counts in; 0 = after the Q4 cut-off (not this year)
}

// Counts reports whether the claim is approved at both levels.
func (c *Claim) Counts() bool { return c.GroupOpinion == Approved && c.Decision == Approved }

// DeductionEntry is one 违规扣分 row. 举报人 and 备注（内部） are never read.
type DeductionEntry struct {
	Pos    Pos
	Date   time.Time // 认定日期
	Member *Member
	Item   *Item
	Points Points // magnitude (>0)
	Reason string // 事由: committee outputs only; public pages show the item name
	Source string // 来源
	Basis  string // 依据
	Mark   Mark   // Absent when a 签到表 缺席 deducted 缺席扣分项目; NoMark for a 违规扣分 row
}

// Evaluation is one 民主评议 row; Score is 评议得分 (direct or from votes).
type Evaluation struct {
	Pos     Pos
	Member  *Member
	Score   *big.Rat // 0–100
	Promise *big.Rat // 承诺践诺得分 0–100
	Votes   *[4]int  // 优秀, 合格, 基本合格, 不合格 when given as votes
}

// Objection is one 异议处理 row. 提出人 is never read.
type Objection struct {
	Pos           Pos
	Received      time.Time
	Quarter       int
	Member        *Member
	Matter        string // 异议事项
	Investigation string // 调查结果
	Outcome       string // 维持 / 更正
	Feedback      time.Time
	Status        string // 受理中 / 已反馈
}

// Grade is an annual 等次.
type Grade string

const (
	Excellent    Grade = "优秀"
	Qualified    Grade = "合格"
	BasicQualify Grade = "基本合格"
	Unqualified  Grade = "不合格"
)

// Decision is one 等次确定 row.
type Decision struct {
	Pos         Pos
	ReasonPos   Pos // the 理由 cell (or 确定等次 when the sheet has no 理由 column), for a missing reason
	Member      *Member
	Grade       Grade // "" keeps the proposal
	Reason      string
	Interviewer string // 谈话人
	Date        time.Time
}

// Commitment is one 承诺书 row.
type Commitment struct {
	Pos      Pos
	Member   *Member
	Content  string
	Reviewer string
	Signed   time.Time
}

// Mark is one cell of a 签到表 (SPEC §2.11). A blank cell is no mark: the
// activity was not expected of that member.
type Mark int8

const (
	NoMark  Mark = iota
	Present      // 出席
	Excused      // 请假
	Absent       // 缺席
)

func (m Mark) String() string {
	switch m {
	case Present:
		return "出席"
	case Excused:
		return "请假"
	case Absent:
		return "缺席"
	}
	return ""
}

// Activity is one activity column of a 签到表: its header cell names it,
// the 活动日期 and 项目编码 rows above give its date and rubric item.
type Activity struct {
	Pos  Pos // the header cell
	Name string
	Date time.Time
	Item *Item // a base or reward item
}

// Attendance is one non-blank mark of a non-exempt member, with what it
// counted: Entry is the 日常登记-equivalent entry (nil when the mark counts
// nothing: 请假, 缺席 under 累加制, 出席 on a base column under 扣减制 …),
// Deduction the 缺席扣分项目 deduction (nil unless set and 缺席 on a base column).
type Attendance struct {
	Pos       Pos // the mark's cell
	Member    *Member
	Activity  *Activity
	Mark      Mark
	Entry     *Entry
	Deduction *DeductionEntry
}

// Counted says in words what a mark counted, as registered (before caps):
// 「基础 +5」, 「基础 -5；扣分 -1（无故缺席组织生活）」, 「不计分」. Member pages
// and slips print it beside the mark; only the rubric item of a deduction
// is named, as for every published deduction.
func (a *Attendance) Counted() string {
	var parts []string
	if e := a.Entry; e != nil {
		parts = append(parts, e.Item.Kind.String()+" "+e.Points.Signed())
	}
	if d := a.Deduction; d != nil {
		parts = append(parts, "扣分 "+(-d.Points.Abs()).Signed()+"（"+d.Item.Name+"）")
	}
	if len(parts) == 0 {
		return "不计分"
	}
	return strings.Join(parts, "；")
}
