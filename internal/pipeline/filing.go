package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/jifen-dev/jifen/internal/filing"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/pdf"
)

// writeFilings packs the 备案 bundles of every year (SPEC §6) into the
// committee tree reports, from the documents the build has just rendered
// into the trees (site is "" when the build renders no site; the notices
// are then rendered here). It runs after the document jobs, so a bundle
// carries exactly the bytes the bulletin board and the committee got.
func (st *stage) writeFilings(site, reports string, results []*model.Result) error {
	for _, res := range results {
		ys := strconv.Itoa(res.Year.Year)
		for _, q := range filing.Periods(res) {
			var docs filing.Docs
			var err error
			if q > 0 {
				qd := "q" + strconv.Itoa(q)
				docs.Notice, err = st.document(site, filepath.Join(ys, qd, "notice.pdf"), func(w *bytes.Buffer) (model.Findings, error) {
					return pdf.QuarterNotice(w, res, q, st.options(false))
				})
				parts := res.SlipsParts(q)
				for _, p := range parts {
					if err != nil {
						break
					}
					var b []byte
					b, err = os.ReadFile(filepath.Join(reports, ys, qd, p.File))
					if len(parts) == 1 {
						docs.Slips = b
					} else {
						docs.SlipsParts = append(docs.SlipsParts, filing.Part{Name: p.File, Data: b})
					}
				}
			} else {
				docs.Notice, err = st.document(site, filepath.Join(ys, "annual", "notice.pdf"), func(w *bytes.Buffer) (model.Findings, error) {
					return pdf.AnnualNotice(w, res, st.options(false))
				})
				if err == nil {
					docs.Register, err = os.ReadFile(filepath.Join(reports, ys, "annual", "register.pdf"))
				}
			}
			if err != nil {
				return fmt.Errorf("备案 %s %s: %w", ys, filing.PeriodName(q), err)
			}
			var zip bytes.Buffer
			if err := filing.Write(&zip, res, q, docs); err != nil {
				return err
			}
			rel := filing.Path(res.Year.Settings.Branch, res.Year.Year, q)
			if err := writeFileIn(filepath.Join(reports, filepath.FromSlash(rel)), zip.Bytes()); err != nil {
				return err
			}
		}
	}
	return nil
}

// document reads a document the build wrote into the site, or renders it
// when the build makes no site.
func (st *stage) document(site, rel string, render func(w *bytes.Buffer) (model.Findings, error)) ([]byte, error) {
	if site != "" {
		b, err := os.ReadFile(filepath.Join(site, rel))
		if !errors.Is(err, os.ErrNotExist) {
			return b, err
		}
	}
	var b bytes.Buffer
	fs, err := render(&b)
	st.findings = append(st.findings, fs...)
	return b.Bytes(), err
}
