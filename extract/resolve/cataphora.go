package resolve

import (
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
			if toks[i].Lower != "the" || toks[i+2].Text != "," || !isLowerWord(toks[i+1]) {
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
			if a < 0 || !subjectPosition(toks, a) {
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
// opens its sentence or clause (after a dateline or "that"), where it
// names who acted; "paid a PR company to ..." names whom someone used.
func subjectPosition(toks []text.Token, a int) bool {
	if a == 0 {
		return true
	}
	switch toks[a-1].Text {
	case ":", "—", "–", "-", "that":
		return true
	}
	return false
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
