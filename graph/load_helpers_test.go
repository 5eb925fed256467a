package graph_test

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/graph/graphtest"
	"github.com/influencegraph/influencegraph/schema"
)

// testDB gives the test the local Neo4j to itself (graphtest.Fresh holds
// a lock file until the test ends, so other packages' Neo4j tests wait),
// empty and with the schema applied.
func testDB(t testing.TB) (neo4j.DriverWithContext, string) {
	t.Helper()
	c := graphtest.Ready(t)
	return c.Driver(), c.Database()
}

// cleanDB empties the database the test already holds: relationships
// first, in chunks, since detaching hub entities with hundreds of
// thousands of relationships in one transaction exceeds Neo4j's
// transaction memory.
func cleanDB(t testing.TB, driver neo4j.DriverWithContext, db string) {
	t.Helper()
	for _, q := range []string{
		"MATCH ()-[r]->() WITH r LIMIT 50000 DELETE r RETURN count(*) AS n",
		"MATCH (n) WITH n LIMIT 50000 DETACH DELETE n RETURN count(*) AS n",
	} {
		for {
			res, err := neo4j.ExecuteQuery(context.Background(), driver, q, nil,
				neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
			if err != nil {
				t.Fatalf("clean database: %v", err)
			}
			if n, _ := res.Records[0].Get("n"); n == int64(0) {
				break
			}
		}
	}
}

// dump returns every node and relationship with its properties as sorted
// lines, leaving out loaded_at and applied_at; with sortLists, list
// properties are sorted too (for comparing loads done in another order).
func dump(t testing.TB, driver neo4j.DriverWithContext, db string, sortLists bool) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	nodes, err := neo4j.ExecuteQuery(ctx, driver, "MATCH (n) RETURN labels(n) AS l, properties(n) AS p", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
	if err != nil {
		t.Fatalf("dump nodes: %v", err)
	}
	for _, r := range nodes.Records {
		l, _ := r.Get("l")
		p, _ := r.Get("p")
		labels := fmt.Sprint(l)
		if labels == "["+schema.Meta+"]" {
			continue
		}
		out = append(out, "node "+sortedLabels(l)+" "+props(p.(map[string]any), sortLists))
	}
	rels, err := neo4j.ExecuteQuery(ctx, driver,
		"MATCH (a)-[r]->(b) RETURN coalesce(a.id, '?') AS a, type(r) AS t, coalesce(b.id, '?') AS b, properties(r) AS p", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
	if err != nil {
		t.Fatalf("dump relationships: %v", err)
	}
	for _, r := range rels.Records {
		a, _ := r.Get("a")
		ty, _ := r.Get("t")
		b, _ := r.Get("b")
		p, _ := r.Get("p")
		out = append(out, fmt.Sprintf("rel (%v)-[%v %s]->(%v)", a, ty, props(p.(map[string]any), sortLists), b))
	}
	sort.Strings(out)
	return out
}

func sortedLabels(l any) string {
	var s []string
	for _, x := range l.([]any) {
		s = append(s, x.(string))
	}
	slices.Sort(s)
	return strings.Join(s, ":")
}

func props(p map[string]any, sortLists bool) string {
	keys := make([]string, 0, len(p))
	for k := range p {
		if k == "loaded_at" || k == "applied_at" {
			continue
		}
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for _, k := range keys {
		v := p[k]
		if l, ok := v.([]any); ok && sortLists {
			s := make([]string, len(l))
			for i, x := range l {
				s[i] = fmt.Sprint(x)
			}
			slices.Sort(s)
			v = s
		}
		fmt.Fprintf(&b, "%s=%v ", k, v)
	}
	return "{" + strings.TrimSpace(b.String()) + "}"
}

func diffDumps(t testing.TB, got, want []string) {
	t.Helper()
	g := map[string]bool{}
	for _, l := range got {
		g[l] = true
	}
	w := map[string]bool{}
	for _, l := range want {
		w[l] = true
	}
	n := 0
	for _, l := range want {
		if !g[l] && n < 10 {
			t.Errorf("missing: %s", l)
			n++
		}
	}
	for _, l := range got {
		if !w[l] && n < 20 {
			t.Errorf("unexpected: %s", l)
			n++
		}
	}
	if len(got) != len(want) && n == 0 {
		t.Errorf("dump has %d lines, want %d (duplicates?)", len(got), len(want))
	}
}

func seq(rs ...extract.Result) func(func(extract.Result, error) bool) {
	return func(yield func(extract.Result, error) bool) {
		for _, r := range rs {
			if !yield(r, nil) {
				return
			}
		}
	}
}

func query(t testing.TB, driver neo4j.DriverWithContext, db, q string, params map[string]any) []map[string]any {
	t.Helper()
	res, err := neo4j.ExecuteQuery(context.Background(), driver, q, params, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
	if err != nil {
		t.Fatalf("query %q: %v", q, err)
	}
	var out []map[string]any
	for _, r := range res.Records {
		out = append(out, r.AsMap())
	}
	return out
}

func ptr(s string) *string { return &s }

// fixture builders: articles written for these tests, in our own words.

func ent(article, id, typ, name string, extra ...func(*extract.EntityRecord)) extract.EntityRecord {
	e := extract.EntityRecord{Kind: extract.KindEntity, Article: article, ID: id, Type: typ, Name: name, Mentions: []extract.Span{{0, 1}}}
	for _, f := range extra {
		f(&e)
	}
	return e
}

func rel(article, typ, src, dst, sentence string, conf float64) extract.RelationRecord {
	return extract.RelationRecord{Kind: extract.KindRelation, Article: article, Type: typ, Source: src, Target: dst,
		Confidence: conf, Evidence: sentence, Span: extract.Span{0, len(sentence)}}
}

const (
	putin  = "person:vladimir-putin"
	trump  = "person:donald-trump"
	biden  = "person:joe-biden"
	russia = "state:RU"
	iran   = "state:IR"
	us2020 = "election:US-2020-presidential"
	rt     = "agency:rt"
)

func election(e *extract.EntityRecord) {
	e.Country, e.Year, e.ElectionKind = "US", 2020, "presidential"
}

// assessment is an article reporting an intelligence assessment: Putin
// authorised operations around the 2020 election, Russia targeted it.
func assessment(id, url string) extract.Result {
	return extract.Result{
		Article: extract.ArticleRecord{Kind: extract.KindArticle, ID: id, Source: "testdata/assessment.txt", URL: ptr(url),
			Title: "Assessment says Moscow tried to sway the vote", Published: ptr("2021-03-17"), Outlet: "Example Wire", TextHash: "t-" + id},
		Entities: []extract.EntityRecord{
			ent(id, putin, "Person", "Vladimir Putin", func(e *extract.EntityRecord) { e.Aliases = []string{"Putin"} }),
			ent(id, russia, "State", "Russia", func(e *extract.EntityRecord) { e.ISO2 = "RU" }),
			ent(id, us2020, "Election", "2020 United States presidential election", election),
			ent(id, biden, "Person", "Joe Biden"),
		},
		Relations: []extract.RelationRecord{
			rel(id, "AUTHORISED", putin, us2020, "The assessment says Putin approved a campaign meant to tilt the 2020 vote.", 0.9),
			rel(id, "AUTHORISED", putin, biden, "The assessment says Putin approved efforts to smear Biden.", 0.8),
			rel(id, "TARGETED", russia, us2020, "Russia tried to influence the 2020 election, the assessment found.", 0.85),
		},
	}
}

// stateMedia is an article about state media amplifying claims.
func stateMedia(id string) extract.Result {
	return extract.Result{
		Article: extract.ArticleRecord{Kind: extract.KindArticle, ID: id, Source: "testdata/media.txt", URL: ptr("https://example.org/media"),
			Title: "Broadcaster pushed claims about the candidate", Published: ptr("2020-10-02"), Outlet: "Example Times", TextHash: "t-" + id},
		Entities: []extract.EntityRecord{
			ent(id, rt, "Agency", "RT", func(e *extract.EntityRecord) { e.Country, e.Subtype = "RU", "state-media" }),
			ent(id, russia, "State", "Russia", func(e *extract.EntityRecord) { e.ISO2 = "RU"; e.Aliases = []string{"Moscow"} }),
			ent(id, iran, "State", "Iran", func(e *extract.EntityRecord) { e.ISO2 = "IR" }),
			ent(id, biden, "Person", "Joe Biden"),
			ent(id, us2020, "Election", "2020 United States presidential election", election),
		},
		Relations: []extract.RelationRecord{
			rel(id, "AMPLIFIED", rt, biden, "The broadcaster reportedly repeated claims about Biden.", 0.7),
			rel(id, "TARGETED", russia, us2020, "Moscow sought to sway the election, officials said.", 0.75),
			rel(id, "TARGETED", iran, us2020, "Iran also tried to influence the vote.", 0.8),
		},
	}
}
