// Package resolve turns the mentions of one article into its entities: one
// entity per real-world thing, however the article names it (full names
// and surnames, acronyms and long forms, possessives, capital-city
// metonyms, demonyms that name an actor, misspellings within one edit),
// each with a stable canonical id so that a loader can merge the same
// thing across articles. Elections are resolved here too (election.go).
package resolve

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/extract/lexicon"
	"github.com/influencegraph/influencegraph/extract/mention"
	"github.com/influencegraph/influencegraph/extract/text"
)

// Entity is one real-world thing of an article.
type Entity struct {
	ID, Type, Name string
	Aliases        []string
	ISO2, Country  string
	Subtype        string
	Wikidata       string
	Year           int
	ElectionKind   string
	Mentions       [][2]int
	// KB is set when the entity comes from the knowledge base.
	KB bool
	// guessedCountry is set when an unknown agency took the state the
	// article names most, for want of a better clue.
	guessedCountry bool
	first          int
	// keys are the normalised name and aliases, for lookups.
	keys []string
	// sur and surKey cache the surname of a person.
	sur, surKey string
}

// surnameOf is the surname of a person's name, computed once.
func (e *Entity) surnameOf() string {
	if e.sur == "" {
		e.sur = surname(e.Name)
		e.surKey = normName(e.sur)
	}
	return e.sur
}

func (e *Entity) surnameKey() string {
	e.surnameOf()
	return e.surKey
}

func (e *Entity) hasKey(k string) bool {
	if len(e.keys) == 0 {
		e.keys = append(e.keys, normName(e.Name))
		for _, a := range e.Aliases {
			e.keys = append(e.keys, normName(a))
		}
	}
	for _, x := range e.keys {
		if x == k {
			return true
		}
	}
	return false
}

// AddAlias records a surface form (not the name, no duplicates).
func (e *Entity) AddAlias(a string) {
	a = strings.TrimSpace(a)
	if a == "" || a == e.Name {
		return
	}
	for _, x := range e.Aliases {
		if x == a {
			return
		}
	}
	e.Aliases = append(e.Aliases, a)
	if len(e.keys) > 0 {
		e.keys = append(e.keys, normName(a))
	}
}

// Ref is one mention of an entity in a sentence.
type Ref struct {
	Start, End int
	Entity     int // index into Doc.Entities
	// Actor is set when the mention names who acted (not a modifier such
	// as "US officials" or a place such as "in Moscow").
	Actor bool
	// Demonym is set for "Russian actors"-style mentions.
	Demonym bool
	// Possessive is set when "'s" follows.
	Possessive bool
	// Modifier is set when a State is used as an adjective ("US officials").
	Modifier bool
}

// Sentence is one sentence with its tokens and entity mentions.
type Sentence struct {
	text.Sentence
	Tokens []text.Token
	Refs   []Ref
	// Demonyms are demonym mentions that name no actor (country hints).
	Demonyms []mention.Mention
	// Mentions are all mentions found, typed or not.
	Mentions []mention.Mention
}

// Doc is a resolved article.
type Doc struct {
	Text      string
	Sentences []Sentence
	Entities  []*Entity
	// Published year and month, 0 when unknown; RefYear is the year
	// relative dates resolve against (published, else the latest year the
	// text names).
	Year, Month, RefYear int
	// Exact says RefYear is the publication's; RefFirm that the text
	// names it so that it may stand in for it (refYear).
	Exact, RefFirm bool
	byID           map[string]int
	// Country is the index of the State entity the article is mostly
	// about, or -1.
	Country int
	// mostNamed is the ISO2 code of the state the text names most.
	mostNamed string
	// Home is the ISO2 code of the country whose voice opens the article
	// ("Taiwan says ..."), "" when none: its bodies report and defend.
	Home string
	// Filed is the ISO2 code of the capital the article's dateline names
	// ("PODGORICA, May 9 -"), or "": the country an election the text
	// names without one belongs to when no voice opens the article.
	Filed string
	// CountryChoices are the elections whose country was inferred, when
	// Input.RecordChoices asked for them.
	CountryChoices []CountryChoice
	// YearChoices are the elections whose year was inferred, when
	// Input.RecordChoices asks.
	YearChoices []YearChoice
	// scratch is the memory Release hands back to the Resolver.
	scratch *scratch
}

// Resolver resolves articles. It is safe for concurrent use.
type Resolver struct {
	lex      *lexicon.Lexicon
	matcher  *mention.Matcher
	namer    *mention.Namer
	splitter *text.Splitter
	// actorNP and modifiers are the lexicon's actor nouns and modifiers.
	actorNP, modifiers *lexicon.WordSet
	// indexes over the knowledge base, built once
	bySurname map[string][]int // person surname -> entry indices
	byFirst   map[string][]int // person first name -> entry indices
	agencies  map[string][]int // ISO2 -> agency entry indices
	// agencyNames are an agency entry's name and aliases in lower case.
	agencyNames map[int][]string
	states      map[string]int    // ISO2 -> entry index
	capitals    map[string]string // lower-case capital -> ISO2 (datelines)
	// pool keeps the scratch memory of resolved articles for the next.
	pool sync.Pool
	// electionNouns and genericHeads screen every word of an article
	// before lex.ElectionNouns and genericBodies are looked up.
	electionNouns, genericHeads *lexicon.WordFilter
}

// New returns a resolver over the knowledge-base matcher and the lexicon.
func New(m *mention.Matcher, lex *lexicon.Lexicon) *Resolver {
	r := &Resolver{
		lex:     lex,
		matcher: m,
		namer:   mention.NewNamer(lex),
		splitter: text.NewSplitter(text.Markers{
			Lines: lex.BoilerLines, Tails: lex.BoilerTails, Teasers: lex.BoilerTeasers,
		}),
		actorNP:       lexicon.NewWordSet(lex.ActorNouns),
		modifiers:     lexicon.NewWordSet(lex.Modifiers),
		bySurname:     map[string][]int{},
		byFirst:       map[string][]int{},
		agencies:      map[string][]int{},
		agencyNames:   map[int][]string{},
		states:        map[string]int{},
		capitals:      map[string]string{},
		electionNouns: lexicon.NewWordFilter(lex.ElectionNouns),
		genericHeads:  lexicon.NewWordFilter(genericBodies),
	}
	for i, e := range m.Entries() {
		switch e.Type {
		case kb.TypePerson:
			// the surname of every spelling: "Erdogan" alone is the
			// Erdoğan whose alias is "Recep Tayyip Erdogan"
			for k := -1; k < len(e.Aliases); k++ {
				n := e.Name
				if k >= 0 {
					n = e.Aliases[k]
				}
				if sn := surname(n); !slices.Contains(r.bySurname[sn], i) && (k < 0 || strings.IndexByte(n, ' ') > 0) {
					r.bySurname[sn] = append(r.bySurname[sn], i)
				}
			}
			if fn := firstName(e.Name); fn != "" && fn != e.Name {
				r.byFirst[fn] = append(r.byFirst[fn], i)
			}
		case kb.TypeState:
			r.states[e.ISO2] = i
			for _, c := range e.Capitals {
				r.capitals[strings.ToLower(c)] = e.ISO2
			}
		case kb.TypeAgency:
			r.agencies[e.Country] = append(r.agencies[e.Country], i)
			names := []string{strings.ToLower(e.Name)}
			for _, a := range e.Aliases {
				names = append(names, strings.ToLower(a))
			}
			r.agencyNames[i] = names
		}
	}
	return r
}

// Input is what the resolver needs of an article.
type Input struct {
	Text, Title string
	// Published is YYYY-MM-DD or "".
	Published string
	URL       string
	// Place is the place of the article's dateline ("PODGORICA"), or "".
	Place string
	// Country, when set, chooses the country of an election the text
	// names without one (electioncountry.go); else the rules do.
	Country CountryScorer
	// Year, when set, chooses the year of an election the text dates
	// nowhere in an article of unknown date (electionyear.go); else the
	// rules do.
	Year YearScorer
	// RecordChoices keeps those choices in Doc.CountryChoices and
	// Doc.YearChoices, for training.
	RecordChoices bool
}

// Resolve finds the entities of one article.
func (r *Resolver) Resolve(in Input) *Doc {
	sc := r.getScratch()
	d := &Doc{Text: in.Text, byID: sc.byID, Sentences: sc.sentences, Entities: sc.entities, scratch: sc}
	d.Year, d.Month = parseDate(in.Published)
	lower := text.LowerASCII(in.Text)
	for _, s := range r.splitter.SentencesScratch(in.Text, lower, in.Title, &sc.split) {
		toks := sc.appendTokens(in.Text, lower, s.Start, s.End)
		sc.known = r.matcher.AppendFind(sc.known[:0], in.Text, s.Start, s.End)
		unk := r.namer.UnknownScratch(in.Text, toks, sc.known, s.Heading, &sc.names)
		known := dropCovered(sc.known, unk)
		all := sc.mentionSlice(len(known) + len(unk))
		all = append(append(all, known...), unk...)
		slices.SortStableFunc(all, func(a, b mention.Mention) int { return a.Start - b.Start })
		sc.newSentence(d, Sentence{Sentence: s, Tokens: toks, Mentions: all})
	}
	d.RefYear = d.Year
	if d.RefYear == 0 {
		d.RefYear, d.RefFirm = refYear(in.Text, in.Title, in.URL)
	} else {
		d.Exact = true
	}
	r.entities(d)
	d.Home = r.homeCountry(d)
	r.rehome(d)
	d.Filed = r.capitals[strings.ToLower(in.Place)]
	r.descriptions(d) // after Home: "the interior ministry" is the home country's
	r.describedFirst(d)
	r.pluralPeople(d)
	r.institutionsAsState(d)
	r.elections(d, in)
	d.Country = -1
	if cc := r.dominantCountry(d); cc != "" {
		if i, ok := d.byID["state:"+cc]; ok {
			d.Country = i
		}
	}
	// a state inside an election's name ("the 2024 U.S. election") is part
	// of that name, not a mention that can act or be acted upon
	for i := range d.Sentences {
		s := &d.Sentences[i]
		out := s.Refs[:0]
		for _, rf := range s.Refs {
			inside := false
			for _, o := range s.Refs {
				if d.Entities[o.Entity].Type == TypeElection && d.Entities[rf.Entity].Type != TypeElection && o.Start <= rf.Start && rf.End <= o.End {
					inside = true
					if e := d.Entities[rf.Entity]; e.Type != kb.TypeState {
						// "the Bundestag election" does not mention the Bundestag
						e.Mentions = slices.DeleteFunc(e.Mentions, func(m [2]int) bool { return m == [2]int{rf.Start, rf.End} })
					}
				}
			}
			if !inside {
				out = append(out, rf)
			}
		}
		s.Refs = out
	}
	for i := range d.Sentences {
		slices.SortStableFunc(d.Sentences[i].Refs, func(a, b Ref) int { return a.Start - b.Start })
	}
	return d
}

// dropCovered removes knowledge-base mentions an unknown name contains
// ("Lisa Monaco" is not the state Monaco).
func dropCovered(known, unk []mention.Mention) []mention.Mention {
	out := known[:0]
	for _, k := range known {
		cov := false
		for _, u := range unk {
			if u.Type != "" && u.Start <= k.Start && k.End <= u.End {
				cov = true
				break
			}
		}
		if !cov {
			out = append(out, k)
		}
	}
	return out
}

func (d *Doc) add(e *Entity) int {
	if i, ok := d.byID[e.ID]; ok {
		return i
	}
	d.Entities = append(d.Entities, e)
	d.byID[e.ID] = len(d.Entities) - 1
	return len(d.Entities) - 1
}

// addKB is add(fromKB(e)), building the entity only when the article
// does not have it yet: most mentions name an entity already added.
func (d *Doc) addKB(e kb.Entry) int {
	if i, ok := d.byID[e.ID]; ok {
		return i
	}
	return d.add(fromKB(e))
}

// Lookup returns the index of the entity with id.
func (d *Doc) Lookup(id string) (int, bool) {
	i, ok := d.byID[id]
	return i, ok
}

func (d *Doc) ref(si int, m mention.Mention, ei int, actor bool) {
	s := &d.Sentences[si]
	r := Ref{Start: m.Start, End: m.End, Entity: ei, Actor: actor}
	r.Possessive = possessiveAfter(s.Tokens, m.End)
	if s.Refs == nil {
		// about one ref per name found: grow once, not on every append
		s.Refs = make([]Ref, 0, max(4, len(s.Mentions)))
	}
	s.Refs = append(s.Refs, r)
	e := d.Entities[ei]
	if e.Mentions == nil {
		e.Mentions = make([][2]int, 0, 4) // most entities are named a few times
	}
	e.Mentions = append(e.Mentions, [2]int{m.Start, m.End})
}

func possessiveAfter(toks []text.Token, end int) bool {
	i := sort.Search(len(toks), func(i int) bool { return toks[i].Start >= end })
	return i < len(toks) && toks[i].Start == end && toks[i].Lower == "'s"
}

// tokenAt returns the index of the token starting at pos, or -1.
func tokenAt(toks []text.Token, pos int) int {
	i := sort.Search(len(toks), func(i int) bool { return toks[i].Start >= pos })
	if i < len(toks) && toks[i].Start == pos {
		return i
	}
	return -1
}

// tokenEndingAt returns the index of the token ending at pos, or -1.
func tokenEndingAt(toks []text.Token, pos int) int {
	i := sort.Search(len(toks), func(i int) bool { return toks[i].End >= pos })
	if i < len(toks) && toks[i].End == pos {
		return i
	}
	return -1
}

func (r *Resolver) entities(d *Doc) {
	// The states the article names, to choose between entries sharing a
	// name ("Central Election Commission").
	named := map[string]int{}
	for _, s := range d.Sentences {
		for _, m := range s.Mentions {
			if m.Entry >= 0 {
				if e := r.matcher.Entry(m.Entry); e.Type == kb.TypeState {
					named[e.ISO2]++
				}
			}
		}
	}
	for cc, n := range named {
		if d.mostNamed == "" || n > named[d.mostNamed] || n == named[d.mostNamed] && cc < d.mostNamed {
			d.mostNamed = cc
		}
	}
	// Pass 1: knowledge-base names, capitals and demonyms.
	for si := range d.Sentences {
		s := &d.Sentences[si]
		for mi, m := range s.Mentions {
			if m.Entry < 0 {
				continue
			}
			if r.qualifiedBody(d, si, mi) {
				continue
			}
			if len(m.Alts) > 0 {
				best, n := m.Entry, named[r.matcher.Entry(m.Entry).Country]
				for _, a := range m.Alts {
					if c := named[r.matcher.Entry(a).Country]; c > n {
						best, n = a, c
					}
				}
				m.Entry = best
			}
			e := r.matcher.Entry(m.Entry)
			if m.Kind == mention.KindName && (e.Type == kb.TypeAgency || e.Type == kb.TypeOrganisation) {
				m.End = r.editionEnd(d, s, m.End)
			}
			surface := d.Text[m.Start:m.End]
			switch m.Kind {
			case mention.KindName:
				if e.Type == kb.TypeState && s.Heading && false {
					continue
				}
				var ei int
				if e.Type == kb.TypeAgency && e.Country != "" && named[e.Country] == 0 && d.mostNamed != "" && d.mostNamed != e.Country && genericName(surface) {
					// "the Supreme Court" in an article about Kenya is
					// Kenya's, not the one the knowledge base knows
					ei = d.add(&Entity{ID: "agency:" + strings.ToLower(d.mostNamed) + "-" + Slug(surface), Type: kb.TypeAgency,
						Name: strings.TrimPrefix(surface, "the "), Country: d.mostNamed, Subtype: e.Subtype})
				} else {
					ei = d.addKB(e)
				}
				d.Entities[ei].AddAlias(surface)
				d.ref(si, m, ei, true)
				if e.Type == kb.TypeState {
					s.Refs[len(s.Refs)-1].Modifier = r.isModifier(s.Tokens, m.End)
				} else if e.Type == kb.TypeOrganisation {
					// "a TikTok campaign", "Facebook accounts": the venue
					s.Refs[len(s.Refs)-1].Modifier = venueNoun[strings.ToLower(r.nextWordAfter(s.Tokens, m.End))]
				} else if e.Type == kb.TypeAgency {
					// "the Senate races", "a Senate nominee": the contest
					// for a seat, not the body
					s.Refs[len(s.Refs)-1].Modifier = raceNoun[strings.ToLower(r.nextWordAfter(s.Tokens, m.End))]
				}
			case mention.KindCapital:
				if !r.capitalIsGovernment(s.Tokens, m) {
					continue
				}
				ei := d.addKB(e)
				d.Entities[ei].AddAlias(surface)
				d.ref(si, m, ei, true)
			case mention.KindDemonym:
				if r.demonymIsActor(d, s, m, surface) {
					ei := d.addKB(e)
					if isPluralDemonym(surface) {
						d.Entities[ei].AddAlias(surface)
					}
					d.ref(si, m, ei, true)
					s.Refs[len(s.Refs)-1].Demonym = true
				} else {
					if m.Entry >= 0 {
						m.Country = r.matcher.Entry(m.Entry).ISO2 // the state it names
					}
					s.Demonyms = append(s.Demonyms, m)
				}
			}
		}
	}
	// Pass 2: typed unknown names, full names before surnames.
	for si := range d.Sentences {
		s := &d.Sentences[si]
		for _, m := range s.Mentions {
			if m.Entry >= 0 || m.Type == "" {
				continue
			}
			if s.Heading && m.Rule != "threat-actor" {
				continue
			}
			if m.Type == kb.TypePerson && strings.IndexByte(d.Text[m.Start:m.End], ' ') < 0 {
				continue // a surname alone: pass 3
			}
			ei := r.unknownEntity(d, s, m)
			if ei < 0 {
				continue
			}
			d.ref(si, m, ei, true)
		}
	}
	// Pass 3: surnames, acronyms, aliases and misspellings of names seen.
	for si := range d.Sentences {
		s := &d.Sentences[si]
		for _, m := range s.Mentions {
			if m.Entry >= 0 {
				continue
			}
			if m.Type != "" && !(m.Type == kb.TypePerson && strings.IndexByte(d.Text[m.Start:m.End], ' ') < 0) && !s.Heading {
				continue
			}
			if m.Type != "" && m.Rule == "threat-actor" {
				continue
			}
			surface := d.Text[m.Start:m.End]
			ei := d.findByNameAt(surface, m.Type, m.Start)
			if ei < 0 && s.Heading && m.Type != "" && strings.IndexByte(surface, ' ') > 0 {
				// a full name in a headline: its surname may be known
				ei = d.findByNameAt(lastToken(surface), kb.TypePerson, m.Start)
			}
			if ei < 0 && strings.IndexByte(surface, ' ') < 0 {
				// a famous surname alone: "Putin", "Trump"
				if e, ok := r.uniqueSurname(surface); ok {
					ei = d.addKB(e)
				}
			}
			if ei < 0 && m.Type == kb.TypePerson && !s.Heading {
				ei = d.add(newPerson(surface))
			}
			if ei < 0 {
				continue
			}
			d.Entities[ei].AddAlias(surface)
			d.ref(si, m, ei, true)
		}
	}
	// Knowledge-base persons named by surname alone ("Putin") and states
	// standing for a person ("Monaco" after "Lisa Monaco").
	for si := range d.Sentences {
		s := &d.Sentences[si]
		for ri := range s.Refs {
			_ = ri
		}
	}
	r.titleReferences(d)
	r.lowerTitleReferences(d)
	r.missions(d)
	// Order entities by first mention, for stable, readable output.
	for _, e := range d.Entities {
		e.first = 1 << 60
		for _, m := range e.Mentions {
			if m[0] < e.first {
				e.first = m[0]
			}
		}
	}
}

// missions finds a state's diplomatic missions described rather than
// named: "China's embassy in the UK", "Iran's mission to the United
// Nations", "the Russian embassy in Berlin" are Agencies of that state.
func (r *Resolver) missions(d *Doc) {
	for si := range d.Sentences {
		s := &d.Sentences[si]
		toks := s.Tokens
		for i, t := range toks {
			kind := ""
			switch t.Lower {
			case "embassy", "consulate", "mission":
				kind = t.Lower
			default:
				continue
			}
			if refAt(s.Refs, t.Start) {
				continue
			}
			// the sending state: "China's", "the Chinese"
			cc, start := "", -1
			if i >= 2 && toks[i-1].Lower == "'s" {
				for _, rf := range s.Refs {
					if rf.End == toks[i-2].End && d.Entities[rf.Entity].Type == kb.TypeState {
						cc, start = d.Entities[rf.Entity].ISO2, rf.Start
					}
				}
			}
			if cc == "" && i >= 1 {
				for _, m := range s.Demonyms {
					if m.End == toks[i-1].End {
						cc, start = r.matcher.Entry(m.Entry).ISO2, m.Start
					}
				}
				for _, rf := range s.Refs {
					if rf.Demonym && rf.End == toks[i-1].End {
						cc, start = d.Entities[rf.Entity].ISO2, rf.Start
					}
				}
			}
			if cc == "" {
				continue
			}
			st, ok := r.stateEntry(cc)
			if !ok {
				continue
			}
			// the host: "in the UK", "to the United Nations", "in Manila"
			hostName, prep, end := "", "", t.End
			if k := i + 1; k+1 < len(toks) && (toks[k].Lower == "in" || toks[k].Lower == "to") {
				prep = toks[k].Lower
				k++
				if toks[k].Lower == "the" && k+1 < len(toks) {
					k++
				}
				for _, rf := range s.Refs {
					if rf.Start == toks[k].Start && d.Entities[rf.Entity].Type != TypeElection {
						hostName, end = theName(d.Entities[rf.Entity]), rf.End
					}
				}
				if hostName == "" {
					for _, m := range s.Mentions {
						if m.Start == toks[k].Start && m.Entry >= 0 && m.Kind == mention.KindCapital {
							hostName, end = d.Text[m.Start:m.End], m.End
						}
					}
				}
			}
			name := strings.ToUpper(kind[:1]) + kind[1:] + " of " + st.Name
			id := "agency:" + strings.ToLower(cc) + "-" + kind
			if hostName != "" {
				name += " " + prep + " " + hostName
				id += "-" + prep + "-" + Slug(strings.TrimPrefix(hostName, "the "))
			}
			e := &Entity{ID: id, Type: kb.TypeAgency, Name: name, Country: cc, Subtype: "diplomatic-mission"}
			ei := d.add(e)
			d.Entities[ei].AddAlias(d.Text[start:end])
			d.ref(si, mention.Mention{Start: start, End: end}, ei, true)
		}
	}
}

// theName is an entity's name with "the" where English wants it.
func theName(e *Entity) string {
	switch e.Name {
	case "United Kingdom", "United States", "United Nations", "European Union", "Netherlands":
		return "the " + e.Name
	}
	return e.Name
}

// titleReferences resolves a title standing alone for the person the
// article introduced with it: "the current Vice President" after "Vice
// President Harris".
func (r *Resolver) titleReferences(d *Doc) {
	for si := range d.Sentences {
		s := &d.Sentences[si]
		toks := s.Tokens
		for i := 1; i < len(toks); i++ {
			if !toks[i].Cap() || !r.namer.IsTitle(toks[i].Lower) || covered(s.Mentions, toks[i].Start, toks[i].End) || refAt(s.Refs, toks[i].Start) {
				continue
			}
			switch toks[i-1].Lower {
			case "the", "current", "former", "then":
			default:
				continue
			}
			j := i
			for j+1 < len(toks) && toks[j+1].Cap() && r.namer.IsTitle(toks[j+1].Lower) {
				j++
			}
			if j+1 < len(toks) && toks[j+1].Cap() {
				i = j
				continue // a name follows: not a title alone
			}
			title := d.Text[toks[i].Start:toks[j].End]
			for ei, e := range d.Entities {
				if e.Type != kb.TypePerson {
					continue
				}
				for _, m := range e.Mentions {
					if m[0] < toks[i].Start && m[0] >= len(title)+1 && d.Text[m[0]-len(title)-1:m[0]] == title+" " {
						d.ref(si, mention.Mention{Start: toks[i].Start, End: toks[j].End}, ei, true)
						goto next
					}
				}
			}
		next:
			i = j
		}
	}
}

func refAt(refs []Ref, pos int) bool {
	for _, r := range refs {
		if r.Start <= pos && pos < r.End {
			return true
		}
	}
	return false
}

func fromKB(e kb.Entry) *Entity {
	return &Entity{ID: e.ID, Type: e.Type, Name: e.Name, ISO2: e.ISO2, Country: e.Country,
		Subtype: e.Subtype, Wikidata: e.Wikidata, KB: true}
}

func newPerson(name string) *Entity {
	name = strings.TrimSpace(name)
	return &Entity{ID: "person:" + Slug(name), Type: kb.TypePerson, Name: name}
}

// findByName returns the entity a lone name refers to: a person's surname
// (or full name), an alias or acronym, or a misspelling within one edit of
// a name already in the article (names of five letters or more).
func (d *Doc) findByName(surface, typ string) int { return d.findByNameAt(surface, typ, -1) }

// firstMention is the earliest start of e's mentions.
func firstMention(e *Entity) int {
	f := 1 << 60
	for _, m := range e.Mentions {
		f = min(f, m[0])
	}
	return f
}

// uniqueSurname returns the knowledge-base person whose surname is s, when
// exactly one has it, or exactly one of those who have it leads a state,
// or else is a candidate.
func (r *Resolver) uniqueSurname(s string) (kb.Entry, bool) {
	if utf8.RuneCountInString(s) < 4 {
		return kb.Entry{}, false
	}
	var found []kb.Entry
	for _, i := range r.bySurname[s] {
		found = append(found, r.matcher.Entry(i))
	}
	if len(found) == 1 {
		return found[0], true
	}
	// "Biden" alone is the president, not his son; "Clinton" alone, in
	// news of elections, the candidate rather than the former president
	for _, subtypes := range [][]string{{"head-of-state", "head-of-government"}, {"candidate"}} {
		var top []kb.Entry
		for _, e := range found {
			if slices.Contains(subtypes, e.Subtype) {
				top = append(top, e)
			}
		}
		if len(top) == 1 {
			return top[0], true
		}
		if len(top) > 1 {
			break
		}
	}
	return kb.Entry{}, false
}

// findByNameAt is findByName for a mention at byte pos: a surname refers
// to a person whose full name came earlier in the text (pos < 0: anywhere).
func (d *Doc) findByNameAt(surface, typ string, pos int) int {
	key := d.scratch.normName(surface)
	if key == "" {
		return -1
	}
	// exact name or alias
	for i, e := range d.Entities {
		if typ != "" && e.Type != typ {
			continue
		}
		if e.hasKey(key) {
			return i
		}
	}
	// surname of a person
	for i, e := range d.Entities {
		if e.Type != kb.TypePerson || (typ != "" && typ != kb.TypePerson) {
			continue
		}
		if (e.surnameKey() == key || (familyFirst[e.Country] || e.Country == "" && familyName[firstName(e.Name)]) && normName(firstName(e.Name)) == key && strings.Count(e.Name, " ") >= 1) && (pos < 0 || firstMention(e) < pos) {
			return i
		}
	}
	// first word of a long organisation name ("Structura")
	if utf8.RuneCountInString(surface) >= 5 && typ == "" {
		for i, e := range d.Entities {
			if e.Type != kb.TypeOrganisation || e.KB {
				continue
			}
			var buf [8]string
			f := appendFields(buf[:0], e.Name)
			if len(f) >= 2 && f[0] == surface {
				return i
			}
		}
	}
	// misspelling of a person's surname or a one-word name
	if utf8.RuneCountInString(surface) >= 5 && strings.IndexByte(surface, ' ') < 0 {
		for i, e := range d.Entities {
			if e.Type == "Election" || pos >= 0 && firstMention(e) > pos {
				continue
			}
			var buf [2]string // on the stack: this runs for every entity
			cands := append(buf[:0], e.Name)
			if e.Type == kb.TypePerson {
				cands = append(cands, e.surnameOf())
			}
			for _, c := range cands {
				if strings.IndexByte(c, ' ') >= 0 || utf8.RuneCountInString(c) < 5 {
					continue
				}
				if d := len(c) - len(surface); d > 2 || d < -2 || c[0] != surface[0] {
					continue // a misspelling keeps the length and the initial
				}
				if dist := Distance(strings.ToLower(c), strings.ToLower(surface)); dist == 1 {
					return i
				}
			}
		}
	}
	return -1
}

// familyFirst lists countries where the family name comes first ("Yoon
// Suk Yeol" is "Yoon", "Xi Jinping" is "Xi").
// familyName are common Chinese, Korean and Vietnamese family names,
// written first: "Wang" after "Wang Liqiang" is the same person even
// when the knowledge base does not know his country.
var familyName = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Fields(`Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo
		Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu
		Ding Ren Shen Yao Xiang Lu Fu Zhong Jin Qian Qin Gu Hou Shao Meng Long Wan Duan Lei Qiu Tan Kong Bai Mao Xue Yan
		Kim Lee Park Choi Jung Jeong Kang Cho Yoon Jang Lim Oh Han Shin Seo Kwon Hwang Ahn Song Yoo Hong Jeon Ko Moon
		Nguyen Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Do Ngo Duong Ly Tsai Hsu Chang Kuo Chiang Lai Chiu Ho Wong
		Cheung Leung Chan Lau Tse Yip Ng Tsang Ko Hsieh Lo Teng Tung Koo`) {
		m[n] = true
	}
	return m
}()

var familyFirst = map[string]bool{"CN": true, "TW": true, "HK": true, "KR": true, "KP": true, "JP": true, "VN": true, "MO": true}

// surname is the last word of a person's name, without suffixes (Jr., III)
// and keeping particles ("Le Pen").
func surname(name string) string {
	var buf [8]string
	f := appendFields(buf[:0], name)
	for len(f) > 1 {
		l := strings.TrimSuffix(f[len(f)-1], ".")
		if l == "Jr" || l == "Sr" || l == "II" || l == "III" || l == "IV" {
			f = f[:len(f)-1]
			continue
		}
		break
	}
	if len(f) == 0 {
		return ""
	}
	last := f[len(f)-1]
	if len(f) >= 3 {
		p := f[len(f)-2]
		if p == "Le" || p == "La" || p == "de" || p == "De" || p == "van" || p == "von" || p == "Van" || p == "Von" || p == "Duncan" || p == "al" || p == "Al" || p == "bin" || p == "Huckabee" && false {
			return p + " " + last
		}
	}
	return last
}

func lastToken(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

func firstName(name string) string {
	var buf [8]string
	f := appendFields(buf[:0], name)
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

// appendFields appends the fields of s to dst, as strings.Fields splits
// them: the callers pass a buffer on their stack and allocate nothing.
func appendFields(dst []string, s string) []string {
	start := -1
	for i := 0; i < len(s); {
		r, w := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		if unicode.IsSpace(r) {
			if start >= 0 {
				dst = append(dst, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
		i += w
	}
	if start >= 0 {
		dst = append(dst, s[start:])
	}
	return dst
}

// unknownEntity finds or creates the entity of a typed unknown name.
func (r *Resolver) unknownEntity(d *Doc, s *Sentence, m mention.Mention) int {
	surface := strings.TrimSpace(d.Text[m.Start:m.End])
	surface = strings.TrimRight(surface, ".,")
	switch m.Type {
	case kb.TypePerson:
		// the same person by full name, or a known person with the same
		// surname and a compatible first name
		sn := surname(surface)
		fn := firstName(surface)
		for i, e := range d.Entities {
			if e.Type != kb.TypePerson {
				continue
			}
			for k := -1; k < len(e.Aliases); k++ {
				n := e.Name
				if k >= 0 {
					n = e.Aliases[k]
				}
				if strings.Count(n, " ") == 0 {
					continue
				}
				if surname(n) == sn && compatibleFirst(firstName(n), fn) {
					e.AddAlias(surface)
					return i
				}
			}
		}
		for _, ki := range r.bySurname[sn] {
			e := r.matcher.Entry(ki)
			if compatibleFirst(firstName(e.Name), fn) {
				ei := d.addKB(e)
				d.Entities[ei].AddAlias(surface)
				return ei
			}
		}
		// "Karol Nawrocky" for the known "Karol Nawrocki": the same first
		// name and a surname one letter off
		if len(sn) >= 5 {
			for _, ki := range r.byFirst[fn] {
				e := r.matcher.Entry(ki)
				if ksn := surname(e.Name); len(ksn) == len(sn) && ksn[0] == sn[0] && Distance(strings.ToLower(ksn), strings.ToLower(sn)) == 1 {
					ei := d.addKB(e)
					d.Entities[ei].AddAlias(surface)
					return ei
				}
			}
		}
		return d.add(newPerson(surface))
	case kb.TypeOrganisation, kb.TypeAgency:
		if ki, full := r.possessedAgency(d, s, m, surface); ki >= 0 {
			ei := d.addKB(r.matcher.Entry(ki))
			d.Entities[ei].AddAlias(surface)
			d.Entities[ei].AddAlias(full)
			return ei
		}
		if i := d.findByName(surface, ""); i >= 0 {
			d.Entities[i].AddAlias(surface)
			for _, a := range m.Aliases {
				d.Entities[i].AddAlias(a)
			}
			return i
		}
		name := surface
		var aliases []string
		if m.Rule == "threat-actor" {
			aliases = m.Aliases
		} else {
			aliases = m.Aliases
		}
		e := &Entity{Type: m.Type, Name: name}
		if m.Type == kb.TypeAgency {
			cc := r.agencyCountry(d, s, m)
			if cc == "" {
				// "US Drug Enforcement Administration", "Chinese Embassy":
				// a state named at the start of the name
				for _, o := range r.matcher.Find(surface, 0, len(surface)) {
					if en := r.matcher.Entry(o.Entry); o.Start == 0 && en.Type == kb.TypeState {
						cc = en.ISO2
						if rest := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(surface[o.End:], "'s"), "’s")); o.Kind == mention.KindName && rest != "" {
							// "US Drug Enforcement Administration" is named
							// "Drug Enforcement Administration", of the US
							aliases = append(aliases, surface)
							name = rest
							e.Name = rest
						}
					}
				}
			}
			if cc == "" {
				// "the National Election Commission" in an article about
				// one country: that country's
				cc = d.mostNamed
				e.guessedCountry = true
			}
			if cc == "" {
				e.Type = kb.TypeOrganisation
			} else {
				e.Country = cc
				e.ID = "agency:" + strings.ToLower(cc) + "-" + Slug(name)
			}
		}
		if e.ID == "" {
			e.ID = "org:" + Slug(name)
		}
		ei := d.add(e)
		for _, a := range aliases {
			d.Entities[ei].AddAlias(a)
		}
		return ei
	}
	return -1
}

// agencyCountry ties an unknown agency to a state: a demonym or state
// right before it, "of <State>" inside it, or "a <Demonym> government
// agency" after it.
func (r *Resolver) agencyCountry(d *Doc, s *Sentence, m mention.Mention) string {
	for _, o := range s.Mentions {
		if o.Entry < 0 {
			continue
		}
		e := r.matcher.Entry(o.Entry)
		if e.Type != kb.TypeState {
			continue
		}
		// inside ("Security Service of Ukraine") or adjacent before
		if o.Start >= m.Start && o.End <= m.End {
			return e.ISO2
		}
		if o.End <= m.Start {
			gap := d.Text[o.End:m.Start]
			if len(strings.TrimSpace(strings.NewReplacer("'s", "", "’s", "").Replace(gap))) == 0 {
				return e.ISO2
			}
		}
		if o.Start >= m.End && o.Start-m.End < 40 {
			between := d.Text[m.End:o.Start]
			if strings.HasPrefix(strings.TrimSpace(between), "of") || strings.Contains(between, ", a") {
				return e.ISO2
			}
		}
	}
	return ""
}

func compatibleFirst(a, b string) bool {
	if a == "" || b == "" || a == b {
		return true
	}
	a, b = strings.TrimSuffix(a, "."), strings.TrimSuffix(b, ".")
	return strings.HasPrefix(a, b) || strings.HasPrefix(b, a)
}

// isModifier reports whether a state name is used as an adjective before
// a noun ("US officials", "U.S. Treasury"), not as the state itself.
func (r *Resolver) isModifier(toks []text.Token, end int) bool {
	from := sort.Search(len(toks), func(i int) bool { return toks[i].Start >= end })
	for i := from; i < len(toks); i++ {
		t := toks[i]
		if t.Start > end+1 {
			return false
		}
		// "U.S. and foreign elections": coordinated adjectives
		if (t.Lower == "and" || t.Lower == "or") && i+1 < len(toks) {
			switch toks[i+1].Lower {
			case "foreign", "other", "allied", "western", "international", "local", "state", "global", "domestic", "regional", "partner", "european":
				return true
			}
			return false
		}
		if t.Cap() || !t.Word() {
			return false
		}
		return r.modifiers.Match(t.Lower)
	}
	return false
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// capitalIsGovernment reports whether a capital-city mention stands for
// the government ("Tehran's influence campaign", "accusing Moscow") rather
// than the place ("in Moscow", a dateline).
func (r *Resolver) capitalIsGovernment(toks []text.Token, m mention.Mention) bool {
	i := tokenAt(toks, m.Start)
	if i > 0 {
		switch toks[i-1].Lower {
		case "in", "from", "at", "near", "to", "outside", "around", "visit", "visited", "via":
			return false
		}
	}
	if strings.HasPrefix(r.textAfter(toks, m.End), "-based") {
		return false // "Moscow-based": a place
	}
	j := tokenEndingAt(toks, m.End)
	if j >= 0 && j+1 < len(toks) {
		switch toks[j+1].Lower {
		case "(", "court", "city", "mayor", "police", "airport", "university", "residents":
			return false
		}
	}
	return true
}

// venueNouns after a platform's name make it the place, not the actor.
// raceNoun words after a legislature's name make it a modifier of a
// contest for its seats ("the Senate races", "a Senate nominee").
var raceNoun = map[string]bool{"race": true, "races": true, "seat": true, "seats": true, "candidate": true,
	"candidates": true, "nominee": true, "nominees": true, "contest": true, "contests": true,
	"hopeful": true, "hopefuls": true, "primary": true, "primaries": true, "runoff": true}

var venueNoun = map[string]bool{"campaign": true, "campaigns": true, "accounts": true, "account": true,
	"posts": true, "post": true, "videos": true, "video": true, "users": true, "pages": true, "page": true,
	"ads": true, "channel": true, "channels": true, "profiles": true, "feed": true, "groups": true,
	"bots": true, "influencers": true, "domains": true, "sites": true}

func (r *Resolver) nextWordAfter(toks []text.Token, pos int) string {
	for _, t := range toks {
		if t.Start > pos {
			return t.Text
		}
	}
	return ""
}

// textAfter returns the text of the token containing or following pos,
// from pos on.
func (r *Resolver) textAfter(toks []text.Token, pos int) string {
	for _, t := range toks {
		if t.End > pos && t.Start <= pos {
			return t.Text[pos-t.Start:]
		}
	}
	return ""
}

// demonymIsActor reports whether a demonym names who acted: a plural
// people form ("the Russians"), or a demonym before an actor noun
// ("Iranian hackers", "the Chinese campaign", "Russian government"),
// possibly coordinated ("the Iranian and Russian actions").
func (r *Resolver) demonymIsActor(d *Doc, s *Sentence, m mention.Mention, surface string) bool {
	if isPluralDemonym(surface) {
		return true
	}
	// "Slovaks", "Poles": a people form, the adjective plus s
	if e := r.matcher.Entry(m.Entry); strings.HasSuffix(surface, "s") {
		for _, dn := range e.Demonyms {
			if dn == surface[:len(surface)-1] {
				return true
			}
		}
	}
	// "Two were Russian": a predicate naming who they were
	if i := tokenAt(s.Tokens, m.Start); i > 0 && isBeWord(s.Tokens[i-1].Lower) {
		if j := tokenEndingAt(s.Tokens, m.End); j >= 0 && (j+1 == len(s.Tokens) || !s.Tokens[j+1].Word()) {
			return true
		}
	}
	if rest := d.Text[m.End:min(len(d.Text), m.End+12)]; strings.HasPrefix(rest, "-") {
		// "Russian-backed hackers", "Iranian-linked accounts"
		for _, suf := range []string{"-backed", "-linked", "-sponsored", "-aligned", "-affiliated", "-controlled", "-directed", "-funded", "-run"} {
			if strings.HasPrefix(rest, suf) {
				return true
			}
		}
		return false
	}
	j := tokenEndingAt(s.Tokens, m.End)
	if j < 0 {
		return false
	}
	k := j + 1
	// "Iranian and Russian actions": skip the coordinated demonym
	for k+1 < len(s.Tokens) && (s.Tokens[k].Lower == "and" || s.Tokens[k].Lower == "or" || s.Tokens[k].Lower == ",") && s.Tokens[k+1].Cap() {
		k += 2
	}
	// skip one or two modifiers ("Chinese propaganda network", "Russian influence operation actors")
	for n := 0; n < 4 && k < len(s.Tokens); n++ {
		w := s.Tokens[k].Lower
		if r.isActorNoun(w) {
			return true
		}
		if !s.Tokens[k].Word() || s.Tokens[k].Cap() {
			return false
		}
		k++
	}
	return false
}

func (r *Resolver) isActorNoun(w string) bool { return r.actorNP.Match(w) }

func isPluralDemonym(s string) bool {
	return strings.HasSuffix(s, "ns") || strings.HasSuffix(s, "is") && len(s) > 4 && false
}

// editionEnd extends a known outlet or body over the untyped capitalised
// words glued to it: "Sputnik Mundo", "RT en Espanol" are RT's and
// Sputnik's editions.
func (r *Resolver) editionEnd(d *Doc, s *Sentence, end int) int {
	for _, u := range s.Mentions {
		if u.Start < end {
			continue
		}
		// the first mention after the name: an untyped one right after it
		if u.Entry < 0 && u.Type == "" {
			switch d.Text[end:u.Start] {
			case " ", " en ", " de ", " la ", " del ", " auf ":
				return u.End
			}
		}
		return end
	}
	return end
}

// genericName reports a name any state's body may bear: two or more
// capitalised common words ("Supreme Court", "Central Election
// Commission"), not an acronym or a proper name such as "Bundestag".
func genericName(s string) bool {
	f := strings.Fields(s)
	if len(f) < 2 {
		return false
	}
	for _, w := range f {
		switch w {
		case "Supreme", "Court", "Constitutional", "Central", "Election", "Electoral", "Commission", "Committee",
			"National", "Security", "Council", "Ministry", "of", "the", "Foreign", "Affairs", "Interior", "Justice",
			"Defence", "Defense", "Parliament", "Assembly", "Senate", "Police", "General", "Prosecutor", "Prosecutor's",
			"Office", "Intelligence", "Service", "State", "Federal", "Presidential", "Administration", "Cabinet":
		default:
			return false
		}
	}
	return true
}

func isBeWord(w string) bool {
	switch w {
	case "was", "were", "is", "are", "been":
		return true
	}
	return false
}

// Slug makes a lower-case, hyphenated id part from a name.
func Slug(s string) string {
	var b strings.Builder
	s = foldAccents(s)
	b.Grow(len(s))
	dash := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’' || r == '.':
		default:
			dash = true
		}
	}
	return b.String()
}

func normName(s string) string {
	s = strings.ReplaceAll(s, "’", "'")
	s = strings.TrimSuffix(s, "'s")
	s = strings.TrimPrefix(s, "the ")
	s = strings.TrimPrefix(s, "The ")
	return Slug(s)
}

var accentFold = strings.NewReplacer("á", "a", "à", "a", "â", "a", "ä", "a", "ã", "a", "å", "a",
	"é", "e", "è", "e", "ê", "e", "ë", "e", "í", "i", "ì", "i", "î", "i", "ï", "i",
	"ó", "o", "ò", "o", "ô", "o", "ö", "o", "õ", "o", "ú", "u", "ù", "u", "û", "u", "ü", "u",
	"ç", "c", "ñ", "n", "ș", "s", "ş", "s", "ț", "t", "ţ", "t", "č", "c", "š", "s", "ž", "z",
	"Á", "A", "É", "E", "Í", "I", "Ó", "O", "Ú", "U", "Ç", "C", "Ñ", "N", "Š", "S", "Ž", "Z", "Č", "C")

func foldAccents(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return accentFold.Replace(s)
		}
	}
	return s // ASCII: nothing to fold
}

// Distance is the Damerau-Levenshtein (optimal string alignment) distance
// between a and b, counted in runes.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	n, m := len(ra), len(rb)
	if n == 0 {
		return m
	}
	if m == 0 {
		return n
	}
	prev2 := make([]int, m+1)
	prev := make([]int, m+1)
	cur := make([]int, m+1)
	for j := 0; j <= m; j++ {
		prev[j] = j
	}
	for i := 1; i <= n; i++ {
		cur[0] = i
		for j := 1; j <= m; j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[m]
}
