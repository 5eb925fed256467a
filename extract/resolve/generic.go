package resolve

import (
	"strings"

	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/extract/mention"
)

// genericBodies are state bodies the press names by description in lower
// case: "the interior ministry", "the country's electoral commission",
// "Russia's state-funded media". The key is the head noun.
var genericBodies = map[string]genericBody{
	"ministry":   {before: []string{"interior", "foreign", "justice", "defence", "defense", "finance", "digital", "home", "information"}, subtype: "ministry"},
	"commission": {before: []string{"election", "electoral"}, subtype: "election-commission"},
	"committee":  {before: []string{"election", "electoral"}, subtype: "election-commission"},
	"media": {before: []string{"state", "state-run", "state-controlled", "state-owned", "state-funded", "state-sponsored", "state-backed"},
		named: "state media", subtype: "state-media"},
}

// genericBody is one kind of body: the words that may stand before its
// head noun and the subtype of the agency it is.
type genericBody struct {
	before  []string
	subtype string
	// named is the body's name after the state's demonym ("Russian state
	// media"), for bodies every state has under many names: they are
	// only taken when the text names the state right before, and a new
	// one is named so.
	named string
}

// descriptions resolves such descriptions to the state's body: the
// knowledge-base agency of that state whose name has both words, else a
// new agency keyed by state and description. The state is the one named
// right before ("Germany's", "the German"), else (for a body that is not
// named) the article's own or the one the text names most.
func (r *Resolver) descriptions(d *Doc) {
	for si := range d.Sentences {
		s := &d.Sentences[si]
		toks := s.Tokens
		for i := 1; i < len(toks); i++ {
			head := toks[i].Lower
			if !r.genericHeads.MayHave(head) {
				continue
			}
			body, ok := genericBodies[head]
			if !ok || toks[i].Cap() || refAt(s.Refs, toks[i].Start) || covered(s.Mentions, toks[i].Start, toks[i].End) {
				continue
			}
			kw := toks[i-1].Lower
			if !contains(body.before, kw) || toks[i-1].Cap() && i-1 > 0 {
				continue
			}
			start := toks[i-1].Start
			cc := ""
			// "Germany's interior ministry", "the German interior ministry"
			if k := i - 2; k >= 0 {
				if toks[k].Lower == "'s" && k > 0 {
					for _, rf := range s.Refs {
						if rf.End == toks[k-1].End && d.Entities[rf.Entity].Type == kb.TypeState {
							cc, start = d.Entities[rf.Entity].ISO2, rf.Start
						}
					}
				}
				for _, m := range s.Demonyms {
					if m.End == toks[k].End {
						cc, start = r.matcher.Entry(m.Entry).ISO2, m.Start
					}
				}
				// a demonym read as the state acting: "Iranian
				// state-sponsored media amplified"
				for _, rf := range s.Refs {
					if rf.Demonym && rf.End == toks[k].End && d.Entities[rf.Entity].Type == kb.TypeState {
						cc, start = d.Entities[rf.Entity].ISO2, rf.Start
					}
				}
			}
			if cc == "" && body.named == "" {
				cc = d.Home
			}
			if cc == "" && body.named == "" {
				cc = d.mostNamed
			}
			if cc == "" {
				continue
			}
			ei := r.genericAgency(d, cc, kw, head, body)
			if ei < 0 {
				continue
			}
			d.Entities[ei].AddAlias(d.Text[start:toks[i].End])
			d.ref(si, mention.Mention{Start: start, End: toks[i].End}, ei, true)
		}
	}
}

// genericAgency returns the entity of the body of state cc the words kw
// and head describe: the knowledge-base agency of that state whose name
// has them, else a new agency; -1 when cc is no known state.
func (r *Resolver) genericAgency(d *Doc, cc, kw, head string, body genericBody) int {
	words := [2]string{kw, head}
	if body.named != "" {
		words[0], words[1], _ = strings.Cut(body.named, " ")
	}
	for _, ki := range r.agencies[cc] {
		if r.hasWords(ki, words[0], words[1]) {
			return d.addKB(r.matcher.Entry(ki))
		}
	}
	st, ok := r.stateEntry(cc)
	if !ok {
		return -1
	}
	name := st.Name + " " + kw + " " + head
	if body.named != "" {
		if len(st.Demonyms) == 0 {
			return -1
		}
		name = st.Demonyms[0] + " " + body.named
	}
	return d.add(&Entity{ID: "agency:" + strings.ToLower(cc) + "-" + words[0] + "-" + words[1], Type: kb.TypeAgency,
		Name: name, Country: cc, Subtype: body.subtype})
}

func contains(list []string, w string) bool {
	for _, x := range list {
		if x == w {
			return true
		}
	}
	return false
}

// hasWords reports whether an entry's name or an alias has both words
// ("German Federal Ministry of the Interior": interior, ministry).
func (r *Resolver) hasWords(agency int, a, b string) bool {
	for _, l := range r.agencyNames[agency] {
		if strings.Contains(l, a) && strings.Contains(l, b) {
			return true
		}
	}
	return false
}
