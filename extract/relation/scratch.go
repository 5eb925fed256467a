package relation

import "github.com/influencegraph/influencegraph/extract/resolve"

// scratch is the memory Find works in: the per-sentence state and its
// token-indexed slices, reused from sentence to sentence and, through
// Finder.pool, from article to article, so that finding relations
// allocates little beyond the relations themselves.
type scratch struct {
	st    sentenceState
	low   []string
	info  []*wordInfo
	refAt []int
	skip  []bool
	trigs []trig
	seen  map[[4]int]int // the relations found, by key: 1 + index in Find's output
}

// getScratch returns a scratch from the pool, emptied.
func (f *Finder) getScratch() *scratch {
	sc, _ := f.pool.Get().(*scratch)
	if sc == nil {
		return &scratch{seen: map[[4]int]int{}}
	}
	clear(sc.seen)
	return sc
}

// state returns the sentence state of s, its slices sized to its tokens:
// low and info filled (info from words), refAt zeroed, skip nil until
// newSkip.
func (sc *scratch) state(d *resolve.Doc, s *resolve.Sentence, words *wordIndex) *sentenceState {
	n := len(s.Tokens)
	if cap(sc.low) < n {
		sc.low = make([]string, n, 2*n)
		sc.refAt = make([]int, n, 2*n)
		sc.info = make([]*wordInfo, n, 2*n)
	}
	low, refAt, info := sc.low[:n], sc.refAt[:n], sc.info[:n]
	for i, t := range s.Tokens {
		low[i] = t.Lower
		info[i] = words.info(t.Lower)
	}
	clear(refAt)
	sc.st = sentenceState{d: d, s: s, toks: s.Tokens, low: low, info: info, refAt: refAt}
	return &sc.st
}

// newSkip returns n false flags; never nil, as readers tell "not yet made"
// by nil.
func (sc *scratch) newSkip(n int) []bool {
	if cap(sc.skip) < n || sc.skip == nil {
		sc.skip = make([]bool, n, max(2*n, 16))
	}
	skip := sc.skip[:n]
	clear(skip)
	return skip
}
