// name: quote
// summary: Show me the sentence: each article's evidence for one relation,
//   in the text around it, with the article's url and whether the stored
//   offsets check out.
// param: source string = state:RU -- the source entity's id
// param: type string = TARGETED -- AUTHORISED, TARGETED or AMPLIFIED
// param: target string = election:US-2020-presidential -- the target entity's id
//
// The loader keeps, on each Claim, the text around its sentence (context,
// up to a few hundred bytes either side, starting at byte context_start of
// the article) and where the sentence starts in it (sentence_at, in
// characters as Cypher counts them). before and after are the context on
// either side of the sentence; offsets_ok is true when the context holds
// the sentence exactly where the claim says, null for a claim loaded
// without context (by an earlier version, or from an extract file without
// it). span_start and span_end are byte offsets into the article's text,
// for checking against the article at its url.
//
// Neo4j Browser: set the parameters first, then run the query.
// :param source => 'state:RU'
// :param type => 'TARGETED'
// :param target => 'election:US-2020-presidential'
WITH $source + '|' + toUpper($type) + '|' + $target + '|' AS prefix
MATCH (art:Article)-[:STATES]->(c:Claim)
WHERE c.relation IN [prefix + 'asserted', prefix + 'negated']
RETURN art.url AS url,
       art.title AS title,
       art.published AS published,
       c.negated AS negated,
       substring(c.context, 0, c.sentence_at) AS before,
       c.sentence AS sentence,
       substring(c.context, c.sentence_at + size(c.sentence)) AS after,
       substring(c.context, c.sentence_at, size(c.sentence)) = c.sentence AS offsets_ok,
       c.span_start AS span_start,
       c.span_end AS span_end,
       c.basis AS basis,
       c.asserter AS asserter
ORDER BY negated, published, url
