package resolve

import (
	"slices"
	"testing"

	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/extract/lexicon"
	"github.com/influencegraph/influencegraph/extract/mention"
)

func newTestResolver(t *testing.T) *Resolver {
	t.Helper()
	k, err := kb.Load()
	if err != nil {
		t.Fatal(err)
	}
	lex, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	return New(mention.NewMatcher(k.Entries()), lex)
}

// electionIDs are the ids of d's elections, in order.
func electionIDs(d *Doc) []string {
	var out []string
	for _, e := range d.Entities {
		if e.Type == TypeElection {
			out = append(out, e.ID)
		}
	}
	return out
}

// An election the text names without a country: the rules give it the
// country whose officials speak first; a scorer may choose another of
// the countries the article names, and training sees every candidate.
func TestElectionCountryChooser(t *testing.T) {
	r := newTestResolver(t)
	in := Input{
		Text:      "Moldovan officials said Russia paid voters ahead of the parliamentary election. Romania condemned the scheme.",
		Published: "2025-09-01",
	}
	prefer := func(cc string) CountryScorer {
		return func(f []string) float64 {
			if slices.Contains(f, "cc:"+cc) {
				return 1
			}
			return 0
		}
	}
	tests := []struct {
		name   string
		scorer CountryScorer
		want   string
	}{
		{"rules", nil, "election:MD-2025-parliamentary"},
		{"scorer prefers Romania", prefer("RO"), "election:RO-2025-parliamentary"},
		{"scorer prefers the rules' pick", prefer("MD"), "election:MD-2025-parliamentary"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := in
			in.Country = tt.scorer
			d := r.Resolve(in)
			defer r.Release(d)
			got := electionIDs(d)
			if !slices.Equal(got, []string{tt.want}) {
				t.Errorf("elections %q, want %q", got, tt.want)
			}
			if len(d.CountryChoices) != 0 {
				t.Errorf("choices recorded without RecordChoices: %v", d.CountryChoices)
			}
		})
	}

	in.RecordChoices = true
	d := r.Resolve(in)
	defer r.Release(d)
	if len(d.CountryChoices) != 1 {
		t.Fatalf("recorded %d choices, want 1", len(d.CountryChoices))
	}
	ch := d.CountryChoices[0]
	if ch.Rule != "MD" || ch.Countries[0] != "MD" || !slices.Contains(ch.Countries, "RU") || !slices.Contains(ch.Countries, "RO") {
		t.Errorf("candidates %q (rule %s), want the rules' MD first, then RU and RO", ch.Countries, ch.Rule)
	}
	if ch.Year != 0 {
		t.Errorf("year %d, want 0: the text gives none", ch.Year)
	}
	for _, f := range []string{"rule", "home", "cc:MD"} {
		if !slices.Contains(ch.Features[0], f) {
			t.Errorf("the rules' pick lacks feature %q: %q", f, ch.Features[0])
		}
	}
	ru := slices.Index(ch.Countries, "RU")
	if !slices.Contains(ch.Features[ru], "same-sentence-actor") || slices.Contains(ch.Features[ru], "rule") {
		t.Errorf("Russia acts in the election's sentence and is not the rules' pick: %q", ch.Features[ru])
	}
}
