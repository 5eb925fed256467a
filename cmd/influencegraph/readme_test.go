package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/influencegraph/influencegraph/graph/graphtest"
)

// docOutput returns what a documentation page (a path from the repository
// root: README.md, docs/loading.md) shows a console command printing: the
// lines after "$ command" in a console block, up to the next prompt or the
// end of the block.
func docOutput(t testing.TB, page, command string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("../..", page))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	for i, l := range lines {
		if l != "$ "+command {
			continue
		}
		var out []string
		for _, o := range lines[i+1:] {
			if strings.HasPrefix(o, "$ ") || strings.HasPrefix(o, "```") {
				break
			}
			out = append(out, o)
		}
		return strings.Join(out, "\n") + "\n"
	}
	t.Fatalf("%s shows no %q", page, "$ "+command)
	return ""
}

// trimLines removes trailing blanks from each line (tabwriter pads the
// last column; editors strip it).
func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// TestREADMEQueryList runs the `query --list` example of docs/analysts.md:
// the page shows exactly what the command prints.
func TestREADMEQueryList(t *testing.T) {
	want := docOutput(t, "docs/analysts.md", "influencegraph query --list")
	isolate(t)
	got, errOut, code := runCommand(t, "query", "--list")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if trimLines(got) != trimLines(want) {
		t.Errorf("query --list prints\n%s\ndocs/analysts.md shows\n%s", got, want)
	}
}

// TestNeo4jREADMELoadExample runs the `load examples/` of docs/loading.md
// on an empty database and compares the summary lines it prints (all but
// the timing) with the page's: the schema and articles lines exactly, the
// relations and graph lines in their wording (their counts move whenever
// the model is retrained). Then it loads again, which the page says
// changes nothing: the summary's graph counters must all be zero.
func TestNeo4jREADMELoadExample(t *testing.T) {
	want := docOutput(t, "docs/loading.md", "influencegraph load examples/")
	examples, err := filepath.Abs("../../examples")
	if err != nil {
		t.Fatal(err)
	}
	cfg := graphtest.Config(t)
	graphtest.Fresh(t)
	isolate(t)
	useNeo4j(t, cfg)

	_, errOut, code := runCommand(t, "load", "--progress", "none", examples)
	if code != 0 {
		t.Fatalf("load: exit %d: %s", code, errOut)
	}
	if got, want := summaryLines(errOut), summaryLines(want); !slices.Equal(got, want) {
		t.Errorf("load examples/ prints\n%s\ndocs/loading.md shows\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	file := filepath.Join(t.TempDir(), "again.json")
	_, errOut, code = runCommand(t, "load", "--progress", "none", "--summary-json", file, examples)
	if code != 0 {
		t.Fatalf("second load: exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var again struct {
		Graph map[string]int `json:"graph"`
	}
	if err := json.Unmarshal(b, &again); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	for k, n := range again.Graph {
		if n != 0 {
			t.Errorf("loading again changed the graph: %s %d\n%s", k, n, b)
		}
	}
}

// TestNeo4jREADMEWorkedExample runs the README's worked example on an empty
// database: extract one article, load it, ask one query. What extract and
// query print must be what the README shows (confidences aside, which move
// whenever the model is retrained); the load summary is compared as in
// TestNeo4jREADMELoadExample.
func TestNeo4jREADMEWorkedExample(t *testing.T) {
	const (
		article = "examples/03-moldova-referendum.txt"
		query   = "election-targeters -p election=election:MD-2024-referendum"
	)
	wantExtract := docOutput(t, "README.md", "influencegraph extract --format table "+article)
	wantLoad := docOutput(t, "README.md", "influencegraph load "+article)
	wantQuery := docOutput(t, "README.md", "influencegraph query "+query)
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	cfg := graphtest.Config(t)
	graphtest.Fresh(t)
	isolate(t)
	useNeo4j(t, cfg)
	t.Chdir(root)

	confidence := regexp.MustCompile(`\b[01]\.[0-9]{2}\b`)
	out, errOut, code := runCommand(t, "extract", "--format", "table", article)
	if code != 0 {
		t.Fatalf("extract: exit %d: %s", code, errOut)
	}
	got := trimLines(confidence.ReplaceAllString(out+errOut, "C"))
	if want := trimLines(confidence.ReplaceAllString(wantExtract, "C")); strings.TrimSpace(got) != strings.TrimSpace(want) {
		t.Errorf("extract prints\n%s\nthe README shows\n%s", out+errOut, wantExtract)
	}

	_, errOut, code = runCommand(t, "load", "--progress", "none", article)
	if code != 0 {
		t.Fatalf("load: exit %d: %s", code, errOut)
	}
	if got, want := summaryLines(errOut), summaryLines(wantLoad); !slices.Equal(got, want) {
		t.Errorf("load prints\n%s\nthe README shows\n%s", errOut, wantLoad)
	}

	out, errOut, code = runCommand(t, append([]string{"query"}, strings.Fields(query)...)...)
	if code != 0 {
		t.Fatalf("query: exit %d: %s", code, errOut)
	}
	if strings.TrimSpace(trimLines(out+errOut)) != strings.TrimSpace(trimLines(wantQuery)) {
		t.Errorf("query prints\n%s\nthe README shows\n%s", out+errOut, wantQuery)
	}
}

// summaryLines keeps the lines of a load summary a documented example can
// promise: the schema and articles lines as they are, the relations and
// graph lines with their numbers, which move with every retrained model,
// replaced by N.
func summaryLines(s string) []string {
	digits := regexp.MustCompile(`[0-9]+`)
	var out []string
	for _, l := range strings.Split(s, "\n") {
		switch {
		case strings.HasPrefix(l, "schema: "), strings.HasPrefix(l, "articles: "):
			out = append(out, strings.TrimSpace(l))
		case strings.HasPrefix(l, "relations: "), strings.HasPrefix(l, "graph: "):
			out = append(out, digits.ReplaceAllString(strings.TrimSpace(l), "N"))
		}
	}
	return out
}
