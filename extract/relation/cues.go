package relation

import (
	"strings"

	"github.com/influencegraph/influencegraph/extract/lexicon"
	"github.com/influencegraph/influencegraph/extract/resolve"
)

// Hedges and attempts are two different things a sentence may say of the
// act it reports. A hedge is the reporter's uncertainty ("reportedly",
// "allegedly", "may have"): the act may not have happened. An attempt
// ("attempted to", "sought to", "the attempt failed") is an act that
// happened, whatever its success: a relation it qualifies is Attempted,
// and not hedged.

// cueList finds the phrases of one lexicon list in a sentence, looking
// the phrases up only at words that may open one.
type cueList struct {
	phrases []lexicon.Phrase
	first   map[string]bool     // exact first words
	filter  *lexicon.WordFilter // screens a word before first is looked up
	prefix  []string            // first-word prefixes ("attempt*")
}

func newCueList(ps []lexicon.Phrase) cueList {
	c := cueList{phrases: ps, first: map[string]bool{}}
	for _, p := range ps {
		if len(p) == 0 {
			continue
		}
		if pre, ok := strings.CutSuffix(p[0], "*"); ok {
			c.prefix = append(c.prefix, pre)
		} else {
			c.first[p[0]] = true
		}
	}
	c.filter = lexicon.NewWordFilter(c.first)
	return c
}

// opens reports whether a phrase of the list may start at word w.
func (c *cueList) opens(w string) bool {
	if c.filter.MayHave(w) && c.first[w] {
		return true
	}
	for _, p := range c.prefix {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// find appends to out the phrases of the list in the lower-case words
// low, as the text has them, and returns it.
func (c *cueList) find(low []string, out []string) []string {
	for i := range low {
		if !c.opens(low[i]) {
			continue
		}
		for _, p := range c.phrases {
			if p.Match(low[i:]) {
				out = append(out, strings.Join(low[i:i+len(p)], " "))
				break
			}
		}
	}
	return out
}

// appendLowers appends the lower-case words of sentences lo..hi of d to
// low and returns it.
func appendLowers(low []string, d *resolve.Doc, lo, hi int) []string {
	for si := lo; si <= hi; si++ {
		for _, t := range d.Sentences[si].Tokens {
			low = append(low, t.Lower)
		}
	}
	return low
}

// cues returns the hedges among the lower-case words low and whether
// they report an attempt: what the decider says of a relation whose
// evidence no rule gave.
func (f *Finder) cues(low []string) (hedges []string, attempted bool) {
	return dedupStrings(f.hedgeCues.find(low, nil)), len(f.attempts.find(low, nil)) > 0
}
