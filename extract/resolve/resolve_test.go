package resolve

import (
	"slices"
	"strings"
	"testing"

	"github.com/influencegraph/influencegraph/extract/kb"
)

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"biden", "buden", 1},
		{"ratcliffe", "ractliffe", 1}, // transposition
		{"putin", "putin", 0},
		{"trump", "truman", 2},
		{"", "abc", 3},
	}
	for _, tc := range tests {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestScheduled(t *testing.T) {
	tests := []struct {
		country, kind  string
		ref            int
		upcoming, want int
	}{
		{"US", "presidential", 2017, 0, 2016},
		{"US", "presidential", 2024, 0, 2024},
		{"US", "presidential", 2023, 1, 2024},
		{"", "european", 2023, 1, 2024},
		{"", "european", 2021, 0, 2019},
	}
	for _, tc := range tests {
		got, ok := scheduled(tc.country, tc.kind, tc.ref, tc.upcoming == 1, false)
		if !ok || got != tc.want {
			t.Errorf("scheduled(%s, %s, %d, upcoming=%v) = %d, %v; want %d", tc.country, tc.kind, tc.ref, tc.upcoming == 1, got, ok, tc.want)
		}
	}
	if _, ok := scheduled("DE", "parliamentary", 2021, false, false); ok {
		t.Errorf("a German election has no fixed schedule")
	}
}

func TestSlugAndSurname(t *testing.T) {
	if got := Slug("Frédéric Mégret-O'Neil"); got != "frederic-megret-oneil" {
		t.Errorf("Slug = %q", got)
	}
	for name, want := range map[string]string{
		"Robert S. Mueller III": "Mueller",
		"Marine Le Pen":         "Le Pen",
		"Joseph R. Biden Jr.":   "Biden",
		"Jorge":                 "Jorge",
	} {
		if got := surname(name); got != want {
			t.Errorf("surname(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestAppendFields(t *testing.T) {
	for _, s := range []string{"", "  ", "Joe Biden", " Jean-Marie  Le Pen Jr. ", "tab\tsplit\nline", "nbsp\u00a0name", "bad\xff byte", "a b c d e f g h i j"} {
		if got, want := appendFields(nil, s), strings.Fields(s); !slices.Equal(got, want) {
			t.Errorf("appendFields(%q) = %q, want %q", s, got, want)
		}
	}
}

// A famous surname alone names its person in any of the spellings the
// knowledge base gives the full name ("Erdogan" as well as "Erdoğan"),
// and among namesakes the one who leads a state, or else the candidate.
func TestLoneSurnameInAnySpelling(t *testing.T) {
	r := newTestResolver(t)
	for _, tt := range []struct{ text, want string }{
		{"Erdogan urged voters abroad to shun the governing parties before the vote.", "person:recep-tayyip-erdogan"},
		{"Erdoğan urged voters abroad to shun the governing parties before the vote.", "person:recep-tayyip-erdogan"},
		// two Clintons, one a candidate: the candidate
		{"The trolls denigrated Clinton and praised her rival before the vote.", "person:hillary-clinton"},
	} {
		text := tt.text
		d := r.Resolve(Input{Text: text, Published: "2017-08-20"})
		var ids []string
		for _, e := range d.Entities {
			ids = append(ids, e.ID)
		}
		r.Release(d)
		if !slices.Contains(ids, tt.want) {
			t.Errorf("%q: entities %v, want %s", text, ids, tt.want)
		}
	}
}

// A state body named by description is that state's agency: the one the
// knowledge base has under those words, else a new one. Bodies every state
// has under many names ("state-funded media") are taken only when the
// text names the state right before them.
func TestDescribedBodies(t *testing.T) {
	r := newTestResolver(t)
	for _, tt := range []struct {
		text    string
		want    string // an entity id, "" for none of type Agency
		wantNot string
	}{
		{"Russia's state-funded media amplified claims of fraud before the vote.", "agency:ru-state-media", ""},
		{"Iranian state-sponsored media amplified claims of fraud before the vote.", "agency:ir-state-media", ""},
		{"Officials in Bern said state-funded media amplified claims of fraud before the vote.", "", "state-media"},
		{"Moldova's electoral commission said Russia paid voters before the vote.", "agency:md-cec", ""},
	} {
		d := r.Resolve(Input{Text: tt.text, Published: "2024-10-01"})
		var agencies []string
		for _, e := range d.Entities {
			if e.Type == kb.TypeAgency {
				agencies = append(agencies, e.ID)
			}
		}
		r.Release(d)
		if tt.want != "" && !slices.Contains(agencies, tt.want) {
			t.Errorf("%q: agencies %v, want %s", tt.text, agencies, tt.want)
		}
		for _, id := range agencies {
			if tt.wantNot != "" && strings.Contains(id, tt.wantNot) {
				t.Errorf("%q: agency %s, want none like it", tt.text, id)
			}
		}
	}
}
