package relation

import (
	"sync"

	"github.com/influencegraph/influencegraph/extract/relation/model"
	"github.com/influencegraph/influencegraph/extract/resolve"
)

// Decider turns an article's candidates into relations with a trained
// model: candidates → features → model → decode. The rules' relations
// are among its features, not its answers. It is safe for concurrent
// use.
type Decider struct {
	f *Finder
	m *model.Model
	// floor[t] is the score of a candidate's ends and pair below which
	// the meetings of most true candidates would not lift it to type t's
	// threshold (the threshold's log-odds less the model's MeetingBound);
	// nil when the model has no bound.
	floor *[model.NumTypes]float64
	// pool keeps the decideScratch Decide works in.
	pool sync.Pool
}

// decideScratch is what Decide reuses from one article to the next: the
// emitter it looks features up with and the candidates' memory.
type decideScratch struct {
	e     emitter
	cands candidateScratch
	z     featurizer
	low   []string // the evidence's words, for its cues
	// ends looks up an end's own features the first time it is scored;
	// endSum[side][i] is then what they add to each type's score
	// (endDone[side][i] set): a pair is judged worth reading from these
	// sums and its pair features, without the ends' ids.
	ends    emitter
	endSum  [2][][model.NumTypes]float64
	endDone [2][]bool
}

// NewDecider returns a decider scoring with m the candidates found with f.
func NewDecider(f *Finder, m *model.Model) *Decider {
	dc := &Decider{f: f, m: m}
	if b := m.MeetingBound; b != nil {
		dc.floor = new([model.NumTypes]float64)
		for t := range dc.floor {
			dc.floor[t] = model.Logit(m.Thresholds[t]) - b[t]
		}
	}
	dc.pool.New = func() any {
		return &decideScratch{
			e:    emitter{index: m.HashIndex(), mark: make([]uint32, len(m.Features)), gen: 1},
			ends: emitter{index: m.HashIndex(), mark: make([]uint32, len(m.Features)), gen: 1},
			z:    featurizer{tags: new(tagCache)},
		}
	}
	return dc
}

// Model is the decider's model.
func (dc *Decider) Model() *model.Model { return dc.m }

// whyCount is how many features a relation keeps in Why.
const whyCount = 5

// Decide returns the relations the model keeps among d's candidates,
// given the rules' relations. Each has the model's probability as its
// confidence, the meeting that weighed most as its evidence, and the
// features that weighed most in Why.
func (dc *Decider) Decide(d *resolve.Doc, rules []Relation) []Relation {
	sc := dc.pool.Get().(*decideScratch)
	defer dc.pool.Put(sc)
	cands := sc.cands.candidates(d, rules)
	z := &sc.z
	z.reset(dc.f, d, cands)
	for side := range sc.endDone {
		sc.endDone[side] = resized(sc.endDone[side], len(d.Entities))
		sc.endSum[side] = resized(sc.endSum[side], len(d.Entities))
	}
	e := &sc.e
	var out []Relation
	for i := range cands {
		c := &cands[i]
		e.reset()
		// in a fixed order: the sums, hence the output, are the same
		// every run
		z.pairFeatures(c, e)
		var worth [model.NumTypes]bool
		var ends [model.NumTypes]float64
		if dc.floor != nil {
			ends = dc.endScores(sc, c)
		}
		if !dc.worthReading(d, c, ends, e.ids, &worth) {
			continue
		}
		z.end(source, c.Source, e)
		z.end(target, c.Target, e)
		z.meetings(c, e)
		for t := range Types {
			if !worth[t] {
				continue
			}
			p := model.Sigmoid(dc.m.ScoreIDs(t, e.ids))
			if p < dc.m.Thresholds[t] {
				continue
			}
			if r, ok := dc.relation(d, sc, c, t, p, e.ids); ok {
				out = append(out, r)
			}
		}
	}
	return out
}

// endScores are what the features of c's ends add to each type's
// score, each end's looked up once per article.
func (dc *Decider) endScores(sc *decideScratch, c *Candidate) [model.NumTypes]float64 {
	var s [model.NumTypes]float64
	for side, i := range [...]int{c.Source, c.Target} {
		if !sc.endDone[side][i] {
			sc.ends.reset()
			sc.z.end(side, i, &sc.ends)
			for t := range s {
				sc.endSum[side][i][t] = dc.m.ScoreIDs(t, sc.ends.ids)
			}
			sc.endDone[side][i] = true
		}
		for t := range s {
			s[t] += sc.endSum[side][i][t]
		}
	}
	return s
}

// worthReading reports whether c may be of some type once its meetings
// are read, given what its ends add to each type's score and the ids of
// its pair's features, and sets worth[t] for each type it may be of: one
// its entity types allow and, when the model bounds what meetings add
// (MeetingBound), one whose threshold the ends' and pair's score plus
// that bound reaches.
func (dc *Decider) worthReading(d *resolve.Doc, c *Candidate, ends [model.NumTypes]float64, ids []int, worth *[model.NumTypes]bool) bool {
	ok := false
	for t, typ := range Types {
		if !Allowed(typ, d.Entities[c.Source].Type, d.Entities[c.Target].Type) {
			continue
		}
		if dc.floor != nil && ends[t]+dc.m.ScoreIDs(t, ids) < dc.floor[t] {
			continue
		}
		worth[t], ok = true, true
	}
	return ok
}

// Allowed reports whether a relation of type typ may join a source and
// a target of these entity types (no election authorises anything).
func Allowed(typ, source, target string) bool {
	return sourceOK(typ, source) && targetOK(typ, target)
}

// relation builds the relation of type t decided for c: the evidence is
// the rule's when a rule of the type joined the two, else the meeting
// whose own features score highest among those that are no denial of the
// act (denial.go), a meeting within one sentence before any across two. ok is false when only denials join the two: then there
// is no relation.
func (dc *Decider) relation(d *resolve.Doc, ds *decideScratch, c *Candidate, t int, p float64, ids []int) (r Relation, ok bool) {
	typ := Types[t]
	r = Relation{Type: typ, Source: c.Source, Target: c.Target, Confidence: p, Rule: "model", AttributedTo: -1}
	r.Why = dc.why(t, ids)
	for i := range c.Rules {
		if c.Rules[i].Type == typ && c.Rules[i].Source == c.Source {
			rl := c.Rules[i].evidence()
			r.Negated = rl.Negated
			if rl.Denial {
				break // the evidence is a meeting that is no denial, if any
			}
			r.Sentence, r.Span, r.Trigger = rl.Sentence, rl.Span, rl.Trigger
			r.Hedges, r.Attempted, r.Attribution, r.AttributedTo = rl.Hedges, rl.Attempted, rl.Attribution, rl.AttributedTo
			r.Asserter, r.AttributionCue = rl.Asserter, rl.AttributionCue
			r.Rule = "model:" + rl.Rule
			r.Inferred = rl.Inferred
			return r, true
		}
	}
	if len(c.Meetings) == 0 {
		// only a rule of another type, or the other way round, joined them
		rl := c.Rules[0].evidence()
		r.Sentence, r.Span = rl.Sentence, rl.Span
		ds.low = appendLowers(ds.low[:0], d, rl.Sentence, rl.Sentence)
		r.Hedges, r.Attempted = dc.f.cues(ds.low)
		r.Inferred = inferred(d, &r)
		return r, !rl.Denial && !deniesAct(&dc.f.words, d, rl.Sentence, c.Source, c.Target)
	}
	sc := dc.pool.Get().(*decideScratch)
	defer dc.pool.Put(sc)
	e := &sc.e
	// A sentence that names both ends is better evidence than two that
	// name one each: the meetings within a sentence are weighed first.
	best, bestScore := -1, 0.0
	for _, within := range [...]bool{true, false} {
		for k, m := range c.Meetings {
			if (m.SA == m.SB) != within || meetingDenies(&dc.f.words, d, m) {
				continue
			}
			e.reset()
			ds.z.meeting(m, e)
			if s := dc.m.ScoreIDs(t, e.ids); best < 0 || s > bestScore {
				best, bestScore = k, s
			}
		}
		if best >= 0 {
			break
		}
	}
	if best < 0 {
		return r, false
	}
	m := c.Meetings[best]
	lo, hi := min(m.SA, m.SB), max(m.SA, m.SB)
	if hi-lo > 1 {
		// met far off (a headline, the article's main election, a pair
		// met nowhere nearer): the evidence is one end's sentence, not
		// all those between, and the relation is inferred
		lo = m.SA
		if d.Sentences[m.SA].Heading {
			lo = m.SB
		}
		hi = lo
	}
	r.Sentence = lo
	r.Span = [2]int{d.Sentences[lo].Start, d.Sentences[hi].End}
	ds.low = appendLowers(ds.low[:0], d, lo, hi)
	r.Hedges, r.Attempted = dc.f.cues(ds.low)
	r.Inferred = inferred(d, &r)
	return r, true
}

// why lists the features that pushed the decision most, strongest first
// (the earlier feature first among equals).
func (dc *Decider) why(t int, ids []int) []string {
	type fw struct {
		i int
		w float64
	}
	var top [whyCount]fw
	n := 0
	for _, i := range ids {
		w := dc.m.Weights[t][i]
		if w <= 0 || (n == whyCount && w <= top[n-1].w) {
			continue
		}
		k := min(n, whyCount-1)
		for k > 0 && top[k-1].w < w {
			top[k] = top[k-1]
			k--
		}
		top[k] = fw{i, w}
		n = min(n+1, whyCount)
	}
	out := make([]string, n)
	for k := range out {
		out[k] = dc.m.Features[top[k].i]
	}
	return out
}
