// Package extract turns articles into entities and relations with their
// evidence. The record types here are the JSON Lines contract of the
// `influencegraph extract` command (see ../shared/eval/GUIDELINES.md) and
// the input of the loader; Extractor is the seam behind which the
// rule-based extractor (and later others) sit.
package extract

import (
	"context"
	"errors"

	"github.com/influencegraph/influencegraph/extract/article"
)

// Basis values of a relation record.
const (
	BasisStated   = "stated"
	BasisInferred = "inferred"
)

// Record kinds, the value of every record's "kind" field.
const (
	KindArticle  = "article"
	KindEntity   = "entity"
	KindRelation = "relation"
)

// ErrSkipArticle marks an error that costs one article, not the run: the
// caller names the article with the reason and goes on (a language model
// that timed out, say). Wrap it with the reason.
var ErrSkipArticle = errors.New("article skipped")

// Extractor finds the entities and relations an article states.
// Implementations must be safe for concurrent use and deterministic.
type Extractor interface {
	Extract(ctx context.Context, a article.Article) (Result, error)
}

// Result is everything extracted from one article.
type Result struct {
	Article   ArticleRecord
	Entities  []EntityRecord
	Relations []RelationRecord
}

// ArticleRecord opens the records of one article.
type ArticleRecord struct {
	Kind          string   `json:"kind"`
	ID            string   `json:"id"`
	Source        string   `json:"source"`
	Sources       []string `json:"sources,omitempty"`
	Title         string   `json:"title"`
	Published     *string  `json:"published"`
	PublishedFrom string   `json:"published_from,omitempty"`
	URL           *string  `json:"url"`
	Outlet        string   `json:"outlet,omitempty"`
	// TextHash identifies the exact text extracted, so a loader can tell a
	// corrected article (same source, new text) from an unchanged one.
	TextHash string `json:"text_hash,omitempty"`
}

// Span is a half-open byte range [start, end) into the article text.
type Span [2]int

// EntityRecord is one real-world thing mentioned in an article.
type EntityRecord struct {
	Kind    string   `json:"kind"`
	Article string   `json:"article"`
	ID      string   `json:"id"`
	Type    string   `json:"type"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
	// ISO2 is set on State entities.
	ISO2 string `json:"iso2,omitempty"`
	// Country is the ISO2 code an Agency, Election (or other) belongs to.
	Country string `json:"country,omitempty"`
	// Year and ElectionKind are set on Election entities.
	Year         int    `json:"year,omitempty"`
	ElectionKind string `json:"election_kind,omitempty"`
	// Kind of agency (intelligence, ministry, state-media, ...) or organisation.
	Subtype  string `json:"subtype,omitempty"`
	Wikidata string `json:"wikidata,omitempty"`
	Mentions []Span `json:"mentions,omitempty"`
}

// RelationRecord is one (source, type, target, negated) claim of an article
// with the evidence for it.
type RelationRecord struct {
	Kind       string  `json:"kind"`
	Article    string  `json:"article"`
	Type       string  `json:"type"`
	Source     string  `json:"source"`
	Target     string  `json:"target"`
	Negated    bool    `json:"negated"`
	Confidence float64 `json:"confidence"`
	Evidence   string  `json:"evidence"`
	Span       Span    `json:"span"`
	Trigger    string  `json:"trigger,omitempty"`
	Rule       string  `json:"rule,omitempty"`
	// Hedges lists the hedging words that qualify the claim: the
	// reporter's uncertainty ("reportedly", "allegedly", "may have").
	Hedges []string `json:"hedges,omitempty"`
	// Attempted is set when the act is reported as an attempt ("sought
	// to", "attempted to"): an act all the same, not a hedge.
	Attempted bool `json:"attempted,omitempty"`
	// Basis is "stated" when the evidence is one sentence naming both
	// ends, "inferred" when the extractor supplied an end the sentence
	// does not name (the article's election, a subject carried over from
	// an earlier sentence) or joined ends named in different sentences
	// or in the headline. Empty when the extractor does not tell.
	Basis string `json:"basis,omitempty"`
	// Attribution is the reporting clause as the text says it
	// ("a declassified US intelligence assessment found that"); Asserter
	// is who asserts the claim: the entity's name when AttributedTo, its
	// entity id, is set, else the text's few words ("the indictment").
	// AttributionCue is the clause's reporting words ("found",
	// "according to").
	Attribution    string `json:"attribution,omitempty"`
	AttributedTo   string `json:"attributed_to,omitempty"`
	Asserter       string `json:"asserter,omitempty"`
	AttributionCue string `json:"attribution_cue,omitempty"`
	// Context is the text around the evidence (Context), starting at
	// byte ContextStart of the article: what the loader stores so that
	// the quote can be checked in the graph.
	Context      string `json:"context,omitempty"`
	ContextStart int    `json:"context_start,omitempty"`
	// Extractor names the extractor that made the relation when it is not
	// the rule-based one ("llm"); Model and PromptVersion then say which
	// language model answered which prompt, so a graph can be traced to
	// what produced it. All three are empty for the rules.
	Extractor     string `json:"extractor,omitempty"`
	Model         string `json:"model,omitempty"`
	PromptVersion string `json:"prompt_version,omitempty"`
	// Why lists the features that weighed most when the learned relation
	// model decided the relation; RelationModel is that model's version.
	Why           []string `json:"why,omitempty"`
	RelationModel string   `json:"relation_model,omitempty"`
}
