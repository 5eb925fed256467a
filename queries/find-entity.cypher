// name: find-entity
// summary: Find entities by a part of their name or an alias, to get the ids
//   the other queries take.
// param: name string = putin -- a part of a name or alias, any case
//
// Neo4j Browser: set the parameter first, then run the query.
// :param name => 'putin'
MATCH (x:Entity)
WHERE x.id = $name
   OR toLower(x.name) CONTAINS toLower($name)
   OR any(a IN coalesce(x.aliases, []) WHERE toLower(a) CONTAINS toLower($name))
RETURN x.id AS id,
       x.name AS name,
       [l IN labels(x) WHERE l <> 'Entity'][0] AS type,
       x.aliases AS aliases,
       COUNT { (:Article)-[:MENTIONS]->(x) } AS articles
ORDER BY articles DESC, name
LIMIT 25
