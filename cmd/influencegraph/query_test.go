package main

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/graph/graphtest"
)

func TestQueryList(t *testing.T) {
	isolate(t)
	out, errOut, code := runCommand(t, "query", "--list")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		`^NAME +PARAMETERS \(defaults\) +PURPOSE$`,
		`^election-targeters +election=election:US-2020-presidential basis=any +Who targeted an election`,
		`^proxy-network +state=state:RU depth=2 +People and organisations`,
		`^negated-claims +- +Relations reported as not having happened`,
	} {
		if !regexp.MustCompile(`(?m)` + want).MatchString(out) {
			t.Errorf("list does not match %s:\n%s", want, out)
		}
	}
}

func TestQueryCypherAndErrors(t *testing.T) {
	isolate(t)
	out, _, code := runCommand(t, "query", "amplifiers", "--cypher")
	if code != 0 || !strings.HasPrefix(out, "// name: amplifiers\n") || !strings.Contains(out, ":param target => 'person:joe-biden'") {
		t.Errorf("--cypher printed (exit %d):\n%s", code, out)
	}
	// Each of these fails before any connection is tried (none is configured).
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"query"}, "name one query (see influencegraph query --list)"},
		{[]string{"query", "nope"}, `no query named "nope"`},
		{[]string{"query", "amplifiers", "-p", "who=x"}, `query amplifiers has no parameter "who"`},
		{[]string{"query", "proxy-network", "-p", "depth=deep"}, `parameter depth: "deep" is not an integer`},
		{[]string{"query", "amplifiers", "-p", "target"}, `--param "target": want key=value`},
		{[]string{"query", "amplifiers", "--format", "xml"}, `--format "xml": want table, json or csv`},
	} {
		_, errOut, code := runCommand(t, tt.args...)
		if code == 0 || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want an error containing %q", tt.args, code, errOut, tt.want)
		}
	}
}

func TestQueryWriters(t *testing.T) {
	tab := graph.Table{
		Columns: []string{"name", "n", "list", "none"},
		Rows: [][]any{
			{"Russia", int64(2), []any{"a1", "a2"}, nil},
			{"a \"quoted\", long name", 0.5, []any{}, true},
		},
	}
	var b bytes.Buffer
	if err := writeQueryJSON(&b, tab); err != nil {
		t.Fatal(err)
	}
	want := `[
  {"name": "Russia", "n": 2, "list": ["a1","a2"], "none": null},
  {"name": "a \"quoted\", long name", "n": 0.5, "list": [], "none": true}
]
`
	if b.String() != want {
		t.Errorf("json:\n%s\nwant:\n%s", b.String(), want)
	}
	var decoded []map[string]any
	if err := json.Unmarshal(b.Bytes(), &decoded); err != nil || len(decoded) != 2 {
		t.Errorf("json output does not decode: %v", err)
	}

	b.Reset()
	if err := writeQueryCSV(&b, tab); err != nil {
		t.Fatal(err)
	}
	want = "name,n,list,none\nRussia,2,a1; a2,\n\"a \"\"quoted\"\", long name\",0.5,,true\n"
	if b.String() != want {
		t.Errorf("csv:\n%s\nwant:\n%s", b.String(), want)
	}

	b.Reset()
	if err := writeQueryTable(&b, tab, 10); err != nil {
		t.Fatal(err)
	}
	want = "name        n    list    none\nRussia      2    a1; a2  \na \"quoted…  0.5          true\n"
	if b.String() != want {
		t.Errorf("table:\n%q\nwant:\n%q", b.String(), want)
	}
}

// TestNeo4jQueryCommand runs a library query through the command against
// the local Neo4j with the queries package's fixture loaded.
func TestNeo4jQueryCommand(t *testing.T) {
	cfg := graphtest.Config(t)
	c := graphtest.Ready(t)
	graphtest.LoadFile(t, c, "../../queries/testdata/analysts.jsonl")
	isolate(t) // after graphtest, which finds the local Neo4j from the module root
	useNeo4j(t, cfg)

	out, errOut, code := runCommand(t, "query", "election-targeters", "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := `actor,type,id,articles,outlets,first_reported,last_reported,hedged,attempted,basis,authorised_by
Russia,State,state:RU,2,2,2020-10-02,2021-03-17,false,false,stated,Vladimir Putin
GRU,Agency,agency:ru-gru,1,1,2020-10-02,2020-10-02,false,false,stated,Vladimir Putin
Iran,State,state:IR,1,1,2021-03-17,2021-03-17,false,false,stated,
`
	if out != want {
		t.Errorf("csv:\n%s\nwant:\n%s", out, want)
	}

	out, errOut, code = runCommand(t, "query", "proxy-network", "-p", "depth=1", "-p", "state=state:RU")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !regexp.MustCompile(`(?m)^Storm-1516 +Organisation +org:storm-1516 +1 +Russia; Storm-1516 +1 +Storm-1516, a network linked to Russia, reportedly circulat…$`).MatchString(out) ||
		strings.Contains(out, "Example Media Network") || !strings.Contains(errOut, "2 rows") {
		t.Errorf("table:\n%s\nstderr: %s", out, errOut)
	}
}
