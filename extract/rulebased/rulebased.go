// Package rulebased is the default extractor: offline, fast and
// explainable. It chains the pipeline stages — text (body, sentences,
// tokens), mention (knowledge-base names and unknown names), resolve
// (entities and elections) and relation (rules) — and turns the result
// into the records of the extraction contract. Every relation names the
// rule and trigger that produced it.
package rulebased

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"runtime/debug"
	"slices"
	"sort"
	"strings"

	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/extract/article"
	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/extract/lexicon"
	"github.com/influencegraph/influencegraph/extract/mention"
	"github.com/influencegraph/influencegraph/extract/relation"
	"github.com/influencegraph/influencegraph/extract/relation/model"
	"github.com/influencegraph/influencegraph/extract/resolve"
)

// Extractor is the rule-based extractor. Build it once: the automaton over
// the knowledge base is built in New and shared by every call. It is safe
// for concurrent use.
type Extractor struct {
	resolver *resolve.Resolver
	finder   *relation.Finder
	// decider, when set, decides the relations with a trained model, the
	// rules' relations being among its features.
	decider *relation.Decider
	// country, when set, chooses the country of an election the text
	// names without one (the model's ElectionCountry); year the year of
	// one it dates nowhere (ElectionYear).
	country resolve.CountryScorer
	year    resolve.YearScorer
}

var _ extract.Extractor = (*Extractor)(nil)

// ErrInternal marks an article on which a rule failed unexpectedly; the
// article is skipped and named, the run goes on.
var ErrInternal = errors.New("internal extractor error")

// PanicError is the ErrInternal of a rule that panicked: what it panicked
// with, and the stack it panicked on, so that the failing line can be
// found. Its message is one line and leaves the stack out; print Stack
// where the reader asked for it (influencegraph --debug).
type PanicError struct {
	Value any
	Stack []byte
}

// recovered turns the value of a recovered panic into a *PanicError. Call
// it in the deferred function itself: the stack is taken before the
// panicking frames unwind.
func recovered(p any) *PanicError {
	return &PanicError{Value: p, Stack: debug.Stack()}
}

func (e *PanicError) Error() string { return fmt.Sprintf("%v: %v", ErrInternal, e.Value) }

// Unwrap makes a PanicError an ErrInternal.
func (e *PanicError) Unwrap() error { return ErrInternal }

// New returns an extractor over the knowledge base k and the built-in
// lexicon.
func New(k *kb.KB) (*Extractor, error) {
	lex, err := lexicon.Default()
	if err != nil {
		return nil, err
	}
	m := mention.NewMatcher(k.Entries())
	return &Extractor{resolver: resolve.New(m, lex), finder: relation.New(lex)}, nil
}

// Extract finds the entities and relations of one article.
func (x *Extractor) Extract(ctx context.Context, a article.Article) (res extract.Result, err error) {
	if err := ctx.Err(); err != nil {
		return extract.Result{}, err
	}
	// A rule that trips over an unusual article must cost that article,
	// not the run: the caller reports it and goes on with the rest.
	defer func() {
		if p := recover(); p != nil {
			res, err = extract.Result{}, recovered(p)
		}
	}()
	in := resolveInput(a)
	in.Country, in.Year = x.country, x.year
	d := x.resolver.Resolve(in)
	rels := x.finder.Find(d)
	if x.decider != nil {
		rels = x.decider.Decide(d, rels)
	} else {
		rels = relation.Final(rels)
	}
	res = build(a, d, rels)
	if x.decider != nil {
		for i := range res.Relations {
			res.Relations[i].RelationModel = x.decider.Model().Version
		}
	}
	x.resolver.Release(d)
	return res, nil
}

// WithModel returns an extractor like x whose relations a trained model
// decides over the rules' candidates and verdicts.
func (x *Extractor) WithModel(m *model.Model) *Extractor {
	y := x.WithElectionChoosers(m.ElectionCountry, m.ElectionYear)
	y.decider = relation.NewDecider(x.finder, m)
	return y
}

// WithElectionChoosers returns an extractor like x (without a model)
// that chooses the country of an election the text names without one
// with country, and the year of one it dates nowhere with year; nil
// leaves either to the rules.
func (x *Extractor) WithElectionChoosers(country, year *model.Chooser) *Extractor {
	y := &Extractor{resolver: x.resolver, finder: x.finder}
	if country != nil {
		y.country = country.Score
	}
	if year != nil {
		y.year = year.Score
	}
	return y
}

// Analysis is an article resolved, with the rules' relations: what a
// model is trained on.
type Analysis struct {
	Doc   *resolve.Doc
	Rules []relation.Relation
}

// Analyse resolves a and finds the rules' relations, for training. The
// Doc is the caller's: it is not handed back to the resolver's pool.
func (x *Extractor) Analyse(a article.Article) (an Analysis, err error) {
	defer func() {
		if p := recover(); p != nil {
			an, err = Analysis{}, recovered(p)
		}
	}()
	in := resolveInput(a)
	in.Country, in.Year, in.RecordChoices = x.country, x.year, true
	d := x.resolver.Resolve(in)
	return Analysis{Doc: d, Rules: x.finder.Find(d)}, nil
}

// Finder is the extractor's rule finder, whose lexicon the features read.
func (x *Extractor) Finder() *relation.Finder { return x.finder }

func resolveInput(a article.Article) resolve.Input {
	return resolve.Input{Text: a.Text, Title: a.Title, Published: a.Published, URL: a.URL, Place: a.Place}
}

// ArticleRecord is the record opening an article's output.
func ArticleRecord(a article.Article) extract.ArticleRecord {
	r := extract.ArticleRecord{Kind: extract.KindArticle, ID: a.ID, Title: a.Title,
		PublishedFrom: a.PublishedFrom, Outlet: a.Outlet}
	if len(a.Sources) > 0 {
		r.Source = a.Sources[0]
	}
	if len(a.Sources) > 1 {
		r.Sources = a.Sources
	}
	if a.Published != "" {
		p := a.Published
		r.Published = &p
	}
	if a.URL != "" {
		u := a.URL
		r.URL = &u
	}
	r.TextHash = textHash(a.Text)
	return r
}

// textHash is the hex of the first 8 bytes of the SHA-256 of s. The text
// goes through a small buffer: converting it to []byte whole would copy
// every article once more.
func textHash(s string) string {
	h := sha256.New()
	var buf [512]byte
	for len(s) > 0 {
		n := copy(buf[:], s)
		h.Write(buf[:n])
		s = s[n:]
	}
	var sum [sha256.Size]byte
	return hex.EncodeToString(h.Sum(sum[:0])[:8])
}

func build(a article.Article, d *resolve.Doc, rels []relation.Relation) extract.Result {
	res := extract.Result{Article: ArticleRecord(a)}
	// entities in order of first mention; only those mentioned in the body
	idx := make([]int, 0, len(d.Entities))
	for i, e := range d.Entities {
		if len(e.Mentions) > 0 {
			idx = append(idx, i)
		}
	}
	first := func(e *resolve.Entity) int {
		m := e.Mentions[0][0]
		for _, s := range e.Mentions {
			m = min(m, s[0])
		}
		return m
	}
	firsts := make([]int, len(d.Entities))
	for _, i := range idx {
		firsts[i] = first(d.Entities[i])
	}
	slices.SortStableFunc(idx, func(i, j int) int {
		if c := cmp.Compare(firsts[i], firsts[j]); c != 0 {
			return c
		}
		return strings.Compare(d.Entities[i].ID, d.Entities[j].ID)
	})
	if len(idx) > 0 {
		res.Entities = make([]extract.EntityRecord, 0, len(idx))
	}
	if len(rels) > 0 {
		res.Relations = make([]extract.RelationRecord, 0, len(rels))
	}
	for _, i := range idx {
		e := d.Entities[i]
		r := extract.EntityRecord{Kind: extract.KindEntity, Article: a.ID, ID: e.ID, Type: e.Type, Name: e.Name,
			ISO2: e.ISO2, Country: e.Country, Year: e.Year, ElectionKind: e.ElectionKind, Subtype: e.Subtype,
			Wikidata: e.Wikidata}
		if e.Type == kb.TypeState {
			r.Country = ""
		}
		for _, al := range e.Aliases {
			if al != e.Name {
				r.Aliases = append(r.Aliases, al)
			}
		}
		ms := append([][2]int(nil), e.Mentions...)
		sort.Slice(ms, func(i, j int) bool { return ms[i][0] < ms[j][0] })
		r.Mentions = make([]extract.Span, 0, len(ms))
		for k, m := range ms {
			if k > 0 && m == ms[k-1] {
				continue
			}
			r.Mentions = append(r.Mentions, extract.Span(m))
		}
		res.Entities = append(res.Entities, r)
	}
	for _, rl := range rels {
		rec := extract.RelationRecord{Kind: extract.KindRelation, Article: a.ID, Type: rl.Type,
			Source: d.Entities[rl.Source].ID, Target: d.Entities[rl.Target].ID, Negated: rl.Negated,
			Confidence: math.Round(rl.Confidence*100) / 100, Evidence: a.Text[rl.Span[0]:rl.Span[1]], Span: extract.Span(rl.Span),
			Trigger: rl.Trigger, Rule: rl.Rule, Hedges: rl.Hedges, Attempted: rl.Attempted, Basis: extract.BasisStated,
			Attribution: rl.Attribution, Asserter: rl.Asserter, AttributionCue: rl.AttributionCue, Why: rl.Why}
		if rl.Inferred {
			rec.Basis = extract.BasisInferred
		}
		if rl.AttributedTo >= 0 {
			rec.AttributedTo = d.Entities[rl.AttributedTo].ID
		}
		rec.Context, rec.ContextStart = extract.Context(a.Text, rec.Span)
		res.Relations = append(res.Relations, rec)
	}
	return res
}
