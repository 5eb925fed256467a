// Package identity decides which node of the graph an extracted entity
// becomes, beyond the extractor's canonical id: an election whose country
// the article leaves unnamed is scoped to its article, and analysts' merges
// ("person:vladimir-puttin is person:vladimir-putin") and splits ("in this
// article, person:john-smith is another John Smith") from a file of their
// own are applied. The loader and export apply it to every article they
// read, so the graph follows the file on every load.
//
// The extractor's output (and so the evaluation, which matches elections
// by country and year) is left as it is: identity is a property of the
// graph, decided where the graph is built.
package identity

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/extract/kb"
)

// unscopedElection starts the id the extractor gives an election of no
// known country (GUIDELINES: country null where the article leaves it
// unnamed): election:XX-2020-other.
const unscopedElection = "election:XX-"

// ScopeSep separates an article-scoped election id from its article id:
// election:XX-2020-other@4aee16553d6bf3fe.
const ScopeSep = "@"

// ScopedElection returns the graph id of an entity id in an article: an
// election without a country gets the article's id appended, so that "an
// unnamed European country's 2020 vote" and "an unnamed Asian country's"
// in two articles are two nodes; every other id is returned as it is.
func ScopedElection(id, article string) string {
	if strings.HasPrefix(id, unscopedElection) && !strings.Contains(id, ScopeSep) && article != "" {
		return id + ScopeSep + article
	}
	return id
}

// Merge says that entity From is entity Into: a misspelling, or a name the
// knowledge base does not know for an entity it does.
type Merge struct {
	From string `yaml:"from"`
	Into string `yaml:"into"`
	Why  string `yaml:"why"`
}

// Split says that in the articles named, entity ID is another entity, Into
// (named Name when given): two people of one name.
type Split struct {
	ID string `yaml:"id"`
	// Articles lists article ids, urls or source paths.
	Articles []string `yaml:"articles"`
	Into     string   `yaml:"into"`
	Name     string   `yaml:"name"`
	Why      string   `yaml:"why"`
}

// Rules are an analysts' identity file. The zero value changes nothing
// but the scoping of elections.
type Rules struct {
	Merge []Merge `yaml:"merge"`
	Split []Split `yaml:"split"`

	// into maps each merged id to the id it finally becomes.
	into map[string]string
	// people, when set, are the knowledge base's persons that misspelt
	// names are matched to (WithKnowledgeBase).
	people *people
}

// WithKnowledgeBase makes Apply match a person the knowledge base does not
// hold to the known person whose name is within a bounded edit distance
// of its name ("Vladimir Puttin" is Vladimir Putin; see people.near for
// the guards), before the merges. A split of the entity in its article
// stops the match (into may then be the id itself). It returns r.
func (r *Rules) WithKnowledgeBase(k *kb.KB) *Rules {
	r.people = newPeople(k)
	return r
}

// Load reads an identity file; "" gives empty rules. Unknown keys, empty
// ids, an entity merged into itself or into two others, and merges that
// go round in a circle are errors naming the file and the entry.
func Load(path string) (*Rules, error) {
	if path == "" {
		return &Rules{}, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read identity file: %w", err)
	}
	r, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("identity file %s: %w", path, err)
	}
	return r, nil
}

// Parse decodes and checks identity rules (see Load).
func Parse(b []byte) (*Rules, error) {
	r := &Rules{}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(r); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("decode: %w", err)
	}
	if err := r.check(); err != nil {
		return nil, err
	}
	return r, nil
}

func typeOf(id string) string {
	t, _, _ := strings.Cut(id, ":")
	return t
}

func (r *Rules) check() error {
	var errs []error
	direct := map[string]string{}
	for i, m := range r.Merge {
		switch {
		case m.From == "" || m.Into == "":
			errs = append(errs, fmt.Errorf("merge %d: from and into are both needed", i+1))
		case m.From == m.Into:
			errs = append(errs, fmt.Errorf("merge %d: %q merged into itself", i+1, m.From))
		case typeOf(m.From) != typeOf(m.Into):
			errs = append(errs, fmt.Errorf("merge %d: %q and %q are entities of different types", i+1, m.From, m.Into))
		case direct[m.From] != "" && direct[m.From] != m.Into:
			errs = append(errs, fmt.Errorf("merge %d: %q is merged into both %q and %q", i+1, m.From, direct[m.From], m.Into))
		default:
			direct[m.From] = m.Into
		}
	}
	r.into = map[string]string{}
	for from := range direct {
		seen := map[string]bool{from: true}
		to := direct[from]
		for direct[to] != "" {
			if seen[to] {
				errs = append(errs, fmt.Errorf("merges of %q go round in a circle", from))
				break
			}
			seen[to] = true
			to = direct[to]
		}
		r.into[from] = to
	}
	for i, s := range r.Split {
		switch {
		case s.ID == "" || s.Into == "" || len(s.Articles) == 0:
			errs = append(errs, fmt.Errorf("split %d: id, into and articles are all needed", i+1))
		case typeOf(s.ID) != typeOf(s.Into):
			errs = append(errs, fmt.Errorf("split %d: %q and %q are entities of different types", i+1, s.ID, s.Into))
		}
	}
	return errors.Join(errs...)
}

// articleNamed reports whether a names the article by id, url or source.
func articleNamed(names []string, a extract.ArticleRecord) bool {
	for _, n := range names {
		switch {
		case n == a.ID, a.URL != nil && n == strings.TrimSpace(*a.URL), n == a.Source, slices.Contains(a.Sources, n):
			return true
		}
	}
	return false
}

// Apply returns the article with the graph's ids: splits first (they name
// the extractor's id in one article), then merges, then elections without
// a country scoped to the article. Entities that end up with one id are
// one entity: the first keeps its name and attributes, aliases and
// mentions are joined (the name of a merged entity becomes an alias).
// r may be nil. The input is not modified.
func (r *Rules) Apply(res extract.Result) extract.Result {
	var splits map[string]Split
	if r != nil {
		for _, s := range r.Split {
			if articleNamed(s.Articles, res.Article) {
				if splits == nil {
					splits = map[string]Split{}
				}
				splits[s.ID] = s
			}
		}
	}
	// newID is the graph id of the extractor's id, and the split that
	// applied; name is the entity's name, for the fuzzy match of persons.
	newID := func(id, typ, name string) (string, *Split) {
		var sp *Split
		if s, ok := splits[id]; ok {
			id, sp = s.Into, &s
		} else if r != nil && r.people != nil && typ == "Person" && !r.people.known[id] {
			if known, ok := r.people.near(name); ok {
				id = known
			}
		}
		if r != nil {
			if to, ok := r.into[id]; ok {
				id = to
			}
		}
		return ScopedElection(id, res.Article.ID), sp
	}
	remap := map[string]string{}
	out := extract.Result{Article: res.Article}
	at := map[string]int{}
	for _, e := range res.Entities {
		id, sp := newID(e.ID, e.Type, e.Name)
		remap[e.ID] = id
		renamed := id != ScopedElection(e.ID, res.Article.ID)
		e.Aliases = slices.Clone(e.Aliases)
		if renamed && e.Name != "" && !slices.Contains(e.Aliases, e.Name) {
			e.Aliases = append(e.Aliases, e.Name)
		}
		if sp != nil && sp.Name != "" {
			e.Name = sp.Name
		}
		e.ID = id
		if i, dup := at[id]; dup {
			out.Entities[i] = join(out.Entities[i], e)
			continue
		}
		at[id] = len(out.Entities)
		out.Entities = append(out.Entities, e)
	}
	out.Relations = make([]extract.RelationRecord, len(res.Relations))
	for i, rel := range res.Relations {
		to := func(id string) string {
			if n, ok := remap[id]; ok {
				return n
			}
			n, _ := newID(id, "", "")
			return n
		}
		rel.Source, rel.Target = to(rel.Source), to(rel.Target)
		if rel.AttributedTo != "" {
			rel.AttributedTo = to(rel.AttributedTo)
		}
		out.Relations[i] = rel
	}
	return out
}

// join folds entity b into a: a keeps its name and attributes, and takes
// b's name, aliases and mentions.
func join(a, b extract.EntityRecord) extract.EntityRecord {
	aliases := slices.Clone(a.Aliases)
	for _, n := range append([]string{b.Name}, b.Aliases...) {
		if n != "" && n != a.Name && !slices.Contains(aliases, n) {
			aliases = append(aliases, n)
		}
	}
	a.Aliases = aliases
	a.Mentions = append(slices.Clone(a.Mentions), b.Mentions...)
	if a.Wikidata == "" {
		a.Wikidata = b.Wikidata
	}
	return a
}
