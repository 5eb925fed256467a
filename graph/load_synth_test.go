package graph_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/influencegraph/influencegraph/extract"
)

// synthResults generates articles with relPer relations each over a
// hub-heavy (Zipf) choice of entities: a few states such as Russia and an
// election such as the 2020 US one appear in most articles, a long tail in
// few, as in real reporting. It is deterministic for a seed.
func synthResults(articles, relPer int, seed uint64) []extract.Result {
	rng := rand.New(rand.NewPCG(seed, 7))
	actors := synthPool(rng, map[string]int{"State": 190, "Agency": 400, "Organisation": 1500, "Person": 4000})
	targets := synthPool(rng, map[string]int{"Election": 300, "Person": 4000, "State": 190, "Organisation": 800})
	za := rand.NewZipf(rng, 1.3, 4, uint64(len(actors)-1))
	zt := rand.NewZipf(rng, 1.3, 4, uint64(len(targets)-1))
	types := []string{"AUTHORISED", "TARGETED", "AMPLIFIED"}
	out := make([]extract.Result, 0, articles)
	for i := range articles {
		id := fmt.Sprintf("synth%07d", i)
		published := fmt.Sprintf("20%02d-%02d-%02d", 14+i%11, 1+i%12, 1+i%28)
		r := extract.Result{Article: extract.ArticleRecord{Kind: extract.KindArticle, ID: id, Source: "synthetic/" + id + ".txt",
			URL: ptr("https://example.org/news/" + id), Title: "Synthetic article " + id, Published: &published,
			Outlet: fmt.Sprintf("Outlet %d", i%37), TextHash: "h" + id}}
		have := map[string]bool{}
		addEnt := func(e extract.EntityRecord) {
			if !have[e.ID] {
				have[e.ID] = true
				e.Article = id
				r.Entities = append(r.Entities, e)
			}
		}
		keys := map[string]bool{}
		for len(r.Relations) < relPer {
			s, t := actors[za.Uint64()], targets[zt.Uint64()]
			typ := types[rng.IntN(len(types))]
			neg := rng.IntN(30) == 0
			k := fmt.Sprint(s.ID, typ, t.ID, neg)
			if s.ID == t.ID || keys[k] {
				continue
			}
			keys[k] = true
			addEnt(s)
			addEnt(t)
			sentence := fmt.Sprintf("%s is said to have %s %s, according to a report cited in article %s.", s.Name, typ, t.Name, id)
			rel := extract.RelationRecord{Kind: extract.KindRelation, Article: id, Type: typ, Source: s.ID, Target: t.ID, Negated: neg,
				Confidence: 0.5 + float64(rng.IntN(50))/100, Evidence: sentence, Span: extract.Span{100, 100 + len(sentence)}, Trigger: "said", Rule: "synthetic"}
			if rng.IntN(5) == 0 {
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

func synthPool(rng *rand.Rand, counts map[string]int) []extract.EntityRecord {
	var pool []extract.EntityRecord
	// Interleave types so the hubs at the head of the Zipf are mixed.
	order := []string{"State", "Election", "Agency", "Person", "Organisation"}
	for i := 0; ; i++ {
		added := false
		for _, typ := range order {
			if i >= counts[typ] {
				continue
			}
			added = true
			e := extract.EntityRecord{Kind: extract.KindEntity, Type: typ, Mentions: []extract.Span{{0, 5}}}
			switch typ {
			case "State":
				e.ID, e.Name, e.ISO2 = fmt.Sprintf("state:S%03d", i), fmt.Sprintf("State %d", i), fmt.Sprintf("S%d", i)
			case "Election":
				e.ID, e.Name, e.Country, e.Year, e.ElectionKind = fmt.Sprintf("election:E%03d", i), fmt.Sprintf("Election %d", i), "S1", 2000+i%25, "general"
			case "Agency":
				e.ID, e.Name, e.Country = fmt.Sprintf("agency:a%04d", i), fmt.Sprintf("Agency %d", i), "S1"
			case "Person":
				e.ID, e.Name = fmt.Sprintf("person:p%05d", i), fmt.Sprintf("Person %d", i)
			case "Organisation":
				e.ID, e.Name = fmt.Sprintf("org:o%05d", i), fmt.Sprintf("Organisation %d", i)
			}
			pool = append(pool, e)
		}
		if !added {
			break
		}
	}
	_ = rng
	return pool
}
