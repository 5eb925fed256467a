package graph_test

import (
	"context"
	"slices"
	"testing"

	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/schema"
)

// oneEntity is an article that only names entities, with no relation.
func oneEntity(id, url string, es ...extract.EntityRecord) extract.Result {
	r := extract.Result{Article: extract.ArticleRecord{Kind: extract.KindArticle, ID: id, Source: "testdata/" + id + ".txt", URL: ptr(url),
		Title: "Note " + id, Published: ptr("2024-05-01"), Outlet: "Example Post", TextHash: "t-" + id}}
	for _, e := range es {
		e.Article = id
		r.Entities = append(r.Entities, e)
	}
	return r
}

// TestNeo4jPartOf checks that PART_OF joins each agency to the state of its
// country whichever is loaded first, follows an agency's country and type,
// and never keeps an entity that no article mentions any more.
func TestNeo4jPartOf(t *testing.T) {
	driver, db := testDB(t)
	l := graph.NewLoader(driver, db, graph.LoadOptions{BatchSize: 100})
	gru := func(country string) extract.EntityRecord {
		return ent("", "agency:gru", "Agency", "GRU", func(e *extract.EntityRecord) { e.Country = country })
	}
	ru := ent("", russia, "State", "Russia", func(e *extract.EntityRecord) { e.ISO2 = "RU" })
	by := ent("", "state:BY", "State", "Belarus", func(e *extract.EntityRecord) { e.ISO2 = "BY" })
	links := func() []string {
		t.Helper()
		rows := query(t, driver, db, `MATCH (a)-[:PART_OF]->(s) RETURN a.id + '>' + s.id AS l ORDER BY l`, nil)
		var out []string
		for _, r := range rows {
			out = append(out, r["l"].(string))
		}
		return out
	}
	steps := []struct {
		name  string
		input []extract.Result
		want  []string
	}{
		{"agency before its state: no link yet", []extract.Result{oneEntity("n1", "https://example.org/n1", gru("RU"))}, nil},
		{"the state arrives: linked", []extract.Result{oneEntity("n2", "https://example.org/n2", ru, by)}, []string{"agency:gru>state:RU"}},
		{"a corrected article moves the agency to another country",
			[]extract.Result{oneEntity("n1b", "https://example.org/n1", gru("BY"))}, []string{"agency:gru>state:BY"}},
		{"another article calls it an organisation: no longer an agency",
			[]extract.Result{oneEntity("n3", "https://example.org/n3", ent("", "agency:gru", "Organisation", "GRU"))}, nil},
		{"it is an agency again, and the state is already there",
			[]extract.Result{oneEntity("n4", "https://example.org/n4", gru("RU"))}, []string{"agency:gru>state:RU"}},
	}
	for _, st := range steps {
		load(t, l, st.input...)
		if got := links(); !slices.Equal(got, st.want) {
			t.Fatalf("%s: PART_OF %v, want %v", st.name, got, st.want)
		}
	}

	// The only article naming Russia and Belarus is corrected to name
	// neither: they go, with their PART_OF, though the GRU still points
	// at Russia's code.
	load(t, l, oneEntity("n2b", "https://example.org/n2", ent("", biden, "Person", "Joe Biden")))
	if got := links(); len(got) != 0 {
		t.Errorf("after the states' article was corrected: PART_OF %v, want none", got)
	}
	if rows := query(t, driver, db, `MATCH (s:State) RETURN count(s) AS n`, nil); rows[0]["n"] != int64(0) {
		t.Errorf("%v states left that no article mentions", rows[0]["n"])
	}

	// A database loaded before PART_OF existed gains it when migrated.
	load(t, l, oneEntity("n5", "https://example.org/n5", ru))
	query(t, driver, db, `MATCH ()-[p:PART_OF]->() DELETE p`, nil)
	query(t, driver, db, `MATCH (m:InfluenceGraph {id: $id}) SET m.version = 2`, map[string]any{"id": schema.MetaID})
	if _, err := graph.ApplySchema(context.Background(), driver, db, schema.Default()); err != nil {
		t.Fatal(err)
	}
	if got, want := links(), []string{"agency:gru>state:RU"}; !slices.Equal(got, want) {
		t.Errorf("after migrating to version 3: PART_OF %v, want %v", got, want)
	}
}

// TestNeo4jCorrectionRedrawsAMissingRelationship: when a correction makes
// the loader recompute a relationship from its claims and the relationship
// itself is missing (deleted by hand, say), it is drawn again.
func TestNeo4jCorrectionRedrawsAMissingRelationship(t *testing.T) {
	driver, db := testDB(t)
	l := graph.NewLoader(driver, db, graph.LoadOptions{BatchSize: 100})
	load(t, l, assessment("a1", "https://example.org/a"), stateMedia("m1"))
	query(t, driver, db, `MATCH (:State {id: $ru})-[r:TARGETED]->(:Election {id: $e}) DELETE r`, map[string]any{"ru": russia, "e": us2020})

	corrected := stateMedia("m1b")
	corrected.Relations = slices.DeleteFunc(corrected.Relations, func(r extract.RelationRecord) bool { return r.Source == russia })
	load(t, l, corrected)

	rows := query(t, driver, db, `MATCH (:State {id: $ru})-[r:TARGETED]->(:Election {id: $e}) RETURN r.articles AS a`, map[string]any{"ru": russia, "e": us2020})
	if len(rows) != 1 || !slices.Equal(rows[0]["a"].([]any), []any{"a1"}) {
		t.Errorf("Russia TARGETED the election after the correction: %v, want one relationship backed by a1", rows)
	}
}
