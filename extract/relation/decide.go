package relation

import (
	"math"
	"sort"

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
}

// NewDecider returns a decider scoring with m the candidates found with f.
func NewDecider(f *Finder, m *model.Model) *Decider { return &Decider{f: f, m: m} }

// Model is the decider's model.
func (dc *Decider) Model() *model.Model { return dc.m }

// whyCount is how many features a relation keeps in Why.
const whyCount = 5

// Decide returns the relations the model keeps among d's candidates,
// given the rules' relations. Each has the model's probability as its
// confidence, the meeting that weighed most as its evidence, and the
// features that weighed most in Why.
func (dc *Decider) Decide(d *resolve.Doc, rules []Relation) []Relation {
	return dc.DecideFeaturized(d, dc.f.Featurize(d, Candidates(d, rules)))
}

// DecideFeaturized is Decide over candidates already featurized.
func (dc *Decider) DecideFeaturized(d *resolve.Doc, fz []Featurized) []Relation {
	var out []Relation
	for _, c := range fz {
		for t, typ := range Types {
			if !sourceOK(typ, d.Entities[c.Source].Type) || !targetOK(typ, d.Entities[c.Target].Type) {
				continue
			}
			p := dc.m.Prob(t, c.Article)
			if p < dc.m.Thresholds[t] {
				continue
			}
			out = append(out, dc.relation(d, c, t, p))
		}
	}
	return out
}

// relation builds the relation of type t decided for c: the evidence is
// the rule's when a rule of the type joined the two, else the meeting
// whose own features score highest.
func (dc *Decider) relation(d *resolve.Doc, c Featurized, t int, p float64) Relation {
	typ := Types[t]
	r := Relation{Type: typ, Source: c.Source, Target: c.Target, Confidence: math.Round(p*100) / 100,
		Rule: "model", AttributedTo: -1}
	for _, rl := range c.Rules {
		if rl.Type == typ && rl.Source == c.Source {
			r.Negated = rl.Negated
			r.Sentence, r.Span, r.Trigger = rl.Sentence, rl.Span, rl.Trigger
			r.Hedges, r.Attribution, r.AttributedTo = rl.Hedges, rl.Attribution, rl.AttributedTo
			r.Rule = "model:" + rl.Rule
			break
		}
	}
	if r.Span == ([2]int{}) {
		best, bestScore := -1, math.Inf(-1)
		for k, fs := range c.PerMeeting {
			if s := dc.m.Score(t, fs); s > bestScore {
				best, bestScore = k, s
			}
		}
		if best >= 0 {
			m := c.Meetings[best]
			lo, hi := min(m.SA, m.SB), max(m.SA, m.SB)
			r.Sentence = lo
			r.Span = [2]int{d.Sentences[lo].Start, d.Sentences[hi].End}
		} else if len(c.Rules) > 0 {
			r.Sentence, r.Span = c.Rules[0].Sentence, c.Rules[0].Span
		}
	}
	r.Why = dc.why(t, c.Article)
	return r
}

// why lists the features that pushed the decision most, strongest first.
func (dc *Decider) why(t int, feats []string) []string {
	type fw struct {
		f string
		w float64
	}
	var ws []fw
	for _, f := range feats {
		if w := dc.m.Weight(t, f); w > 0 {
			ws = append(ws, fw{f, w})
		}
	}
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].w > ws[j].w })
	out := make([]string, 0, whyCount)
	for i := 0; i < len(ws) && i < whyCount; i++ {
		out = append(out, ws[i].f)
	}
	return out
}
