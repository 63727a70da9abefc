package sheet

import (
	"path"
	"strings"
)

// LegacyExt reports whether a file name has an extension of a spreadsheet
// format jifen does not read, with the advice to give. ok is false for
// .xlsx and for files that are not spreadsheets at all.
func LegacyExt(name string) (msg string, ok bool) {
	switch strings.ToLower(path.Ext(name)) {
	case ".xls", ".et", ".ett", ".xlt":
		return MsgLegacy, true
	case ".ods", ".ots":
		return MsgODS, true
	case ".csv":
		return MsgCSV, true
	case ".xlsm", ".xlsb", ".xltx", ".xltm":
		return MsgOtherExcel, true
	}
	return "", false
}

// User-facing messages of a file that cannot be read (SPEC §2): each tells
// the user what to do. LegacyExt gives them by a file's name, the reader
// (workbook.Read) by its bytes.
const (
	MsgLegacy     = "这是旧版 Excel/WPS 格式（.xls/.et），无法读取，请另存为 .xlsx"
	MsgEncrypted  = "文件已加密，请取消密码后另存为 .xlsx"
	MsgODS        = "这是 OpenDocument 表格（.ods），无法读取，请另存为 .xlsx"
	MsgCSV        = "这是 CSV 文本文件，无法读取，请在 Excel/WPS 中另存为 .xlsx"
	MsgOtherExcel = "只读取 .xlsx 工作簿，请另存为 .xlsx（不含宏）"
	MsgCorrupt    = "文件正在被保存或已损坏，无法读取；请在 Excel/WPS 中打开并重新保存为 .xlsx"
	MsgXLSB       = "这是 Excel 二进制工作簿（.xlsb），无法读取，请在 Excel 中另存为 .xlsx"
	MsgDamaged    = "工作簿已损坏或不是由 Excel/WPS 保存的（%s），无法读取；请在 Excel/WPS 中打开并另存为 .xlsx"
)
