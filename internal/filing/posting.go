package filing

import (
	"strings"

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
