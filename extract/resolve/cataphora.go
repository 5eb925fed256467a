package resolve

import (
	"slices"
	"strings"

	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/extract/mention"
	"github.com/influencegraph/influencegraph/extract/text"
)

// describedFirst links an actor the article describes before it names
// it to that name: "A Tel Aviv marketing company posted ... . The
// company, STOIC, denied it" makes "A Tel Aviv marketing company" a
// mention of STOIC, so that what the description did is credited to the
// name. Only a name set off by commas right after "the <noun>" counts,
// and only an indefinite description with the same head noun that opens
// a clause of that sentence or of the three before it; names inside the description ("Tel
// Aviv") become modifiers, for they say where the actor sits, not who
// acted.
func (r *Resolver) describedFirst(d *Doc) {
	for si := range d.Sentences {
		s := &d.Sentences[si]
		toks := s.Tokens
		for i := 0; i+3 < len(toks); i++ {
			if toks[i+2].Text != "," || toks[i].Lower != "the" || !isLowerWord(toks[i+1]) {
				continue
			}
			noun := toks[i+1].Lower
			ri := refStartingAt(s.Refs, toks[i+3].Start)
			if ri < 0 {
				continue
			}
			rf := s.Refs[ri]
			e := d.Entities[rf.Entity]
			if e.Type != kb.TypeOrganisation && e.Type != kb.TypeAgency {
				continue
			}
			if k := tokenAt(toks, rf.End); k < 0 || toks[k].Text != "," {
				continue // "The company, STOIC," : the name is set off
			}
			r.linkDescription(d, si, toks[i].Start, noun, rf.Entity)
		}
	}
}

// linkDescription finds the nearest indefinite description headed by
// noun before position pos (in sentence si or the three before) and
// makes it a mention of entity ei.
func (r *Resolver) linkDescription(d *Doc, si, pos int, noun string, ei int) {
	for sj := si; sj >= 0 && sj >= si-3; sj-- {
		s := &d.Sentences[sj]
		toks := s.Tokens
		for _, rf := range s.Refs {
			if rf.Entity == ei && rf.Start < pos {
				return // named already: nothing to link
			}
		}
		for k := len(toks) - 1; k >= 0; k-- {
			if toks[k].Start >= pos || toks[k].Lower != noun || !sameHead(toks, k) {
				continue
			}
			a := descriptionStart(toks, k)
			if a < 0 || !r.subjectPosition(toks, a) {
				continue
			}
			start, end := toks[a].Start, toks[k].End
			for x := range s.Refs {
				o := &s.Refs[x]
				if o.Start >= start && o.End <= end {
					if d.Entities[o.Entity].Type == kb.TypePerson {
						return // "a Trump campaign firm" is about someone else
					}
					o.Actor, o.Modifier = false, true
				}
			}
			d.ref(sj, mention.Mention{Start: start, End: end}, ei, true)
			return
		}
	}
}

// sameHead reports whether toks[k] heads its noun phrase rather than
// modifying a word for someone of it ("a company spokesman").
func sameHead(toks []text.Token, k int) bool {
	if k+1 >= len(toks) {
		return true
	}
	switch toks[k+1].Lower {
	case "spokesman", "spokeswoman", "spokesperson", "official", "officials", "employee", "employees",
		"executive", "executives", "statement", "report", "filing", "staff", "founder", "owner", "director":
		return false
	}
	return true
}

// descriptionStart returns the index of the "a"/"an" opening the noun
// phrase headed by toks[k], or -1 when no indefinite article opens it
// within six words; a comma, another article or a clause word between
// them ends the search.
func descriptionStart(toks []text.Token, k int) int {
	for a := k - 1; a >= 0 && a >= k-7; a-- {
		switch toks[a].Lower {
		case "a", "an":
			if a == k-1 {
				return -1 // "a company" with nothing more says too little
			}
			return a
		case "the", "this", "that", "which", "who", "of", "for", "to", "by", "with", "in", "on", "at", "its", "their", "his", "her":
			return -1
		}
		if t := toks[a].Text; t == "," || t == "." || t == ";" || t == ":" || t == "(" || t == ")" || t == "\"" {
			return -1
		}
	}
	return -1
}

// subjectPosition reports whether a noun phrase starting at toks[a]
// opens its sentence or clause (after a dateline, "that" or a reporting
// verb: "researchers say a local agency has been running"), where it
// names who acted; "paid a PR company to ..." names whom someone used.
func (r *Resolver) subjectPosition(toks []text.Token, a int) bool {
	if a == 0 {
		return true
	}
	switch w := toks[a-1].Lower; w {
	case ":", "—", "–", "-", "that":
		return true
	default:
		return r.lex.ReportVerbs[w] || w == "say"
	}
}

func isLowerWord(t text.Token) bool {
	if t.Text == "" {
		return false
	}
	c := t.Text[0]
	return c >= 'a' && c <= 'z'
}

func refStartingAt(refs []Ref, pos int) int {
	for i, r := range refs {
		if r.Start == pos {
			return i
		}
	}
	return -1
}

// pluralPeople links a plural description of people ("the two
// Russians", "the two men", "the pair", "both suspects") to the two
// people the article last named together ("Arkady Belov and Timur
// Zaslavsky") in that sentence or the three before: each of them did
// what the description did. A demonym inside it ("Russians") then says
// where they come from, not that the state acted.
func (r *Resolver) pluralPeople(d *Doc) {
	for si := range d.Sentences {
		s := &d.Sentences[si]
		toks := s.Tokens
		for i := 0; i+1 < len(toks); i++ {
			end := pairDescription(toks, i)
			if end < 0 {
				continue
			}
			a, b := lastPair(d, si, toks[i].Start)
			if a < 0 {
				continue
			}
			start, stop := toks[i].Start, toks[end].End
			s.Refs = slices.DeleteFunc(s.Refs, func(o Ref) bool {
				if o.Start < start || o.End > stop {
					return false
				}
				e := d.Entities[o.Entity]
				e.Mentions = slices.DeleteFunc(e.Mentions, func(m [2]int) bool { return m == [2]int{o.Start, o.End} })
				return true
			})
			// one ref each, the description's last word for the second,
			// so that the two read as one coordinated subject
			d.ref(si, mention.Mention{Start: start, End: toks[end-1].End}, a, true)
			d.ref(si, mention.Mention{Start: toks[end].Start, End: stop}, b, true)
			i = end
		}
	}
}

// pairDescription returns the index of the last token of a description
// of two people starting at toks[i], or -1.
func pairDescription(toks []text.Token, i int) int {
	w := toks[i].Lower
	next := toks[i+1].Lower
	switch {
	case w == "the" && (next == "pair" || next == "duo"):
		return i + 1
	case w == "both" && pairNoun(toks[i+1]):
		return i + 1
	case w == "the" && next == "two" && i+2 < len(toks) && pairNoun(toks[i+2]):
		return i + 2
	case w == "the" && next == "two" && i+2 < len(toks) && pairVerb(toks[i+2].Lower):
		return i + 1 // "the two were charged"
	}
	return -1
}

// pairVerb reports a word that, right after "the two", shows they stand
// alone for people ("the two allegedly paid", "the two were charged").
func pairVerb(w string) bool {
	switch w {
	case "are", "were", "have", "had", "will", "would", "allegedly", "also", "then", "deny", "denied", "face", "faced", "remain", "remained":
		return true
	}
	return false
}

// pairNoun reports a plural noun for people: a few common ones, or a
// plural demonym ("Russians", "Chinese" is no plural and is left out).
func pairNoun(t text.Token) bool {
	switch t.Lower {
	case "men", "women", "suspects", "defendants", "officers", "brothers", "nationals", "agents", "operatives", "businessmen", "politicians":
		return true
	}
	return t.Cap() && strings.HasSuffix(t.Text, "ns") // "Russians", "Iranians", "Serbians"
}

// lastPair returns the two people named together ("A and B") most
// recently before pos in sentence si or the three before it, or -1, -1.
func lastPair(d *Doc, si, pos int) (int, int) {
	for sj := si; sj >= 0 && sj >= si-3; sj-- {
		refs := d.Sentences[sj].Refs
		slices.SortStableFunc(refs, func(a, b Ref) int { return a.Start - b.Start })
		for k := len(refs) - 1; k >= 1; k-- {
			p, q := refs[k-1], refs[k]
			if sj == si && q.End > pos || p.Entity == q.Entity || p.End > q.Start {
				continue
			}
			if d.Entities[p.Entity].Type != kb.TypePerson || d.Entities[q.Entity].Type != kb.TypePerson {
				continue
			}
			if gap := strings.TrimSpace(d.Text[p.End:q.Start]); gap == "and" || gap == "," || gap == ", and" {
				return p.Entity, q.Entity
			}
		}
	}
	return -1, -1
}

// qualifiedBody resolves a generic body name the knowledge base gives to
// one state ("Senate", "Congress", "Supreme Court") when the name of
// another state or its demonym stands right before it: "the Philippine
// Senate" is the Philippines' senate, not the US one. It returns false
// when s.Mentions[mi] is no such name and is left to the caller.
func (r *Resolver) qualifiedBody(d *Doc, si, mi int) bool {
	s := &d.Sentences[si]
	m := s.Mentions[mi]
	if mi == 0 || m.Kind != mention.KindName {
		return false
	}
	e := r.matcher.Entry(m.Entry)
	surface := d.Text[m.Start:m.End]
	if e.Type != kb.TypeAgency || e.Country == "" || !genericName(surface) && !genericBodyWord[surface] {
		return false
	}
	pm := s.Mentions[mi-1]
	if pm.Entry < 0 || pm.End > m.Start || (pm.Kind != mention.KindDemonym && pm.Kind != mention.KindName) {
		return false
	}
	rest, ok := possessiveGap(d.Text[pm.End:m.Start])
	if !ok {
		return false
	}
	st := r.matcher.Entry(pm.Entry)
	if st.Type != kb.TypeState || st.ISO2 == e.Country {
		return false
	}
	// the state's name qualifies the body: it names no actor here
	for x := range s.Refs {
		if o := &s.Refs[x]; o.Start == pm.Start && o.End == pm.End {
			o.Actor, o.Modifier = false, true
		}
	}
	name := d.Text[pm.Start:m.End]
	if d.Text[pm.End:m.Start] != " " {
		name = rest + surface // "Spain's Constitutional Court" is its Constitutional Court
	}
	ei := -1
	low := strings.ToLower(rest + strings.TrimPrefix(surface, "the "))
	for _, ai := range r.agencies[st.ISO2] {
		a := r.matcher.Entry(ai)
		if slices.ContainsFunc(r.agencyNames[ai], func(n string) bool {
			return n == low || strings.HasPrefix(n, low+" of ") || a.Subtype == e.Subtype && strings.HasSuffix(n, " "+low)
		}) {
			ei = d.addKB(a)
			break
		}
	}
	if ei < 0 {
		ei = d.add(&Entity{ID: "agency:" + strings.ToLower(st.ISO2) + "-" + Slug(surface), Type: kb.TypeAgency,
			Name: name, Country: st.ISO2, Subtype: e.Subtype})
	}
	d.Entities[ei].AddAlias(d.Text[pm.Start:m.End])
	d.ref(si, mention.Mention{Start: pm.Start, End: m.End}, ei, true)
	return true
}

// genericBodyWord are one-word body names that every state may have.
var genericBodyWord = map[string]bool{"Congress": true, "Senate": true, "Parliament": true, "Assembly": true,
	"Cabinet": true, "Presidency": true, "Police": true, "Army": true, "Navy": true}

// institutionsAsState makes a state's legislature or government that is
// the object of a takeover ("to capture Moldova's parliament", "seize
// control of the country's government") a mention of the state itself:
// what is aimed at is the country, not the body, which does nothing.
// Only a description counts ("Moldova's parliament"), not a proper name.
func (r *Resolver) institutionsAsState(d *Doc) {
	for si := range d.Sentences {
		s := &d.Sentences[si]
		for x := range s.Refs {
			rf := &s.Refs[x]
			e := d.Entities[rf.Entity]
			if e.Type != kb.TypeAgency || e.Country == "" || e.Subtype != "legislature" && e.Subtype != "government" {
				continue
			}
			surface := d.Text[rf.Start:rf.End]
			if !strings.Contains(surface, " parliament") && !strings.Contains(surface, " government") && !strings.Contains(surface, " institutions") {
				continue
			}
			k := tokenAt(s.Tokens, rf.Start)
			if k < 1 || !takeoverBefore(s.Tokens, k) {
				continue
			}
			st, ok := r.stateEntry(e.Country)
			if !ok {
				continue
			}
			e.Mentions = slices.DeleteFunc(e.Mentions, func(m [2]int) bool { return m == [2]int{rf.Start, rf.End} })
			ei := d.addKB(st)
			rf.Entity, rf.Actor, rf.Possessive, rf.Modifier = ei, true, false, false
			d.Entities[ei].Mentions = append(d.Entities[ei].Mentions, [2]int{rf.Start, rf.End})
		}
	}
}

// takeoverBefore reports a verb of taking over right before toks[k]
// ("capture", "seize control of", "take over the").
func takeoverBefore(toks []text.Token, k int) bool {
	k--
	if k >= 0 && toks[k].Lower == "the" {
		k--
	}
	if k < 0 {
		return false
	}
	switch toks[k].Lower {
	case "capture", "captured", "captures", "capturing", "seize", "seized", "seizing", "hijack", "hijacked", "hijacking":
		return true
	case "of":
		return k >= 1 && toks[k-1].Lower == "control"
	case "over":
		if k >= 1 {
			switch toks[k-1].Lower {
			case "take", "took", "taken", "taking", "takes":
				return true
			}
		}
	}
	return false
}

// possessedAgency returns the knowledge-base agency an unknown name
// right after a state's possessive or demonym stands for, or -1, and the
// name with its state ("Belarus's State Security Committee"):
// "Belarus's State Security Committee" is the entry named "State
// Security Committee of Belarus"; the state picks among the bodies
// every state may have.
func (r *Resolver) possessedAgency(d *Doc, s *Sentence, m mention.Mention, surface string) (int, string) {
	cc, full, name := "", "", ""
	for _, o := range s.Mentions {
		if o.End > m.Start {
			break
		}
		if o.Entry < 0 || o.End+16 < m.Start {
			continue
		}
		rest, ok := possessiveGap(d.Text[o.End:m.Start])
		if !ok {
			continue
		}
		if e := r.matcher.Entry(o.Entry); e.Type == kb.TypeState && (o.Kind == mention.KindName || o.Kind == mention.KindDemonym) {
			cc, full, name = e.ISO2, d.Text[o.Start:m.End], rest+strings.TrimPrefix(surface, "the ")
		}
	}
	if cc == "" {
		return -1, ""
	}
	low := strings.ToLower(name)
	for _, ai := range r.agencies[cc] {
		for _, n := range r.agencyNames[ai] {
			if n == low || strings.HasPrefix(n, low+" of ") {
				return ai, full
			}
		}
	}
	return -1, ""
}

// possessiveGap reports whether gap, the text between a state's name and
// a body's, ties them ("'s ", or a space after a demonym), and returns a
// capitalised word the body's name left out ("State " in "Belgium's
// State Security Service"), which still belongs to it.
func possessiveGap(gap string) (string, bool) {
	rest, ok := strings.CutPrefix(gap, "'s ")
	if !ok {
		rest, ok = strings.CutPrefix(gap, "’s ")
	}
	if !ok {
		rest, ok = strings.CutPrefix(gap, " ")
	}
	if !ok || rest != "" && (!strings.HasSuffix(rest, " ") || strings.Count(rest, " ") != 1 || rest[0] < 'A' || rest[0] > 'Z') {
		return "", false
	}
	return rest, true
}

// rehome gives an unknown agency whose country was only guessed from the
// state the article names most ("the National Election Commission" in a
// story full of North Korean hackers) the country whose voice opens the
// article instead ("South Korea's spy agency said"), and merges it with
// that country's body of the same name when the article or the knowledge
// base has one.
func (r *Resolver) rehome(d *Doc) {
	if d.Home == "" {
		return
	}
	for ei, e := range d.Entities {
		if !e.guessedCountry || e.Country == d.Home || len(e.Mentions) == 0 {
			continue
		}
		low := strings.ToLower(e.Name)
		to := -1
		for _, ai := range r.agencies[d.Home] {
			if slices.ContainsFunc(r.agencyNames[ai], func(n string) bool { return n == low || strings.HasPrefix(n, low+" of ") }) {
				to = d.addKB(r.matcher.Entry(ai))
				break
			}
		}
		id := "agency:" + strings.ToLower(d.Home) + "-" + Slug(e.Name)
		if to < 0 {
			if i, ok := d.byID[id]; ok {
				to = i
			}
		}
		if to < 0 {
			delete(d.byID, e.ID)
			e.ID, e.Country = id, d.Home
			d.byID[id] = ei
			continue
		}
		for si := range d.Sentences {
			for k := range d.Sentences[si].Refs {
				if rf := &d.Sentences[si].Refs[k]; rf.Entity == ei {
					rf.Entity = to
				}
			}
		}
		t := d.Entities[to]
		t.Mentions = append(t.Mentions, e.Mentions...)
		t.AddAlias(e.Name)
		for _, a := range e.Aliases {
			t.AddAlias(a)
		}
		e.Mentions = nil
	}
}

// lowerTitleReferences resolves "the president", "the prime minister"
// to the one person the article introduced with that title ("President
// Maia Sandu"): a lower-case title after "the" that no name follows.
// Two people introduced with the same title make it ambiguous, and it is
// left alone.
func (r *Resolver) lowerTitleReferences(d *Doc) {
	holder := map[string]int{} // lower-case title -> person, -1 when several
	for ei, e := range d.Entities {
		if e.Type != kb.TypePerson {
			continue
		}
		for _, m := range e.Mentions {
			for _, t := range []string{"President ", "Prime Minister ", "Chancellor ", "Premier "} {
				if m[0] >= len(t) && d.Text[m[0]-len(t):m[0]] == t {
					k := strings.ToLower(strings.TrimSpace(t))
					if p, ok := holder[k]; ok && p != ei {
						holder[k] = -1
					} else {
						holder[k] = ei
					}
				}
			}
		}
	}
	if len(holder) == 0 {
		return
	}
	for si := range d.Sentences {
		s := &d.Sentences[si]
		toks := s.Tokens
		for i := 1; i < len(toks); i++ {
			if toks[i-1].Lower != "the" || toks[i].Cap() {
				continue
			}
			title, end := toks[i].Lower, i
			if title == "prime" && i+1 < len(toks) && toks[i+1].Lower == "minister" {
				title, end = "prime minister", i+1
			}
			ei, ok := holder[title]
			if !ok || ei < 0 || end+1 < len(toks) && (toks[end+1].Cap() || toks[end+1].Lower == "of" || toks[end+1].Text == "'s") {
				continue // "the president of Russia", "the president's office"
			}
			if refAt(s.Refs, toks[i].Start) {
				continue
			}
			d.ref(si, mention.Mention{Start: toks[i-1].Start, End: toks[end].End}, ei, true)
			i = end
		}
	}
}
