package resolve

import (
	"strings"

	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/extract/mention"
)

// genericBodies are state bodies the press names by description in lower
// case: "the interior ministry", "the country's electoral commission". The
// key is the word before the head noun; the value the head noun.
var genericBodies = map[string][]string{
	"ministry":   {"interior", "foreign", "justice", "defence", "defense", "finance", "digital", "home", "information"},
	"commission": {"election", "electoral"},
	"committee":  {"election", "electoral"},
}

// descriptions resolves such descriptions to the state's body: the
// knowledge-base agency of that state whose name has both words, else a
// new agency keyed by state and description. The state is the one named
// right before ("Germany's", "the German") or the one the text names most.
func (r *Resolver) descriptions(d *Doc) {
	for si := range d.Sentences {
		s := &d.Sentences[si]
		toks := s.Tokens
		for i := 1; i < len(toks); i++ {
			head := toks[i].Lower
			if !r.genericHeads.MayHave(head) {
				continue
			}
			kws, ok := genericBodies[head]
			if !ok || toks[i].Cap() || refAt(s.Refs, toks[i].Start) || covered(s.Mentions, toks[i].Start, toks[i].End) {
				continue
			}
			kw := toks[i-1].Lower
			if !contains(kws, kw) || toks[i-1].Cap() && i-1 > 0 {
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
			}
			if cc == "" {
				cc = d.Home
			}
			if cc == "" {
				cc = d.mostNamed
			}
			if cc == "" {
				continue
			}
			ei := -1
			for _, ki := range r.agencies[cc] {
				if r.hasWords(ki, kw, head) {
					ei = d.addKB(r.matcher.Entry(ki))
					break
				}
			}
			if ei < 0 {
				st, ok := r.stateEntry(cc)
				if !ok {
					continue
				}
				name := st.Name + " " + kw + " " + head
				ei = d.add(&Entity{ID: "agency:" + strings.ToLower(cc) + "-" + kw + "-" + head, Type: kb.TypeAgency,
					Name: name, Country: cc, Subtype: subtypeOf(head)})
			}
			d.Entities[ei].AddAlias(d.Text[start:toks[i].End])
			d.ref(si, mention.Mention{Start: start, End: toks[i].End}, ei, true)
		}
	}
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

func subtypeOf(head string) string {
	if head == "ministry" {
		return "ministry"
	}
	return "election-commission"
}
