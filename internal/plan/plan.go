// Package plan decides what a build publishes. From one year's scored
// result and the build's flags, Of lists every document that exists: its
// kind, the tree it goes to (the public site or the committee's reports,
// SPEC §6), its path there, the quarter it is about, whether it is a
// watermarked draft, and how the committee page names it. The pipeline
// renders exactly these documents and render links exactly these, so no
// other code decides which quarters are published, whether the annual
// result is public, or where a draft goes.
//
// Adding a kind of document is a constant here, its place in Of, and one
// case in the pipeline's renderer (internal/pipeline, stage.renderer); the
// committee page lists it by itself.
package plan

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/jifen-dev/jifen/internal/filing"
	"github.com/jifen-dev/jifen/internal/model"
)

// Tree is the output tree a document goes to.
type Tree int

const (
	Public    Tree = iota // --out: what the intranet serves and the bulletin board shows
	Committee             // --reports: the branch committee's, never published
)

// Kind is what a document is; the pipeline renders each kind one way.
type Kind string

const (
	Scores        Kind = "scores.json"   // every figure, rank, proposal and reason (JSON)
	Ledger        Kind = "ledger.xlsx"   // 积分台帐
	QuarterNotice Kind = "notice.pdf"    // 公示 notice of a quarter, for the bulletin board
	Slips         Kind = "slips.pdf"     // 积分核实单 of a quarter (one part of them for a large branch)
	DraftPage     Kind = "draft page"    // the open quarter's publication page, previewed (committee tree)
	AnnualNotice  Kind = "annual notice" // 年度评定结果公示
	Register      Kind = "register.pdf"  // 年度综合积分登记表
	Filing        Kind = "备案"            // 备案 bundle of a quarter or of the year
	RulesFiling   Kind = "细则备案"          // the year's 细则 bundle: rubric, settings, exemptions (六 第一阶段, 三)
	Posted        Kind = "posted"        // a record's archived PDF, republished byte for byte (SPEC §11)
	Correction    Kind = "correction"    // correction.pdf, the 更正公示 awaiting posting (SPEC §11)
)

// Doc is one document of a year.
type Doc struct {
	Kind    Kind
	Tree    Tree
	Path    string // slash path inside its tree: 2026/q1/notice.pdf, 2026/draft/q3/notice.pdf
	Quarter int    // 1–4; 0 = about the year as a whole
	Draft   bool   // the open quarter, watermarked 「未公示草稿」; committee tree only
	// Parts are the parts of the result the document is made from:
	// quarters 1–4, 0 for the annual results (the pipeline's cache key).
	Parts []int
	Slips *model.SlipsPart // Slips: the members this part covers
	// Copy is the record whose archived PDF this document is, byte for
	// byte: a posted period's notice and every Posted document. Such a
	// document is copied, never rendered (posted.go).
	Copy *model.Record
	// Title and Note name the document in the committee page's list of files.
	Title, Note string
}

// Plan is every document of one year.
type Plan struct {
	Result *model.Result
	// Quarters are the published quarters: the closed ones, ascending.
	Quarters []int
	// Draft is the open quarter previewed with --drafts, 0 for none. Its
	// documents go to <year>/draft/ in the committee tree only.
	Draft int
	// AnnualPublic: the year is closed and its grades decided, so the
	// annual results are published (SPEC §6).
	AnnualPublic bool
	Docs         []Doc
}

// Of decides the documents of one year's result; drafts is --drafts.
func Of(res *model.Result, drafts bool) *Plan {
	y := res.Year.Year
	p := &Plan{Result: res, AnnualPublic: res.YearClosed && res.Year.Settings.GradesDecided}
	for q := 1; q <= 4; q++ {
		if res.Closed[q-1] {
			p.Quarters = append(p.Quarters, q)
		}
	}
	if drafts {
		p.Draft = res.OpenQuarter()
	}
	year := closedParts(res)

	p.add(Doc{Kind: Scores, Tree: Committee, Path: YearPath(y, "scores.json"),
		Title: "scores.json", Note: "全部分数、排名、建议等次与理由（JSON）"})
	p.add(Doc{Kind: Ledger, Tree: Committee, Path: YearPath(y, "ledger.xlsx"), Parts: year,
		Title: "ledger.xlsx", Note: "积分台帐（Excel）"})
	for _, q := range p.Quarters {
		dir := QuarterPath(y, q)
		p.notice(Doc{Kind: QuarterNotice, Tree: Public, Path: path.Join(dir, "notice.pdf"), Quarter: q, Parts: []int{q},
			Title: model.QuarterLabel(q) + "公示通知", Note: "notice.pdf"}, dir)
		p.slips(dir, q, false)
	}
	if q := p.Draft; q > 0 {
		dir := YearPath(y, "draft", quarterDir(q))
		label := model.QuarterLabel(q)
		p.add(Doc{Kind: DraftPage, Tree: Committee, Path: path.Join(dir, "index.html"), Quarter: q, Draft: true, Parts: []int{q},
			Title: label + "公示页面（未公示草稿）", Note: "仅供支委会预览"})
		p.add(Doc{Kind: QuarterNotice, Tree: Committee, Path: path.Join(dir, "notice.pdf"), Quarter: q, Draft: true, Parts: []int{q},
			Title: label + "公示通知（未公示草稿）", Note: "notice.pdf，不得张贴"})
		p.slips(dir, q, true)
	}
	if p.AnnualPublic {
		p.notice(Doc{Kind: AnnualNotice, Tree: Public, Path: AnnualPath(y, "notice.pdf"), Parts: year,
			Title: "年度评定结果公示", Note: "annual/notice.pdf"}, AnnualPath(y))
	}
	if res.YearClosed {
		p.add(Doc{Kind: Register, Tree: Committee, Path: AnnualPath(y, "register.pdf"), Parts: year,
			Title: "年度综合积分登记表", Note: "register.pdf（备案）"})
	}
	// 备案 (六 第四、第五阶段): every published quarter, then the year
	// once its results are published; first the 细则.
	periods := p.Quarters
	if p.AnnualPublic {
		periods = append(periods[:len(periods):len(periods)], 0)
	}
	branch := res.Year.Settings.Branch
	// The year's 细则 goes up 「每年年初」 (六 第一阶段), so as soon as the
	// register has a rubric and settings: every year a build reads.
	p.add(Doc{Kind: RulesFiling, Tree: Committee, Path: filing.RulesPath(branch, y),
		Title: filing.RulesFileName(branch, y), Note: "细则备案包"})
	for _, q := range periods {
		p.add(Doc{Kind: Filing, Tree: Committee, Path: filing.Path(branch, y, q), Quarter: q,
			Title: filing.FileName(branch, y, q), Note: "备案包"})
	}
	return p
}

func (p *Plan) add(d Doc) { p.Docs = append(p.Docs, d) }

// slips adds a quarter's 积分核实单: one document, or for a large branch one
// per set of 党小组 (model.SlipsParts), each saying which groups and how
// many members it holds.
func (p *Plan) slips(dir string, q int, draft bool) {
	parts := p.Result.SlipsParts(q)
	for i := range parts {
		sp := &parts[i]
		d := Doc{Kind: Slips, Tree: Committee, Path: path.Join(dir, sp.File), Quarter: q, Draft: draft, Parts: []int{q},
			Slips: sp, Title: model.QuarterLabel(q) + "积分核实单", Note: sp.File}
		if len(parts) > 1 {
			d.Title += fmt.Sprintf("（%s，%d 人）", groupsText(sp.Groups), len(sp.Members))
		}
		if draft {
			d.Title += "（未公示草稿）"
		}
		p.add(d)
	}
}

func groupsText(groups []string) string {
	gs := make([]string, len(groups))
	for i, g := range groups {
		gs[i] = g
		if g == "" {
			gs[i] = "未分党小组"
		}
	}
	if len(gs) > 3 {
		return fmt.Sprintf("%s至%s等 %d 个党小组", gs[0], gs[len(gs)-1], len(gs))
	}
	return strings.Join(gs, "、")
}

// Find returns the document of a kind about quarter q (0 = the year) in a
// tree, draft or not, or nil. With several parts (slips) it is the first.
func (p *Plan) Find(k Kind, t Tree, q int, draft bool) *Doc {
	for i := range p.Docs {
		d := &p.Docs[i]
		if d.Kind == k && d.Tree == t && d.Quarter == q && d.Draft == draft {
			return d
		}
	}
	return nil
}

// In lists the documents of one tree, in plan order.
func (p *Plan) In(t Tree) []Doc {
	var out []Doc
	for _, d := range p.Docs {
		if d.Tree == t {
			out = append(out, d)
		}
	}
	return out
}

// closedParts are the closed quarters and the annual part: what the ledger
// and the annual documents are made from.
func closedParts(res *model.Result) []int {
	parts := []int{0}
	for q := 1; q <= 4; q++ {
		if res.Closed[q-1] {
			parts = append(parts, q)
		}
	}
	return parts
}

// The folders of a year are the same in both trees (SPEC §6), and a
// period's pages sit beside its documents: render names its pages with
// these, so no second place spells 2026/q1/ or 2026/annual/.

// YearPath is a path inside year y's folder: 2026/….
func YearPath(y int, elem ...string) string {
	return path.Join(append([]string{strconv.Itoa(y)}, elem...)...)
}

// QuarterPath is a path inside quarter q's folder of year y: 2026/q1/….
func QuarterPath(y, q int, elem ...string) string {
	return YearPath(y, append([]string{quarterDir(q)}, elem...)...)
}

// AnnualPath is a path inside the folder of year y's annual results:
// 2026/annual/….
func AnnualPath(y int, elem ...string) string {
	return YearPath(y, append([]string{"annual"}, elem...)...)
}

func quarterDir(q int) string { return "q" + strconv.Itoa(q) }
