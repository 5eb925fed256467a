// Package gold reads, writes and checks annotation files in the format of
// ../shared/eval (NAME.gold.json beside NAME.txt; see GUIDELINES.md, Gold
// files): what a person, or a language model for a person to check,
// says an article holds. Check applies the same checks as
// ../shared/eval/validate_gold.py.
package gold

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/influencegraph/influencegraph/extract"
)

// File is one article's annotation.
type File struct {
	// File is the article's file name, NAME.txt.
	File      string  `json:"file"`
	Published *string `json:"published"`
	Note      string  `json:"note,omitempty"`
	// MachineMade marks a file written by a program (influencegraph label)
	// that no person has checked yet.
	MachineMade       bool       `json:"machine_made,omitempty"`
	Entities          []Entity   `json:"entities"`
	OptionalEntities  []Entity   `json:"optional_entities"`
	Relations         []Relation `json:"relations"`
	OptionalRelations []Relation `json:"optional_relations"`
}

// Entity is one entity of an annotation; relations name it by Key.
type Entity struct {
	Key     string   `json:"key"`
	Type    string   `json:"type"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
	// ISO2 is set on a State.
	ISO2 string `json:"iso2,omitempty"`
	// Country is an ISO2 code, or nil; an Election always has the field.
	Country *string `json:"country,omitempty"`
	Year    int     `json:"year,omitempty"`
	Kind    string  `json:"kind,omitempty"`
}

// MarshalJSON writes an Election's country even when it is null, as the
// format requires.
func (e Entity) MarshalJSON() ([]byte, error) {
	type plain Entity
	if e.Type != "Election" {
		return json.Marshal(plain(e))
	}
	return json.Marshal(struct {
		Key     string   `json:"key"`
		Type    string   `json:"type"`
		Name    string   `json:"name"`
		Aliases []string `json:"aliases,omitempty"`
		Country *string  `json:"country"`
		Year    int      `json:"year"`
		Kind    string   `json:"kind"`
	}{e.Key, e.Type, e.Name, e.Aliases, e.Country, e.Year, e.Kind})
}

// Relation is one relation of an annotation.
type Relation struct {
	Type     string `json:"type"`
	Source   string `json:"source"`
	Target   string `json:"target"`
	Negated  bool   `json:"negated"`
	Evidence string `json:"evidence,omitempty"`
}

// FromResult turns an extraction result into an annotation of the
// article file named file. Entity keys are the canonical ids.
func FromResult(res extract.Result, file string) File {
	g := File{File: file, Published: res.Article.Published, Entities: []Entity{}, OptionalEntities: []Entity{},
		Relations: []Relation{}, OptionalRelations: []Relation{}}
	for _, e := range res.Entities {
		ge := Entity{Key: e.ID, Type: e.Type, Name: e.Name, Aliases: slices.Clone(e.Aliases)}
		switch e.Type {
		case "State":
			ge.ISO2 = e.ISO2
		case "Election":
			if e.Country != "" {
				c := e.Country
				ge.Country = &c
			}
			ge.Year, ge.Kind = e.Year, e.ElectionKind
		default:
			if e.Country != "" {
				c := e.Country
				ge.Country = &c
			}
		}
		g.Entities = append(g.Entities, ge)
	}
	for _, r := range res.Relations {
		g.Relations = append(g.Relations, Relation{Type: r.Type, Source: r.Source, Target: r.Target, Negated: r.Negated, Evidence: r.Evidence})
	}
	return g
}

// The values of the schema's closed lists.
func entityTypes() []string   { return []string{"State", "Agency", "Organisation", "Person", "Election"} }
func relationTypes() []string { return []string{"AUTHORISED", "TARGETED", "AMPLIFIED"} }
func electionKinds() []string {
	return []string{"presidential", "parliamentary", "legislative", "general", "midterm", "referendum", "local", "european", "primary", "other"}
}

// Check returns the problems of a gold file's content, as
// validate_gold.py reports them: keys missing or repeated, unknown
// types, a State without iso2, an Election without an integer year, a
// country field or a known kind, relations whose ends are no entity key,
// negated not a boolean, and (when hasText is false) no NAME.txt beside
// it. Nil means the file is well formed.
func Check(data []byte, hasText bool) []string {
	var g map[string]any
	if err := json.Unmarshal(data, &g); err != nil {
		return []string{fmt.Sprintf("not JSON: %v", err)}
	}
	var errs []string
	keys := map[string]bool{}
	for _, sect := range []string{"entities", "optional_entities"} {
		for _, item := range list(g[sect]) {
			e, _ := item.(map[string]any)
			k, _ := e["key"].(string)
			if k == "" || keys[k] {
				errs = append(errs, fmt.Sprintf("%s: missing or repeated key %v", sect, e["key"]))
			}
			keys[k] = true
			typ, _ := e["type"].(string)
			if !slices.Contains(entityTypes(), typ) {
				errs = append(errs, fmt.Sprintf("%s: bad type %v", k, e["type"]))
			}
			if name, _ := e["name"].(string); name == "" {
				errs = append(errs, fmt.Sprintf("%s: no name", k))
			}
			if iso, _ := e["iso2"].(string); typ == "State" && iso == "" {
				errs = append(errs, fmt.Sprintf("%s: State without iso2", k))
			}
			if typ == "Election" {
				if y, ok := e["year"].(float64); !ok || y != float64(int(y)) {
					errs = append(errs, fmt.Sprintf("%s: Election year not int", k))
				}
				if _, ok := e["country"]; !ok {
					errs = append(errs, fmt.Sprintf("%s: Election without country field", k))
				}
				if kind, _ := e["kind"].(string); !slices.Contains(electionKinds(), kind) {
					errs = append(errs, fmt.Sprintf("%s: bad election kind %v", k, e["kind"]))
				}
			}
		}
	}
	for _, sect := range []string{"relations", "optional_relations"} {
		for _, item := range list(g[sect]) {
			r, _ := item.(map[string]any)
			typ, _ := r["type"].(string)
			if !slices.Contains(relationTypes(), typ) {
				errs = append(errs, fmt.Sprintf("%s: bad type %v", sect, r["type"]))
			}
			for _, end := range []string{"source", "target"} {
				if k, _ := r[end].(string); !keys[k] {
					errs = append(errs, fmt.Sprintf("%s: %v %s %v is no entity key", sect, r["type"], end, r[end]))
				}
			}
			if _, ok := r["negated"].(bool); !ok {
				errs = append(errs, fmt.Sprintf("%s: negated not bool", sect))
			}
		}
	}
	if !hasText {
		errs = append(errs, "no .txt beside it")
	}
	return errs
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}
