package workbook

import (
	"archive/zip"
	"bytes"
	"io"
	"path"
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

// LegacyExt reports whether a file name has an extension of a spreadsheet
// format jifen does not read, with the advice to give. ok is false for
// .xlsx and for files that are not spreadsheets at all.
func LegacyExt(name string) (msg string, ok bool) {
	switch strings.ToLower(path.Ext(name)) {
	case ".xls", ".et", ".ett", ".xlt":
		return msgLegacy, true
	case ".ods", ".ots":
		return msgODS, true
	case ".csv":
		return msgCSV, true
	case ".xlsm", ".xlsb", ".xltx", ".xltm":
		return msgOtherExcel, true
	}
	return "", false
}

// User-facing messages (SPEC §2): each tells the user what to do.
const (
	msgLegacy     = "这是旧版 Excel/WPS 格式（.xls/.et），无法读取，请另存为 .xlsx"
	msgEncrypted  = "文件已加密，请取消密码后另存为 .xlsx"
	msgODS        = "这是 OpenDocument 表格（.ods），无法读取，请另存为 .xlsx"
	msgCSV        = "这是 CSV 文本文件，无法读取，请在 Excel/WPS 中另存为 .xlsx"
	msgOtherExcel = "只读取 .xlsx 工作簿，请另存为 .xlsx（不含宏）"
	msgCorrupt    = "文件正在被保存或已损坏，无法读取；请在 Excel/WPS 中打开并重新保存为 .xlsx"
	msgXLSB       = "这是 Excel 二进制工作簿（.xlsb），无法读取，请在 Excel 中另存为 .xlsx"
	msgDamaged    = "工作簿已损坏或不是由 Excel/WPS 保存的（%s），无法读取；请在 Excel/WPS 中打开并另存为 .xlsx"
)
