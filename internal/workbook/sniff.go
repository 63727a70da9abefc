package workbook

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
)

// Format is what a file's first bytes say it is, whatever its name claims.
type Format int

const (
	FormatUnknown Format = iota // neither zip nor OLE2: half-saved, empty, or not a workbook
	FormatXLSX                  // a zip container without an ODS mimetype
	FormatOLE2                  // legacy .xls/.et, or an encrypted .xlsx
	FormatODS                   // OpenDocument spreadsheet
	FormatXLSB                  // Excel binary workbook (.xlsb), often renamed .xlsx
)

var (
	zipMagic  = []byte("PK\x03\x04")
	ole2Magic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Sniff classifies a file by its bytes (PITFALLS §1 rule a): excelize itself
// answers "zip: not a valid zip file" for both an encrypted workbook and a
// corrupt one, and EOF for ODS, so the user would get no useful advice.
func Sniff(b []byte) Format {
	switch {
	case bytes.HasPrefix(b, ole2Magic):
		return FormatOLE2
	case bytes.HasPrefix(b, zipMagic):
		if isODS(b) {
			return FormatODS
		}
		if hasPart(b, "xl/workbook.bin") {
			return FormatXLSB
		}
		return FormatXLSX
	}
	return FormatUnknown
}

// isODS reports whether a zip holds an OpenDocument mimetype. The mimetype
// entry is stored first and uncompressed by the standard, but we read the
// directory to be tolerant of writers that do not follow it.
func isODS(b []byte) bool {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		// A damaged zip may still start with the mimetype entry.
		return bytes.Contains(b[:min(len(b), 128)], []byte("application/vnd.oasis.opendocument"))
	}
	for _, f := range zr.File {
		if f.Name != "mimetype" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return false
		}
		defer rc.Close()
		m, _ := io.ReadAll(io.LimitReader(rc, 256))
		return strings.HasPrefix(string(m), "application/vnd.oasis.opendocument")
	}
	return false
}

// hasPart reports whether the zip holds a part (case-insensitive name).
func hasPart(b []byte, name string) bool {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return false
	}
	for _, f := range zr.File {
		if strings.EqualFold(strings.TrimPrefix(f.Name, "/"), name) {
			return true
		}
	}
	return false
}

// encryptedPackage is the OLE2 stream name, in UTF-16LE as directory
// entries store it, that holds a password-protected workbook.
var encryptedPackage = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00")

// encrypted tells a password-protected .xlsx (an OLE2 container with an
// EncryptedPackage stream) from an old .xls/.et given an .xlsx name.
func encrypted(b []byte) bool { return bytes.Contains(b, encryptedPackage) }
