package queries_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/graph/graphtest"
	"github.com/influencegraph/influencegraph/queries"
)

// BenchmarkLibrary runs every query of the library, with its defaults, on
// a synthetic corpus of 3,000 articles with 8 relations each over
// hub-heavy (Zipf) entities: a few states, their agencies and one
// election appear in most articles, as in real reporting. The ids of the
// hubs are the queries' defaults, so each query meets the worst case.
//
//	go test -run '^$' -bench Library ./queries/
func BenchmarkLibrary(b *testing.B) {
	c := graphtest.Ready(b)
	ctx := context.Background()
	sum := graphtest.Load(b, c, graphtest.Results(synthetic(3000, 8)), graph.LoadOptions{BatchSize: 2000})
	b.Logf("loaded %d articles, %d relationships", sum.Articles.New, sum.Relations.Created)
	all, err := queries.List()
	if err != nil {
		b.Fatal(err)
	}
	for _, q := range all {
		params, err := q.Bind(nil)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(q.Name, func(b *testing.B) {
			rows := 0
			for b.Loop() {
				t, err := c.ReadTable(ctx, q.Cypher, params)
				if err != nil {
					b.Fatal(err)
				}
				rows = len(t.Rows)
			}
			b.ReportMetric(float64(rows), "rows")
		})
	}
}

// synthetic generates articles whose actors and targets are drawn with a
// Zipf distribution; entity 0 of each pool is the hub the queries' defaults
// name (state:RU, agency of RU, person:vladimir-putin,
// election:US-2020-presidential, person:joe-biden).
func synthetic(articles, relPer int) []extract.Result {
	rng := rand.New(rand.NewPCG(42, 7))
	type ent = extract.EntityRecord
	states := []ent{{ID: "state:RU", Type: "State", Name: "Russia", ISO2: "RU"}}
	for i := 1; i < 60; i++ {
		iso := fmt.Sprintf("%c%c", 'A'+i/26, 'A'+i%26)
		states = append(states, ent{ID: "state:" + iso, Type: "State", Name: "State " + iso, ISO2: iso})
	}
	var actors []ent
	for i, s := range states {
		actors = append(actors, s)
		for j := range 3 {
			actors = append(actors, ent{ID: fmt.Sprintf("agency:%s-%d", s.ISO2, j), Type: "Agency", Name: fmt.Sprintf("Agency %s %d", s.ISO2, j), Country: s.ISO2})
		}
		if i == 0 {
			actors = append(actors, ent{ID: "person:vladimir-putin", Type: "Person", Name: "Vladimir Putin", Country: "RU", Aliases: []string{"Putin"}})
		}
	}
	for i := range 800 {
		actors = append(actors, ent{ID: fmt.Sprintf("person:p%d", i), Type: "Person", Name: fmt.Sprintf("Person %d", i)},
			ent{ID: fmt.Sprintf("org:o%d", i), Type: "Organisation", Name: fmt.Sprintf("Organisation %d", i)})
	}
	targets := []ent{{ID: "election:US-2020-presidential", Type: "Election", Name: "2020 United States presidential election", Country: "US", Year: 2020},
		{ID: "person:joe-biden", Type: "Person", Name: "Joe Biden"}}
	for i := range 200 {
		targets = append(targets, ent{ID: fmt.Sprintf("election:E%d", i), Type: "Election", Name: fmt.Sprintf("Election %d", i), Country: "XX", Year: 2000 + i%25})
	}
	targets = append(targets, actors[len(actors)-400:]...)
	za := rand.NewZipf(rng, 1.2, 3, uint64(len(actors)-1))
	zt := rand.NewZipf(rng, 1.2, 3, uint64(len(targets)-1))
	types := []string{"AUTHORISED", "TARGETED", "AMPLIFIED"}
	out := make([]extract.Result, 0, articles)
	for i := range articles {
		id := fmt.Sprintf("s%06d", i)
		published := fmt.Sprintf("20%02d-%02d-%02d", 14+i%11, 1+i%12, 1+i%28)
		url := "https://example.org/synthetic/" + id
		r := extract.Result{Article: extract.ArticleRecord{Kind: extract.KindArticle, ID: id, Source: id + ".txt", URL: &url,
			Title: "Synthetic " + id, Published: &published, Outlet: fmt.Sprintf("Outlet %d", i%41)}}
		seen := map[string]bool{}
		add := func(e ent) {
			if !seen[e.ID] {
				seen[e.ID] = true
				e.Kind, e.Article = extract.KindEntity, id
				r.Entities = append(r.Entities, e)
			}
		}
		keys := map[string]bool{}
		for len(r.Relations) < relPer {
			s, t := actors[za.Uint64()], targets[zt.Uint64()]
			typ := types[rng.IntN(3)]
			neg := rng.IntN(25) == 0
			k := fmt.Sprint(s.ID, typ, t.ID, neg)
			if s.ID == t.ID || keys[k] {
				continue
			}
			keys[k] = true
			add(s)
			add(t)
			ev := fmt.Sprintf("%s %s %s, a synthetic sentence of %s.", s.Name, typ, t.Name, id)
			rel := extract.RelationRecord{Kind: extract.KindRelation, Article: id, Type: typ, Source: s.ID, Target: t.ID, Negated: neg,
				Confidence: 0.5 + float64(rng.IntN(50))/100, Evidence: ev, Span: extract.Span{0, len(ev)}}
			if rng.IntN(6) == 0 {
				rel.Hedges = []string{"reportedly"}
			}
			if rng.IntN(3) == 0 {
				rel.Attribution = "an intelligence assessment"
			}
			r.Relations = append(r.Relations, rel)
		}
		out = append(out, r)
	}
	return out
}
