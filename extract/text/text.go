// Package text is the first stage of the extraction pipeline after reading:
// it separates the body of an article from page furniture left in the text
// (menus, link lists, captions, teasers, footers), splits the body into
// sentences and the sentences into tokens. Every position is a byte offset
// into the article text, so later stages can report evidence spans.
package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	ahocorasick "github.com/petar-dambovaliev/aho-corasick"
)

// Sentence is one sentence of the body.
type Sentence struct {
	Start, End int
	// Heading is set for a line without sentence punctuation (a headline or
	// a standfirst): its capitalisation says nothing about names.
	Heading bool
}

// Markers are the page-furniture markers the splitter recognises
// (lower-case; see the lexicon package).
type Markers struct {
	Lines   []string // a line containing one is furniture
	Tails   []string // a short line starting with one ends the body
	Teasers []string // a line starting with one is a teaser for another story
}

// Splitter cuts article text into body sentences. It is safe for
// concurrent use.
type Splitter struct {
	m Markers
	// lines finds every furniture marker of a line in one pass.
	lines ahocorasick.AhoCorasick
	// anyLine tells first, without allocating, whether a line holds a
	// marker at all: most body lines hold none.
	anyLine markerFilter
}

// NewSplitter returns a splitter using the given furniture markers.
func NewSplitter(m Markers) *Splitter {
	b := ahocorasick.NewAhoCorasickBuilder(ahocorasick.Opts{MatchKind: ahocorasick.StandardMatch, DFA: true})
	return &Splitter{m: m, lines: b.Build(m.Lines), anyLine: newMarkerFilter(m.Lines)}
}

// markerFilter answers whether a string contains any of a few markers,
// scanning it once: a bitset of the markers' first three bytes (hashed)
// skips most positions, and the markers sharing a position's first byte
// are compared there. Two-byte markers ("©") are looked for whole, each
// with one strings.Contains, so the scan tests one bitset per byte.
type markerFilter struct {
	triples [(tripleMask + 1) / 64]uint64
	byFirst [256][]string
	short   []string
	// all is set when a marker is shorter than two bytes: every string
	// may contain one.
	all bool
}

func newMarkerFilter(markers []string) markerFilter {
	var f markerFilter
	for _, m := range markers {
		switch {
		case len(m) < 2:
			f.all = true
		case len(m) == 2:
			f.short = append(f.short, m)
		default:
			h := tripleHash(m[0], m[1], m[2])
			f.triples[h/64] |= 1 << (h % 64)
			f.byFirst[m[0]] = append(f.byFirst[m[0]], m)
		}
	}
	return f
}

// tripleHash hashes three bytes to 15 bits, so that the hash of the next
// triple is rolled from it (any): shifting by five drops the first byte.
func tripleHash(a, b, c byte) uint16 {
	return (uint16(a)<<10 ^ uint16(b)<<5 ^ uint16(c)) & tripleMask
}

const tripleMask = 1<<15 - 1

// any reports whether s may contain a marker: false only when it contains
// none.
func (f *markerFilter) any(s string) bool {
	if f.all {
		return true
	}
	for _, m := range f.short {
		if strings.Contains(s, m) {
			return true
		}
	}
	if len(s) < 3 {
		return false
	}
	// the hash of the triple ending at byte j, rolled forward one byte
	// at a time: tripleHash's shifts drop what falls off the left
	h := tripleHash(0, s[0], s[1])
	for j := 2; j < len(s); j++ {
		h = (h<<5 ^ uint16(s[j])) & tripleMask
		if f.triples[h/64]&(1<<(h%64)) == 0 {
			continue
		}
		i := j - 2
		for _, m := range f.byFirst[s[i]] {
			if strings.HasPrefix(s[i:], m) {
				return true
			}
		}
	}
	return false
}

type line struct {
	start, end int
	s          string
}

// Sentences returns the sentences of the body of text, in order. title,
// when not empty, is the article's headline: a line equal to it is always
// kept (as a heading), however short.
func (sp *Splitter) Sentences(text, title string) []Sentence {
	return sp.SentencesLower(text, LowerASCII(text), title)
}

// SentencesLower is Sentences for a caller that has lower, the
// LowerASCII of text, already.
func (sp *Splitter) SentencesLower(text, lower, title string) []Sentence {
	return sp.SentencesScratch(text, lower, title, &SplitScratch{})
}

// SplitScratch is memory a caller splitting many articles lends to
// SentencesScratch, so that the per-line tables are allocated once.
type SplitScratch struct {
	lines      []line
	keys, lows []string
	seen       map[string]int
	out        []Sentence
}

// SentencesScratch is SentencesLower working in sc: the sentences it
// returns are valid until the next call with the same sc.
func (sp *Splitter) SentencesScratch(text, lower, title string, sc *SplitScratch) []Sentence {
	lines := sc.lines[:0]
	for off := 0; off < len(text); {
		nl := strings.IndexByte(text[off:], '\n')
		end := len(text)
		if nl >= 0 {
			end = off + nl
		}
		s, e := trimSpan(text, off, end)
		if s < e {
			lines = append(lines, line{s, e, text[s:e]})
		}
		off = end + 1
	}
	sc.lines = lines
	// Lines that appear twice without sentence punctuation are captions.
	if sc.seen == nil {
		sc.seen = make(map[string]int, len(lines))
	}
	seen := sc.seen
	clear(seen)
	keys := resized(sc.keys, len(lines))
	lows := resized(sc.lows, len(lines))
	sc.keys, sc.lows = keys, lows
	for i, l := range lines {
		lows[i] = lowerSpan(text, lower, l.start, l.end)
		keys[i] = dupKey(lows[i])
		seen[keys[i]]++
	}
	out := sc.out[:0]
	defer func() { sc.out = out[:0] }()
	bodySeen := false
	for li, l := range lines {
		low := lows[li]
		words := countFieldsUpTo(l.s, lineWordsCap)
		if title != "" && l.s == strings.TrimSpace(title) && !bodySeen {
			if endsSentence(l.s) {
				out = appendSplitLine(out, text, l.start, l.end)
			} else {
				out = append(out, Sentence{Start: l.start, End: l.end, Heading: true})
			}
			continue
		}
		if sp.isTail(low, words) {
			if bodySeen {
				break
			}
			continue
		}
		if t, ok := sp.teaser(low); ok {
			// Keep what follows a teaser when it is plainly body text
			// ("View All" glued to a paragraph, "Watch | ... × text").
			rest := l.start + t
			if x := strings.Index(l.s, "×"); x >= 0 {
				rest = l.start + x + len("×")
			}
			rs, re := trimSpan(text, rest, l.end)
			r := text[rs:re]
			if countFields(r) >= 12 && hasSentenceEnd(r) {
				out = appendSplitLine(out, text, rs, re)
				bodySeen = true
			}
			continue
		}
		if x := strings.Index(l.s, "×"); x >= 0 && strings.Contains(low[:x], "|") {
			rs, re := trimSpan(text, l.start+x+len("×"), l.end)
			l = line{rs, re, text[rs:re]}
			low = lowerSpan(text, lower, rs, re)
			words = countFieldsUpTo(l.s, lineWordsCap)
		}
		if sp.isFurniture(low, words) || strings.HasPrefix(l.s, "•") || strings.HasPrefix(l.s, "|") {
			continue
		}
		terminal := endsSentence(l.s)
		if !terminal && li == len(lines)-1 && bodySeen && words >= 7 {
			// a body cut off mid-sentence: still body text
			out = appendSplitLine(out, text, l.start, l.end)
			continue
		}
		if !terminal {
			if words < 7 || seen[keys[li]] > 1 || strings.HasSuffix(l.s, ")") && strings.Contains(l.s, "(") && seen[keys[li]] > 0 && isCredit(l.s) {
				continue
			}
			if isCredit(l.s) {
				continue
			}
			out = appendCapped(out, text, Sentence{Start: l.start, End: l.end, Heading: true})
			continue
		}
		if isCredit(l.s) && seen[keys[li]] > 1 {
			continue
		}
		if words < 3 {
			continue
		}
		out = appendSplitLine(out, text, l.start, l.end)
		bodySeen = true
	}
	return out
}

// resized returns s with length n, reusing its memory when it is large
// enough; the elements are left for the caller to set.
func resized(s []string, n int) []string {
	if cap(s) < n {
		return make([]string, n, 2*n)
	}
	return s[:n]
}

// lowerSpan is strings.ToLower(text[s:e]), sliced from lower (the
// LowerASCII of text) when the span is ASCII.
func lowerSpan(text, lower string, s, e int) string {
	if isASCII(text[s:e]) {
		return lower[s:e]
	}
	return strings.ToLower(text[s:e])
}

// isCredit reports a line ending in a parenthesised credit "(Reuters)".
func isCredit(s string) bool {
	if !strings.HasSuffix(s, ")") {
		return false
	}
	i := strings.LastIndexByte(s, '(')
	if i < 0 {
		return false
	}
	in := s[i+1 : len(s)-1]
	return countFields(in) <= 3 && in != "" && unicode.IsUpper(firstRune(in))
}

func dupKey(s string) string {
	// A caption repeated with a credit appended counts as a repeat.
	if i := strings.LastIndexByte(s, '('); i > 0 && strings.HasSuffix(s, ")") {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

func (sp *Splitter) isTail(low string, words int) bool {
	if words > 6 {
		return false
	}
	low = strings.TrimRight(low, ": ")
	for _, t := range sp.m.Tails {
		if strings.TrimRight(t, ":") == low || strings.HasPrefix(low, t) && words <= 5 {
			return true
		}
	}
	return false
}

func (sp *Splitter) teaser(low string) (int, bool) {
	for _, t := range sp.m.Teasers {
		if strings.HasPrefix(low, t) {
			return len(t), true
		}
	}
	return 0, false
}

// isFurniture reports a line of page furniture: a short line with a
// marker, or a long one with several ("We use cookies ... consent ...
// privacy"). A long paragraph that mentions advertisements once is body.
func (sp *Splitter) isFurniture(low string, words int) bool {
	if len(sp.m.Lines) == 0 || !sp.anyLine.any(low) {
		return false
	}
	n := 0
	it := sp.lines.Iter(low)
	for m := it.Next(); m != nil; m = it.Next() {
		n++
		if words <= 30 || n >= 2 {
			return true
		}
	}
	return false
}

func hasSentenceEnd(s string) bool {
	return strings.Contains(s, ". ") || endsSentence(s)
}

// endsSentence reports whether s ends with sentence punctuation, possibly
// followed by closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, " \"'”’)]»")
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '!' || r == '?' || r == ':' || r == '…'
}

func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:])
		if !unicode.IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "gen": true, "atty": true,
	"jr": true, "sr": true, "lt": true, "col": true, "sgt": true, "rep": true, "sen": true,
	"gov": true, "prof": true, "inc": true, "ltd": true, "co": true, "corp": true, "no": true,
	"vs": true, "etc": true, "jan": true, "feb": true, "mar": true, "apr": true, "jun": true,
	"jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"e.o": true, "u.s": true, "u.k": true, "u.n": true, "e.u": true, "d.c": true, "fig": true,
	"approx": true, "dept": true, "mt": true, "ft": true, "pres": true,
}

// lineWordsCap bounds the words counted on a line: the splitter only
// compares the count with thresholds of at most 30 ("a short line").
const lineWordsCap = 31

// appendSplitLine splits one body line into sentences, appended to out.
func appendSplitLine(out []Sentence, text string, start, end int) []Sentence {
	s := start
	i := start
	for i < end {
		c := text[i]
		if c != '.' && c != '!' && c != '?' {
			i++
			continue
		}
		j := i + 1
		// closing quotes and brackets
		for j < end {
			r, n := utf8.DecodeRuneInString(text[j:])
			if r == '"' || r == '\'' || r == '”' || r == '’' || r == ')' || r == ']' {
				j += n
				continue
			}
			break
		}
		if j >= end {
			break
		}
		r, _ := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsSpace(r) {
			i = j
			continue
		}
		k := j
		for k < end {
			r, n := utf8.DecodeRuneInString(text[k:])
			if !unicode.IsSpace(r) {
				break
			}
			k += n
		}
		next, _ := utf8.DecodeRuneInString(text[k:])
		if c == '.' && isAbbrev(text[s:i]) {
			i = j
			continue
		}
		if unicode.IsUpper(next) || unicode.IsDigit(next) || next == '"' || next == '“' || next == '‘' || next == '\'' {
			out = appendCapped(out, text, Sentence{Start: s, End: j})
			s = k
		}
		i = k
	}
	if s < end {
		out = appendCapped(out, text, Sentence{Start: s, End: end})
	}
	return out
}

// maxSentence bounds a sentence (in bytes) so that text without
// punctuation costs time in proportion to its length, not its square.
const maxSentence = 2000

// appendCapped appends s to out, cut at spaces into pieces no longer
// than maxSentence.
func appendCapped(out []Sentence, text string, s Sentence) []Sentence {
	for s.End-s.Start > maxSentence {
		cut := strings.LastIndexByte(text[s.Start:s.Start+maxSentence], ' ')
		if cut <= 0 {
			cut = maxSentence
			for cut > 0 && !utf8.RuneStart(text[s.Start+cut]) {
				cut--
			}
		}
		out = append(out, Sentence{Start: s.Start, End: s.Start + cut, Heading: s.Heading})
		s.Start += cut
		for s.Start < s.End && text[s.Start] == ' ' {
			s.Start++
		}
	}
	if s.Start < s.End {
		out = append(out, s)
	}
	return out
}

// isAbbrev reports whether the text before a period ends with an
// abbreviation or an initial ("J.", "U.S.").
func isAbbrev(before string) bool {
	w := before
	if i := strings.LastIndexAny(before, " \t(\"“'‘"); i >= 0 {
		w = before[i+1:]
	}
	if w == "" {
		return false
	}
	if utf8.RuneCountInString(w) == 1 && unicode.IsUpper(firstRune(w)) {
		return true // an initial
	}
	return isAbbreviation(w)
}

// maxAbbreviation is the length of the longest abbreviation.
const maxAbbreviation = 8

// isAbbreviation is abbreviations[strings.ToLower(w)], lower-casing an
// ASCII word on the stack: it runs at every period.
func isAbbreviation(w string) bool {
	if !isASCII(w) {
		return abbreviations[strings.ToLower(w)]
	}
	if len(w) > maxAbbreviation {
		return false
	}
	var buf [maxAbbreviation]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return abbreviations[string(buf[:len(w)])]
}
