package export_test

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/influencegraph/influencegraph/export"
	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/graph/graphtest"
	"github.com/influencegraph/influencegraph/schema"
)

// exportFormats are the streaming writers, each run over the database.
var exportFormats = []struct {
	name  string
	write func(ctx context.Context, dir string, src export.Source) (nodes, rels int, err error)
}{
	{"neo4j-admin", func(ctx context.Context, dir string, src export.Source) (int, int, error) {
		im, err := export.WriteNeoAdmin(ctx, src, schema.Default(), dir, "neo4j")
		return im.Nodes, im.Relationships, err
	}},
	{"graphml", func(ctx context.Context, _ string, src export.Source) (int, int, error) {
		c := &counter{Source: src}
		err := export.WriteGraphML(ctx, io.Discard, c, schema.Default())
		return c.nodes, c.rels, err
	}},
	{"json", func(ctx context.Context, _ string, src export.Source) (int, int, error) {
		c := &counter{Source: src}
		err := export.WriteJSON(ctx, io.Discard, c)
		return c.nodes, c.rels, err
	}},
}

// TestNeo4jExportMemoryIsFlat exports a synthetic graph from the local
// Neo4j, then one ten times larger, in every format, and fails if the peak
// heap of the larger export exceeds twice the smaller one's plus 4 MiB
// (measured: 4-6 MiB for both, and 8-9.5 MiB for thirty times larger): streaming holds a bounded number of elements whatever the
// graph's size. To show the bound can fail, it also measures what holding
// the larger graph in memory (Client.Snapshot, what export did before)
// costs, and requires that to break the bound.
func TestNeo4jExportMemoryIsFlat(t *testing.T) {
	c := graphtest.Ready(t)
	ctx := context.Background()
	defer debug.SetGCPercent(debug.SetGCPercent(20)) // peaks near the live heap
	const perArticle = 4
	sizes := []int{150, 1500}
	peaks := map[string][]uint64{}
	var snapshot uint64
	for i, articles := range sizes {
		if i > 0 {
			graphtest.Clean(t, c)
		}
		start := time.Now()
		graphtest.Synthetic(t, c, articles, perArticle)
		t.Logf("%d articles written in %s", articles, time.Since(start).Round(time.Millisecond))
		for _, f := range exportFormats {
			var nodes, rels int
			start := time.Now()
			peak := peakHeap(t, func() (err error) {
				nodes, rels, err = f.write(ctx, filepath.Join(t.TempDir(), "csv"), c)
				return err
			})
			// Articles, entities, claims; STATES, MENTIONS (two a claim,
			// merged when repeated) and actor relationships.
			if want := articles*2 + articles*perArticle; nodes != want || rels < articles*perArticle*3 {
				t.Fatalf("%s of %d articles: %d nodes, %d relationships; want %d nodes and at least %d relationships",
					f.name, articles, nodes, rels, want, articles*perArticle*3)
			}
			t.Logf("%s, %d articles (%d nodes, %d relationships): peak heap %.1f MiB, %s", f.name, articles, nodes, rels, mib(peak), time.Since(start).Round(time.Millisecond))
			peaks[f.name] = append(peaks[f.name], peak)
		}
		if i == len(sizes)-1 {
			snapshot = peakHeap(t, func() error {
				s, err := c.Snapshot(ctx)
				_, err2 := export.NeoAdmin(s, schema.Default(), filepath.Join(t.TempDir(), "csv"), "neo4j")
				if err == nil {
					err = err2
				}
				return err
			})
			t.Logf("in memory (Client.Snapshot + NeoAdmin), %d articles: peak heap %.1f MiB", articles, mib(snapshot))
		}
	}
	bound := func(small uint64) uint64 { return 2*small + 4<<20 }
	for name, p := range peaks {
		if p[1] > bound(p[0]) {
			t.Errorf("%s: peak heap %.1f MiB for %d articles, %.1f MiB for %d: memory grows with the graph",
				name, mib(p[1]), sizes[1], mib(p[0]), sizes[0])
		}
	}
	if p := peaks["neo4j-admin"]; snapshot <= bound(p[0]) {
		t.Errorf("holding the larger graph in memory takes %.1f MiB, within the bound of %.1f MiB: the test graph is too small to tell",
			mib(snapshot), mib(bound(p[0])))
	}
}

// peakHeap runs f and returns the highest heap allocation sampled while it
// ran, above the heap in use before it.
func peakHeap(t testing.TB, f func() error) uint64 {
	t.Helper()
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	stop, done := make(chan struct{}), make(chan uint64)
	go func() {
		var peak uint64
		var ms runtime.MemStats
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
			select {
			case <-stop:
				done <- peak
				return
			case <-tick.C:
			}
		}
	}()
	err := f()
	close(stop)
	peak := <-done
	if err != nil {
		t.Fatal(err)
	}
	if peak < base {
		return 0
	}
	return peak - base
}

func mib(b uint64) float64 { return float64(b) / (1 << 20) }

// counter counts the elements a writer reads.
type counter struct {
	export.Source
	nodes, rels int
}

func (c *counter) EachNode(ctx context.Context, labels []string, fn func(graph.Node) error) error {
	return c.Source.EachNode(ctx, labels, func(n graph.Node) error { c.nodes++; return fn(n) })
}

func (c *counter) EachRel(ctx context.Context, typ string, fn func(graph.Edge) error) error {
	return c.Source.EachRel(ctx, typ, func(e graph.Edge) error { c.rels++; return fn(e) })
}

// BenchmarkExportMemory writes synthetic graphs of 1,000 to 8,000 articles
// (4 claims each: 6 nodes and about 13 relationships an article) into the
// local Neo4j and reports, for each size, the peak heap of exporting them
// as neo4j-admin files and as GraphML, streamed (what export does), and of
// holding the graph in memory first (Client.Snapshot, what export did
// before and what `export --from` and `load --bulk` still do). It empties
// the test database.
//
//	make bench-export
func BenchmarkExportMemory(b *testing.B) {
	c := graphtest.Ready(b)
	ctx := context.Background()
	for i, articles := range []int{1000, 2000, 4000, 8000} {
		if i > 0 {
			graphtest.Clean(b, c)
		}
		graphtest.Synthetic(b, c, articles, 4)
		b.Run(fmt.Sprintf("articles=%d", articles), func(b *testing.B) {
			var stream, graphml, held uint64
			for b.Loop() {
				stream = peakHeap(b, func() error {
					_, err := export.WriteNeoAdmin(ctx, c, schema.Default(), filepath.Join(b.TempDir(), "csv"), "neo4j")
					return err
				})
				graphml = peakHeap(b, func() error { return export.WriteGraphML(ctx, io.Discard, c, schema.Default()) })
				held = peakHeap(b, func() error {
					s, err := c.Snapshot(ctx)
					if err != nil {
						return err
					}
					_, err = export.NeoAdmin(s, schema.Default(), filepath.Join(b.TempDir(), "csv"), "neo4j")
					return err
				})
			}
			b.ReportMetric(mib(stream), "stream-MiB")
			b.ReportMetric(mib(graphml), "graphml-MiB")
			b.ReportMetric(mib(held), "in-memory-MiB")
		})
	}
}
