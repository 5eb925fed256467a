// Package extracttest gives tests of later stages (the loader, the query
// library, the Browser test) the real extractor's output for a folder of
// articles, so they exercise what `influencegraph load` would load.
package extracttest

import (
	"context"
	"testing"

	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/extract/article"
	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/extract/rulebased"
)

// Extract reads every article under paths and runs the rule-based
// extractor with the built-in knowledge base over each, in input order.
// Any error fails the test.
func Extract(t testing.TB, paths ...string) []extract.Result {
	t.Helper()
	k, err := kb.Load()
	if err != nil {
		t.Fatal(err)
	}
	x, err := rulebased.New(k)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var out []extract.Result
	if _, err := article.NewReader(article.Options{}).Read(ctx, paths, func(a article.Article) error {
		r, err := x.Extract(ctx, a)
		out = append(out, r)
		return err
	}); err != nil {
		t.Fatalf("extract %v: %v", paths, err)
	}
	return out
}
