// name: amplifiers
// summary: Who amplified narratives about a person or an election, ranked by
//   the number of reporting articles and outlets.
// param: target string = person:joe-biden -- the person's or election's id (find it with find-entity)
// param: basis string = any -- stated, inferred, or any: keep only relations some sentence states (both ends named in it), or only the extractor's inferences
//
// Neo4j Browser: set the parameter first, then run the query.
// :param target => 'person:joe-biden'
// :param basis => 'any'
MATCH (s:Entity)-[r:AMPLIFIED]->(:Entity {id: $target})
WHERE NOT r.negated AND ($basis = 'any' OR r.basis = $basis)
RETURN s.name AS amplifier,
       [l IN labels(s) WHERE l <> 'Entity'][0] AS type,
       s.id AS id,
       r.article_count AS articles,
       r.outlet_count AS outlets,
       r.first_reported AS first_reported,
       r.last_reported AS last_reported,
       r.hedged AS hedged,
       r.basis AS basis,
       r.evidence[0] AS example
ORDER BY articles DESC, outlets DESC, amplifier
