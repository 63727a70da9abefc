package pdf

// fpdf compresses every page's content stream with a new zlib writer, and a
// zlib writer costs about a megabyte of fresh memory: a 4,000-page slips
// document spent 5.8 s in flate.NewWriter and dominated the heap (PITFALLS
// §8). So fpdf writes page contents uncompressed and deflatePages compresses
// them afterwards with writers reused across pages and documents, rewriting
// the cross-reference table for the new offsets. Fonts and the CID map,
// which fpdf compresses once per document, pass through unchanged.

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"sync"
)

var zlibWriters = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(io.Discard, zlib.BestSpeed) // the level fpdf uses
	return w
}}

// deflateTo compresses b onto dst with a pooled writer.
func deflateTo(dst *bytes.Buffer, b []byte) error {
	zw := zlibWriters.Get().(*zlib.Writer)
	defer zlibWriters.Put(zw)
	zw.Reset(dst)
	if _, err := zw.Write(b); err != nil {
		return err
	}
	return zw.Close()
}

var errLayout = errors.New("unexpected PDF layout")

// deflatePages copies a PDF written by fpdf without compression to w, with
// every unfiltered stream compressed (FlateDecode) and the cross-reference
// table rewritten. It relies on fpdf's layout — one xref section, objects
// as "N 0 obj\n<<dict>>\nstream\n…\nendstream\nendobj\n" — and fails
// rather than guess when the layout differs.
func deflatePages(pdf []byte, w io.Writer) error {
	sx := bytes.LastIndex(pdf, []byte("startxref\n"))
	if sx < 0 {
		return fmt.Errorf("%w: no startxref", errLayout)
	}
	line, _, _ := bytes.Cut(pdf[sx+len("startxref\n"):], []byte("\n"))
	xref, err := strconv.Atoi(string(line))
	if err != nil || xref <= 0 || xref >= sx || !bytes.HasPrefix(pdf[xref:], []byte("xref\n")) {
		return fmt.Errorf("%w: xref offset", errLayout)
	}
	p := xref + len("xref\n")
	line, _, _ = bytes.Cut(pdf[p:], []byte("\n"))
	p += len(line) + 1
	var first, count int
	if _, err := fmt.Sscanf(string(line), "%d %d", &first, &count); err != nil || first != 0 || count < 1 {
		return fmt.Errorf("%w: xref section %q", errLayout, line)
	}
	const entry = 20 // "0000012345 00000 n \n"
	if p+count*entry > sx {
		return fmt.Errorf("%w: xref entries", errLayout)
	}
	offsets := make([]int, count)
	for i := 1; i < count; i++ {
		e := pdf[p+i*entry : p+(i+1)*entry]
		if offsets[i], err = strconv.Atoi(string(e[:10])); err != nil || offsets[i] >= xref {
			return fmt.Errorf("%w: xref entry %d", errLayout, i)
		}
	}
	trailer := pdf[p+count*entry : sx] // "trailer\n<<…>>\n"
	tail := pdf[sx+len("startxref\n")+len(strconv.Itoa(xref))+1:]

	order := make([]int, 0, count-1)
	for i := 1; i < count; i++ {
		order = append(order, i)
	}
	slices.SortFunc(order, func(a, b int) int { return offsets[a] - offsets[b] })
	if len(order) == 0 {
		_, err := w.Write(pdf)
		return err
	}

	out := &counter{w: w}
	out.Write(pdf[:offsets[order[0]]])
	newOff := make([]int, count)
	for k, i := range order {
		end := xref
		if k+1 < len(order) {
			end = offsets[order[k+1]]
		}
		newOff[i] = out.n
		if err := copyObject(out, pdf[offsets[i]:end]); err != nil {
			return fmt.Errorf("object %d: %w", i, err)
		}
	}
	start := out.n
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", count)
	for i := 1; i < count; i++ {
		fmt.Fprintf(out, "%010d 00000 n \n", newOff[i])
	}
	out.Write(trailer)
	fmt.Fprintf(out, "startxref\n%d\n", start)
	out.Write(tail)
	return out.err
}

// counter writes to w, counting bytes (the new offsets) and keeping the
// first error.
type counter struct {
	w   io.Writer
	n   int
	err error
}

func (c *counter) Write(b []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(b)
	c.n += n
	c.err = err
	return n, err
}

// copyObject writes one object, compressing its stream when it has no
// filter: fpdf writes such objects as "N 0 obj\n<</Length L>>\nstream\n".
func copyObject(out io.Writer, obj []byte) error {
	head, rest, ok := bytes.Cut(obj, []byte("\n"))
	if !ok {
		out.Write(obj)
		return nil
	}
	dict, body, ok := bytes.Cut(rest, []byte("\n"))
	if !ok || !bytes.HasPrefix(dict, []byte("<</Length ")) || !bytes.HasSuffix(dict, []byte(">>")) ||
		!bytes.HasPrefix(body, []byte("stream\n")) {
		out.Write(obj)
		return nil
	}
	n, err := strconv.Atoi(string(dict[len("<</Length ") : len(dict)-2]))
	if err != nil { // more than a length: a filter is set already
		out.Write(obj)
		return nil
	}
	body = body[len("stream\n"):]
	if n > len(body) || !bytes.HasPrefix(body[n:], []byte("\nendstream\n")) {
		return errLayout
	}
	var z bytes.Buffer
	z.Grow(n/3 + 64)
	if err := deflateTo(&z, body[:n]); err != nil {
		return err
	}
	out.Write(head)
	fmt.Fprintf(out, "\n<</Filter /FlateDecode /Length %d>>\nstream\n", z.Len())
	out.Write(z.Bytes())
	out.Write(body[n:])
	return nil
}
