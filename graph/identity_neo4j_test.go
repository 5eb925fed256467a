package graph_test

import (
	"slices"
	"testing"

	"github.com/influencegraph/influencegraph/extract/extracttest"
	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/identity"
)

// TestNeo4jIdentity loads articles written for it (testdata/identity) with
// an analysts' identity file, and checks which nodes the graph makes:
// elections of no named country stay their article's own, a misspelt
// known person is that person, the analysts' merge joins two spellings,
// and articles without an outlet line count their url's host, or else one
// outlet each.
func TestNeo4jIdentity(t *testing.T) {
	results := extracttest.Extract(t, "testdata/identity")
	rules, err := identity.Load("testdata/identity.yml")
	if err != nil {
		t.Fatal(err)
	}
	k, err := kb.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	rules.WithKnowledgeBase(k)
	driver, db := testDB(t)
	l := graph.NewLoader(driver, db, graph.LoadOptions{Identity: rules})
	if s := load(t, l, results...); s.Articles.New != 5 {
		t.Fatalf("load = %+v, want 5 new articles", s.Articles)
	}
	articleOf := map[string]string{} // file name -> article id
	for _, r := range results {
		articleOf[r.Article.Source[len("testdata/identity/"):]] = r.Article.ID
	}

	t.Run("an election of no named country is its article's", func(t *testing.T) {
		rows := query(t, driver, db, `MATCH (e:Election) WHERE e.id STARTS WITH 'election:XX-2020-other'
OPTIONAL MATCH (a:Article)-[:MENTIONS]->(e)
RETURN e.id AS id, collect(a.id) AS articles ORDER BY id`, nil)
		want := map[string]bool{}
		for _, f := range []string{"01-unnamed-country.txt", "02-another-unnamed-country.txt"} {
			want["election:XX-2020-other@"+articleOf[f]] = true
		}
		if len(rows) != 2 {
			t.Fatalf("elections = %v, want one per article: %v", rows, want)
		}
		for _, r := range rows {
			if arts := r["articles"].([]any); !want[r["id"].(string)] || len(arts) != 1 || r["id"] != "election:XX-2020-other@"+arts[0].(string) {
				t.Errorf("election %v mentioned by %v, want the id of the one article naming it", r["id"], arts)
			}
		}
		rel := query(t, driver, db, `MATCH (:State {id: 'state:RU'})-[r:TARGETED]->(e:Election) WHERE e.id STARTS WITH 'election:XX-' RETURN e.id AS id`, nil)
		if len(rel) != 1 || rel[0]["id"] != "election:XX-2020-other@"+articleOf["01-unnamed-country.txt"] {
			t.Errorf("Russia TARGETED %v, want the first article's own election", rel)
		}
	})

	t.Run("a misspelt known person is that person", func(t *testing.T) {
		rows := query(t, driver, db, `MATCH (p:Person {id: 'person:vladimir-putin'})-[r:AUTHORISED]->(e:Election {id: 'election:MD-2024-referendum'})
RETURN p.aliases AS aliases, r.article_count AS articles, r.outlet_count AS outlets`, nil)
		if len(rows) != 1 || !slices.Contains(rows[0]["aliases"].([]any), any("Vladimir Puttin")) {
			t.Fatalf("Putin AUTHORISED the referendum: %v, want one edge, Putin known as \"Vladimir Puttin\" too", rows)
		}
		// Neither an outlet line nor a url: an outlet of its own.
		if rows[0]["outlets"] != int64(1) {
			t.Errorf("outlet_count = %v, want 1 for an article of unknown outlet", rows[0]["outlets"])
		}
		if n := query(t, driver, db, `MATCH (p:Person {id: 'person:vladimir-puttin'}) RETURN p`, nil); len(n) != 0 {
			t.Errorf("a node for the misspelling: %v", n)
		}
	})

	t.Run("the analysts' merge joins two spellings", func(t *testing.T) {
		rows := query(t, driver, db, `MATCH (p:Person)-[r:TARGETED]->(:Election {id: 'election:MD-2024-referendum'})
WHERE p.id STARTS WITH 'person:anna-muskar'
RETURN p.id AS id, p.aliases AS aliases, r.article_count AS articles, r.outlet_count AS outlets`, nil)
		if len(rows) != 1 || rows[0]["id"] != "person:anna-muskarova" || rows[0]["articles"] != int64(2) || rows[0]["outlets"] != int64(1) ||
			!slices.Contains(rows[0]["aliases"].([]any), any("Anna Muskarowa")) {
			t.Errorf("Muskarova TARGETED the referendum: %v, want one person on 2 articles of 1 outlet, with the other spelling as an alias", rows)
		}
	})

	t.Run("the outlet of an article without an outlet line is its url's host", func(t *testing.T) {
		rows := query(t, driver, db, `MATCH (a:Article) RETURN a.id AS id, a.outlet AS outlet`, nil)
		got := map[string]any{}
		for _, r := range rows {
			got[r["id"].(string)] = r["outlet"]
		}
		for f, want := range map[string]any{
			"01-unnamed-country.txt":         "example.net", // https://www.example.net/...
			"02-another-unnamed-country.txt": "Example Asia Desk",
			"03-puttin.txt":                  nil,
		} {
			if got[articleOf[f]] != want {
				t.Errorf("outlet of %s = %v, want %v", f, got[articleOf[f]], want)
			}
		}
	})

	again := load(t, l, results...)
	if again.Articles.Unchanged != 5 || again.Graph != (graph.Counters{}) {
		t.Errorf("second load = %+v, graph %+v; want all unchanged and nothing written", again.Articles, again.Graph)
	}
}
