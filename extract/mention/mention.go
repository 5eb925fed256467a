// Package mention finds the names in a sentence: every name, alias,
// demonym and capital of the knowledge base (one Aho-Corasick automaton,
// leftmost-longest, whole words only) and the capitalised names the
// knowledge base does not know, typed from their context (titles, given
// names, head words such as "Agency" or "Party", appositions such as
// "the group X" or "X, a ... company").
package mention

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

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
	names   trie
	words   []string // the surface form of each pattern
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
	m.names, m.words = newTrie(words), words
	return m
}

// Entry returns the knowledge-base entry with index i.
func (m *Matcher) Entry(i int) kb.Entry { return m.entries[i] }

// Entries returns all entries the matcher knows.
func (m *Matcher) Entries() []kb.Entry { return m.entries }

// Find returns the knowledge-base mentions inside text[start:end], in order.
func (m *Matcher) Find(text string, start, end int) []Mention {
	return m.find(text, start, end)
}

// FindBytes is Find over seg, the bytes of text from start on, so that a
// caller scanning many sentences of one text converts it to bytes once.
//
// At every position, the longest name starting there is a candidate (the
// leftmost-longest matches of an Aho-Corasick scan restarted after each
// match's first byte); a candidate inside the last accepted mention, or
// not on word boundaries, is dropped.
func (m *Matcher) FindBytes(text string, seg []byte, start int) []Mention {
	return m.find(text, start, start+len(seg))
}

// AppendFind is Find appending to out: a caller scanning many sentences
// reuses one buffer.
func (m *Matcher) AppendFind(out []Mention, text string, start, end int) []Mention {
	return m.appendFind(out, text, start, end)
}

func (m *Matcher) find(text string, start, end int) []Mention {
	return m.appendFind(nil, text, start, end)
}

func (m *Matcher) appendFind(out []Mention, text string, start, end int) []Mention {
	lastEnd := -1
	for s := start; s < end; s++ {
		if m.names.root[text[s]] == 0 {
			continue // no name starts with this byte (most do not)
		}
		if s < lastEnd {
			continue // inside the previous, longer match
		}
		if s > start && isASCIIWordByte(text[s-1]) {
			continue // no word boundary before: boundaryBefore says no
		}
		n, pat := m.names.longest(text[s:end])
		if pat < 0 {
			continue
		}
		e := s + n
		if !boundaryBefore(text, s) || !boundaryAfter(text, e) {
			continue
		}
		p := m.pats[pat]
		out = append(out, Mention{Start: s, End: e, Entry: p.entry, Kind: p.kind, Type: m.entries[p.entry].Type, Alts: m.alts[pat]})
		lastEnd = e
	}
	return out
}

func isASCIIWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// trie holds the knowledge-base names, byte by byte: finding the longest
// name at a position walks as many bytes as the name has, and allocates
// nothing.
type trie struct {
	root  [256]int32 // child of the root per byte, 0 for none
	nodes []trieNode
	// labels and kids are the edges of the other nodes: node n's edges
	// are labels[n.first:n.first+n.count], sorted by label.
	labels []byte
	kids   []int32
	// dense holds, for the few nodes with many edges (the first letters
	// of names), the child per byte, 256 entries per node: no scan of
	// their labels.
	dense []int32
}

// denseEdges is the number of edges from which a node gets a dense row.
const denseEdges = 8

type trieNode struct {
	first, count int32
	pat          int32 // index of the name ending here, -1 for none
	dense        int32 // row of the node in trie.dense, -1 for none
}

// newTrie builds the trie over words, the name of pattern i being words[i].
func newTrie(words []string) trie {
	// Build with maps, then lay the edges out flat.
	type building struct {
		kids map[byte]int32
		pat  int32
	}
	nodes := []building{{kids: map[byte]int32{}, pat: -1}}
	for pi, w := range words {
		n := int32(0)
		for i := 0; i < len(w); i++ {
			c, ok := nodes[n].kids[w[i]]
			if !ok {
				c = int32(len(nodes))
				nodes = append(nodes, building{kids: map[byte]int32{}, pat: -1})
				nodes[n].kids[w[i]] = c
			}
			n = c
		}
		if n != 0 && nodes[n].pat < 0 {
			nodes[n].pat = int32(pi)
		}
	}
	var t trie
	t.nodes = make([]trieNode, len(nodes))
	for n, b := range nodes {
		labels := make([]byte, 0, len(b.kids))
		for c := range b.kids {
			labels = append(labels, c)
		}
		slices.Sort(labels)
		t.nodes[n] = trieNode{first: int32(len(t.labels)), count: int32(len(labels)), pat: b.pat, dense: -1}
		if len(labels) >= denseEdges {
			t.nodes[n].dense = int32(len(t.dense) / 256)
			row := make([]int32, 256)
			for _, c := range labels {
				row[c] = b.kids[c]
			}
			t.dense = append(t.dense, row...)
		}
		for _, c := range labels {
			t.labels = append(t.labels, c)
			t.kids = append(t.kids, b.kids[c])
			if n == 0 {
				t.root[c] = b.kids[c]
			}
		}
	}
	return t
}

// longest returns the length and pattern of the longest name that b
// starts with and that ends on a word boundary, or pattern -1: "Polish
// parliamentary" gives "Polish", not the name "Polish parliament" cut
// inside a word.
func (t *trie) longest(b string) (int, int) {
	if len(b) == 0 {
		return 0, -1
	}
	n := t.root[b[0]]
	length, pat := 0, -1
	for i := 1; n != 0; i++ {
		if p := t.nodes[n].pat; p >= 0 && boundaryAfter(b, i) {
			length, pat = i, int(p)
		}
		if i == len(b) {
			break
		}
		n = t.child(n, b[i])
	}
	return length, pat
}

func (t *trie) child(n int32, c byte) int32 {
	nd := t.nodes[n]
	if nd.dense >= 0 {
		return t.dense[int(nd.dense)*256+int(c)]
	}
	labels := t.labels[nd.first : nd.first+nd.count]
	for k, l := range labels {
		if l == c {
			return t.kids[nd.first+int32(k)]
		}
		if l > c {
			break
		}
	}
	return 0
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
