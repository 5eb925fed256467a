package text

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func testSplitter() *Splitter {
	return NewSplitter(Markers{
		Lines:   []string{"cookie", "subscribe"},
		Tails:   []string{"related news", "next post"},
		Teasers: []string{"read also", "watch |"},
	})
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"abbreviations and initials",
			"Mr. Smith met Rod J. Rosenstein in the U.S. on Friday. They spoke.",
			[]string{"Mr. Smith met Rod J. Rosenstein in the U.S. on Friday.", "They spoke."}},
		{"quotes close a sentence",
			"\"We are nothing,\" he said. \"Nobody knows.\" Then he left.",
			[]string{"\"We are nothing,\" he said.", "\"Nobody knows.\"", "Then he left."}},
		{"menus, repeated captions and link lists are dropped",
			"  • Home\n  • World\n\nA headline long enough to be kept as one line\n\nCITY - A caption repeated below the headline\n\nCITY - A caption repeated below the headline\n\nThe body says something. It goes on.\n\nRelated News:\n  • Another story entirely about trade\nWe use cookies here.",
			[]string{"A headline long enough to be kept as one line", "The body says something.", "It goes on."}},
		{"teaser glued to body text",
			"The first paragraph is here.\n\nWatch | A video about something else × The second paragraph keeps going with enough words to count as body. It ends here.",
			[]string{"The first paragraph is here.", "The second paragraph keeps going with enough words to count as body.", "It ends here."}},
		{"a long paragraph mentioning a marker once is body",
			"Officials said the group had bought hundreds of cookie-cutter advertisements on social media in the weeks before the vote, and that many of them repeated the same false claims about the candidates and the count.",
			[]string{"Officials said the group had bought hundreds of cookie-cutter advertisements on social media in the weeks before the vote, and that many of them repeated the same false claims about the candidates and the count."}},
		{"a body cut off mid-sentence is still body",
			"The first paragraph is here.\n\nThe report said the officials had been told that the network was",
			[]string{"The first paragraph is here.", "The report said the officials had been told that the network was"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, s := range testSplitter().Sentences(tc.text, "") {
				if s.Start < 0 || s.End > len(tc.text) || s.Start >= s.End {
					t.Fatalf("bad span %d-%d", s.Start, s.End)
				}
				got = append(got, tc.text[s.Start:s.End])
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

func TestTokens(t *testing.T) {
	text := "Russia’s pro-Russian U.S. APT 28 (SDA), Storm-1516 O'Brien's"
	var got []string
	for _, tk := range Tokens(text, 0, len(text)) {
		if text[tk.Start:tk.End] != tk.Text {
			t.Fatalf("token %q does not match its span", tk.Text)
		}
		got = append(got, tk.Text)
	}
	want := []string{"Russia", "’s", "pro-Russian", "U.S.", "APT", "28", "(", "SDA", ")", ",", "Storm-1516", "O'Brien", "'s"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestTokensLowerMatchesTokens(t *testing.T) {
	for _, s := range []string{
		"The GRU's Unit 26165 hacked the DNC.",
		"Moldova’s President Maia Sandu said ÉLECTIONS were free, İstanbul too.",
		"U.S. officials: pro-Russian O'Brien’S posts \xff broke.",
		"",
	} {
		want := Tokens(s, 0, len(s))
		got := TokensLower(s, LowerASCII(s), 0, len(s))
		if !reflect.DeepEqual(got, want) {
			t.Errorf("TokensLower(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestCountFields(t *testing.T) {
	for _, s := range []string{"", "  ", "one", " two  words ", "tab\tand\nnewline", "nbsp\u00a0split", "em\u2003space", "bad\xffbyte x", "a\u0085b"} {
		if got, want := countFields(s), len(strings.Fields(s)); got != want {
			t.Errorf("countFields(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestMarkerFilter checks the prefilter of isFurniture against
// strings.Contains: it may only say "no marker" when there is none.
func TestMarkerFilter(t *testing.T) {
	tests := []struct {
		name    string
		markers []string
		in      []string
	}{
		{"ascii and utf-8 markers",
			[]string{"cookie", "sign up", "©", "– video", "ad"},
			[]string{"", "c", "cookies help", "we use a cookie", "cooki", "please sign up now", "sign-up",
				"© 2024 the paper", "x©", "watch – video", "– vide", "a", "road", "no marker here"}},
		{"a one-byte marker matches anything",
			[]string{"|", "cookie"},
			[]string{"", "a | b", "plain text"}},
		{"no markers", nil, []string{"", "cookie"}},
	}
	// a marker after any few bytes: the scan rolls its hash along
	var after []string
	for _, prefix := range []string{"a", "zz", "~`", "é", "ÿÿÿ", "Zé~q", "\x7f\x80\xff\x01"} {
		for _, m := range []string{"cookie", "sign up", "– video"} {
			after = append(after, prefix+m, prefix+m+" and more", prefix+" "+prefix+m)
		}
	}
	tests = append(tests, struct {
		name    string
		markers []string
		in      []string
	}{"markers after any bytes", []string{"cookie", "sign up", "– video"}, after})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newMarkerFilter(tc.markers)
			for _, s := range tc.in {
				want := false
				for _, m := range tc.markers {
					want = want || strings.Contains(s, m)
				}
				if got := f.any(s); !got && want {
					t.Errorf("any(%q) = false, but it holds a marker", s)
				} else if got && !want && !f.all {
					t.Errorf("any(%q) = true, but it holds no marker", s)
				}
			}
		})
	}
}

func TestCountFieldsUpTo(t *testing.T) {
	for _, tc := range []struct {
		s         string
		max, want int
	}{
		{"", 5, 0}, {"  a  b\tc\n", 5, 3}, {"a b c d e f g", 5, 5}, {"a\u00a0b c", 9, 3}, {"one", 1, 1},
	} {
		if got := countFieldsUpTo(tc.s, tc.max); got != tc.want {
			t.Errorf("countFieldsUpTo(%q, %d) = %d, want %d", tc.s, tc.max, got, tc.want)
		}
		if got, want := countFields(tc.s), len(strings.Fields(tc.s)); got != want {
			t.Errorf("countFields(%q) = %d, want %d", tc.s, got, want)
		}
	}
}

// TestTokenClasses checks the ASCII shortcuts of Cap and Word against the
// unicode package, over every byte and a few other runes.
func TestTokenClasses(t *testing.T) {
	var texts []string
	for c := 0; c < 0x80; c++ {
		texts = append(texts, string(rune(c))+"x")
	}
	texts = append(texts, "", "Élysée", "élan", "Ωmega", "’s", "—", "٣")
	for _, s := range texts {
		r, _ := utf8.DecodeRuneInString(s)
		tok := Token{Text: s}
		if got, want := tok.Cap(), unicode.IsUpper(r); got != want {
			t.Errorf("Token{%q}.Cap() = %v, want %v", s, got, want)
		}
		if got, want := tok.Word(), unicode.IsLetter(r) || unicode.IsDigit(r); got != want {
			t.Errorf("Token{%q}.Word() = %v, want %v", s, got, want)
		}
	}
}

func TestIsAbbreviation(t *testing.T) {
	for k := range abbreviations {
		if len(k) > maxAbbreviation {
			t.Errorf("abbreviation %q is longer than maxAbbreviation", k)
		}
	}
	for _, w := range []string{"Mr", "mr", "U.S", "Sept", "SEPT", "Russia", "approximately", "Dr", "É.U", ""} {
		if got, want := isAbbreviation(w), abbreviations[strings.ToLower(w)]; got != want {
			t.Errorf("isAbbreviation(%q) = %v, want %v", w, got, want)
		}
	}
}
