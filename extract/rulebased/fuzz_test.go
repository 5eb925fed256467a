package rulebased

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/influencegraph/influencegraph/extract/article"
)

// FuzzExtract feeds arbitrary text to the extractor: it must not panic,
// and every span it reports must lie inside the text.
func FuzzExtract(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "*", "article.txt"))
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b), "2024-05-01")
		}
	}
	f.Add("Russia's. 's 'S ( ) , and and Iran-backed – “ 2024 election”", "")
	f.Add("the election election elections of of the Vice President", "1999-12-31")
	x := testExtractor(f)
	f.Fuzz(func(t *testing.T, text, published string) {
		if !utf8.ValidString(text) {
			return // the reader repairs invalid UTF-8 before extraction
		}
		checkExtract(t, x, article.Article{ID: "fuzz", Sources: []string{"fuzz.txt"}, Text: text, Published: published})
	})
}

// checkExtract extracts a and fails t when the extractor fails (a panic's
// stack is printed, so the crashing line shows), or when a span it reports
// lies outside the text or a relation's end is not an entity.
func checkExtract(t *testing.T, x *Extractor, a article.Article) {
	t.Helper()
	text := a.Text
	res, err := x.Extract(context.Background(), a)
	if err != nil {
		var pe *PanicError
		if errors.As(err, &pe) {
			t.Fatalf("%v\n%s", err, pe.Stack)
		}
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, e := range res.Entities {
		ids[e.ID] = true
		for _, m := range e.Mentions {
			if m[0] < 0 || m[1] > len(text) || m[0] >= m[1] {
				t.Fatalf("entity %s: mention %v outside text of %d bytes", e.ID, m, len(text))
			}
		}
	}
	for _, r := range res.Relations {
		if !ids[r.Source] || !ids[r.Target] {
			t.Fatalf("relation %s -> %s: an end is not an entity", r.Source, r.Target)
		}
		if r.Span[0] < 0 || r.Span[1] > len(text) || text[r.Span[0]:r.Span[1]] != r.Evidence {
			t.Fatalf("relation %s -> %s: evidence does not match its span", r.Source, r.Target)
		}
	}
}
