package identity

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/extract/kb"
)

func TestLoadBadFiles(t *testing.T) {
	tests := []struct{ file, want string }{
		{"self.bad.yml", `merge 1: "person:a" merged into itself`},
		{"circle.bad.yml", "go round in a circle"},
		{"types.bad.yml", `"person:a" and "org:a" are entities of different types`},
		{"unknown_key.bad.yml", "field to not found"},
		{"split_articles.bad.yml", "split 1: id, into and articles are all needed"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := Load(filepath.Join("testdata", tt.file))
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.file) {
				t.Errorf("Load(%s) = %v, want an error naming the file and saying %q", tt.file, err, tt.want)
			}
		})
	}
	if _, err := Load("testdata/missing.yml"); err == nil || !os.IsNotExist(errorsUnwrap(err)) {
		t.Errorf("Load of a missing file = %v, want a not-exist error", err)
	}
}

func errorsUnwrap(err error) error {
	for {
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return err
		}
		err = u.Unwrap()
	}
}

func ptr(s string) *string { return &s }

func TestApply(t *testing.T) {
	rules, err := Load(filepath.Join("testdata", "good.yml"))
	if err != nil {
		t.Fatal(err)
	}
	ent := func(id, name string, aliases ...string) extract.EntityRecord {
		return extract.EntityRecord{Kind: "entity", Article: "a1", ID: id, Name: name, Aliases: aliases, Mentions: []extract.Span{{0, 1}}}
	}
	rel := func(src, dst string) extract.RelationRecord {
		return extract.RelationRecord{Kind: "relation", Article: "a1", Type: "TARGETED", Source: src, Target: dst}
	}
	tests := []struct {
		name      string
		url       string
		entities  []extract.EntityRecord
		relations []extract.RelationRecord
		wantEnts  []string // id=name[aliases]
		wantRels  []string // source>target
	}{
		{"an election without a country is its article's",
			"https://example.org/x",
			[]extract.EntityRecord{ent("state:RU", "Russia"), ent("election:XX-2020-other", "2020 election"), ent("election:EU-2024-european", "2024 European Parliament election")},
			[]extract.RelationRecord{rel("state:RU", "election:XX-2020-other"), rel("state:RU", "election:EU-2024-european")},
			[]string{"state:RU=Russia[]", "election:XX-2020-other@a1=2020 election[]", "election:EU-2024-european=2024 European Parliament election[]"},
			[]string{"state:RU>election:XX-2020-other@a1", "state:RU>election:EU-2024-european"}},
		{"a merge, followed through a chain, joins the entity the article already has",
			"https://example.org/x",
			[]extract.EntityRecord{ent("person:vladimir-putin", "Vladimir Putin", "Putin"), ent("person:v-putin", "V. Putin"), ent("election:MD-2024-referendum", "2024 Moldova referendum")},
			[]extract.RelationRecord{rel("person:v-putin", "election:MD-2024-referendum")},
			[]string{"person:vladimir-putin=Vladimir Putin[Putin V. Putin]", "election:MD-2024-referendum=2024 Moldova referendum[]"},
			[]string{"person:vladimir-putin>election:MD-2024-referendum"}},
		{"a merge renames an entity alone, keeping its name as an alias",
			"https://example.org/x",
			[]extract.EntityRecord{ent("person:vladimir-puttin", "Vladimir Puttin")},
			nil,
			[]string{"person:vladimir-putin=Vladimir Puttin[Vladimir Puttin]"},
			nil},
		{"a split applies in the articles it names",
			"https://example.org/2026/01/smith-the-banker",
			[]extract.EntityRecord{ent("person:john-smith", "John Smith", "Smith")},
			nil,
			[]string{"person:john-smith-banker=John Smith (banker)[Smith John Smith]"},
			nil},
		{"and not in others",
			"https://example.org/2026/01/smith-the-senator",
			[]extract.EntityRecord{ent("person:john-smith", "John Smith", "Smith")},
			nil,
			[]string{"person:john-smith=John Smith[Smith]"},
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := extract.Result{Article: extract.ArticleRecord{ID: "a1", URL: ptr(tt.url)}, Entities: tt.entities, Relations: tt.relations}
			before := fmtResult(in)
			out := rules.Apply(in)
			if fmtResult(in) != before {
				t.Errorf("Apply modified its input")
			}
			var ents, rels []string
			for _, e := range out.Entities {
				ents = append(ents, e.ID+"="+e.Name+"["+strings.Join(e.Aliases, " ")+"]")
			}
			for _, r := range out.Relations {
				rels = append(rels, r.Source+">"+r.Target)
			}
			if !reflect.DeepEqual(ents, tt.wantEnts) {
				t.Errorf("entities = %q, want %q", ents, tt.wantEnts)
			}
			if !reflect.DeepEqual(rels, tt.wantRels) {
				t.Errorf("relations = %q, want %q", rels, tt.wantRels)
			}
		})
	}
}

func fmtResult(r extract.Result) string {
	var b strings.Builder
	for _, e := range r.Entities {
		b.WriteString(e.ID + e.Name + strings.Join(e.Aliases, ",") + ";")
	}
	for _, rel := range r.Relations {
		b.WriteString(rel.Source + rel.Target + ";")
	}
	return b.String()
}

func TestNilRulesScopeElections(t *testing.T) {
	var r *Rules
	out := r.Apply(extract.Result{Article: extract.ArticleRecord{ID: "b2"}, Entities: []extract.EntityRecord{{ID: "election:XX-2021-referendum"}}})
	if got := out.Entities[0].ID; got != "election:XX-2021-referendum@b2" {
		t.Errorf("id = %q, want the election scoped to article b2", got)
	}
}

func TestFuzzyPersons(t *testing.T) {
	k, err := kb.Load(filepath.Join("testdata", "people.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	rules, err := Load(filepath.Join("testdata", "good.yml"))
	if err != nil {
		t.Fatal(err)
	}
	rules.WithKnowledgeBase(k)
	tests := []struct {
		name, id, want string
	}{
		{"Vladimir Puttin", "person:vladimir-puttin", "person:vladimir-putin"},               // one letter more
		{"Vladimir Ptin", "person:vladimir-ptin", "person:vladimir-putin"},                   // one letter less
		{"Wladimir Puttin", "person:wladimir-puttin", "person:vladimir-putin"},               // one edit from an alias
		{"Alexandr Lukashenka", "person:alexandr-lukashenka", "person:alexander-lukashenko"}, // 16 letters or more: two edits
		{"Vladimir Pudtn", "person:vladimir-pudtn", "person:vladimir-pudtn"},                 // two edits in a name under 16 letters
		{"Bladimir Putin", "person:bladimir-putin", "person:bladimir-putin"},                 // the first name's initial differs
		{"Vladimir Rutin", "person:vladimir-rutin", "person:vladimir-rutin"},                 // the surname's initial differs
		{"Joe Bidenn", "person:joe-bidenn", "person:joe-bidenn"},                             // too short to guess
		{"Mara Kovalenko", "person:mara-kovalenko", "person:mara-kovalenko"},                 // as near two known people
		{"Vladimir Puttin", "person:john-smith", "person:john-smith-banker"},                 // a split in the article wins
	}
	for _, tt := range tests {
		res := rules.Apply(extract.Result{
			Article:   extract.ArticleRecord{ID: "a1", URL: ptr("https://example.org/2026/01/smith-the-banker")},
			Entities:  []extract.EntityRecord{{ID: tt.id, Type: "Person", Name: tt.name}},
			Relations: []extract.RelationRecord{{Type: "AUTHORISED", Source: tt.id, Target: "election:MD-2024-referendum"}},
		})
		if got := res.Entities[0].ID; got != tt.want || res.Relations[0].Source != tt.want {
			t.Errorf("%q (%s) became %q, its relation's source %q; want %q", tt.name, tt.id, got, res.Relations[0].Source, tt.want)
		}
	}
}
