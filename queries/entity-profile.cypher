// name: entity-profile
// summary: An entity's profile: aliases, Wikidata id, articles naming it, and
//   its relations in and out with counts.
// param: entity string = state:RU -- the entity's id (find it with find-entity)
//
// One row per direction and relation type (negated ones apart); an entity
// without relations gives one row with empty relation columns.
//
// Neo4j Browser: set the parameter first, then run the query.
// :param entity => 'state:RU'
MATCH (x:Entity {id: $entity})
OPTIONAL MATCH (x)-[r:AUTHORISED|TARGETED|AMPLIFIED]-(other:Entity)
WITH x, r, other, CASE WHEN r IS NULL THEN null WHEN startNode(r) = x THEN 'out' ELSE 'in' END AS direction
WITH x, direction, type(r) AS relation, r.negated AS negated,
     count(r) AS relationships, collect(other.name) AS others, collect(r.articles) AS articleLists
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
       size(reduce(acc = [], l IN articleLists | acc + [a IN l WHERE NOT a IN acc])) AS articles,
       others
ORDER BY direction DESC, relation, negated
