package main

import (
	"context"
	"fmt"
	"testing"

	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/extract/article"
	"github.com/influencegraph/influencegraph/extract/rulebased"
)

// failingExtractor fails internally on one article and extracts the rest.
type failingExtractor struct{ bad string }

func (f failingExtractor) Extract(_ context.Context, a article.Article) (extract.Result, error) {
	if a.ID == f.bad {
		return extract.Result{}, fmt.Errorf("%w: index out of range", rulebased.ErrInternal)
	}
	return extract.Result{Article: extract.ArticleRecord{Kind: extract.KindArticle, ID: a.ID}}, nil
}

func TestExtractOrderedSkipsAnArticleTheExtractorFailsOn(t *testing.T) {
	ids := []string{"a1", "a2", "a3", "a4", "a5"}
	for _, workers := range []int{1, 3} {
		t.Run(fmt.Sprint("workers=", workers), func(t *testing.T) {
			var got, skipped []string
			err := extractOrdered(context.Background(), failingExtractor{bad: "a3"}, workers,
				func(emit func(article.Article) error) error {
					for _, id := range ids {
						if err := emit(article.Article{ID: id, Sources: []string{id + ".txt"}}); err != nil {
							return err
						}
					}
					return nil
				},
				func(r extract.Result) error { got = append(got, r.Article.ID); return nil },
				func(a article.Article, err error) { skipped = append(skipped, a.Sources[0]) })
			if err != nil {
				t.Fatalf("extractOrdered: %v", err)
			}
			if fmt.Sprint(got) != "[a1 a2 a4 a5]" {
				t.Errorf("extracted %v, want [a1 a2 a4 a5] in order", got)
			}
			if fmt.Sprint(skipped) != "[a3.txt]" {
				t.Errorf("skipped %v, want [a3.txt]", skipped)
			}
		})
	}
}
