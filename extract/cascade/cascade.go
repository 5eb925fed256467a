// Package cascade runs the offline extractor on every article and asks
// the language model only about the articles a condition selects (those
// the offline result is unsure of, say), so that a large feed costs what
// it must and no more. An article the model cannot answer keeps its
// offline result.
package cascade

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/extract/article"
)

// Asker is the language-model side of the cascade (llm.Extractor).
type Asker interface {
	ExtractWith(ctx context.Context, a article.Article, offline extract.Result) (extract.Result, error)
}

// Extractor is the cascade. It is safe for concurrent use.
type Extractor struct {
	offline extract.Extractor
	model   Asker
	when    Condition

	mu    sync.Mutex
	stats Stats
}

var _ extract.Extractor = (*Extractor)(nil)

// New returns a cascade from offline to model, asking when says.
func New(offline extract.Extractor, model Asker, when Condition) *Extractor {
	return &Extractor{offline: offline, model: model, when: when}
}

// Stats counts what the cascade did with the articles.
type Stats struct {
	Articles int `json:"articles"`
	// Asked articles went to the model.
	Asked int `json:"asked"`
	// FellBack counts asked articles the model could not answer, which
	// kept their offline result.
	FellBack int `json:"fell_back"`
}

func (s Stats) String() string {
	return fmt.Sprintf("cascade: %d articles, %d sent to the language model, %d kept the offline result after the model failed",
		s.Articles, s.Asked, s.FellBack)
}

// Stats returns the counters so far.
func (x *Extractor) Stats() Stats {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.stats
}

// Extract runs the offline extractor and, when the condition selects the
// article, the model.
func (x *Extractor) Extract(ctx context.Context, a article.Article) (extract.Result, error) {
	off, err := x.offline.Extract(ctx, a)
	if err != nil {
		return off, err
	}
	ask := x.when.Match(Measure(off))
	x.count(func(s *Stats) {
		s.Articles++
		if ask {
			s.Asked++
		}
	})
	if !ask {
		return off, nil
	}
	res, err := x.model.ExtractWith(ctx, a, off)
	if errors.Is(err, extract.ErrSkipArticle) {
		x.count(func(s *Stats) { s.FellBack++ })
		return off, nil
	}
	return res, err
}

func (x *Extractor) count(f func(*Stats)) {
	x.mu.Lock()
	f(&x.stats)
	x.mu.Unlock()
}
