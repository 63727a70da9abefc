package plan

import (
	"path"

	"github.com/jifen-dev/jifen/internal/model"
)

// notice adds a period's notice (a quarter's, or the year's with Quarter
// 0) in its folder dir, and what the publication record adds (SPEC §11):
// once the period is posted, its notice.pdf is the posted 公示 copied from
// the archive — a later jifen that lays notices out differently never
// changes a posted one — and every record's PDF is published as posted
// (公示-20260403.pdf, 更正公示-20260410.pdf); a 更正公示 awaiting posting
// is correction.pdf.
func (p *Plan) notice(d Doc, dir string) {
	pub := p.Result.Pub(d.Quarter)
	label := model.QuarterLabel(d.Quarter)
	if d.Quarter == 0 {
		label = "年度评定结果"
	}
	if n := pub.Notice(); n != nil {
		d.Copy = n
		d.Parts = nil // copied, never rendered: nothing to cache
		d.Note += "（" + model.DateCN(n.Posted) + "张贴的原件）"
	}
	p.add(d)
	for _, r := range pub.Records {
		kind := label + string(r.Kind)
		p.add(Doc{Kind: Posted, Tree: Public, Path: path.Join(dir, r.PublicName()), Quarter: d.Quarter, Copy: r,
			Title: kind + "（" + model.DateCN(r.Posted) + "张贴）", Note: r.PublicName() + "，张贴原件"})
	}
	if len(pub.Pending) > 0 {
		p.add(Doc{Kind: Correction, Tree: Public, Path: path.Join(dir, "correction.pdf"), Quarter: d.Quarter,
			Title: label + "更正公示（待张贴）", Note: "correction.pdf，张贴后运行 jifen post 记录"})
	}
}
