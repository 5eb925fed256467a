// name: proxy-network
// summary: People and organisations said to act for a state: its agencies'
//   and its own, up to a given depth.
// param: state string = state:RU -- the state's id
// param: depth int = 2 -- how many links away from the state (1 to 3)
//
// Only relations that say who acts for whom make a link. The core is the
// state and its agencies (PART_OF it). A person or organisation is one
// link away from the core when a sentence that reports it acting (a claim
// with it as the source, not negated, not rejected) says it did so "on
// behalf of" a core member or is "linked to" one, by name or alias; two
// links away when such a sentence ties it to someone one link away; and
// so on, breadth first. Acting on the same target is not a link. Each row
// gives the shortest chain found, the number of articles whose sentences
// make its last link, and one such sentence. A link is a lead to check
// with edge-evidence, not proof of a tie.
//
// Neo4j Browser: set the parameters first, then run the query.
// :param state => 'state:RU'
// :param depth => 2
MATCH (s:State {id: $state})
WITH [s] + COLLECT { MATCH (s)<-[:PART_OF]-(ag:Agency) RETURN ag } AS core
WITH core, [c IN core | {node: c, chain: [c.name]}] AS level0
WITH core, level0, COLLECT {
       UNWIND CASE WHEN $depth >= 1 THEN level0 ELSE [] END AS hop
       WITH hop, hop.node AS a, [x IN [hop.node.name] + coalesce(hop.node.aliases, []) | toLower(x)] AS names
       MATCH (a)<-[:MENTIONS]-(art:Article)-[:MENTIONS]->(b:Entity)
       WHERE (b:Person OR b:Organisation) AND NOT b IN core
       MATCH (art)-[:STATES]->(c:Claim)
       WHERE c.source = b.id AND NOT c.negated AND c.rejected IS NULL
         AND ANY(x IN names WHERE toLower(c.sentence) CONTAINS 'on behalf of ' + x
                 OR toLower(c.sentence) CONTAINS 'linked to ' + x OR toLower(c.sentence) CONTAINS 'linked to the ' + x)
       WITH b, hop, art, c ORDER BY hop.chain, art.published, art.id
       WITH b, collect(hop.chain + [b.name])[0] AS chain, count(DISTINCT art) AS articles, collect(c.sentence)[0] AS evidence
       RETURN {node: b, chain: chain, articles: articles, evidence: evidence, depth: 1}
     } AS level1
WITH core, level1, core + [h IN level1 | h.node] AS seen1
WITH core, level1, seen1, COLLECT {
       UNWIND CASE WHEN $depth >= 2 THEN level1 ELSE [] END AS hop
       WITH hop, hop.node AS a, [x IN [hop.node.name] + coalesce(hop.node.aliases, []) | toLower(x)] AS names
       MATCH (a)<-[:MENTIONS]-(art:Article)-[:MENTIONS]->(b:Entity)
       WHERE (b:Person OR b:Organisation) AND NOT b IN seen1
       MATCH (art)-[:STATES]->(c:Claim)
       WHERE c.source = b.id AND NOT c.negated AND c.rejected IS NULL
         AND ANY(x IN names WHERE toLower(c.sentence) CONTAINS 'on behalf of ' + x
                 OR toLower(c.sentence) CONTAINS 'linked to ' + x OR toLower(c.sentence) CONTAINS 'linked to the ' + x)
       WITH b, hop, art, c ORDER BY hop.chain, art.published, art.id
       WITH b, collect(hop.chain + [b.name])[0] AS chain, count(DISTINCT art) AS articles, collect(c.sentence)[0] AS evidence
       RETURN {node: b, chain: chain, articles: articles, evidence: evidence, depth: 2}
     } AS level2
WITH level1, level2, core + [h IN level1 + level2 | h.node] AS seen2
WITH level1, level2, seen2, COLLECT {
       UNWIND CASE WHEN $depth >= 3 THEN level2 ELSE [] END AS hop
       WITH hop, hop.node AS a, [x IN [hop.node.name] + coalesce(hop.node.aliases, []) | toLower(x)] AS names
       MATCH (a)<-[:MENTIONS]-(art:Article)-[:MENTIONS]->(b:Entity)
       WHERE (b:Person OR b:Organisation) AND NOT b IN seen2
       MATCH (art)-[:STATES]->(c:Claim)
       WHERE c.source = b.id AND NOT c.negated AND c.rejected IS NULL
         AND ANY(x IN names WHERE toLower(c.sentence) CONTAINS 'on behalf of ' + x
                 OR toLower(c.sentence) CONTAINS 'linked to ' + x OR toLower(c.sentence) CONTAINS 'linked to the ' + x)
       WITH b, hop, art, c ORDER BY hop.chain, art.published, art.id
       WITH b, collect(hop.chain + [b.name])[0] AS chain, count(DISTINCT art) AS articles, collect(c.sentence)[0] AS evidence
       RETURN {node: b, chain: chain, articles: articles, evidence: evidence, depth: 3}
     } AS level3
UNWIND level1 + level2 + level3 AS found
RETURN found.node.name AS name,
       [l IN labels(found.node) WHERE l <> 'Entity'][0] AS type,
       found.node.id AS id,
       found.depth AS depth,
       found.chain AS linked_through,
       found.articles AS articles,
       found.evidence AS evidence
ORDER BY depth, articles DESC, name
