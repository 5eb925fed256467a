package resolve

import (
	"strconv"

	"github.com/influencegraph/influencegraph/extract/kb"
)

// An election the text names without its country ("the presidential
// election", "last year's vote") belongs to one of the countries the
// article names. The rules of elections pick one (the place right by
// the noun, an election of that year already named, the country whose
// voice opens the article, the one named most); a learned scorer, when
// Input has one, weighs those picks with where and how each
// country is named and chooses among them.

// CountryScorer scores a candidate country for an election the text
// names without one, from the candidate's features; the highest wins.
type CountryScorer func(features []string) float64

// CountryChoice is one election mention whose country had to be
// inferred: the candidates, their features, and the rules' pick. Docs
// keep them only when Input.RecordChoices asks (for training).
type CountryChoice struct {
	// Sentence is the mention's sentence; Year is its year, 0 when the
	// text gives none.
	Sentence, Year int
	Countries      []string
	Features       [][]string
	Rule           string
}

// electionCountry returns the country of an election mention whose text
// names none: the scorer's choice among the candidates when in has one,
// else the rules' pick (ruleCountry).
func (r *Resolver) electionCountry(d *Doc, in Input, em *electionMention, dom string) string {
	local := r.localCountry(d, em)
	rule := ruleCountry(d, em, local, dom)
	if in.Country == nil && !in.RecordChoices {
		return rule
	}
	cands := countryCandidates(d, rule, dom)
	if len(cands) < 2 && !in.RecordChoices {
		return rule
	}
	ch := CountryChoice{Sentence: em.si, Year: em.year, Countries: cands, Rule: rule, Features: make([][]string, len(cands))}
	for i, c := range cands {
		ch.Features[i] = countryFeatures(d, em, c, rule, dom, local)
	}
	if in.RecordChoices {
		d.CountryChoices = append(d.CountryChoices, ch)
	}
	if in.Country == nil {
		return rule
	}
	best, bestScore := rule, 0.0
	for i, c := range cands {
		if s := in.Country(ch.Features[i]); i == 0 || s > bestScore {
			best, bestScore = c, s
		}
	}
	return best
}

// countryCandidates are the countries an unplaced election may belong
// to: the rules' pick first, then every state the article names, the
// article's home, dateline and most-named country, and the countries of
// the elections it already named.
func countryCandidates(d *Doc, rule, dom string) []string {
	var out []string
	add := func(c string) {
		if c == "" {
			return
		}
		for _, o := range out {
			if o == c {
				return
			}
		}
		out = append(out, c)
	}
	add(rule)
	for _, e := range d.Entities {
		if e.Type == kb.TypeState {
			add(e.ISO2)
		}
	}
	add(d.Home)
	add(d.Filed)
	add(dom)
	for _, e := range d.Entities {
		if e.Type == TypeElection {
			add(e.Country)
		}
	}
	return out
}

// countryFeatures say how the article names country c around election
// mention em: which rules picked it, where and how often it is named,
// whether it acts or is acted upon.
func countryFeatures(d *Doc, em *electionMention, c, rule, dom, local string) []string {
	f := []string{"bias", "cc:" + c}
	flag := func(ok bool, name string) {
		if ok {
			f = append(f, name)
		}
	}
	flag(c == rule, "rule")
	flag(c == d.Home, "home")
	flag(c == d.Filed, "filed")
	flag(c == dom, "dom")
	flag(c == local, "local")
	flag(c == d.mostNamed, "most-named")
	for _, e := range d.Entities {
		if e.Type == TypeElection && e.Country == c {
			f = append(f, "named-election")
			if em.year != 0 && e.Year == em.year {
				f = append(f, "named-election-same-year")
			}
			break
		}
	}
	if em.year == 0 {
		f = append(f, "undated")
	}
	if em.kind != "" {
		f = append(f, "kind:"+em.kind)
	}
	mentions, heading := 0, false
	var near, nearPrev, nearNext bool
	var actor, demonym, possessive, modifier, in bool
	dist := -1
	for si := range d.Sentences {
		s := &d.Sentences[si]
		for _, rf := range s.Refs {
			e := d.Entities[rf.Entity]
			if e.Type != kb.TypeState || e.ISO2 != c {
				continue
			}
			mentions++
			heading = heading || s.Heading
			switch si {
			case em.si:
				near = true
				actor = actor || rf.Actor
				demonym = demonym || rf.Demonym
				possessive = possessive || rf.Possessive
				modifier = modifier || rf.Modifier
				if k := tokenAt(s.Tokens, rf.Start); k > 0 {
					p := s.Tokens[k-1].Lower
					in = in || p == "in" || p == "into" || p == "against"
				}
				gap := em.start - rf.End
				if rf.Start > em.start {
					gap = rf.Start - em.end
				}
				if dist < 0 || gap < dist {
					dist = gap
				}
			case em.si - 1:
				nearPrev = true
			case em.si + 1:
				nearNext = true
			}
		}
	}
	f = append(f, "mentions:"+countBucket(mentions))
	flag(mentions == 0, "unnamed")
	flag(heading, "heading")
	flag(near, "same-sentence")
	flag(nearPrev, "prev-sentence")
	flag(nearNext, "next-sentence")
	flag(actor, "same-sentence-actor")
	flag(demonym, "same-sentence-demonym")
	flag(possessive, "same-sentence-possessive")
	flag(modifier, "same-sentence-modifier")
	flag(in, "same-sentence-in")
	if dist >= 0 {
		f = append(f, "dist:"+distanceBucket(dist))
	}
	return f
}

func countBucket(n int) string {
	switch {
	case n <= 2:
		return strconv.Itoa(n)
	case n <= 5:
		return "3-5"
	}
	return "6+"
}

// distanceBucket buckets a distance in bytes.
func distanceBucket(n int) string {
	switch {
	case n <= 10:
		return "0-10"
	case n <= 40:
		return "11-40"
	case n <= 120:
		return "41-120"
	}
	return "121+"
}
