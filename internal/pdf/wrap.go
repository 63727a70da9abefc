package pdf

import (
	"strings"
	"unicode/utf8"
)

// fpdf's SplitText and MultiCell drop one character at every automatic break
// in CJK text (fpdf #80), so every line break in our documents is made here
// and each line is drawn with CellFormat.

// noStart holds punctuation that must not begin a line (避头点), noEnd the
// openers that must not end one (避尾点).
// units are counters kept on the line of the number before them, so that
// 「4月1日」 or 「第3期」 do not split between 1 and 日.
const (
	noStart = "，。、；：？！）》”’」』】〕〉…—·・％,.;:?!)]}%"
	noEnd   = "（《“‘「『【〔〈([{"
	units   = "年月日号时分秒点人名次期届个项页条元岁周"
)

// wrap splits s into lines no wider than width, as measured by w. It is
// lossless: strings.Join(lines, "") == s. A "\n" ends its line (it stays at
// the line's end; drawers trim it). Runs of Latin letters, digits and ASCII
// punctuation (words, numbers, dates, codes) are kept whole unless one alone
// is wider than a line; CJK text breaks between any two characters except
// before noStart and after noEnd characters; spaces hang at the line's end.
//
// It ends for every width, zero, negative and NaN included (PITFALLS §9):
// a width below zero is taken as zero, and each step of wrapPara either
// consumes part of s or ends a non-empty line (see there).
func wrap(s string, width float64, w func(string) float64) []string {
	if !(width > 0) { // also NaN
		width = 0
	}
	var lines []string
	for s != "" {
		para, rest, hard := strings.Cut(s, "\n")
		if hard {
			para += "\n"
		}
		s = rest // s shrinks by at least the "\n" or to ""
		lines = append(lines, wrapPara(para, width, w)...)
	}
	if len(lines) == 0 {
		lines = []string{""}
	}
	return lines
}

// wrapPara wraps one paragraph (a line of s up to and with its "\n").
// Termination: every pass of the inner loop either shortens seg, or
// flushes a line that holds something, after which the line is empty and
// the next pass must shorten seg. A segment whose visible part is empty
// (spaces, or the "\n" of an empty paragraph) is never cut: it goes onto
// an empty line whole; a visible part wider than an empty line is cut by
// fitPrefix, which takes at least one character.
func wrapPara(s string, width float64, w func(string) float64) []string {
	if w(strings.TrimRight(s, " \u3000\n")) <= width {
		return []string{s}
	}
	var lines []string
	var line strings.Builder
	lineW := 0.0
	flush := func() {
		lines = append(lines, line.String())
		line.Reset()
		lineW = 0
	}
	for _, seg := range segments(s) {
		for seg != "" {
			body := strings.TrimRight(seg, " \u3000\n")
			bw := w(body)
			if line.Len() == 0 || lineW+bw <= width {
				if body != "" && line.Len() == 0 && bw > width {
					// Too wide even for an empty line: cut it by characters,
					// at least one per line so the loop ends.
					n := fitPrefix(body, width, w)
					line.WriteString(seg[:n])
					seg = seg[n:]
					flush()
					continue
				}
				line.WriteString(seg)
				lineW += w(seg)
				seg = ""
				continue
			}
			flush()
		}
	}
	if line.Len() > 0 {
		flush()
	}
	return lines
}

// fitPrefix returns the byte length of the longest prefix of s that fits in
// width, and at least that of s's first rune: a non-empty s always loses
// something, whatever the width. It returns 0 only for an empty s.
func fitPrefix(s string, width float64, w func(string) float64) int {
	_, n := utf8.DecodeRuneInString(s)
	for n < len(s) {
		_, m := utf8.DecodeRuneInString(s[n:])
		if w(s[:n+m]) > width {
			break
		}
		n += m
	}
	return n
}

// segments cuts s into the unbreakable pieces of a line: a word or a CJK
// character, with any spaces after it and with the punctuation that may not
// be separated from it.
func segments(s string) []string {
	toks := tokens(s)
	var segs []string
	for i := 0; i < len(toks); {
		j := i + 1
		for j < len(toks) && !breakBetween(toks[j-1], toks[j]) {
			j++
		}
		segs = append(segs, strings.Join(toks[i:j], ""))
		i = j
	}
	return segs
}

// breakBetween reports whether a line may break between tokens a and b.
func breakBetween(a, b string) bool {
	first, _ := utf8.DecodeRuneInString(b)
	last, _ := utf8.DecodeLastRuneInString(a)
	switch {
	case isSpace(first) || first == '\n':
		return false // spaces hang at the end of the line
	case strings.ContainsRune(noStart, first):
		return false
	case strings.ContainsRune(noEnd, last):
		return false
	case last >= '0' && last <= '9' && strings.ContainsRune(units, first):
		return false
	}
	return true
}

// tokens splits s into words (runs of Latin letters, digits and ASCII
// punctuation), single CJK characters and runs of spaces.
func tokens(s string) []string {
	var toks []string
	for s != "" {
		r, n := utf8.DecodeRuneInString(s)
		switch {
		case isSpace(r):
			for n < len(s) {
				r2, m := utf8.DecodeRuneInString(s[n:])
				if !isSpace(r2) {
					break
				}
				n += m
			}
		case isWord(r):
			for n < len(s) {
				r2, m := utf8.DecodeRuneInString(s[n:])
				if !isWord(r2) {
					break
				}
				n += m
			}
		}
		toks = append(toks, s[:n])
		s = s[n:]
	}
	return toks
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0' }

// isWord reports whether r belongs to a run that must stay whole: Latin,
// Greek, Cyrillic letters, digits and ASCII punctuation. CJK characters,
// full-width forms and CJK punctuation break anywhere.
func isWord(r rune) bool {
	if r < 0x2000 {
		return !isSpace(r) && r != '\n'
	}
	return false
}
