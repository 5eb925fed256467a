package graph_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/graph/graphtest"
	"github.com/influencegraph/influencegraph/schema"
)

// TestNeo4jSnapshotOfMatchesLoad checks that the graph SnapshotOf builds
// from extract output without a database is the graph the loader writes
// from the same input, property for property (but the load time), and that
// Client.Snapshot reads it back whole: exports from either source agree.
func TestNeo4jSnapshotOfMatchesLoad(t *testing.T) {
	driver, db := testDB(t)
	input := synthResults(30, 5, 11)
	// A corrected version of a document replaces the earlier one; an
	// article given twice counts once.
	fixed := assessment("a2", "https://example.org/a")
	fixed.Relations = fixed.Relations[1:]
	input = append(input, assessment("a1", "https://example.org/a"), stateMedia("m1"), fixed, stateMedia("m1"))
	l := graph.NewLoader(driver, db, graph.LoadOptions{BatchSize: 1000, EvidenceCap: 3})
	load(t, l, input...)

	want, err := graph.SnapshotOf(seq(input...), 3)
	if err != nil {
		t.Fatal(err)
	}
	c := graphtest.Open(t) // testDB holds the database's lock
	got, err := c.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for i := range got.Nodes {
		delete(got.Nodes[i].Properties, "loaded_at")
	}
	if len(got.Nodes) != len(want.Nodes) || len(got.Edges) != len(want.Edges) {
		t.Errorf("database has %d nodes and %d relationships, SnapshotOf %d and %d",
			len(got.Nodes), len(got.Edges), len(want.Nodes), len(want.Edges))
	}
	g, w := asJSON(t, got.Nodes), asJSON(t, want.Nodes)
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			t.Errorf("node %d:\n database  %s\n SnapshotOf %s", i, g[i], w[i])
			break
		}
	}
	g, w = asJSON(t, got.Edges), asJSON(t, want.Edges)
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			t.Errorf("relationship %d:\n database  %s\n SnapshotOf %s", i, g[i], w[i])
			break
		}
	}
	if slices.ContainsFunc(want.Nodes, func(n graph.Node) bool { return n.Properties[schema.PropID] == "a1" }) {
		t.Errorf("the superseded version a1 is in the snapshot")
	}
}

func asJSON[T any](t testing.TB, xs []T) []string {
	t.Helper()
	out := make([]string, len(xs))
	for i, x := range xs {
		b, err := json.Marshal(x)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = string(b)
	}
	return out
}
