package filing

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/jifen-dev/jifen/internal/archive"
	"github.com/jifen-dev/jifen/internal/model"
)

// Posting is where the period's 公示 stands and what was posted (SPEC §11),
// from the branch's 公示存档: the superior sees when the notice went up,
// every 更正公示 and what it changed, and can check that the records of a
// branch's bundles form one chain (docs/archive.md).
type Posting struct {
	State   string          `json:"state"`   // 未结束 / 待张贴 / 公示中 / 核实中 / 已定稿
	Records []PostingRecord `json:"records"` // the period's records as of the build, oldest first; [] when not posted
	// Corrections lists every member changed by the period's posted
	// 更正公示 (posted set), then those of a 更正公示 awaiting posting
	// (posted null).
	Corrections []Correction `json:"corrections"`
}

// PostingRecord is one record of the period, carried in the bundle as the
// file the branch's 公示存档 holds (File), with its PDF.
type PostingRecord struct {
	Kind     string  `json:"kind"`     // 公示 / 更正公示
	Posted   string  `json:"posted"`   // the day it went up, 2026-04-03
	Start    string  `json:"start"`    // its 公示期, as the PDF states it
	End      string  `json:"end"`      //
	File     string  `json:"file"`     // the record in the bundle: record-20260403.json
	SHA256   string  `json:"sha256"`   // of that file: what the next record of the year names as previous
	Previous *string `json:"previous"` // the year's record before it (any period); null for the year's first
	PDF      string  `json:"pdf"`      // the PDF in the bundle: notice.pdf for the 公示, correction-20260410.pdf
}

// Correction is one member corrected after posting.
type Correction struct {
	ID            string             `json:"id"`
	Name          string             `json:"name"`
	Change        string             `json:"change"` // 更正 / 增加 / 删除
	Figures       []CorrectionFigure `json:"figures"`
	Investigation string             `json:"investigation"` // 调查结果 (never 提出人)
	Posted        *string            `json:"posted"`        // the 更正公示's posting day; null while it awaits posting
}

// CorrectionFigure is one figure as posted and as corrected.
type CorrectionFigure struct {
	Label string `json:"label"` // as the notice heads the column: 季度积分 …
	Old   string `json:"old"`   // "" for a member added
	New   string `json:"new"`   // "" for a member removed
}

var changeWords = map[model.ChangeKind]string{model.ChangedFigures: "更正", model.MemberAdded: "增加", model.MemberRemoved: "删除"}

// RecordFiles names a record's files inside a bundle, ASCII like every
// name there: record-<YYYYMMDD>.json for a 公示 (its PDF is notice.pdf),
// correction-<YYYYMMDD>[-n].json and .pdf for a 更正公示.
func RecordFiles(r *model.Record) (record, pdf string) {
	day := r.Posted.Format("20060102")
	suffix := strings.TrimPrefix(r.Name, model.RecordName(r.Year, r.Period, r.Kind, r.Posted, 1))
	if r.Kind == model.PostNotice {
		return "record-" + day + suffix + ".json", NoticeFile
	}
	return "correction-" + day + suffix + ".json", "correction-" + day + suffix + ".pdf"
}

// posting is the Posting of period q of res.
func posting(res *model.Result, q int) Posting {
	pub := res.Pub(q)
	p := Posting{State: string(pub.State), Records: []PostingRecord{}, Corrections: []Correction{}}
	if p.State == "" {
		p.State = string(model.StateDue) // a result the archive was not attached to: nothing recorded
	}
	for _, r := range pub.Records {
		file, pdf := RecordFiles(r)
		pr := PostingRecord{Kind: string(r.Kind), Posted: model.DateString(r.Posted), Start: model.DateString(r.Start),
			End: model.DateString(r.End), File: file, SHA256: r.SHA256, PDF: pdf}
		if r.Previous != "" {
			prev := r.Previous
			pr.Previous = &prev
		}
		p.Records = append(p.Records, pr)
		posted := model.DateString(r.Posted)
		for _, c := range r.Changes {
			p.Corrections = append(p.Corrections, correction(c, &posted))
		}
	}
	for _, c := range pub.Pending {
		p.Corrections = append(p.Corrections, correction(c, nil))
	}
	return p
}

func correction(c model.Change, posted *string) Correction {
	out := Correction{ID: c.ID, Name: c.Name, Change: changeWords[c.Kind], Investigation: c.Investigation,
		Figures: []CorrectionFigure{}, Posted: posted}
	for _, f := range c.Figures {
		out.Figures = append(out.Figures, CorrectionFigure{Label: f.Figure.Label(), Old: f.Old, New: f.New})
	}
	return out
}

// Bounds on the posting block of a bundle that passed its manifest: a
// period has its 公示 and a few 更正公示, and a 更正公示 corrects members
// of one notice, each in at most a dozen figures.
const (
	MaxRecords           = 64
	MaxCorrections       = 10000
	maxCorrectionFigures = 16
)

var (
	recordFilePattern = regexp.MustCompile(`^(record|correction)-[0-9]{8}(-[0-9]{1,3})?\.json$`)
	recordPDFPattern  = regexp.MustCompile(`^correction-[0-9]{8}(-[0-9]{1,3})?\.pdf$`)
	sha256Pattern     = regexp.MustCompile(`^[0-9a-f]{64}$`)
	postingStates     = []model.PeriodState{model.StateOpen, model.StateDue, model.StatePosted, model.StateVerifying, model.StateFinal}
	changeNames       = []string{"更正", "增加", "删除"}
)

// validatePosting checks the posting block on its own (Open then holds it
// to the record files it names). A bundle made before SPEC §11 has none:
// no state and no records, which the superior reads as 未记录张贴.
func (s *Summary) validatePosting(q int, asOf time.Time) string {
	p := s.Posting
	if p.State == "" {
		if len(p.Records) > 0 || len(p.Corrections) > 0 {
			return "posting 缺少 state"
		}
		return ""
	}
	if !slices.Contains(postingStates, model.PeriodState(p.State)) {
		return fmt.Sprintf("posting.state「%s」无效", model.Quote(p.State))
	}
	if len(p.Records) > MaxRecords {
		return fmt.Sprintf("posting.records 有 %d 份，超过 %d 份", len(p.Records), MaxRecords)
	}
	if (len(p.Records) == 0) != (p.State == string(model.StateDue) || p.State == string(model.StateOpen)) {
		return fmt.Sprintf("posting.state「%s」与张贴记录（%d 份）不符", model.Quote(p.State), len(p.Records))
	}
	end := model.NewDate(s.Year, time.December, 31)
	if q > 0 {
		end = model.QuarterEnd(s.Year, q)
	}
	files := map[string]bool{}
	last := ""
	for i, r := range p.Records {
		bad := func(what, v string) string {
			return fmt.Sprintf("posting.records[%d] 的%s「%s」无效", i, what, model.Quote(v))
		}
		wantKind, wantPDF := string(model.PostCorrection), ""
		if i == 0 {
			wantKind, wantPDF = string(model.PostNotice), NoticeFile
		}
		posted, ok := date(r.Posted)
		switch {
		case r.Kind != wantKind:
			return fmt.Sprintf("posting.records[%d] 的类型「%s」无效：第一份记录是公示，此后是更正公示", i, model.Quote(r.Kind))
		case !ok || !posted.After(end) || posted.After(asOf) || r.Posted < last:
			return bad("张贴日期（应在该期结束之后、数据截至日期之前，且不早于前一份）", r.Posted)
		case !okDates(r.Start, r.End):
			return bad("公示期", r.Start+" 至 "+r.End)
		case !recordFilePattern.MatchString(r.File) || files[r.File] || (i == 0) != strings.HasPrefix(r.File, "record-"):
			return bad("记录文件名", r.File)
		case !sha256Pattern.MatchString(r.SHA256):
			return bad("SHA-256", r.SHA256)
		case r.Previous != nil && (!sha256Pattern.MatchString(*r.Previous) || *r.Previous == r.SHA256):
			return bad("previous", *r.Previous)
		case wantPDF != "" && r.PDF != wantPDF, wantPDF == "" && (!recordPDFPattern.MatchString(r.PDF) || files[r.PDF]):
			return bad("PDF 文件名", r.PDF)
		}
		files[r.File], files[r.PDF] = true, true
		last = r.Posted
	}
	if len(p.Corrections) > MaxCorrections {
		return fmt.Sprintf("posting.corrections 有 %d 项，超过 %d 项", len(p.Corrections), MaxCorrections)
	}
	for i, c := range p.Corrections {
		if msg := c.validate(fmt.Sprintf("posting.corrections[%d]", i)); msg != "" {
			return msg
		}
		if c.Posted != nil {
			if _, ok := date(*c.Posted); !ok {
				return fmt.Sprintf("posting.corrections[%d] 的张贴日期「%s」无效", i, model.Quote(*c.Posted))
			}
		}
	}
	return ""
}

func okDates(start, end string) bool {
	s, ok1 := date(start)
	e, ok2 := date(end)
	return ok1 && ok2 && !e.Before(s)
}

func (c *Correction) validate(where string) string {
	switch {
	case c.ID == "":
		return where + " 缺少编号"
	case !slices.Contains(changeNames, c.Change):
		return fmt.Sprintf("%s 的更正类型「%s」无效", where, model.Quote(c.Change))
	case len(c.Figures) > maxCorrectionFigures:
		return fmt.Sprintf("%s 更正了 %d 项，超过 %d 项", where, len(c.Figures), maxCorrectionFigures)
	}
	return ""
}

// RecordHead is what one record file carried in a bundle says of itself,
// read back by Open and held to the bundle's posting block: the superior
// takes each 更正公示's changes from the record as the branch archived it,
// and chains a branch's records by these hashes (docs/archive.md).
type RecordHead struct {
	File     string // in the bundle: record-20260403.json
	SHA256   string // of the file, as verified against the manifest
	Kind     string // 公示 / 更正公示
	Posted   string // 2026-04-03
	Start    string // its 公示期
	End      string //
	Previous string // the year's record before it; "" for the year's first
	// Changes are a 更正公示's corrections as its record lists them; Posted
	// is the record's day.
	Changes []Correction
}

// recordFile is the part of a record file (format jifen-公示存档) the
// superior reads: not the members' figures, which summary.json carries.
type recordFile struct {
	Format      string `json:"format"`
	Version     int    `json:"version"`
	Year        int    `json:"year"`
	Period      string `json:"period"`
	Kind        string `json:"kind"`
	Posted      string `json:"posted"`
	Publication struct {
		Start string `json:"start"`
		End   string `json:"end"`
	} `json:"publication"`
	Previous    *string `json:"previous"`
	Corrections []struct {
		ID            string             `json:"id"`
		Name          string             `json:"name"`
		Change        string             `json:"change"`
		Figures       []CorrectionFigure `json:"figures"`
		Investigation string             `json:"investigation"`
	} `json:"corrections"`
}

// readRecords holds every record of the posting block to its file: listed
// in the manifest under the SHA-256 the block claims (the manifest check
// has verified the bytes), and saying of itself what the block says of
// it. msg names the first disagreement; file is the file at fault.
func readRecords(s *Summary, sums map[string]string, raw map[string][]byte) (heads []RecordHead, file, msg string) {
	for i, r := range s.Posting.Records {
		sum, listed := sums[r.File]
		switch {
		case !listed:
			return nil, SummaryFile, fmt.Sprintf("posting.records[%d] 的记录文件「%s」不在备案包中", i, r.File)
		case sum != r.SHA256:
			return nil, r.File, "SHA-256 与 summary.json 中记录的不符：张贴记录被改动过"
		}
		if _, listed := sums[r.PDF]; !listed {
			return nil, SummaryFile, fmt.Sprintf("posting.records[%d] 张贴的 PDF「%s」不在备案包中", i, r.PDF)
		}
		b := raw[r.File]
		if b == nil {
			return nil, r.File, "记录文件过大，不是 jifen 生成的"
		}
		var f recordFile
		if err := json.Unmarshal(b, &f); err != nil {
			return nil, r.File, "无法解析（" + jsonError(err) + "）"
		}
		prev := ""
		if f.Previous != nil {
			prev = *f.Previous
		}
		claimed := ""
		if r.Previous != nil {
			claimed = *r.Previous
		}
		switch {
		case f.Format != archive.Format || f.Version != archive.Version:
			return nil, r.File, fmt.Sprintf("不是本程序读取的张贴记录（格式「%s」，版本 %d）", model.Quote(f.Format), f.Version)
		case f.Year != s.Year || f.Period != s.Period || f.Kind != r.Kind || f.Posted != r.Posted ||
			f.Publication.Start != r.Start || f.Publication.End != r.End || prev != claimed:
			return nil, r.File, "张贴记录的期间、类型、日期或前一份记录与 summary.json 不符"
		case (f.Kind == string(model.PostCorrection)) != (len(f.Corrections) > 0) || len(f.Corrections) > MaxCorrections:
			return nil, r.File, "更正公示记录的更正内容无效"
		}
		h := RecordHead{File: r.File, SHA256: r.SHA256, Kind: r.Kind, Posted: r.Posted, Start: r.Start, End: r.End, Previous: prev}
		for j, c := range f.Corrections {
			posted := r.Posted
			ch := Correction{ID: c.ID, Name: c.Name, Change: c.Change, Figures: c.Figures, Investigation: c.Investigation, Posted: &posted}
			if msg := ch.validate(fmt.Sprintf("corrections[%d]", j)); msg != "" {
				return nil, r.File, msg
			}
			h.Changes = append(h.Changes, ch)
		}
		heads = append(heads, h)
	}
	return heads, "", ""
}
