// Package llm is the language-model extractor: it asks a model behind
// any OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI,
// Ollama, vLLM, llama.cpp's server) who did what to whom in an article,
// and keeps only what it can check.
//
// The entities come from the offline stages (rule-based today), so the
// model names them by their canonical ids and the graph keeps one node per
// thing; an entity the model adds is resolved through the knowledge base
// like any other name. Every relation's evidence must be a verbatim
// substring of the article (its span computed here, not by the model), and
// types and directions must fit the schema. An answer that is not JSON,
// names an unknown id or quotes words that are not in the text is sent
// back once for repair; what is still wrong is dropped and counted.
// Answers are cached on disk by article text, model and prompt version.
package llm

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/openai/openai-go/v3"

	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/extract/article"
	"github.com/influencegraph/influencegraph/extract/kb"
)

// Name is the value of RelationRecord.Extractor for this extractor.
const Name = "llm"

// Secret holds an API key. It prints as "<redacted>" with any verb of
// the fmt package, so a key in an Options value printed by mistake does
// not reach a log.
type Secret string

func (Secret) String() string   { return "<redacted>" }
func (Secret) GoString() string { return `"<redacted>"` }

// Options configure the extractor; config.LLM gives them from the
// configuration.
type Options struct {
	// BaseURL is the endpoint up to and including /v1, e.g.
	// http://127.0.0.1:11434/v1 for Ollama.
	BaseURL string
	Model   string
	// APIKey is sent as a bearer token; empty sends none (local servers).
	APIKey Secret
	// Timeout bounds one request attempt, the wait a Retry-After asks for
	// before the next one included (openai-go counts it so).
	Timeout time.Duration
	// MaxConcurrency bounds the requests in flight.
	MaxConcurrency int
	MaxTokens      int
	Temperature    float64
	// MaxRetries is how often a 429, a 5xx or a connection error is
	// retried (by openai-go: exponential back-off from 0.5s to 8s, or
	// the wait Retry-After or Retry-After-Ms asks for).
	MaxRetries int
	// CacheDir holds cached answers; "" caches nothing.
	CacheDir string
	// HTTPClient replaces the default client (tests).
	HTTPClient *http.Client
}

// Extractor runs the offline extractor for entities, asks the model for
// relations and validates its answer. It is safe for concurrent use.
type Extractor struct {
	offline extract.Extractor
	kb      *kb.KB
	chat    *chat
	cache   *cache
	prompt  *prompt
	system  string
	model   string

	mu    sync.Mutex
	stats Stats
}

var _ extract.Extractor = (*Extractor)(nil)

// New returns an extractor over offline (for entities) and the knowledge
// base k (for entities the model adds).
func New(offline extract.Extractor, k *kb.KB, o Options) (*Extractor, error) {
	if o.BaseURL == "" {
		return nil, errors.New("llm: no endpoint: set llm.base_url")
	}
	if o.Model == "" {
		return nil, errors.New("llm: no model: set llm.model")
	}
	p, err := newPrompt()
	if err != nil {
		return nil, err
	}
	sys, err := p.system()
	if err != nil {
		return nil, err
	}
	c, err := openCache(o.CacheDir)
	if err != nil {
		return nil, err
	}
	return &Extractor{offline: offline, kb: k, chat: newChat(o), cache: c, prompt: p, system: sys, model: o.Model,
		stats: newStats()}, nil
}

// Model is the model asked.
func (x *Extractor) Model() string { return x.model }

// Extract runs the offline extractor, then asks the model (see
// ExtractWith).
func (x *Extractor) Extract(ctx context.Context, a article.Article) (extract.Result, error) {
	off, err := x.offline.Extract(ctx, a)
	if err != nil {
		return extract.Result{}, err
	}
	return x.ExtractWith(ctx, a, off)
}

// ExtractWith asks the model about a, given the offline result off, and
// returns off's article and entities (less those the model showed were
// none, plus those it added) with the model's checked relations. An
// article the model could not answer returns an error wrapping
// extract.ErrSkipArticle with the reason; an endpoint that refuses the key
// or the model returns ErrEndpoint.
func (x *Extractor) ExtractWith(ctx context.Context, a article.Article, off extract.Result) (extract.Result, error) {
	user, err := x.prompt.user(a, off.Entities)
	if err != nil {
		return extract.Result{}, err
	}
	key := cacheKey(a.Text, x.model, user)
	cached, hit := x.cache.get(key)
	var run runStats
	if hit {
		run.cacheHit = true
	}
	msgs := []openai.ChatCompletionMessageParamUnion{openai.SystemMessage(x.system), openai.UserMessage(user)}
	v := &validator{kb: x.kb, text: a.Text, article: off.Article.ID, entities: off.Entities, stamp: x.stamp}

	// ask returns the n-th answer: from the cache when it has one.
	var answers []string
	ask := func(n int) (string, error) {
		if n < len(cached.Answers) {
			answers = append(answers, cached.Answers[n])
			return cached.Answers[n], nil
		}
		rep, err := x.chat.complete(ctx, msgs)
		run.add(rep)
		if err != nil {
			return "", err
		}
		answers = append(answers, rep.content)
		return rep.content, nil
	}

	first, err := ask(0)
	if err != nil {
		x.record(run, err)
		return extract.Result{}, err
	}
	ans, perr := parseAnswer(first)
	var c checked
	if perr == nil {
		c = v.check(ans)
	}
	if perr != nil || len(c.problems) > 0 {
		problems := c.problems
		if perr != nil {
			problems = []string{perr.Error() + "; answer with the JSON object alone"}
		}
		if len(problems) > 10 {
			problems = append(problems[:10], fmt.Sprintf("and %d more like these", len(problems)-10))
		}
		fix, err := x.prompt.repair(problems)
		if err != nil {
			return extract.Result{}, err
		}
		msgs = append(msgs, openai.AssistantMessage(first), openai.UserMessage(fix))
		run.repaired = true
		second, err := ask(1)
		if err != nil {
			x.record(run, err)
			return extract.Result{}, err
		}
		ans2, perr2 := parseAnswer(second)
		switch {
		case perr2 == nil:
			c = v.check(ans2)
		case perr == nil:
			// the repair broke the JSON: keep the first answer's good relations
		default:
			f := &failure{reason: FailInvalidJSON}
			x.record(run, f)
			return extract.Result{}, f
		}
	}
	if !hit || len(answers) > len(cached.Answers) {
		if err := x.cache.put(key, cacheEntry{Model: x.model, PromptVersion: PromptVersion, TextHash: textHash(a.Text), Answers: answers}); err != nil {
			run.cacheErr = err
		}
	}
	run.checked = c
	x.record(run, nil)
	return x.result(off, c), nil
}

func (x *Extractor) stamp(r *extract.RelationRecord) {
	r.Extractor, r.Model, r.PromptVersion = Name, x.model, PromptVersion
}

// result is off with the model's relations in place of the offline ones.
func (x *Extractor) result(off extract.Result, c checked) extract.Result {
	res := extract.Result{Article: off.Article}
	for _, e := range off.Entities {
		if !c.notEntities[e.ID] {
			res.Entities = append(res.Entities, e)
		}
	}
	res.Entities = append(res.Entities, c.added...)
	res.Relations = c.relations
	return res
}

func textHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:8])
}

// Stats says what the model was asked and what came of it, for the
// run's summary.
type Stats struct {
	// Articles counts articles answered (from the model or the cache).
	Articles  int   `json:"articles"`
	Requests  int   `json:"requests"`
	Repairs   int   `json:"repairs"`
	CacheHits int   `json:"cache_hits"`
	TokensIn  int64 `json:"tokens_in"`
	TokensOut int64 `json:"tokens_out"`
	// Relations counts the relations kept.
	Relations int `json:"relations"`
	// Failures counts articles skipped, by reason (Fail* constants).
	Failures map[string]int `json:"failures,omitempty"`
	// Dropped counts relations dropped, by reason (Drop* constants).
	Dropped map[string]int `json:"dropped,omitempty"`
	// DroppedEntities counts added entities not kept, by reason.
	DroppedEntities map[string]int `json:"dropped_entities,omitempty"`
	// CacheErrors counts answers that could not be written to the cache.
	CacheErrors int `json:"cache_errors,omitempty"`
}

func newStats() Stats {
	return Stats{Failures: map[string]int{}, Dropped: map[string]int{}, DroppedEntities: map[string]int{}}
}

// runStats is what one article's call contributes to Stats.
type runStats struct {
	requests            int
	tokensIn, tokensOut int64
	cacheHit, repaired  bool
	cacheErr            error
	checked             checked
}

func (r *runStats) add(rep reply) {
	r.requests += rep.requests
	r.tokensIn += rep.tokensIn
	r.tokensOut += rep.tokensOut
}

func (x *Extractor) record(r runStats, err error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	s := &x.stats
	s.Requests += r.requests
	s.TokensIn += r.tokensIn
	s.TokensOut += r.tokensOut
	if r.cacheHit {
		s.CacheHits++
	}
	if r.repaired {
		s.Repairs++
	}
	if r.cacheErr != nil {
		s.CacheErrors++
	}
	var f *failure
	switch {
	case errors.As(err, &f):
		s.Failures[f.reason]++
	case err != nil:
	default:
		s.Articles++
		s.Relations += len(r.checked.relations)
		for k, n := range r.checked.dropped {
			s.Dropped[k] += n
		}
		for k, n := range r.checked.droppedEnts {
			s.DroppedEntities[k] += n
		}
	}
}

// Stats returns a copy of the counters so far.
func (x *Extractor) Stats() Stats {
	x.mu.Lock()
	defer x.mu.Unlock()
	s := x.stats
	s.Failures, s.Dropped, s.DroppedEntities = maps.Clone(s.Failures), maps.Clone(s.Dropped), maps.Clone(s.DroppedEntities)
	return s
}

// String is the summary line printed on standard error.
func (s Stats) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "llm: %d articles answered (%d from the cache), %d requests, %d repairs, tokens %d in / %d out, %d relations kept",
		s.Articles, s.CacheHits, s.Requests, s.Repairs, s.TokensIn, s.TokensOut, s.Relations)
	if n := sum(s.Failures); n > 0 {
		fmt.Fprintf(&b, "; %d articles skipped (%s)", n, counts(s.Failures))
	}
	if n := sum(s.Dropped); n > 0 {
		fmt.Fprintf(&b, "; %d relations dropped (%s)", n, counts(s.Dropped))
	}
	if n := sum(s.DroppedEntities); n > 0 {
		fmt.Fprintf(&b, "; %d added entities dropped (%s)", n, counts(s.DroppedEntities))
	}
	if s.CacheErrors > 0 {
		fmt.Fprintf(&b, "; %d answers not cached", s.CacheErrors)
	}
	return b.String()
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func counts(m map[string]int) string {
	parts := make([]string, 0, len(m))
	for _, k := range sortedKeys(m) {
		parts = append(parts, fmt.Sprintf("%s: %d", k, m[k]))
	}
	return strings.Join(parts, ", ")
}
