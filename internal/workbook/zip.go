package workbook

// The ledger's row splicer. It is tied to excelize v2.11.1 (go.mod): to its
// SetZipWriter, which must route every part through rowSplicer, and to the
// empty <sheetData> it writes for a sheet without cells. Whatever breaks
// either fails the save (bypassed, has cells already, not written: see
// TestSaveWithRowsFailsClosed), never writes a ledger without its rows.

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/xuri/excelize/v2"
)

// saveWithRows saves f to dst with the rows of some sheets written while
// saving. excelize prepares each of those sheets — styles, widths, panes,
// merged title, autofilter, print setup, dimension — with an empty
// <sheetData>; rowSplicer, the zip writer excelize saves through, fills it
// from rows[part] as the part goes into the zip. A sheet of 500,000 rows
// thus never exists in memory, neither as excelize's cells (557 MB for a
// 2,000-member ledger, PITFALLS §8) nor as StreamWriter's buffers (up to
// 32 MB per sheet, parts added in map order) nor as excelize's copy of the
// whole file: the zip goes straight to dst, and excelize's own buffer stays
// empty.
func saveWithRows(f *excelize.File, dst io.Writer, rows map[string]func(io.Writer) error) error {
	z := &rowSplicer{zw: zip.NewWriter(dst), rows: rows}
	// The fastest level: a ledger's sheets are large and repetitive, and
	// BestSpeed takes a third of the default's time for files a quarter larger.
	z.zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return z })
	var sink bytes.Buffer
	if _, err := f.WriteTo(&sink); err != nil {
		return err
	}
	if z.err != nil {
		return z.err
	}
	if sink.Len() != 0 {
		return errors.New("workbook: zip writer bypassed")
	}
	for part := range rows {
		if !z.done[part] {
			return fmt.Errorf("workbook: %s not written", part)
		}
	}
	return nil
}

type rowSplicer struct {
	zw   *zip.Writer
	rows map[string]func(io.Writer) error
	done map[string]bool
	// the sheet part being captured: excelize's XML, rows still to add
	name string
	xml  bytes.Buffer
	err  error
}

// emptyData is how excelize writes the data of a sheet without cells.
var emptyData = [][]byte{[]byte("<sheetData></sheetData>"), []byte("<sheetData/>")}

// finish writes a captured sheet part: excelize's XML with the rows
// inserted into its empty <sheetData>.
func (z *rowSplicer) finish() error {
	if z.name == "" {
		return nil
	}
	name, b := z.name, z.xml.Bytes()
	z.name = ""
	for _, e := range emptyData {
		i := bytes.Index(b, e)
		if i < 0 {
			continue
		}
		w, err := z.zw.Create(name)
		if err != nil {
			return err
		}
		if _, err := w.Write(b[:i]); err != nil {
			return err
		}
		io.WriteString(w, "<sheetData>")
		if err := z.rows[name](w); err != nil {
			return err
		}
		io.WriteString(w, "</sheetData>")
		if _, err := w.Write(b[i+len(e):]); err != nil {
			return err
		}
		if z.done == nil {
			z.done = map[string]bool{}
		}
		z.done[name] = true
		z.xml.Reset()
		return nil
	}
	return fmt.Errorf("workbook: %s has cells already", name)
}

func (z *rowSplicer) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		z.err = err
		return nil, err
	}
	if _, ok := z.rows[name]; ok {
		z.name = name
		return &z.xml, nil
	}
	return z.zw.Create(name)
}

func (z *rowSplicer) AddFS(fs.FS) error { return errors.New("workbook: AddFS not supported") }

func (z *rowSplicer) Close() error {
	if err := z.finish(); err != nil {
		z.err = err
		return err
	}
	return z.zw.Close()
}
