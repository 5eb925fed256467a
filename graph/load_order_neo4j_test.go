package graph_test

import (
	"context"
	"slices"
	"testing"

	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/graph/graphtest"
)

// TestNeo4jLoadOrderGivesTheSameGraph loads the same articles in separate
// runs in different orders, as concurrent cron runs or shards do, and
// checks that the graphs are identical property for property, list
// properties such as aliases included (sorted and without repeats), and
// that SnapshotOf builds the same graph without a database.
func TestNeo4jLoadOrderGivesTheSameGraph(t *testing.T) {
	c := graphtest.Ready(t)
	withAliases := func(r extract.Result, id string, aliases ...string) extract.Result {
		r.Entities = slices.Clone(r.Entities)
		for i, e := range r.Entities {
			if e.ID == id {
				r.Entities[i].Aliases = aliases
			}
		}
		return r
	}
	a := withAliases(assessment("a1", "https://example.org/a"), russia, "Russian Federation", "Moscow", "Moscow")
	b := withAliases(stateMedia("m1"), russia, "the Kremlin", "Moscow")
	d := withAliases(stateMedia("m2"), russia, "Russia", "RF")
	d.Article.URL = ptr("https://example.org/other")

	orders := []struct {
		name string
		runs [][]extract.Result // one load per element
	}{
		{"a, b, d", [][]extract.Result{{a}, {b}, {d}}},
		{"d, b, a", [][]extract.Result{{d}, {b}, {a}}},
		{"b and d, then a", [][]extract.Result{{b, d}, {a}}},
		{"one run a, d, b", [][]extract.Result{{a, d, b}}},
	}
	var first []string
	for i, o := range orders {
		graphtest.Clean(t, c)
		for _, run := range o.runs {
			graphtest.Load(t, c, graphtest.Results(run))
		}
		got := snapshotJSON(t, c)
		if i == 0 {
			first = got
			want, err := graph.SnapshotOf(seq(a, b, d), 0)
			if err != nil {
				t.Fatal(err)
			}
			diffDumps(t, got, append(asJSON(t, want.Nodes), asJSON(t, want.Edges)...))
			continue
		}
		t.Run(o.name, func(t *testing.T) { diffDumps(t, got, first) })
	}
	rows := query(t, c.Driver(), c.Database(), "MATCH (e {id: $id}) RETURN e.aliases AS aliases", map[string]any{"id": russia})
	if got := rows[0]["aliases"]; len(got.([]any)) != 5 || got.([]any)[0] != "Moscow" {
		t.Errorf("aliases of %s = %v, want [Moscow RF Russia Russian Federation the Kremlin]", russia, got)
	}
}

// snapshotJSON reads the whole graph back, without the load times, one
// JSON line per node and relationship.
func snapshotJSON(t testing.TB, c *graph.Client) []string {
	t.Helper()
	s, err := c.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for i := range s.Nodes {
		delete(s.Nodes[i].Properties, "loaded_at")
	}
	return append(asJSON(t, s.Nodes), asJSON(t, s.Edges)...)
}
