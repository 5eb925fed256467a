// name: entity-profile
// summary: An entity's profile: aliases, Wikidata id, articles naming it, and
//   its relations in and out with counts.
// param: entity string = state:RU -- the entity's id (find it with find-entity)
//
// One row per direction and relation type (negated ones apart), with the
// number of relationships, of distinct articles stating them, and the ten
// entities at their other ends most reported; an entity without relations
// gives one row with empty relation columns.
//
// Neo4j Browser: set the parameter first, then run the query.
// :param entity => 'state:RU'
MATCH (x:Entity {id: $entity})
OPTIONAL MATCH (x)-[r:AUTHORISED|TARGETED|AMPLIFIED]-(other:Entity)
WITH x, r, other, CASE WHEN r IS NULL THEN null WHEN startNode(r) = x THEN 'out' ELSE 'in' END AS direction
ORDER BY r.article_count DESC, other.name
WITH x, direction, type(r) AS relation, r.negated AS negated,
     count(r) AS relationships, collect(other.name)[0..10] AS others, collect(r.key) AS keys
RETURN x.id AS id,
       x.name AS name,
       [l IN labels(x) WHERE l <> 'Entity'][0] AS type,
       x.aliases AS aliases,
       x.wikidata AS wikidata,
       COUNT { (:Article)-[:MENTIONS]->(x) } AS mentioned_in,
       direction,
       relation,
       negated,
       relationships,
       size(COLLECT { UNWIND keys AS k MATCH (c:Claim {relation: k}) RETURN DISTINCT c.article }) AS articles,
       others
ORDER BY direction DESC, relation, negated
