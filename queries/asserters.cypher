// name: asserters
// summary: Who asserts each relation: the asserting entities and their
//   countries, to find the edges asserted only by the accused's rivals or
//   only by one government.
// param: type string = any -- AUTHORISED, TARGETED, AMPLIFIED, or any
// param: countries string = "" -- comma-separated ISO2 codes (US,GB,UA): keep the edges every claim of which an entity of these countries asserts; empty keeps all
// param: one_government bool = false -- keep the edges every claim of which one and the same government asserts (a state or its agencies)
// param: basis string = any -- stated, inferred, or any
//
// A claim's asserter is the entity its reporting clause names (ODNI in
// "the ODNI said", Microsoft in "according to Microsoft"); its country is
// a state's ISO2 code or the country of an agency, organisation or person.
// A claim whose clause names no entity ("analysts say", "he added") has no
// asserting country: it counts in unattributed, and an edge with such a
// claim is kept by neither filter. Claims reported as not having happened
// are left out. For the accused's rivals, give their countries:
// countries=US,GB,UA for Russia's.
//
// Neo4j Browser: set the parameters first, then run the query.
// :param type => 'any'
// :param countries => ''
// :param one_government => false
// :param basis => 'any'
WITH [c IN split(toUpper($countries), ',') WHERE trim(c) <> '' | trim(c)] AS wanted
MATCH (s:Entity)-[r:AUTHORISED|TARGETED|AMPLIFIED]->(t:Entity)
WHERE NOT r.negated AND ($type = 'any' OR type(r) = toUpper($type)) AND ($basis = 'any' OR r.basis = $basis)
WITH wanted, s, r, t, COLLECT {
       MATCH (c:Claim {relation: r.key})
       OPTIONAL MATCH (who:Entity {id: c.attributed_to})
       RETURN {name: who.name, country: coalesce(who.iso2, who.country),
               government: who:State OR who:Agency}
       ORDER BY c.published, c.article
     } AS claims
WITH wanted, s, r, t, claims,
     reduce(cs = [], x IN claims | CASE WHEN x.country IS NULL OR x.country IN cs THEN cs ELSE cs + x.country END) AS countries
WHERE (size(wanted) = 0 OR all(x IN claims WHERE x.country IN wanted))
  AND (NOT $one_government OR (size(countries) = 1 AND all(x IN claims WHERE x.government)))
RETURN s.name AS source,
       type(r) AS relation,
       t.name AS target,
       r.article_count AS articles,
       r.basis AS basis,
       reduce(ns = [], x IN claims | CASE WHEN x.name IS NULL OR x.name IN ns THEN ns ELSE ns + x.name END) AS asserters,
       countries AS asserter_countries,
       size([x IN claims WHERE x.country IS NULL]) AS unattributed,
       r.asserted_by AS asserted_by
ORDER BY articles DESC, source, relation, target
