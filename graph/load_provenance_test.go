package graph

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"testing"

	"github.com/influencegraph/influencegraph/schema"
)

// reference computes a relationship's public properties from all its
// claims straight from the model's definition, as the loader's Cypher did
// before it kept state: articles by date then id (undated last), the
// first schema.ArticleListCap of them; evidence
// most confident first, then by date, then id; asserters distinct in that
// order.
func reference(claims []map[string]any, limit int) map[string]any {
	pub := func(c map[string]any) string {
		if p, ok := c["published"].(string); ok {
			return p
		}
		return "~" // after every date
	}
	byDate := slices.Clone(claims)
	sort.SliceStable(byDate, func(i, j int) bool {
		a, b := byDate[i], byDate[j]
		if pub(a) != pub(b) {
			return pub(a) < pub(b)
		}
		return a["article"].(string) < b["article"].(string)
	})
	byRank := slices.Clone(byDate)
	sort.SliceStable(byRank, func(i, j int) bool { return byRank[i]["confidence"].(float64) > byRank[j]["confidence"].(float64) })
	out := map[string]any{"article_count": int64(len(claims)), "hedged": true}
	var articles, evidence, evidenceArticles []string
	asserted := []string{}
	outlets := map[string]bool{}
	var first, last any
	for _, c := range byDate {
		articles = append(articles, c["article"].(string))
		if p, ok := c["published"].(string); ok {
			if first == nil {
				first = p
			}
			last = p
		}
		if o, ok := c["outlet"].(string); ok {
			outlets[o] = true
		} else {
			outlets["?"+c["article"].(string)] = true // an unknown outlet is one of its own
		}
		if c["hedges"] == nil {
			out["hedged"] = false
		}
	}
	for i, c := range byRank {
		if i < limit {
			evidence = append(evidence, c["sentence"].(string))
			evidenceArticles = append(evidenceArticles, c["article"].(string))
		}
		if a, ok := c["attribution"].(string); ok && !slices.Contains(asserted, a) {
			asserted = append(asserted, a)
		}
	}
	articles = articles[:min(len(articles), schema.ArticleListCap)]
	out["articles"], out["evidence"], out["evidence_articles"], out["asserted_by"] = articles, evidence, evidenceArticles, asserted
	out["first_reported"], out["last_reported"] = first, last
	out["outlet_count"] = int64(len(outlets))
	out["max_confidence"] = byRank[0]["confidence"]
	out[schema.PropKey] = "k"
	return out
}

// asStored returns properties the way the driver reads them back: lists
// as []any, and no entry for a property set to null.
func asStored(props map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range props {
		switch l := v.(type) {
		case nil:
		case []string:
			a := make([]any, len(l))
			for i, x := range l {
				a[i] = x
			}
			out[k] = a
		case []float64:
			a := make([]any, len(l))
			for i, x := range l {
				a[i] = x
			}
			out[k] = a
		default:
			out[k] = v
		}
	}
	return out
}

func synthClaims(rng *rand.Rand, n int) []map[string]any {
	claims := make([]map[string]any, n)
	for i := range claims {
		c := map[string]any{
			"article":    fmt.Sprintf("a%04d", rng.IntN(10_000)*n+i), // distinct, in no particular order
			"sentence":   fmt.Sprintf("sentence %d", i),
			"confidence": float64(rng.IntN(4)) / 4, // many ties
			"published":  nil, "outlet": nil, "attribution": nil, "hedges": nil,
		}
		if rng.IntN(4) > 0 {
			c["published"] = fmt.Sprintf("2020-01-%02d", 1+rng.IntN(5))
		}
		if rng.IntN(3) > 0 {
			c["outlet"] = fmt.Sprintf("outlet %d", rng.IntN(4))
		}
		if rng.IntN(2) == 0 {
			c["attribution"] = fmt.Sprintf("source %d", rng.IntN(5))
		}
		if rng.IntN(3) == 0 {
			c["hedges"] = []string{"reportedly"}
		}
		claims[i] = c
	}
	return claims
}

// TestProvenanceAddedInStepsEqualsComputedAtOnce checks the fast path of
// the loader: claims added batch after batch to the state kept on the
// relationship (read back from its properties each time) give exactly the
// properties computed from all the claims at once, list order included.
func TestProvenanceAddedInStepsEqualsComputedAtOnce(t *testing.T) {
	tests := []struct {
		name          string
		claims, steps int
		limit         int
	}{
		{"one claim", 1, 1, 3},
		{"each claim alone", 12, 12, 3},
		{"hub relationship in a few batches", 300, 7, 20},
		{"cap larger than the claims", 9, 3, 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for seed := range uint64(5) {
				claims := synthClaims(rand.New(rand.NewPCG(seed, 1)), tt.claims)
				want := aggregate("k", claims, tt.limit)
				for k, v := range reference(claims, tt.limit) {
					if !reflect.DeepEqual(want[k], v) {
						t.Errorf("seed %d: computed at once, %s = %v, want %v", seed, k, want[k], v)
					}
				}
				var p edgeProvenance
				per := (len(claims) + tt.steps - 1) / tt.steps
				for start := 0; start < len(claims); start += per {
					if start > 0 {
						var ok bool
						if p, ok = provenanceOf(asStored(p.props("k"))); !ok {
							t.Fatalf("seed %d: the kept state does not read back", seed)
						}
					}
					var facts []claimFacts
					for _, c := range claims[start:min(start+per, len(claims))] {
						facts = append(facts, factsOf(c))
					}
					// The outlets of the claims loaded before, as the
					// loader asks the database for them.
					known := map[string]bool{}
					for _, c := range claims[:start] {
						if o, ok := c["outlet"].(string); ok {
							known[o] = true
						}
					}
					p.add(facts, tt.limit, known)
				}
				if got := p.props("k"); !reflect.DeepEqual(got, want) {
					for k := range want {
						if !reflect.DeepEqual(got[k], want[k]) {
							t.Errorf("seed %d: %s = %v, want %v", seed, k, got[k], want[k])
						}
					}
				}
			}
		})
	}
}

// TestProvenanceWithoutKeptStateIsRecomputed checks that a relationship
// written by an earlier version, without the internal properties, is not
// taken for an empty state.
func TestProvenanceWithoutKeptStateIsRecomputed(t *testing.T) {
	props := asStored(aggregate("k", synthClaims(rand.New(rand.NewPCG(1, 1)), 3), 5))
	for k := range props {
		if k[0] == '_' {
			delete(props, k)
		}
	}
	if _, ok := provenanceOf(props); ok {
		t.Errorf("provenanceOf accepted a relationship without its kept state")
	}
}

func TestChangedProps(t *testing.T) {
	before := map[string]any{"articles": []string{"a1"}, "article_count": int64(1), "hedged": false, "first_reported": nil, "evidence": []string{"s1"}}
	tests := []struct {
		name  string
		after map[string]any
		want  []string
	}{
		{"nothing changes", map[string]any{"articles": []string{"a1"}, "article_count": int64(1), "hedged": false, "first_reported": nil, "evidence": []string{"s1"}}, nil},
		{"a list grows", map[string]any{"articles": []string{"a1", "a2"}, "article_count": int64(2), "hedged": false, "evidence": []string{"s1"}}, []string{"article_count", "articles"}},
		{"a value appears", map[string]any{"first_reported": "2020-01-02"}, []string{"first_reported"}},
		{"a flag flips", map[string]any{"hedged": true}, []string{"hedged"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := slices.Sorted(maps.Keys(changedProps(before, tt.after)))
			if !slices.Equal(got, tt.want) {
				t.Errorf("changed = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRelPropsAreWhatProvenanceWrites(t *testing.T) {
	p := edgeProvenance{}
	p.add([]claimFacts{{article: "a1", published: "2020-01-02", outlet: "O", sentence: "s", confidence: 0.5}}, 5, map[string]bool{})
	props := p.props("k")
	if len(props) != len(relProps) {
		t.Fatalf("relProps %v, props %v", relProps, props)
	}
	for _, k := range relProps {
		if _, ok := props[k]; !ok {
			t.Errorf("relProps names %q, which props does not write", k)
		}
	}
}
