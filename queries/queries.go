package queries

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
)

//go:embed *.cypher
var files embed.FS

// Param types a query may declare.
const (
	TypeString = "string"
	TypeInt    = "int"
	TypeFloat  = "float"
	TypeBool   = "bool"
)

// Param is one parameter of a query, declared in its header as
//
//	// param: NAME TYPE [= DEFAULT] [-- description]
//
// A parameter without a default is required.
type Param struct {
	Name string
	// Type is one of TypeString, TypeInt, TypeFloat, TypeBool.
	Type string
	// Default is the value used when none is given: string, int64,
	// float64 or bool; nil for a required parameter.
	Default  any
	Required bool
	Doc      string
}

// Query is one named query of the library.
type Query struct {
	Name string
	// Summary is the one-line purpose (`query --list` prints it).
	Summary string
	// Doc is the rest of the header's prose.
	Doc    string
	Params []Param
	// Cypher is the whole file, header comments included, exactly as an
	// analyst would paste it into Neo4j Browser.
	Cypher string
}

// List returns every query of the library, sorted by name.
func List() ([]Query, error) {
	names, err := fs.Glob(files, "*.cypher")
	if err != nil {
		return nil, err
	}
	out := make([]Query, 0, len(names))
	for _, n := range names {
		src, err := files.ReadFile(n)
		if err != nil {
			return nil, fmt.Errorf("read query %s: %w", n, err)
		}
		q, err := Parse(n, src)
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	slices.SortFunc(out, func(a, b Query) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// Get returns the query called name; the error for an unknown name lists
// the known ones.
func Get(name string) (Query, error) {
	all, err := List()
	if err != nil {
		return Query{}, err
	}
	names := make([]string, len(all))
	for i, q := range all {
		if q.Name == name {
			return q, nil
		}
		names[i] = q.Name
	}
	return Query{}, fmt.Errorf("no query named %q; the library has: %s", name, strings.Join(names, ", "))
}

// Parse reads a query file: its header (the leading // comment lines) and
// its Cypher. The header must name the query after the file (file
// election-targeters.cypher has "// name: election-targeters") and give a
// summary.
func Parse(file string, src []byte) (Query, error) {
	q := Query{Cypher: string(src)}
	var doc []string
	inSummary := false
	for i, line := range strings.Split(string(src), "\n") {
		line = strings.TrimRight(line, " \t\r")
		if !strings.HasPrefix(line, "//") {
			if strings.TrimSpace(line) == "" {
				continue
			}
			break // the header ends at the first line of Cypher
		}
		text := strings.TrimPrefix(strings.TrimPrefix(line, "//"), " ")
		if inSummary && strings.HasPrefix(text, "  ") {
			q.Summary += " " + strings.TrimSpace(text)
			continue
		}
		inSummary = false
		key, value, _ := strings.Cut(text, ":")
		value = strings.TrimSpace(value)
		switch {
		case key == "name":
			q.Name = value
		case key == "summary":
			q.Summary = value
			inSummary = true
		case key == "param":
			p, err := parseParam(value)
			if err != nil {
				return q, fmt.Errorf("%s:%d: %w", file, i+1, err)
			}
			if slices.ContainsFunc(q.Params, func(o Param) bool { return o.Name == p.Name }) {
				return q, fmt.Errorf("%s:%d: parameter %q declared twice", file, i+1, p.Name)
			}
			q.Params = append(q.Params, p)
		case strings.HasPrefix(text, ":param"), strings.HasPrefix(text, "Neo4j Browser:"):
			// For Browser users only.
		default:
			doc = append(doc, text)
		}
	}
	q.Doc = strings.TrimSpace(strings.Join(doc, "\n"))
	base := strings.TrimSuffix(path.Base(file), ".cypher")
	switch {
	case q.Name == "":
		return q, fmt.Errorf("%s: header has no \"// name:\" line", file)
	case q.Name != base:
		return q, fmt.Errorf("%s: header names the query %q; name it after the file", file, q.Name)
	case q.Summary == "":
		return q, fmt.Errorf("%s: header has no \"// summary:\" line", file)
	}
	return q, nil
}

// parseParam reads "NAME TYPE [= DEFAULT] [-- description]".
func parseParam(s string) (Param, error) {
	spec, doc, _ := strings.Cut(s, " -- ")
	p := Param{Doc: strings.TrimSpace(doc)}
	decl, def, hasDefault := strings.Cut(spec, "=")
	fields := strings.Fields(decl)
	if len(fields) != 2 {
		return p, fmt.Errorf("param %q: want \"NAME TYPE [= DEFAULT] [-- description]\"", s)
	}
	p.Name, p.Type = fields[0], fields[1]
	if !slices.Contains([]string{TypeString, TypeInt, TypeFloat, TypeBool}, p.Type) {
		return p, fmt.Errorf("param %q: unknown type %q (want string, int, float or bool)", p.Name, p.Type)
	}
	if !hasDefault {
		p.Required = true
		return p, nil
	}
	v, err := convert(p.Type, strings.TrimSpace(def))
	if err != nil {
		return p, fmt.Errorf("param %q default: %w", p.Name, err)
	}
	p.Default = v
	return p, nil
}

// convert turns the text of a value into the Go value Neo4j gets for a
// parameter of type typ.
func convert(typ, s string) (any, error) {
	switch typ {
	case TypeString:
		if uq, err := strconv.Unquote(s); err == nil && strings.HasPrefix(s, `"`) {
			return uq, nil
		}
		return s, nil
	case TypeInt:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not an integer", s)
		}
		return n, nil
	case TypeFloat:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a number", s)
		}
		return f, nil
	case TypeBool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return nil, fmt.Errorf("%q is not true or false", s)
		}
		return b, nil
	default:
		return nil, fmt.Errorf("unknown type %q (want string, int, float or bool)", typ)
	}
}

// Bind turns the values given on a command line (name to text) into the
// parameters of a run: each converted to its declared type, defaults for
// the rest. An unknown name, a value of the wrong type or a missing
// required parameter is an error naming it.
func (q Query) Bind(values map[string]string) (map[string]any, error) {
	out := make(map[string]any, len(q.Params))
	for name := range values {
		if !slices.ContainsFunc(q.Params, func(p Param) bool { return p.Name == name }) {
			return nil, fmt.Errorf("query %s has no parameter %q (it takes: %s)", q.Name, name, q.paramNames())
		}
	}
	for _, p := range q.Params {
		s, ok := values[p.Name]
		if !ok {
			if p.Required {
				return nil, fmt.Errorf("query %s needs --param %s=VALUE (%s)", q.Name, p.Name, p.Doc)
			}
			out[p.Name] = p.Default
			continue
		}
		v, err := convert(p.Type, s)
		if err != nil {
			return nil, fmt.Errorf("query %s, parameter %s: %w", q.Name, p.Name, err)
		}
		out[p.Name] = v
	}
	return out, nil
}

func (q Query) paramNames() string {
	if len(q.Params) == 0 {
		return "no parameters"
	}
	names := make([]string, len(q.Params))
	for i, p := range q.Params {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}

// BrowserParam returns the Neo4j Browser command that sets p to its
// default, e.g. ":param depth => 2"; each query's header shows it.
func (p Param) BrowserParam() string {
	var lit string
	switch v := p.Default.(type) {
	case string:
		lit = "'" + strings.ReplaceAll(strings.ReplaceAll(v, `\`, `\\`), "'", `\'`) + "'"
	case nil:
		lit = "null"
	default:
		lit = fmt.Sprint(v)
	}
	return ":param " + p.Name + " => " + lit
}
