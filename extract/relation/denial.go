package relation

import (
	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/extract/resolve"
)

// A denial is never evidence for the act it denies. "Moscow denied
// interfering in the election" neither negates the accusation (the
// guidelines: a denial by the accused does not negate it) nor carries it:
// an article whose only sentence joining Russia to the election is the
// denial states no relation between them. Both the rules (Find) and the
// decider (Decide) leave such sentences out of a relation's evidence, and
// a relation left with no other evidence is no relation.

// deniesAct reports whether sentence si is the denial, by the accused
// src or someone speaking for it, of an act aimed at tgt: a denial verb
// whose subject (the nearest actor before it) is on src's side, with tgt
// not named before that verb. "Microsoft said Russia targeted the vote,
// which Moscow denied" names the vote before the denial, and still
// carries the accusation.
func deniesAct(words *wordIndex, d *resolve.Doc, si, src, tgt int) bool {
	s := &d.Sentences[si]
	for v, t := range s.Tokens {
		if !words.is(t.Lower, wDenial) {
			continue
		}
		denier := -1
		for _, r := range s.Refs {
			if r.End > t.Start {
				break
			}
			if r.Entity == tgt {
				denier = -2 // the aim is named before the denial: an accusation precedes it
				break
			}
			if actorType(d.Entities[r.Entity].Type) {
				denier = r.Entity
			}
		}
		if denier == -1 && v == 0 {
			// "Denying the claims, Moscow said ...": the subject follows
			denier = firstActorAfter(d, s, t.End)
		}
		if denier >= 0 && sameParty(d, src, denier) {
			return true
		}
	}
	return false
}

// firstActorAfter is the entity of the first actor ref after pos, or -1.
func firstActorAfter(d *resolve.Doc, s *resolve.Sentence, pos int) int {
	for _, r := range s.Refs {
		if r.Start >= pos && actorType(d.Entities[r.Entity].Type) {
			return r.Entity
		}
	}
	return -1
}

// sameParty reports whether who speaks for the accused src: src itself,
// a body, person or organisation of src's country, or, when src is a body
// of a state, that state.
func sameParty(d *resolve.Doc, src, who int) bool {
	if src == who {
		return true
	}
	cc := func(e *resolve.Entity) string {
		if e.Type == kb.TypeState {
			return e.ISO2
		}
		return e.Country
	}
	a, b := cc(d.Entities[src]), cc(d.Entities[who])
	if a == "" || a != b {
		return false
	}
	// a state's own voice, or one of its bodies or officials
	switch d.Entities[who].Type {
	case kb.TypeState, kb.TypeAgency, kb.TypePerson:
		return true
	}
	return d.Entities[src].Type == kb.TypeState
}

// denialEvidence reports whether relation r's evidence is a denial of
// its act: a one-sentence evidence that deniesAct.
func denialEvidence(words *wordIndex, d *resolve.Doc, r *Relation) bool {
	return deniesAct(words, d, r.Sentence, r.Source, r.Target)
}

// meetingDenies reports whether a meeting reads only in a denial: the
// sentence naming the source or the one naming the target denies the
// act.
func meetingDenies(words *wordIndex, d *resolve.Doc, m Meeting) bool {
	src, tgt := m.A.Entity, m.B.Entity
	return deniesAct(words, d, m.SA, src, tgt) || m.SB != m.SA && deniesAct(words, d, m.SB, src, tgt)
}

// offer records r, a later statement of the relation kept, as its Better
// one when r's evidence is no denial and the best so far is a denial, or
// is inferred while r is stated.
func (kept *Relation) offer(r Relation) {
	if r.Denial {
		return
	}
	cur := kept
	if kept.Better != nil {
		cur = kept.Better
	}
	if !cur.Denial && !(cur.Inferred && !r.Inferred) {
		return
	}
	r.Better = nil
	kept.Better = &r
}

// evidence is the statement of r whose evidence the output shows: its
// Better one, if any.
func (r *Relation) evidence() *Relation {
	if r.Better != nil {
		return r.Better
	}
	return r
}

// Final returns the rules' relations as the output shows them (no
// relation model): each with its best evidence, and none whose only
// evidence is a denial.
func Final(rels []Relation) []Relation {
	out := make([]Relation, 0, len(rels))
	for i := range rels {
		r := *rels[i].evidence()
		if r.Denial {
			continue
		}
		r.Better = nil
		out = append(out, r)
	}
	return out
}
