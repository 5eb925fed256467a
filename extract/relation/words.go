package relation

import (
	"strings"

	"github.com/influencegraph/influencegraph/extract/lexicon"
)

// wordClass marks the lexicon lists a lower-case word belongs to or
// opens. A sentence looks each of its words up once (sentenceState.info)
// and the rules test bits, instead of looking the same word up in one map
// per rule.
type wordClass uint16

const (
	wNotTrigger   wordClass = 1 << iota // in lex.NotTriggers
	wContentSays                        // in contentSays
	wHedge                              // opens a hedge (an exact first word)
	wNegation                           // opens a negation cue (lex.Negations)
	wSentNeg                            // opens a sentence-wide negation cue
	wReportPrefix                       // opens a reporting prefix ("according to")
	wReportVerb                         // in lex.ReportVerbs
	wCharacterise                       // in characterise
	wDenial                             // in denialVerbs
)

// wordInfo is what the finder knows of a word before reading any sentence.
type wordInfo struct {
	class wordClass
	// cands is candidates(w) when w is the exact first word of a trigger.
	cands    []lexicon.Trigger
	hasCands bool
}

// wordIndex is the finder's table of known words.
type wordIndex struct {
	words map[string]*wordInfo
	// filter screens a word before words is looked up.
	filter *lexicon.WordFilter
	// anyNegation and anyReportPrefix are set when a phrase of the list
	// opens with a pattern ("x*", "*") rather than a word: then no word
	// can be ruled out by its class.
	anyNegation, anyReportPrefix bool
}

// info is the index's entry for w, nil when it has none. Most words are
// in no index: the filter rules them out before the map is looked up.
func (x *wordIndex) info(w string) *wordInfo {
	if !x.filter.MayHave(w) {
		return nil
	}
	return x.words[w]
}

func (x *wordIndex) add(w string, c wordClass) *wordInfo {
	in := x.words[w]
	if in == nil {
		in = &wordInfo{}
		x.words[w] = in
	}
	in.class |= c
	return in
}

// addFirsts marks the first words of phrases with c and reports whether
// a phrase opens with a pattern instead.
func (x *wordIndex) addFirsts(ps []lexicon.Phrase, c wordClass) (wild bool) {
	for _, p := range ps {
		if len(p) == 0 || strings.HasSuffix(p[0], "*") {
			wild = true
			continue
		}
		x.add(p[0], c)
	}
	return wild
}

// newWordIndex indexes the lexicon's lists and the finder's trigger
// candidates.
func newWordIndex(f *Finder) wordIndex {
	x := wordIndex{words: map[string]*wordInfo{}}
	for _, w := range f.lex.NotTriggers {
		x.add(w, wNotTrigger)
	}
	for w, ok := range contentSays {
		if ok {
			x.add(w, wContentSays)
		}
	}
	for w := range f.hedgeCues.first {
		x.add(w, wHedge)
	}
	for w := range f.negFirst {
		x.add(w, wSentNeg)
	}
	for w, ok := range f.lex.ReportVerbs {
		if ok {
			x.add(w, wReportVerb)
		}
	}
	for w, ok := range characterise {
		if ok {
			x.add(w, wCharacterise)
		}
	}
	for w, ok := range denialVerbs {
		if ok {
			x.add(w, wDenial)
		}
	}
	x.anyNegation = x.addFirsts(f.lex.Negations, wNegation)
	x.anyReportPrefix = x.addFirsts(f.lex.ReportPrefixes, wReportPrefix)
	for w, c := range f.cands {
		in := x.add(w, 0)
		in.cands, in.hasCands = c, true
	}
	x.filter = lexicon.NewWordFilter(x.words)
	return x
}

// is reports whether w is in class c.
func (x *wordIndex) is(w string, c wordClass) bool {
	in := x.info(w)
	return in != nil && in.class&c != 0
}

// class is the class of token i of the sentence.
func (st *sentenceState) class(i int) wordClass {
	if in := st.info[i]; in != nil {
		return in.class
	}
	return 0
}

// is reports whether token i of the sentence is in class c.
func (st *sentenceState) is(i int, c wordClass) bool { return st.class(i)&c != 0 }
