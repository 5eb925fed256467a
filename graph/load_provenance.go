package graph

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/influencegraph/influencegraph/schema"
)

// The provenance of an actor relationship (articles, counts, dates,
// evidence, hedging, asserters) is a function of its claims. Recomputing
// it from all the claims whenever one is added makes every batch read the
// whole history of hub relationships (Russia TARGETED the 2020 election),
// so a load gets slower as the graph grows. Instead the relationship also
// keeps, in internal properties (schema.PropPublishedOf...), just enough to
// add claims exactly: a new article only adds claims, and the result of
// adding them to the kept state equals the result of computing from all
// claims. An article whose contribution is replaced (a correction) takes
// the rare path: its relationships are recomputed from their claims.

// claimFacts is what a claim contributes to its relationship's provenance.
type claimFacts struct {
	article, published, outlet, attribution, sentence string
	confidence                                        float64
	hedged                                            bool
}

// ranked is a claim's place in evidence order: most confident first, then
// earliest ("" undated last), then by article id.
type ranked struct {
	article, published string
	confidence         float64
}

func compareDated(pa, pb, a, b string) int {
	switch {
	case pa == "" && pb != "":
		return 1
	case pa != "" && pb == "":
		return -1
	}
	return cmp.Or(cmp.Compare(pa, pb), cmp.Compare(a, b))
}

func compareRank(a, b ranked) int {
	if a.confidence != b.confidence {
		if a.confidence > b.confidence {
			return -1
		}
		return 1
	}
	return compareDated(a.published, b.published, a.article, b.article)
}

type evidenceItem struct {
	ranked
	sentence string
}

type assertedItem struct {
	ranked
	by string
}

// provenance is the state kept on an actor relationship.
type edgeProvenance struct {
	count       int64
	articles    []string // in (published, id) order
	published   []string // of each article, "" when undated
	outlets     []string // distinct, sorted
	evidence    []evidenceItem
	asserted    []assertedItem // distinct by, best claim of each, in rank order
	first, last string
	maxConf     float64
	hedged      bool
}

// add folds claims (none of which the state holds yet) into p, keeping at
// most limit evidence sentences.
func (p *edgeProvenance) add(claims []claimFacts, limit int) {
	if len(claims) == 0 {
		return
	}
	type dated struct{ article, published string }
	arts := make([]dated, 0, len(p.articles)+len(claims))
	for i, a := range p.articles {
		arts = append(arts, dated{a, p.published[i]})
	}
	asserted := map[string]assertedItem{}
	for _, a := range p.asserted {
		asserted[a.by] = a
	}
	for _, c := range claims {
		r := ranked{article: c.article, published: c.published, confidence: c.confidence}
		arts = append(arts, dated{c.article, c.published})
		if c.outlet != "" {
			if i, found := slices.BinarySearch(p.outlets, c.outlet); !found {
				p.outlets = slices.Insert(p.outlets, i, c.outlet)
			}
		}
		p.evidence = append(p.evidence, evidenceItem{r, c.sentence})
		if c.attribution != "" {
			if a, ok := asserted[c.attribution]; !ok || compareRank(r, a.ranked) < 0 {
				asserted[c.attribution] = assertedItem{r, c.attribution}
			}
		}
		if c.published != "" {
			if p.first == "" || c.published < p.first {
				p.first = c.published
			}
			if p.last == "" || c.published > p.last {
				p.last = c.published
			}
		}
		if p.count == 0 || c.confidence > p.maxConf {
			p.maxConf = c.confidence
		}
		p.hedged = (p.count == 0 || p.hedged) && c.hedged
		p.count++
	}
	slices.SortFunc(arts, func(a, b dated) int { return compareDated(a.published, b.published, a.article, b.article) })
	p.articles, p.published = make([]string, len(arts)), make([]string, len(arts))
	for i, a := range arts {
		p.articles[i], p.published[i] = a.article, a.published
	}
	slices.SortFunc(p.evidence, func(a, b evidenceItem) int { return compareRank(a.ranked, b.ranked) })
	p.evidence = p.evidence[:min(len(p.evidence), limit)]
	p.asserted = p.asserted[:0]
	for _, a := range asserted {
		p.asserted = append(p.asserted, a)
	}
	slices.SortFunc(p.asserted, func(a, b assertedItem) int { return compareRank(a.ranked, b.ranked) })
}

// props returns the relationship's properties, public and internal. A
// nil value removes the property.
func (p *edgeProvenance) props(key string) map[string]any {
	evidence := make([]string, len(p.evidence))
	evidenceArticles := make([]string, len(p.evidence))
	evidenceConf := make([]float64, len(p.evidence))
	for i, e := range p.evidence {
		evidence[i], evidenceArticles[i], evidenceConf[i] = e.sentence, e.article, e.confidence
	}
	by := make([]string, len(p.asserted))
	byConf := make([]float64, len(p.asserted))
	byArticle := make([]string, len(p.asserted))
	for i, a := range p.asserted {
		by[i], byConf[i], byArticle[i] = a.by, a.confidence, a.article
	}
	return map[string]any{
		schema.PropKey: key, "articles": p.articles, "article_count": p.count, "outlet_count": int64(len(p.outlets)),
		"first_reported": nonEmpty(p.first), "last_reported": nonEmpty(p.last), "max_confidence": p.maxConf, "hedged": p.hedged,
		"asserted_by": by, "evidence": evidence, "evidence_articles": evidenceArticles,
		schema.PropPublishedOf: p.published, schema.PropOutlets: slices.Clip(append([]string{}, p.outlets...)),
		schema.PropEvidenceConfidence: evidenceConf, schema.PropAssertedConfidence: byConf, schema.PropAssertedArticle: byArticle,
	}
}

// provenanceProps lists what stmtReadProvenance returns, in order.
var provenanceProps = []string{
	"article_count", "articles", schema.PropPublishedOf, schema.PropOutlets,
	"evidence", "evidence_articles", schema.PropEvidenceConfidence,
	"asserted_by", schema.PropAssertedConfidence, schema.PropAssertedArticle,
	"first_reported", "last_reported", "max_confidence", "hedged",
}

// relProps are the properties load writes on an actor relationship
// besides negated: those props returns.
var relProps = func() []string {
	var p edgeProvenance
	var names []string
	for k := range p.props("") {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}()

// provenanceOf rebuilds the kept state from a relationship's properties
// (as read by stmtReadProvenance); ok is false when the relationship was
// written without the internal properties (by an earlier version), and
// must be recomputed from its claims.
func provenanceOf(props map[string]any) (p edgeProvenance, ok bool) {
	strs := func(k string) ([]string, bool) {
		l, ok := props[k].([]any)
		if !ok {
			return nil, false
		}
		out := make([]string, len(l))
		for i, x := range l {
			if out[i], ok = x.(string); !ok {
				return nil, false
			}
		}
		return out, true
	}
	floats := func(k string) ([]float64, bool) {
		l, ok := props[k].([]any)
		if !ok {
			return nil, false
		}
		out := make([]float64, len(l))
		for i, x := range l {
			if out[i], ok = x.(float64); !ok {
				return nil, false
			}
		}
		return out, true
	}
	var ok1, ok2, ok3, ok4, ok5, ok6, ok7, ok8, ok9 bool
	p.count, ok1 = props["article_count"].(int64)
	p.articles, ok2 = strs("articles")
	p.published, ok3 = strs(schema.PropPublishedOf)
	p.outlets, ok4 = strs(schema.PropOutlets)
	sentences, ok5 := strs("evidence")
	evArticles, ok6 := strs("evidence_articles")
	evConf, ok7 := floats(schema.PropEvidenceConfidence)
	by, ok8 := strs("asserted_by")
	byConf, ok9 := floats(schema.PropAssertedConfidence)
	byArticle, ok10 := strs(schema.PropAssertedArticle)
	p.maxConf, _ = props["max_confidence"].(float64)
	p.hedged, _ = props["hedged"].(bool)
	p.first, _ = props["first_reported"].(string)
	p.last, _ = props["last_reported"].(string)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7 && ok8 && ok9 && ok10) ||
		len(p.published) != len(p.articles) || len(evArticles) != len(sentences) || len(evConf) != len(sentences) ||
		len(byConf) != len(by) || len(byArticle) != len(by) {
		return edgeProvenance{}, false
	}
	publishedOf := make(map[string]string, len(p.articles))
	for i, a := range p.articles {
		publishedOf[a] = p.published[i]
	}
	for i, s := range sentences {
		p.evidence = append(p.evidence, evidenceItem{ranked{evArticles[i], publishedOf[evArticles[i]], evConf[i]}, s})
	}
	for i, b := range by {
		p.asserted = append(p.asserted, assertedItem{ranked{byArticle[i], publishedOf[byArticle[i]], byConf[i]}, b})
	}
	return p, true
}

// factsOf reads a claim row (as prepare builds it, or as stmtReadClaims
// returns it) into claimFacts.
func factsOf(row map[string]any) claimFacts {
	str := func(k string) string { s, _ := row[k].(string); return s }
	c := claimFacts{article: str("article"), published: str("published"), outlet: str("outlet"),
		attribution: str("attribution"), sentence: str("sentence")}
	c.confidence, _ = row["confidence"].(float64)
	switch h := row["hedges"].(type) {
	case []string:
		c.hedged = len(h) > 0
	case []any:
		c.hedged = len(h) > 0
	}
	return c
}

// aggregate computes a relationship's properties from all its claims.
func aggregate(key string, claims []map[string]any, limit int) map[string]any {
	facts := make([]claimFacts, len(claims))
	for i, c := range claims {
		facts[i] = factsOf(c)
	}
	var p edgeProvenance
	p.add(facts, limit)
	return p.props(key)
}

// stmtReadProvenance reads the kept provenance of relationships of one type.
// Statements finding relationships by key name the index: a plan made
// while the index was nearly empty (the first batch of a load) would
// otherwise keep scanning every relationship of the type as it grows. A
// hint is a preference, not a requirement (dbms.cypher.hints_error is
// false by default): on a database without the indexes, such as a dry run
// against one never set up, the statements still run.
func stmtReadProvenance(relType string) string {
	ret := ""
	for i, k := range provenanceProps {
		if i > 0 {
			ret += ", "
		}
		ret += fmt.Sprintf("%s: r.%s", k, k)
	}
	return fmt.Sprintf(`UNWIND $keys AS key
MATCH ()-[r:%[1]s {%[2]s: key}]->() USING INDEX r:%[1]s(%[2]s)
RETURN key, elementId(r) AS eid, {%[3]s} AS props`, relType, schema.PropKey, ret)
}

// stmtReadClaims reads the claims of relationships, for the rare path.
var stmtReadClaims = fmt.Sprintf(`UNWIND $keys AS key
MATCH (c:%[1]s {%[2]s: key}) USING INDEX c:%[1]s(%[2]s)
RETURN key, {article: c.article, published: c.published, outlet: c.outlet, attribution: c.attribution,
             sentence: c.sentence, confidence: c.confidence, hedges: c.hedges} AS claim`, schema.Claim, schema.PropRelation)

// stmtWriteRelations writes the provenance of relationships recomputed
// from their claims (an article was corrected): the rare path, which
// MERGEs, so a relationship missing although claims back it is drawn
// again. stmtUpdateRelations and stmtCreateRelations are the common path.
func stmtWriteRelations(relType string) string {
	return fmt.Sprintf(`UNWIND $rows AS row
MATCH (s:%[1]s {%[2]s: row.source})
MATCH (t:%[1]s {%[2]s: row.target})
MERGE (s)-[r:%[3]s {%[4]s: row.negated}]->(t)
SET r += row.props`, schema.Entity, schema.PropID, relType, schema.PropNegated)
}

// stmtUpdateRelations updates relationships read earlier in the same
// transaction by their element id: an index seek inside a transaction
// that has already written thousands of relationships costs far more.
func stmtUpdateRelations(relType string) string {
	return fmt.Sprintf(`UNWIND $rows AS row
MATCH ()-[r:%[1]s]->() WHERE elementId(r) = row.eid
SET r += row.props`, relType)
}

// stmtCreateRelations creates the relationships a batch did not find.
// Batches write one at a time (they hold the load lock), so no other can
// create the same one meanwhile, and CREATE spares MERGE's search between
// two hub nodes. Properties are named one by one (relProps): SET r += map
// would make Cypher materialise every row first.
func stmtCreateRelations(relType string) string {
	return fmt.Sprintf(`UNWIND $rows AS row
MATCH (s:%[1]s {%[2]s: row.source})
MATCH (t:%[1]s {%[2]s: row.target})
CREATE (s)-[r:%[3]s {%[4]s: row.negated}]->(t)
SET %[5]s`, schema.Entity, schema.PropID, relType, schema.PropNegated, setFrom("r", "row", relProps))
}

// changedProps returns the properties of after whose value differs from
// before.
func changedProps(before, after map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range after {
		if !reflect.DeepEqual(before[k], v) {
			out[k] = v
		}
	}
	return out
}

// setFrom renders "v.p = row.p, ..." for each property p.
func setFrom(v, row string, props []string) string {
	var b strings.Builder
	for i, p := range props {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s.%s = %s.%s", v, p, row, p)
	}
	return b.String()
}

// stmtDeleteRelations removes relationships no claim supports any more.
func stmtDeleteRelations(relType string) string {
	return fmt.Sprintf(`UNWIND $keys AS key
MATCH ()-[r:%[1]s {%[2]s: key}]->() USING INDEX r:%[1]s(%[2]s)
DELETE r`, relType, schema.PropKey)
}

// writeRelations writes the actor relationships a batch touches: newKeys
// (by type) gained the claims in keyClaims; affected lost claims of
// replaced articles, and may have gained some too. Rows go in key order,
// so that concurrent batches lock hub nodes in the same order.
func (w *batchWriter) writeRelations(newKeys map[string][]map[string]any, keyClaims map[string][]map[string]any, affected map[string]relKey) error {
	for _, typ := range schema.ActorTypes() {
		ends := map[string]relKey{}
		var incremental, full []string
		for _, row := range newKeys[typ] {
			key := row["key"].(string)
			ends[key] = relKey{relType: typ, key: key, source: row["source"].(string), target: row["target"].(string), negated: row["negated"].(bool)}
			if _, ok := affected[key]; !ok {
				incremental = append(incremental, key)
			}
		}
		for key, k := range affected {
			if k.relType == typ {
				if _, ok := ends[key]; !ok {
					ends[key] = k
				}
				full = append(full, key)
			}
		}
		props := map[string]map[string]any{}
		// exists says which relationships are in the database: those
		// read back, and those losing claims of a replaced article.
		exists := map[string]bool{}
		// changed holds, for relationships updated incrementally, just
		// the properties whose value changes: adding one article to a
		// hub relationship then rewrites its article list, not also its
		// twenty evidence sentences.
		changed := map[string]map[string]any{}
		eids := map[string]string{}
		for _, key := range full {
			exists[key] = true
		}
		if len(incremental) > 0 {
			slices.Sort(incremental)
			recs, err := w.run("read provenance", stmtReadProvenance(typ), map[string]any{"keys": incremental})
			if err != nil {
				return fmt.Errorf("read %s provenance: %w", typ, err)
			}
			kept := map[string]edgeProvenance{}
			for _, r := range recs {
				key, _ := r.Get("key")
				exists[key.(string)] = true
				eid, _ := r.Get("eid")
				eids[key.(string)], _ = eid.(string)
				m, _ := r.Get("props")
				p, ok := provenanceOf(m.(map[string]any))
				if !ok {
					full = append(full, key.(string))
					continue
				}
				kept[key.(string)] = p
			}
			for _, key := range incremental {
				if slices.Contains(full, key) {
					continue
				}
				p, found := kept[key]
				var before map[string]any
				if found {
					before = p.props(key)
				}
				facts := make([]claimFacts, len(keyClaims[key]))
				for i, c := range keyClaims[key] {
					facts[i] = factsOf(c)
				}
				p.add(facts, w.cap)
				props[key] = p.props(key)
				if found {
					changed[key] = changedProps(before, props[key])
				}
			}
		}
		var gone []string
		if len(full) > 0 {
			slices.Sort(full)
			recs, err := w.run("read claims", stmtReadClaims, map[string]any{"keys": full})
			if err != nil {
				return fmt.Errorf("read %s claims: %w", typ, err)
			}
			claims := map[string][]map[string]any{}
			for _, r := range recs {
				key, _ := r.Get("key")
				c, _ := r.Get("claim")
				claims[key.(string)] = append(claims[key.(string)], c.(map[string]any))
			}
			for _, key := range full {
				if len(claims[key]) == 0 {
					gone = append(gone, key)
					continue
				}
				props[key] = aggregate(key, claims[key], w.cap)
			}
		}
		if len(props) > 0 {
			keys := make([]string, 0, len(props))
			for k := range props {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			var update, byID, create []map[string]any
			for _, key := range keys {
				row := props[key]
				if exists[key] {
					if c, ok := changed[key]; ok {
						row = c
					}
					if len(row) > 0 {
						if eid, ok := eids[key]; ok {
							byID = append(byID, map[string]any{"eid": eid, "props": row})
						} else {
							k := ends[key]
							update = append(update, map[string]any{"source": k.source, "target": k.target, "negated": k.negated, "props": row})
						}
					}
					continue
				}
				k := ends[key]
				row["source"], row["target"], row["negated"] = k.source, k.target, k.negated
				create = append(create, row)
			}
			for _, st := range []struct {
				stmt, what string
				rows       []map[string]any
				count      *int
			}{
				{stmtUpdateRelations(typ), "update", byID, &w.out.relations.Updated},
				{stmtWriteRelations(typ), "write", update, &w.out.relations.Updated},
				{stmtCreateRelations(typ), "create", create, &w.out.relations.Created},
			} {
				if len(st.rows) == 0 {
					continue
				}
				if _, err := w.run("relations "+st.what, st.stmt, map[string]any{"rows": st.rows}); err != nil {
					return fmt.Errorf("%s %s relationships: %w", st.what, typ, err)
				}
				*st.count += len(st.rows)
			}
		}
		if len(gone) > 0 {
			if _, err := w.run("delete relations", stmtDeleteRelations(typ), map[string]any{"keys": gone}); err != nil {
				return fmt.Errorf("remove unsupported %s relationships: %w", typ, err)
			}
			w.out.relations.Removed += len(gone)
		}
	}
	return nil
}
