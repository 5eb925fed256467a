package learn

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/influencegraph/influencegraph/extract/gold"
	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/extract/lexicon"
	"github.com/influencegraph/influencegraph/extract/relation/model"
)

// MinNameArticles is in how many annotated articles a word must open a
// person's name to be learned as one that does: a name seen once may be
// the article's own oddity.
const MinNameArticles = 2

// GivenNames learns the words that open people's names ("Gleb", "Xiong",
// "Andrés") from annotated articles. The mention stage types an unknown
// capitalised name as a person when its first word is one of these, and
// the hand-written list holds mostly Western ones: names from the rest of
// the world were found late or not at all. A word is learned when it
// opens a multi-word name or alias of a gold Person in at least
// MinNameArticles articles, opens no other entity's name in any, is
// shaped like a name (a capital, then lower-case letters), and is no
// word the lexicon or the knowledge base gives another part (a title, a
// head such as "Party", a word never a name, a one-word name of a state
// or its demonym).
func GivenNames(arts []gold.Article, lex *lexicon.Lexicon, k *kb.KB) []string {
	taken := map[string]bool{}
	for w := range lex.NonNames {
		taken[w] = true
	}
	for w := range lex.Heads {
		taken[w] = true
	}
	for _, t := range lex.Titles {
		for _, w := range t {
			taken[strings.TrimSuffix(w, ".")] = true
		}
	}
	for _, e := range k.Entries() {
		if e.Type != kb.TypeState {
			continue
		}
		for _, n := range append(append(append([]string{e.Name}, e.Aliases...), e.Demonyms...), e.Capitals...) {
			// "Jordan", "Georgia" name the state alone; "Salvador"
			// names it only inside "El Salvador", which the knowledge
			// base finds whole, so it may still open a person's name
			if ws := strings.Fields(n); len(ws) == 1 {
				taken[strings.ToLower(ws[0])] = true
			}
		}
	}
	person := map[string]map[string]bool{} // word -> articles
	other := map[string]bool{}
	for _, a := range arts {
		for _, e := range append(append([]gold.Entity(nil), a.Gold.Entities...), a.Gold.OptionalEntities...) {
			for i, n := range append([]string{e.Name}, e.Aliases...) {
				ws := strings.Fields(n)
				switch {
				case len(ws) == 0:
				case e.Type != kb.TypePerson:
					other[ws[0]] = true
				case i == 0 && len(ws) >= 2:
					// the name, not the aliases, which keep titles
					// ("Speaker Nancy Pelosi", "Ohio Sen. JD Vance")
					if person[ws[0]] == nil {
						person[ws[0]] = map[string]bool{}
					}
					person[ws[0]][a.Text] = true
				}
			}
		}
	}
	var out []string
	for w, in := range person {
		if len(in) >= MinNameArticles && !other[w] && nameShaped(w) && !taken[w] && !taken[strings.ToLower(w)] {
			out = append(out, w)
		}
	}
	sort.Strings(out)
	return out
}

// nameShaped reports a capital letter followed by lower-case letters,
// with hyphens or apostrophes inside, each of which may be followed by a
// capital ("O'Neil", "Jean-Luc", "Tsai-ing").
func nameShaped(w string) bool {
	prev := rune(0)
	for i, r := range w {
		switch {
		case i == 0 || prev == '-' || prev == '\'' || prev == '’':
			if !unicode.IsLetter(r) || i == 0 && !unicode.IsUpper(r) {
				return false
			}
		case r == '-' || r == '\'' || r == '’':
		case !unicode.IsLower(r):
			return false
		}
		prev = r
	}
	return prev != 0 && unicode.IsLetter(prev) && utf8.RuneCountInString(w) > 1
}

// WriteGivenNames writes names one per line after a header naming the
// folders they were learned from, so that a test can tell whether the
// shipped file is what those folders give today.
func WriteGivenNames(w io.Writer, sources []model.Source, names []string) error {
	var b strings.Builder
	b.WriteString("# Words that open people's names, learned from annotated articles by\n")
	b.WriteString("# `influencegraph train --given-names` (make names); do not edit by hand.\n")
	for _, s := range sources {
		fmt.Fprintf(&b, "# from %s %d %s\n", s.Dir, s.Articles, s.SHA256)
	}
	for _, n := range names {
		b.WriteString(n)
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}
