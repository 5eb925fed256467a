package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/extract/article"
	"github.com/influencegraph/influencegraph/extract/rulebased"
)

// failingExtractor fails internally on the article read from the file
// named bad and extracts the rest.
type failingExtractor struct{ bad string }

func (f failingExtractor) Extract(_ context.Context, a article.Article) (extract.Result, error) {
	if filepath.Base(a.Sources[0]) == f.bad {
		return extract.Result{}, fmt.Errorf("%w: index out of range", rulebased.ErrInternal)
	}
	return extract.Result{Article: extract.ArticleRecord{Kind: extract.KindArticle, ID: filepath.Base(a.Sources[0])}}, nil
}

func TestExtractOrderedSkipsAnArticleTheExtractorFailsOn(t *testing.T) {
	dir := t.TempDir()
	for i := 1; i <= 5; i++ {
		body := fmt.Sprintf("Article %d. The commission said on Monday that it had received %d complaints about fabricated polls.\n", i, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%d.txt", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, workers := range []int{1, 3} {
		t.Run(fmt.Sprint("workers=", workers), func(t *testing.T) {
			var got, skipped []string
			r := article.NewReader(article.Options{Workers: workers})
			sum, err := extractOrdered(context.Background(), failingExtractor{bad: "a3.txt"}, r, []string{dir},
				func(r extract.Result) error { got = append(got, r.Article.ID); return nil },
				func(a article.Article, err error) { skipped = append(skipped, filepath.Base(a.Sources[0])) })
			if err != nil {
				t.Fatalf("extractOrdered: %v", err)
			}
			if fmt.Sprint(got) != "[a1.txt a2.txt a4.txt a5.txt]" {
				t.Errorf("extracted %v, want [a1.txt a2.txt a4.txt a5.txt] in order", got)
			}
			if fmt.Sprint(skipped) != "[a3.txt]" {
				t.Errorf("skipped %v, want [a3.txt]", skipped)
			}
			if sum.Read != 5 {
				t.Errorf("read %d articles, want 5", sum.Read)
			}
		})
	}
}
