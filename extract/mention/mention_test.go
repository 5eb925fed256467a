package mention

import (
	"regexp"
	"testing"

	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/extract/lexicon"
	"github.com/influencegraph/influencegraph/extract/text"
)

func testEntries() []kb.Entry {
	return []kb.Entry{
		{ID: "state:RU", Type: kb.TypeState, Name: "Russia", ISO2: "RU", Country: "RU", Demonyms: []string{"Russian", "Russians"}, Capitals: []string{"Moscow"}},
		{ID: "state:MC", Type: kb.TypeState, Name: "Monaco", ISO2: "MC", Country: "MC"},
		{ID: "agency:ru-presidential-administration", Type: kb.TypeAgency, Name: "Russian Presidential Administration", Country: "RU", Aliases: []string{"Presidential Administration"}},
		{ID: "agency:us-treasury", Type: kb.TypeAgency, Name: "US Department of the Treasury", Country: "US", Aliases: []string{"the Treasury", "Treasury Department"}},
	}
}

func TestMatcherFind(t *testing.T) {
	m := NewMatcher(testEntries())
	tests := []struct {
		text string
		want []string
	}{
		{"the Russian Presidential Administration said", []string{"Russian Presidential Administration"}},
		{"designations by the Treasury Department in March", []string{"Treasury Department"}},
		{"Russians and pro-Russian bloggers in Moscow", []string{"Russians", "Moscow"}},
		{"Russiagate is not Russia", []string{"Russia"}},
		{"Moscow’s plan", []string{"Moscow"}},
	}
	for _, tc := range tests {
		var got []string
		for _, mt := range m.Find(tc.text, 0, len(tc.text)) {
			got = append(got, tc.text[mt.Start:mt.End])
		}
		if len(got) != len(tc.want) {
			t.Errorf("%q: got %q, want %q", tc.text, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%q: got %q, want %q", tc.text, got, tc.want)
			}
		}
	}
}

func TestUnknownNames(t *testing.T) {
	lex, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(testEntries())
	n := NewNamer(lex)
	tests := []struct {
		text, name, typ string
	}{
		{"The far-right group Harbour Boys sent the emails.", "Harbour Boys", kb.TypeOrganisation},
		{"Deputy Attorney General Lisa Monaco emphasized the threat.", "Lisa Monaco", kb.TypePerson},
		{"The network was run by Arkady Voltsev, a former lawmaker.", "Arkady Voltsev", kb.TypePerson},
		{"Officials blamed Storm-2035 for the videos.", "Storm-2035", kb.TypeOrganisation},
		{"Analysts at Blue Lantern Media Group said so.", "Blue Lantern Media Group", kb.TypeOrganisation},
		{"Zhao Guangzong and Ni Gaobin were charged.", "Ni Gaobin", kb.TypePerson},
	}
	for _, tc := range tests {
		toks := text.Tokens(tc.text, 0, len(tc.text))
		known := m.Find(tc.text, 0, len(tc.text))
		found := false
		for _, u := range n.Unknown(tc.text, toks, known, false) {
			if tc.text[u.Start:u.End] == tc.name {
				found = true
				if u.Type != tc.typ {
					t.Errorf("%q: %q typed %q (%s), want %q", tc.text, tc.name, u.Type, u.Rule, tc.typ)
				}
			}
		}
		if !found {
			t.Errorf("%q: %q not found", tc.text, tc.name)
		}
	}
	// Sentence openers and days are not names.
	s := "Tuesday was quiet. Meanwhile the count went on."
	for _, u := range n.Unknown(s, text.Tokens(s, 0, len(s)), nil, false) {
		if u.Type != "" {
			t.Errorf("%q typed %s", s[u.Start:u.End], u.Type)
		}
	}
}

func TestIsThreatActor(t *testing.T) {
	re := regexp.MustCompile(`^(APT|TA|UNC|FIN|Storm|DEV|STORM)-?[0-9]{1,5}$`)
	for _, s := range []string{"APT28", "APT-28", "APT--28", "APT", "APT123456", "Storm-1516", "STORM-0558", "storm-1516",
		"TA453", "UNC1151", "FIN7", "DEV-0537", "DEVIL7", "TAX2020", "Unit 26165", "28", "APT28s", "A1", ""} {
		if got, want := isThreatActor(s), re.MatchString(s); got != want {
			t.Errorf("isThreatActor(%q) = %v, want %v", s, got, want)
		}
	}
}
