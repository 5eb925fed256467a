package graph_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/graph/graphtest"
)

// TestNeo4jReadTable checks that ReadTable hands back plain Go values for
// every kind of value a query may return.
func TestNeo4jReadTable(t *testing.T) {
	c := graphtest.Open(t)
	tab, err := c.ReadTable(context.Background(), `
WITH {id: 'x', n: 1} AS props
RETURN $s AS s, 2 AS i, 0.5 AS f, true AS b, null AS nothing, [1, 'a'] AS list, props AS map,
       date('2020-10-02') AS d, localdatetime('2020-10-02T10:11:12') AS ldt,
       datetime('2020-10-02T10:11:12Z') AS dt, duration('P1D') AS dur`, map[string]any{"s": "state:RU"})
	if err != nil {
		t.Fatal(err)
	}
	wantCols := []string{"s", "i", "f", "b", "nothing", "list", "map", "d", "ldt", "dt", "dur"}
	if !reflect.DeepEqual(tab.Columns, wantCols) || len(tab.Rows) != 1 {
		t.Fatalf("columns %v, %d rows; want %v and 1 row", tab.Columns, len(tab.Rows), wantCols)
	}
	want := []any{"state:RU", int64(2), 0.5, true, nil, []any{int64(1), "a"}, map[string]any{"id": "x", "n": int64(1)},
		"2020-10-02", "2020-10-02T10:11:12", "2020-10-02T10:11:12Z", "P0M1DT0S"}
	for i, w := range want {
		if got := tab.Rows[0][i]; !reflect.DeepEqual(got, w) {
			t.Errorf("%s = %#v, want %#v", tab.Columns[i], got, w)
		}
	}
}

func TestNeo4jReadTableGraphValues(t *testing.T) {
	testDB(t)
	c := graphtest.Open(t) // testDB holds the database's lock
	if _, err := c.Write(context.Background(), `CREATE (:Probe {id: 'a'})-[:LINK {w: 1}]->(:Probe {id: 'b'})`, nil); err != nil {
		t.Fatal(err)
	}
	tab, err := c.ReadTable(context.Background(), `MATCH p = (a:Probe {id: 'a'})-[r:LINK]->(b) RETURN a, r, p`, nil)
	if err != nil {
		t.Fatal(err)
	}
	a := graph.Node{Labels: []string{"Probe"}, Properties: map[string]any{"id": "a"}}
	b := graph.Node{Labels: []string{"Probe"}, Properties: map[string]any{"id": "b"}}
	r := graph.Relationship{Type: "LINK", Properties: map[string]any{"w": int64(1)}}
	want := []any{a, r, []any{a, r, b}}
	if len(tab.Rows) != 1 || !reflect.DeepEqual(tab.Rows[0], want) {
		t.Errorf("rows = %#v, want %#v", tab.Rows, want)
	}
}
