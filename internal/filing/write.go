package filing

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
)

// Docs are the rendered documents a bundle carries, as the build wrote them
// into the site and the reports.
type Docs struct {
	Notice   []byte // the quarter's or the year's 公示 notice
	Slips    []byte // quarter: the 积分核实单
	Register []byte // year: the 年度综合积分登记表
	// SlipsParts replaces Slips when a large branch's quarter has several
	// slips documents (model.Result.SlipsParts): every part, in order,
	// under its name in the reports.
	SlipsParts []Part
	// Records are the period's 公示存档 files, named as RecordFiles says:
	// each record, and each 更正公示's PDF (the 公示's is Notice).
	Records []Part
}

// Part is one named document.
type Part struct {
	Name string
	Data []byte
}

// Write writes the bundle of period q (1–4, or 0 for the year) of res.
func Write(w io.Writer, res *model.Result, q int, docs Docs) error {
	sum, err := Summarize(res, q)
	if err != nil {
		return err
	}
	// The documents of the period's Duty, in its order; summary.json is
	// made here and leads, manifest.json closes.
	var files []Part
	for _, c := range DutyOf(q).Contents {
		switch c.File {
		case NoticeFile:
			files = append(files, Part{NoticeFile, docs.Notice})
		case SlipsFile:
			if len(docs.SlipsParts) > 0 {
				files = append(files, docs.SlipsParts...)
			} else {
				files = append(files, Part{SlipsFile, docs.Slips})
			}
		case RegisterFile:
			files = append(files, Part{RegisterFile, docs.Register})
		}
	}
	// The period's 公示存档 records (and 更正公示 PDFs), once posted (SPEC §11):
	// exactly those summary.json names, or the superior could not verify them.
	files = append(files, docs.Records...)
	var named []string
	for _, r := range sum.Posting.Records {
		named = append(named, r.File)
		if r.PDF != NoticeFile {
			named = append(named, r.PDF)
		}
	}
	var given []string
	for _, p := range docs.Records {
		given = append(given, p.Name)
	}
	if !slices.Equal(named, given) {
		return fmt.Errorf("bundle %s: records %v given, summary names %v", PeriodName(q), given, named)
	}
	for _, f := range files {
		if len(f.Data) == 0 {
			return fmt.Errorf("bundle %s: no %s", PeriodName(q), f.Name)
		}
	}
	js, err := encode(sum)
	if err != nil {
		return err
	}
	date, err := time.Parse(time.DateOnly, sum.Publication.Start)
	if err != nil {
		return fmt.Errorf("bundle %s: %w", PeriodName(q), err)
	}
	man := Manifest{Format: ManifestFormat, Version: Version, Files: []ManifestEntry{entry(SummaryFile, js)}}
	for _, f := range files {
		man.Files = append(man.Files, entry(f.Name, f.Data))
	}
	mj, err := encode(man)
	if err != nil {
		return err
	}

	zw := zip.NewWriter(w)
	add := func(name string, data []byte, method uint16) error {
		// Entries are dated by the document date, like the PDFs inside,
		// so the zip's bytes do not depend on the day of the build.
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: date})
		if err != nil {
			return err
		}
		_, err = fw.Write(data)
		return err
	}
	if err := add(SummaryFile, js, zip.Deflate); err != nil {
		return err
	}
	for _, f := range files {
		// PDFs are compressed already.
		if err := add(f.Name, f.Data, zip.Store); err != nil {
			return err
		}
	}
	if err := add(ManifestFile, mj, zip.Deflate); err != nil {
		return err
	}
	return zw.Close()
}

func entry(name string, data []byte) ManifestEntry {
	h := sha256.Sum256(data)
	return ManifestEntry{Name: name, Size: int64(len(data)), SHA256: hex.EncodeToString(h[:])}
}

// encode writes JSON indented with two spaces and a final newline, with
// "<" and "&" kept readable.
func encode(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// SummaryJSON is the summary.json of period q of res, as Write puts it in
// the bundle.
func SummaryJSON(res *model.Result, q int) ([]byte, error) {
	sum, err := Summarize(res, q)
	if err != nil {
		return nil, err
	}
	return encode(sum)
}

// Summarize builds the summary of period q (1–4, or 0 for the year).
func Summarize(res *model.Result, q int) (*Summary, error) {
	if q < 0 || q > 4 {
		return nil, fmt.Errorf("period %d out of range", q)
	}
	y := res.Year
	s := &y.Settings
	if q > 0 && !res.Closed[q-1] {
		return nil, fmt.Errorf("quarter %d of %d is not closed", q, y.Year)
	}
	if q == 0 && !res.YearClosed {
		return nil, fmt.Errorf("year %d is not closed", y.Year)
	}
	sum := &Summary{
		Format:   Format,
		Version:  Version,
		Branch:   s.Branch,
		Superior: s.Superior,
		Year:     y.Year,
		Period:   PeriodName(q),
		AsOf:     model.DateString(res.AsOf),
		Scoring: Scoring{
			BaseMode:       s.BaseMode.String(),
			BaseMax:        model.JSONPoints(s.BaseMax),
			RewardMax:      model.JSONPoints(s.RewardMax),
			DemocraticMax:  model.JSONPoints(s.DemocraticMax),
			ExcellentQuota: fraction(s.ExcellentQuota),
		},
		Members: []Member{},
	}
	if q > 0 {
		sum.Quarter = &q
	}
	sum.Documents, sum.Publication = periodDocs(res, q)
	sum.Objections = objectionCounts(y, q)
	sum.Posting = posting(res, q)

	c := &sum.Counts
	c.Roster = len(res.Members)
	var ranked, graded, noEval, withComposite int
	var g Grades
	for _, mr := range res.Members {
		m := mr.Member
		if m.Exempt {
			c.Exempt++
		}
		mem := Member{ID: m.ID, Name: m.Name, Category: string(m.Category), Group: m.Group}
		if q > 0 {
			qs := mr.Quarters[q-1]
			if !qs.Participating {
				continue
			}
			mem.Quarter = quarterFigures(qs)
			if qs.Deduction > 0 {
				c.WithDeductions++
			}
			if qs.Rank > 0 {
				ranked++
			}
		} else {
			a := mr.Annual
			if a == nil {
				continue
			}
			mem.Annual = annualFigures(a)
			if a.DeductionSum > 0 {
				c.WithDeductions++
			}
			if m.Category.Graded() {
				if a.Total == nil {
					noEval++
				} else {
					withComposite++
				}
			}
			if a.Final != "" {
				f := string(a.Final)
				mem.Annual.FinalGrade = &f
				graded++
				g.add(a.Final)
			}
		}
		sum.Members = append(sum.Members, mem)
	}
	c.Participating = len(sum.Members)
	if q > 0 {
		c.Ranked = &ranked
	} else {
		c.Graded, c.NoEvaluation = &graded, &noEval
		g.ExcellentLimit = s.ExcellentPlaces(withComposite)
		sum.Grades = &g
	}
	return sum, nil
}

// periodDocs names the documents of period q's bundle and its 公示.
func periodDocs(res *model.Result, q int) (Documents, Publication) {
	var start, end time.Time
	var docs Documents
	if q > 0 {
		start, end = res.Year.Settings.Publication(q)
		docs = Documents{Notice: NoticeFile, Slips: SlipsFile}
		if parts := res.SlipsParts(q); len(parts) > 1 {
			docs.Slips = parts[0].File
			for _, p := range parts {
				docs.SlipsParts = append(docs.SlipsParts, p.File)
			}
		}
	} else {
		start, end = res.Year.AnnualPublication()
		docs = Documents{Notice: NoticeFile, Register: RegisterFile}
	}
	return docs, Publication{Start: model.DateString(start), End: model.DateString(end), Days: model.DaysBetween(start, end) + 1}
}

// objectionCounts counts the objections to quarter q, or to the whole year
// for q = 0.
func objectionCounts(y *model.Year, q int) Objections {
	var o Objections
	for _, ob := range y.Objections {
		if q != 0 && ob.Quarter != q {
			continue
		}
		o.Received++
		if ob.Outcome == model.OutcomeCorrected {
			o.Corrected++
		}
		if ob.Status == model.StatusOpen {
			o.Open++
		}
	}
	return o
}

// add counts one member's final grade.
func (g *Grades) add(grade model.Grade) {
	switch grade {
	case model.Excellent:
		g.Excellent++
	case model.Qualified:
		g.Qualified++
	case model.BasicQualify:
		g.Basic++
	case model.Unqualified:
		g.Unqualified++
	}
}

func quarterFigures(qs model.QuarterScore) *QuarterFigures {
	return &QuarterFigures{Base: model.JSONPoints(qs.Base), Reward: model.JSONPoints(qs.Reward), Deduction: model.JSONPoints(qs.Deduction),
		Total: model.JSONPoints(qs.Total), Rank: model.JSONRank(qs.Rank)}
}

func annualFigures(a *model.Annual) *AnnualFigures {
	return &AnnualFigures{
		Quarters:     a.Quarters,
		QuarterAvg:   model.JSONRat(a.QuarterAvg),
		BaseAvg:      model.JSONRat(a.BaseAvg),
		RewardAvg:    model.JSONRat(a.RewardAvg),
		DeductionSum: model.JSONPoints(a.DeductionSum),
		Democratic:   model.JSONOptRat(a.Democratic),
		Total:        model.JSONOptRat(a.Total),
		Rank:         model.JSONRank(a.Rank),
		Actions:      append([]string{}, a.Actions...),
	}
}

// fraction writes a rate such as 3/20 as 0.15 (at most six decimals).
func fraction(r *big.Rat) json.Number {
	s := r.FloatString(6)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "" || s == "-" {
		s = "0"
	}
	return json.Number(s)
}
