// Package kb holds the knowledge base the extractor resolves names against:
// sovereign states with their names, demonyms and capital-city metonyms, and
// well-known agencies, organisations and people with their aliases and
// Wikidata ids. The built-in data are TSV files embedded in the binary
// (data/*.tsv); users extend or override them with their own files, so a new
// front company or a new official needs no rebuild.
//
// File formats (TAB-separated, `#` starts a comment line, blank lines are
// ignored, list cells separate items with `|`, an empty cell is empty):
//
//	states.tsv:  iso2  name  aliases  demonyms  capitals  wikidata
//	other files: id  type  name  country  subtype  aliases  wikidata
//
// A user file whose base name starts with "states" uses the states columns;
// every other file uses the entity columns, where a row of type State has
// id state:XX and country XX.
package kb

import (
	"bufio"
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
)

//go:embed data/*.tsv
var builtinData embed.FS

// Entity types known to the knowledge base.
const (
	TypeState        = "State"
	TypeAgency       = "Agency"
	TypeOrganisation = "Organisation"
	TypePerson       = "Person"
	TypeOperation    = "Operation"
	TypeNarrative    = "Narrative"
)

// idPrefix maps each type to the prefix its ids carry.
var idPrefix = map[string]string{
	TypeState:        "state:",
	TypeAgency:       "agency:",
	TypeOrganisation: "org:",
	TypePerson:       "person:",
	TypeOperation:    "operation:",
	TypeNarrative:    "narrative:",
}

var (
	slugRE     = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	iso2RE     = regexp.MustCompile(`^[A-Z]{2}$`)
	wikidataRE = regexp.MustCompile(`^Q[1-9][0-9]*$`)
	subtypeRE  = regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)
)

// Entry is one known thing: a state, an agency, an organisation, a person.
type Entry struct {
	ID, Type, Name string
	Aliases        []string // not including Name
	Country        string   // ISO2 ("" unknown); for State == ISO2
	ISO2           string   // State only
	Subtype        string
	Wikidata       string
	Demonyms       []string // State only
	Capitals       []string // State only
}

// KB is a loaded, validated knowledge base. It is immutable after loading
// and safe for concurrent use.
type KB struct {
	byID      map[string]*Entry
	sorted    []string            // ids in order
	origins   map[string]string   // id -> "file:line" where first defined
	countryAt map[string]string   // id -> "file:line" that last set the country
	forms     map[string][]string // surface form -> ids, in id order
}

// Builtin returns the knowledge base embedded in the binary.
func Builtin() (*KB, error) {
	return Load()
}

// Load returns the built-in knowledge base overlaid by the user files in
// paths, in order. A user row whose id already exists adds its aliases
// (demonyms, capitals) to the entry and replaces the entry's name, country,
// subtype and Wikidata id where the row gives them; a new id adds an entry.
// Errors name the file and line.
func Load(paths ...string) (*KB, error) {
	k := &KB{byID: map[string]*Entry{}, origins: map[string]string{}, countryAt: map[string]string{}}
	names, err := fs.Glob(builtinData, "data/*.tsv")
	if err != nil {
		return nil, fmt.Errorf("list built-in knowledge base: %w", err)
	}
	// states first, so that any order of the other files works.
	sort.SliceStable(names, func(i, j int) bool {
		return isStatesFile(names[i]) && !isStatesFile(names[j])
	})
	for _, name := range names {
		data, err := builtinData.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read built-in %s: %w", name, err)
		}
		if err := k.add("builtin:"+name, data, isStatesFile(name), false); err != nil {
			return nil, err
		}
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("load knowledge base %s: %w", p, err)
		}
		if err := k.add(p, data, isStatesFile(filepath.Base(p)), true); err != nil {
			return nil, err
		}
	}
	if err := k.validate(); err != nil {
		return nil, err
	}
	k.sorted = make([]string, 0, len(k.byID))
	for id := range k.byID {
		k.sorted = append(k.sorted, id)
	}
	sort.Strings(k.sorted)
	k.indexForms()
	return k, nil
}

func isStatesFile(name string) bool {
	return strings.HasPrefix(strings.ToLower(path.Base(filepath.ToSlash(name))), "states")
}

// Entries returns every entry, sorted by id. The slices are copies.
func (k *KB) Entries() []Entry {
	out := make([]Entry, 0, len(k.sorted))
	for _, id := range k.sorted {
		out = append(out, k.byID[id].clone())
	}
	return out
}

// Get returns the entry with the given id.
func (k *KB) Get(id string) (Entry, bool) {
	e, ok := k.byID[id]
	if !ok {
		return Entry{}, false
	}
	return e.clone(), true
}

// State returns the state with the given ISO 3166-1 alpha-2 code, in any case.
func (k *KB) State(iso2 string) (Entry, bool) {
	return k.Get("state:" + strings.ToUpper(iso2))
}

// Len reports the number of entries.
func (k *KB) Len() int { return len(k.sorted) }

func (e *Entry) clone() Entry {
	c := *e
	c.Aliases = slices.Clone(e.Aliases)
	c.Demonyms = slices.Clone(e.Demonyms)
	c.Capitals = slices.Clone(e.Capitals)
	return c
}

// add parses one file and merges its rows. Rows of the built-in data may not
// repeat an id (a repeated id there is a data bug); user rows may.
func (k *KB) add(file string, data []byte, states, mayMerge bool) error {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		if strings.TrimSpace(text) == "" || strings.HasPrefix(strings.TrimSpace(text), "#") {
			continue
		}
		where := fmt.Sprintf("%s:%d", file, line)
		var e *Entry
		var err error
		if states {
			e, err = parseStateRow(text)
		} else {
			e, err = parseEntityRow(text)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		if err := k.merge(e, where, mayMerge); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	return nil
}

func (k *KB) merge(e *Entry, where string, mayMerge bool) error {
	old, ok := k.byID[e.ID]
	if !ok {
		// a new entry must be complete; a row extending one need not be.
		if e.Name == "" {
			return fmt.Errorf("%s: empty name", e.ID)
		}
		if e.Type == TypeAgency && e.Country == "" {
			return fmt.Errorf("agency %q has no country", e.ID)
		}
		k.byID[e.ID] = e
		k.origins[e.ID] = where
		k.countryAt[e.ID] = where
		return nil
	}
	if !mayMerge {
		return fmt.Errorf("duplicate id %q (first at %s)", e.ID, k.origins[e.ID])
	}
	// the id prefix fixes the type, so old.Type == e.Type here.
	if e.Name != "" && e.Name != old.Name {
		// the old name stays findable.
		old.Aliases = appendNew(old.Aliases, old.Name)
		old.Name = e.Name
	}
	if e.Country != "" {
		old.Country = e.Country
		k.countryAt[e.ID] = where
	}
	if e.Subtype != "" {
		old.Subtype = e.Subtype
	}
	if e.Wikidata != "" {
		old.Wikidata = e.Wikidata
	}
	old.Aliases = appendNew(old.Aliases, e.Aliases...)
	old.Aliases = slices.DeleteFunc(old.Aliases, func(a string) bool { return a == old.Name })
	old.Demonyms = appendNew(old.Demonyms, e.Demonyms...)
	old.Capitals = appendNew(old.Capitals, e.Capitals...)
	return nil
}

// appendNew appends the items of add not yet in list.
func appendNew(list []string, add ...string) []string {
	for _, a := range add {
		if !slices.Contains(list, a) {
			list = append(list, a)
		}
	}
	return list
}

// validate checks what needs the whole base: every country cell names a
// known state (states may come later than the rows naming them). An error
// names the line that set the country.
func (k *KB) validate() error {
	ids := make([]string, 0, len(k.byID))
	for id := range k.byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var errs []error
	for _, id := range ids {
		e := k.byID[id]
		if e.Country == "" {
			continue
		}
		if _, ok := k.byID["state:"+e.Country]; !ok {
			errs = append(errs, fmt.Errorf("%s: %s: unknown country %q", k.countryAt[id], id, e.Country))
		}
	}
	return errors.Join(errs...)
}

func splitColumns(text string, min, max int, names string) ([]string, error) {
	cols := strings.Split(text, "\t")
	if len(cols) < min || len(cols) > max {
		return nil, fmt.Errorf("%d columns, want %d to %d (%s)", len(cols), min, max, names)
	}
	for len(cols) < max {
		cols = append(cols, "")
	}
	for i := range cols {
		cols[i] = strings.TrimSpace(cols[i])
	}
	return cols, nil
}

const (
	stateColumns  = "iso2, name, aliases, demonyms, capitals, wikidata"
	entityColumns = "id, type, name, country, subtype, aliases, wikidata"
)

func parseStateRow(text string) (*Entry, error) {
	c, err := splitColumns(text, 2, 6, stateColumns)
	if err != nil {
		return nil, err
	}
	iso := c[0]
	if !iso2RE.MatchString(iso) {
		return nil, fmt.Errorf("bad ISO 3166-1 alpha-2 code %q", iso)
	}
	e := &Entry{ID: "state:" + iso, Type: TypeState, Name: c[1], Country: iso, ISO2: iso}
	if e.Aliases, err = splitList("aliases", c[2]); err != nil {
		return nil, err
	}
	if e.Demonyms, err = splitList("demonyms", c[3]); err != nil {
		return nil, err
	}
	if e.Capitals, err = splitList("capitals", c[4]); err != nil {
		return nil, err
	}
	e.Wikidata = c[5]
	e.Aliases = withoutName(e.Aliases, e.Name)
	return e, checkEntry(e)
}

func parseEntityRow(text string) (*Entry, error) {
	c, err := splitColumns(text, 3, 7, entityColumns)
	if err != nil {
		return nil, err
	}
	e := &Entry{ID: c[0], Type: c[1], Name: c[2], Country: c[3], Subtype: c[4], Wikidata: c[6]}
	if e.Aliases, err = splitList("aliases", c[5]); err != nil {
		return nil, err
	}
	e.Aliases = withoutName(e.Aliases, e.Name)
	if e.Type == TypeState {
		e.ISO2 = strings.TrimPrefix(e.ID, "state:")
		if e.Country == "" {
			e.Country = e.ISO2
		}
	}
	return e, checkEntry(e)
}

// splitList splits a `|` list, refusing empty items such as "a||b".
func splitList(column, cell string) ([]string, error) {
	if cell == "" {
		return nil, nil
	}
	parts := strings.Split(cell, "|")
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			return nil, fmt.Errorf("empty item in %s %q", column, cell)
		}
		out = appendNew(out, p)
	}
	return out, nil
}

func withoutName(aliases []string, name string) []string {
	return slices.DeleteFunc(aliases, func(a string) bool { return a == name })
}

// checkEntry checks one row on its own.
func checkEntry(e *Entry) error {
	prefix, ok := idPrefix[e.Type]
	if !ok {
		return fmt.Errorf("unknown type %q (want State, Agency, Organisation, Person, Operation or Narrative)", e.Type)
	}
	rest, ok := strings.CutPrefix(e.ID, prefix)
	if !ok {
		return fmt.Errorf("bad id %q: %s ids start with %q", e.ID, e.Type, prefix)
	}
	switch e.Type {
	case TypeState:
		if !iso2RE.MatchString(rest) {
			return fmt.Errorf("bad id %q: want state:XX with an upper-case ISO 3166-1 alpha-2 code", e.ID)
		}
		if e.Country != rest {
			return fmt.Errorf("state %q has country %q", e.ID, e.Country)
		}
	case TypeAgency:
		cc, slug, ok := strings.Cut(rest, "-")
		if !ok || len(cc) != 2 || !slugRE.MatchString(slug) || strings.ToLower(cc) != cc {
			return fmt.Errorf("bad id %q: want agency:<cc>-<slug>", e.ID)
		}
		if e.Country != "" && strings.ToUpper(cc) != e.Country {
			return fmt.Errorf("agency %q has country %q, want %q", e.ID, e.Country, strings.ToUpper(cc))
		}
	default:
		if !slugRE.MatchString(rest) {
			return fmt.Errorf("bad id %q: want %s<slug> of lower-case letters, digits and dashes", e.ID, prefix)
		}
	}
	if e.Country != "" && !iso2RE.MatchString(e.Country) {
		return fmt.Errorf("%s: bad country %q: want an upper-case ISO 3166-1 alpha-2 code", e.ID, e.Country)
	}
	if e.Subtype != "" && !subtypeRE.MatchString(e.Subtype) {
		return fmt.Errorf("%s: bad subtype %q", e.ID, e.Subtype)
	}
	if e.Wikidata != "" && !wikidataRE.MatchString(e.Wikidata) {
		return fmt.Errorf("%s: bad Wikidata id %q", e.ID, e.Wikidata)
	}
	return nil
}

// Ambiguous returns the surface forms (names, aliases, demonyms, capitals,
// exactly as written) that belong to more than one entry, each with the ids
// of its owners in order. "CEC" and "Central Election Commission" name the
// election commissions of several states: a matcher that meets one should
// choose among the owners by the article's context (see Owners) rather than
// take the first.
func (k *KB) Ambiguous() map[string][]string {
	out := map[string][]string{}
	for f, ids := range k.forms {
		if len(ids) > 1 {
			out[f] = slices.Clone(ids)
		}
	}
	return out
}

// Owners returns the ids of the entries that have form as their name, an
// alias, a demonym or a capital, exactly as written, in id order. With the
// article's countries at hand a caller picks the owner whose Country
// matches.
func (k *KB) Owners(form string) []string {
	return slices.Clone(k.forms[form])
}

// indexForms fills k.forms; k.sorted must be set.
func (k *KB) indexForms() {
	k.forms = map[string][]string{}
	for _, id := range k.sorted {
		e := k.byID[id]
		forms := slices.Concat([]string{e.Name}, e.Aliases, e.Demonyms, e.Capitals)
		slices.Sort(forms)
		for _, f := range slices.Compact(forms) {
			k.forms[f] = append(k.forms[f], id)
		}
	}
}
