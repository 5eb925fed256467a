// Package lexicon holds the word lists the rule-based extractor runs on:
// relation triggers, hedges, negation cues, reporting verbs, person titles,
// name heads, apposition nouns, actor nouns, given names, words that are
// never names, page-furniture markers and election vocabulary. The lists
// are data files with comments (data/*.txt, embedded), so adding a trigger
// or a title is a one-line change that needs no code.
package lexicon

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"strings"
)

//go:embed data/*.txt
var files embed.FS

// Relation types a trigger can announce.
const (
	Authorised = "AUTHORISED"
	Targeted   = "TARGETED"
	Amplified  = "AMPLIFIED"
)

// Phrase is a sequence of lower-case word patterns: "x" matches the word x,
// "x*" any word starting with x, "*" any one word.
type Phrase []string

// Match reports whether p matches the lower-case words at the start of ws.
func (p Phrase) Match(ws []string) bool {
	if len(p) > len(ws) {
		return false
	}
	for i, pat := range p {
		if !WordMatch(pat, ws[i]) {
			return false
		}
	}
	return true
}

// WordMatch reports whether the lower-case word w matches the pattern pat.
func WordMatch(pat, w string) bool {
	switch {
	case pat == "*":
		return w != "" && isWordish(w)
	case strings.HasSuffix(pat, "*"):
		return strings.HasPrefix(w, pat[:len(pat)-1])
	default:
		return pat == w
	}
}

func isWordish(w string) bool {
	c := w[0]
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// Trigger is a phrase announcing a relation of Type.
type Trigger struct {
	Type   string
	Phrase Phrase
	// Tag names the trigger in a model's features: the first two
	// letters of its type and its phrase ("TA:interfer*").
	Tag string
}

// Lexicon is the full set of lists. It is read-only after Default returns
// and safe for concurrent use.
type Lexicon struct {
	Triggers []Trigger
	// NotTriggers are words a trigger pattern matches that announce nothing
	// ("influencers").
	NotTriggers []string
	Hedges      []Phrase
	// Attempts say that the act reported was an attempt ("sought to"):
	// an act all the same, not a hedge.
	Attempts          []Phrase
	Negations         []Phrase
	SentenceNegations []Phrase
	ReportVerbs       map[string]bool
	ReportPrefixes    []Phrase
	Titles            []Phrase
	// Heads maps a capitalised head word to the type it gives a name.
	Heads map[string]string
	// Appositions maps a lower-case context phrase to the type it gives.
	Appositions map[string]string
	ActorNouns  []string
	// Modifiers are nouns that make a preceding state name an adjective.
	Modifiers  []string
	GivenNames map[string]bool
	NonNames   map[string]bool
	// Boilerplate markers, lower-case.
	BoilerLines, BoilerTails, BoilerTeasers []string
	// Election vocabulary: nouns (singular and plural), kinds, and words
	// that make the noun a modifier.
	ElectionNouns map[string]bool // word -> plural?
	// QualifiedElectionNouns name an election only with a year or a
	// kind before them ("the 2016 race", "the presidential race"; not
	// "the arms race").
	QualifiedElectionNouns map[string]bool
	ElectionKinds          map[string]string
	ElectionNotNext        map[string]bool
	// ActorRefs maps a noun that refers back to an actor ("the
	// association") to the entity types it may name; OperationNouns name
	// an operation already described ("the effort was overseen by X").
	ActorRefs      map[string][]string
	OperationNouns map[string]bool
}

// Default returns the built-in lexicon.
func Default() (*Lexicon, error) {
	l := &Lexicon{
		ReportVerbs:            map[string]bool{},
		Heads:                  map[string]string{},
		Appositions:            map[string]string{},
		GivenNames:             map[string]bool{},
		NonNames:               map[string]bool{},
		ElectionNouns:          map[string]bool{},
		QualifiedElectionNouns: map[string]bool{},
		ElectionKinds:          map[string]string{},
		ElectionNotNext:        map[string]bool{},
		ActorRefs:              map[string][]string{},
		OperationNouns:         map[string]bool{},
	}
	steps := []struct {
		file string
		cols int
		add  func(f []string) error
	}{
		{"triggers.txt", 2, func(f []string) error {
			switch f[0] {
			case Authorised, Targeted, Amplified:
			case "NOT":
				l.NotTriggers = append(l.NotTriggers, strings.ToLower(f[1]))
				return nil
			default:
				return fmt.Errorf("unknown relation type %q", f[0])
			}
			ph := phrase(f[1])
			l.Triggers = append(l.Triggers, Trigger{Type: f[0], Phrase: ph, Tag: f[0][:2] + ":" + strings.Join(ph, " ")})
			return nil
		}},
		{"hedges.txt", 1, func(f []string) error { l.Hedges = append(l.Hedges, phrase(f[0])); return nil }},
		{"attempts.txt", 1, func(f []string) error { l.Attempts = append(l.Attempts, phrase(f[0])); return nil }},
		{"negations.txt", 1, func(f []string) error {
			if s, ok := strings.CutPrefix(f[0], "!"); ok {
				l.SentenceNegations = append(l.SentenceNegations, phrase(s))
			} else {
				l.Negations = append(l.Negations, phrase(f[0]))
			}
			return nil
		}},
		{"reporting.txt", 2, func(f []string) error {
			switch f[0] {
			case "verb":
				l.ReportVerbs[f[1]] = true
			case "prefix":
				l.ReportPrefixes = append(l.ReportPrefixes, phrase(f[1]))
			default:
				return fmt.Errorf("unknown kind %q", f[0])
			}
			return nil
		}},
		{"titles.txt", 1, func(f []string) error { l.Titles = append(l.Titles, phrase(f[0])); return nil }},
		{"heads.txt", 2, func(f []string) error { l.Heads[f[1]] = f[0]; return nil }},
		{"appositions.txt", 2, func(f []string) error { l.Appositions[strings.ToLower(f[1])] = f[0]; return nil }},
		{"actornouns.txt", 1, func(f []string) error { l.ActorNouns = append(l.ActorNouns, strings.ToLower(f[0])); return nil }},
		{"modifiers.txt", 1, func(f []string) error { l.Modifiers = append(l.Modifiers, strings.ToLower(f[0])); return nil }},
		{"givennames.txt", 1, func(f []string) error { l.GivenNames[f[0]] = true; return nil }},
		// learned from annotated articles (make names)
		{"givennames.learned.txt", 1, func(f []string) error { l.GivenNames[f[0]] = true; return nil }},
		{"nonnames.txt", 1, func(f []string) error { l.NonNames[f[0]] = true; return nil }},
		{"boilerplate.txt", 2, func(f []string) error {
			v := strings.ToLower(f[1])
			switch f[0] {
			case "line":
				l.BoilerLines = append(l.BoilerLines, v)
			case "tail":
				l.BoilerTails = append(l.BoilerTails, v)
			case "teaser":
				l.BoilerTeasers = append(l.BoilerTeasers, v)
			default:
				return fmt.Errorf("unknown kind %q", f[0])
			}
			return nil
		}},
		{"elections.txt", 2, func(f []string) error {
			switch f[0] {
			case "noun", "qualified":
				for i, w := range f[1:min(len(f), 3)] { // singular, then plural
					l.ElectionNouns[w] = i == 1
					if f[0] == "qualified" {
						l.QualifiedElectionNouns[w] = true
					}
				}
			case "kind":
				if len(f) < 3 {
					return fmt.Errorf("kind needs a value")
				}
				l.ElectionKinds[f[1]] = f[2]
			case "not":
				l.ElectionNotNext[f[1]] = true
			default:
				return fmt.Errorf("unknown kind %q", f[0])
			}
			return nil
		}},
		{"anaphora.txt", 2, func(f []string) error {
			switch f[0] {
			case "actor":
				if len(f) < 3 {
					return fmt.Errorf("actor needs types")
				}
				l.ActorRefs[f[1]] = strings.Split(f[2], "|")
			case "op":
				l.OperationNouns[f[1]] = true
			default:
				return fmt.Errorf("unknown kind %q", f[0])
			}
			return nil
		}},
	}
	for _, s := range steps {
		if err := read(s.file, s.cols, s.add); err != nil {
			return nil, err
		}
	}
	return l, nil
}

func phrase(s string) Phrase { return Phrase(strings.Fields(strings.ToLower(s))) }

// read calls add with the TAB-separated fields of every non-comment line.
func read(name string, minCols int, add func([]string) error) error {
	data, err := files.ReadFile("data/" + name)
	if err != nil {
		return fmt.Errorf("read lexicon %s: %w", name, err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), " \r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < minCols {
			return fmt.Errorf("lexicon %s:%d: want %d tab-separated columns, got %d", name, n, minCols, len(f))
		}
		if err := add(f); err != nil {
			return fmt.Errorf("lexicon %s:%d: %w", name, n, err)
		}
	}
	return sc.Err()
}

// WordFilter rules words out of a set without hashing them: a word whose
// length, first and last bytes match no member's is no member. It sits in
// front of a map that most words of a text are not in, so that the map is
// looked up only for the few that may be.
type WordFilter struct {
	bits [wordFilterBits / 64]uint64
}

const wordFilterBits = 1 << 12

// NewWordFilter returns a filter passing every key of set.
func NewWordFilter[V any](set map[string]V) *WordFilter {
	f := &WordFilter{}
	for w := range set {
		f.Add(w)
	}
	return f
}

// Add lets w through the filter.
func (f *WordFilter) Add(w string) {
	h := wordFilterHash(w)
	f.bits[h/64] |= 1 << (h % 64)
}

// MayHave reports false only for a word that was never added.
func (f *WordFilter) MayHave(w string) bool {
	h := wordFilterHash(w)
	return f.bits[h/64]&(1<<(h%64)) != 0
}

func wordFilterHash(w string) uint {
	if w == "" {
		return 0
	}
	return (uint(w[0])*131 + uint(w[len(w)-1])*31 + uint(len(w))) % wordFilterBits
}

// WordSet tells whether a word matches any of a list of word patterns (as
// WordMatch does), looking the word up once and comparing it only with
// the prefix patterns, instead of trying every pattern in turn.
type WordSet struct {
	exact    map[string]bool
	prefixes []string
	// wild is set when "*" is in the list: any word-like word matches.
	wild bool
}

// NewWordSet returns the set of the patterns pats.
func NewWordSet(pats []string) *WordSet {
	s := &WordSet{exact: map[string]bool{}}
	for _, p := range pats {
		switch {
		case p == "*":
			s.wild = true
		case strings.HasSuffix(p, "*"):
			s.prefixes = append(s.prefixes, p[:len(p)-1])
		default:
			s.exact[p] = true
		}
	}
	return s
}

// Match reports whether some pattern of the set matches the lower-case
// word w.
func (s *WordSet) Match(w string) bool {
	if s.wild && w != "" && isWordish(w) || s.exact[w] {
		return true
	}
	for _, p := range s.prefixes {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}
