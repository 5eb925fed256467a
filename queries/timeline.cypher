// name: timeline
// summary: A timeline of the relations of a state or an election, by the
//   date they were first reported.
// param: entity string = state:RU -- a state's or an election's id (any entity works)
//
// For a state, the relations of its agencies (Agency.country = the state's
// ISO2) are included.
//
// Neo4j Browser: set the parameter first, then run the query.
// :param entity => 'state:RU'
MATCH (x:Entity {id: $entity})
WITH [x] + COLLECT { MATCH (ag:Agency) WHERE x:State AND ag.country = x.iso2 RETURN ag } AS ends
UNWIND ends AS n
MATCH (n)-[r:AUTHORISED|TARGETED|AMPLIFIED]-(:Entity)
WITH DISTINCT r
RETURN r.first_reported AS first_reported,
       startNode(r).name AS source,
       type(r) AS relation,
       endNode(r).name AS target,
       r.negated AS negated,
       r.hedged AS hedged,
       r.basis AS basis,
       r.article_count AS articles,
       r.last_reported AS last_reported
ORDER BY first_reported, source, relation, target, negated
