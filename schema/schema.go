// Package schema is the graph model of influencegraph: the one place that
// names node labels, relationship types, properties, constraints, indexes
// and the schema version. The Cypher DDL, the loader's statements, the
// `schema show` output and the README's Mermaid picture are all derived
// from the values here, so a label or property is spelled exactly once.
//
// Nothing in this package talks to Neo4j; graph/ does.
package schema

import (
	"fmt"
	"slices"
	"strings"
)

// Version is the schema version this build writes. It is recorded in the
// database on the Meta node, and Migrations bring an older database up to it.
const Version = 4

// Node labels.
const (
	// Entity is carried by every State, Agency, Organisation, Person,
	// Election, Operation and Narrative node, so that an entity can be found
	// by its canonical id without knowing its type and ids are unique
	// across types.
	Entity       = "Entity"
	State        = "State"
	Agency       = "Agency"
	Organisation = "Organisation"
	Person       = "Person"
	Election     = "Election"
	Operation    = "Operation"
	Narrative    = "Narrative"
	Article      = "Article"
	// Claim is one article's statement of one relation: the evidence
	// sentence and its span, trigger, rule, confidence, hedges and
	// attribution. Claims are the source of truth from which the actor
	// relationships' aggregates are computed.
	Claim = "Claim"
	// Meta labels the bookkeeping node holding the schema version.
	Meta = "InfluenceGraph"
)

// Relationship types.
const (
	Authorised = "AUTHORISED"
	Targeted   = "TARGETED"
	Amplified  = "AMPLIFIED"
	// Mentions links an Article to every entity it names.
	Mentions = "MENTIONS"
	// States links an Article to each Claim it makes.
	States = "STATES"
	// PartOf links an Agency to the State whose ISO code is its country:
	// the GRU to Russia. The loader derives it; no article states it.
	PartOf = "PART_OF"
)

// Property names shared by several labels or used by the loader.
const (
	PropID          = "id"
	PropName        = "name"
	PropAliases     = "aliases"
	PropKey         = "key"
	PropRelation    = "relation"
	PropDoc         = "doc"
	PropContentHash = "content_hash"
	PropSuperseded  = "superseded"
	PropNegated     = "negated"
	PropVersion     = "version"
	PropCount       = "count"
)

// Internal properties of actor relationships. With them the loader adds an
// article's claims to a relationship's provenance without reading all its
// earlier claims again (which would make a load slower the bigger the
// graph); they start with "_" so that exports leave them out.
const (
	// PropPublishedOf lists the publication date of each of "articles"
	// ("" when undated).
	PropPublishedOf = "_published"
	// PropEvidenceConfidence and PropEvidencePublished list the
	// confidence and publication date of each evidence sentence.
	PropEvidenceConfidence = "_evidence_confidence"
	PropEvidencePublished  = "_evidence_published"
	// PropAssertedConfidence, PropAssertedArticle and
	// PropAssertedPublished give, for each of asserted_by, the confidence,
	// article and publication date of its highest-ranked claim.
	PropAssertedConfidence = "_asserted_confidence"
	PropAssertedArticle    = "_asserted_article"
	PropAssertedPublished  = "_asserted_published"
)

// ArticleListCap is the most article ids an actor relationship lists in
// "articles" (the earliest reported); article_count counts them all, and
// the Claims behind it (Claim.relation = its key) name every one. The cap
// keeps what a new article rewrites on a hub relationship (Russia TARGETED
// an election, stated by thousands of articles) the same size however
// large the graph grows.
const ArticleListCap = 100

// MetaID is the id of the Meta node holding the schema version.
const MetaID = "schema"

// Property is one property of a node label or relationship type.
type Property struct {
	Name string
	// Type is the Cypher type, e.g. STRING, LIST<STRING>, INTEGER.
	Type string
	Doc  string
}

// NodeType is one node label and its properties.
type NodeType struct {
	Label string
	// Labels lists further labels every node of this type carries.
	Labels     []string
	Doc        string
	Properties []Property
	// EntityType is the extractor's entity type name mapped to this label
	// ("" for labels that are not entities).
	EntityType string
}

// RelType is one relationship type with its endpoints and properties.
type RelType struct {
	Type string
	// From and To name the endpoint labels.
	From, To   string
	Doc        string
	Properties []Property
	// Actor is true for the relations the extractor emits between entities;
	// these carry the provenance aggregates.
	Actor bool
}

// Constraint is a uniqueness constraint on one property of one label.
type Constraint struct {
	Name     string
	Label    string
	Property string
	// Since is the schema version that introduced it.
	Since int
}

// Index is a range index on one or more properties of a label or of a
// relationship type (Rel true).
type Index struct {
	Name       string
	Label      string
	Rel        bool
	Properties []string
	Since      int
}

// Drop is a constraint an earlier version created and a later one
// removes; the migration to Version drops it.
type Drop struct {
	Name    string
	Version int
}

// DDL returns the Cypher statement dropping the constraint if present.
func (d Drop) DDL() string {
	return fmt.Sprintf("DROP CONSTRAINT %s IF EXISTS", d.Name)
}

// Model is the whole graph model. It prints itself (String) and draws
// itself (Mermaid).
type Model struct {
	Version     int
	Nodes       []NodeType
	Rels        []RelType
	Constraints []Constraint
	// Drops are constraints of earlier versions that are gone.
	Drops   []Drop
	Indexes []Index
}

var entityLabels = []string{State, Agency, Organisation, Person, Election, Operation, Narrative}

var actorTypes = []string{Authorised, Targeted, Amplified}

// EntityLabels returns the labels of entity nodes.
func EntityLabels() []string { return slices.Clone(entityLabels) }

// ActorTypes returns the actor relationship types, the relations the loader
// accepts from the extractor.
func ActorTypes() []string { return slices.Clone(actorTypes) }

// EntityLabel maps the extractor's entity type ("State", "Agency", ...) to
// its node label; ok is false for a type the model does not know, which the
// loader then skips rather than inventing a label from input text.
func EntityLabel(entityType string) (label string, ok bool) {
	if slices.Contains(entityLabels, entityType) {
		return entityType, true
	}
	return "", false
}

// ActorType maps the extractor's relation type to a relationship type; ok
// is false for a type the model does not know.
func ActorType(relType string) (string, bool) {
	if slices.Contains(actorTypes, relType) {
		return relType, true
	}
	return "", false
}

// RelationKey is the identity of an actor relationship: one per (source,
// type, target, negated). Claims carry it in PropRelation and the
// relationship in PropKey, so an analyst can join an edge to its evidence.
func RelationKey(source, relType, target string, negated bool) string {
	n := "asserted"
	if negated {
		n = "negated"
	}
	return source + "|" + relType + "|" + target + "|" + n
}

func entityProps(extra ...Property) []Property {
	base := []Property{
		{PropID, "STRING", "canonical id from the extractor, e.g. state:RU; unique across all entities"},
		{PropName, "STRING", "display name"},
		{PropAliases, "LIST<STRING>", "other names seen, in order of first sighting"},
		{"wikidata", "STRING", "Wikidata id when known"},
	}
	return append(base, extra...)
}

// actorProps are the provenance aggregates of every actor relationship,
// recomputed from its Claims after each batch.
var actorProps = []Property{
	{PropKey, "STRING", "source|TYPE|target|asserted or negated; Claim.relation holds the same key"},
	{PropNegated, "BOOLEAN", "the articles say it did not happen"},
	{"articles", "LIST<STRING>", fmt.Sprintf("ids of the articles that state it, earliest first, at most the first %d (article_count counts all; the Claims name them all; claims an analyst rejected do not count here or below)", ArticleListCap)},
	{"article_count", "INTEGER", "number of those articles"},
	{"outlet_count", "INTEGER", "number of distinct outlets among them; an article of unknown outlet counts as one of its own"},
	{"first_reported", "STRING", "earliest publication date (YYYY-MM-DD) among them"},
	{"last_reported", "STRING", "latest publication date among them"},
	{"max_confidence", "FLOAT", "highest extractor confidence"},
	{"hedged", "BOOLEAN", "every stating sentence is hedged (reportedly, allegedly...): the reporters' doubt"},
	{"attempted", "BOOLEAN", "every stating sentence reports an attempt (attempted, sought to...): an act, not a doubt"},
	{"basis", "STRING", "stated when some claim's sentence names both ends, inferred when every claim is the extractor's inference"},
	{"asserted_by", "LIST<STRING>", "who asserts it: the claims' asserters (an entity's name, else the text's words), distinct"},
	{"evidence", "LIST<STRING>", "evidence sentences, most confident first, capped at load.evidence_cap"},
	{"evidence_articles", "LIST<STRING>", "the article id of each evidence sentence"},
}

// Default returns the model this build uses.
func Default() Model {
	m := Model{Version: Version}
	m.Nodes = []NodeType{
		{Label: State, Labels: []string{Entity}, EntityType: State, Doc: "a sovereign country or its government as a whole",
			Properties: entityProps(Property{"iso2", "STRING", "ISO 3166-1 alpha-2 code"})},
		{Label: Agency, Labels: []string{Entity}, EntityType: Agency, Doc: "a body of a state: intelligence service, ministry, state media, court...",
			Properties: entityProps(Property{"country", "STRING", "ISO2 of the state it belongs to"}, Property{"kind", "STRING", "intelligence, ministry, state-media..."})},
		{Label: Organisation, Labels: []string{Entity}, EntityType: Organisation, Doc: "a non-state group: company, outlet, party, troll farm, threat actor",
			Properties: entityProps(Property{"country", "STRING", "ISO2 when known"}, Property{"kind", "STRING", "subtype when known"})},
		{Label: Person, Labels: []string{Entity}, EntityType: Person, Doc: "a named individual",
			Properties: entityProps(Property{"country", "STRING", "ISO2 when known"})},
		{Label: Election, Labels: []string{Entity}, EntityType: Election, Doc: "one specific election or referendum; one of no known country is its article's own (id election:XX-2020-other@ARTICLE)",
			Properties: entityProps(Property{"country", "STRING", "ISO2"}, Property{"year", "INTEGER", "year held"},
				Property{"kind", "STRING", "presidential, parliamentary, referendum..."}, Property{"date", "STRING", "YYYY-MM-DD when known"})},
		{Label: Operation, Labels: []string{Entity}, EntityType: Operation, Doc: "a named campaign or network (Doppelganger), when the extractor emits it",
			Properties: entityProps()},
		{Label: Narrative, Labels: []string{Entity}, EntityType: Narrative, Doc: "a narrative or claim being spread, when the extractor emits it",
			Properties: entityProps()},
		{Label: Article, Doc: "one version of one article; a corrected text is a new Article that replaces the old one",
			Properties: []Property{
				{PropID, "STRING", "the extractor's article id (a hash of the text)"},
				{PropDoc, "STRING", "the document the version belongs to: its url, else its first source path"},
				{"url", "STRING", "address, when known"},
				{"title", "STRING", "headline"},
				{"published", "STRING", "publication date YYYY-MM-DD, when known"},
				{"outlet", "STRING", "publishing outlet: its outlet line, else the url's host (example.org), when known"},
				{"sources", "LIST<STRING>", "files or feeds the text came from"},
				{"text_hash", "STRING", "hash of the extracted text"},
				{PropContentHash, "STRING", "hash of everything loaded for it; unchanged input is skipped"},
				{PropSuperseded, "LIST<STRING>", "ids of the earlier versions it replaced; loading one of them again is skipped"},
				{"loaded_at", "DATETIME", "when this content was first loaded (not touched by re-runs)"},
			}},
		{Label: Claim, Doc: "one article's statement of one relation, with its evidence",
			Properties: []Property{
				{PropID, "STRING", "article id + relation key"},
				{PropRelation, "STRING", "the key of the actor relationship it supports"},
				{"article", "STRING", "article id"},
				{"type", "STRING", "relation type"},
				{"source", "STRING", "source entity id"},
				{"target", "STRING", "target entity id"},
				{PropNegated, "BOOLEAN", "stated as not having happened"},
				{"sentence", "STRING", "the evidence sentence"},
				{"span_start", "INTEGER", "byte offset of the sentence in the article text"},
				{"span_end", "INTEGER", "end byte offset (exclusive)"},
				{"trigger", "STRING", "trigger word"},
				{"rule", "STRING", "extraction rule (model: decided by the relation model, model:RULE when a rule agreed)"},
				{"confidence", "FLOAT", "extractor confidence 0..1 (the relation model's probability)"},
				{"relation_model", "STRING", "version of the learned relation model that decided it"},
				{"why", "LIST<STRING>", "the relation model's features that weighed most"},
				{"extractor", "STRING", "llm when a language model extracted it (absent: offline)"},
				{"llm_model", "STRING", "the language model that answered"},
				{"prompt_version", "STRING", "the version of the prompt it answered"},
				{"hedges", "LIST<STRING>", "hedging words qualifying it: the reporter's doubt (reportedly, may have...)"},
				{"attempted", "BOOLEAN", "the act is reported as an attempt (attempted, sought to...)"},
				{"basis", "STRING", "stated: its sentence names both ends; inferred: the extractor supplied an end or joined sentences"},
				{"attribution", "STRING", "the reporting clause, as the text says it"},
				{"asserter", "STRING", "who asserts it: the entity's name when attributed_to is set, else the text's words"},
				{"attribution_cue", "STRING", "the reporting words of the clause (said, according to...)"},
				{"attributed_to", "STRING", "entity id of the asserter, when an entity"},
				{"context", "STRING", "the text around the sentence, from byte context_start of the article"},
				{"context_start", "INTEGER", "byte offset of context in the article text"},
				{"sentence_at", "INTEGER", "where the sentence starts in context, in characters: substring(context, sentence_at, size(sentence)) = sentence"},
				{"published", "STRING", "the article's publication date"},
				{"outlet", "STRING", "the article's outlet"},
				{"rejected", "BOOLEAN", "an analyst rejected it (review file): it no longer counts for its relation; absent otherwise"},
				{"rejected_by", "STRING", "who rejected it"},
				{"rejected_why", "STRING", "why it was rejected"},
				{"rejected_at", "DATETIME", "when it was rejected"},
			}},
		{Label: Meta, Doc: "bookkeeping: the schema version",
			Properties: []Property{
				{PropID, "STRING", `"schema" or "review" (databases loaded before version 4 also have "load-lock")`},
				{PropVersion, "INTEGER", "schema version of the database"},
				{"claims", "LIST<STRING>", "on review: ids of the claims the review file rejected when last applied"},
				{"applied_at", "DATETIME", "when it was last migrated"},
			}},
	}
	for _, t := range actorTypes {
		m.Rels = append(m.Rels, RelType{Type: t, From: Entity, To: Entity, Actor: true, Properties: actorProps, Doc: actorDoc[t]})
	}
	m.Rels = append(m.Rels,
		RelType{Type: Mentions, From: Article, To: Entity, Doc: "the article names the entity",
			Properties: []Property{{PropCount, "INTEGER", "number of mentions in the text"}}},
		RelType{Type: States, From: Article, To: Claim, Doc: "the article makes the claim"},
		RelType{Type: PartOf, From: Agency, To: State, Doc: "the agency belongs to the state (Agency.country = State.iso2); derived by the loader"},
	)
	m.Constraints = append(m.Constraints, Constraint{Name: "entity_id", Label: Entity, Property: PropID, Since: 1})
	for _, l := range entityLabels {
		m.Constraints = append(m.Constraints, Constraint{Name: lower(l) + "_id", Label: l, Property: PropID, Since: 1})
	}
	m.Constraints = append(m.Constraints,
		Constraint{Name: "article_id", Label: Article, Property: PropID, Since: 1},
		Constraint{Name: "meta_id", Label: Meta, Property: PropID, Since: 1},
	)
	// A claim is written once, by its article's batch under the load
	// lock, so its id needs no uniqueness check; the constraint's index
	// cost a fifth of a first load's time.
	m.Drops = []Drop{{Name: "claim_id", Version: 2}}
	m.Indexes = []Index{
		{Name: "entity_name", Label: Entity, Properties: []string{PropName}, Since: 1},
		{Name: "election_country_year", Label: Election, Properties: []string{"country", "year"}, Since: 1},
		{Name: "article_doc", Label: Article, Properties: []string{PropDoc}, Since: 1},
		{Name: "article_published", Label: Article, Properties: []string{"published"}, Since: 1},
		{Name: "claim_relation", Label: Claim, Properties: []string{PropRelation}, Since: 1},
	}
	for _, t := range actorTypes {
		m.Indexes = append(m.Indexes, Index{Name: lower(t) + "_key", Label: t, Rel: true, Properties: []string{PropKey}, Since: 1})
	}
	m.Indexes = append(m.Indexes,
		Index{Name: "state_iso2", Label: State, Properties: []string{"iso2"}, Since: 3},
		Index{Name: "agency_country", Label: Agency, Properties: []string{"country"}, Since: 3},
		// Whether a batch's outlet is new to a relationship is asked of
		// its claims, so no relationship lists its outlets.
		Index{Name: "claim_relation_outlet", Label: Claim, Properties: []string{PropRelation, "outlet"}, Since: 4},
	)
	return m
}

var actorDoc = map[string]string{
	Authorised: "approved, ordered or oversaw an influence operation aimed at the target",
	Targeted:   "conducted or attempted influence, interference, hacking... aimed at the target",
	Amplified:  "spread or laundered narratives or content about the target",
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// DDL returns the Cypher statement creating the constraint if it is absent.
func (c Constraint) DDL() string {
	return fmt.Sprintf("CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.%s IS UNIQUE", c.Name, c.Label, c.Property)
}

// DDL returns the Cypher statement creating the index if it is absent.
func (ix Index) DDL() string {
	props := ""
	v := "n"
	if ix.Rel {
		v = "r"
	}
	for i, p := range ix.Properties {
		if i > 0 {
			props += ", "
		}
		props += v + "." + p
	}
	if ix.Rel {
		return fmt.Sprintf("CREATE INDEX %s IF NOT EXISTS FOR ()-[r:%s]-() ON (%s)", ix.Name, ix.Label, props)
	}
	return fmt.Sprintf("CREATE INDEX %s IF NOT EXISTS FOR (n:%s) ON (%s)", ix.Name, ix.Label, props)
}

// Migration brings a database from Version-1 to Version. Schema statements
// (DDL) each run in their own transaction; Data statements run after them.
// Every statement must be safe to run twice, so an interrupted migration
// can simply be run again.
type Migration struct {
	Version     int
	Description string
	DDL         []string
	Data        []string
}

// Migrations returns the forward migrations of the model, oldest first.
// The DDL of version n creates every constraint and index introduced in n
// and drops those n removes.
func (m Model) Migrations() []Migration {
	descriptions := map[int]string{
		1: "constraints on ids, indexes on names, documents, claims and relation keys",
		2: "drop the uniqueness constraint on Claim.id (claims are written once, under their article's lock)",
		3: "PART_OF from each agency to its state, with indexes on State.iso2 and Agency.country",
		4: "actor relationships keep no outlet list and at most ArticleListCap articles; index on Claim(relation, outlet); no load-lock node",
	}
	data := map[int][]string{
		3: {fmt.Sprintf(`MATCH (a:%[1]s) WHERE a.country IS NOT NULL
MATCH (s:%[2]s {iso2: a.country})
MERGE (a)-[:%[3]s]->(s)`, Agency, State, PartOf)},
		// Relationships written before version 4 lose their outlet list
		// and keep the first ArticleListCap articles; lacking the
		// version-4 bookkeeping, the loader recomputes each from its
		// claims the next time an article adds to it.
		4: {fmt.Sprintf(`MATCH ()-[r:%[1]s]->() WHERE r._outlets IS NOT NULL
SET r.articles = r.articles[0..%[2]d], r.%[3]s = r.%[3]s[0..%[2]d]
REMOVE r._outlets`, strings.Join(actorTypes, "|"), ArticleListCap, PropPublishedOf),
			fmt.Sprintf(`MATCH (m:%s {%s: 'load-lock'}) DELETE m`, Meta, PropID)},
	}
	var out []Migration
	for v := 1; v <= m.Version; v++ {
		mig := Migration{Version: v, Description: descriptions[v], Data: data[v]}
		for _, c := range m.Constraints {
			if c.Since == v {
				mig.DDL = append(mig.DDL, c.DDL())
			}
		}
		for _, ix := range m.Indexes {
			if ix.Since == v {
				mig.DDL = append(mig.DDL, ix.DDL())
			}
		}
		for _, d := range m.Drops {
			if d.Version == v {
				mig.DDL = append(mig.DDL, d.DDL())
			}
		}
		out = append(out, mig)
	}
	return out
}

// Pending returns the migrations needed to bring a database at version
// from up to the model's version.
func (m Model) Pending(from int) []Migration {
	var out []Migration
	for _, mig := range m.Migrations() {
		if mig.Version > from {
			out = append(out, mig)
		}
	}
	return out
}

// Node returns the node type with the given label.
func (m Model) Node(label string) (NodeType, bool) {
	for _, n := range m.Nodes {
		if n.Label == label {
			return n, true
		}
	}
	return NodeType{}, false
}
