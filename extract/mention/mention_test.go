package mention

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"testing"

	ahocorasick "github.com/petar-dambovaliev/aho-corasick"

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
		{"The court convicted Arkady Belov and Timur Zaslavsky in absentia.", "Timur Zaslavsky", kb.TypePerson},
		{"The court convicted Arkady Belov and Timur Zaslavsky in absentia.", "Arkady Belov", kb.TypePerson},
		{"The posts mocked his rival Kojo Ampofo-Mensah.", "Kojo Ampofo-Mensah", kb.TypePerson},
		{"Senator Ramon dela Cruz said so.", "Ramon dela Cruz", kb.TypePerson},
		{"In 2019, The Age and others reported the plot.", "The Age", kb.TypeOrganisation},
		{"The Manila-based Digital Integrity Observatory said it had found them.", "Digital Integrity Observatory", kb.TypeOrganisation},
		{"The EU acted under the Digital Services Act last year.", "Digital Services Act", ""},
		{"Two anonymous websites, \"The Real Raila\" and \"Uhuru for Us\", flooded feeds.", "The Real Raila", kb.TypeOrganisation},
		{"Two anonymous websites, \"The Real Raila\" and \"Uhuru for Us\", flooded feeds.", "Uhuru for Us", kb.TypeOrganisation},
		// a name does not run on into a date, a committee's name does
		{"Editor Arkady Voltsev on Thursday shared a meme.", "Arkady Voltsev", kb.TypePerson},
		{"The Joint Committee on Human Rights on Monday said so.", "Joint Committee on Human Rights", kb.TypeOrganisation},
		// a title after "and" opens the next person; a connector left
		// at the end of a name is not part of it
		{"The accounts targeted former President Tramble and Vice President Orlov.", "Tramble", kb.TypePerson},
		{"The accounts targeted former President Tramble and Vice President Orlov.", "Orlov", kb.TypePerson},
		{"The posts attacked President Tramble and Republican senators.", "Tramble", kb.TypePerson},
		// an Arabic surname's article is part of the name
		{"The envoy met President Khalid al-Mansouri in Khartoum.", "Khalid al-Mansouri", kb.TypePerson},
		{"Adviser Yusuf ash-Shamari ran the pages.", "Yusuf ash-Shamari", kb.TypePerson},
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

// TestFindBytesMatchesAhoCorasick checks the trie against the
// leftmost-longest Aho-Corasick scan it replaced, over the whole knowledge
// base and the fixture articles.
func TestFindBytesMatchesAhoCorasick(t *testing.T) {
	k, err := kb.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(k.Entries())
	builder := ahocorasick.NewAhoCorasickBuilder(ahocorasick.Opts{MatchKind: ahocorasick.LeftMostLongestMatch, DFA: true})
	ac := builder.Build(m.words)
	reference := func(text string, seg []byte, start int) []Mention {
		var out []Mention
		it := ac.IterByte(seg)
		for mt := it.Next(); mt != nil; mt = it.Next() {
			s, e := start+mt.Start(), start+mt.End()
			if len(out) > 0 && s < out[len(out)-1].End || !boundaryBefore(text, s) || !boundaryAfter(text, e) {
				continue
			}
			p := m.pats[mt.Pattern()]
			out = append(out, Mention{Start: s, End: e, Entry: p.entry, Kind: p.kind, Type: m.entries[p.entry].Type, Alts: m.alts[mt.Pattern()]})
		}
		return out
	}
	texts := []string{
		"The Internet Research Agency and Russia's GRU targeted the US; Moscow-based RT and pro-Russian Sputnik amplified it.",
		"Russians, Iranians and Chinese hackers; the Central Election Commission of Moldova; Lisa Monaco; UNITED STATES; U.S.",
	}
	files, _ := filepath.Glob("../testdata/*/article.txt")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	for _, text := range texts {
		for _, start := range []int{0, 1, len(text) / 3} {
			want := reference(text, []byte(text[start:]), start)
			// the trie also keeps a shorter name where the longest one
			// ends inside a word ("Polish" in "Polish parliamentary"),
			// which the scan dropped: those extras aside, both agree
			got := m.FindBytes(text, []byte(text[start:]), start)
			var kept []Mention
			for _, g := range got {
				if !slices.ContainsFunc(want, func(w Mention) bool { return w.Start == g.Start }) {
					if !boundaryBefore(text, g.Start) || !boundaryAfter(text, g.End) {
						t.Errorf("FindBytes(%.40q) extra %v not on word boundaries", text, g)
					}
					continue
				}
				kept = append(kept, g)
			}
			if !reflect.DeepEqual(kept, want) {
				t.Errorf("FindBytes(%.40q from %d) = %v, want %v", text, start, got, want)
			}
		}
	}
	if len(texts) < 10 {
		t.Errorf("only %d texts: fixtures not found", len(texts))
	}
}

// TestShorterNameOnBoundary checks that a name whose longer alias ends
// inside a word is still found ("Polish" in "Polish parliamentary").
func TestShorterNameOnBoundary(t *testing.T) {
	k, err := kb.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(k.Entries())
	text := "Observers watched the Polish parliamentary election closely."
	got := m.FindBytes(text, []byte(text), 0)
	if len(got) != 1 || text[got[0].Start:got[0].End] != "Polish" || got[0].Kind != KindDemonym {
		t.Errorf("FindBytes(%q) = %v, want the demonym Polish", text, got)
	}
}
