package queries_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/influencegraph/influencegraph/queries"
	"github.com/influencegraph/influencegraph/schema"
)

func list(t testing.TB) []queries.Query {
	t.Helper()
	all, err := queries.List()
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	return all
}

// TestLibraryHeaders checks what an analyst relies on in every file: a
// summary, parameters that the Cypher uses and only those, and a :param
// line for Neo4j Browser that sets each to its default.
func TestLibraryHeaders(t *testing.T) {
	all := list(t)
	if len(all) < 10 {
		t.Fatalf("the library has %d queries, want at least 10", len(all))
	}
	usedParam := regexp.MustCompile(`\$([A-Za-z_][A-Za-z0-9_]*)`)
	for _, q := range all {
		t.Run(q.Name, func(t *testing.T) {
			body := cypherBody(q.Cypher)
			var used []string
			for _, m := range usedParam.FindAllStringSubmatch(body, -1) {
				used = append(used, m[1])
			}
			for _, p := range q.Params {
				if !slices.Contains(used, p.Name) {
					t.Errorf("parameter %s is declared but the Cypher never uses $%s", p.Name, p.Name)
				}
				if p.Doc == "" {
					t.Errorf("parameter %s has no description", p.Name)
				}
				if !strings.Contains(q.Cypher, "// "+p.BrowserParam()+"\n") {
					t.Errorf("header lacks the Browser line %q", "// "+p.BrowserParam())
				}
			}
			for _, u := range used {
				if !slices.ContainsFunc(q.Params, func(p queries.Param) bool { return p.Name == u }) {
					t.Errorf("the Cypher uses $%s, which the header does not declare", u)
				}
			}
			if !strings.Contains(q.Cypher, "// Neo4j Browser:") {
				t.Errorf("header does not tell Browser users what to do")
			}
		})
	}
}

// TestLibraryUsesTheModel checks that every label, relationship type and
// property the queries name exists in schema/, so a change to the model
// that a query misses fails here rather than returning nothing.
func TestLibraryUsesTheModel(t *testing.T) {
	m := schema.Default()
	labels := map[string]bool{}
	props := map[string]bool{}
	for _, n := range m.Nodes {
		labels[n.Label] = true
		for _, l := range n.Labels {
			labels[l] = true
		}
		for _, p := range n.Properties {
			props[p.Name] = true
		}
	}
	types := map[string]bool{}
	for _, r := range m.Rels {
		types[r.Type] = true
		for _, p := range r.Properties {
			props[p.Name] = true
		}
	}
	labelRe := regexp.MustCompile(`\(\w*:(\w+)|\w+:(\w+)\)| OR \w+:(\w+)|\bWHERE \w+:(\w+)|\bWHEN \w+:(\w+)|\bAND \w+:(\w+)|\(\w+:(\w+) OR`)
	typeRe := regexp.MustCompile(`\[\w*:([A-Z_|]+)`)
	propRe := regexp.MustCompile(`\b([a-z]\w*)\.([a-z_]+)\b`)
	propMap := regexp.MustCompile(`\{(\w+): \$`)
	for _, q := range list(t) {
		body := cypherBody(q.Cypher)
		for _, m := range labelRe.FindAllStringSubmatch(body, -1) {
			for _, l := range m[1:] {
				if l != "" && !labels[l] {
					t.Errorf("%s: label %q is not in the model", q.Name, l)
				}
			}
		}
		for _, m := range typeRe.FindAllStringSubmatch(body, -1) {
			for _, ty := range strings.Split(m[1], "|") {
				if !types[ty] {
					t.Errorf("%s: relationship type %q is not in the model", q.Name, ty)
				}
			}
		}
		for _, m := range propRe.FindAllStringSubmatch(body, -1) {
			if m[1] == "hop" || m[1] == "h" || m[1] == "found" || m[1] == "ea" || m[1] == "x" { // maps the queries build
				continue
			}
			if !props[m[2]] {
				t.Errorf("%s: property %s.%s is not in the model", q.Name, m[1], m[2])
			}
		}
		for _, m := range propMap.FindAllStringSubmatch(body, -1) {
			if !props[m[1]] {
				t.Errorf("%s: property %q is not in the model", q.Name, m[1])
			}
		}
	}
}

// cypherBody drops the header comments.
func cypherBody(src string) string {
	var b strings.Builder
	for _, line := range strings.Split(src, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "//") {
			continue
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

func TestGet(t *testing.T) {
	q, err := queries.Get("proxy-network")
	if err != nil {
		t.Fatal(err)
	}
	want := []queries.Param{
		{Name: "state", Type: queries.TypeString, Default: "state:RU", Doc: "the state's id"},
		{Name: "depth", Type: queries.TypeInt, Default: int64(2), Doc: "how many links away from the state (1 to 3)"},
	}
	if !slices.Equal(q.Params, want) {
		t.Errorf("params = %+v, want %+v", q.Params, want)
	}
	if q.Summary != "People and organisations said to act for a state: its agencies' and its own, up to a given depth." {
		t.Errorf("summary = %q", q.Summary)
	}
	if !strings.HasPrefix(q.Doc, "Only relations that say who acts for whom") || strings.Contains(q.Doc, ":param") {
		t.Errorf("doc = %q", q.Doc)
	}
	_, err = queries.Get("who-dunnit")
	if err == nil || !strings.Contains(err.Error(), `no query named "who-dunnit"`) || !strings.Contains(err.Error(), "election-targeters") {
		t.Errorf("unknown name: error %v, want one listing the library", err)
	}
}

func TestBind(t *testing.T) {
	src := `// name: q
// summary: test
// param: s string = a b -- text
// param: n int = 3 -- number
// param: f float = 0.5 -- ratio
// param: b bool = false -- flag
// param: r string -- required
RETURN $s, $n, $f, $b, $r
`
	q, err := queries.Parse("q.cypher", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		values  map[string]string
		want    map[string]any
		wantErr string
	}{
		{"defaults", map[string]string{"r": "x"}, map[string]any{"s": "a b", "n": int64(3), "f": 0.5, "b": false, "r": "x"}, ""},
		{"typed values", map[string]string{"r": "", "n": "-7", "f": "2", "b": "true", "s": "state:RU"},
			map[string]any{"s": "state:RU", "n": int64(-7), "f": 2.0, "b": true, "r": ""}, ""},
		{"missing required", nil, nil, "query q needs --param r=VALUE (required)"},
		{"unknown", map[string]string{"r": "x", "depth": "2"}, nil, `query q has no parameter "depth" (it takes: s, n, f, b, r)`},
		{"not an integer", map[string]string{"r": "x", "n": "two"}, nil, `query q, parameter n: "two" is not an integer`},
		{"not a bool", map[string]string{"r": "x", "b": "yes please"}, nil, `query q, parameter b: "yes please" is not true or false`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := q.Bind(tt.values)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Errorf("%s = %#v, want %#v", k, got[k], v)
				}
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		file, src, want string
	}{
		{"a.cypher", "// summary: s\nRETURN 1", `a.cypher: header has no "// name:" line`},
		{"a.cypher", "// name: b\n// summary: s\nRETURN 1", `a.cypher: header names the query "b"; name it after the file`},
		{"a.cypher", "// name: a\nRETURN 1", `a.cypher: header has no "// summary:" line`},
		{"a.cypher", "// name: a\n// summary: s\n// param: x list = [] -- l\nRETURN 1", `a.cypher:3: param "x": unknown type "list" (want string, int, float or bool)`},
		{"a.cypher", "// name: a\n// summary: s\n// param: x int = many -- n\nRETURN 1", `a.cypher:3: param "x" default: "many" is not an integer`},
		{"a.cypher", "// name: a\n// summary: s\n// param: x -- n\nRETURN 1", `a.cypher:3: param "x -- n": want "NAME TYPE [= DEFAULT] [-- description]"`},
		{"a.cypher", "// name: a\n// summary: s\n// param: x int -- n\n// param: x int -- m\nRETURN 1", `a.cypher:4: parameter "x" declared twice`},
	}
	for _, tt := range tests {
		_, err := queries.Parse(tt.file, []byte(tt.src))
		if err == nil || err.Error() != tt.want {
			t.Errorf("Parse(%q) error = %v, want %q", tt.src, err, tt.want)
		}
	}
	// A comment after the first line of Cypher is not part of the header.
	q, err := queries.Parse("a.cypher", []byte("// name: a\n// summary: one\n//   two\nMATCH (n)\n// param: x int -- n\nRETURN n"))
	if err != nil || q.Summary != "one two" || len(q.Params) != 0 {
		t.Errorf("got %+v, %v; want summary %q and no params", q, err, "one two")
	}
}

func TestBrowserParam(t *testing.T) {
	for _, tt := range []struct {
		p    queries.Param
		want string
	}{
		{queries.Param{Name: "s", Default: "it's"}, `:param s => 'it\'s'`},
		{queries.Param{Name: "n", Default: int64(2)}, ":param n => 2"},
		{queries.Param{Name: "b", Default: true}, ":param b => true"},
		{queries.Param{Name: "r", Required: true}, ":param r => null"},
	} {
		if got := tt.p.BrowserParam(); got != tt.want {
			t.Errorf("BrowserParam(%+v) = %q, want %q", tt.p, got, tt.want)
		}
	}
}
