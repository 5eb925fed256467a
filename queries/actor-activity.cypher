// name: actor-activity
// summary: Everything an actor authorised, targeted or amplified, in the
//   order it was first reported.
// param: actor string = state:RU -- the actor's id (find it with find-entity)
// param: basis string = any -- stated, inferred, or any: keep only relations some sentence states (both ends named in it), or only the extractor's inferences
//
// Neo4j Browser: set the parameter first, then run the query.
// :param actor => 'state:RU'
// :param basis => 'any'
MATCH (a:Entity {id: $actor})-[r:AUTHORISED|TARGETED|AMPLIFIED]->(t:Entity)
WHERE $basis = 'any' OR r.basis = $basis
RETURN r.first_reported AS first_reported,
       r.last_reported AS last_reported,
       type(r) AS relation,
       t.name AS target,
       [l IN labels(t) WHERE l <> 'Entity'][0] AS target_type,
       t.id AS target_id,
       r.negated AS negated,
       r.hedged AS hedged,
       r.attempted AS attempted,
       r.basis AS basis,
       r.article_count AS articles,
       r.outlet_count AS outlets
ORDER BY first_reported, relation, target, negated
