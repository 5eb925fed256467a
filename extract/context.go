package extract

import "unicode/utf8"

// ContextBytes is how far, at most, the context of a relation's evidence
// reaches on either side of its span.
const ContextBytes = 320

// Context returns the text around span that an analyst reads the
// evidence in, and the byte offset in text where it starts: up to
// ContextBytes either side of the span, cut back to a sentence or line
// boundary when the reach holds one, never inside a UTF-8 character. The
// loader stores it on the claim with the article's url, so that the
// sentence can be checked against its surroundings in Cypher without the
// article. An out-of-range span gives "", 0.
func Context(text string, span Span) (string, int) {
	lo, hi := span[0], span[1]
	if lo < 0 || hi > len(text) || hi < lo {
		return "", 0
	}
	from := max(0, lo-ContextBytes)
	for from > 0 && from < lo && !utf8.RuneStart(text[from]) {
		from++
	}
	if from > 0 {
		// start after the first boundary of the reach, if there is one
		from += firstBoundary(text[from:lo])
	}
	to := min(len(text), hi+ContextBytes)
	for to < len(text) && to > hi && !utf8.RuneStart(text[to]) {
		to--
	}
	if to < len(text) {
		// end at the last boundary of the reach, if there is one
		tail := text[hi:to]
		if i := lastBoundary(tail); i >= 0 {
			to = hi + i
		}
	}
	return text[from:to], from
}

// firstBoundary is where the first sentence that starts inside s starts
// (after a newline, or after ". "), or 0 when none does.
func firstBoundary(s string) int {
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\n':
			return i + 1
		case (s[i] == '.' || s[i] == '!' || s[i] == '?') && i+1 < len(s) && s[i+1] == ' ':
			return i + 2
		}
	}
	return 0
}

// lastBoundary is the end of the last sentence that ends inside s (just
// after its full stop, or before a newline), or -1 when none does.
func lastBoundary(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		switch {
		case s[i] == '\n':
			return i
		case (s[i] == '.' || s[i] == '!' || s[i] == '?') && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\n'):
			return i + 1
		}
	}
	return -1
}
