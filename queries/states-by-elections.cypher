// name: states-by-elections
// summary: States ranked by the number of elections they targeted, per
//   election year.
// param: min_articles int = 1 -- count a targeting only when at least this many articles report it
//
// A state targeted an election when it or one of its agencies (by
// Agency.country) is reported, not negated, to have TARGETED or AUTHORISED
// something against it.
//
// Neo4j Browser: set the parameter first, then run the query.
// :param min_articles => 1
MATCH (actor:Entity)-[r:TARGETED|AUTHORISED]->(e:Election)
WHERE NOT r.negated AND r.article_count >= $min_articles AND (actor:State OR actor:Agency)
WITH DISTINCT e, coalesce(actor.iso2, actor.country) AS iso2
MATCH (s:State {iso2: iso2})
WITH e.year AS year, s, collect(DISTINCT e.name) AS elections
RETURN year,
       s.name AS state,
       size(elections) AS elections_targeted,
       elections
ORDER BY year, elections_targeted DESC, state
