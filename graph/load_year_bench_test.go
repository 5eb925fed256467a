package graph_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/graph"
)

var (
	benchDays        = flag.Int("load.days", 365, "daily loads of BenchmarkLoadYear")
	benchDayArticles = flag.Int("load.day-articles", 10, "articles per day in BenchmarkLoadYear (10 relations each)")
	benchParallel    = flag.Int("load.parallel-relations", 20_000, "relations BenchmarkLoadParallel loads with one loader, then with two")
	benchSizes       = flag.String("load.batch-sizes", "1000,2500,5000,10000", "batch sizes BenchmarkLoadBatchSize compares")
	benchSizeRels    = flag.Int("load.batch-size-relations", 20_000, "relations BenchmarkLoadBatchSize loads at each batch size")
)

// profile sums the time of each step of a load's batches (LoadOptions.Observe).
type profile struct {
	mu    sync.Mutex
	steps map[string]time.Duration
	calls map[string]int
}

func newProfile() *profile {
	return &profile{steps: map[string]time.Duration{}, calls: map[string]int{}}
}

func (p *profile) observe(t graph.Timing) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.steps[t.Step] += t.Duration
	p.calls[t.Step]++
}

// String lists the steps by the share of the batches' time they took,
// with the round trips (statements) per batch.
func (p *profile) String() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	total, batches := p.steps["batch"], p.calls["batch"]
	if total == 0 || batches == 0 {
		return "no batch"
	}
	var names []string
	statements := 0
	for k := range p.steps {
		if k != "batch" {
			names = append(names, k)
		}
		if k != "batch" && k != "commit" {
			statements += p.calls[k]
		}
	}
	slices.SortFunc(names, func(a, b string) int { return int(p.steps[b] - p.steps[a]) })
	var b strings.Builder
	fmt.Fprintf(&b, "%d batches, %.1f statements (round trips) per batch, %.0f ms per batch:", batches,
		float64(statements)/float64(batches), total.Seconds()*1000/float64(batches))
	for _, k := range names {
		fmt.Fprintf(&b, " %s %.0f%%,", k, 100*p.steps[k].Seconds()/total.Seconds())
	}
	return strings.TrimSuffix(b.String(), ",")
}

// BenchmarkLoadYear loads -load.days daily batches of -load.day-articles
// synthetic articles (hub-heavy Zipf entities, 10 relations each) into one
// graph, one load per day as a daily cron run would, and reports the time
// of the first and last days' loads: a write path whose cost grows with
// the graph (hub relationships accumulating thousands of articles) shows
// as a last/first ratio above 1 and a positive slope. Run it with make
// bench-year.
func BenchmarkLoadYear(b *testing.B) {
	const perArticle = 10
	days, per := *benchDays, *benchDayArticles
	results := synthResults(days*per, perArticle, 365)
	day0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range results {
		d := day0.AddDate(0, 0, i/per).Format(time.DateOnly)
		results[i].Article.Published = &d
		addHubRelation(&results[i])
	}
	driver, db := testDB(b)
	b.Cleanup(func() { cleanDB(b, driver, db) })
	ctx := context.Background()
	for n := 0; n < b.N; n++ {
		b.StopTimer()
		cleanDB(b, driver, db)
		b.StartTimer()
		prof := newProfile()
		times := make([]float64, days) // ms per day
		for d := range days {
			start := time.Now()
			_, err := graph.NewLoader(driver, db, graph.LoadOptions{Observe: prof.observe}).Load(ctx, seqOf(results[d*per:(d+1)*per]))
			if err != nil {
				b.Fatalf("day %d: %v", d+1, err)
			}
			times[d] = float64(time.Since(start).Microseconds()) / 1000
		}
		b.StopTimer()
		// The first day also compiles the statements: it is left out.
		// Medians, not means: on a shared machine a few days wait for
		// the CPU far longer than the rest.
		w := max(1, (days-1)/10)
		first, last := median(times[1:1+w]), median(times[days-w:])
		slope := slopeOf(times[1:])
		top := hubArticles(b, ctx, driver, db)
		b.Logf("%d days of %d articles (%d relations each, one of them the hub relationship): day 1 (compiling the statements) %.0f ms, days 2-%d %.0f ms per day (median), last %d days %.0f ms per day (last/first %.2f), slope %+.3f ms per day; the hub relationship ends with %d articles",
			days, per, perArticle+1, times[0], w+1, first, w, last, last/first, slope, top)
		b.Logf("where a batch's time goes: %s", prof)
		fmt.Fprintf(os.Stderr, "day ms:")
		for d := 0; d < days; d += max(1, days/12) {
			fmt.Fprintf(os.Stderr, " %d:%.0f", d+1, times[d])
		}
		fmt.Fprintln(os.Stderr)
		b.ReportMetric(first, "first-ms/day")
		b.ReportMetric(last, "last-ms/day")
		b.ReportMetric(last/first, "last/first")
		b.ReportMetric(slope, "slope-ms/day")
		b.StartTimer()
	}
}

// addHubRelation makes the article state, besides its own relations, that
// the first state targeted the first election, as most reporting on
// interference in one election does: the relationship every daily load
// adds to, which a write path reading or rewriting whole article lists
// would make slower day after day.
func addHubRelation(r *extract.Result) {
	hubs := []extract.EntityRecord{
		{Kind: extract.KindEntity, Type: "State", ID: "state:S000", Name: "State 0", ISO2: "S0", Mentions: []extract.Span{{0, 5}}},
		{Kind: extract.KindEntity, Type: "Election", ID: "election:E000", Name: "Election 0", Country: "S1", Year: 2000, ElectionKind: "general", Mentions: []extract.Span{{0, 5}}},
	}
	for _, h := range hubs {
		if !slices.ContainsFunc(r.Entities, func(e extract.EntityRecord) bool { return e.ID == h.ID }) {
			h.Article = r.Article.ID
			r.Entities = append(r.Entities, h)
		}
	}
	r.Relations = slices.DeleteFunc(r.Relations, func(rel extract.RelationRecord) bool {
		return rel.Source == hubs[0].ID && rel.Target == hubs[1].ID && rel.Type == "TARGETED" && !rel.Negated
	})
	sentence := "State 0 targeted Election 0, according to article " + r.Article.ID + "."
	r.Relations = append(r.Relations, extract.RelationRecord{Kind: extract.KindRelation, Article: r.Article.ID, Type: "TARGETED",
		Source: hubs[0].ID, Target: hubs[1].ID, Confidence: 0.8, Evidence: sentence, Span: extract.Span{0, len(sentence)}, Trigger: "targeted", Rule: "synthetic"})
}

func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// slopeOf is the least-squares slope of ys over their index.
func slopeOf(ys []float64) float64 {
	n := float64(len(ys))
	var sx, sy, sxx, sxy float64
	for i, y := range ys {
		x := float64(i)
		sx, sy, sxx, sxy = sx+x, sy+y, sxx+x*x, sxy+x*y
	}
	return (n*sxy - sx*sy) / (n*sxx - sx*sx)
}

// BenchmarkLoadParallel loads -load.parallel-relations synthetic
// relations into an empty database with one loader, then again with two
// loaders at once, each given every other article (as --shard 1/2 and
// 2/2 would), and reports the two loaders' speed as a ratio of one's.
// Run it with make bench-load.
func BenchmarkLoadParallel(b *testing.B) {
	const perArticle = 10
	results := synthResults(*benchParallel/perArticle, perArticle, 43)
	driver, db := testDB(b)
	b.Cleanup(func() { cleanDB(b, driver, db) })
	ctx := context.Background()
	var halves [2][]extract.Result
	for i, r := range results {
		halves[i%2] = append(halves[i%2], r)
	}
	var ratio float64
	for n := 0; n < b.N; n++ {
		b.StopTimer()
		warmUp(b, ctx, driver, db)
		b.StartTimer()
		start := time.Now()
		if _, err := graph.NewLoader(driver, db, graph.LoadOptions{}).Load(ctx, seqOf(results)); err != nil {
			b.Fatal(err)
		}
		one := time.Since(start)
		b.StopTimer()
		want := dump(b, driver, db, true)
		cleanDB(b, driver, db)
		b.StartTimer()
		start = time.Now()
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range halves {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = graph.NewLoader(driver, db, graph.LoadOptions{}).Load(ctx, seqOf(halves[i]))
			}()
		}
		wg.Wait()
		two := time.Since(start)
		b.StopTimer()
		for _, err := range errs {
			if err != nil {
				b.Fatal(err)
			}
		}
		if got := dump(b, driver, db, true); !slices.Equal(got, want) {
			b.Fatalf("two loaders made another graph than one (%d lines against %d)", len(got), len(want))
		}
		ratio = one.Seconds() / two.Seconds()
		b.Logf("%d relations: one loader %.1fs, two loaders at once %.1fs: %.2fx", len(results)*perArticle, one.Seconds(), two.Seconds(), ratio)
		b.StartTimer()
	}
	b.ReportMetric(ratio, "two-loaders-speedup")
}

// hubArticles returns the largest article_count of any relationship.
func hubArticles(tb testing.TB, ctx context.Context, driver neo4j.DriverWithContext, db string) int64 {
	tb.Helper()
	res, err := neo4j.ExecuteQuery(ctx, driver, "MATCH ()-[r]->() RETURN max(r.article_count) AS n", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
	if err != nil {
		tb.Fatalf("read the busiest relationship: %v", err)
	}
	n, _ := res.Records[0].Get("n")
	c, _ := n.(int64)
	return c
}

// warmUp loads a few articles and empties the database again: the first
// batches after a schema change compile the loader's statements, which
// under load takes seconds, and must not be counted against one run.
func warmUp(tb testing.TB, ctx context.Context, driver neo4j.DriverWithContext, db string) {
	tb.Helper()
	cleanDB(tb, driver, db)
	if _, err := graph.NewLoader(driver, db, graph.LoadOptions{}).Load(ctx, seqOf(synthResults(20, 10, 99))); err != nil {
		tb.Fatalf("warm up: %v", err)
	}
	cleanDB(tb, driver, db)
}

// BenchmarkLoadBatchSize loads -load.batch-size-relations synthetic
// relations into an empty database at each of -load.batch-sizes, and
// reports relations per second at each: what load.batch_size's default
// is chosen by. Run it with make bench-load.
func BenchmarkLoadBatchSize(b *testing.B) {
	const perArticle = 10
	var sizes []int
	for _, f := range strings.Split(*benchSizes, ",") {
		var n int
		if _, err := fmt.Sscan(f, &n); err != nil || n <= 0 {
			b.Fatalf("-load.batch-sizes: %q is not a batch size", f)
		}
		sizes = append(sizes, n)
	}
	results := synthResults(*benchSizeRels/perArticle, perArticle, 44)
	driver, db := testDB(b)
	b.Cleanup(func() { cleanDB(b, driver, db) })
	ctx := context.Background()
	for n := 0; n < b.N; n++ {
		b.StopTimer()
		warmUp(b, ctx, driver, db)
		rates := make([]float64, len(sizes))
		for i, size := range sizes {
			cleanDB(b, driver, db)
			prof := newProfile()
			start := time.Now()
			if _, err := graph.NewLoader(driver, db, graph.LoadOptions{BatchSize: size, Observe: prof.observe}).Load(ctx, seqOf(results)); err != nil {
				b.Fatal(err)
			}
			rates[i] = float64(len(results)*perArticle) / time.Since(start).Seconds()
			b.Logf("batch size %d: %.0f relations/s; %s", size, rates[i], prof)
			b.ReportMetric(rates[i], fmt.Sprintf("rels/s@%d", size))
		}
	}
}
