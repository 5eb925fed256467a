package resolve

import (
	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/extract/mention"
)

// homeCountry is the country whose voice opens the article: the state
// (or the country of the body or person) that speaks in the headline or
// the first sentence of the body ("Taiwan says ...", "Seoul says ...",
// "Moldovan police said ...", "Germany's domestic intelligence agency
// said ..."). Interference stories are mostly told from the targeted
// country, so an election the text names without a country is that
// country's, not the foreign actor's. "" when no speaker is found.
func (r *Resolver) homeCountry(d *Doc) string {
	body := 0
	for si := range d.Sentences {
		s := &d.Sentences[si]
		if !s.Heading {
			body++
		}
		if body > 1 {
			break
		}
		verb := -1
		for ti, t := range s.Tokens {
			if r.lex.ReportVerbs[t.Lower] || t.Lower == "say" {
				verb = ti
				break
			}
		}
		if verb < 0 {
			continue
		}
		// the speaker is in the verb's own clause: "Iran sent emails to
		// voters, feds say" names no speaker
		from := 0
		for k := verb - 1; k >= 0; k-- {
			if s.Tokens[k].Text == "," {
				from = s.Tokens[k].End
				break
			}
		}
		end := s.Tokens[verb].Start
		first, cc := end, ""
		for _, rf := range s.Refs {
			if rf.Start >= first {
				break
			}
			if rf.Start < from {
				continue
			}
			e := d.Entities[rf.Entity]
			c := e.Country
			if e.Type == kb.TypeState {
				c = e.ISO2
			} else if e.Type != kb.TypeAgency {
				continue
			}
			if c != "" {
				first, cc = rf.Start, c
			}
		}
		for _, m := range s.Demonyms {
			if m.Start >= from && m.Start < first && m.Entry >= 0 {
				first, cc = m.Start, r.matcher.Entry(m.Entry).ISO2
			}
		}
		if cc == "" {
			// "Prosecutors in Chisinau said": the speaker's city
			for _, m := range s.Mentions {
				if m.Kind == mention.KindCapital && m.Entry >= 0 && m.Start >= from && m.Start < end && m.Start > 0 {
					if k := tokenAt(s.Tokens, m.Start); k > 0 && s.Tokens[k-1].Lower == "in" {
						cc = r.matcher.Entry(m.Entry).ISO2
						break
					}
				}
			}
		}
		if cc != "" {
			return cc
		}
	}
	return ""
}
