package gold

import "testing"

func TestNorm(t *testing.T) {
	for in, want := range map[string]string{
		"The Kremlin":         "kremlin",
		"Cernăuțeanu":         "cernauteanu",
		"Russia’s":            "russia",
		"U.S. Cyber Command":  "u s cyber command",
		"  Storm-1516 ":       "storm 1516",
		"the United States's": "united states",
	} {
		if got := Norm(in); got != want {
			t.Errorf("Norm(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMatch(t *testing.T) {
	us := "US"
	g := File{
		Entities: []Entity{
			{Key: "ru", Type: "State", Name: "Russia", ISO2: "RU"},
			{Key: "putin", Type: "Person", Name: "Vladimir Putin", Aliases: []string{"Putin"}},
			{Key: "us20", Type: "Election", Name: "2020 US election", Country: &us, Year: 2020, Kind: "presidential"},
		},
		OptionalEntities: []Entity{{Key: "eu", Type: "Organisation", Name: "European Union", Aliases: []string{"EU"}}},
	}
	sys := []SysEntity{
		{ID: "state:RU", Type: "State", Name: "Russian Federation", ISO2: "RU"},
		{ID: "person:putin", Type: "Person", Name: "Putin"},
		{ID: "person:putin-2", Type: "Person", Name: "Vladimir Putin"}, // a duplicate: wrong
		{ID: "election:US-2020", Type: "Election", Name: "x", Country: "US", Year: 2020},
		{ID: "org:eu", Type: "Organisation", Name: "EU"},     // optional: neither
		{ID: "agency:putin", Type: "Agency", Name: "Putin"},  // wrong type: wrong, mapped by name
		{ID: "org:nato", Type: "Organisation", Name: "NATO"}, // unknown: wrong
	}
	keys, tp, fp := Match(g, sys)
	if tp != 3 || fp != 3 {
		t.Errorf("tp=%d fp=%d, want 3 and 3", tp, fp)
	}
	for id, want := range map[string]string{"state:RU": "ru", "person:putin": "putin", "person:putin-2": "putin",
		"election:US-2020": "us20", "org:eu": "eu", "agency:putin": "putin", "org:nato": ""} {
		if keys[id] != want {
			t.Errorf("%s -> %q, want %q", id, keys[id], want)
		}
	}
}

func TestTriplesPutRequiredBeforeOptional(t *testing.T) {
	g := File{
		Relations:         []Relation{{Type: "TARGETED", Source: "a", Target: "b"}, {Type: "SUPPORTS", Source: "a", Target: "b"}},
		OptionalRelations: []Relation{{Type: "TARGETED", Source: "a", Target: "b"}, {Type: "AMPLIFIED", Source: "a", Target: "b"}},
	}
	req, opt := Triples(g)
	if len(req) != 1 || len(opt) != 1 || !opt[Triple{"a", "AMPLIFIED", "b", false}] {
		t.Errorf("required %v, optional %v", req, opt)
	}
}
