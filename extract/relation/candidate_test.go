package relation

import (
	"testing"

	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/extract/resolve"
)

func TestCandidatesReachFarPairs(t *testing.T) {
	const (
		election = iota
		russia
		iran
		person
	)
	ent := func(typ string, mentions int) *resolve.Entity {
		return &resolve.Entity{Type: typ, Mentions: make([][2]int, mentions)}
	}
	d := &resolve.Doc{Entities: []*resolve.Entity{
		election: ent(resolve.TypeElection, 2),
		russia:   ent(kb.TypeState, 1),
		iran:     ent(kb.TypeState, 1),
		person:   ent(kb.TypePerson, 1),
	}}
	// sentence 0 names the election, 1 Russia (next to it), 5 Iran and a
	// person, far from the election and not in a headline, and 8 Russia
	// again, nearer to them than in 1
	refs := [][]resolve.Ref{{{Entity: election}}, {{Entity: russia}}, nil, {{Entity: election}}, nil, {{Entity: iran}, {Entity: person}}, nil, nil, {{Entity: russia}}}
	for _, r := range refs {
		d.Sentences = append(d.Sentences, resolve.Sentence{Refs: r})
	}
	byPair := map[[2]int]Candidate{}
	for _, c := range Candidates(d, nil) {
		byPair[[2]int{c.Source, c.Target}] = c
	}
	for _, tc := range []struct {
		name           string
		source, target int
		apart          bool
		sa, sb         int // the first meeting's sentences
	}{
		{"an actor beside the election meets it there", russia, election, false, 1, 0},
		{"an actor far from the main election still meets it", iran, election, false, 5, 0},
		{"two entities far apart meet in the same sentence", iran, person, false, 5, 5},
		{"met only far apart, where the two come nearest", russia, iran, true, 8, 5},
		{"the other way round too", iran, russia, true, 5, 8},
	} {
		c, ok := byPair[[2]int{tc.source, tc.target}]
		if !ok {
			t.Errorf("%s: no candidate", tc.name)
			continue
		}
		if c.Apart != tc.apart {
			t.Errorf("%s: apart %v, want %v", tc.name, c.Apart, tc.apart)
		}
		if m := c.Meetings[0]; m.SA != tc.sa || m.SB != tc.sb {
			t.Errorf("%s: first meeting in sentences %d and %d, want %d and %d", tc.name, m.SA, m.SB, tc.sa, tc.sb)
		}
	}
	if _, ok := byPair[[2]int{election, russia}]; ok {
		t.Error("an election is a candidate source")
	}
}

// A pair index forgets the last article's pairs, in its flat table and
// in its map alike, and holds each pair apart from its reverse.
func TestPairIndex(t *testing.T) {
	var x pairIndex
	for _, n := range []int{3, denseEntities, denseEntities + 1, 5, denseEntities + 5, 4} {
		x.reset(n)
		for _, p := range [][2]int{{0, 1}, {1, 0}, {n - 1, n - 2}} {
			if i, ok := x.get(p[0], p[1]); ok {
				t.Fatalf("n=%d: %v left from an earlier article at %d", n, p, i)
			}
		}
		x.put(0, 1, 7)
		x.put(n-1, n-2, 0)
		if i, ok := x.get(0, 1); !ok || i != 7 {
			t.Errorf("n=%d: get(0, 1) = %d, %v; want 7", n, i, ok)
		}
		if i, ok := x.get(n-1, n-2); !ok || i != 0 {
			t.Errorf("n=%d: get(n-1, n-2) = %d, %v; want 0", n, i, ok)
		}
		if _, ok := x.get(1, 0); ok {
			t.Errorf("n=%d: the reverse of a pair was found", n)
		}
	}
}
