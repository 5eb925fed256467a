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
	if t.Text != "" && t.Text[0] < utf8.RuneSelf {
		return 'A' <= t.Text[0] && t.Text[0] <= 'Z' // the rules ask this of every token
	}
	r, _ := utf8.DecodeRuneInString(t.Text)
	return unicode.IsUpper(r)
}

// Word reports whether the token is a word or a number (not punctuation).
func (t Token) Word() bool {
	if t.Text != "" && t.Text[0] < utf8.RuneSelf {
		return isASCIIAlnum(t.Text[0])
	}
	r, _ := utf8.DecodeRuneInString(t.Text)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// Tokens splits text[start:end] into tokens. Words keep inner hyphens,
// periods and apostrophes ("pro-Russian", "U.S.", "O'Brien"); a possessive
// "'s" is a token of its own.
func Tokens(text string, start, end int) []Token {
	return TokensLower(text, "", start, end)
}

// TokensLower is Tokens for a caller that tokenises many sentences of one
// text: lower is LowerASCII(text), from which the lower-case form of every
// ASCII token is sliced instead of allocated ("" to allocate as Tokens).
func TokensLower(text, lower string, start, end int) []Token {
	return AppendTokensLower(make([]Token, 0, (end-start)/5+1), text, lower, start, end)
}

// AppendTokensLower is TokensLower appending to out: a caller tokenising
// every sentence of many articles reuses one buffer.
func AppendTokensLower(out []Token, text, lower string, start, end int) []Token {
	i := start
	for i < end {
		if text[i] == ' ' {
			i++ // the commonest byte, decoded for nothing
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + n
			for j < end {
				if isASCIIAlnum(text[j]) {
					j++ // what IsLetter || IsDigit says of an ASCII byte
					continue
				}
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
			out = append(out, mk(text, lower, i, j))
			i = j
		case (r == '\'' || r == '’') && i+n < end && (text[i+n] == 's' || text[i+n] == 'S') && (i+n+1 >= end || !isWordByte(text[i+n+1])):
			out = append(out, mk(text, lower, i, i+n+1))
			i += n + 1
		default:
			out = append(out, mk(text, lower, i, i+n))
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

func isASCIIAlnum(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}

func mk(text, lower string, s, e int) Token {
	t := text[s:e]
	if lower != "" && isASCII(t) {
		// strings.ToLower changes only A-Z in ASCII text; no curly quote
		return Token{Start: s, End: e, Text: t, Lower: lower[s:e]}
	}
	low := strings.ToLower(t)
	low = strings.ReplaceAll(low, "’", "'")
	return Token{Start: s, End: e, Text: t, Lower: low}
}

// LowerASCII is s with A-Z in lower case and every other byte unchanged:
// for an ASCII substring, the same bytes as strings.ToLower.
func LowerASCII(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	from := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b.WriteString(s[from:i])
			b.WriteByte(c + 'a' - 'A')
			from = i + 1
		}
	}
	b.WriteString(s[from:])
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// countFields is len(strings.Fields(s)), without building the slice.
func countFields(s string) int { return countFieldsUpTo(s, len(s)+1) }

// countFieldsUpTo is min(countFields(s), max), stopping at max: a caller
// that compares the count with small thresholds need not read a long
// paragraph to its end.
func countFieldsUpTo(s string, max int) int {
	n := 0
	inField := false
	for i := 0; i < len(s); {
		c := s[i]
		sp, w := false, 1
		if c < utf8.RuneSelf {
			sp = c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
		} else {
			var r rune
			r, w = utf8.DecodeRuneInString(s[i:])
			sp = unicode.IsSpace(r)
		}
		if !sp && !inField {
			if n++; n >= max {
				return max
			}
		}
		inField = !sp
		i += w
	}
	return n
}

// IsDateWord reports whether a lower-case word names a weekday or a
// month ("thursday", "nov."): a name never runs on into a date ("Hu
// Xijin on Thursday").
func IsDateWord(lower string) bool {
	switch strings.TrimSuffix(lower, ".") {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"january", "february", "march", "april", "may", "june", "july", "august",
		"september", "october", "november", "december",
		"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec":
		return true
	}
	return false
}
