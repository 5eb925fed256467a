package relation

import (
	"strings"

	"github.com/influencegraph/influencegraph/extract/text"
)

// Who asserts a claim is an entity, not a clause. The reporting clause
// "The United States on Friday released an intelligence report saying
// that" is split into its asserter, the entity the clause names
// ("United States", whose id is Relation.AttributedTo) or, when it names
// none, the few words that say who ("the indictment", "analysts"), and
// its cue words ("saying"). A pronoun ("he added") names no asserter.

// asserterOf returns the asserter and the cue words of st's reporting
// clause; who is the entity the clause names, or -1.
func (f *Finder) asserterOf(st *sentenceState, who int) (asserter, cue string) {
	a, b := st.attributionZone()
	if a < 0 || b <= a {
		return "", ""
	}
	toks := st.toks
	// the cue: a reporting prefix ("according to") or the zone's last
	// reporting verb
	v, n := -1, 0
	for i := a; i < b; i++ {
		for _, p := range f.lex.ReportPrefixes {
			// a prefix running past the zone ("As reported by Mandiner",
			// the zone ending at the outlet) is not the zone's cue
			if i+len(p) <= b && p.Match(st.low[i:]) {
				v, n = i, len(p)
			}
		}
	}
	prefix := v >= 0
	if !prefix {
		for i := b - 1; i >= a; i-- {
			if f.lex.ReportVerbs[st.low[i]] {
				v, n = i, 1
				break
			}
		}
	}
	if v >= 0 {
		cue = textOf(st.d.Text, toks, v, v+n)
	}
	if who >= 0 {
		return st.d.Entities[who].Name, cue
	}
	// no entity: the words before the verb ("the report said"), else
	// after it ("says the indictment", "according to an affidavit")
	var w []text.Token
	switch {
	case v < 0:
		w = phraseFrom(toks[a:b], 1)
	case prefix:
		w = phraseFrom(toks[v+n:b], 1)
	default:
		if w = phraseFrom(toks[a:v], -1); len(w) == 0 {
			w = phraseFrom(toks[v+1:b], 1)
		}
		if len(w) == 0 {
			w = phraseFrom(toks[a:v], 1) // "The report, released on Tuesday, identified"
		}
	}
	if len(w) == 0 || len(w) == 1 && pronoun[w[0].Lower] {
		return "", cue
	}
	return strings.TrimSpace(st.d.Text[w[0].Start:w[len(w)-1].End]), cue
}

// maxAsserterWords bounds an asserter named by the text's own words.
const maxAsserterWords = 6

// phraseFrom returns the words of toks that say who: from the start
// (dir 1) or back from the end (dir -1) up to a comma, "that", "who" or
// a quote, at most maxAsserterWords; "as" and "on" ("as reported on")
// open no asserter.
func phraseFrom(toks []text.Token, dir int) []text.Token {
	stop := func(t text.Token) bool {
		switch t.Lower {
		case ",", "that", "who", "which", ".", ":", ";", "\"", "“", "”", "(", ")":
			return true
		}
		return false
	}
	if dir > 0 {
		i := 0
		for i < len(toks) && (opener[toks[i].Lower] || toks[i].Lower == "on" || toks[i].Lower == "by") {
			i++
		}
		j := i
		for j < len(toks) && j-i < maxAsserterWords && !stop(toks[j]) {
			j++
		}
		return toks[i:j]
	}
	j := len(toks)
	for j > 0 && auxiliary[toks[j-1].Lower] {
		j-- // "analysts have said"
	}
	i := j
	for i > 0 && j-i < maxAsserterWords && !stop(toks[i-1]) {
		i--
	}
	for i < j && opener[toks[i].Lower] {
		i++ // "while the report names", "as reported"
	}
	for k := i + 1; k < j; k++ {
		if trailer[toks[k].Lower] {
			j = k // "a review published on Monday identified"
			break
		}
	}
	return toks[i:j]
}

// opener are words that open a reporting clause without saying who.
var opener = map[string]bool{"as": true, "while": true, "but": true, "and": true, "although": true, "though": true, "so": true, "because": true}

// trailer are words after which an asserter's name gives way to when
// and how it spoke.
var trailer = map[string]bool{"published": true, "released": true, "issued": true, "on": true, "in": true,
	"last": true, "earlier": true, "this": true, "late": true, "early": true, "first": true}

// pronoun are the words that refer back to an asserter without naming it.
var pronoun = map[string]bool{"he": true, "she": true, "it": true, "they": true, "we": true, "i": true, "this": true}
