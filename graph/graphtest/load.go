package graphtest

import (
	"context"
	"iter"
	"os"
	"testing"

	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/schema"
)

// Ready is Fresh with the model's schema applied, and the database emptied
// again when the test ends: what a test that loads data starts from.
func Ready(t testing.TB) *graph.Client {
	t.Helper()
	c := Fresh(t)
	if _, err := graph.ApplySchema(context.Background(), c.Driver(), c.Database(), schema.Default()); err != nil {
		t.Fatalf("graphtest: apply schema: %v", err)
	}
	t.Cleanup(func() { Clean(t, c) })
	return c
}

// Load loads results into c with the loader `influencegraph load` uses
// (default options unless opts are given) and returns its summary.
func Load(t testing.TB, c *graph.Client, results iter.Seq2[extract.Result, error], opts ...graph.LoadOptions) graph.Summary {
	t.Helper()
	var o graph.LoadOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	sum, err := graph.NewLoader(c.Driver(), c.Database(), o).Load(context.Background(), results)
	if err != nil {
		t.Fatalf("graphtest: load: %v", err)
	}
	return sum
}

// LoadFile loads the JSON Lines that `influencegraph extract` wrote to path.
func LoadFile(t testing.TB, c *graph.Client, path string) graph.Summary {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return Load(t, c, graph.ReadRecords(f, path))
}

// Results yields rs, for Load.
func Results(rs []extract.Result) iter.Seq2[extract.Result, error] {
	return func(yield func(extract.Result, error) bool) {
		for _, r := range rs {
			if !yield(r, nil) {
				return
			}
		}
	}
}
