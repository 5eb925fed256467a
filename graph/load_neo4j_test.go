package graph_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"

	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/graph/graphtest"
	"github.com/influencegraph/influencegraph/schema"
)

func TestNeo4jApplySchemaTwice(t *testing.T) {
	driver, db := testDB(t) // applies once
	ctx := context.Background()
	st, err := graph.ApplySchema(ctx, driver, db, schema.Default())
	if err != nil {
		t.Fatalf("second apply: %v", err)
	}
	if len(st.Applied) != 0 || st.Version != schema.Version {
		t.Errorf("second apply = %+v, want nothing applied at version %d", st, schema.Version)
	}
	rows := query(t, driver, db, "SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names", nil)
	names := rows[0]["names"].([]any)
	for _, c := range schema.Default().Constraints {
		if !slices.Contains(names, any(c.Name)) {
			t.Errorf("constraint %s missing after apply", c.Name)
		}
	}
	for _, d := range schema.Default().Drops {
		if slices.Contains(names, any(d.Name)) {
			t.Errorf("constraint %s, dropped in version %d, still there", d.Name, d.Version)
		}
	}

	// A database set up by version 1 (with its claim_id constraint)
	// migrates forward and loses the constraint.
	query(t, driver, db, "CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (n:Claim) REQUIRE n.id IS UNIQUE", nil)
	query(t, driver, db, "MATCH (m:InfluenceGraph {id: $id}) SET m.version = 1", map[string]any{"id": schema.MetaID})
	st, err = graph.ApplySchema(ctx, driver, db, schema.Default())
	if err != nil {
		t.Fatalf("migrate from version 1: %v", err)
	}
	var want []int
	for v := 2; v <= schema.Version; v++ {
		want = append(want, v)
	}
	if !slices.Equal(st.Applied, want) || st.Version != schema.Version {
		t.Errorf("migration from version 1 = %+v, want versions %v applied", st, want)
	}
	rows = query(t, driver, db, "SHOW CONSTRAINTS YIELD name WHERE name = 'claim_id' RETURN count(*) AS n", nil)
	if n := rows[0]["n"].(int64); n != 0 {
		t.Errorf("claim_id constraint still there after migrating to version 2")
	}

	newer := schema.Default()
	newer.Version = schema.Version - 1
	if _, err := graph.ApplySchema(ctx, driver, db, newer); err == nil {
		t.Errorf("an older model applied to a newer database did not fail")
	}
}

func load(t testing.TB, l *graph.Loader, rs ...extract.Result) graph.Summary {
	t.Helper()
	s, err := l.Load(context.Background(), seq(rs...))
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return s
}

func TestNeo4jLoadTwiceLeavesDatabaseIdentical(t *testing.T) {
	driver, db := testDB(t)
	l := graph.NewLoader(driver, db, graph.LoadOptions{BatchSize: 4, EvidenceCap: 5})
	input := []extract.Result{assessment("a1", "https://example.org/a"), stateMedia("m1")}
	first := load(t, l, input...)
	if first.Articles.New != 2 || first.Relations.Created != 5 {
		t.Errorf("first load = %+v, want 2 new articles and 5 relations", first)
	}
	before := dump(t, driver, db, false)
	second := load(t, l, input...)
	after := dump(t, driver, db, false)
	diffDumps(t, after, before)
	if second.Articles.Unchanged != 2 || second.Graph.NodesCreated != 0 || second.Graph.RelationshipsCreated != 0 {
		t.Errorf("second load = %+v, want 2 unchanged articles and nothing created", second)
	}
	// Russia TARGETED the election is stated by both articles: one
	// relationship, two articles, two outlets, both evidence sentences.
	rows := query(t, driver, db, `MATCH (:State {id: $s})-[r:TARGETED]->(:Election {id: $t})
RETURN count(r) AS n, r.article_count AS c, r.outlet_count AS o, r.articles AS arts, size(r.evidence) AS ev,
       r.first_reported AS first, r.last_reported AS last, r.max_confidence AS maxc`, map[string]any{"s": russia, "t": us2020})
	want := map[string]any{"n": int64(1), "c": int64(2), "o": int64(2), "arts": []any{"m1", "a1"}, "ev": int64(2),
		"first": "2020-10-02", "last": "2021-03-17", "maxc": 0.85}
	if len(rows) != 1 || !equalMaps(rows[0], want) {
		t.Errorf("Russia TARGETED election = %v, want %v", rows, want)
	}
}

func equalMaps(got, want map[string]any) bool {
	for k, v := range want {
		g := got[k]
		if gl, ok := g.([]any); ok {
			wl, _ := v.([]any)
			if !slices.Equal(gl, wl) {
				return false
			}
			continue
		}
		if g != v {
			return false
		}
	}
	return true
}

func TestNeo4jCorrectedArticleReplacesItsFacts(t *testing.T) {
	driver, db := testDB(t)
	l := graph.NewLoader(driver, db, graph.LoadOptions{BatchSize: 100, EvidenceCap: 5})
	load(t, l, assessment("a1", "https://example.org/a"), stateMedia("m1"))

	// The corrected version (same url, new text and id) no longer says
	// Putin authorised anything and no longer mentions him.
	fixed := assessment("a2", "https://example.org/a")
	fixed.Entities = slices.DeleteFunc(fixed.Entities, func(e extract.EntityRecord) bool { return e.ID == putin })
	fixed.Relations = fixed.Relations[2:]
	s := load(t, l, fixed)
	if s.Articles.New != 1 || s.Articles.Replaced != 1 || s.Relations.Removed != 2 {
		t.Errorf("correction = %+v, want 1 new, 1 replaced, 2 relations removed", s)
	}

	// Loading both versions again, in either order, keeps the corrected one.
	before := dump(t, driver, db, false)
	for _, input := range [][]extract.Result{
		{assessment("a1", "https://example.org/a"), stateMedia("m1"), fixed},
		{fixed, assessment("a1", "https://example.org/a")},
	} {
		s := load(t, l, input...)
		if s.Articles.Skipped != 1 || s.Articles.New != 0 || s.Graph.NodesCreated != 0 {
			t.Errorf("reloading old and corrected versions = %+v, want the old one skipped and nothing created", s.Articles)
		}
		diffDumps(t, dump(t, driver, db, false), before)
	}
	got := dump(t, driver, db, true)

	// The same database as loading the corrected version in the first place
	// (but for the record of the version it replaced).
	cleanDB(t, driver, db)
	load(t, l, stateMedia("m1"), fixed)
	query(t, driver, db, "MATCH (a:Article {id: 'a2'}) SET a.superseded = ['a1']", nil)
	diffDumps(t, got, dump(t, driver, db, true))

	rows := query(t, driver, db, `OPTIONAL MATCH (p {id: $p}) WITH count(p) AS putins
MATCH (:State {id: $s})-[r:TARGETED]->() RETURN putins, r.articles AS arts`, map[string]any{"p": putin, "s": russia})
	if len(rows) != 1 || rows[0]["putins"] != int64(0) || !slices.Equal(rows[0]["arts"].([]any), []any{"m1", "a2"}) {
		t.Errorf("after correction: %v, want Putin gone and Russia TARGETED backed by m1, a2", rows)
	}
}

func TestNeo4jReextractedArticleUpdatesInPlace(t *testing.T) {
	driver, db := testDB(t)
	l := graph.NewLoader(driver, db, graph.LoadOptions{BatchSize: 100})
	load(t, l, assessment("a1", "https://example.org/a"))
	again := assessment("a1", "https://example.org/a")
	again.Relations[0].Negated = true // a better extractor reads a denial
	s := load(t, l, again)
	if s.Articles.Updated != 1 || s.Relations.Created != 1 || s.Relations.Removed != 1 {
		t.Errorf("update = %+v, want 1 updated article, 1 relation created and 1 removed", s)
	}
	rows := query(t, driver, db, `MATCH (:Person {id: $p})-[r:AUTHORISED]->(:Election) RETURN r.negated AS neg`, map[string]any{"p": putin})
	if len(rows) != 1 || rows[0]["neg"] != true {
		t.Errorf("AUTHORISED after update = %v, want one negated relationship", rows)
	}
}

func TestNeo4jDryRunWritesNothing(t *testing.T) {
	driver, db := testDB(t)
	before := dump(t, driver, db, false)
	l := graph.NewLoader(driver, db, graph.LoadOptions{DryRun: true})
	s := load(t, l, assessment("a1", "https://example.org/a"))
	if !s.DryRun || s.Articles.New != 1 || s.Relations.Created != 3 || s.Graph.NodesCreated == 0 {
		t.Errorf("dry run = %+v, want 1 new article and 3 relations reported", s)
	}
	diffDumps(t, dump(t, driver, db, false), before)
}

// A dry run against a database never set up (no constraints, no
// indexes, no schema version) works, although the statements name
// indexes in hints.
func TestNeo4jDryRunWithoutSchema(t *testing.T) {
	c := graphtest.Fresh(t)
	graphtest.DropSchema(t, c)
	t.Cleanup(func() { graphtest.Clean(t, c) }) // removes the version too: the next test sets the schema up again
	driver, db := c.Driver(), c.Database()
	query(t, driver, db, "MATCH (m:InfluenceGraph) DETACH DELETE m", nil)
	l := graph.NewLoader(driver, db, graph.LoadOptions{DryRun: true})
	s := load(t, l, assessment("a1", "https://example.org/a"), stateMedia("m1"))
	if s.Articles.New != 2 || s.Relations.Created != 5 {
		t.Errorf("dry run without schema = %+v, want 2 new articles and 5 relations", s)
	}
	if rows := query(t, driver, db, "MATCH (n) RETURN count(n) AS n", nil); rows[0]["n"] != int64(0) {
		t.Errorf("dry run left %v nodes", rows[0]["n"])
	}
}

func TestNeo4jConcurrentLoadsOverlapping(t *testing.T) {
	driver, db := testDB(t)
	all := synthResults(120, 8, 1)
	l := graph.NewLoader(driver, db, graph.LoadOptions{BatchSize: 60})
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, part := range [][]extract.Result{all[:90], all[30:]} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = l.Load(context.Background(), seq(part...))
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("load %d: %v", i, err)
		}
	}
	got := dump(t, driver, db, true)
	dups := query(t, driver, db, `MATCH (s)-[r]->(t) WITH s, type(r) AS ty, t, r.negated AS neg, count(*) AS n WHERE n > 1 RETURN count(*) AS dups`, nil)
	if dups[0]["dups"] != int64(0) {
		t.Errorf("%v duplicated relationships after concurrent loads", dups[0]["dups"])
	}
	cleanDB(t, driver, db)
	load(t, l, all...)
	diffDumps(t, got, dump(t, driver, db, true))
}

func TestNeo4jInterruptedLoadCompletesOnRerun(t *testing.T) {
	driver, db := testDB(t)
	all := synthResults(60, 6, 2)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	batches := 0
	l := graph.NewLoader(driver, db, graph.LoadOptions{BatchSize: 50, Progress: func(graph.Summary) {
		if batches++; batches == 2 {
			cancel()
		}
	}})
	_, err := l.Load(ctx, seq(all...))
	var le *graph.LoadError
	if !errors.As(err, &le) || !errors.Is(err, context.Canceled) || le.Summary.Batches < 2 {
		t.Fatalf("interrupted load returned %v, want a graph.LoadError wrapping context.Canceled after 2 batches", err)
	}
	rerun := graph.NewLoader(driver, db, graph.LoadOptions{BatchSize: 50})
	s := load(t, rerun, all...)
	if s.Articles.Unchanged == 0 || s.Articles.New == 0 {
		t.Errorf("re-run = %+v, want both unchanged (already loaded) and new articles", s.Articles)
	}
	got := dump(t, driver, db, false)
	cleanDB(t, driver, db)
	load(t, rerun, all...)
	diffDumps(t, got, dump(t, driver, db, false))
}

// TestNeo4jAnalystQueries runs the analyst queries of docs/ on the test
// articles.
func TestNeo4jAnalystQueries(t *testing.T) {
	driver, db := testDB(t)
	load(t, graph.NewLoader(driver, db, graph.LoadOptions{}), assessment("a1", "https://example.org/a"), stateMedia("m1"))
	tests := []struct {
		name   string
		query  string
		params map[string]any
		want   []map[string]any
	}{
		{
			name: "who authorised what around the 2020 US presidential election, and the evidence",
			query: `MATCH (e:Election {country: 'US', year: 2020})
MATCH (who)-[r:AUTHORISED]->(what) WHERE what = e OR (what)<-[:TARGETED|AMPLIFIED]-() 
MATCH (c:Claim {relation: r.key})<-[:STATES]-(a:Article)
RETURN who.name AS who, what.name AS what, c.sentence AS sentence, a.url AS url ORDER BY what`,
			want: []map[string]any{
				{"who": "Vladimir Putin", "what": "2020 United States presidential election", "sentence": "The assessment says Putin approved a campaign meant to tilt the 2020 vote.", "url": "https://example.org/a"},
				{"who": "Vladimir Putin", "what": "Joe Biden", "sentence": "The assessment says Putin approved efforts to smear Biden.", "url": "https://example.org/a"},
			},
		},
		{
			name: "which states targeted the election, by number of articles",
			query: `MATCH (s:State)-[r:TARGETED {negated: false}]->(:Election {id: $e})
RETURN s.name AS state, r.article_count AS articles ORDER BY articles DESC, state`,
			params: map[string]any{"e": us2020},
			want:   []map[string]any{{"state": "Russia", "articles": int64(2)}, {"state": "Iran", "articles": int64(1)}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := query(t, driver, db, tt.query, tt.params)
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if !equalMaps(got[i], tt.want[i]) {
					t.Errorf("row %d = %v, want %v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

// TestNeo4jBatchingDoesNotChangeTheGraph loads the same input one article
// per batch (provenance recomputed in Cypher as claims arrive) and in one
// batch (computed in Go when the relationship is created): the databases
// must be identical, list order included.
func TestNeo4jBatchingDoesNotChangeTheGraph(t *testing.T) {
	driver, db := testDB(t)
	input := synthResults(30, 6, 3)
	undated := stateMedia("m9")
	undated.Article.Published, undated.Article.Outlet = nil, ""
	undated.Relations[0].Hedges = []string{"reportedly"}
	undated.Relations[1].Attribution = "officials"
	input = append(input, assessment("a1", "https://example.org/a"), stateMedia("m1"), undated)
	load(t, graph.NewLoader(driver, db, graph.LoadOptions{BatchSize: 1, EvidenceCap: 3}), input...)
	one := dump(t, driver, db, false)
	cleanDB(t, driver, db)
	load(t, graph.NewLoader(driver, db, graph.LoadOptions{BatchSize: 100000, EvidenceCap: 3}), input...)
	diffDumps(t, dump(t, driver, db, false), one)
}
