package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"net/url"
	"slices"
	"strings"

	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/identity"
	"github.com/influencegraph/influencegraph/schema"
)

// prepared is one article's contribution to the graph, validated and
// flattened into the parameter rows the loader's statements take. Nothing
// in it is ever spliced into Cypher text: labels and types were checked
// against schema/ and are used to pick a statement, never to build one.
type prepared struct {
	id       string
	doc      string
	article  map[string]any
	entities []entityRow
	mentions []map[string]any
	claims   []claimRow
	// skipped counts relations and entities left out, by reason.
	skipped     map[string]int
	contentHash string
	records     int
}

type entityRow struct {
	label string
	row   map[string]any
}

type claimRow struct {
	relType string
	key     string
	source  string
	target  string
	negated bool
	row     map[string]any
}

// claimProps are the properties of a :Claim, as prepare builds its row.
var claimProps = []string{
	"id", "relation", "article", "type", "source", "target", "negated",
	"sentence", "span_start", "span_end", "trigger", "rule", "confidence", "relation_model", "why",
	"extractor", "llm_model", "prompt_version",
	"hedges", "attribution", "attributed_to", "published", "outlet",
	// what evidenceRow (load_evidence.go) adds
	"attempted", "basis", "asserter", "attribution_cue", "context", "context_start", "sentence_at",
}

// propsFrom renders a Cypher map literal taking each property from the
// same key of variable v: {id: v.id, ...}. Property names come from this
// package, never from input.
func propsFrom(v string, props []string) string {
	var b strings.Builder
	b.WriteString("{")
	for i, p := range props {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s: %s.%s", p, v, p)
	}
	b.WriteString("}")
	return b.String()
}

// docKey says which document an article version belongs to: its url, else
// its first source path. A corrected text has a new article id but the
// same document key, and replaces the earlier version.
func docKey(a extract.ArticleRecord) string {
	if a.URL != nil && strings.TrimSpace(*a.URL) != "" {
		return "url:" + strings.TrimSpace(*a.URL)
	}
	src := a.Source
	if src == "" && len(a.Sources) > 0 {
		src = a.Sources[0]
	}
	if src == "" {
		return "id:" + a.ID
	}
	return "source:" + src
}

// InShard reports whether an article belongs to shard i of n (1 <= i <= n).
// The split hashes the document key, so every version of one document goes
// to the same shard and corrections never race across processes.
func InShard(a extract.ArticleRecord, i, n int) bool {
	if n <= 1 {
		return true
	}
	h := fnv.New64a()
	h.Write([]byte(docKey(a)))
	return int(h.Sum64()%uint64(n)) == i-1
}

func nonEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// OutletOf is the outlet an article is counted under: its outlet line,
// else the host of its url without "www." (example.org), else "" (an
// unknown outlet, which outlet_count counts as one of its own).
func OutletOf(a extract.ArticleRecord) string {
	if o := strings.TrimSpace(a.Outlet); o != "" {
		return o
	}
	if a.URL == nil {
		return ""
	}
	u, err := url.Parse(strings.TrimSpace(*a.URL))
	if err != nil || u.Hostname() == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// unknownOutlet is the outlet counted for an article of no known outlet:
// one of its own, so that such articles neither count for nothing nor
// count as one outlet together.
func unknownOutlet(article string) string { return "?" + article }

// prepare validates one extraction result and builds its rows. A result
// that cannot be loaded at all returns an error naming the reason.
func prepare(r extract.Result) (prepared, error) { return prepareWith(r, nil) }

// prepareWith is prepare with the graph's identities applied first: see
// identity.Rules.Apply (rules may be nil; elections without a country are
// scoped to their article whatever it holds).
func prepareWith(r extract.Result, rules *identity.Rules) (prepared, error) {
	r = rules.Apply(r)
	a := r.Article
	if a.ID == "" {
		return prepared{}, fmt.Errorf("article without id")
	}
	p := prepared{id: a.ID, doc: docKey(a), skipped: map[string]int{}}
	sources := a.Sources
	if len(sources) == 0 && a.Source != "" {
		sources = []string{a.Source}
	}
	var addr, published any
	if a.URL != nil && *a.URL != "" {
		addr = *a.URL
	}
	if a.Published != nil && *a.Published != "" {
		published = *a.Published
	}
	outlet := OutletOf(a)
	p.article = map[string]any{
		"id": a.ID, "doc": p.doc, "url": addr, "title": nonEmpty(a.Title), "published": published,
		"outlet": nonEmpty(outlet), "sources": sources, "text_hash": nonEmpty(a.TextHash),
	}

	known := map[string]bool{}
	for _, e := range r.Entities {
		p.records++
		label, ok := schema.EntityLabel(e.Type)
		switch {
		case e.ID == "":
			p.skipped["entity without id"]++
			continue
		case !ok:
			p.skipped[fmt.Sprintf("entity of unknown type %q", e.Type)]++
			continue
		case known[e.ID]:
			p.skipped["entity listed twice in one article"]++
			continue
		}
		known[e.ID] = true
		row := map[string]any{
			"id": e.ID, "name": nonEmpty(e.Name), "aliases": nonNil(e.Aliases), "wikidata": nonEmpty(e.Wikidata),
			"iso2": nonEmpty(e.ISO2), "country": nonEmpty(e.Country), "kind": nonEmpty(firstOf(e.ElectionKind, e.Subtype)),
			"year": nil,
		}
		if e.Year != 0 {
			row["year"] = int64(e.Year)
		}
		p.entities = append(p.entities, entityRow{label: label, row: row})
		p.mentions = append(p.mentions, map[string]any{"article": a.ID, "entity": e.ID, "count": int64(max(1, len(e.Mentions)))})
	}

	claims := map[string]int{}
	for _, rel := range r.Relations {
		p.records++
		typ, ok := schema.ActorType(rel.Type)
		switch {
		case !ok:
			p.skipped[fmt.Sprintf("relation of unknown type %q", rel.Type)]++
			continue
		case !known[rel.Source] || !known[rel.Target]:
			p.skipped["relation whose end is not an entity of the article"]++
			continue
		case rel.Source == rel.Target:
			p.skipped["relation from an entity to itself"]++
			continue
		}
		key := schema.RelationKey(rel.Source, typ, rel.Target, rel.Negated)
		row := map[string]any{
			"id": a.ID + "|" + key, "relation": key, "article": a.ID, "type": typ,
			"source": rel.Source, "target": rel.Target, "negated": rel.Negated,
			"sentence": rel.Evidence, "span_start": int64(rel.Span[0]), "span_end": int64(rel.Span[1]),
			"trigger": nonEmpty(rel.Trigger), "rule": nonEmpty(rel.Rule), "confidence": rel.Confidence,
			"relation_model": nonEmpty(rel.RelationModel), "why": nonNil(rel.Why),
			"extractor": nonEmpty(rel.Extractor), "llm_model": nonEmpty(rel.Model), "prompt_version": nonEmpty(rel.PromptVersion),
			"hedges": nonNil(rel.Hedges), "attribution": nonEmpty(rel.Attribution), "attributed_to": nonEmpty(rel.AttributedTo),
			"published": published, "outlet": nonEmpty(outlet),
		}
		evidenceRow(row, rel)
		c := claimRow{relType: typ, key: key, source: rel.Source, target: rel.Target, negated: rel.Negated, row: row}
		// One claim per relation per article: keep the most confident
		// statement (the earliest on a tie).
		if i, dup := claims[key]; dup {
			p.skipped["relation stated twice in one article (kept the most confident)"]++
			if rel.Confidence > p.claims[i].row["confidence"].(float64) {
				p.claims[i] = c
			}
			continue
		}
		claims[key] = len(p.claims)
		p.claims = append(p.claims, c)
	}
	slices.SortFunc(p.entities, func(x, y entityRow) int { return strings.Compare(x.row["id"].(string), y.row["id"].(string)) })
	slices.SortFunc(p.claims, func(x, y claimRow) int { return strings.Compare(x.key, y.key) })
	p.contentHash = contentHash(p)
	// Aliases are stored sorted and without repeats, so that the graph is
	// the same whatever order articles are loaded in. The hash is taken
	// first, of the lists as given, so that a database loaded before they
	// were sorted sees its articles unchanged.
	for _, e := range p.entities {
		if a, ok := e.row["aliases"].([]string); ok {
			e.row["aliases"] = sortedUnion(a, nil)
		}
	}
	return p, nil
}

// sortedUnion returns the strings of a and b sorted, without repeats, in a
// new slice.
func sortedUnion(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	out = append(append(out, a...), b...)
	slices.Sort(out)
	return slices.Compact(out)
}

// contentHash fingerprints everything an article contributes, so that a
// re-run can skip an unchanged article and notice a re-extraction that
// changed what it says even when the text did not change.
func contentHash(p prepared) string {
	h := sha256.New()
	enc := json.NewEncoder(h) // maps are encoded with sorted keys
	enc.Encode(p.article)
	for _, e := range p.entities {
		enc.Encode(e.label)
		enc.Encode(e.row)
	}
	enc.Encode(p.mentions)
	for _, c := range p.claims {
		enc.Encode(c.row)
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

func nonNil(s []string) any {
	if len(s) == 0 {
		return nil
	}
	return s
}

func firstOf(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
