package relation

import (
	"strings"
	"testing"

	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/extract/lexicon"
	"github.com/influencegraph/influencegraph/extract/resolve"
	"github.com/influencegraph/influencegraph/extract/text"
)

func TestParticiple(t *testing.T) {
	for _, tc := range []struct {
		w    string
		want bool
	}{
		{"targeted", true}, {"overseen", true}, {"run", true}, {"shown", true},
		{"responsible", false}, {"behind", false}, {"trying", false},
	} {
		if got := participle(tc.w); got != tc.want {
			t.Errorf("participle(%q) = %v, want %v", tc.w, got, tc.want)
		}
	}
}

func TestSameForm(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"praising", "portraying", true},
		{"attacked", "praised", true},
		{"attacked", "praising", false},
		{"promote", "boost", false},
	} {
		if got := sameForm(tc.a, tc.b); got != tc.want {
			t.Errorf("sameForm(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestCountered(t *testing.T) {
	for _, tc := range []struct {
		text string // the trigger is the last word
		want bool
	}{
		{"the agency for countering foreign digital interference", true},
		{"a unit that tracks disinformation", true},
		{"russia stepped up its interference", false},
		{"protests against moscow's interference", false},
	} {
		low := strings.Fields(tc.text)
		if got := countered(low, len(low)-1); got != tc.want {
			t.Errorf("countered(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestRelType(t *testing.T) {
	for _, tc := range []struct {
		trig, src, want string
	}{
		{lexicon.Authorised, kb.TypeOrganisation, lexicon.Targeted},
		{lexicon.Authorised, kb.TypeAgency, lexicon.Authorised},
		{lexicon.Authorised, kb.TypePerson, lexicon.Authorised},
		{lexicon.Amplified, kb.TypeOrganisation, lexicon.Amplified},
	} {
		if got := relType(tc.trig, tc.src); got != tc.want {
			t.Errorf("relType(%s, %s) = %s, want %s", tc.trig, tc.src, got, tc.want)
		}
	}
}

func TestLawfulBody(t *testing.T) {
	for _, tc := range []struct {
		e    resolve.Entity
		want bool
	}{
		{resolve.Entity{Type: kb.TypeAgency, Name: "National Assembly"}, true},
		{resolve.Entity{Type: kb.TypeAgency, Name: "Bundestag", Subtype: "legislature"}, true},
		{resolve.Entity{Type: kb.TypeAgency, Name: "GRU", Subtype: "intelligence"}, false},
		{resolve.Entity{Type: kb.TypeOrganisation, Name: "Court Watch"}, false},
	} {
		if got := lawfulBody(&tc.e); got != tc.want {
			t.Errorf("lawfulBody(%s) = %v, want %v", tc.e.Name, got, tc.want)
		}
	}
}

func TestFallbackAims(t *testing.T) {
	d := &resolve.Doc{Entities: []*resolve.Entity{
		{Type: kb.TypePerson, Name: "A"},
		{Type: resolve.TypeElection, Name: "E1"},
		{Type: resolve.TypeElection, Name: "E2"},
	}}
	for _, tc := range []struct {
		name  string
		typ   string
		op    []int
		focal int
		want  []int
	}{
		{"operation's own election wins", lexicon.Targeted, []int{0, 1}, 2, []int{0, 1}},
		{"focal election added", lexicon.Targeted, []int{0}, 2, []int{0, 2}},
		{"amplified keeps the narrative's subject", lexicon.Amplified, []int{0}, 2, []int{0}},
		{"nothing but the focal election", lexicon.Amplified, nil, 2, []int{2}},
		{"nothing at all", lexicon.Targeted, nil, -1, nil},
	} {
		got := fallbackAims(d, &trig{typ: tc.typ}, tc.op, tc.focal)
		if len(got) != len(tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
				break
			}
		}
	}
}

func TestStripQualifiers(t *testing.T) {
	for _, tc := range []struct {
		gap, want string
	}{
		{" of Ohio, ", " , "},
		{" of New Mexico and Senator ", " and "},
		{" and Representative ", " and "},
		{", ", ", "},
		{" of the party and ", " of the party and "},
		{" said on Monday that ", " said on Monday that "},
	} {
		if got := stripQualifiers(tc.gap); strings.Join(strings.Fields(got), " ") != strings.Join(strings.Fields(tc.want), " ") {
			t.Errorf("stripQualifiers(%q) = %q, want %q", tc.gap, got, tc.want)
		}
	}
}

// TestTooLongToJoin checks the shortcut of coordinated: no joiner it
// accepts, however spaced, quoted or qualified, may be ruled out.
func TestTooLongToJoin(t *testing.T) {
	for _, tc := range []struct {
		gap  string
		want bool
	}{
		{", ", false}, {" and ", false}, {" , as well as ", false}, {" , also known as “", false},
		{"  formerly   known  as ", false}, {" \" , and the ", false},
		{" of Nevada , Senator and Representative ", false},
		{", , , , , , , , , , and ", false},
		{" said on Tuesday that the campaign had been run by people close to ", true},
		{" one two three four five six seven eight nine ", true},
	} {
		if got := tooLongToJoin(tc.gap); got != tc.want {
			t.Errorf("tooLongToJoin(%q) = %v, want %v", tc.gap, got, tc.want)
		}
	}
}

// TestTextOf checks that textOf, which returns a slice of the text when it
// can, gives the words joined as written, one space wherever there is any.
func TestTextOf(t *testing.T) {
	for _, src := range []string{
		"was targeted by Russia", "was  targeted\tby\nRussia", "U.S.-backed, 'fake' news", "a", "x ( y )",
	} {
		toks := text.Tokens(src, 0, len(src))
		for a := 0; a < len(toks); a++ {
			for b := a + 1; b <= len(toks); b++ {
				var want strings.Builder
				for i := a; i < b; i++ {
					if i > a && toks[i].Start > toks[i-1].End {
						want.WriteByte(' ')
					}
					want.WriteString(toks[i].Text)
				}
				if got := textOf(src, toks, a, b); got != want.String() {
					t.Errorf("textOf(%q, %d, %d) = %q, want %q", src, a, b, got, want.String())
				}
			}
		}
	}
}
