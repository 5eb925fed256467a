package relation

import (
	"slices"
	"sort"
	"testing"

	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/extract/lexicon"
	"github.com/influencegraph/influencegraph/extract/mention"
	"github.com/influencegraph/influencegraph/extract/relation/model"
	"github.com/influencegraph/influencegraph/extract/resolve"
)

// featureArticle is the article the feature tests read, resolved, with
// the finder that reads it.
func featureArticle(t *testing.T) (*Finder, *resolve.Doc) {
	t.Helper()
	k, err := kb.Load()
	if err != nil {
		t.Fatal(err)
	}
	lex, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	r := resolve.New(mention.NewMatcher(k.Entries()), lex)
	d := r.Resolve(resolve.Input{
		Text: "Russian hackers targeted the 2016 US presidential election, officials said. " +
			"Iran denied that it had paid trolls to amplify claims of fraud. " +
			"Russia's state media amplified the claims, and Russia's military intelligence ran the operation. " +
			"The Kremlin ordered the campaign, according to the report.",
		Published: "2017-01-06",
	})
	t.Cleanup(func() { r.Release(d) })
	return New(lex), d
}

// The features deciding looks up (by hash, each end's once per article)
// are those training names (as strings), candidate by candidate; and a
// candidate names its pair.
func TestDecidingSeesTheFeaturesTrainingNames(t *testing.T) {
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	f, d := featureArticle(t)
	rules := f.Find(d)
	cands := Candidates(d, rules)
	if len(cands) < 3 {
		t.Fatalf("%d candidates, want several", len(cands))
	}
	dc := NewDecider(f, m)
	sc := dc.pool.Get().(*decideScratch)
	defer dc.pool.Put(sc)
	sc.z.reset(f, d, cands)
	named := f.Featurize(d, cands)
	sawPair := false
	for i := range cands {
		c := &cands[i]
		sc.e.reset()
		sc.z.candidate(c, &sc.e)
		got := slices.Clone(sc.e.ids)
		sort.Ints(got)
		var want []int
		for _, name := range named[i].Features {
			if j, ok := m.HashIndex().Lookup(model.NewHash().Add(name)); ok {
				want = append(want, int(j))
			}
		}
		sort.Ints(want)
		if !slices.Equal(got, want) {
			t.Errorf("candidate %s > %s: deciding looked up %d features, training names %d the model knows",
				d.Entities[c.Source].ID, d.Entities[c.Target].ID, len(got), len(want))
		}
		pair := "pair:" + d.Entities[c.Source].ID + ">" + d.Entities[c.Target].ID
		if !slices.Contains(named[i].Features, pair) {
			t.Errorf("candidate features %v lack %s", named[i].Features, pair)
		}
		sawPair = sawPair || d.Entities[c.Source].ID == "state:RU" && d.Entities[c.Target].Type == resolve.TypeElection
	}
	if !sawPair {
		t.Error("no candidate joins Russia and the election")
	}
}

// The features of a candidate's ends and pair are PairFeature's, those
// of its meetings are not: the decider reads the former first to skip a
// candidate no meeting could lift, and training bounds the latter.
func TestPairFeaturesAreThoseReadFirst(t *testing.T) {
	f, d := featureArticle(t)
	cands := Candidates(d, f.Find(d))
	z := newFeaturizer(f, d, cands)
	pairs, meetings := 0, 0
	for i := range cands {
		pe, me := newSetEmitter(), newSetEmitter()
		z.pair(&cands[i], pe)
		z.meetings(&cands[i], me)
		for _, name := range pe.sorted() {
			pairs++
			if !PairFeature(name) {
				t.Errorf("%s, of the ends or the pair, is no PairFeature", name)
			}
		}
		for _, name := range me.sorted() {
			meetings++
			if PairFeature(name) {
				t.Errorf("%s, of a meeting, is a PairFeature", name)
			}
		}
	}
	if pairs == 0 || meetings == 0 {
		t.Fatalf("%d pair and %d meeting features: want both", pairs, meetings)
	}
}

// The pair features hashed once (fixedNames) are named as bucket names
// them: a count's index picks the name of its bucket.
func TestFixedNamesFollowBuckets(t *testing.T) {
	for n := range 12 {
		for _, f := range []struct {
			family string
			first  int
		}{{"ameet:", fixedMeet}, {"samesent:", fixedSameSentence}} {
			if got, want := fixedNames[f.first+bucketIndex(n)], f.family+bucket(n); got != want {
				t.Errorf("count %d: fixed name %q, want %q", n, got, want)
			}
		}
	}
}

// A pair met only far apart says so, and how far; a pair met nearer
// does not.
func TestApartPairsSaySo(t *testing.T) {
	f, d := featureArticle(t)
	cands := Candidates(d, f.Find(d))
	named := f.Featurize(d, cands)
	gaps := map[string]bool{"pair:apart-gap:2-3": true, "pair:apart-gap:4-7": true, "pair:apart-gap:8+": true}
	apart := 0
	for i, c := range cands {
		marked := slices.Contains(named[i].Features, "pair:apart")
		var gap []string
		for _, name := range named[i].Features {
			if gaps[name] {
				gap = append(gap, name)
			}
		}
		if marked != c.Apart || c.Apart != (len(gap) == 1) || len(gap) > 1 {
			t.Errorf("%s > %s: apart %v, features mark it %v with gaps %v",
				d.Entities[c.Source].ID, d.Entities[c.Target].ID, c.Apart, marked, gap)
		}
		if c.Apart {
			apart++
			m := c.Meetings[0]
			if g := max(m.SA-m.SB, m.SB-m.SA); g <= Window || len(gap) == 1 && gap[0] != fixedNames[fixedApart+1+gapIndex(g)] {
				t.Errorf("%s > %s: met %d sentences apart, marked %v", d.Entities[c.Source].ID, d.Entities[c.Target].ID, g, gap)
			}
		}
	}
	if apart == 0 {
		t.Error("no pair met only far apart")
	}
}
