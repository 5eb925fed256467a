package identity

import (
	"strings"
	"unicode/utf8"

	"github.com/influencegraph/influencegraph/extract/kb"
)

// Fuzzy matching of person names against the knowledge base: a full name
// of at least MinFuzzyName letters may be one edit from a known person's
// name, two from LongFuzzyName letters on.
const (
	MinFuzzyName  = 12
	LongFuzzyName = 16
)

// people is the knowledge base's persons, with their names (name and
// aliases of two words or more) in lower case.
type people struct {
	known map[string]bool
	ids   []string
	names [][]string
}

func newPeople(k *kb.KB) *people {
	p := &people{known: map[string]bool{}}
	for _, e := range k.Entries() {
		if e.Type != kb.TypePerson {
			continue
		}
		p.known[e.ID] = true
		var names []string
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if n = strings.ToLower(n); strings.Contains(n, " ") {
				names = append(names, n)
			}
		}
		p.ids = append(p.ids, e.ID)
		p.names = append(p.names, names)
	}
	return p
}

// near returns the id of the knowledge-base person whose name is within a
// bounded edit distance of name, a person's full name the knowledge base
// does not hold ("Vladimir Puttin"). Guards against taking one real person
// for another: the name must be long (first name and surname, at least
// MinFuzzyName letters), the first letters of first name and surname must
// agree, and no other known person may be as near.
func (p *people) near(name string) (string, bool) {
	full := strings.ToLower(strings.TrimSpace(name))
	fields := strings.Fields(full)
	n := utf8.RuneCountInString(full)
	if n < MinFuzzyName || len(fields) < 2 {
		return "", false
	}
	budget := 1
	if n >= LongFuzzyName {
		budget = 2
	}
	first, last := initial(fields[0]), initial(fields[len(fields)-1])
	found, best, tie := -1, budget+1, false
	for i, names := range p.names {
		d := budget + 1
		for _, kn := range names {
			kf := strings.Fields(kn)
			if initial(kf[0]) != first || initial(kf[len(kf)-1]) != last {
				continue
			}
			d = min(d, boundedDistance(full, kn, budget))
		}
		switch {
		case d > budget:
		case d < best:
			found, best, tie = i, d, false
		case d == best:
			tie = true
		}
	}
	if found < 0 || tie || best == 0 {
		return "", false
	}
	return p.ids[found], true
}

func initial(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

// boundedDistance is the Levenshtein distance of a and b in runes, or
// max+1 as soon as it is known to exceed max.
func boundedDistance(a, b string, max int) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra)-len(rb) > max || len(rb)-len(ra) > max {
		return max + 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			low = min(low, cur[j])
		}
		if low > max {
			return max + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
