package graph

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/identity"
	"github.com/influencegraph/influencegraph/schema"
)

// Snapshot is a whole influence graph in memory, in the shape the loader
// writes it (entities, articles, claims, mentions, statements and actor
// relationships with their provenance), for exports. It comes from the
// database (Client.Snapshot) or straight from extract's output
// (SnapshotOf), and is sorted so that the same graph always gives the same
// files.
type Snapshot struct {
	// Nodes carry their type labels (an entity: Entity and its type) and
	// their properties, always including the id.
	Nodes []Node
	Edges []Edge
}

// Edge is one relationship of a Snapshot between the nodes whose id
// properties are Start and End; the model (schema.RelType From and To)
// says which kinds of node its ends are.
type Edge struct {
	Type       string         `json:"type"`
	Start      string         `json:"start"`
	End        string         `json:"end"`
	Properties map[string]any `json:"properties"`
}

// Snapshot reads every node and relationship of the database but the
// schema-version node, in one read transaction. Internal properties
// (those starting with "_") are left out.
func (c *Client) Snapshot(ctx context.Context) (Snapshot, error) {
	var s Snapshot
	nodes, err := c.ReadTable(ctx, fmt.Sprintf(`MATCH (n) WHERE NOT n:%s RETURN labels(n) AS labels, properties(n) AS props`, schema.Meta), nil)
	if err != nil {
		return s, fmt.Errorf("read nodes: %w", err)
	}
	for _, r := range nodes.Rows {
		var labels []string
		for _, l := range r[0].([]any) {
			labels = append(labels, l.(string))
		}
		slices.Sort(labels)
		s.Nodes = append(s.Nodes, Node{Labels: labels, Properties: public(r[1].(map[string]any))})
	}
	rels, err := c.ReadTable(ctx, fmt.Sprintf(`MATCH (a)-[r]->(b) RETURN type(r) AS type, a.%[1]s AS start, b.%[1]s AS end, properties(r) AS props`, schema.PropID), nil)
	if err != nil {
		return s, fmt.Errorf("read relationships: %w", err)
	}
	for _, r := range rels.Rows {
		start, _ := r[1].(string)
		end, _ := r[2].(string)
		s.Edges = append(s.Edges, Edge{Type: r[0].(string), Start: start, End: end, Properties: public(r[3].(map[string]any))})
	}
	s.sort()
	return s, nil
}

func public(props map[string]any) map[string]any {
	for k := range props {
		if strings.HasPrefix(k, "_") {
			delete(props, k)
		}
	}
	return props
}

// SnapshotOf builds, without a database, the graph that loading results
// into an empty database would give, with at most evidenceCap evidence
// sentences per relationship: the same validation and skips, one node per
// entity id (the latest type, name and attributes win, aliases
// accumulate, sorted and without repeats), and a later version of a
// document replacing an earlier one.
// Only loaded_at, the time of loading, is missing. The whole graph is
// held in memory, about 3 KB per relation record. Where two articles give
// one entity different names, the load may keep the other, since it merges
// the articles of a batch in id order.
func SnapshotOf(results iter.Seq2[extract.Result, error], evidenceCap int) (Snapshot, error) {
	return SnapshotWith(results, evidenceCap, nil)
}

// SnapshotWith is SnapshotOf with the analysts' identity rules applied to
// every article, as a load with LoadOptions.Identity applies them.
func SnapshotWith(results iter.Seq2[extract.Result, error], evidenceCap int, rules *identity.Rules) (Snapshot, error) {
	if evidenceCap <= 0 {
		evidenceCap = 20
	}
	var order []string // document keys in order of first sighting
	byDoc := map[string]prepared{}
	superseded := map[string][]string{} // by document: the versions replaced
	seen := map[string]bool{}
	for r, err := range results {
		if err != nil {
			return Snapshot{}, fmt.Errorf("read input: %w", err)
		}
		p, err := prepareWith(r, rules)
		if err != nil || seen[p.id] {
			continue // skipped, as the loader does
		}
		seen[p.id] = true
		if old, ok := byDoc[p.doc]; !ok {
			order = append(order, p.doc)
		} else {
			superseded[p.doc] = append(superseded[p.doc], old.id)
		}
		byDoc[p.doc] = p
	}

	var s Snapshot
	entities := map[string]*Node{}
	var entityOrder []string
	claims := map[string][]map[string]any{}
	relType := map[string]claimRow{}
	for _, doc := range order {
		p := byDoc[doc]
		art := nonNilProps(p.article)
		art[schema.PropContentHash] = p.contentHash
		if sup := superseded[doc]; len(sup) > 0 {
			slices.Sort(sup)
			art[schema.PropSuperseded] = slices.Compact(sup)
		}
		s.Nodes = append(s.Nodes, Node{Labels: []string{schema.Article}, Properties: art})
		for _, e := range p.entities {
			id := e.row[schema.PropID].(string)
			n, ok := entities[id]
			if !ok {
				// The loader always sets aliases, to an empty list at least.
				n = &Node{Properties: map[string]any{schema.PropAliases: []string{}}}
				entities[id] = n
				entityOrder = append(entityOrder, id)
			}
			n.Labels = []string{schema.Entity, e.label}
			slices.Sort(n.Labels)
			for k, v := range e.row {
				if v == nil {
					continue
				}
				if k == schema.PropAliases {
					old, _ := n.Properties[k].([]string)
					n.Properties[k] = sortedUnion(old, v.([]string))
					continue
				}
				n.Properties[k] = v
			}
		}
		for _, m := range p.mentions {
			s.Edges = append(s.Edges, Edge{Type: schema.Mentions, Start: p.id, End: m["entity"].(string),
				Properties: map[string]any{schema.PropCount: m["count"]}})
		}
		for _, c := range p.claims {
			s.Nodes = append(s.Nodes, Node{Labels: []string{schema.Claim}, Properties: nonNilProps(c.row)})
			s.Edges = append(s.Edges, Edge{Type: schema.States, Start: p.id, End: c.row[schema.PropID].(string), Properties: map[string]any{}})
			claims[c.key] = append(claims[c.key], c.row)
			relType[c.key] = c
		}
	}
	statesByISO := map[string][]string{}
	for _, id := range entityOrder {
		n := entities[id]
		s.Nodes = append(s.Nodes, *n)
		if iso, ok := n.Properties["iso2"].(string); ok && slices.Contains(n.Labels, schema.State) {
			statesByISO[iso] = append(statesByISO[iso], id)
		}
	}
	// PART_OF, as the loader derives it: every agency to the states
	// whose ISO code is its country.
	for _, id := range entityOrder {
		n := entities[id]
		if c, ok := n.Properties["country"].(string); ok && slices.Contains(n.Labels, schema.Agency) {
			for _, st := range statesByISO[c] {
				s.Edges = append(s.Edges, Edge{Type: schema.PartOf, Start: id, End: st, Properties: map[string]any{}})
			}
		}
	}
	for key, cs := range claims {
		c := relType[key]
		s.Edges = append(s.Edges, Edge{Type: c.relType, Start: c.source, End: c.target, Properties: provenance(key, c.negated, cs, evidenceCap)})
	}
	s.sort()
	return s, nil
}

// provenance computes an actor relationship's properties from its claims
// the way the loader's recompute statement does.
func provenance(key string, negated bool, claims []map[string]any, evidenceCap int) map[string]any {
	str := func(c map[string]any, k string) (string, bool) {
		v, ok := c[k].(string)
		return v, ok
	}
	// Cypher sorts nulls last.
	byPublished := func(a, b map[string]any) int {
		pa, oka := str(a, "published")
		pb, okb := str(b, "published")
		if oka != okb {
			if oka {
				return -1
			}
			return 1
		}
		if r := cmp.Compare(pa, pb); r != 0 {
			return r
		}
		aa, _ := str(a, "article")
		ab, _ := str(b, "article")
		return cmp.Compare(aa, ab)
	}
	byDate := slices.Clone(claims)
	slices.SortStableFunc(byDate, byPublished)
	best := slices.Clone(claims)
	slices.SortStableFunc(best, func(a, b map[string]any) int {
		if r := cmp.Compare(b["confidence"].(float64), a["confidence"].(float64)); r != 0 {
			return r
		}
		return byPublished(a, b)
	})

	props := map[string]any{schema.PropKey: key, schema.PropNegated: negated, "article_count": int64(len(claims))}
	var articles, evidence, evidenceArticles, assertedBy []string
	outlets := map[string]bool{}
	hedged, inferred, attempted := true, true, true
	maxConfidence := 0.0
	var first, last string
	for i, c := range byDate {
		articles = append(articles, c["article"].(string))
		if p, ok := str(c, "published"); ok {
			if first == "" || p < first {
				first = p
			}
			last = max(last, p)
		}
		if o, ok := str(c, "outlet"); ok {
			outlets[o] = true
		} else {
			outlets[unknownOutlet(c["article"].(string))] = true
		}
		if h, _ := c["hedges"].([]string); len(h) == 0 {
			hedged = false
		}
		inferred = inferred && claimInferred(c)
		attempted = attempted && claimAttempted(c)
		if conf := c["confidence"].(float64); i == 0 || conf > maxConfidence {
			maxConfidence = conf
		}
	}
	for _, c := range best {
		if len(evidence) < evidenceCap {
			s, _ := str(c, "sentence")
			evidence = append(evidence, s)
			evidenceArticles = append(evidenceArticles, c["article"].(string))
		}
		if a := claimAsserter(c); a != "" && !slices.Contains(assertedBy, a) {
			assertedBy = append(assertedBy, a)
		}
	}
	props["articles"] = articles[:min(len(articles), schema.ArticleListCap)]
	props["outlet_count"] = int64(len(outlets))
	if first != "" {
		props["first_reported"] = first
		props["last_reported"] = last
	}
	props["max_confidence"] = maxConfidence
	props["hedged"] = hedged
	props["basis"] = basisOf(inferred)
	props["attempted"] = attempted
	props["asserted_by"] = nonNilList(assertedBy)
	props["evidence"] = evidence
	props["evidence_articles"] = evidenceArticles
	return props
}

func nonNilList(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nonNilProps(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if v != nil {
			out[k] = v
		}
	}
	return out
}

// sort orders nodes by labels then id, and edges by type, start, end and
// key, so that exports are stable. Each element's sort key is built once.
func (s *Snapshot) sort() {
	str := func(p map[string]any, k string) string { v, _ := p[k].(string); return v }
	nodeKeys := make([]string, len(s.Nodes))
	for i, n := range s.Nodes {
		nodeKeys[i] = strings.Join(n.Labels, ":") + "\x00" + str(n.Properties, schema.PropID)
	}
	sortBy(s.Nodes, nodeKeys)
	edgeKeys := make([]string, len(s.Edges))
	for i, e := range s.Edges {
		edgeKeys[i] = e.Type + "\x00" + e.Start + "\x00" + e.End + "\x00" + str(e.Properties, schema.PropKey)
	}
	sortBy(s.Edges, edgeKeys)
}

// sortBy sorts xs in place by the parallel keys.
func sortBy[T any](xs []T, keys []string) {
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return strings.Compare(keys[a], keys[b]) })
	sorted := make([]T, len(xs))
	for i, j := range idx {
		sorted[i] = xs[j]
	}
	copy(xs, sorted)
}
