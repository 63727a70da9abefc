package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"

	"github.com/jifen-dev/jifen/internal/filing"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/plan"
)

// writeFilings packs the 备案 bundles the plans list (SPEC §6) into the
// committee tree reports, from the documents the build has just rendered
// into the trees (site is "" when the build renders no site; the notices
// are then rendered here). It runs after the document jobs, so a bundle
// carries exactly the bytes the bulletin board and the committee got.
func (st *stage) writeFilings(site, reports string, plans []*plan.Plan) error {
	for _, p := range plans {
		res := p.Result
		for _, b := range p.Docs {
			if b.Kind == plan.RulesFiling {
				if err := writeRules(reports, b, res); err != nil {
					return err
				}
				continue
			}
			if b.Kind != plan.Filing {
				continue
			}
			docs, err := st.filingDocs(site, reports, p, b.Quarter)
			if err != nil {
				return fmt.Errorf("备案 %d %s: %w", res.Year.Year, filing.PeriodName(b.Quarter), err)
			}
			var zip bytes.Buffer
			if err := filing.Write(&zip, res, b.Quarter, docs); err != nil {
				return err
			}
			if err := writeFileIn(filepath.Join(reports, filepath.FromSlash(b.Path)), zip.Bytes()); err != nil {
				return err
			}
		}
	}
	return nil
}

// filingDocs gathers what the bundle of period q (0 = the year) packs: the
// public notice, and the slips or the register, as the plan places them.
func (st *stage) filingDocs(site, reports string, p *plan.Plan, q int) (filing.Docs, error) {
	var docs filing.Docs
	var err error
	notice := plan.QuarterNotice
	if q == 0 {
		notice = plan.AnnualNotice
	}
	for _, d := range p.Docs {
		if d.Draft || d.Quarter != q || err != nil {
			continue
		}
		switch d.Kind {
		case notice:
			docs.Notice, err = st.document(site, d, st.renderer(p.Result, d))
		case plan.Slips:
			var b []byte
			b, err = os.ReadFile(filepath.Join(reports, filepath.FromSlash(d.Path)))
			if len(p.Result.SlipsParts(q)) == 1 {
				docs.Slips = b
			} else {
				docs.SlipsParts = append(docs.SlipsParts, filing.Part{Name: path.Base(d.Path), Data: b})
			}
		case plan.Register:
			docs.Register, err = os.ReadFile(filepath.Join(reports, filepath.FromSlash(d.Path)))
		}
	}
	if err == nil {
		docs.Records, err = recordParts(p.Result, q)
	}
	return docs, err
}

// document reads a public document the build wrote into the site, or
// renders it when the build makes no site.
func (st *stage) document(site string, d plan.Doc, render func(w io.Writer) (model.Findings, error)) ([]byte, error) {
	if site != "" {
		b, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(d.Path)))
		if !errors.Is(err, os.ErrNotExist) {
			return b, err
		}
	}
	var b bytes.Buffer
	fs, err := render(&b)
	st.findings = append(st.findings, fs...)
	return b.Bytes(), err
}

// writeRules packs the year's 细则 bundle (SPEC §6): it is made from the
// register alone, no rendered document.
func writeRules(reports string, d plan.Doc, res *model.Result) error {
	var zip bytes.Buffer
	if err := filing.WriteRules(&zip, res); err != nil {
		return fmt.Errorf("细则备案 %d: %w", res.Year.Year, err)
	}
	return writeFileIn(filepath.Join(reports, filepath.FromSlash(d.Path)), zip.Bytes())
}
