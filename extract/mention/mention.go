// Package mention finds the names in a sentence: every name, alias,
// demonym and capital of the knowledge base (one Aho-Corasick automaton,
// leftmost-longest, whole words only) and the capitalised names the
// knowledge base does not know, typed from their context (titles, given
// names, head words such as "Agency" or "Party", appositions such as
// "the group X" or "X, a ... company").
package mention

import (
	"strings"
	"unicode"
	"unicode/utf8"

	ahocorasick "github.com/petar-dambovaliev/aho-corasick"

	"github.com/influencegraph/influencegraph/extract/kb"
)

// Kind says how a knowledge-base mention names its entry.
type Kind int

// Mention kinds.
const (
	KindName    Kind = iota // the entry's name or an alias
	KindDemonym             // "Russian", "Iranians"
	KindCapital             // "Moscow", "Tehran"
	KindUnknown             // a capitalised name not in the knowledge base
)

// Mention is one name found in the text.
type Mention struct {
	Start, End int
	// Entry is the index of the knowledge-base entry (Matcher.Entry), or -1.
	Entry int
	Kind  Kind
	// Type is the entity type (the entry's, or the one guessed for an
	// unknown name; "" when nothing types it).
	Type string
	// Country is the ISO2 code the context ties an unknown agency to.
	Country string
	// Alias is an extra surface form for the entity ("(SDA)" after a long form).
	Aliases []string
	// Rule says why an unknown name was typed.
	Rule string
	// Alts are other knowledge-base entries with the same surface form
	// ("Central Election Commission" of several states); the resolver
	// picks the one the article's context points to.
	Alts []int
}

type pattern struct {
	entry int
	kind  Kind
}

// Matcher finds knowledge-base names. It is built once and is safe for
// concurrent use.
type Matcher struct {
	ac      ahocorasick.AhoCorasick
	pats    []pattern
	entries []kb.Entry
	alts    map[int][]int // pattern index -> other entries with that name
}

// NewMatcher builds the automaton over every name, alias, demonym and
// capital of entries. When two entries share a surface form, names win
// over aliases and, among equals, the first entry (entries come sorted by
// id, so the choice is deterministic).
func NewMatcher(entries []kb.Entry) *Matcher {
	m := &Matcher{entries: entries, alts: map[int][]int{}}
	seen := map[string]int{}
	var words []string
	var add func(s string, e int, k Kind)
	add = func(s string, e int, k Kind) {
		s = strings.TrimSpace(s)
		// "the Treasury" would hide "Treasury Department" after "the"
		s = strings.TrimPrefix(s, "the ")
		if s == "" || strings.HasSuffix(s, "'s") || strings.HasSuffix(s, "’s") {
			return // a possessive is the name followed by "'s"
		}
		if p, ok := seen[s]; ok {
			if k == KindName && m.pats[p].entry != e && m.pats[p].kind == KindName && entries[m.pats[p].entry].Type == entries[e].Type {
				m.alts[p] = append(m.alts[p], e)
			}
			return
		}
		seen[s] = len(words)
		words = append(words, s)
		m.pats = append(m.pats, pattern{e, k})
		// Curly and straight apostrophes are both common.
		if strings.Contains(s, "'") {
			add(strings.ReplaceAll(s, "'", "’"), e, k)
		}
	}
	// States first so a state's name beats another entry's alias.
	order := make([]int, 0, len(entries))
	for i, e := range entries {
		if e.Type == kb.TypeState {
			order = append(order, i)
		}
	}
	for i, e := range entries {
		if e.Type != kb.TypeState {
			order = append(order, i)
		}
	}
	for _, i := range order {
		add(entries[i].Name, i, KindName)
	}
	for _, i := range order {
		for _, a := range entries[i].Aliases {
			add(a, i, KindName)
		}
	}
	for _, i := range order {
		for _, d := range entries[i].Demonyms {
			add(d, i, KindDemonym)
		}
		for _, c := range entries[i].Capitals {
			add(c, i, KindCapital)
		}
	}
	b := ahocorasick.NewAhoCorasickBuilder(ahocorasick.Opts{
		MatchKind: ahocorasick.LeftMostLongestMatch,
		DFA:       true,
	})
	m.ac = b.Build(words)
	return m
}

// Entry returns the knowledge-base entry with index i.
func (m *Matcher) Entry(i int) kb.Entry { return m.entries[i] }

// Entries returns all entries the matcher knows.
func (m *Matcher) Entries() []kb.Entry { return m.entries }

// Find returns the knowledge-base mentions inside text[start:end], in order.
func (m *Matcher) Find(text string, start, end int) []Mention {
	return m.FindBytes(text, []byte(text[start:end]), start)
}

// FindBytes is Find over seg, the bytes of text from start on, so that a
// caller scanning many sentences of one text converts it to bytes once.
func (m *Matcher) FindBytes(text string, seg []byte, start int) []Mention {
	var out []Mention
	it := m.ac.IterByte(seg)
	for {
		mt := it.Next()
		if mt == nil {
			break
		}
		s, e := start+mt.Start(), start+mt.End()
		if len(out) > 0 && s < out[len(out)-1].End {
			continue // inside the previous, longer match
		}
		if !boundaryBefore(text, s) || !boundaryAfter(text, e) {
			continue
		}
		p := m.pats[mt.Pattern()]
		ent := m.entries[p.entry]
		out = append(out, Mention{Start: s, End: e, Entry: p.entry, Kind: p.kind, Type: ent.Type, Alts: m.alts[mt.Pattern()]})
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func boundaryBefore(text string, s int) bool {
	if s == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:s])
	if isWordRune(r) {
		return false
	}
	if r == '-' {
		// "pro-Russian", "anti-American" do not name the state as actor.
		w := strings.ToLower(lastWord(text[:s-1]))
		if w == "pro" || w == "anti" || w == "non" {
			return false
		}
		// "Inter-Parliamentary": a hyphen glued to a word continues it.
		return true
	}
	return true
}

func boundaryAfter(text string, e int) bool {
	if e >= len(text) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[e:])
	return !isWordRune(r)
}

func lastWord(s string) string {
	i := len(s)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !isWordRune(r) {
			break
		}
		i -= n
	}
	return s[i:]
}
