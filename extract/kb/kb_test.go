package kb

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

func builtin(t testing.TB) *KB {
	t.Helper()
	k, err := Builtin()
	if err != nil {
		t.Fatalf("Builtin: %v", err)
	}
	return k
}

func TestBuiltinLookups(t *testing.T) {
	k := builtin(t)
	tests := []struct {
		id, typ, name, country string
		alias                  string // one alias that must be listed ("" = none checked)
	}{
		{"state:RU", TypeState, "Russia", "RU", "Russian Federation"},
		{"state:US", TypeState, "United States", "US", "U.S."},
		{"state:GB", TypeState, "United Kingdom", "GB", "Britain"},
		{"state:CN", TypeState, "China", "CN", "PRC"},
		{"state:KP", TypeState, "North Korea", "KP", "DPRK"},
		{"state:MD", TypeState, "Moldova", "MD", "Republic of Moldova"},
		{"agency:ru-kremlin", TypeAgency, "Kremlin", "RU", ""},
		{"agency:ru-gru", TypeAgency, "GRU", "RU", "Main Intelligence Directorate"},
		{"agency:us-intelligence-community", TypeAgency, "US intelligence community", "US", "US intelligence agencies"},
		{"agency:ru-state-media", TypeAgency, "Russian state media", "RU", "Russia's state-run media"},
		{"agency:ru-intelligence", TypeAgency, "Russian intelligence services", "RU", "Russian intelligence"},
		{"agency:us-state-department", TypeAgency, "US Department of State", "US", "State Department"},
		{"org:internet-research-agency", TypeOrganisation, "Internet Research Agency", "RU", "IRA"},
		{"person:vladimir-putin", TypePerson, "Vladimir Putin", "RU", ""},
		{"person:volodymyr-zelensky", TypePerson, "Volodymyr Zelensky", "UA", "Volodymyr Zelenskyy"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			e, ok := k.Get(tt.id)
			if !ok {
				t.Fatalf("Get(%q): not found", tt.id)
			}
			if e.Type != tt.typ || e.Name != tt.name || e.Country != tt.country {
				t.Errorf("Get(%q) = %s %q %s, want %s %q %s", tt.id, e.Type, e.Name, e.Country, tt.typ, tt.name, tt.country)
			}
			if tt.alias != "" && !slices.Contains(e.Aliases, tt.alias) {
				t.Errorf("Get(%q).Aliases = %q, want it to contain %q", tt.id, e.Aliases, tt.alias)
			}
		})
	}
}

func TestState(t *testing.T) {
	k := builtin(t)
	for _, tt := range []struct {
		iso, name, demonym, capital, wikidata string
	}{
		{"RU", "Russia", "Russian", "Moscow", "Q159"},
		{"ir", "Iran", "Iranian", "Tehran", "Q794"},
		{"UA", "Ukraine", "Ukrainian", "Kyiv", "Q212"},
		{"US", "United States", "American", "Washington", "Q30"},
	} {
		e, ok := k.State(tt.iso)
		if !ok {
			t.Errorf("State(%q): not found", tt.iso)
			continue
		}
		if e.Name != tt.name || e.ISO2 != strings.ToUpper(tt.iso) || e.Wikidata != tt.wikidata {
			t.Errorf("State(%q) = %q %q %q, want %q %q %q", tt.iso, e.Name, e.ISO2, e.Wikidata, tt.name, strings.ToUpper(tt.iso), tt.wikidata)
		}
		if !slices.Contains(e.Demonyms, tt.demonym) || !slices.Contains(e.Capitals, tt.capital) {
			t.Errorf("State(%q) demonyms %q capitals %q, want %q and %q", tt.iso, e.Demonyms, e.Capitals, tt.demonym, tt.capital)
		}
	}
	if _, ok := k.State("ZZ"); ok {
		t.Errorf("State(ZZ) found, want not found")
	}
}

// TestStateNames checks the common English short names the guidelines ask
// for, and that every sovereign state is there: the 193 UN members, the two
// observers (Holy See, Palestine), Taiwan and Kosovo.
func TestStateNames(t *testing.T) {
	k := builtin(t)
	want := map[string]string{
		"RU": "Russia", "US": "United States", "CN": "China", "GB": "United Kingdom", "IR": "Iran",
		"KP": "North Korea", "KR": "South Korea", "MD": "Moldova", "CZ": "Czech Republic", "TW": "Taiwan",
		"XK": "Kosovo", "PS": "Palestine", "VA": "Vatican City", "UA": "Ukraine", "GE": "Georgia",
		"AE": "United Arab Emirates", "SA": "Saudi Arabia", "NZ": "New Zealand", "DE": "Germany", "FR": "France",
		"SU": "Soviet Union", "DD": "East Germany",
	}
	for iso, name := range want {
		if e, ok := k.State(iso); !ok || e.Name != name {
			t.Errorf("State(%s) = %q, %v; want %q", iso, e.Name, ok, name)
		}
	}
	n := 0
	for _, e := range k.Entries() {
		if e.Type == TypeState {
			n++
		}
	}
	if n != 201 {
		t.Errorf("%d states, want 201 (193 UN members, 2 observers, Taiwan, Kosovo, 4 former states)", n)
	}
}

// knownSubtypes lists the subtypes the built-in data may use, per type; a
// typo such as "inteligence" fails here.
var knownSubtypes = map[string][]string{
	TypeState:        {""},
	TypeAgency:       {"intelligence", "security", "presidential-office", "government", "ministry", "state-media", "military", "court", "election-commission", "legislature", "law-enforcement", "diplomatic", "local-government", "party"},
	TypeOrganisation: {"", "company", "media", "news-agency", "party", "threat-actor", "troll-farm", "ngo", "pmc", "intergovernmental", "platform", "campaign", "research", "movement", "think-tank"},
	TypePerson:       {"", "head-of-state", "head-of-government", "politician", "official", "operative", "candidate", "researcher", "journalist", "businessman", "activist", "propagandist"},
}

func TestBuiltinRowsValid(t *testing.T) {
	k := builtin(t)
	entries := k.Entries()
	if !sort.SliceIsSorted(entries, func(i, j int) bool { return entries[i].ID < entries[j].ID }) {
		t.Errorf("Entries not sorted by id")
	}
	wikidata := map[string]string{}
	for _, e := range entries {
		if !slices.Contains(knownSubtypes[e.Type], e.Subtype) {
			t.Errorf("%s: subtype %q not known for %s", e.ID, e.Subtype, e.Type)
		}
		if e.Type == TypeAgency && e.Subtype == "" {
			t.Errorf("%s: agency without subtype", e.ID)
		}
		if e.Wikidata != "" {
			if other, dup := wikidata[e.Wikidata]; dup {
				t.Errorf("%s and %s share Wikidata id %s", other, e.ID, e.Wikidata)
			}
			wikidata[e.Wikidata] = e.ID
		}
		for _, a := range e.Aliases {
			if a == e.Name {
				t.Errorf("%s: alias repeats the name %q", e.ID, a)
			}
		}
		if e.Type == TypeState && (e.ISO2 == "" || e.Country != e.ISO2) {
			t.Errorf("%s: iso2 %q country %q", e.ID, e.ISO2, e.Country)
		}
	}
}

// sharedAliases lists the names that knowingly belong to more than one entry;
// the extractor decides between them from the article. Every other name must
// point to one entry.
var sharedAliases = map[string]bool{
	"congolese":                    true, // state:CD, state:CG
	"cec":                          true, // central election commissions of several states
	"central election commission":  true,
	"central electoral commission": true, // AM, LT, MD
	"constitutional court":         true, // GE, MD, RO
	"ncsc":                         true, // UK National Cyber Security Centre, US National Counterintelligence and Security Center
	"sis":                          true, // UK MI6, Moldova, Slovakia
}

func TestBuiltinAliasCollisions(t *testing.T) {
	k := builtin(t)
	owners := map[string][]string{}
	for _, e := range k.Entries() {
		names := slices.Concat([]string{e.Name}, e.Aliases, e.Demonyms, e.Capitals)
		seen := map[string]bool{}
		for _, n := range names {
			key := strings.ToLower(n)
			if seen[key] {
				continue
			}
			seen[key] = true
			owners[key] = append(owners[key], e.ID)
		}
	}
	keys := make([]string, 0, len(owners))
	for key := range owners {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	for _, key := range keys {
		ids := owners[key]
		if len(ids) > 1 && !sharedAliases[key] {
			t.Errorf("name %q is shared by %s; make it unique or add it to sharedAliases", key, strings.Join(ids, ", "))
		}
	}
	for key := range sharedAliases {
		if len(owners[key]) < 2 {
			t.Errorf("sharedAliases lists %q, now used by %d entries: remove it", key, len(owners[key]))
		}
	}
}

func TestBuiltinCounts(t *testing.T) {
	k := builtin(t)
	count := map[string]int{}
	for _, e := range k.Entries() {
		count[e.Type]++
	}
	min := map[string]int{TypeState: 40, TypeAgency: 30, TypeOrganisation: 10, TypePerson: 20}
	for typ, n := range min {
		if count[typ] < n {
			t.Errorf("%d entries of type %s, want at least %d", count[typ], typ, n)
		}
	}
	if k.Len() != len(k.Entries()) {
		t.Errorf("Len() = %d, Entries() has %d", k.Len(), len(k.Entries()))
	}
}

func TestLoadOverlay(t *testing.T) {
	k, err := Load(filepath.Join("testdata", "overlay.tsv"), filepath.Join("testdata", "states_overlay.tsv"))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	tests := []struct {
		id, name, country, subtype, wikidata string
		aliases                              []string // must all be present
	}{
		// extended: an alias added, the built-in ones kept.
		{"agency:ru-fsb", "FSB", "RU", "security", "", []string{"Federal Security Service", "Lubyanka Square HQ"}},
		// overridden: a new name; the old name stays as an alias.
		{"org:internet-research-agency", "IRA troll farm", "RU", "troll-farm", "Q1", []string{"Internet Research Agency", "IRA"}},
		// added.
		{"org:acme-media-group", "Acme Media Group", "RU", "troll-farm", "", []string{"AMG"}},
		{"person:ivan-testov", "Ivan Testov", "RU", "operative", "", []string{"I. Testov"}},
		// a state extended through the entity columns.
		{"state:RU", "Russia", "RU", "", "Q159", []string{"Russian Federation", "RF"}},
		// a state added through a states file.
		{"state:ZZ", "Ruritania", "ZZ", "", "", []string{"Kingdom of Ruritania"}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			e, ok := k.Get(tt.id)
			if !ok {
				t.Fatalf("Get(%q): not found", tt.id)
			}
			if e.Name != tt.name || e.Country != tt.country || e.Subtype != tt.subtype || e.Wikidata != tt.wikidata {
				t.Errorf("Get(%q) = name %q country %q subtype %q wikidata %q, want %q %q %q %q",
					tt.id, e.Name, e.Country, e.Subtype, e.Wikidata, tt.name, tt.country, tt.subtype, tt.wikidata)
			}
			for _, a := range tt.aliases {
				if !slices.Contains(e.Aliases, a) {
					t.Errorf("Get(%q).Aliases = %q, want %q", tt.id, e.Aliases, a)
				}
			}
			if slices.Contains(e.Aliases, e.Name) {
				t.Errorf("Get(%q).Aliases repeats the name", tt.id)
			}
		})
	}
	zz, _ := k.State("ZZ")
	if !slices.Contains(zz.Demonyms, "Ruritanian") || !slices.Contains(zz.Capitals, "Strelsau") {
		t.Errorf("state:ZZ demonyms %q capitals %q", zz.Demonyms, zz.Capitals)
	}
	// the built-in base is not changed by someone else's overlay.
	b := builtin(t)
	if e, _ := b.Get("agency:ru-fsb"); slices.Contains(e.Aliases, "Lubyanka Square HQ") {
		t.Errorf("overlay leaked into Builtin")
	}
}

func TestLoadBad(t *testing.T) {
	tests := []struct {
		file string
		want string // substring of the error, after the file name
	}{
		{"columns.bad.tsv", ":4: 8 columns, want 3 to 7"},
		{"type.bad.tsv", `:3: unknown type "Company"`},
		{"id.bad.tsv", `:2: bad id "organisation:acme": Organisation ids start with "org:"`},
		{"agencyid.bad.tsv", `:2: agency "agency:ru-acme" has country "CN", want "RU"`},
		{"country.bad.tsv", `:2: person:ivan-testov: unknown country "ZZ"`},
		{"recountry.bad.tsv", `:3: org:meta: unknown country "ZZ"`},
		{"wikidata.bad.tsv", `:2: org:acme: bad Wikidata id "12345"`},
		{"retype.bad.tsv", `:2: bad id "agency:ru-fsb": Organisation ids start with "org:"`},
		{"noname.bad.tsv", `:2: org:acme: empty name`},
		{"dupstate.bad.tsv", `:3: state "state:XY" has country "XZ"`},
		{"emptyalias.bad.tsv", `:2: empty item in aliases "Acme||ACME"`},
		{"states_iso.bad.tsv", `:2: bad ISO 3166-1 alpha-2 code "Ru"`},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p := filepath.Join("testdata", tt.file)
			_, err := Load(p)
			if err == nil {
				t.Fatalf("Load(%s): no error, want %q", p, tt.want)
			}
			if !strings.Contains(err.Error(), p+tt.want) {
				t.Errorf("Load(%s) error = %q, want it to contain %q", p, err, p+tt.want)
			}
		})
	}
}

// TestLoadBadFilesListed keeps TestLoadBad complete: every bad file in
// testdata must have its expected message there.
func TestLoadBadFilesListed(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.bad.tsv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("glob testdata: %v, %d files", err, len(files))
	}
	src, err := os.ReadFile("kb_test.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !strings.Contains(string(src), `"`+filepath.Base(f)+`"`) {
			t.Errorf("%s has no case in TestLoadBad", f)
		}
	}
}

func TestLoadWindowsFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "windows.tsv")
	data := "\ufeff# saved by a Windows editor\r\norg:acme\tOrganisation\tAcme\tRU\tcompany\tACME|Acme Ltd\r\n"
	if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	k, err := Load(p)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	e, ok := k.Get("org:acme")
	if !ok || e.Country != "RU" || !slices.Equal(e.Aliases, []string{"ACME", "Acme Ltd"}) {
		t.Errorf("Get(org:acme) = %+v, %v; want country RU and aliases [ACME Acme Ltd]", e, ok)
	}
}

func TestEntriesAreCopies(t *testing.T) {
	k := builtin(t)
	e, _ := k.Get("state:RU")
	e.Aliases[0] = "changed"
	e.Demonyms = append(e.Demonyms[:0], "changed")
	again, _ := k.Get("state:RU")
	if slices.Contains(again.Aliases, "changed") || slices.Contains(again.Demonyms, "changed") {
		t.Errorf("changing a returned Entry changed the knowledge base: %+v", again)
	}
}

func TestLoadMissingFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "nope.tsv")
	_, err := Load(p)
	if err == nil || !strings.Contains(err.Error(), p) || !os.IsNotExist(unwrapAll(err)) {
		t.Errorf("Load(missing) error = %v, want a not-exist error naming %s", err, p)
	}
}

func unwrapAll(err error) error {
	for {
		u, ok := err.(interface{ Unwrap() error })
		if !ok || u.Unwrap() == nil {
			return err
		}
		err = u.Unwrap()
	}
}

func TestOwners(t *testing.T) {
	k := builtin(t)
	tests := []struct {
		form string
		want []string
	}{
		{"FSB", []string{"agency:ru-fsb"}},
		{"Moscow", []string{"state:RU"}},
		{"Iranian", []string{"state:IR"}},
		{"fsb", nil}, // forms are exact
		{"SIS", []string{"agency:gb-mi6", "agency:md-sis", "agency:sk-sis"}},
	}
	for _, tt := range tests {
		if got := k.Owners(tt.form); !slices.Equal(got, tt.want) {
			t.Errorf("Owners(%q) = %q, want %q", tt.form, got, tt.want)
		}
	}
}

func TestAmbiguous(t *testing.T) {
	amb := builtin(t).Ambiguous()
	tests := []struct {
		form string
		want []string // ids that must be among the owners; nil = not ambiguous
	}{
		{"CEC", []string{"agency:md-cec", "agency:ru-cec", "agency:ua-cec"}},
		{"Central Election Commission", []string{"agency:ge-cec", "agency:ua-cec"}},
		{"Congolese", []string{"state:CD", "state:CG"}},
		{"FSB", nil},
		{"Russia", nil},
	}
	for _, tt := range tests {
		got := amb[tt.form]
		if tt.want == nil {
			if got != nil {
				t.Errorf("Ambiguous()[%q] = %q, want not ambiguous", tt.form, got)
			}
			continue
		}
		if !sort.StringsAreSorted(got) {
			t.Errorf("Ambiguous()[%q] = %q, not sorted", tt.form, got)
		}
		for _, id := range tt.want {
			if !slices.Contains(got, id) {
				t.Errorf("Ambiguous()[%q] = %q, want it to contain %s", tt.form, got, id)
			}
		}
	}
}

// BenchmarkBuiltin measures parsing and validating the embedded data, paid
// once per run.
func BenchmarkBuiltin(b *testing.B) {
	for b.Loop() {
		if _, err := Builtin(); err != nil {
			b.Fatal(err)
		}
	}
}
