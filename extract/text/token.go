package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is a word, a number or a punctuation mark of a sentence.
type Token struct {
	Start, End int
	Text       string
	// Lower is Text in lower case, with curly apostrophes made straight.
	Lower string
}

// Cap reports whether the token starts with an upper-case letter.
func (t Token) Cap() bool {
	r, _ := utf8.DecodeRuneInString(t.Text)
	return unicode.IsUpper(r)
}

// Word reports whether the token is a word or a number (not punctuation).
func (t Token) Word() bool {
	r, _ := utf8.DecodeRuneInString(t.Text)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// Tokens splits text[start:end] into tokens. Words keep inner hyphens,
// periods and apostrophes ("pro-Russian", "U.S.", "O'Brien"); a possessive
// "'s" is a token of its own.
func Tokens(text string, start, end int) []Token {
	out := make([]Token, 0, (end-start)/5+1)
	i := start
	for i < end {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + n
			for j < end {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
					j += n2
					continue
				}
				if r2 == '-' || r2 == '.' || r2 == '\'' || r2 == '’' || r2 == '&' {
					// inner punctuation only when a letter or digit follows
					if j+n2 < end {
						r3, _ := utf8.DecodeRuneInString(text[j+n2:])
						if unicode.IsLetter(r3) || unicode.IsDigit(r3) {
							if (r2 == '\'' || r2 == '’') && (r3 == 's' || r3 == 'S') && (j+n2+1 >= end || !isWordByte(text[j+n2+1])) {
								break // possessive
							}
							j += n2
							continue
						}
					}
					// "U.S." keeps its final period when it is an initialism
					if lp := lastPart(text[i:j]); r2 == '.' && utf8.RuneCountInString(lp) == 1 && unicode.IsUpper(firstRune(lp)) {
						j += n2
					}
				}
				break
			}
			out = append(out, mk(text, i, j))
			i = j
		case (r == '\'' || r == '’') && i+n < end && (text[i+n] == 's' || text[i+n] == 'S') && (i+n+1 >= end || !isWordByte(text[i+n+1])):
			out = append(out, mk(text, i, i+n+1))
			i += n + 1
		default:
			out = append(out, mk(text, i, i+n))
			i += n
		}
	}
	return out
}

func lastPart(s string) string {
	if k := strings.LastIndexByte(s, '.'); k >= 0 {
		return s[k+1:]
	}
	return s
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}

func mk(text string, s, e int) Token {
	t := text[s:e]
	low := strings.ToLower(t)
	low = strings.ReplaceAll(low, "’", "'")
	return Token{Start: s, End: e, Text: t, Lower: low}
}
