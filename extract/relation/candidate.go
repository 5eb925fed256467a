package relation

import (
	"github.com/influencegraph/influencegraph/extract/resolve"
)

// Types are the relation types the learned decider scores, in the order
// of a model's weight vectors.
var Types = [...]string{"AUTHORISED", "TARGETED", "AMPLIFIED"}

// Window is how many sentences after the one that names a source a
// target may stand for the two to meet near: 1 pairs entities of one
// sentence and of two adjacent ones. Pairs met nowhere nearer are
// candidates too, marked Apart.
const Window = 1

// headlineLines is how many opening sentences may be the headline or
// standfirst whose entities pair with those of any later sentence.
const headlineLines = 2

// MaxMeetings bounds the meetings a candidate's features are read from:
// the first few say what the article says of the pair, and a pair named
// together all through a long article costs no more than that.
const MaxMeetings = 3

// Candidate is an ordered pair of entities of one article that may stand
// in a relation: they meet in a sentence or two adjacent ones, one of
// them is in the headline or is the article's main election, a rule
// joined them, or, failing all those, they meet far apart (Apart). The
// decider scores it once per relation type.
type Candidate struct {
	Source, Target int // entity indices of the Doc
	// Meetings are the first MaxMeetings places the two meet, in text
	// order; Met counts them all.
	Meetings []Meeting
	Met      int
	// Rules are the rule relations found between the two, either way
	// round (a reversed one has Source == Candidate.Target).
	Rules []Relation
	// Apart is set for a pair met nowhere nearer than Window, outside
	// the headline and the main election: its one meeting is where the
	// two come nearest.
	Apart bool
}

// Meeting is one place where both ends of a candidate are named.
type Meeting struct {
	A, B   resolve.Ref // the refs of the source and the target
	SA, SB int         // their sentences
}

// Candidates lists the ordered pairs of d's entities that may be related:
// every pair whose types fit some relation type and that meets within
// Window sentences, or anywhere when one is in the headline or is the
// article's main election, every pair a rule joined, and every other
// pair that fits, met where the two come nearest. The order is
// deterministic: by first meeting, then the pairs only rules joined, then
// the pairs met far apart.
func Candidates(d *resolve.Doc, rules []Relation) []Candidate {
	return new(candidateScratch).candidates(d, rules)
}

// candidateScratch is the memory candidates are built in, kept from one
// article to the next by the Decider: the candidates, the index of
// their pairs and the meetings, in chunks of which each candidate holds a
// MaxMeetings-long window. Candidates built in it live until the next
// call.
type candidateScratch struct {
	idx    pairIndex
	out    []Candidate
	chunks [][]Meeting
	roles  []uint8
	// at[i] are entity i's first refs in each sentence it is named in,
	// in text order: where apart pairs meet nearest.
	at [][]sentRef
}

// sentRef is a ref and its sentence.
type sentRef struct {
	ref resolve.Ref
	si  int
}

// pairIndex maps an ordered pair of an article's entities to the index
// of its candidate. Building candidates asks it once for every two refs
// that meet: for an article of at most denseEntities entities (nearly
// all) it is a flat table, an index away, and a map beyond, so its
// memory stays bounded.
type pairIndex struct {
	n     int
	dense []int32 // dense[a*n+b] is the index plus one; 0: none
	keys  []int   // the entries of dense set, to clear for the next article
	far   map[[2]int]int
}

const denseEntities = 256

// reset readies x for an article of n entities.
func (x *pairIndex) reset(n int) {
	for _, k := range x.keys {
		x.dense[k] = 0
	}
	x.keys = x.keys[:0]
	clear(x.far)
	x.n = n
	if n <= denseEntities && len(x.dense) < n*n {
		x.dense = make([]int32, n*n)
	}
	if n > denseEntities && x.far == nil {
		x.far = make(map[[2]int]int)
	}
}

func (x *pairIndex) get(a, b int) (int, bool) {
	if x.n > denseEntities {
		i, ok := x.far[[2]int{a, b}]
		return i, ok
	}
	i := x.dense[a*x.n+b]
	return int(i) - 1, i > 0
}

func (x *pairIndex) put(a, b, i int) {
	if x.n > denseEntities {
		x.far[[2]int{a, b}] = i
		return
	}
	k := a*x.n + b
	x.dense[k] = int32(i + 1)
	x.keys = append(x.keys, k)
}

// candidateChunk is how many candidates' meetings one chunk holds.
const candidateChunk = 64

func (sc *candidateScratch) candidates(d *resolve.Doc, rules []Relation) []Candidate {
	idx, out := &sc.idx, sc.out[:0]
	idx.reset(len(d.Entities))
	var meetings []Meeting
	chunk := 0
	get := func(a, b int) *Candidate {
		if i, ok := idx.get(a, b); ok {
			return &out[i]
		}
		idx.put(a, b, len(out))
		if len(meetings) < MaxMeetings {
			if chunk == len(sc.chunks) {
				sc.chunks = append(sc.chunks, make([]Meeting, candidateChunk*MaxMeetings))
			}
			meetings = sc.chunks[chunk]
			chunk++
		}
		out = append(out, Candidate{Source: a, Target: b, Meetings: meetings[:0:MaxMeetings]})
		meetings = meetings[MaxMeetings:]
		return &out[len(out)-1]
	}
	defer func() { sc.out = out[:0] }()
	// roles[i] holds the types entity i may be the source of (bits 0-2)
	// and the target of (bits 3-5): a pair fits when one type allows both
	roles := resized(sc.roles, len(d.Entities))
	sc.roles = roles
	for i, e := range d.Entities {
		for t, typ := range Types {
			if sourceOK(typ, e.Type) {
				roles[i] |= 1 << t
			}
			if targetOK(typ, e.Type) {
				roles[i] |= 1 << (t + 3)
			}
		}
	}
	fits := func(a, b int) bool {
		return a != b && roles[a]&(roles[b]>>3) != 0
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
	// meetFar records that a (in sentence sa) and b (in sb) meet far
	// apart, unless they meet nearer
	met := len(out)
	meetFar := func(a, b resolve.Ref, sa, sb int) {
		if !fits(a.Entity, b.Entity) {
			return
		}
		if i, ok := idx.get(a.Entity, b.Entity); ok && i < met {
			return
		}
		c := get(a.Entity, b.Entity)
		if len(c.Meetings) < MaxMeetings {
			c.Meetings = append(c.Meetings, Meeting{A: a, B: b, SA: sa, SB: sb})
		}
		c.Met++
	}
	// a headline speaks for the whole article: its entities pair with
	// those of any later sentence they do not otherwise meet
	for si := 0; si < headlineLines && si < len(d.Sentences); si++ {
		if !d.Sentences[si].Heading {
			continue
		}
		for sj := si + Window + 1; sj < len(d.Sentences); sj++ {
			for _, ra := range d.Sentences[si].Refs {
				for _, rb := range d.Sentences[sj].Refs {
					meetFar(ra, rb, si, sj)
					meetFar(rb, ra, sj, si)
				}
			}
		}
	}
	// the article's main election is what its actors aim at, wherever
	// they stand (on the 4,175 annotated articles, reach 78.5% -> 79.4%)
	focal(d, meetFar)
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
	// every other pair of the article's entities is a candidate too,
	// met where the two come nearest: what joins them is further apart
	// than the window ("the team", "they", a paragraph on)
	at := sc.sentRefs(d)
	for a := range d.Entities {
		for b := range d.Entities {
			if !fits(a, b) || len(at[a]) == 0 || len(at[b]) == 0 {
				continue
			}
			if _, ok := idx.get(a, b); ok {
				continue
			}
			ra, rb := nearest(at[a], at[b])
			c := get(a, b)
			c.Apart = true
			c.Meetings = append(c.Meetings, Meeting{A: ra.ref, B: rb.ref, SA: ra.si, SB: rb.si})
			c.Met++
		}
	}
	return out
}

// sentRefs fills sc.at for d: each entity's first ref in each sentence
// that names it.
func (sc *candidateScratch) sentRefs(d *resolve.Doc) [][]sentRef {
	n := len(d.Entities)
	if cap(sc.at) < n {
		sc.at = append(sc.at[:cap(sc.at)], make([][]sentRef, n-cap(sc.at))...)
	}
	at := sc.at[:n]
	for i := range at {
		at[i] = at[i][:0]
	}
	for si := range d.Sentences {
		for _, r := range d.Sentences[si].Refs {
			l := at[r.Entity]
			if len(l) == 0 || l[len(l)-1].si != si {
				at[r.Entity] = append(l, sentRef{r, si})
			}
		}
	}
	return at
}

// nearest returns the refs of a and b (each in text order) whose
// sentences are nearest, the first such in text.
func nearest(a, b []sentRef) (sentRef, sentRef) {
	ba, bb, best := a[0], b[0], -1
	for i, j := 0, 0; i < len(a) && j < len(b); {
		gap := a[i].si - b[j].si
		if gap < 0 {
			gap = -gap
		}
		if best < 0 || gap < best {
			ba, bb, best = a[i], b[j], gap
		}
		if a[i].si < b[j].si {
			i++
		} else {
			j++
		}
	}
	return ba, bb
}

// focal pairs the article's main election (the most named) with every
// entity that may act on it, wherever the two stand: the meeting is the
// entity's mention and the election's first.
func focal(d *resolve.Doc, meetFar func(a, b resolve.Ref, sa, sb int)) {
	fe := focalElection(d)
	if fe < 0 {
		return
	}
	var eref resolve.Ref
	esi := -1
first:
	for si := range d.Sentences {
		for _, r := range d.Sentences[si].Refs {
			if r.Entity == fe {
				eref, esi = r, si
				break first
			}
		}
	}
	if esi < 0 {
		return
	}
	for si := range d.Sentences {
		for _, ra := range d.Sentences[si].Refs {
			meetFar(ra, eref, si, esi)
		}
	}
}
