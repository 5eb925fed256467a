// name: election-graph
// summary: The actors around an election as a graph to click through in
//   Neo4j Browser: who targeted, authorised or amplified it.
// param: election string = election:US-2020-presidential -- the election's id (find it with find-entity)
//
// Returns each relation as a path, which Neo4j Browser draws (expand a node
// to see who else it touched); `influencegraph query` lists them as a
// table. Relations reported as not having happened are left out.
//
// Neo4j Browser: set the parameter first, then run the query.
// :param election => 'election:US-2020-presidential'
MATCH p = (actor:Entity)-[r:AUTHORISED|TARGETED|AMPLIFIED]->(:Election {id: $election})
WHERE NOT r.negated
RETURN p,
       actor.name AS actor,
       type(r) AS relation,
       r.article_count AS articles
ORDER BY articles DESC, actor, relation
