package graph_test

import (
	"strings"
	"testing"

	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/extract/extracttest"
	"github.com/influencegraph/influencegraph/graph"
)

// extractExamples runs the real extractor over the bundled examples.
func extractExamples(t *testing.T) []extract.Result {
	t.Helper()
	return extracttest.Extract(t, "../examples")
}

// TestNeo4jExamplesEndToEnd extracts and loads examples/ (the demo corpus)
// and asks the analyst's question of it: who authorised what around the
// 2020 US presidential election, and on what evidence.
func TestNeo4jExamplesEndToEnd(t *testing.T) {
	results := extractExamples(t)
	driver, db := testDB(t)
	l := graph.NewLoader(driver, db, graph.LoadOptions{})
	s := load(t, l, results...)
	if s.Articles.Read != 5 || s.Articles.Replaced != 1 {
		t.Errorf("load of examples/ = %+v, want 5 read and the corrected version replacing the original", s.Articles)
	}
	rows := query(t, driver, db, `MATCH (who)-[r:AUTHORISED]->(what)
WHERE what:Election AND what.country = 'US' AND what.year = 2020
MATCH (a:Article)-[:STATES]->(c:Claim {relation: r.key})
RETURN who.name AS who, what.name AS what, c.sentence AS sentence, a.title AS title`, nil)
	if len(rows) == 0 {
		t.Fatalf("nobody AUTHORISED anything around the 2020 US election")
	}
	found := false
	for _, r := range rows {
		sentence := r["sentence"].(string)
		if r["who"] == "Vladimir Putin" && strings.Contains(sentence, "Putin") &&
			(strings.Contains(sentence, "authorised") || strings.Contains(sentence, "approved")) &&
			strings.HasSuffix(r["title"].(string), "(corrected)") {
			found = true
		}
	}
	if !found {
		t.Errorf("no AUTHORISED Putin -> 2020 election backed by the corrected article's sentence: %v", rows)
	}
	versions := query(t, driver, db, `MATCH (a:Article {url: $u}) RETURN a.title AS title`,
		map[string]any{"u": "https://example.org/news/2021/03/assessment-2020-election"})
	if len(versions) != 1 || !strings.HasSuffix(versions[0]["title"].(string), "(corrected)") {
		t.Errorf("versions of the corrected article = %v, want only the corrected one", versions)
	}

	before := dump(t, driver, db, false)
	again := load(t, l, results...)
	if again.Articles.Unchanged != 4 || again.Articles.Skipped != 1 {
		t.Errorf("second load of examples/ = %+v, want 4 unchanged and the old version skipped", again.Articles)
	}
	if again.Graph != (graph.Counters{}) {
		t.Errorf("second load of examples/ changed the graph: %+v, want no counter above zero", again.Graph)
	}
	diffDumps(t, dump(t, driver, db, false), before)
}
