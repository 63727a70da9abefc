package workbook

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"sort"

	"github.com/xuri/excelize/v2"
)

// orderedZip is the zip writer excelize saves through. It serves two ends:
// excelize adds the parts of streamed sheets in map order, so the same
// ledger would zip differently from run to run — orderedZip writes the
// parts sorted by name; and excelize gathers the whole file in a buffer of
// its own before copying it out — orderedZip writes to the destination
// directly, so excelize's buffer stays empty. Each part is compressed as it
// arrives (at the fastest level: a ledger's sheets are large and repetitive,
// and BestSpeed takes a third of the time of the default for files a
// quarter larger) and only the compressed bytes wait for the sort.
type orderedZip struct {
	dst   io.Writer
	parts []*zipPart
	cur   *zipPart
	fw    *flate.Writer
}

type zipPart struct {
	name string
	data bytes.Buffer
	crc  hash.Hash32
	size uint64
	fw   *flate.Writer
}

func (p *zipPart) Write(b []byte) (int, error) {
	p.crc.Write(b)
	p.size += uint64(len(b))
	return p.fw.Write(b)
}

// saveTo writes f to w through an orderedZip.
func saveTo(f *excelize.File, w io.Writer) error {
	oz := &orderedZip{dst: w}
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return oz })
	var sink bytes.Buffer
	if _, err := f.WriteTo(&sink); err != nil {
		return err
	}
	if sink.Len() != 0 {
		return errors.New("workbook: zip writer bypassed")
	}
	return nil
}

func (z *orderedZip) finishPart() error {
	if z.cur == nil {
		return nil
	}
	err := z.cur.fw.Close()
	z.cur = nil
	return err
}

func (z *orderedZip) Create(name string) (io.Writer, error) {
	if err := z.finishPart(); err != nil {
		return nil, err
	}
	p := &zipPart{name: name, crc: crc32.NewIEEE()}
	if z.fw == nil {
		fw, err := flate.NewWriter(&p.data, flate.BestSpeed)
		if err != nil {
			return nil, err
		}
		z.fw = fw
	} else {
		z.fw.Reset(&p.data)
	}
	p.fw = z.fw
	z.parts = append(z.parts, p)
	z.cur = p
	return p, nil
}

func (z *orderedZip) AddFS(fs.FS) error { return errors.New("workbook: AddFS not supported") }

func (z *orderedZip) Close() error {
	if err := z.finishPart(); err != nil {
		return err
	}
	sort.SliceStable(z.parts, func(i, j int) bool { return z.parts[i].name < z.parts[j].name })
	zw := zip.NewWriter(z.dst)
	for _, p := range z.parts {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Deflate, CRC32: p.crc.Sum32(),
			CompressedSize64: uint64(p.data.Len()), UncompressedSize64: p.size})
		if err != nil {
			return err
		}
		if _, err := w.Write(p.data.Bytes()); err != nil {
			return err
		}
		p.data = bytes.Buffer{}
	}
	return zw.Close()
}
