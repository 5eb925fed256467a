package resolve

import (
	"github.com/influencegraph/influencegraph/extract/mention"
	"github.com/influencegraph/influencegraph/extract/text"
)

// scratch is the memory of one article's resolution that no record keeps:
// the tokens and mentions of its sentences, the sentences themselves (with
// the capacity of their refs) and the entity index. A Resolver keeps it
// between articles (Release), so that a long run allocates little and
// leaves the garbage collector little to do.
type scratch struct {
	tokens   []text.Token
	mentions []mention.Mention
	known    []mention.Mention
	names    mention.Scratch
	// sentences keep their Refs and Demonyms slices from the last
	// article, emptied, so those grow only past their old size.
	sentences []Sentence
	entities  []*Entity
	byID      map[string]int
	elections []electionMention
	split     text.SplitScratch
	// normNames caches normName of the surfaces looked up in the article:
	// a name is looked up at each of its mentions.
	normNames map[string]string
}

// getScratch returns a scratch from the pool, emptied.
func (r *Resolver) getScratch() *scratch {
	sc, _ := r.pool.Get().(*scratch)
	if sc == nil {
		return &scratch{byID: map[string]int{}}
	}
	sc.tokens = sc.tokens[:0]
	sc.mentions = sc.mentions[:0]
	sc.sentences = sc.sentences[:0]
	clear(sc.byID)
	clear(sc.normNames)
	return sc
}

// normName is normName(s), remembered for the article (computed afresh
// without scratch).
func (sc *scratch) normName(s string) string {
	if sc == nil {
		return normName(s)
	}
	if k, ok := sc.normNames[s]; ok {
		return k
	}
	if sc.normNames == nil {
		sc.normNames = map[string]string{}
	}
	k := normName(s)
	sc.normNames[s] = k
	return k
}

// Release hands the memory of d back to the resolver for the next
// article. Neither d nor anything taken from its sentences (tokens,
// mentions, refs) may be used afterwards; entities may.
func (r *Resolver) Release(d *Doc) {
	if sc := d.scratch; sc != nil {
		d.scratch = nil
		sc.sentences = d.Sentences[:0]
		clear(d.Entities) // the caller may keep them: the pool must not
		sc.entities = d.Entities[:0]
		r.pool.Put(sc)
	}
}

// electionMentions returns an empty buffer for the election mentions of
// the article (nil without scratch).
func (sc *scratch) electionMentions() []electionMention {
	if sc == nil {
		return nil
	}
	return sc.elections[:0]
}

// keepElectionMentions keeps the buffer ems grew into for the next article.
func (sc *scratch) keepElectionMentions(ems []electionMention) {
	if sc != nil {
		sc.elections = ems[:0]
	}
}

// appendTokens tokenises text[start:end] into the article's token buffer
// and returns the sentence's tokens, capped so that no append to them can
// reach the next sentence's.
func (sc *scratch) appendTokens(txt, lower string, start, end int) []text.Token {
	n := len(sc.tokens)
	sc.tokens = text.AppendTokensLower(sc.tokens, txt, lower, start, end)
	return sc.tokens[n:len(sc.tokens):len(sc.tokens)]
}

// mentionSlice returns an empty slice of capacity n from the article's
// mention buffer. When the buffer is full a larger one replaces it: the
// sentences already resolved keep the old one.
func (sc *scratch) mentionSlice(n int) []mention.Mention {
	l := len(sc.mentions)
	if cap(sc.mentions)-l < n {
		sc.mentions = make([]mention.Mention, 0, max(2*cap(sc.mentions), n, 64))
		l = 0
	}
	sc.mentions = sc.mentions[:l+n]
	return sc.mentions[l : l : l+n]
}

// newSentence appends s to the article's sentences, reusing the refs and
// demonyms memory the slot had in an earlier article.
func (sc *scratch) newSentence(d *Doc, s Sentence) {
	if n := len(d.Sentences); n < cap(d.Sentences) {
		d.Sentences = d.Sentences[:n+1]
		old := &d.Sentences[n]
		s.Refs, s.Demonyms = old.Refs[:0], old.Demonyms[:0]
		*old = s
		return
	}
	d.Sentences = append(d.Sentences, s)
}
