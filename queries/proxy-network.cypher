// name: proxy-network
// summary: People and organisations linked to a state through its agencies,
//   up to a given depth.
// param: state string = state:RU -- the state's id
// param: depth int = 2 -- how many links away from the state (1 to 3)
//
// The model has no "agent of" relationship: the extractor reports who did
// what to whom. So the network is read from co-occurring claims. The core
// is the state and its agencies (Agency.country = the state's ISO2). A
// person or organisation is one link away from the core when one article
// reports both it and a core member acting (AUTHORISED, TARGETED or
// AMPLIFIED, not negated) on the same target; two links away when it is
// so linked to someone one link away; and so on. Each row gives the
// shortest chain found and the article behind each link. A link is a lead
// to check with edge-evidence, not proof of a tie; on a large graph keep
// the depth low.
//
// Neo4j Browser: set the parameters first, then run the query.
// :param state => 'state:RU'
// :param depth => 2
MATCH (s:State {id: $state})
WITH [s] + COLLECT { MATCH (ag:Agency) WHERE ag.country = s.iso2 RETURN ag } AS core
UNWIND core AS c
MATCH p = (c)((a:Entity)<-[:MENTIONS]-(art:Article)-[:MENTIONS]->(b:Entity)
            WHERE (b:Person OR b:Organisation) AND EXISTS {
              MATCH (art)-[:STATES]->(ca:Claim), (art)-[:STATES]->(cb:Claim)
              WHERE ca.source = a.id AND cb.source = b.id AND ca.target = cb.target
                AND NOT ca.negated AND NOT cb.negated
            }){1,3}(proxy)
WHERE size(b) <= $depth AND NOT proxy IN core
WITH proxy, size(b) AS hops, [c.name] + [x IN b | x.name] AS chain, [x IN art | x.id] AS articles
ORDER BY hops, chain, articles
WITH proxy, collect({hops: hops, chain: chain, articles: articles})[0] AS best
RETURN proxy.name AS name,
       [l IN labels(proxy) WHERE l <> 'Entity'][0] AS type,
       proxy.id AS id,
       best.hops AS depth,
       best.chain AS linked_through,
       best.articles AS articles
ORDER BY depth, name
