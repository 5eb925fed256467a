// name: edge-evidence
// summary: The evidence behind one relation: each article's sentence, outlet,
//   date, hedging and who asserts it.
// param: source string = person:vladimir-putin -- the source entity's id
// param: type string = AUTHORISED -- AUTHORISED, TARGETED or AMPLIFIED
// param: target string = election:US-2020-presidential -- the target entity's id
//
// One row per article stating the relation, asserted rows first, then any
// reporting it as not having happened (negated). The Claim nodes hold the
// evidence; their relation key is source|TYPE|target|asserted or negated,
// the key property of the relationship. Claims an analyst rejected are
// left out (review list shows them); the claim column is the id that
// review reject takes. asserted_by is who asserts it (an entity's name,
// with its id in asserter_id, else the text's words), cue the reporting
// words, attribution the whole reporting clause; basis is stated or
// inferred, attempted whether the sentence reports an attempt. The quote
// query shows each sentence in the text around it.
//
// Neo4j Browser: set the parameters first, then run the query.
// :param source => 'person:vladimir-putin'
// :param type => 'AUTHORISED'
// :param target => 'election:US-2020-presidential'
WITH $source + '|' + toUpper($type) + '|' + $target + '|' AS prefix
MATCH (art:Article)-[:STATES]->(c:Claim)
WHERE c.relation IN [prefix + 'asserted', prefix + 'negated'] AND c.rejected IS NULL
RETURN c.negated AS negated,
       art.published AS published,
       art.outlet AS outlet,
       art.title AS title,
       art.url AS url,
       art.id AS article,
       c.sentence AS sentence,
       c.hedges AS hedges,
       c.attempted AS attempted,
       c.basis AS basis,
       CASE WHEN c.asserter IS NOT NULL THEN c.asserter WHEN c.attribution_cue IS NULL THEN c.attribution END AS asserted_by,
       c.attributed_to AS asserter_id,
       c.attribution_cue AS cue,
       c.attribution AS attribution,
       c.confidence AS confidence,
       c.id AS claim
ORDER BY negated, published, article
