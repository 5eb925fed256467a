package graphtest

import (
	"context"
	"fmt"
	"testing"

	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/schema"
)

// Synthetic writes, straight in Cypher (seconds where the loader would
// take minutes), a graph of the loader's shape whose size is proportional
// to articles: per article an Article, per entities ones an entity (of
// each type in turn), and per article perArticle claims (Claim, STATES,
// MENTIONS of both ends) each supporting its own actor relationship with
// provenance lists of fixed length. Every element's size is independent
// of articles, so the graph grows in the number of elements only: what a
// test of memory that must not grow with the graph needs. The database
// should be empty (see Fresh).
func Synthetic(t testing.TB, c *graph.Client, articles, perArticle int) {
	t.Helper()
	ctx := context.Background()
	types := []string{schema.State, schema.Agency, schema.Organisation, schema.Person, schema.Election}
	entities := max(articles, 2)
	const chunk = 2000
	for from := 0; from < entities; from += chunk {
		for i, label := range types {
			cypher := fmt.Sprintf(`UNWIND range($from, $to) AS i WITH i WHERE i %% $types = $type
CREATE (:%s:%s {id: $prefix + i, name: $prefix + 'entity ' + i, aliases: ['E' + i, 'Entity ' + i], country: 'XX'})`,
				schema.Entity, label)
			params := map[string]any{"from": from, "to": min(from+chunk, entities) - 1, "types": len(types), "type": i, "prefix": lower(label) + ":"}
			if _, err := c.Write(ctx, cypher, params); err != nil {
				t.Fatalf("graphtest: synthetic entities: %v", err)
			}
		}
	}
	per := max(1, chunk/max(perArticle, 1))
	for from := 0; from < articles; from += per {
		params := map[string]any{"from": from, "to": min(from+per, articles) - 1, "per": perArticle, "entities": entities,
			"types": []string{lower(types[0]), lower(types[1]), lower(types[2]), lower(types[3]), lower(types[4])},
			"rels":  schema.ActorTypes()}
		cypher := fmt.Sprintf(`UNWIND range($from, $to) AS i
CREATE (a:%[1]s {id: 'a' + i, doc: 'https://example.org/' + i, title: 'Synthetic article ' + i,
  published: '2024-01-' + (10 + i %% 20), outlet: 'Outlet ' + (i %% 50), sources: ['a' + i + '.txt'],
  text_hash: 'h' + i, content_hash: 'c' + i})
WITH a, i
UNWIND range(0, $per - 1) AS k
WITH a, i, k, (i + k) %% $entities AS s, (i + k + 1) %% $entities AS o
MATCH (src:%[2]s {id: $types[s %% 5] + ':' + s}), (dst:%[2]s {id: $types[o %% 5] + ':' + o})
WITH a, i, k, src, dst, $rels[k %% 3] AS type
WITH a, i, k, src, dst, type, src.id + '|' + type + '|' + dst.id + '|asserted|' + i + '.' + k AS key,
  src.name + ' ' + type + ' ' + dst.name + ', according to synthetic article ' + i + ', which says so at some length.' AS sentence
CREATE (a)-[:%[3]s]->(:%[4]s {id: a.id + '|' + key, relation: key, article: a.id, type: type, source: src.id,
  target: dst.id, negated: false, sentence: sentence, span_start: 0, span_end: size(sentence), trigger: 'says',
  rule: 'synthetic', confidence: 0.8, published: a.published, outlet: a.outlet})
MERGE (a)-[m1:%[5]s]->(src) ON CREATE SET m1.count = 1
MERGE (a)-[m2:%[5]s]->(dst) ON CREATE SET m2.count = 1
WITH src, dst, type, {key: key, negated: false, articles: [a.id, 'x1', 'x2'], article_count: 3,
  outlet_count: 1, first_reported: a.published, last_reported: a.published, max_confidence: 0.8, hedged: false,
  asserted_by: ['a synthetic source'], evidence: [sentence, sentence, sentence], evidence_articles: [a.id, 'x1', 'x2']} AS props
FOREACH (_ IN CASE type WHEN $rels[0] THEN [1] ELSE [] END | CREATE (src)-[r:%[6]s]->(dst) SET r = props)
FOREACH (_ IN CASE type WHEN $rels[1] THEN [1] ELSE [] END | CREATE (src)-[r:%[7]s]->(dst) SET r = props)
FOREACH (_ IN CASE type WHEN $rels[2] THEN [1] ELSE [] END | CREATE (src)-[r:%[8]s]->(dst) SET r = props)
RETURN count(*) AS n`, schema.Article, schema.Entity, schema.States, schema.Claim, schema.Mentions,
			schema.ActorTypes()[0], schema.ActorTypes()[1], schema.ActorTypes()[2])
		if _, err := c.Write(ctx, cypher, params); err != nil {
			t.Fatalf("graphtest: synthetic articles: %v", err)
		}
	}
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
