// name: proxy-network
// summary: People and organisations linked to a state through its agencies,
//   up to a given depth.
// param: state string = state:RU -- the state's id
// param: depth int = 2 -- how many links away from the state (1 to 3)
//
// The model has no "agent of" relationship: the extractor reports who did
// what to whom. So the network is read from co-occurring claims. The core
// is the state and its agencies (those PART_OF it). A
// person or organisation is one link away from the core when one article
// reports both it and a core member acting (AUTHORISED, TARGETED or
// AMPLIFIED, not negated) on the same target; two links away when it is
// so linked to someone one link away; and so on, breadth first. Each row
// gives the shortest chain found and the article behind each link. A link is a lead
// to check with edge-evidence, not proof of a tie; on a large graph keep
// the depth low.
//
// Neo4j Browser: set the parameters first, then run the query.
// :param state => 'state:RU'
// :param depth => 2
MATCH (s:State {id: $state})
WITH [s] + COLLECT { MATCH (s)<-[:PART_OF]-(ag:Agency) RETURN ag } AS core
WITH core, [c IN core | {node: c, chain: [c.name], articles: []}] AS level0
WITH core, COLLECT {
       UNWIND CASE WHEN $depth >= 1 THEN level0 ELSE [] END AS hop
       WITH hop, hop.node AS a
       MATCH (a)<-[:MENTIONS]-(art:Article)-[:STATES]->(ca:Claim)
       WHERE ca.source = a.id AND NOT ca.negated
       MATCH (art)-[:STATES]->(cb:Claim)
       WHERE cb.target = ca.target AND cb.source <> a.id AND NOT cb.negated
       MATCH (b:Entity {id: cb.source})
       WHERE (b:Person OR b:Organisation) AND NOT b IN core
       WITH b, hop, art ORDER BY hop.chain, art.id
       WITH b, collect(hop.chain + [b.name])[0] AS chain, collect(hop.articles + [art.id])[0] AS articles
       RETURN {node: b, chain: chain, articles: articles, depth: 1}
     } AS level1
WITH core, level1, core + [h IN level1 | h.node] AS seen1
WITH core, level1, seen1, COLLECT {
       UNWIND CASE WHEN $depth >= 2 THEN level1 ELSE [] END AS hop
       WITH hop, hop.node AS a
       MATCH (a)<-[:MENTIONS]-(art:Article)-[:STATES]->(ca:Claim)
       WHERE ca.source = a.id AND NOT ca.negated
       MATCH (art)-[:STATES]->(cb:Claim)
       WHERE cb.target = ca.target AND cb.source <> a.id AND NOT cb.negated
       MATCH (b:Entity {id: cb.source})
       WHERE (b:Person OR b:Organisation) AND NOT b IN seen1
       WITH b, hop, art ORDER BY hop.chain, art.id
       WITH b, collect(hop.chain + [b.name])[0] AS chain, collect(hop.articles + [art.id])[0] AS articles
       RETURN {node: b, chain: chain, articles: articles, depth: 2}
     } AS level2
WITH level1, level2, core + [h IN level1 + level2 | h.node] AS seen2
WITH level1, level2, seen2, COLLECT {
       UNWIND CASE WHEN $depth >= 3 THEN level2 ELSE [] END AS hop
       WITH hop, hop.node AS a
       MATCH (a)<-[:MENTIONS]-(art:Article)-[:STATES]->(ca:Claim)
       WHERE ca.source = a.id AND NOT ca.negated
       MATCH (art)-[:STATES]->(cb:Claim)
       WHERE cb.target = ca.target AND cb.source <> a.id AND NOT cb.negated
       MATCH (b:Entity {id: cb.source})
       WHERE (b:Person OR b:Organisation) AND NOT b IN seen2
       WITH b, hop, art ORDER BY hop.chain, art.id
       WITH b, collect(hop.chain + [b.name])[0] AS chain, collect(hop.articles + [art.id])[0] AS articles
       RETURN {node: b, chain: chain, articles: articles, depth: 3}
     } AS level3
UNWIND level1 + level2 + level3 AS found
RETURN found.node.name AS name,
       [l IN labels(found.node) WHERE l <> 'Entity'][0] AS type,
       found.node.id AS id,
       found.depth AS depth,
       found.chain AS linked_through,
       found.articles AS articles
ORDER BY depth, name
