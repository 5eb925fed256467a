package graph_test

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/schema"
)

var (
	benchRelations = flag.Int("load.relations", 100_000, "relations in the synthetic graph of BenchmarkLoad")
	benchNaive     = flag.Int("load.naive", 5_000, "relations the naive loader of BenchmarkLoad sends (its rate is extrapolated)")
	benchBatch     = flag.Int("load.batch", 10_000, "batch size (load.batch_size) of BenchmarkLoad")
)

// writeSynthJSONL writes the synthetic graph in extract's JSON Lines form.
func writeSynthJSONL(tb testing.TB, results []extract.Result) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "synthetic.jsonl")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for _, r := range results {
		enc.Encode(r.Article)
		for _, e := range r.Entities {
			enc.Encode(e)
		}
		for _, rel := range r.Relations {
			enc.Encode(rel)
		}
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}

// BenchmarkLoad loads a synthetic extracted graph of -load.relations
// relations (10 per article, hub-heavy Zipf entities) from extract JSON
// Lines into an empty database, and reports relations per second; then it
// loads the first -load.naive relations naively, one MERGE statement per
// relation in its own transaction, and reports that rate and the speed-up.
// Run it with make bench-load.
func BenchmarkLoad(b *testing.B) {
	const perArticle = 10
	results := synthResults(*benchRelations/perArticle, perArticle, 42)
	path := writeSynthJSONL(b, results)
	driver, db := testDB(b)
	b.Cleanup(func() { cleanDB(b, driver, db) }) // before testDB's own, which cannot take hub entities whole
	ctx := context.Background()
	var rate, naiveRate, perArticleRate float64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		cleanDB(b, driver, db)
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		s, err := graph.NewLoader(driver, db, graph.LoadOptions{BatchSize: *benchBatch, EvidenceCap: 20}).Load(ctx, graph.ReadRecords(f, path))
		elapsed := time.Since(start)
		b.StopTimer()
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		n := s.Records - countEntities(results)
		rate = float64(n) / elapsed.Seconds()
		b.Logf("batched: %d relation records (%d relationships, %d graph relationships created) in %.1fs, batch size %d: %.0f relations/s",
			n, s.Relations.Created, s.Graph.RelationshipsCreated, elapsed.Seconds(), *benchBatch, rate)

		cleanDB(b, driver, db)
		naive := flatten(results, *benchNaive)
		start = time.Now()
		if err := naiveLoad(ctx, driver, db, naive); err != nil {
			b.Fatal(err)
		}
		elapsed = time.Since(start)
		naiveRate = float64(len(naive)) / elapsed.Seconds()
		b.Logf("naive: %d relations, one MERGE per relation per transaction, in %.1fs: %.0f relations/s (extrapolated to %d: %.0fs)",
			len(naive), elapsed.Seconds(), naiveRate, n, float64(n)/naiveRate)

		// The same model (claims, mentions, provenance) written one
		// article per transaction: what batching alone gains.
		cleanDB(b, driver, db)
		few := results[:*benchNaive/perArticle]
		start = time.Now()
		if _, err := graph.NewLoader(driver, db, graph.LoadOptions{BatchSize: 1}).Load(ctx, seqOf(few)); err != nil {
			b.Fatal(err)
		}
		elapsed = time.Since(start)
		perArticleRate = float64(len(few)*perArticle) / elapsed.Seconds()
		b.Logf("per article: %d relations, same model, one article per transaction, in %.1fs: %.0f relations/s",
			len(few)*perArticle, elapsed.Seconds(), perArticleRate)
	}
	b.ReportMetric(rate, "rels/s")
	b.ReportMetric(naiveRate, "naive-rels/s")
	b.ReportMetric(rate/naiveRate, "speedup")
	b.ReportMetric(rate/perArticleRate, "batching-speedup")
}

func countEntities(rs []extract.Result) int {
	n := 0
	for _, r := range rs {
		n += len(r.Entities)
	}
	return n
}

type naiveRel struct {
	rel      extract.RelationRecord
	src, dst extract.EntityRecord
}

func flatten(rs []extract.Result, max int) []naiveRel {
	var out []naiveRel
	for _, r := range rs {
		ents := map[string]extract.EntityRecord{}
		for _, e := range r.Entities {
			ents[e.ID] = e
		}
		for _, rel := range r.Relations {
			if len(out) == max {
				return out
			}
			out = append(out, naiveRel{rel, ents[rel.Source], ents[rel.Target]})
		}
	}
	return out
}

// naiveLoad is the baseline: for every relation, one transaction with one
// statement merging both entities and the relationship with its evidence.
func naiveLoad(ctx context.Context, driver neo4j.DriverWithContext, db string, rels []naiveRel) error {
	session := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db})
	defer session.Close(ctx)
	for _, r := range rels {
		q := fmt.Sprintf(`MERGE (s:%[1]s {id: $src}) ON CREATE SET s.name = $srcName
MERGE (t:%[1]s {id: $dst}) ON CREATE SET t.name = $dstName
MERGE (s)-[r:%[2]s {negated: $neg}]->(t)
SET r.evidence = coalesce(r.evidence, []) + $sentence, r.articles = coalesce(r.articles, []) + $article`, schema.Entity, r.rel.Type)
		_, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			res, err := tx.Run(ctx, q, map[string]any{"src": r.src.ID, "srcName": r.src.Name, "dst": r.dst.ID, "dstName": r.dst.Name,
				"neg": r.rel.Negated, "sentence": r.rel.Evidence, "article": r.rel.Article})
			if err != nil {
				return nil, err
			}
			return res.Consume(ctx)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func seqOf(rs []extract.Result) func(func(extract.Result, error) bool) { return seq(rs...) }
