package graph

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/influencegraph/influencegraph/schema"
)

// The loader's statements. Labels, types and property names come from
// schema/; every value comes in through $rows.
var (
	// stmtLockArticles creates or locks each article of the batch and
	// returns the content hash it had, read after the lock is held: a
	// concurrent load of the same article waits here, then sees it
	// unchanged.
	stmtLockArticles = fmt.Sprintf(`UNWIND $rows AS row
MERGE (a:%[1]s {%[2]s: row.id})
SET a._lock = true
RETURN row.id AS id, a.%[3]s AS old`, schema.Article, schema.PropID, schema.PropContentHash)

	// stmtOutdated finds articles of the batch that are earlier versions
	// of a document already loaded in a later version: they are skipped,
	// so loading old and corrected versions together, in any order and
	// any number of times, always ends with the corrected one.
	stmtOutdated = fmt.Sprintf(`UNWIND $rows AS row
MATCH (o:%[1]s {%[2]s: row.doc}) USING INDEX o:%[1]s(%[2]s)
WHERE row.id IN coalesce(o.%[3]s, [])
RETURN DISTINCT row.id AS id`, schema.Article, schema.PropDoc, schema.PropSuperseded)

	// stmtSuperseded finds and locks earlier versions of the batch's
	// documents: same document key, another article id.
	stmtSuperseded = fmt.Sprintf(`UNWIND $rows AS row
MATCH (o:%[1]s {%[2]s: row.doc}) USING INDEX o:%[1]s(%[2]s)
WHERE o.%[3]s <> row.id
SET o._lock = true
RETURN row.id AS id, o.%[3]s AS old, coalesce(o.%[4]s, []) AS superseded`, schema.Article, schema.PropDoc, schema.PropID, schema.PropSuperseded)

	// stmtOldContribution lists what articles about to be replaced had
	// contributed: the relations their claims supported and the entities
	// they mentioned.
	stmtOldContribution = fmt.Sprintf(`UNWIND $ids AS id
MATCH (a:%[1]s {%[2]s: id})
CALL {
  WITH a
  OPTIONAL MATCH (a)-[:%[3]s]->(c:%[4]s)
  RETURN collect(DISTINCT {key: c.%[5]s, type: c.type, source: c.source, target: c.target, negated: c.negated}) AS claims
}
CALL {
  WITH a
  OPTIONAL MATCH (a)-[:%[6]s]->(e:%[7]s)
  RETURN collect(DISTINCT e.%[2]s) AS entities
}
RETURN claims, entities`, schema.Article, schema.PropID, schema.States, schema.Claim, schema.PropRelation, schema.Mentions, schema.Entity)

	// stmtRemoveContribution deletes the claims and mentions of articles
	// being updated, and removes superseded versions entirely.
	stmtRemoveContribution = fmt.Sprintf(`UNWIND $rows AS row
MATCH (a:%[1]s {%[2]s: row.id})
CALL {
  WITH a
  OPTIONAL MATCH (a)-[:%[3]s]->(c:%[4]s)
  DETACH DELETE c
}
CALL {
  WITH a
  OPTIONAL MATCH (a)-[m:%[5]s]->()
  DELETE m
}
WITH a, row WHERE row.drop
DETACH DELETE a`, schema.Article, schema.PropID, schema.States, schema.Claim, schema.Mentions)

	stmtArticleProps = fmt.Sprintf(`UNWIND $rows AS row
MATCH (a:%[1]s {%[2]s: row.id})
SET a += row.props, a.%[3]s = row.hash, a.loaded_at = datetime(), a.%[4]s = coalesce(row.superseded, a.%[4]s)
REMOVE a._lock
RETURN count(*) AS unlocked`, schema.Article, schema.PropID, schema.PropContentHash, schema.PropSuperseded)

	stmtUnlockArticles = fmt.Sprintf(`UNWIND $ids AS id
MATCH (a:%[1]s {%[2]s: id})
REMOVE a._lock
RETURN count(*) AS unlocked`, schema.Article, schema.PropID)

	// stmtMentions and stmtClaims take one row per article with its
	// mentions or claims nested: the article is looked up once, not once
	// per mention.
	stmtMentions = fmt.Sprintf(`UNWIND $rows AS row
MATCH (a:%[1]s {%[2]s: row.id})
UNWIND row.mentions AS m
MATCH (e:%[3]s {%[2]s: m.entity})
CREATE (a)-[:%[4]s {%[5]s: m.count}]->(e)`, schema.Article, schema.PropID, schema.Entity, schema.Mentions, schema.PropCount)

	// Properties are named one by one (claimProps), not set from a map:
	// SET c = row makes Cypher materialise every row first (an Eager
	// plan), which doubles the statement's cost.
	stmtClaims = fmt.Sprintf(`UNWIND $rows AS row
MATCH (a:%[1]s {%[2]s: row.id})
UNWIND row.claims AS c
CREATE (a)-[:%[3]s]->(:%[4]s %[5]s)`, schema.Article, schema.PropID, schema.States, schema.Claim, propsFrom("c", claimProps))

	// stmtOrphans removes entities no article mentions any more: the
	// derived PART_OF does not keep an entity in the graph.
	stmtOrphans = fmt.Sprintf(`UNWIND $ids AS id
MATCH (e:%[1]s {%[2]s: id})
WHERE NOT EXISTS { (e)-[r]-() WHERE type(r) <> '%[3]s' }
DETACH DELETE e`, schema.Entity, schema.PropID, schema.PartOf)

	// stmtLinkAgencies and stmtLinkStates derive PART_OF for the agencies
	// and states of a batch: an agency belongs to the state whose ISO
	// code is its country, whichever of the two was loaded first.
	stmtLinkAgencies = fmt.Sprintf(`UNWIND $ids AS id
MATCH (a:%[1]s {%[3]s: id})
WHERE a.country IS NOT NULL AND NOT EXISTS { (a)-[:%[4]s]->(:%[2]s {iso2: a.country}) }
MATCH (s:%[2]s {iso2: a.country}) USING INDEX s:%[2]s(iso2)
MERGE (a)-[:%[4]s]->(s)`, schema.Agency, schema.State, schema.PropID, schema.PartOf)

	stmtLinkStates = fmt.Sprintf(`UNWIND $ids AS id
MATCH (s:%[2]s {%[3]s: id})
WHERE s.iso2 IS NOT NULL
MATCH (a:%[1]s {country: s.iso2}) USING INDEX a:%[1]s(country)
WHERE NOT EXISTS { (a)-[:%[4]s]->(s) }
MERGE (a)-[:%[4]s]->(s)`, schema.Agency, schema.State, schema.PropID, schema.PartOf)
)

// stmtEntities merges the entities of one label. Every entity also carries
// :Entity, whose uniquely constrained id is the MERGE key, so the same id
// is one node whatever type an article gave it; the type label is the
// latest one loaded. Aliases accumulate, kept sorted and without repeats
// (rows come sorted), so the list is the same whatever order articles are
// loaded in; other properties take the latest non-empty value. An existing node is written only when something
// changes, so hub entities (Russia, the United States) met in every batch
// are not write-locked by every batch. An entity whose type, country or
// ISO code changes loses its PART_OF relationships; stmtLinkAgencies and
// stmtLinkStates then draw the right ones.
func stmtEntities(label string) string {
	var others []string
	for _, l := range schema.EntityLabels() {
		if l != label {
			others = append(others, l)
		}
	}
	return fmt.Sprintf(`UNWIND $rows AS row
MERGE (e:%[1]s {%[2]s: row.id})
ON CREATE SET e:%[3]s, e.%[5]s = row.name, e.%[6]s = coalesce(row.aliases, []), e.wikidata = row.wikidata,
    e.iso2 = row.iso2, e.country = row.country, e.kind = row.kind, e.year = row.year
WITH e, row
WHERE NOT e:%[3]s
   OR (row.name IS NOT NULL AND coalesce(e.%[5]s <> row.name, true))
   OR any(x IN coalesce(row.aliases, []) WHERE NOT x IN coalesce(e.%[6]s, []))
   OR (row.wikidata IS NOT NULL AND coalesce(e.wikidata <> row.wikidata, true))
   OR (row.iso2 IS NOT NULL AND coalesce(e.iso2 <> row.iso2, true))
   OR (row.country IS NOT NULL AND coalesce(e.country <> row.country, true))
   OR (row.kind IS NOT NULL AND coalesce(e.kind <> row.kind, true))
   OR (row.year IS NOT NULL AND coalesce(e.year <> row.year, true))
WITH e, row, NOT e:%[3]s
   OR (row.country IS NOT NULL AND coalesce(e.country <> row.country, true))
   OR (row.iso2 IS NOT NULL AND coalesce(e.iso2 <> row.iso2, true)) AS relink
SET e:%[3]s
REMOVE e:%[4]s
SET e.%[5]s = coalesce(row.name, e.%[5]s),
    e.%[6]s = COLLECT { UNWIND coalesce(e.%[6]s, []) + coalesce(row.aliases, []) AS x WITH DISTINCT x RETURN x ORDER BY x },
    e.wikidata = coalesce(row.wikidata, e.wikidata),
    e.iso2 = coalesce(row.iso2, e.iso2),
    e.country = coalesce(row.country, e.country),
    e.kind = coalesce(row.kind, e.kind),
    e.year = coalesce(row.year, e.year)
WITH e, relink WHERE relink
OPTIONAL MATCH (e)-[p:%[7]s]-()
DELETE p`,
		schema.Entity, schema.PropID, label, strings.Join(others, ":"), schema.PropName, schema.PropAliases, schema.PartOf)
}

// batchWriter runs one batch's statements inside one managed transaction,
// so a batch is all or nothing: an interrupted load leaves whole articles.
type batchWriter struct {
	ctx     context.Context
	tx      neo4j.ManagedTransaction
	cap     int
	out     *batchOutcome
	observe func(Timing)
}

// run runs one statement of the batch. The statements find nodes and
// relationships by unique ids or named indexes, so their plans never need
// to change; replan=skip stops Neo4j from discarding and recompiling them
// every few batches while a load grows the graph (its statistics drift),
// which cost a first load from empty a third of its time.
func (w *batchWriter) run(name, q string, params map[string]any) ([]*neo4j.Record, error) {
	if w.observe != nil {
		start := time.Now()
		defer func() { w.observe(Timing{Step: name, Duration: time.Since(start)}) }()
	}
	res, err := w.tx.Run(w.ctx, "CYPHER replan=skip\n"+q, params)
	if err != nil {
		return nil, err
	}
	recs, err := res.Collect(w.ctx)
	if err != nil {
		return nil, err
	}
	s, err := res.Consume(w.ctx)
	if err != nil {
		return nil, err
	}
	w.out.counters.add(s.Counters())
	return recs, nil
}

// runLocking runs a statement that also sets or removes the loader's _lock
// properties, and leaves those writes out of the summary's counters: the
// locks are taken and released within the batch's transaction, so they
// change nothing in the graph, and loading the same input again must
// report no properties set. locks says how many lock writes the statement
// made, from the records it returned.
func (w *batchWriter) runLocking(name, q string, params map[string]any, locks func([]*neo4j.Record) int) ([]*neo4j.Record, error) {
	recs, err := w.run(name, q, params)
	if err != nil {
		return nil, err
	}
	w.out.counters.PropertiesSet -= locks(recs)
	return recs, nil
}

// lockPerRecord counts one lock write per record returned: one per row
// locked.
func lockPerRecord(recs []*neo4j.Record) int { return len(recs) }

// unlockedCount reads the unlocked count an unlocking statement returns.
func unlockedCount(recs []*neo4j.Record) int {
	if len(recs) != 1 {
		return 0
	}
	n, _ := recs[0].Get("unlocked")
	c, _ := n.(int64)
	return int(c)
}

type relKey struct {
	relType, key, source, target string
	negated                      bool
}

// write writes one batch. Its transaction locks only what it changes:
// its articles (in id order, first) and the actor relationships it adds
// to (in type and key order, before writing them); entities and new
// relationships are MERGEd on their keys. Two loads at once then wait for
// each other only where their data meets, and a deadlock Neo4j still
// detects (a hub node both create relationships on) is a transient error
// that the managed transaction retries.
func (w *batchWriter) write(batch []prepared) error {
	// Lock in id order: two loads locking overlapping batches then wait
	// for each other instead of deadlocking.
	batch = slices.Clone(batch)
	slices.SortFunc(batch, func(a, b prepared) int { return strings.Compare(a.id, b.id) })
	docRows := make([]map[string]any, len(batch))
	for i, p := range batch {
		docRows[i] = map[string]any{"id": p.id, "doc": p.doc}
	}
	recs, err := w.run("outdated", stmtOutdated, map[string]any{"rows": docRows})
	if err != nil {
		return fmt.Errorf("find outdated articles: %w", err)
	}
	if len(recs) > 0 {
		outdated := map[string]bool{}
		for _, r := range recs {
			id, _ := r.Get("id")
			outdated[id.(string)] = true
		}
		batch = slices.DeleteFunc(batch, func(p prepared) bool { return outdated[p.id] })
		w.out.articles.Skipped += len(outdated)
		w.out.articles.SkippedReasons = map[string]int{SkipEarlierVersion: len(outdated)}
		if len(batch) == 0 {
			return nil
		}
	}
	lockRows := make([]map[string]any, len(batch))
	for i, p := range batch {
		lockRows[i] = map[string]any{"id": p.id}
	}
	recs, err = w.runLocking("lock articles", stmtLockArticles, map[string]any{"rows": lockRows}, lockPerRecord)
	if err != nil {
		return fmt.Errorf("lock articles: %w", err)
	}
	old := map[string]any{}
	for _, r := range recs {
		id, _ := r.Get("id")
		o, _ := r.Get("old")
		old[id.(string)] = o
	}
	var write []prepared
	var unchanged []string
	var remove []map[string]any // articles whose contribution is removed
	for _, p := range batch {
		switch o := old[p.id]; {
		case o == nil:
			w.out.articles.New++
			write = append(write, p)
		case o == p.contentHash:
			w.out.articles.Unchanged++
			unchanged = append(unchanged, p.id)
		default:
			w.out.articles.Updated++
			write = append(write, p)
			remove = append(remove, map[string]any{"id": p.id, "drop": false})
		}
	}
	if len(unchanged) > 0 {
		if _, err := w.runLocking("unlock unchanged", stmtUnlockArticles, map[string]any{"ids": unchanged}, unlockedCount); err != nil {
			return fmt.Errorf("unlock articles: %w", err)
		}
	}
	if len(write) == 0 {
		return nil
	}

	docRows = make([]map[string]any, len(write))
	for i, p := range write {
		docRows[i] = map[string]any{"id": p.id, "doc": p.doc}
	}
	recs, err = w.runLocking("superseded", stmtSuperseded, map[string]any{"rows": docRows}, lockPerRecord)
	if err != nil {
		return fmt.Errorf("find earlier versions: %w", err)
	}
	// Each new version records the ids of the versions it replaced.
	supersedes := map[string][]string{}
	for _, r := range recs {
		id, _ := r.Get("id")
		old, _ := r.Get("old")
		prev, _ := r.Get("superseded")
		w.out.articles.Replaced++
		remove = append(remove, map[string]any{"id": old, "drop": true})
		list := supersedes[id.(string)]
		for _, x := range append(prev.([]any), old) {
			if s, ok := x.(string); ok && !slices.Contains(list, s) {
				list = append(list, s)
			}
		}
		supersedes[id.(string)] = list
	}

	affected := map[string]relKey{}
	var orphanCandidates []string
	if len(remove) > 0 {
		ids := make([]any, len(remove))
		for i, r := range remove {
			ids[i] = r["id"]
		}
		recs, err := w.run("old contribution", stmtOldContribution, map[string]any{"ids": ids})
		if err != nil {
			return fmt.Errorf("read earlier contribution: %w", err)
		}
		for _, r := range recs {
			claims, _ := r.Get("claims")
			for _, c := range claims.([]any) {
				m := c.(map[string]any)
				key, ok := m["key"].(string)
				if !ok {
					continue
				}
				neg, _ := m["negated"].(bool)
				typ, _ := m["type"].(string)
				src, _ := m["source"].(string)
				dst, _ := m["target"].(string)
				affected[key] = relKey{relType: typ, key: key, source: src, target: dst, negated: neg}
			}
			ents, _ := r.Get("entities")
			for _, e := range ents.([]any) {
				if s, ok := e.(string); ok {
					orphanCandidates = append(orphanCandidates, s)
				}
			}
		}
		if _, err := w.run("remove contribution", stmtRemoveContribution, map[string]any{"rows": remove}); err != nil {
			return fmt.Errorf("remove earlier contribution: %w", err)
		}
	}

	// Nodes first: entities by label, then the articles' properties.
	byLabel := map[string]map[string]map[string]any{}
	for _, p := range write {
		for _, e := range p.entities {
			if byLabel[e.label] == nil {
				byLabel[e.label] = map[string]map[string]any{}
			}
			id := e.row["id"].(string)
			if prev, ok := byLabel[e.label][id]; ok {
				byLabel[e.label][id] = mergeEntityRows(prev, e.row)
			} else {
				byLabel[e.label][id] = e.row
			}
		}
	}
	// One round trip: every label's statement (an empty list for labels
	// the batch lacks, so the statement, and its plan, stay the same),
	// then PART_OF for the agencies and states.
	var parts []stmtPart
	for _, label := range schema.EntityLabels() {
		parts = append(parts, stmtPart{stmtEntities(label), map[string]any{"rows": sortedRows(byLabel[label])}})
	}
	for _, l := range []struct{ label, stmt string }{{schema.Agency, stmtLinkAgencies}, {schema.State, stmtLinkStates}} {
		parts = append(parts, stmtPart{l.stmt, map[string]any{"ids": nonNil(slices.Sorted(maps.Keys(byLabel[l.label])))}})
	}
	q, params := inSequence(parts...)
	if _, err := w.run("entities", q, params); err != nil {
		return fmt.Errorf("merge entities: %w", err)
	}
	artRows := make([]map[string]any, len(write))
	var mentions, claims []map[string]any
	newKeys := map[string][]map[string]any{}
	newKeySet := map[string]map[string]any{}
	keyClaims := map[string][]map[string]any{}
	for i, p := range write {
		var sup any
		if list := supersedes[p.id]; len(list) > 0 {
			slices.Sort(list)
			sup = list
		}
		artRows[i] = map[string]any{"id": p.id, "props": p.article, "hash": p.contentHash, "superseded": sup}
		if len(p.mentions) > 0 {
			mentions = append(mentions, map[string]any{"id": p.id, "mentions": p.mentions})
		}
		articleClaims := make([]map[string]any, len(p.claims))
		for j, c := range p.claims {
			articleClaims[j] = c.row
			if newKeySet[c.key] == nil {
				row := map[string]any{"key": c.key, "source": c.source, "target": c.target, "negated": c.negated}
				newKeySet[c.key] = row
				newKeys[c.relType] = append(newKeys[c.relType], row)
			}
			keyClaims[c.key] = append(keyClaims[c.key], c.row)
		}
		if len(articleClaims) > 0 {
			claims = append(claims, map[string]any{"id": p.id, "claims": articleClaims})
		}
	}
	// One round trip: the articles' properties, mentions and claims.
	q, params = inSequence(stmtPart{stmtArticleProps, map[string]any{"rows": artRows}},
		stmtPart{stmtMentions, map[string]any{"rows": mentions}},
		stmtPart{stmtClaims, map[string]any{"rows": claims}})
	if _, err := w.runLocking("articles", q, params, unlockedCount); err != nil {
		return fmt.Errorf("write articles, mentions and claims: %w", err)
	}

	// Relationships, in key order (source first), so that concurrent
	// batches lock hub nodes in the same order. A relationship gaining
	// claims from new articles only adds them to its kept provenance; one
	// that lost claims (a corrected article) is recomputed from its claims
	// and removed when nothing supports it any more.
	if err := w.writeRelations(newKeys, keyClaims, affected); err != nil {
		return err
	}
	if len(orphanCandidates) > 0 {
		slices.Sort(orphanCandidates)
		if _, err := w.run("orphans", stmtOrphans, map[string]any{"ids": slices.Compact(orphanCandidates)}); err != nil {
			return fmt.Errorf("remove unsupported entities: %w", err)
		}
	}
	return nil
}

func toInt(v any) int64 {
	n, _ := v.(int64)
	return n
}

func sortByKey(rows []map[string]any) {
	slices.SortFunc(rows, func(a, b map[string]any) int { return strings.Compare(a["key"].(string), b["key"].(string)) })
}

func sortedRows(m map[string]map[string]any) []map[string]any {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	rows := make([]map[string]any, len(ids))
	for i, id := range ids {
		rows[i] = m[id]
	}
	return rows
}

// mergeEntityRows combines two articles' views of one entity within a
// batch the way the database would if they came in separate batches.
func mergeEntityRows(prev, next map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range prev {
		out[k] = v
	}
	for k, v := range next {
		if v != nil && k != "aliases" {
			out[k] = v
		}
	}
	a, _ := prev["aliases"].([]string)
	b, _ := next["aliases"].([]string)
	out["aliases"] = nonNil(sortedUnion(a, b))
	return out
}
