package llm

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/extract/resolve"
)

// Reasons a relation of the model's answer is dropped: the keys of
// Stats.Dropped. Relations with an unknown id or evidence not in the text
// are first sent back once for repair.
const (
	DropUnknownID     = "unknown id"
	DropNotInText     = "evidence not in the text"
	DropShortEvidence = "evidence too short"
	DropRelationType  = "unknown relation type"
	DropEntityTypes   = "entity types do not fit the relation"
	DropSelf          = "relation from an entity to itself"
	DropDuplicate     = "stated twice"
)

// Reasons an entity the model adds is not kept: the keys of
// Stats.DroppedEntities. A relation naming it is then dropped as
// DropUnknownID.
const (
	EntityNotInText    = "added entity not named in the text"
	EntityIncomplete   = "added entity incomplete or of an unknown type"
	EntityDuplicateRef = "added entity ref used twice"
)

// confidence is the confidence of every relation the model gives: it
// states none that is calibrated, and each relation kept has passed the
// same checks.
const confidence = 0.8

// minEvidence is the shortest evidence accepted, in bytes: a quote of a
// name alone is verbatim but proves nothing.
const minEvidence = 12

// The values of the schema's closed lists.
func relationTypes() []string { return []string{"AUTHORISED", "TARGETED", "AMPLIFIED"} }
func entityTypes() []string {
	return []string{kb.TypeState, kb.TypeAgency, kb.TypeOrganisation, kb.TypePerson, resolve.TypeElection}
}
func electionKinds() []string {
	return []string{"presidential", "parliamentary", "legislative", "general", "midterm", "referendum", "local", "european", "primary", "other"}
}

// sourceTypes and targetTypes are the entity types each end of a
// relation may have (GUIDELINES.md, Relation types).
func sourceTypes(rel string) []string {
	if rel == "AUTHORISED" {
		return []string{kb.TypePerson, kb.TypeAgency, kb.TypeState}
	}
	return []string{kb.TypeState, kb.TypeAgency, kb.TypeOrganisation, kb.TypePerson}
}

func targetTypes(rel string) []string {
	if rel == "AUTHORISED" {
		return []string{resolve.TypeElection, kb.TypePerson, kb.TypeState, kb.TypeOrganisation}
	}
	return []string{resolve.TypeElection, kb.TypePerson, kb.TypeState, kb.TypeOrganisation, kb.TypeAgency}
}

// checked is an answer after validation: only what may be loaded, and
// what was dropped and why.
type checked struct {
	relations []extract.RelationRecord
	// added are the entities the model added that resolved to no entity
	// of the offline result.
	added []extract.EntityRecord
	// notEntities are offline entity ids the model says are none.
	notEntities map[string]bool
	dropped     map[string]int
	droppedEnts map[string]int
	// problems are what a repair request tells the model: unknown ids and
	// evidence not in the text.
	problems []string
}

// validator checks answers about one article against its text, the
// entities of the offline result and the knowledge base.
type validator struct {
	kb       *kb.KB
	text     string
	article  string
	entities []extract.EntityRecord
	stamp    func(*extract.RelationRecord)
}

func (v *validator) check(ans answer) checked {
	c := checked{notEntities: map[string]bool{}, dropped: map[string]int{}, droppedEnts: map[string]int{}}
	types := make(map[string]string, len(v.entities))
	for _, e := range v.entities {
		types[e.ID] = e.Type
	}
	// Entities the model adds are resolved like any other name: through
	// the knowledge base, else to the id the rules give an unknown name.
	refs := map[string]string{}
	for _, ae := range ans.NewEntities {
		if _, dup := refs[ae.Ref]; dup || ae.Ref == "" {
			c.droppedEnts[EntityDuplicateRef]++
			continue
		}
		rec, reason := v.resolveAdded(ae)
		if reason != "" {
			c.droppedEnts[reason]++
			continue
		}
		refs[ae.Ref] = rec.ID
		if _, known := types[rec.ID]; !known {
			types[rec.ID] = rec.Type
			c.added = append(c.added, rec)
		}
	}
	lookup := func(id string) (string, bool) {
		if _, ok := types[id]; ok && !strings.HasPrefix(id, "new:") {
			return id, true
		}
		r, ok := refs[id]
		return r, ok
	}
	seen := map[string]bool{}
	used := map[string]bool{}
	for i, r := range ans.Relations {
		n := i + 1
		if !contains(relationTypes(), r.Type) {
			c.dropped[DropRelationType]++
			continue
		}
		src, ok1 := lookup(r.Source)
		tgt, ok2 := lookup(r.Target)
		if !ok1 || !ok2 {
			bad := r.Source
			if ok1 {
				bad = r.Target
			}
			c.dropped[DropUnknownID]++
			c.problems = append(c.problems, fmt.Sprintf("relation %d names %q, which is neither an id of the entity list nor a ref under \"new_entities\"", n, bad))
			continue
		}
		if src == tgt {
			c.dropped[DropSelf]++
			continue
		}
		if !contains(sourceTypes(r.Type), types[src]) || !contains(targetTypes(r.Type), types[tgt]) {
			c.dropped[DropEntityTypes]++
			continue
		}
		quote := strings.TrimSpace(r.Evidence)
		if len(quote) < minEvidence {
			c.dropped[DropShortEvidence]++
			continue
		}
		start, end, ok := findQuote(v.text, quote)
		if !ok {
			c.dropped[DropNotInText]++
			c.problems = append(c.problems, fmt.Sprintf("the evidence of relation %d, %q, is not in the article word for word", n, clip(quote, 160)))
			continue
		}
		key := src + "|" + r.Type + "|" + tgt + "|" + fmt.Sprint(r.Negated)
		if seen[key] {
			c.dropped[DropDuplicate]++
			continue
		}
		seen[key] = true
		used[src], used[tgt] = true, true
		rec := extract.RelationRecord{Kind: extract.KindRelation, Article: v.article, Type: r.Type, Source: src, Target: tgt,
			Negated: r.Negated, Confidence: confidence, Evidence: v.text[start:end], Span: extract.Span{start, end}, Rule: "llm"}
		rec.Context, rec.ContextStart = extract.Context(v.text, rec.Span)
		v.stamp(&rec)
		c.relations = append(c.relations, rec)
	}
	for _, id := range ans.NotEntities {
		if _, ok := types[id]; ok && !used[id] {
			c.notEntities[id] = true
		}
	}
	return c
}

// resolveAdded turns an entity the model added into an entity record, or
// says why it cannot be kept.
func (v *validator) resolveAdded(ae answerEntity) (extract.EntityRecord, string) {
	name := strings.Join(strings.Fields(ae.Name), " ")
	country := ""
	if ae.Country != nil {
		country = strings.ToUpper(strings.TrimSpace(*ae.Country))
	}
	if country != "" {
		if _, ok := v.kb.State(country); !ok {
			country = "" // not a state the knowledge base knows: as good as unnamed
		}
	}
	rec := extract.EntityRecord{Kind: extract.KindEntity, Article: v.article, Type: ae.Type}
	switch ae.Type {
	case resolve.TypeElection:
		kind := ""
		if ae.Kind != nil {
			kind = strings.ToLower(strings.TrimSpace(*ae.Kind))
		}
		if ae.Year == nil || *ae.Year < 1900 || *ae.Year > 2100 || !contains(electionKinds(), kind) {
			return rec, EntityIncomplete
		}
		stateName := ""
		if st, ok := v.kb.State(country); ok && country != "" {
			stateName = st.Name
		}
		rec.ID, rec.Name = resolve.ElectionIdentity(country, *ae.Year, kind, stateName)
		rec.Country, rec.Year, rec.ElectionKind = country, *ae.Year, kind
		return rec, ""
	case kb.TypeState:
		if st, ok := v.kb.State(country); ok && country != "" {
			return v.fromEntry(rec, st), ""
		}
		for _, id := range v.kb.Owners(name) {
			if e, ok := v.kb.Get(id); ok && e.Type == kb.TypeState {
				return v.fromEntry(rec, e), ""
			}
		}
		return rec, EntityIncomplete
	case kb.TypeAgency, kb.TypeOrganisation, kb.TypePerson:
	default:
		return rec, EntityIncomplete
	}
	if name == "" {
		return rec, EntityIncomplete
	}
	spans := mentions(v.text, name)
	if len(spans) == 0 {
		return rec, EntityNotInText
	}
	rec.Mentions = spans
	if e, ok := v.kbEntry(name, ae.Type, country); ok {
		return v.fromEntry(rec, e), ""
	}
	rec.Name, rec.Country = name, country
	switch ae.Type {
	case kb.TypePerson:
		rec.ID = "person:" + resolve.Slug(name)
	case kb.TypeOrganisation:
		rec.ID = "org:" + resolve.Slug(name)
	case kb.TypeAgency:
		if country == "" {
			return rec, EntityIncomplete // an agency is some state's body
		}
		rec.ID = "agency:" + strings.ToLower(country) + "-" + resolve.Slug(name)
	}
	if rec.ID == "person:" || rec.ID == "org:" {
		return rec, EntityIncomplete
	}
	return rec, ""
}

// kbEntry finds the knowledge-base entry of the given type that has name
// as a name or alias, preferring one of the given country.
func (v *validator) kbEntry(name, typ, country string) (kb.Entry, bool) {
	var found []kb.Entry
	for _, form := range []string{name, strings.TrimPrefix(name, "the "), strings.TrimPrefix(name, "The ")} {
		for _, id := range v.kb.Owners(form) {
			if e, ok := v.kb.Get(id); ok && e.Type == typ {
				found = append(found, e)
			}
		}
		if len(found) > 0 {
			break
		}
	}
	for _, e := range found {
		if country != "" && e.Country == country {
			return e, true
		}
	}
	if len(found) > 0 {
		return found[0], true
	}
	return kb.Entry{}, false
}

func (v *validator) fromEntry(rec extract.EntityRecord, e kb.Entry) extract.EntityRecord {
	rec.ID, rec.Type, rec.Name, rec.Subtype, rec.Wikidata = e.ID, e.Type, e.Name, e.Subtype, e.Wikidata
	if e.Type == kb.TypeState {
		rec.ISO2 = e.ISO2
	} else {
		rec.Country = e.Country
	}
	if len(rec.Mentions) == 0 {
		rec.Mentions = mentions(v.text, e.Name)
	}
	return rec
}

// mentions returns the spans where name occurs in text as a whole word.
func mentions(text, name string) []extract.Span {
	var out []extract.Span
	for from := 0; from < len(text); {
		i := strings.Index(text[from:], name)
		if i < 0 {
			break
		}
		s, e := from+i, from+i+len(name)
		if wordEdge(text, s, true) && wordEdge(text, e, false) {
			out = append(out, extract.Span{s, e})
		}
		from = s + 1
	}
	return out
}

func wordEdge(text string, at int, before bool) bool {
	var r rune
	if before {
		if at == 0 {
			return true
		}
		r, _ = utf8.DecodeLastRuneInString(text[:at])
	} else {
		if at >= len(text) {
			return true
		}
		r, _ = utf8.DecodeRuneInString(text[at:])
	}
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// findQuote returns the span of quote in text: the exact bytes when they
// occur, else the same words with white space, curly quotes and dashes
// written differently (models copy "don’t" as "don't" and join lines). The
// span is always of the article's own text.
func findQuote(text, quote string) (int, int, bool) {
	quote = strings.TrimSpace(quote)
	if quote == "" {
		return 0, 0, false
	}
	if i := strings.Index(text, quote); i >= 0 {
		return i, i + len(quote), true
	}
	nt, starts, ends := normalise(text)
	nq, _, _ := normalise(quote)
	if nq == "" {
		return 0, 0, false
	}
	i := strings.Index(nt, nq)
	if i < 0 {
		return 0, 0, false
	}
	return starts[i], ends[i+len(nq)-1], true
}

// normalise folds white space runs to one space and typographic quotes and
// dashes to ASCII, and says for each byte of the result the span of the
// original it stands for.
func normalise(s string) (string, []int, []int) {
	var b strings.Builder
	starts := make([]int, 0, len(s))
	ends := make([]int, 0, len(s))
	emit := func(str string, start, end int) {
		for k := 0; k < len(str); k++ {
			starts = append(starts, start)
			ends = append(ends, end)
		}
		b.WriteString(str)
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			j := i + size
			for j < len(s) {
				r2, s2 := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsSpace(r2) {
					break
				}
				j += s2
			}
			emit(" ", i, j)
			i = j
			continue
		}
		switch r {
		case '\u2018', '\u2019', '\u201b', '\u2032':
			emit("'", i, i+size)
		case '\u201c', '\u201d', '\u201f', '\u2033':
			emit("\"", i, i+size)
		case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212':
			emit("-", i, i+size)
		case '\u00a0':
			emit(" ", i, i+size)
		default:
			emit(s[i:i+size], i, i+size)
		}
		i += size
	}
	return b.String(), starts, ends
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "..."
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
