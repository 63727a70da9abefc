package summary

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// BranchKey is the form in which branch names are matched, between bundles
// and against 支部名单.xlsx: compatibility-normalised (full-width letters
// and parentheses as their plain forms) and without any spaces, since
// 「中共 XX 支部」 and 「中共XX支部」 are one branch however they were typed.
func BranchKey(name string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			return -1
		}
		return r
	}, norm.NFKC.String(name))
}

// maxFolder bounds a branch folder's name in characters: 40 CJK
// characters are 120 bytes, well inside every file system's 255.
const maxFolder = 40

// BranchFolder is the folder of a branch's page and documents under
// branches/: its name as typed wherever that is a safe file and URL name
// on every system, else a safe form of it with a short hash of the name,
// so that two branches never share a folder. Characters Windows forbids,
// controls, URL delimiters (# ? % & + ;) and dots at the ends are replaced;
// a name with Latin letters carries the hash too, as Windows and macOS
// fold their case (CON, nul.txt). The folder depends on the name alone,
// so a branch keeps it across runs.
func BranchFolder(name string) string {
	key := BranchKey(name)
	var b strings.Builder
	n, changed, latin := 0, false, false
	for _, r := range key {
		if n == maxFolder {
			changed = true
			break
		}
		switch {
		case r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'):
			latin = true
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || strings.ContainsRune("-_（）()·、", r):
		default:
			r, changed = '_', true
		}
		b.WriteRune(r)
		n++
	}
	s := strings.Trim(b.String(), "._")
	if s != b.String() || s == "" {
		changed = true
	}
	if s == "" {
		s = "支部"
	}
	if changed || latin || !utf8.ValidString(key) {
		h := sha256.Sum256([]byte(key))
		s += "-" + hex.EncodeToString(h[:3])
	}
	return s
}
