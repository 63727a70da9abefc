package pipeline

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/jifen-dev/jifen/internal/archive"
	"github.com/jifen-dev/jifen/internal/filing"
	"github.com/jifen-dev/jifen/internal/load"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/pdf"
	"github.com/jifen-dev/jifen/internal/plan"
)

// attachArchive reads every year's 公示存档 and holds the year's figures
// against its records (SPEC §11): a damaged archive, and a posted figure
// that changed without an explaining 异议处理 row, fail the build like any
// data error; each period's state and pending 更正公示 go into its result.
func attachArchive(results []*model.Result, rep *Report) {
	for _, res := range results {
		chain, fs := archive.Read(filepath.FromSlash(res.Year.Dir), res.Year.Year)
		rep.Findings = append(rep.Findings, fs...)
		rep.Findings = append(rep.Findings, archive.Attach(res, chain)...)
	}
}

// documentFont is the font every PDF of a build is made with: the 字体文件
// setting's (or the embedded one) cut down to what the build's documents can
// show. `jifen post` makes its PDF with the same, so what it archives is
// byte for byte what the build publishes.
func documentFont(data string, reg *model.Register, results []*model.Result) ([]byte, model.Findings) {
	font, fs := fontFor(data, reg)
	// fpdf parses the whole font twice for every document: cut it once to
	// what this build's documents can show (a failure keeps the whole font).
	if f, err := pdf.BuildFont(font, results); err == nil {
		font = f
	}
	return font, fs
}

// copyPosted writes the archived PDF of a record, byte for byte, after
// checking it again against its record: it was checked when the archive was
// read, and a file changed since must not be published as the posted one.
func copyPosted(w io.Writer, r *model.Record) error {
	b, err := load.ReadRegular(filepath.FromSlash(r.PDF), archive.MaxPDFSize, "公示原件 "+r.PDF)
	if err != nil {
		return err
	}
	if msg := archive.Matches(b, r); msg != "" {
		return fmt.Errorf("%s：%s（生成过程中被改动）", r.PDF, msg)
	}
	_, err = w.Write(b)
	return err
}

// recordFile reads a record's own file for a 备案 bundle, checked against
// the SHA-256 the chain knows it by.
func recordFile(r *model.Record) ([]byte, error) {
	b, err := os.ReadFile(filepath.FromSlash(r.File))
	if err != nil {
		return nil, err
	}
	if archive.SHA256(b) != r.SHA256 {
		return nil, fmt.Errorf("%s：张贴记录在生成过程中被改动", r.File)
	}
	return b, nil
}

// postedPDF is a record's archived PDF, checked, for a 备案 bundle.
func postedPDF(r *model.Record) ([]byte, error) {
	var b bytes.Buffer
	err := copyPosted(&b, r)
	return b.Bytes(), err
}

// posted is how the documents of the publication record are made (SPEC
// §11): a posted notice and every posted record are copied from the
// archive, the pending 更正公示 is rendered; nil for every other document.
func posted(res *model.Result, d plan.Doc, o pdf.Options) func(w io.Writer) (model.Findings, error) {
	switch {
	case d.Copy != nil:
		return func(w io.Writer) (model.Findings, error) { return nil, copyPosted(w, d.Copy) }
	case d.Kind == plan.Correction:
		return func(w io.Writer) (model.Findings, error) { return pdf.CorrectionNotice(w, res, d.Quarter, o) }
	}
	return nil
}

// recordParts are the 公示存档 files a period's 备案 bundle carries (SPEC
// §6): every record of the period as of the build, and each 更正公示's PDF.
func recordParts(res *model.Result, q int) ([]filing.Part, error) {
	var parts []filing.Part
	for _, r := range res.Pub(q).Records {
		rec, pdfName := filing.RecordFiles(r)
		b, err := recordFile(r)
		if err != nil {
			return nil, err
		}
		parts = append(parts, filing.Part{Name: rec, Data: b})
		if r.Kind == model.PostCorrection {
			b, err := postedPDF(r)
			if err != nil {
				return nil, err
			}
			parts = append(parts, filing.Part{Name: pdfName, Data: b})
		}
	}
	return parts, nil
}
