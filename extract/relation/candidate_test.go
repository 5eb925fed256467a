package relation

import (
	"testing"

	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/extract/resolve"
)

func TestCandidatesReachTheMainElection(t *testing.T) {
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
	// sentence 0 names the election, 1 Russia (next to it), 4 Iran and a
	// person, far from the election and not in a headline
	refs := [][]resolve.Ref{{{Entity: election}}, {{Entity: russia}}, nil, {{Entity: election}}, nil, {{Entity: iran}, {Entity: person}}}
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
		want           bool
		sa, sb         int // the first meeting's sentences
	}{
		{"an actor beside the election meets it there", russia, election, true, 1, 0},
		{"an actor far from the main election still meets it", iran, election, true, 5, 0},
		{"two entities far apart meet in the same sentence", iran, person, true, 5, 5},
		{"far apart and neither the main election nor in a headline", russia, iran, false, 0, 0},
	} {
		c, ok := byPair[[2]int{tc.source, tc.target}]
		if ok != tc.want {
			t.Errorf("%s: candidate %v, want %v", tc.name, ok, tc.want)
			continue
		}
		if !ok {
			continue
		}
		if m := c.Meetings[0]; m.SA != tc.sa || m.SB != tc.sb {
			t.Errorf("%s: first meeting in sentences %d and %d, want %d and %d", tc.name, m.SA, m.SB, tc.sa, tc.sb)
		}
	}
}
