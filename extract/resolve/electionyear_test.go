package resolve

import (
	"slices"
	"testing"
)

// An election the text dates nowhere, in an article of unknown date:
// the rules give up (2019 is named once, not firmly); a scorer chooses
// among the years the article names, or abstains, and training sees
// every candidate.
func TestElectionYearChooser(t *testing.T) {
	r := newTestResolver(t)
	in := Input{
		Text: "Moldova's pro-Western party won the 2019 local vote in Chisinau. " +
			"Officials said Russia paid voters ahead of Moldova's parliamentary election in a scheme first seen in 2016.",
	}
	prefer := func(feature string) YearScorer {
		return func(f []string) float64 {
			if slices.Contains(f, feature) {
				return 1
			}
			return -1
		}
	}
	tests := []struct {
		name   string
		scorer YearScorer
		want   []string
	}{
		{"rules give up", nil, []string{"election:MD-2019-local"}},
		{"scorer prefers the year in the election's sentence", prefer("body:same-sentence"), []string{"election:MD-2019-local", "election:MD-2016-parliamentary"}},
		{"scorer abstains", func([]string) float64 { return -1 }, []string{"election:MD-2019-local"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := in
			in.Year = tt.scorer
			d := r.Resolve(in)
			defer r.Release(d)
			got := electionIDs(d)
			if !slices.Equal(got, tt.want) {
				t.Errorf("elections %q, want %q", got, tt.want)
			}
			if len(d.YearChoices) != 0 {
				t.Errorf("choices recorded without RecordChoices: %v", d.YearChoices)
			}
		})
	}

	in.RecordChoices = true
	d := r.Resolve(in)
	defer r.Release(d)
	if len(d.YearChoices) != 1 {
		t.Fatalf("recorded %d choices, want 1", len(d.YearChoices))
	}
	ch := d.YearChoices[0]
	if ch.Country != "MD" || !slices.Equal(ch.Years, []int{2019, 2016}) {
		t.Fatalf("choice of %s among %v, want MD among 2019 and 2016 (as first named)", ch.Country, ch.Years)
	}
	for i, want := range [][]string{{"later:0", "with-country", "with-election-word", "body:near"}, {"later:1", "gap:3-5", "body:same-sentence"}} {
		for _, f := range want {
			if !slices.Contains(ch.Features[i], f) {
				t.Errorf("%d lacks feature %q: %q", ch.Years[i], f, ch.Features[i])
			}
		}
	}
}
