// name: hedged-only
// summary: Relations only ever reported with hedging (reportedly,
//   allegedly...), never stated plainly.
//
// Hedging is the reporter's doubt. An attempt ("attempted to", "sought
// to") is an act the article reports plainly: it is no hedge, and an
// edge only ever reported as an attempt is not listed here (attempted is
// true on it).
//
// Neo4j Browser: no parameters; run the query as it is.
MATCH (s:Entity)-[r:AUTHORISED|TARGETED|AMPLIFIED]->(t:Entity)
WHERE r.hedged
RETURN s.name AS source,
       type(r) AS relation,
       t.name AS target,
       r.negated AS negated,
       r.article_count AS articles,
       COLLECT { MATCH (c:Claim) WHERE c.relation = r.key AND c.rejected IS NULL UNWIND c.hedges AS h RETURN DISTINCT h ORDER BY h } AS hedges,
       r.evidence[0] AS example
ORDER BY articles DESC, source, relation, target
