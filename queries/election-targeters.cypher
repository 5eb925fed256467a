// name: election-targeters
// summary: Who targeted an election, with who authorised it, ranked by the
//   number of reporting articles and outlets.
// param: election string = election:US-2020-presidential -- the election's id (find it with find-entity)
// param: basis string = any -- stated, inferred, or any: keep only relations some sentence states (both ends named in it), or only the extractor's inferences
//
// An actor's authorisers are those reported to have AUTHORISED the actor
// itself, or the election when they belong to the actor's own state (same
// ISO2 country). Claims reported as not having happened are left out.
// basis says whether some article's sentence names both the actor and the
// election (stated) or the extractor inferred the link (inferred: the
// sentence named no election, or the two meet only across sentences);
// attempted, that every article reports an attempt ("sought to").
//
// Neo4j Browser: set the parameter first, then run the query.
// :param election => 'election:US-2020-presidential'
// :param basis => 'any'
MATCH (e:Election {id: $election})
WITH e, COLLECT {
       MATCH (auth:Entity)-[a:AUTHORISED]->(e) WHERE NOT a.negated
       RETURN {node: auth, country: coalesce(auth.iso2, auth.country)}
     } AS electionAuthorisers
MATCH (e)<-[t:TARGETED]-(actor:Entity)
WHERE NOT t.negated AND ($basis = 'any' OR t.basis = $basis)
WITH actor, t, electionAuthorisers, coalesce(actor.iso2, actor.country) AS actorCountry
RETURN actor.name AS actor,
       [l IN labels(actor) WHERE l <> 'Entity'][0] AS type,
       actor.id AS id,
       t.article_count AS articles,
       t.outlet_count AS outlets,
       t.first_reported AS first_reported,
       t.last_reported AS last_reported,
       t.hedged AS hedged,
       t.attempted AS attempted,
       t.basis AS basis,
       COLLECT {
         MATCH (auth:Entity)-[a:AUTHORISED]->(actor)
         WHERE NOT a.negated
         RETURN auth.name AS name
         UNION
         UNWIND electionAuthorisers AS ea
         WITH ea WHERE ea.node <> actor AND ea.country = actorCountry
         RETURN ea.node.name AS name
       } AS authorised_by
ORDER BY articles DESC, outlets DESC, actor
