package rulebased

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/influencegraph/influencegraph/extract"
)

// TestModelEvidence checks, with the shipped relation model, what the
// fixtures (rules alone) check of evidence: the basis of relations the
// model joins across sentences, and the context every relation carries.
func TestModelEvidence(t *testing.T) {
	x := testModelExtractor(t)
	tests := []struct {
		fixture        string
		source, target string
		basis          string
	}{
		// the election is named only in the sentence after Russia's act
		{"denial_evidence", "state:RU", "election:RO-2024-presidential", extract.BasisInferred},
		{"inferred_ends", "state:RU", "election:MD-2024-referendum", extract.BasisInferred},
		{"inferred_ends", "org:internet-research-agency", "election:MD-2024-referendum", extract.BasisStated},
		{"asserters", "state:IR", "election:US-2024-presidential", extract.BasisStated},
	}
	for _, tc := range tests {
		t.Run(tc.fixture+"/"+tc.source, func(t *testing.T) {
			a := readArticle(t, filepath.Join("..", "testdata", tc.fixture, "article.txt"))
			res, err := x.Extract(context.Background(), a)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, r := range res.Relations {
				if r.Basis != extract.BasisStated && r.Basis != extract.BasisInferred {
					t.Errorf("%s %s -> %s: basis %q", r.Type, r.Source, r.Target, r.Basis)
				}
				checkContext(t, a.Text, r)
				if r.Source != tc.source || r.Target != tc.target {
					continue
				}
				found = true
				if r.Basis != tc.basis {
					t.Errorf("%s %s -> %s: basis %q, want %q (evidence %q)", r.Type, r.Source, r.Target, r.Basis, tc.basis, r.Evidence)
				}
			}
			if !found {
				t.Fatalf("no relation %s -> %s; got %s", tc.source, tc.target, relationList(res))
			}
		})
	}
}

// checkContext fails unless r's context is the article's text from
// ContextStart and holds the evidence at its span.
func checkContext(t *testing.T, text string, r extract.RelationRecord) {
	t.Helper()
	cs := r.ContextStart
	if r.Context == "" || cs < 0 || cs+len(r.Context) > len(text) || text[cs:cs+len(r.Context)] != r.Context {
		t.Errorf("%s %s -> %s: context %q at %d is not the article's text", r.Type, r.Source, r.Target, r.Context, cs)
		return
	}
	if r.Span[0] < cs || r.Span[1] > cs+len(r.Context) || r.Context[r.Span[0]-cs:r.Span[1]-cs] != r.Evidence {
		t.Errorf("%s %s -> %s: context %q does not hold the evidence %q at its span", r.Type, r.Source, r.Target, r.Context, r.Evidence)
	}
	if strings.TrimSpace(r.Context) == strings.TrimSpace(r.Evidence) && len(text) > len(r.Evidence)+2*extract.ContextBytes {
		t.Errorf("%s %s -> %s: context is just the evidence", r.Type, r.Source, r.Target)
	}
}
