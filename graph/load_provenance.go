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
	hedged, inferred, attempted                       bool
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

// provenance is the state kept on an actor relationship. Nothing in it
// grows with the number of articles behind the relationship: the article
// list is capped (schema.ArticleListCap), the evidence too, and distinct
// outlets are counted, not listed (whether an outlet is new to the
// relationship is asked of its claims, through the claim_relation_outlet
// index), so adding a day's articles to a hub relationship reads and
// writes the same few properties whether it has ten articles or ten
// thousand.
type edgeProvenance struct {
	count       int64
	articles    []string // the earliest, in (published, id) order, at most schema.ArticleListCap
	published   []string // of each article, "" when undated
	outletCount int64
	evidence    []evidenceItem
	asserted    []assertedItem // distinct by, best claim of each, in rank order
	first, last string
	maxConf     float64
	hedged      bool
	// inferred and attempted: every claim is (load_evidence.go).
	inferred, attempted bool
}

// add folds claims (none of which the state holds yet) into p, keeping at
// most limit evidence sentences. known holds the outlets already counted
// (those of the relationship's other claims); add adds the new ones to it.
func (p *edgeProvenance) add(claims []claimFacts, limit int, known map[string]bool) {
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
		if c.outlet != "" && !known[c.outlet] {
			known[c.outlet] = true
			p.outletCount++
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
		p.inferred = (p.count == 0 || p.inferred) && c.inferred
		p.attempted = (p.count == 0 || p.attempted) && c.attempted
		p.count++
	}
	slices.SortFunc(arts, func(a, b dated) int { return compareDated(a.published, b.published, a.article, b.article) })
	arts = arts[:min(len(arts), schema.ArticleListCap)]
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
	evidencePub := make([]string, len(p.evidence))
	for i, e := range p.evidence {
		evidence[i], evidenceArticles[i], evidenceConf[i], evidencePub[i] = e.sentence, e.article, e.confidence, e.published
	}
	by := make([]string, len(p.asserted))
	byConf := make([]float64, len(p.asserted))
	byArticle := make([]string, len(p.asserted))
	byPub := make([]string, len(p.asserted))
	for i, a := range p.asserted {
		by[i], byConf[i], byArticle[i], byPub[i] = a.by, a.confidence, a.article, a.published
	}
	return map[string]any{
		schema.PropKey: key, "articles": p.articles, "article_count": p.count, "outlet_count": p.outletCount,
		"first_reported": nonEmpty(p.first), "last_reported": nonEmpty(p.last), "max_confidence": p.maxConf, "hedged": p.hedged,
		"asserted_by": by, "evidence": evidence, "evidence_articles": evidenceArticles,
		"basis": basisOf(p.inferred), "attempted": p.attempted,
		schema.PropPublishedOf: p.published, schema.PropEvidencePublished: evidencePub,
		schema.PropEvidenceConfidence: evidenceConf, schema.PropAssertedConfidence: byConf, schema.PropAssertedArticle: byArticle,
		schema.PropAssertedPublished: byPub,
	}
}

// provenanceProps lists what stmtReadProvenance returns, in order.
var provenanceProps = []string{
	"article_count", "articles", schema.PropPublishedOf, "outlet_count",
	"evidence", "evidence_articles", schema.PropEvidenceConfidence, schema.PropEvidencePublished,
	"asserted_by", schema.PropAssertedConfidence, schema.PropAssertedArticle, schema.PropAssertedPublished,
	"first_reported", "last_reported", "max_confidence", "hedged", "basis", "attempted",
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
	var ok1, ok2, ok3, ok4, ok5, ok6, ok7, ok8, ok9, ok10, ok11, ok12 bool
	p.count, ok1 = props["article_count"].(int64)
	p.articles, ok2 = strs("articles")
	p.published, ok3 = strs(schema.PropPublishedOf)
	p.outletCount, ok4 = props["outlet_count"].(int64)
	sentences, ok5 := strs("evidence")
	evArticles, ok6 := strs("evidence_articles")
	evConf, ok7 := floats(schema.PropEvidenceConfidence)
	evPub, ok11 := strs(schema.PropEvidencePublished)
	by, ok8 := strs("asserted_by")
	byConf, ok9 := floats(schema.PropAssertedConfidence)
	byArticle, ok10 := strs(schema.PropAssertedArticle)
	byPub, ok12 := strs(schema.PropAssertedPublished)
	p.maxConf, _ = props["max_confidence"].(float64)
	p.hedged, _ = props["hedged"].(bool)
	p.inferred = props["basis"] == basisOf(true)
	p.attempted, _ = props["attempted"].(bool)
	p.first, _ = props["first_reported"].(string)
	p.last, _ = props["last_reported"].(string)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7 && ok8 && ok9 && ok10 && ok11 && ok12) ||
		len(p.published) != len(p.articles) || len(evArticles) != len(sentences) || len(evConf) != len(sentences) ||
		len(evPub) != len(sentences) || len(byConf) != len(by) || len(byArticle) != len(by) || len(byPub) != len(by) {
		return edgeProvenance{}, false
	}
	for i, s := range sentences {
		p.evidence = append(p.evidence, evidenceItem{ranked{evArticles[i], evPub[i], evConf[i]}, s})
	}
	for i, b := range by {
		p.asserted = append(p.asserted, assertedItem{ranked{byArticle[i], byPub[i], byConf[i]}, b})
	}
	return p, true
}

// factsOf reads a claim row (as prepare builds it, or as stmtReadClaims
// returns it) into claimFacts.
func factsOf(row map[string]any) claimFacts {
	str := func(k string) string { s, _ := row[k].(string); return s }
	c := claimFacts{article: str("article"), published: str("published"), outlet: str("outlet"),
		attribution: claimAsserter(row), sentence: str("sentence"), inferred: claimInferred(row), attempted: claimAttempted(row)}
	if c.outlet == "" {
		c.outlet = unknownOutlet(c.article)
	}
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
	p.add(facts, limit, map[string]bool{})
	return p.props(key)
}

// stmtReadProvenance locks the relationships of one type a batch adds
// claims to, in key order, and reads their kept provenance, with the
// batch's outlets some other claim of the relationship already has
// (known): the lock is taken first, so a load adding to the same
// relationship at the same time waits, and then sees this one's claims.
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
	return fmt.Sprintf(`UNWIND $rows AS row
MATCH ()-[r:%[1]s {%[2]s: row.key}]->() USING INDEX r:%[1]s(%[2]s)
SET r._lock = true
RETURN row.key AS key, elementId(r) AS eid, {%[3]s} AS props,
       [o IN coalesce(row.outlets, []) WHERE EXISTS {
          MATCH (c:%[4]s {%[5]s: row.key, outlet: o}) WHERE NOT c.article IN row.articles
       }] AS known`, relType, schema.PropKey, ret, schema.Claim, schema.PropRelation)
}

// stmtLockRelations locks the relationships of one type whose provenance
// is recomputed from their claims (the rare path), in key order.
func stmtLockRelations(relType string) string {
	return fmt.Sprintf(`UNWIND $keys AS key
MATCH ()-[r:%[1]s {%[2]s: key}]->() USING INDEX r:%[1]s(%[2]s)
SET r._lock = true
RETURN key`, relType, schema.PropKey)
}

// stmtReadClaims reads the claims of relationships, for the rare path;
// claims an analyst rejected (see ApplyReview) do not count.
var stmtReadClaims = fmt.Sprintf(`UNWIND $keys AS key
MATCH (c:%[1]s {%[2]s: key}) USING INDEX c:%[1]s(%[2]s)
WHERE c.rejected IS NULL
RETURN key, {article: c.article, published: c.published, outlet: c.outlet, attribution: c.attribution,
             sentence: c.sentence, confidence: c.confidence, hedges: c.hedges,
             asserter: c.asserter, attribution_cue: c.attribution_cue, basis: c.basis, attempted: c.attempted} AS claim`, schema.Claim, schema.PropRelation)

// stmtWriteRelations writes the provenance of relationships recomputed
// from their claims (an article was corrected): the rare path, which
// MERGEs, so a relationship missing although claims back it is drawn
// again. stmtUpdateRelations and stmtCreateRelations are the common path.
func stmtWriteRelations(relType string) string {
	return fmt.Sprintf(`UNWIND $rows AS row
MATCH (s:%[1]s {%[2]s: row.source})
MATCH (t:%[1]s {%[2]s: row.target})
MERGE (s)-[r:%[3]s {%[4]s: row.negated}]->(t)
WITH r, row, r._lock AS locked
SET r += row.props
REMOVE r._lock
RETURN count(locked) AS unlocked`, schema.Entity, schema.PropID, relType, schema.PropNegated)
}

// stmtUpdateRelations updates relationships read (and locked) earlier in
// the same transaction by their element id: an index seek inside a
// transaction that has already written thousands of relationships costs
// far more.
func stmtUpdateRelations(relType string) string {
	return fmt.Sprintf(`UNWIND $rows AS row
MATCH ()-[r:%[1]s]->() WHERE elementId(r) = row.eid
SET r += row.props
REMOVE r._lock
RETURN count(*) AS unlocked`, relType)
}

// stmtCreateRelations creates the relationships a batch did not find, and
// returns the keys of those it created. MERGE on the key locks both ends
// before creating, so two loads cannot both create one relationship; a
// relationship another load created since this batch read (it is not
// returned) is then added to like any existing one. Properties are named
// one by one (relProps): SET r += map would make Cypher materialise every
// row first.
func stmtCreateRelations(relType string) string {
	return fmt.Sprintf(`UNWIND $rows AS row
MATCH (s:%[1]s {%[2]s: row.source})
MATCH (t:%[1]s {%[2]s: row.target})
MERGE (s)-[r:%[3]s {%[6]s: row.key}]->(t)
WITH r, row WHERE r.article_count IS NULL
SET r.%[4]s = row.negated, %[5]s
RETURN row.key AS key`, schema.Entity, schema.PropID, relType, schema.PropNegated, setFrom("r", "row", relProps), schema.PropKey)
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

// relPlan is what a batch writes to the actor relationships, by type.
type relPlan struct {
	ends map[string]relKey
	// byID updates relationships read and locked earlier; write holds
	// relationships recomputed from their claims; create those not found;
	// gone those no claim supports any more.
	byID, write, create map[string][]map[string]any
	gone                map[string][]string
}

func newRelPlan(ends map[string]relKey) *relPlan {
	return &relPlan{ends: ends, byID: map[string][]map[string]any{}, write: map[string][]map[string]any{},
		create: map[string][]map[string]any{}, gone: map[string][]string{}}
}

// writeRelations writes the actor relationships a batch touches: newKeys
// (by type) gained the claims in keyClaims; affected lost claims of
// replaced articles, and may have gained some too. First every
// relationship to change is locked and read, in type and key order, so
// that concurrent loads lock them in the same order and wait for each
// other rather than deadlock; then they are written; last, those not
// found are created, and any another load created in the meantime is
// added to. Each step is one round trip for all three types.
func (w *batchWriter) writeRelations(newKeys map[string][]map[string]any, keyClaims map[string][]map[string]any, affected map[string]relKey) error {
	var incremental, full []string
	ends := map[string]relKey{}
	for _, typ := range schema.ActorTypes() {
		for _, row := range newKeys[typ] {
			key := row["key"].(string)
			ends[key] = relKey{relType: typ, key: key, source: row["source"].(string), target: row["target"].(string), negated: row["negated"].(bool)}
			if _, ok := affected[key]; !ok {
				incremental = append(incremental, key)
			}
		}
	}
	for key, k := range affected {
		if _, ok := ends[key]; !ok {
			ends[key] = k
		}
		full = append(full, key)
	}
	plan := newRelPlan(ends)
	old, err := w.addToRelations(plan, incremental, keyClaims)
	if err != nil {
		return err
	}
	if err := w.recomputeRelations(plan, append(full, old...)); err != nil {
		return err
	}
	var parts []stmtPart
	for _, typ := range schema.ActorTypes() {
		parts = append(parts,
			stmtPart{stmtUpdateRelations(typ), map[string]any{"rows": plan.byID[typ]}},
			stmtPart{stmtWriteRelations(typ), map[string]any{"rows": plan.write[typ]}},
			stmtPart{stmtDeleteRelations(typ), map[string]any{"keys": nonNil(plan.gone[typ])}})
		w.out.relations.Updated += len(plan.byID[typ]) + len(plan.write[typ])
		w.out.relations.Removed += len(plan.gone[typ])
	}
	q, params := inSequence(parts...)
	if _, err := w.runLocking("relations update", q, params, unlockedCount); err != nil {
		return fmt.Errorf("update relationships: %w", err)
	}
	return w.createRelations(plan, keyClaims)
}

// createRelations creates the relationships a batch did not find. Those
// another load created since the batch looked are added to instead.
func (w *batchWriter) createRelations(plan *relPlan, keyClaims map[string][]map[string]any) error {
	n := 0
	parts := make([]stmtPart, len(schema.ActorTypes()))
	for i, typ := range schema.ActorTypes() {
		parts[i] = stmtPart{stmtCreateRelations(typ), map[string]any{"rows": plan.create[typ]}}
		n += len(plan.create[typ])
	}
	if n == 0 {
		return nil
	}
	q, params := inUnion(parts...)
	recs, err := w.run("relations create", q, params)
	if err != nil {
		return fmt.Errorf("create relationships: %w", err)
	}
	w.out.relations.Created += len(recs)
	if len(recs) == n {
		return nil
	}
	created := map[string]bool{}
	for _, r := range recs {
		key, _ := r.Get("key")
		created[key.(string)] = true
	}
	var raced []string
	for _, typ := range schema.ActorTypes() {
		for _, row := range plan.create[typ] {
			if key := row[schema.PropKey].(string); !created[key] {
				raced = append(raced, key)
			}
		}
	}
	again := newRelPlan(plan.ends)
	old, err := w.addToRelations(again, raced, keyClaims)
	if err != nil {
		return err
	}
	parts = parts[:0]
	missing := len(old)
	for _, typ := range schema.ActorTypes() {
		missing += len(again.create[typ])
		parts = append(parts, stmtPart{stmtUpdateRelations(typ), map[string]any{"rows": again.byID[typ]}})
		w.out.relations.Updated += len(again.byID[typ])
	}
	if missing > 0 {
		return fmt.Errorf("create relationships: %d neither created nor found", missing)
	}
	q, params = inSequence(parts...)
	if _, err := w.runLocking("relations update", q, params, unlockedCount); err != nil {
		return fmt.Errorf("update relationships: %w", err)
	}
	return nil
}

// addToRelations locks and reads the relationships of keys (the common
// path: they gain this batch's claims), adds the claims to their kept
// provenance, and plans the writes: just the properties whose value
// changes (adding one article to a hub relationship rewrites its count,
// not its twenty evidence sentences), or a creation for a relationship
// not found. It returns the keys of relationships written by an earlier
// version without the kept state, which must be recomputed from their
// claims.
func (w *batchWriter) addToRelations(plan *relPlan, keys []string, keyClaims map[string][]map[string]any) ([]string, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	slices.Sort(keys)
	rows := map[string][]map[string]any{}
	for _, key := range keys {
		var outlets, articles []string
		for _, c := range keyClaims[key] {
			if o, ok := c["outlet"].(string); ok && o != "" && !slices.Contains(outlets, o) {
				outlets = append(outlets, o)
			}
			articles = append(articles, c["article"].(string))
		}
		typ := plan.ends[key].relType
		rows[typ] = append(rows[typ], map[string]any{"key": key, "outlets": nonNil(outlets), "articles": articles})
	}
	parts := make([]stmtPart, len(schema.ActorTypes()))
	for i, typ := range schema.ActorTypes() {
		parts[i] = stmtPart{stmtReadProvenance(typ), map[string]any{"rows": rows[typ]}}
	}
	q, params := inUnion(parts...)
	recs, err := w.runLocking("read provenance", q, params, lockPerRecord)
	if err != nil {
		return nil, fmt.Errorf("read provenance: %w", err)
	}
	var old []string
	found := map[string]bool{}
	for _, r := range recs {
		k, _ := r.Get("key")
		key := k.(string)
		found[key] = true
		eid, _ := r.Get("eid")
		m, _ := r.Get("props")
		p, ok := provenanceOf(m.(map[string]any))
		if !ok {
			old = append(old, key)
			continue
		}
		kl, _ := r.Get("known")
		known := map[string]bool{}
		l, _ := kl.([]any) // none when the batch's claims name no outlet
		for _, o := range l {
			known[o.(string)] = true
		}
		before := p.props(key)
		p.add(factsOfAll(keyClaims[key]), w.cap, known)
		// Every locked relationship is written, if only to unlock it.
		typ := plan.ends[key].relType
		plan.byID[typ] = append(plan.byID[typ], map[string]any{"eid": eid, "props": changedProps(before, p.props(key))})
	}
	for _, key := range keys {
		if found[key] {
			continue
		}
		var p edgeProvenance
		p.add(factsOfAll(keyClaims[key]), w.cap, map[string]bool{})
		row := p.props(key)
		k := plan.ends[key]
		row["source"], row["target"], row["negated"] = k.source, k.target, k.negated
		plan.create[k.relType] = append(plan.create[k.relType], row)
	}
	return old, nil
}

// recomputeRelations locks the relationships of keys, reads all their
// claims and plans their provenance computed afresh (the rare path: an
// article was corrected, or the relationship was written by an earlier
// version), or their removal when no claim supports them any more.
func (w *batchWriter) recomputeRelations(plan *relPlan, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	slices.Sort(keys)
	byType := map[string][]string{}
	for _, key := range keys {
		typ := plan.ends[key].relType
		byType[typ] = append(byType[typ], key)
	}
	parts := make([]stmtPart, len(schema.ActorTypes()))
	for i, typ := range schema.ActorTypes() {
		parts[i] = stmtPart{stmtLockRelations(typ), map[string]any{"keys": nonNil(byType[typ])}}
	}
	q, params := inUnion(parts...)
	if _, err := w.runLocking("lock relations", q, params, lockPerRecord); err != nil {
		return fmt.Errorf("lock relationships: %w", err)
	}
	recs, err := w.run("read claims", stmtReadClaims, map[string]any{"keys": keys})
	if err != nil {
		return fmt.Errorf("read claims: %w", err)
	}
	claims := map[string][]map[string]any{}
	for _, r := range recs {
		key, _ := r.Get("key")
		c, _ := r.Get("claim")
		claims[key.(string)] = append(claims[key.(string)], c.(map[string]any))
	}
	for _, key := range keys {
		k := plan.ends[key]
		if len(claims[key]) == 0 {
			plan.gone[k.relType] = append(plan.gone[k.relType], key)
			continue
		}
		plan.write[k.relType] = append(plan.write[k.relType], map[string]any{"source": k.source, "target": k.target, "negated": k.negated,
			"props": aggregate(key, claims[key], w.cap)})
	}
	return nil
}

func factsOfAll(rows []map[string]any) []claimFacts {
	facts := make([]claimFacts, len(rows))
	for i, c := range rows {
		facts[i] = factsOf(c)
	}
	return facts
}
