package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/graph/graphtest"
)

// analystsFixture is the queries package's extract output: 36 nodes and
// 57 relationships once loaded (one of them a derived PART_OF).
func analystsFixture(t testing.TB) string {
	t.Helper()
	p, err := filepath.Abs("../../queries/testdata/analysts.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

type exported struct {
	Nodes []struct {
		ID         string         `json:"id"`
		Properties map[string]any `json:"properties"`
	} `json:"nodes"`
	Relationships []graph.Edge `json:"relationships"`
}

func readExport(t testing.TB, path string) exported {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var e exported
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return e
}

func TestExportErrors(t *testing.T) {
	isolate(t)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"export"}, "say which format with --format neo4j-admin, graphml or json"},
		{[]string{"export", "--format", "csv"}, `--format "csv": want neo4j-admin, graphml or json`},
		{[]string{"export", "--format", "neo4j-admin"}, "--format neo4j-admin writes several files: name a folder with --out DIR"},
		{[]string{"export", "--format", "json", "--from", "missing.jsonl"}, "export: open missing.jsonl: no such file or directory"},
	} {
		_, errOut, code := runCommand(t, tt.args...)
		if code == 0 || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want an error containing %q", tt.args, code, errOut, tt.want)
		}
	}
}

func TestExportFromExtractOutput(t *testing.T) {
	fixture := analystsFixture(t)
	isolate(t)
	out, errOut, code := runCommand(t, "export", "--from", fixture, "--format", "json", "--out", "graph.json")
	if code != 0 || out != "" || errOut != "wrote 36 nodes and 57 relationships from "+fixture+" to graph.json\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if e := readExport(t, "graph.json"); len(e.Nodes) != 36 || len(e.Relationships) != 57 {
		t.Errorf("graph.json has %d nodes and %d relationships, want 36 and 57", len(e.Nodes), len(e.Relationships))
	}

	out, errOut, code = runCommand(t, "export", "--from", fixture, "--format", "graphml", "--actors-only")
	if code != 0 || !strings.HasPrefix(out, `<?xml version="1.0" encoding="UTF-8"?>`) || strings.Count(out, "<node ") != 13 || strings.Count(out, "<edge ") != 14 {
		t.Errorf("graphml to stdout: exit %d, stderr %q, %d nodes, %d edges", code, errOut, strings.Count(out, "<node "), strings.Count(out, "<edge "))
	}

	out, errOut, code = runCommand(t, "export", "--from", fixture, "--format", "neo4j-admin", "--out", "import", "--database", "corpus")
	abs, _ := filepath.Abs("import")
	if code != 0 || !strings.HasPrefix(out, "Wrote 26 files with 36 nodes and 57 relationships from "+fixture+" to import.\n") ||
		!strings.Contains(out, "\nneo4j-admin database import full \\\n  --nodes="+filepath.Join(abs, "nodes-Agency.header.csv")) ||
		!strings.Contains(out, "--array-delimiter=U+001F \\\n  corpus\n") {
		t.Errorf("neo4j-admin: exit %d, stderr %q, stdout:\n%s", code, errOut, out)
	}
}

// TestNeo4jExportFromDatabase exports the loaded fixture from the local
// Neo4j and checks it is the graph exported from the extract output.
func TestNeo4jExportFromDatabase(t *testing.T) {
	fixture := analystsFixture(t)
	cfg := graphtest.Config(t)
	c := graphtest.Ready(t)
	graphtest.LoadFile(t, c, fixture)
	isolate(t)
	useNeo4j(t, cfg)
	if _, errOut, code := runCommand(t, "export", "--format", "json", "-o", "db.json"); code != 0 {
		t.Fatalf("export from Neo4j: exit %d: %s", code, errOut)
	}
	if _, errOut, code := runCommand(t, "export", "--from", fixture, "--format", "json", "-o", "file.json"); code != 0 {
		t.Fatalf("export from file: exit %d: %s", code, errOut)
	}
	db, file := readExport(t, "db.json"), readExport(t, "file.json")
	if len(db.Nodes) != len(file.Nodes) || len(db.Relationships) != len(file.Relationships) {
		t.Fatalf("database export has %d nodes and %d relationships, file export %d and %d",
			len(db.Nodes), len(db.Relationships), len(file.Nodes), len(file.Relationships))
	}
	for i := range db.Nodes {
		if db.Nodes[i].ID != file.Nodes[i].ID {
			t.Fatalf("node %d is %s from the database, %s from the file", i, db.Nodes[i].ID, file.Nodes[i].ID)
		}
		if _, ok := db.Nodes[i].Properties["loaded_at"]; file.Nodes[i].Properties["content_hash"] != nil && !ok {
			t.Errorf("article %s exported from the database has no loaded_at", db.Nodes[i].ID)
		}
	}
}
