package resolve

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/extract/mention"
	"github.com/influencegraph/influencegraph/extract/text"
)

// TypeElection is the entity type of elections.
const TypeElection = "Election"

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }

// isYear reports a plausible four-digit year (1950-2049).
func isYear(s string) bool {
	if len(s) != 4 || !isNumber(s) {
		return false
	}
	y, _ := strconv.Atoi(s)
	return y >= 1950 && y < 2050
}

func parseDate(s string) (int, int) {
	if len(s) < 7 {
		if len(s) == 4 {
			y, _ := strconv.Atoi(s)
			return y, 0
		}
		return 0, 0
	}
	y, _ := strconv.Atoi(s[:4])
	m, _ := strconv.Atoi(s[5:7])
	return y, m
}

// refYear is the latest plausible year named in the text, title or url:
// the reference for relative dates when the publication date is unknown.
// firm reports that it is also the year named most, and named twice or
// in the title or url: then it stands in for the publication year where
// an election has no other (on the 4,175 annotated articles, 70% of the
// elections such a year dated were right; 40% of those other latest
// years dated).
func refYear(text, title, url string) (year int, firm bool) {
	count := map[int]int{}
	inHead := map[int]bool{}
	for k, p := range [...]string{text, title, url} {
		// four digits standing alone, 1950-2049
		for i := 0; i+4 <= len(p); i++ {
			c := p[i]
			if c != '1' && c != '2' {
				continue
			}
			if i > 0 && isDigitByte(p[i-1]) || i+4 < len(p) && isDigitByte(p[i+4]) {
				continue
			}
			if i > 1 && p[i-1] == '-' && (p[i-2]|0x20 >= 'a' && p[i-2]|0x20 <= 'z') {
				continue // "Storm-2035" is a name, not a year
			}
			if !isDigitByte(p[i+1]) || !isDigitByte(p[i+2]) || !isDigitByte(p[i+3]) {
				continue
			}
			y := int(c-'0')*1000 + int(p[i+1]-'0')*100 + int(p[i+2]-'0')*10 + int(p[i+3]-'0')
			if y >= 1950 && y < 2050 {
				count[y]++
				inHead[y] = inHead[y] || k > 0
				year = max(year, y)
			}
		}
	}
	for _, n := range count {
		if n > count[year] {
			return year, false
		}
	}
	return year, count[year] >= 2 || inHead[year]
}

// schedules of elections held on a fixed cycle: the reference year of an
// undated mention picks the right one.
type schedule struct{ base, every int }

var schedules = map[string]schedule{
	"US/presidential": {2020, 4},
	"US/midterm":      {2018, 4},
	"/european":       {2019, 5},
}

func scheduled(country, kind string, ref int, upcoming, past bool) (int, bool) {
	s, ok := schedules[country+"/"+kind]
	if !ok || ref == 0 {
		return 0, false
	}
	// years of the cycle around ref
	k := (ref - s.base) / s.every
	y := s.base + k*s.every
	if y > ref {
		y -= s.every
	}
	next := y + s.every
	if y == ref {
		return y, true
	}
	if upcoming {
		return next, true
	}
	_ = past
	return y, true
}

type electionMention struct {
	si, start, end int
	country        string
	countryKnown   bool // country said explicitly (even when null)
	year           int
	kind           string
	plural, bare   bool
	// upcoming is set for "the forthcoming election", "the next vote":
	// a bare one never refers back to an election already past.
	upcoming bool
	// bareKind is the kind a bare plural names ("the parliamentary
	// elections"): it refers back only to an election of that kind.
	bareKind string
	// others are the further years of coordinated elections ("the 2019
	// and 2021 general elections").
	others  []yearSpan
	yearEnd int // where the first of coordinated years ends
	// monthOnly is set when a month alone dated it ("the October
	// vote"): the year is the publication's unless the article has
	// already named that country's election.
	monthOnly bool
}

// unnamed reports a mention that names no election of its own ("the
// vote"): no year, kind or country, so it refers back to one named.
func (em *electionMention) unnamed() bool {
	return em.bare && em.year == 0 && em.kind == "" && !em.countryKnown
}

// yearSpan is one year of coordinated elections and where it is written.
type yearSpan struct{ year, start, end int }

var monthWords = map[string]bool{"january": true, "february": true, "march": true, "april": true, "may": true,
	"june": true, "july": true, "august": true, "september": true, "october": true, "november": true,
	"december": true, "oct.": true, "nov.": true, "dec.": true, "sept.": true, "jan.": true, "feb.": true, "aug.": true}

var weekdayWords = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true}

var vague = map[string]bool{"multiple": true, "many": true, "several": true, "other": true, "future": true,
	"foreign": true, "democratic": true, "all": true, "some": true, "any": true, "these": true, "those": true,
	"two": true, "three": true, "four": true, "five": true, "six": true, "dozen": true, "numerous": true,
	"various": true, "recent": true, "free": true, "fair": true, "national": false, "its": true, "their": true,
	"our": true, "country's": true, "countries'": true, "own": true, "upcoming": false, "crucial": false, "key": true}

// elections finds the election mentions of the article and resolves each
// to a country, a year and a kind; mentions of the same election share
// one entity.
func (r *Resolver) elections(d *Doc, in Input) {
	ems := d.scratch.electionMentions()
	defer func() { d.scratch.keepElectionMentions(ems) }()
	for si := range d.Sentences {
		s := &d.Sentences[si]
		for ti, t := range s.Tokens {
			if !r.electionNouns.MayHave(t.Lower) {
				continue
			}
			plural, ok := r.lex.ElectionNouns[t.Lower]
			if !ok || t.Cap() && ti+1 < len(s.Tokens) && s.Tokens[ti+1].Cap() {
				continue
			}
			if covered(s.Mentions, t.Start, t.End) {
				continue
			}
			em := r.electionAt(d, s, si, ti, plural)
			if em == nil {
				continue
			}
			for k, y := range em.others {
				o := *em
				o.year, o.others, o.start = y.year, nil, y.start
				if k > 0 {
					o.end = y.end // a middle year of "2016, 2019 and 2021"
				}
				ems = append(ems, o)
			}
			if len(em.others) > 0 {
				em.end = em.yearEnd // the first year names only its own
			}
			ems = append(ems, *em)
		}
	}
	if len(ems) == 0 {
		return
	}
	dom := r.dominantCountry(d)
	if d.Home != "" {
		dom = d.Home
	} else if d.Filed != "" {
		dom = d.Filed
	}
	named := false // the article names an election, not only "the vote"
	for _, em := range ems {
		named = named || !em.unnamed()
	}
	var last = -1
	for _, em := range ems {
		if em.unnamed() {
			to := last
			if em.upcoming && to >= 0 && d.RefYear != 0 && d.Entities[to].Year < d.RefYear {
				// "the forthcoming election" after a past one was named:
				// the one still to come, if the article names it
				to = -1
				for i, e := range d.Entities {
					if e.Type == TypeElection && e.Year >= d.RefYear {
						to = i
					}
				}
			}
			if to >= 0 && (em.bareKind == "" || d.Entities[to].ElectionKind == em.bareKind) {
				d.ref(em.si, mention.Mention{Start: em.start, End: em.end}, to, false)
				continue
			}
			if to >= 0 || named {
				continue
			}
			// "influence the election" in an article that names no
			// election: the article's own, in its country and the year
			// its header or text gives
		}
		country := em.country
		if !em.countryKnown {
			if em.kind == "european" {
				country = ""
			} else {
				country = r.electionCountry(d, in, &em, dom)
			}
		}
		kind := em.kind
		if kind == "" && country == "US" {
			kind = "presidential"
		}
		year := em.year
		if year == 0 && country != "" {
			// "the Slovak vote" in a headline over "Slovakia's 2023
			// parliamentary election": the year the text gives
			// the latest such election named before it, else the first
			// named after it ("the Slovak vote" in a headline)
			for _, o := range ems {
				if o.countryKnown && o.country == country && o.year != 0 && (kind == "" || o.kind == kind || o.kind == "") {
					if o.si > em.si || o.si == em.si && o.start > em.start {
						if year == 0 {
							year = o.year
						}
						break
					}
					year = o.year
				}
			}
		}
		if (year == 0 || em.monthOnly) && !em.countryKnown && !em.upcoming && country != "" {
			// "the October vote" after "the 2016 parliamentary election"
			// was named: that election, not one in the year of publication
			for _, e := range d.Entities {
				if e.Type == TypeElection && e.Country == country && (kind == "" || e.ElectionKind == kind) {
					year = e.Year
				}
			}
		}
		if year == 0 && !d.Exact && country != "" {
			year = r.electionYear(d, in, &em, country, kind)
		}
		if year == 0 {
			y, ok := scheduled(country, kind, d.RefYear, false, false)
			if ok {
				year = y
			} else if d.Exact || d.RefFirm {
				year = d.RefYear
			}
		}
		if year == 0 {
			continue // an election whose year the text does not give
		}
		if kind == "" {
			kind = "general"
			if !em.countryKnown || country == "" {
				kind = "other"
			}
		}
		// one election per country and year in an article, except a
		// referendum held with an election ("Sunday's referendum on
		// joining the EU and the presidential election held the same day")
		ei := -1
		for i, e := range d.Entities {
			if e.Type == TypeElection && e.Year == year && e.Country == country {
				if em.kind != "" && (em.kind == "referendum") != (e.ElectionKind == "referendum") && e.ElectionKind != "other" && e.ElectionKind != "general" && em.kind != "other" && em.kind != "general" {
					continue
				}
				ei = i
				if e.ElectionKind == "other" || e.ElectionKind == "general" && kind != "other" && kind != "general" {
					r.setKind(e, kind)
				}
				break
			}
		}
		if ei < 0 {
			e := &Entity{Type: TypeElection, Country: country, Year: year}
			r.setKind(e, kind)
			ei = d.add(e)
		}
		d.Entities[ei].AddAlias(d.Text[em.start:em.end])
		d.ref(em.si, mention.Mention{Start: em.start, End: em.end}, ei, false)
		last = ei
	}
	// Election ids and names follow their final kind.
	for _, e := range d.Entities {
		if e.Type == TypeElection {
			r.setKind(e, e.ElectionKind)
		}
	}
	d.byID = map[string]int{}
	for i, e := range d.Entities {
		d.byID[e.ID] = i
	}
}

// ruleCountry is the rules' country for an election mention that names
// none: an election of its year the article already named, else local,
// the place the text puts it (localCountry), else dom.
func ruleCountry(d *Doc, em *electionMention, local, dom string) string {
	if em.year != 0 {
		for _, e := range d.Entities {
			if e.Type == TypeElection && e.Year == em.year && (em.kind == "" || e.ElectionKind == em.kind || e.ElectionKind == "general" || e.ElectionKind == "other") {
				return e.Country
			}
		}
	}
	if local != "" {
		return local
	}
	return dom
}

func (r *Resolver) setKind(e *Entity, kind string) {
	e.ElectionKind = kind
	stateName := ""
	if e.Country != "" {
		if st, ok := r.stateEntry(e.Country); ok {
			stateName = st.Name
		}
	}
	e.ID, e.Name = ElectionIdentity(e.Country, e.Year, kind, stateName)
}

// ElectionIdentity returns the canonical id and name of the election of
// the given country (ISO2, "" when unknown), year and kind; stateName is
// the country's name ("" when unknown). Every extractor that meets an
// election names it so, and the graph keeps one node for it.
func ElectionIdentity(country string, year int, kind, stateName string) (id, name string) {
	cc := country
	if cc == "" {
		cc = "XX"
		if kind == "european" {
			cc = "EU"
		}
	}
	id = fmt.Sprintf("election:%s-%d-%s", cc, year, kind)
	place := ""
	if country != "" && stateName != "" {
		place = stateName + " "
	}
	switch {
	case kind == "european":
		name = fmt.Sprintf("%d European Parliament election", year)
	case kind == "referendum":
		name = fmt.Sprintf("%d %sreferendum", year, place)
	case kind == "other" && place == "":
		name = fmt.Sprintf("%d election", year)
	default:
		name = fmt.Sprintf("%d %s%s election", year, place, kind)
	}
	return id, name
}

func (r *Resolver) stateEntry(iso2 string) (kb.Entry, bool) {
	if i, ok := r.states[iso2]; ok {
		return r.matcher.Entry(i), true
	}
	return kb.Entry{}, false
}

func covered(ms []mention.Mention, s, e int) bool {
	for _, m := range ms {
		if m.Type != "" && m.Start <= s && e <= m.End {
			return true
		}
	}
	return false
}

// electionAt reads the phrase around the election noun at toks[ti].
func (r *Resolver) electionAt(d *Doc, s *Sentence, si, ti int, plural bool) *electionMention {
	toks := s.Tokens
	em := &electionMention{si: si, start: toks[ti].Start, end: toks[ti].End, plural: plural}
	noun := toks[ti].Lower
	if noun == "referendum" || noun == "referendums" {
		em.kind = "referendum"
	} else if k, ok := r.lex.ElectionKinds[noun]; ok {
		em.kind = k // "the runoff"
	}
	relative := 0 // -1 last year, +1 next year
	upcoming := false
	dated, dayDated := false, false
	month := 0
	for k := ti - 1; k >= 0 && k >= ti-10; k-- {
		switch toks[k].Lower {
		case "upcoming", "next", "coming", "forthcoming", "approaching", "ahead":
			upcoming = true
		}
	}
	indefinite := false
	isVague := false
	yStart, yEnd := 0, 0 // the span of the year last read
	// left modifiers
	b := ti - 1
	for ; b >= 0 && b >= ti-7; b-- {
		t := toks[b]
		w := t.Lower
		if isYear(t.Text) {
			if em.year != 0 && plural && b+1 < ti && (toks[b+1].Lower == "and" || toks[b+1].Lower == ",") {
				// "the 2019 and 2021 general elections": two elections,
				// each named by its year
				em.others = append(em.others, yearSpan{em.year, yStart, yEnd})
			}
			em.year, _ = strconv.Atoi(t.Text)
			yStart, yEnd = t.Start, t.End
			continue
		}
		if k, ok := r.lex.ElectionKinds[w]; ok && !(w == "general" && t.Cap() && false) {
			if k == "european" && b+1 < ti && (toks[b+1].Lower == "country" || toks[b+1].Lower == "countries" || toks[b+1].Lower == "nation") {
				continue // "a European country's 2020 election" is a national one
			}
			if em.kind == "" || em.kind == "general" || em.kind == "other" {
				em.kind = k
			}
			continue
		}
		if cc, ok := r.stateAt(s, t.Start, t.End); ok {
			em.country, em.countryKnown = cc, true
			continue
		}
		if cc, kind, ok := r.legislatureAt(s, t.Start, t.End); ok {
			// "the Bundestag election", "the European Parliament elections"
			if !em.countryKnown {
				em.country, em.countryKnown = cc, true
			}
			if em.kind == "" || em.kind == "general" || em.kind == "other" {
				em.kind = kind
			}
			continue
		}
		if m := r.demonymAt(s, t.Start); m != "" {
			em.country, em.countryKnown = m, true
			continue
		}
		if w == "brexit" && em.year == 0 {
			// "the Brexit vote" is the 2016 UK referendum on leaving the EU
			em.country, em.countryKnown, em.year, em.kind = "GB", true, 2016, "referendum"
			continue
		}
		if cc := regionDemonym[t.Text]; cc != "" {
			em.country, em.countryKnown = cc, true // "the 2014 Scottish independence referendum"
			continue
		}
		if (w == "year's" || w == "year" && b+1 < ti && toks[b+1].Lower == "'s") && b > 0 && toks[b-1].Lower == "that" && em.year == 0 {
			// "at that year's federal election": the year just named
			if y := yearBefore(d, si, toks[b].Start); y != 0 {
				em.year = y
				b--
				continue
			}
		}
		switch w {
		case "the", "'s", "u.s.", "upcoming", "next", "coming", "crucial", "first", "second", "round", "of", "decisive",
			"presidential", "this", "year's", "month's", "week's", "last", "country's", "eu", "snap", "early",
			"disputed", "contested", "runoff", "recent", "previous", "independence", "sovereignty", "recall", "membership", "legislative", "special", "forthcoming", "scheduled", "planned", "-", "country", "countries":
			if w == "upcoming" || w == "next" || w == "coming" || w == "forthcoming" {
				upcoming = true
			}
			if w == "last" {
				relative = -1
			}
			if w == "country" || w == "countries" {
				// "an unnamed European country's 2020 election"
				for c := b - 1; c >= 0 && c >= b-4; c-- {
					if toks[c].Lower == "unnamed" || toks[c].Lower == "unidentified" || toks[c].Lower == "undisclosed" {
						em.country, em.countryKnown = "", true
					}
				}
				if !em.countryKnown {
					isVague = true
				}
			}
			continue
		case "a", "an":
			indefinite = true
		}
		if (w == "and" || w == ",") && plural && em.year != 0 && b > 0 && isYear(toks[b-1].Text) {
			continue // "the 2019 and 2021 elections"
		}
		if (w == "and" || w == "or" || w == ",") && b > 0 && b+1 < ti && r.kindWord(toks[b-1].Lower) && r.kindWord(toks[b+1].Lower) {
			continue // "the 2023 presidential and parliamentary elections": one vote, two kinds
		}
		if (w == "'" || w == "’") && b > 0 && toks[b-1].End == t.Start && strings.HasSuffix(toks[b-1].Text, "s") {
			continue // "the Philippines' 2025 midterm elections": a possessive
		}
		if weekdayWords[strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")] {
			// "Sunday's second round of the legislative elections": the
			// one held this week, plural or not
			dated, dayDated = true, true
			continue
		}
		if monthWords[w] || w == "oct" || w == "nov" || w == "dec" {
			dated = true // "the November election": this year's
			if month == 0 {
				month = monthNumber(w)
			}
			continue
		}
		if (w == "year" || w == "month") && b > 0 {
			// "next year's", "last year's", "next month's vote"
			switch toks[b-1].Lower {
			case "next":
				if w == "year" || d.Month == 12 {
					relative = +1
				}
				upcoming = true
			case "last":
				if w == "year" || d.Month == 1 {
					relative = -1
				}
			}
			if relative == 0 && d.RefYear != 0 {
				em.year = d.RefYear
			}
			b--
			continue
		}
		if vague[w] {
			isVague = true
		}
		if t.Word() && isNumber(t.Text) {
			continue // "Oct. 26 elections"
		}
		break
	}
	if b >= 0 && b < ti {
		_ = b
	}
	start := ti
	for k := ti - 1; k > b; k-- {
		start = k
	}
	if start < ti {
		// the phrase starts at the first modifier that is not an article
		for start < ti && (toks[start].Lower == "the" || toks[start].Lower == "of" || toks[start].Lower == "'s") {
			start++
		}
		em.start = toks[start].Start
	}
	// right context
	a := ti + 1
	if a < len(toks) {
		w := toks[a].Lower
		if isYear(toks[a].Text) {
			em.year, _ = strconv.Atoi(toks[a].Text)
			em.end = toks[a].End
			a++
		} else if r.lex.ElectionNotNext[w] && em.year == 0 {
			return nil // "election interference"
		} else if w == "worldwide" || w == "around" || w == "across" {
			isVague = true
		}
	}
	for k := a; k < len(toks) && k < a+6; k++ {
		w := toks[k].Lower
		if w == "in" || w == "of" || w == "on" || w == "the" && k == a+1 {
			continue
		}
		if cc, ok := r.stateAt(s, toks[k].Start, toks[k].End); ok && toks[a].Lower == "in" && (k == a+1 || k == a+2 && toks[a+1].Lower == "the") {
			if !em.countryKnown {
				em.country, em.countryKnown = cc, true
			}
			continue
		}
		if monthWords[w] {
			continue
		}
		if w == "last" && k+1 < len(toks) && toks[k+1].Lower == "year" {
			relative = -1
			break
		}
		if w == "next" && k+1 < len(toks) && toks[k+1].Lower == "year" {
			relative = +1
			break
		}
		if (w == "next" || w == "this") && k+1 < len(toks) && (toks[k+1].Lower == "week" || toks[k+1].Lower == "month" || toks[k+1].Lower == "sunday") && d.RefYear != 0 && em.year == 0 {
			// "the legislative elections next week"
			em.year = d.RefYear
			if w == "next" && toks[k+1].Lower == "month" && d.Month == 12 {
				em.year++
			}
			break
		}
		if isYear(toks[k].Text) && (toks[k-1].Lower == "in" || monthWords[toks[k-1].Lower]) && em.year == 0 {
			em.year, _ = strconv.Atoi(toks[k].Text)
			break
		}
		break
	}
	if isVague && em.year == 0 || isVague && !em.countryKnown {
		return nil
	}
	if r.lex.QualifiedElectionNouns[noun] && em.year == 0 && em.kind == "" && relative == 0 {
		return nil // "the arms race"
	}
	// "meddling in European elections": a plural without article, year or
	// country speaks of elections in general ("next month's elections",
	// dated relative to the article, do not)
	if em.plural && em.year == 0 && relative == 0 && !em.countryKnown && !dayDated && (start == ti || (start == 0 || toks[start-1].Lower != "the") && toks[start].Lower != "the") && !determined(toks, start) {
		return nil
	}
	// "Beijing's efforts to interfere in Taiwan's elections": a country's
	// elections with no year, kind or date are its elections in general
	if em.plural && em.year == 0 && em.countryKnown && em.kind == "" && !dated && relative == 0 && !upcoming &&
		start+2 == ti && toks[start+1].Lower == "'s" {
		return nil
	}
	if em.year == 0 && relative != 0 && d.RefYear != 0 {
		em.year = d.RefYear + relative
	}
	if em.year == 0 && relative == 0 && !upcoming && len(toks) > 3 && ti > 2 && (toks[0].Lower == "in" || toks[0].Lower == "during") && isYear(toks[1].Text) && toks[2].Text == "," {
		// "In 2022, the network posted about Kenya's general election":
		// the year that opens the sentence dates it
		em.year, _ = strconv.Atoi(toks[1].Text)
	}
	if em.year == 0 && dated && d.Exact && (!em.plural || dayDated) {
		em.year = d.RefYear
		em.monthOnly = !dayDated && relative == 0 && !upcoming
		// the month nearest the publication date: "the January vote"
		// in a December article is next year's
		if month > 0 && d.Month > 0 {
			if d.Month-month > 6 {
				em.year++
			} else if month-d.Month > 6 {
				em.year--
			}
		}
	}
	if em.year == 0 && em.kind != "" && em.kind != "other" || em.year == 0 && em.countryKnown {
		if y, ok := scheduled(em.country, kindOrPres(em), d.RefYear, upcoming, relative < 0); ok {
			em.year = y
		}
	}
	em.upcoming = upcoming
	if em.plural && em.year == 0 && !em.countryKnown && em.kind == "" {
		em.bare = true
	}
	if indefinite && em.year == 0 && !em.countryKnown {
		return nil
	}
	if em.year == 0 && !em.countryKnown && em.kind == "" {
		em.bare = true
	}
	if em.plural && em.year == 0 && !em.countryKnown && em.kind != "" && em.kind != "european" {
		// "the parliamentary elections": the one named, if any
		em.bare = true
		em.bareKind = em.kind
		em.kind = ""
	}
	em.yearEnd = yEnd
	return em
}

// politicalNoun are the words after "X's" that make X the country whose
// politics the sentence is about ("Taiwan's ruling party", "Moldova's
// voters"), not an actor ("Iran's efforts").
var politicalNoun = map[string]bool{"ruling": true, "governing": true, "party": true, "parties": true, "opposition": true,
	"voters": true, "electorate": true, "parliament": true, "president": true, "presidential": true, "parliamentary": true,
	"government": true, "candidate": true, "candidates": true, "democracy": true, "prime": true, "politics": true,
	"political": true, "coalition": true, "lawmakers": true, "legislature": true}

// kindWord reports whether w names a kind of election ("presidential",
// "parliamentary", "local").
func (r *Resolver) kindWord(w string) bool {
	_, ok := r.lex.ElectionKinds[w]
	return ok
}

// localCountry is the country an election named without one belongs to
// by its own sentence: the nearest state before it that the sentence
// places the vote in ("in Montenegro", "against Georgia") or whose
// politics it names ("Taiwan's ruling party"). "" when there is none:
// the article's home or main country is used then. A state in subject
// position is the actor and gives nothing.
func (r *Resolver) localCountry(d *Doc, em *electionMention) string {
	s := &d.Sentences[em.si]
	// "the referendum in Catalonia": the place right after the noun
	if k := tokenEndingAt(s.Tokens, em.end); k >= 0 && k+2 < len(s.Tokens) && s.Tokens[k+1].Lower == "in" {
		for _, rf := range s.Refs {
			if rf.Start == s.Tokens[k+2].Start && d.Entities[rf.Entity].Type == kb.TypeState && !rf.Demonym {
				return d.Entities[rf.Entity].ISO2
			}
		}
	}
	best := ""
	for _, rf := range s.Refs {
		if rf.Start >= em.start {
			break
		}
		e := d.Entities[rf.Entity]
		if e.Type != kb.TypeState || rf.Demonym || rf.Modifier {
			continue
		}
		k := tokenAt(s.Tokens, rf.Start)
		if k < 0 {
			continue
		}
		prev := ""
		if k > 0 {
			prev = s.Tokens[k-1].Lower
			if prev == "the" && k > 1 {
				prev = s.Tokens[k-2].Lower // "in the Central African Republic"
			}
		}
		n := k + 1
		for n < len(s.Tokens) && s.Tokens[n].Start < rf.End {
			n++
		}
		switch {
		case (prev == "in" || prev == "against" || prev == "into") && em.start-rf.End <= 120:
			// "accounts based in Russia ... spread stories around the
			// referendum" is too far off to say where the vote is held
			best = e.ISO2
		case rf.Possessive && n+1 < len(s.Tokens) && politicalNoun[s.Tokens[n+1].Lower]:
			best = e.ISO2
		}
	}
	return best
}

// determined reports whether the phrase starting at toks[i] follows a
// definite article or a possessive.
func determined(toks []text.Token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		switch toks[k].Lower {
		case "the", "'s", "this", "these", "its", "their":
			return true
		}
	}
	return false
}

// monthNumber returns 1-12 for a month name or abbreviation, else 0.
func monthNumber(w string) int {
	w = strings.TrimSuffix(w, ".")
	for i, m := range []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		if strings.HasPrefix(w, m) {
			return i + 1
		}
	}
	return 0
}

func kindOrPres(em *electionMention) string {
	if em.kind == "" && em.country == "US" {
		return "presidential"
	}
	return em.kind
}

func isNumber(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// stateAt returns the state whose name (not demonym) covers [s,e).
func (r *Resolver) stateAt(sen *Sentence, s, e int) (string, bool) {
	for _, m := range sen.Mentions {
		if m.Entry < 0 || m.Kind == mention.KindDemonym {
			continue
		}
		if m.Start <= s && e <= m.End {
			en := r.matcher.Entry(m.Entry)
			if en.Type == kb.TypeState {
				return en.ISO2, true
			}
		}
	}
	return "", false
}

// legislatureAt returns the country and election kind of the legislature
// whose name covers [s,e): an election of the Bundestag is Germany's
// parliamentary election, one of the European Parliament the European
// election (country "").
func (r *Resolver) legislatureAt(sen *Sentence, s, e int) (string, string, bool) {
	for _, m := range sen.Mentions {
		if m.Entry < 0 || m.Start > s || e > m.End {
			continue
		}
		en := r.matcher.Entry(m.Entry)
		switch {
		case en.ID == "org:european-parliament":
			return "", "european", true
		case en.Type == kb.TypeAgency && en.Subtype == "legislature":
			return en.Country, "parliamentary", true
		}
	}
	return "", "", false
}

func (r *Resolver) demonymAt(sen *Sentence, s int) string {
	for _, m := range sen.Mentions {
		// "South Korean": any word of a demonym of several words
		if m.Entry >= 0 && m.Kind == mention.KindDemonym && m.Start <= s && s < m.End {
			return r.matcher.Entry(m.Entry).ISO2
		}
	}
	return ""
}

// dominantCountry is the state the article is mostly about: state names
// (not demonyms) plus the countries of its known people and agencies.
func (r *Resolver) dominantCountry(d *Doc) string {
	count := map[string]int{}
	first := map[string]int{}
	for _, e := range d.Entities {
		cc := e.Country
		if e.Type == kb.TypeState {
			cc = e.ISO2
		}
		if cc == "" {
			continue
		}
		n := 0
		for range e.Mentions {
			n++
		}
		if e.Type == kb.TypeState {
			// demonym mentions do not count
			n = 0
			for si := range d.Sentences {
				for _, rf := range d.Sentences[si].Refs {
					if d.Entities[rf.Entity] == e && !rf.Demonym {
						n++
						if d.Sentences[si].Heading {
							n += 2 // the headline names what the article is about
						}
					}
				}
			}
		} else {
			n = 1
		}
		count[cc] += n
		if _, ok := first[cc]; !ok {
			first[cc] = len(first)
		}
	}
	best := ""
	for cc, n := range count {
		if best == "" || n > count[best] || n == count[best] && first[cc] < first[best] {
			best = cc
		}
	}
	return best
}

var _ = text.Token{}

// yearBefore returns the last year named before pos in sentence si or,
// failing that, in the sentence before it; 0 when none.
func yearBefore(d *Doc, si, pos int) int {
	for sj := si; sj >= 0 && sj >= si-1; sj-- {
		toks := d.Sentences[sj].Tokens
		for k := len(toks) - 1; k >= 0; k-- {
			if toks[k].Start >= pos {
				continue
			}
			if isYear(toks[k].Text) {
				y, _ := strconv.Atoi(toks[k].Text)
				return y
			}
		}
	}
	return 0
}

// regionDemonym maps the adjective of a region that holds its own votes
// to the state the vote belongs to. It types only elections: "Catalan
// separatists" are not Spain acting.
var regionDemonym = map[string]string{"Scottish": "GB", "Welsh": "GB", "Catalan": "ES", "Gagauz": "MD", "Quebec": "CA"}
