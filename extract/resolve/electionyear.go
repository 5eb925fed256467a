package resolve

import (
	"strconv"

	"github.com/influencegraph/influencegraph/extract/kb"
)

// An election the text names without a year ("Moldova's presidential
// election") in an article whose publication date is unknown belongs to
// one of the years the article names. The rules take the latest year
// when the text names it firmly (refYear), else give up; a learned
// scorer, when Input has one, weighs each year the article names by
// where and how often it stands and picks one, or abstains.

// YearScorer scores a candidate year for an election the text names
// without one, from the candidate's features: the highest wins when it
// is above zero (a probability above one half).
type YearScorer func(features []string) float64

// YearChoice is one election mention whose year had to be inferred: the
// country it was given, the candidate years and their features. Docs
// keep them only when Input.RecordChoices asks (for training).
type YearChoice struct {
	Sentence int
	Country  string
	Years    []int
	Features [][]string
}

// yearSeen is where the article names one year.
type yearSeen struct {
	year      int
	count     int
	head      bool  // in the title or url
	sentences []int // the sentences naming it, in order
}

// yearsNamed lists the years 1950-2049 the article names, in the order
// first named, reading the title and url first.
func yearsNamed(d *Doc, in Input) []yearSeen {
	var out []yearSeen
	at := func(y int) *yearSeen {
		for i := range out {
			if out[i].year == y {
				return &out[i]
			}
		}
		out = append(out, yearSeen{year: y})
		return &out[len(out)-1]
	}
	for _, h := range [...]string{in.Title, in.URL} {
		for _, y := range yearsIn(h) {
			s := at(y)
			s.head = true
			s.count++
		}
	}
	for si := range d.Sentences {
		for _, t := range d.Sentences[si].Tokens {
			if !isYear(t.Text) {
				continue
			}
			y, _ := strconv.Atoi(t.Text)
			if y < 1950 || y >= 2050 {
				continue
			}
			s := at(y)
			s.count++
			if n := len(s.sentences); n == 0 || s.sentences[n-1] != si {
				s.sentences = append(s.sentences, si)
			}
		}
	}
	return out
}

// yearsIn are the years 1950-2049 standing alone in s.
func yearsIn(s string) []int {
	var out []int
	for i := 0; i+4 <= len(s); i++ {
		if i > 0 && isDigitByte(s[i-1]) || i+4 < len(s) && isDigitByte(s[i+4]) {
			continue
		}
		if y, err := strconv.Atoi(s[i : i+4]); err == nil && y >= 1950 && y < 2050 {
			out = append(out, y)
			i += 3
		}
	}
	return out
}

// electionYear returns the year of election mention em of country c and
// kind kind when the text dates it nowhere and the article's date is
// unknown: the scorer's choice among the years the article names, or 0
// when it has none, abstains, or there are none.
func (r *Resolver) electionYear(d *Doc, in Input, em *electionMention, c, kind string) int {
	if in.Year == nil && !in.RecordChoices {
		return 0
	}
	seen := yearsNamed(d, in)
	if len(seen) == 0 {
		return 0
	}
	ch := YearChoice{Sentence: em.si, Country: c, Years: make([]int, len(seen)), Features: make([][]string, len(seen))}
	for i, s := range seen {
		ch.Years[i] = s.year
		ch.Features[i] = yearFeatures(r, d, em, seen, i, c, kind)
	}
	if in.RecordChoices {
		d.YearChoices = append(d.YearChoices, ch)
	}
	if in.Year == nil {
		return 0
	}
	best, bestScore := 0, 0.0
	for i, y := range ch.Years {
		if s := in.Year(ch.Features[i]); s > bestScore {
			best, bestScore = y, s
		}
	}
	return best
}

// yearFeatures say how the article names seen[i] around em: how often,
// how late among the years named, how near the mention, beside the
// election's country or another election word, whether the country's
// electoral cycle allows it.
func yearFeatures(r *Resolver, d *Doc, em *electionMention, seen []yearSeen, i int, c, kind string) []string {
	s := seen[i]
	f := []string{"bias", "count:" + countBucket(s.count)}
	flag := func(ok bool, name string) {
		if ok {
			f = append(f, name)
		}
	}
	later, more := 0, 0
	for _, o := range seen {
		if o.year > s.year {
			later++
		}
		if o.count > s.count {
			more++
		}
	}
	f = append(f, "later:"+countBucket(later), "more:"+countBucket(more))
	if g := yearsAfter(seen, s.year); g > 0 {
		f = append(f, "gap:"+countBucket(g))
	}
	flag(s.head, "head")
	flag(s.year == d.RefYear && d.RefFirm, "firm")
	if y, ok := scheduled(c, kindOr(kind, c), s.year, false, false); ok {
		flag(y == s.year, "on-cycle")
		flag(y != s.year, "off-cycle")
	}
	dist := -1
	for _, si := range s.sentences {
		if g := max(si-em.si, em.si-si); dist < 0 || g < dist {
			dist = g
		}
	}
	switch {
	case dist < 0:
		f = append(f, "body:none")
	case dist == 0:
		f = append(f, "body:same-sentence")
	case dist <= 2:
		f = append(f, "body:near")
	case dist <= 6:
		f = append(f, "body:mid")
	default:
		f = append(f, "body:far")
	}
	withCountry, withElection := false, false
	for _, si := range s.sentences {
		sen := &d.Sentences[si]
		for _, rf := range sen.Refs {
			e := d.Entities[rf.Entity]
			withCountry = withCountry || e.Type == kb.TypeState && e.ISO2 == c
		}
		for _, t := range sen.Tokens {
			_, ok := r.lex.ElectionNouns[t.Lower]
			withElection = withElection || ok
		}
	}
	flag(withCountry, "with-country")
	flag(withElection, "with-election-word")
	flag(withCountry && withElection, "with-country-and-election-word")
	return f
}

// yearsAfter is how many years the latest year named lies after y.
func yearsAfter(seen []yearSeen, y int) int {
	latest := y
	for _, o := range seen {
		latest = max(latest, o.year)
	}
	return latest - y
}

// kindOr is kind, or the kind an undated election of c is taken to be.
func kindOr(kind, c string) string {
	if kind == "" && c == "US" {
		return "presidential"
	}
	return kind
}
