package learn

import (
	"fmt"
	"hash/fnv"
	"io"
	"slices"
	"text/tabwriter"

	"github.com/influencegraph/influencegraph/extract/gold"
	"github.com/influencegraph/influencegraph/extract/relation"
	"github.com/influencegraph/influencegraph/extract/relation/model"
)

// Counts are true positives, false positives and false negatives.
type Counts struct{ TP, FP, FN int }

// Add adds o to c.
func (c *Counts) Add(o Counts) { c.TP += o.TP; c.FP += o.FP; c.FN += o.FN }

// PRF is precision, recall and F1.
func (c Counts) PRF() (p, r, f float64) {
	if c.TP+c.FP > 0 {
		p = float64(c.TP) / float64(c.TP+c.FP)
	}
	if c.TP+c.FN > 0 {
		r = float64(c.TP) / float64(c.TP+c.FN)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// Scores are a system's scores over a set of articles, as the project's
// scorer computes them.
type Scores struct {
	Entities, Relations Counts
	ByType              map[string]Counts
	Negated             Counts
}

func newScores() Scores { return Scores{ByType: map[string]Counts{}} }

// add scores the relations a system decided on one article (as triples
// of gold keys), as the project's scorer does.
func (s *Scores) add(a *Sample, decided []gold.Triple) {
	req, opt := a.sets()
	s.Entities.Add(a.Entities)
	sys := map[gold.Triple]bool{}
	for _, t := range decided {
		if !opt[t] || req[t] {
			sys[t] = true
		}
	}
	var all, neg Counts
	by := map[string]Counts{}
	for t := range sys {
		c := by[t.Type]
		if req[t] {
			all.TP++
			c.TP++
			if t.Negated {
				neg.TP++
			}
		} else {
			all.FP++
			c.FP++
			if t.Negated {
				neg.FP++
			}
		}
		by[t.Type] = c
	}
	for t := range req {
		if !sys[t] {
			all.FN++
			c := by[t.Type]
			c.FN++
			by[t.Type] = c
			if t.Negated {
				neg.FN++
			}
		}
	}
	s.Relations.Add(all)
	s.Negated.Add(neg)
	for k, v := range by {
		c := s.ByType[k]
		c.Add(v)
		s.ByType[k] = c
	}
}

func (d *Doc) key(i int) string {
	if k := d.Keys[i]; k != "" {
		return k
	}
	return fmt.Sprintf("?%s", d.Doc.Entities[i].ID)
}

// triples are rels as triples of gold keys.
func (d *Doc) triples(rels []relation.Relation) []gold.Triple {
	out := make([]gold.Triple, len(rels))
	for i, r := range rels {
		out[i] = gold.Triple{Source: d.key(r.Source), Type: r.Type, Target: d.key(r.Target), Negated: r.Negated}
	}
	return out
}

// ScoreRules scores the rules' own relations, the baseline.
func ScoreRules(samples []*Sample) Scores {
	s := newScores()
	for _, a := range samples {
		s.add(a, a.Rules)
	}
	return s
}

// Score scores the relations the decider with m keeps on docs, the whole
// pipeline run on each article.
func Score(f *relation.Finder, m *model.Model, docs []*Doc) Scores {
	s := newScores()
	dc := relation.NewDecider(f, m)
	for _, d := range docs {
		s.add(d.scoring(), d.triples(dc.Decide(d.Doc, d.Rules)))
	}
	return s
}

// Fold is the fold of k an article belongs to: by a hash of its name,
// so adding articles does not reshuffle the others.
func Fold(name string, k int) int {
	h := fnv.New32a()
	h.Write([]byte(name))
	return int(h.Sum32() % uint32(k))
}

// CV is the result of a cross-validation.
type CV struct {
	Folds int
	// Thresholds tried for all types at once, and the scores at each
	// (pooled over folds).
	Thresholds []float64
	At         []Scores
	// Best is the index of the best single threshold: the best F1 among
	// those with precision at least MinPrecision, else the best precision.
	Best int
	// Chosen are the thresholds per type that the model keeps, found from
	// Best by changing one type's threshold at a time while that helps,
	// and Scores the scores at them.
	Chosen [model.NumTypes]float64
	Scores Scores

	held []heldOut
}

// heldOut is an article with the relations its fold's model decided, at
// the lowest threshold tried.
type heldOut struct {
	a    *Sample
	rels []decided
}

// decided is a relation a model decided, with its probability.
type decided struct {
	gold.Triple
	p float64
}

// MinPrecision is the precision the thresholds are chosen to keep: a
// graph with wrong edges is worse than none.
const MinPrecision = 0.65

// CrossValidate trains on k-1 folds and decides the k-th, for every fold,
// then scores every threshold in ths and chooses one per type. It decides
// as relation.Decider does, from the samples' features.
func CrossValidate(samples []*Sample, k int, opts model.Options, ths []float64) (CV, error) {
	cv := CV{Folds: k, Thresholds: ths}
	lowest := slices.Min(ths)
	for fold := 0; fold < k; fold++ {
		var train, test []*Sample
		for _, a := range samples {
			if Fold(a.Name, k) == fold {
				test = append(test, a)
			} else {
				train = append(train, a)
			}
		}
		m, err := Train(train, opts)
		if err != nil {
			return CV{}, err
		}
		for _, a := range test {
			cv.held = append(cv.held, heldOut{a, decide(m, a, lowest)})
		}
	}
	for _, th := range ths {
		cv.At = append(cv.At, cv.ScoreAt([model.NumTypes]float64{th, th, th}))
	}
	cv.Best = choose(cv.At)
	cv.Chosen, cv.Scores = cv.perType(ths[cv.Best])
	return cv, nil
}

// ScoreAt scores the held-out decisions kept at per-type thresholds.
func (cv *CV) ScoreAt(th [model.NumTypes]float64) Scores {
	return cv.ScoreOf(th, nil)
}

// ScoreOf scores, as ScoreAt does, the held-out articles among those of
// only (all of them when nil): the figures of one source of samples,
// such as the articles at hand beside those kept only as samples.
func (cv *CV) ScoreOf(th [model.NumTypes]float64, only map[*Sample]bool) Scores {
	s := newScores()
	for _, h := range cv.held {
		if only != nil && !only[h.a] {
			continue
		}
		var kept []gold.Triple
		for _, r := range h.rels {
			if r.p >= th[slices.Index(relation.Types[:], r.Type)] {
				kept = append(kept, r.Triple)
			}
		}
		s.add(h.a, kept)
	}
	return s
}

// perType moves one type's threshold at a time, from start, to whatever
// most improves the choice criterion, until nothing does.
func (cv *CV) perType(start float64) ([model.NumTypes]float64, Scores) {
	th := [model.NumTypes]float64{start, start, start}
	best := cv.ScoreAt(th)
	for improved := true; improved; {
		improved = false
		for t := range th {
			for _, v := range cv.Thresholds {
				try := th
				try[t] = v
				if s := cv.ScoreAt(try); better(s, best) {
					th, best, improved = try, s, true
				}
			}
		}
	}
	return th, best
}

// Bin is one range of predicted probabilities and how often the
// relations predicted in it were right.
type Bin struct {
	Lo, Hi         float64
	Right, Decided int
}

// Calibration bins the held-out relations (at the lowest threshold) by
// the model's probability and counts those the gold requires, the
// optional ones left out: a calibrated model is right about as often as
// it says.
func (cv *CV) Calibration(edges []float64) []Bin {
	bins := make([]Bin, len(edges)-1)
	for i := range bins {
		bins[i].Lo, bins[i].Hi = edges[i], edges[i+1]
	}
	for _, h := range cv.held {
		req, opt := h.a.sets()
		for _, r := range h.rels {
			if opt[r.Triple] && !req[r.Triple] {
				continue
			}
			for i := range bins {
				if r.p >= bins[i].Lo && (r.p < bins[i].Hi || i == len(bins)-1) {
					bins[i].Decided++
					if req[r.Triple] {
						bins[i].Right++
					}
					break
				}
			}
		}
	}
	return bins
}

// better reports whether a beats b: higher F1 at precision of at least
// MinPrecision, else higher precision.
func better(a, b Scores) bool {
	pa, _, fa := a.Relations.PRF()
	pb, _, fb := b.Relations.PRF()
	switch {
	case pa >= MinPrecision && pb >= MinPrecision:
		return fa > fb+1e-9
	case pa >= MinPrecision:
		return true
	case pb >= MinPrecision:
		return false
	}
	return pa > pb+1e-9
}

func (s *Scores) merge(o Scores) {
	s.Entities.Add(o.Entities)
	s.Relations.Add(o.Relations)
	s.Negated.Add(o.Negated)
	for k, v := range o.ByType {
		c := s.ByType[k]
		c.Add(v)
		s.ByType[k] = c
	}
}

func choose(at []Scores) int {
	best := 0
	for i := range at {
		if better(at[i], at[best]) {
			best = i
		}
	}
	return best
}

// WriteTable prints scores as rows of a table.
func WriteTable(w io.Writer, rows []string, scores []Scores) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\tentity F1\trelation P\tR\tF1\tAUTHORISED F1\tTARGETED F1\tAMPLIFIED F1\tnegated P/R\t")
	for i, s := range scores {
		_, _, ef := s.Entities.PRF()
		p, r, f := s.Relations.PRF()
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%.3f", rows[i], ef, p, r, f)
		for _, t := range relation.Types {
			_, _, tf := s.ByType[t].PRF()
			fmt.Fprintf(tw, "\t%.3f", tf)
		}
		np, nr, _ := s.Negated.PRF()
		fmt.Fprintf(tw, "\t%.2f/%.2f\t\n", np, nr)
	}
	return tw.Flush()
}
