package relation

import (
	"github.com/influencegraph/influencegraph/extract/resolve"
)

// Types are the relation types the learned decider scores, in the order
// of a model's weight vectors.
var Types = [...]string{"AUTHORISED", "TARGETED", "AMPLIFIED"}

// Window is how many sentences after the one that names a source a
// target may stand for the two to form a candidate: 1 pairs entities of
// one sentence and of two adjacent ones.
const Window = 1

// headlineLines is how many opening sentences may be the headline or
// standfirst whose entities pair with those of any later sentence.
const headlineLines = 2

// MaxMeetings bounds the meetings a candidate's features are read from:
// the first few say what the article says of the pair, and a pair named
// together all through a long article costs no more than that.
const MaxMeetings = 3

// Candidate is an ordered pair of entities of one article that may stand
// in a relation: they meet in a sentence or two adjacent ones, or a rule
// joined them. The decider scores it once per relation type.
type Candidate struct {
	Source, Target int // entity indices of the Doc
	// Meetings are the first MaxMeetings places the two meet, in text
	// order; Met counts them all.
	Meetings []Meeting
	Met      int
	// Rules are the rule relations found between the two, either way
	// round (a reversed one has Source == Candidate.Target).
	Rules []Relation
}

// Meeting is one place where both ends of a candidate are named.
type Meeting struct {
	A, B   resolve.Ref // the refs of the source and the target
	SA, SB int         // their sentences
}

// Candidates lists the ordered pairs of d's entities that may be related:
// every pair whose types fit some relation type and that meets within
// Window sentences, and every pair a rule joined. The order is
// deterministic: by first meeting, then the pairs only rules joined.
func Candidates(d *resolve.Doc, rules []Relation) []Candidate {
	n := 0
	for i := range d.Sentences {
		n += len(d.Sentences[i].Refs)
	}
	idx := make(map[[2]int]int, 2*n)
	out := make([]Candidate, 0, 2*n)
	// Each candidate's meetings are a MaxMeetings-long window of one
	// backing array, allocated in chunks rather than a slice apiece.
	var meetings []Meeting
	get := func(a, b int) *Candidate {
		k := [2]int{a, b}
		if i, ok := idx[k]; ok {
			return &out[i]
		}
		idx[k] = len(out)
		if len(meetings) < MaxMeetings {
			meetings = make([]Meeting, 16*MaxMeetings)
		}
		out = append(out, Candidate{Source: a, Target: b, Meetings: meetings[:0:MaxMeetings]})
		meetings = meetings[MaxMeetings:]
		return &out[len(out)-1]
	}
	fits := func(a, b int) bool {
		if a == b {
			return false
		}
		ta, tb := d.Entities[a].Type, d.Entities[b].Type
		for _, t := range Types {
			if sourceOK(t, ta) && targetOK(t, tb) {
				return true
			}
		}
		return false
	}
	for si := range d.Sentences {
		for sj := si; sj <= si+Window && sj < len(d.Sentences); sj++ {
			for _, ra := range d.Sentences[si].Refs {
				for _, rb := range d.Sentences[sj].Refs {
					if ra.Entity == rb.Entity {
						continue
					}
					pairs := [2][2]resolve.Ref{{ra, rb}, {rb, ra}}
					sents := [2][2]int{{si, sj}, {sj, si}}
					for k, p := range pairs {
						if si == sj && k == 1 {
							continue // a sentence's own pairs come both ways round from the refs loop
						}
						a, b := p[0].Entity, p[1].Entity
						if !fits(a, b) {
							continue
						}
						c := get(a, b)
						if len(c.Meetings) < MaxMeetings {
							c.Meetings = append(c.Meetings, Meeting{A: p[0], B: p[1], SA: sents[k][0], SB: sents[k][1]})
						}
						c.Met++
					}
				}
			}
		}
	}
	// a headline speaks for the whole article: its entities pair with
	// those of any later sentence they do not otherwise meet
	met := len(out)
	for si := 0; si < headlineLines && si < len(d.Sentences); si++ {
		if !d.Sentences[si].Heading {
			continue
		}
		for sj := si + Window + 1; sj < len(d.Sentences); sj++ {
			for _, ra := range d.Sentences[si].Refs {
				for _, rb := range d.Sentences[sj].Refs {
					for _, p := range [2][2]resolve.Ref{{ra, rb}, {rb, ra}} {
						a, b := p[0].Entity, p[1].Entity
						if !fits(a, b) {
							continue
						}
						if i, ok := idx[[2]int{a, b}]; ok && i < met {
							continue // they meet nearer
						}
						c := get(a, b)
						if len(c.Meetings) < MaxMeetings {
							sa, sb := si, sj
							if p[0] != ra {
								sa, sb = sj, si
							}
							c.Meetings = append(c.Meetings, Meeting{A: p[0], B: p[1], SA: sa, SB: sb})
						}
						c.Met++
					}
				}
			}
		}
	}
	for _, r := range rules {
		if r.Source == r.Target {
			continue
		}
		c := get(r.Source, r.Target)
		c.Rules = append(c.Rules, r)
		if fits(r.Target, r.Source) {
			rc := get(r.Target, r.Source)
			rc.Rules = append(rc.Rules, r)
		}
	}
	return out
}
