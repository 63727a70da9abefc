package model

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Text typed into a workbook reaches terminals, findings.txt, web pages,
// PDFs and ledgers. Two rules keep it from doing more than being read:
//
//   - Printable shows control and bidirectional-formatting characters as
//     visible escapes (\x1b, \u202e): an ESC sequence in a cell must not
//     drive the committee's terminal, and a U+202E must not reverse the
//     rest of a published line.
//   - Quote, used for every string a finding quotes, also shows line breaks
//     as \n (one finding, one line) and cuts long values: a cell of 100,000
//     characters is quoted by its beginning and its length.

// MaxQuote is how many characters of a value a finding quotes.
const MaxQuote = 60

// Printable returns s with control characters (except tab and line feed),
// bidirectional formatting characters, line/paragraph separators and
// invalid UTF-8 bytes written as Go-style escapes. It is idempotent and
// returns s itself when there is nothing to escape.
func Printable(s string) string { return escape(s, false) }

// Quote is how a finding shows a value: Printable, with tab, line feed and
// carriage return escaped too, and cut after MaxQuote characters with the
// full length said, e.g. 「长长长…（共 100000 字）」.
func Quote(s string) string { return quote(s, MaxQuote) }

func quote(s string, max int) string {
	if n := utf8.RuneCountInString(s); n > max {
		cut := 0
		for i := 0; i < max; i++ {
			_, size := utf8.DecodeRuneInString(s[cut:])
			cut += size
		}
		return escape(s[:cut], true) + "…（共 " + strconv.Itoa(n) + " 字）"
	}
	return escape(s, true)
}

// unsafeRune reports a character that must not reach output raw.
func unsafeRune(r rune, oneLine bool) bool {
	switch {
	case r == '\t' || r == '\n':
		return oneLine
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0): // C0, DEL, C1 (U+009B is a CSI)
		return true
	}
	switch r {
	case '\u061c', '\u200e', '\u200f', // ALM, LRM, RLM
		'\u202a', '\u202b', '\u202c', '\u202d', '\u202e', // LRE RLE PDF LRO RLO
		'\u2066', '\u2067', '\u2068', '\u2069', // LRI RLI FSI PDI
		'\u2028', '\u2029': // line and paragraph separators
		return true
	}
	return false
}

func escape(s string, oneLine bool) string {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || unsafeRune(r, oneLine) {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case !unsafeRune(r, oneLine):
			b.WriteString(s[i : i+size])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
		i += size
	}
	return b.String()
}

// quoteArgs prepares a finding's arguments: every string (and error) is made
// Printable, and those in a quoting slot 「%s」, the values taken from
// cells, are also cut by Quote. Our own sentences passed as arguments are
// never cut, but are bounded at ten times MaxQuote all the same.
func quoteArgs(format string, args []any) []any {
	var out []any
	slot := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0123456789.", format[j]) >= 0 {
			j++
		}
		if j >= len(format) {
			break
		}
		if format[j] == '%' {
			i = j
			continue
		}
		if slot < len(args) {
			quoted := strings.HasSuffix(format[:i], "「") && strings.HasPrefix(format[j+1:], "」")
			if v, ok := quoteArg(args[slot], quoted); ok {
				if out == nil {
					out = append([]any(nil), args...)
				}
				out[slot] = v
			}
		}
		slot++
		i = j
	}
	if out == nil {
		return args
	}
	return out
}

func quoteArg(a any, quoted bool) (string, bool) {
	var s string
	switch v := a.(type) {
	case string:
		s = v
	case error:
		s = v.Error()
	default:
		return "", false
	}
	if quoted {
		return Quote(s), true
	}
	return quote(s, 10*MaxQuote), true
}
