// Package picture draws the extracted graph as one self-contained HTML page,
// for readers who have no Neo4j yet: entities merged across articles (one
// node per canonical id), relations merged per (source, type, target,
// negated) with the evidence sentences behind them, coloured by type. The
// graph-drawing library (Cytoscape.js, MIT licence) is embedded in the
// binary, so the page needs no network when it is viewed.
package picture

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/identity"
)

// Graph merges the records of any number of articles. The zero value is not
// usable; call NewGraph. A Graph is not safe for concurrent use.
type Graph struct {
	articles map[string]extract.ArticleRecord
	nodes    map[string]*node
	edges    map[edgeKey]*edge
}

type node struct {
	id       string
	typ      string
	names    map[string]int // name → number of articles using it
	first    string         // the first name seen, which wins ties
	aliases  map[string]bool
	rec      extract.EntityRecord // last record seen, for the typed fields
	articles map[string]bool
}

type edgeKey struct {
	source, typ, target string
	negated             bool
}

type edge struct {
	key    edgeKey
	claims []claim
	seen   map[[2]string]bool // (article, evidence) already kept
}

// claim is one article's statement of a relation.
type claim struct {
	rel extract.RelationRecord
}

// NewGraph returns an empty graph.
func NewGraph() *Graph {
	return &Graph{
		articles: map[string]extract.ArticleRecord{},
		nodes:    map[string]*node{},
		edges:    map[edgeKey]*edge{},
	}
}

// Add merges everything extracted from one article.
func (g *Graph) Add(r extract.Result) {
	g.AddArticle(r.Article)
	for _, e := range r.Entities {
		g.AddEntity(e)
	}
	for _, rel := range r.Relations {
		g.AddRelation(rel)
	}
}

// AddArticle records an article, so that evidence can name its title,
// outlet and date.
func (g *Graph) AddArticle(a extract.ArticleRecord) {
	g.articles[a.ID] = a
}

// AddEntity merges an entity into the node with its id. The node's name is
// the one most articles use; aliases are the union of all.
func (g *Graph) AddEntity(e extract.EntityRecord) {
	// An election of no named country is its article's own, as in the
	// graph the loader builds.
	n := g.node(identity.ScopedElection(e.ID, e.Article))
	if e.Type != "" {
		n.typ = e.Type
	}
	if e.Name != "" {
		if n.first == "" {
			n.first = e.Name
		}
		if !n.articles[e.Article] {
			n.names[e.Name]++
		}
	}
	for _, a := range e.Aliases {
		n.aliases[a] = true
	}
	if e.Article != "" {
		n.articles[e.Article] = true
	}
	n.rec = mergeEntity(n.rec, e)
}

// mergeEntity keeps the typed fields any article gave.
func mergeEntity(old, e extract.EntityRecord) extract.EntityRecord {
	pick := func(a, b string) string {
		if b != "" {
			return b
		}
		return a
	}
	old.ISO2 = pick(old.ISO2, e.ISO2)
	old.Country = pick(old.Country, e.Country)
	old.ElectionKind = pick(old.ElectionKind, e.ElectionKind)
	old.Subtype = pick(old.Subtype, e.Subtype)
	old.Wikidata = pick(old.Wikidata, e.Wikidata)
	if e.Year != 0 {
		old.Year = e.Year
	}
	return old
}

func (g *Graph) node(id string) *node {
	n, ok := g.nodes[id]
	if !ok {
		n = &node{id: id, names: map[string]int{}, aliases: map[string]bool{}, articles: map[string]bool{}}
		g.nodes[id] = n
	}
	return n
}

// AddRelation merges a relation into the edge for its (source, type,
// target, negated). An end that no entity record names still gets a node,
// captioned by its id.
func (g *Graph) AddRelation(r extract.RelationRecord) {
	r.Source, r.Target = identity.ScopedElection(r.Source, r.Article), identity.ScopedElection(r.Target, r.Article)
	g.node(r.Source)
	g.node(r.Target)
	k := edgeKey{source: r.Source, typ: r.Type, target: r.Target, negated: r.Negated}
	e, ok := g.edges[k]
	if !ok {
		e = &edge{key: k, seen: map[[2]string]bool{}}
		g.edges[k] = e
	}
	sk := [2]string{r.Article, r.Evidence}
	if e.seen[sk] {
		return
	}
	e.seen[sk] = true
	e.claims = append(e.claims, claim{rel: r})
}

// ReadJSONLines merges the JSON Lines that `influencegraph extract` writes.
// Blank lines are skipped; records of an unknown kind are ignored so that
// newer extractors can add kinds; a line that is not JSON is an error that
// names its line number.
func (g *Graph) ReadJSONLines(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 64*1024*1024)
	for line := 1; sc.Scan(); line++ {
		b := sc.Bytes()
		if len(strings.TrimSpace(string(b))) == 0 {
			continue
		}
		var head struct {
			Kind string `json:"kind"`
		}
		if err := json.Unmarshal(b, &head); err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
		var err error
		switch head.Kind {
		case extract.KindArticle:
			var a extract.ArticleRecord
			if err = json.Unmarshal(b, &a); err == nil {
				g.AddArticle(a)
			}
		case extract.KindEntity:
			var e extract.EntityRecord
			if err = json.Unmarshal(b, &e); err == nil {
				g.AddEntity(e)
			}
		case extract.KindRelation:
			var rel extract.RelationRecord
			if err = json.Unmarshal(b, &rel); err == nil {
				g.AddRelation(rel)
			}
		}
		if err != nil {
			return fmt.Errorf("line %d: %s record: %w", line, head.Kind, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read extract records: %w", err)
	}
	return nil
}

// Caption is how a node reads on the picture: the entity's name, except for
// elections, which read as "US 2020 presidential" (country, year, kind)
// because their full names are long and alike.
func Caption(e extract.EntityRecord) string {
	if e.Type == "Election" && e.Year != 0 {
		parts := make([]string, 0, 3)
		if e.Country != "" {
			parts = append(parts, e.Country)
		}
		parts = append(parts, fmt.Sprint(e.Year))
		kind := e.ElectionKind
		if kind == "" {
			kind = "election"
		}
		parts = append(parts, kind)
		return strings.Join(parts, " ")
	}
	if e.Name != "" {
		return e.Name
	}
	return e.ID
}

// The page's data, marshalled to JSON for the script in the page.
type (
	pageData struct {
		Nodes []pageNode `json:"nodes"`
		Edges []pageEdge `json:"edges"`
		// Articles is how many articles the graph was drawn from.
		Articles int `json:"articles"`
	}
	pageNode struct {
		ID       string   `json:"id"`
		Type     string   `json:"type"`
		Name     string   `json:"name"`
		Caption  string   `json:"caption"`
		Aliases  []string `json:"aliases,omitempty"`
		Wikidata string   `json:"wikidata,omitempty"`
		Country  string   `json:"country,omitempty"`
		Subtype  string   `json:"subtype,omitempty"`
		Articles int      `json:"articles"`
	}
	pageEdge struct {
		ID      string `json:"id"`
		Source  string `json:"source"`
		Target  string `json:"target"`
		Type    string `json:"type"`
		Negated bool   `json:"negated"`
		// Hedged is true when every claim of the edge is hedged.
		Hedged   bool        `json:"hedged"`
		Articles int         `json:"articles"`
		Outlets  int         `json:"outlets"`
		Claims   []pageClaim `json:"claims"`
		// More counts the claims left out by Options.MaxEvidence.
		More int `json:"more,omitempty"`
	}
	pageClaim struct {
		Evidence    string   `json:"evidence"`
		Article     string   `json:"article"`
		Title       string   `json:"title,omitempty"`
		Outlet      string   `json:"outlet,omitempty"`
		Published   string   `json:"published,omitempty"`
		URL         string   `json:"url,omitempty"`
		Hedges      []string `json:"hedges,omitempty"`
		Attribution string   `json:"attribution,omitempty"`
		Confidence  float64  `json:"confidence"`
	}
)

// data builds the page's data in a stable order (nodes by id, edges by
// source, type, target), keeping at most maxEvidence claims per edge,
// the earliest reported first.
func (g *Graph) data(maxEvidence int) pageData {
	d := pageData{Articles: len(g.articles), Nodes: []pageNode{}, Edges: []pageEdge{}}
	ids := make([]string, 0, len(g.nodes))
	for id := range g.nodes {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		n := g.nodes[id]
		rec := n.rec
		rec.ID, rec.Type, rec.Name = n.id, n.typ, n.name()
		pn := pageNode{
			ID: n.id, Type: n.typ, Name: rec.Name, Caption: Caption(rec),
			Wikidata: rec.Wikidata, Country: rec.Country, Subtype: rec.Subtype,
			Articles: len(n.articles),
		}
		if rec.Country == "" {
			pn.Country = rec.ISO2
		}
		for a := range n.aliases {
			if a != pn.Name {
				pn.Aliases = append(pn.Aliases, a)
			}
		}
		sort.Strings(pn.Aliases)
		d.Nodes = append(d.Nodes, pn)
	}

	keys := make([]edgeKey, 0, len(g.edges))
	for k := range g.edges {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.source != b.source {
			return a.source < b.source
		}
		if a.typ != b.typ {
			return a.typ < b.typ
		}
		if a.target != b.target {
			return a.target < b.target
		}
		return !a.negated && b.negated
	})
	for i, k := range keys {
		d.Edges = append(d.Edges, g.pageEdge(fmt.Sprintf("e%d", i), g.edges[k], maxEvidence))
	}
	return d
}

func (g *Graph) pageEdge(id string, e *edge, maxEvidence int) pageEdge {
	pe := pageEdge{ID: id, Source: e.key.source, Target: e.key.target, Type: e.key.typ, Negated: e.key.negated, Hedged: true}
	articles, outlets := map[string]bool{}, map[string]bool{}
	claims := make([]pageClaim, 0, len(e.claims))
	for _, c := range e.claims {
		a := g.articles[c.rel.Article]
		pc := pageClaim{
			Evidence: c.rel.Evidence, Article: c.rel.Article, Title: a.Title, Outlet: a.Outlet,
			Hedges: c.rel.Hedges, Attribution: c.rel.Attribution, Confidence: c.rel.Confidence,
		}
		if a.Published != nil {
			pc.Published = *a.Published
		}
		if a.URL != nil {
			pc.URL = *a.URL
		}
		if len(c.rel.Hedges) == 0 {
			pe.Hedged = false
		}
		articles[c.rel.Article] = true
		if a.Outlet != "" {
			outlets[a.Outlet] = true
		}
		claims = append(claims, pc)
	}
	// Undated claims sort last; the order is otherwise the order read.
	sort.SliceStable(claims, func(i, j int) bool {
		pi, pj := claims[i].Published, claims[j].Published
		if (pi == "") != (pj == "") {
			return pi != ""
		}
		return pi < pj
	})
	if maxEvidence > 0 && len(claims) > maxEvidence {
		pe.More = len(claims) - maxEvidence
		claims = claims[:maxEvidence]
	}
	pe.Claims = claims
	pe.Articles, pe.Outlets = len(articles), len(outlets)
	return pe
}

// name is the name most articles use, the first seen on a tie, or the id.
func (n *node) name() string {
	if n.first == "" {
		return n.id
	}
	names := make([]string, 0, len(n.names))
	for name := range n.names {
		names = append(names, name)
	}
	sort.Strings(names)
	best := n.first
	for _, name := range names {
		if n.names[name] > n.names[best] {
			best = name
		}
	}
	return best
}
