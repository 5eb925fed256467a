// name: negated-claims
// summary: Relations reported as not having happened, with how often the
//   opposite is reported.
//
// A denial by the accused does not make a negated claim; these are
// sentences saying the thing did not happen ("considered it but did not").
//
// Neo4j Browser: no parameters; run the query as it is.
MATCH (s:Entity)-[r:AUTHORISED|TARGETED|AMPLIFIED]->(t:Entity)
WHERE r.negated
RETURN s.name AS source,
       type(r) AS relation,
       t.name AS target,
       r.article_count AS articles,
       COUNT { (s)-[a]->(t) WHERE type(a) = type(r) AND NOT a.negated } > 0 AS also_asserted,
       r.first_reported AS first_reported,
       r.asserted_by AS asserted_by,
       r.evidence[0] AS example
ORDER BY articles DESC, source, relation, target
