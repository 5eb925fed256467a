package export_test

import (
	"fmt"
	"io"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/influencegraph/influencegraph/export"
	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/schema"
)

// BenchmarkExport builds the graph of 12,500 synthetic articles with 8
// relations each (100,000 claims over hub-heavy entities) from extract
// records, as `export --from` does, and writes it in each format. It
// reports relations per second and the heap the graph holds.
//
//	go test -run '^$' -bench Export -benchtime 1x ./export/
func BenchmarkExport(b *testing.B) {
	results := syntheticResults(12500, 8)
	seq := func(yield func(extract.Result, error) bool) {
		for _, r := range results {
			if !yield(r, nil) {
				return
			}
		}
	}
	var s graph.Snapshot
	b.Run("snapshot", func(b *testing.B) {
		var before, after runtime.MemStats
		for b.Loop() {
			runtime.GC()
			runtime.ReadMemStats(&before)
			var err error
			if s, err = graph.SnapshotOf(seq, 20); err != nil {
				b.Fatal(err)
			}
			runtime.GC()
			runtime.ReadMemStats(&after)
		}
		b.ReportMetric(float64(12500*8)*float64(b.N)/b.Elapsed().Seconds(), "claims/s")
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(12500*8), "heapB/claim")
	})
	m := schema.Default()
	b.Run("neo4j-admin", func(b *testing.B) {
		dir := b.TempDir()
		for i := 0; b.Loop(); i++ {
			if _, err := export.NeoAdmin(s, m, filepath.Join(dir, fmt.Sprint(i)), "neo4j"); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(s.Edges))*float64(b.N)/b.Elapsed().Seconds(), "rels/s")
	})
	b.Run("graphml", func(b *testing.B) {
		for b.Loop() {
			if err := export.GraphML(io.Discard, s, m); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(s.Edges))*float64(b.N)/b.Elapsed().Seconds(), "rels/s")
	})
	b.Run("json", func(b *testing.B) {
		for b.Loop() {
			if err := export.JSON(io.Discard, s); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(s.Edges))*float64(b.N)/b.Elapsed().Seconds(), "rels/s")
	})
}

// syntheticResults generates articles over Zipf-distributed entities, so a
// few hubs (a state, an election) appear in most of them.
func syntheticResults(articles, relPer int) []extract.Result {
	rng := rand.New(rand.NewPCG(1, 2))
	kinds := []string{"State", "Agency", "Organisation", "Person", "Election"}
	ents := make([]extract.EntityRecord, 5000)
	for i := range ents {
		k := kinds[i%len(kinds)]
		ents[i] = extract.EntityRecord{Kind: extract.KindEntity, ID: fmt.Sprintf("%s:e%d", k, i), Type: k, Name: fmt.Sprintf("%s %d", k, i),
			Aliases: []string{fmt.Sprintf("E%d", i)}}
		if k == "Election" {
			ents[i].Year = 2000 + i%25
		}
	}
	z := rand.NewZipf(rng, 1.2, 3, uint64(len(ents)-1))
	types := []string{"AUTHORISED", "TARGETED", "AMPLIFIED"}
	out := make([]extract.Result, articles)
	for i := range out {
		id := fmt.Sprintf("a%07d", i)
		published := fmt.Sprintf("20%02d-%02d-%02d", 14+i%11, 1+i%12, 1+i%28)
		r := extract.Result{Article: extract.ArticleRecord{Kind: extract.KindArticle, ID: id, Source: id + ".txt",
			Title: "Article " + id, Published: &published, Outlet: fmt.Sprintf("Outlet %d", i%50)}}
		have := map[string]bool{}
		keys := map[string]bool{}
		for len(r.Relations) < relPer {
			s, t := ents[z.Uint64()], ents[z.Uint64()]
			typ := types[rng.IntN(3)]
			k := s.ID + typ + t.ID
			if s.ID == t.ID || keys[k] {
				continue
			}
			keys[k] = true
			for _, e := range []extract.EntityRecord{s, t} {
				if !have[e.ID] {
					have[e.ID] = true
					e.Article = id
					r.Entities = append(r.Entities, e)
				}
			}
			ev := fmt.Sprintf("%s %s %s, says a synthetic sentence in %s.", s.Name, typ, t.Name, id)
			r.Relations = append(r.Relations, extract.RelationRecord{Kind: extract.KindRelation, Article: id, Type: typ,
				Source: s.ID, Target: t.ID, Confidence: 0.5 + float64(rng.IntN(50))/100, Evidence: ev, Span: extract.Span{0, len(ev)}})
		}
		out[i] = r
	}
	return out
}
