package queries_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/influencegraph/influencegraph/extract/extracttest"
	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/graph/graphtest"
	"github.com/influencegraph/influencegraph/queries"
	"github.com/influencegraph/influencegraph/review"
)

// fixture is the extract output the library is tested on: five short
// articles written for the tests (testdata/analysts.jsonl) about Russia,
// its GRU, Iran and China and three elections, with a proxy chain
// (GRU - Derkach - Example Media Network), a negated claim and hedged ones.
const fixture = "testdata/analysts.jsonl"

// loadFixture gives the test the local Neo4j with only the fixture loaded,
// through the same loader `influencegraph load` uses.
func loadFixture(t testing.TB) *graph.Client {
	t.Helper()
	c := graphtest.Ready(t)
	if sum := graphtest.LoadFile(t, c, fixture); sum.Articles.New != 5 || sum.Relations.Created != 14 {
		t.Fatalf("load %s = %+v, want 5 new articles and 14 relations", fixture, sum)
	}
	return c
}

type row map[string]any

func l(xs ...any) []any {
	if xs == nil {
		return []any{}
	}
	return xs
}

// TestNeo4jLibrary runs every query of the library on the fixture and
// checks its rows, in order; a row lists only the columns it checks.
func TestNeo4jLibrary(t *testing.T) {
	c := loadFixture(t)
	tests := []struct {
		query  string
		params map[string]string
		want   []row
	}{
		{"election-targeters", nil, []row{
			{"actor": "Russia", "type": "State", "articles": int64(2), "outlets": int64(2), "first_reported": "2020-10-02",
				"last_reported": "2021-03-17", "authorised_by": l("Vladimir Putin")},
			{"actor": "GRU", "type": "Agency", "articles": int64(1), "authorised_by": l("Vladimir Putin")},
			// Putin is Russian: he is not said to have authorised Iran's effort.
			{"actor": "Iran", "type": "State", "articles": int64(1), "authorised_by": l()},
		}},
		{"election-targeters", map[string]string{"election": "election:DE-2021-federal"}, []row{
			{"actor": "GRU", "hedged": true},
			{"actor": "Russia", "hedged": true, "authorised_by": l()},
		}},
		{"election-targeters", map[string]string{"election": "election:XX-1900-none"}, nil},
		{"actor-activity", nil, []row{
			{"first_reported": "2020-10-02", "relation": "TARGETED", "target_id": "election:US-2020-presidential", "articles": int64(2), "outlets": int64(2)},
			{"first_reported": "2021-09-20", "relation": "TARGETED", "target_id": "election:DE-2021-federal", "hedged": true},
			{"first_reported": "2024-10-15", "relation": "TARGETED", "target_id": "election:MD-2024-referendum", "target_type": "Election"},
		}},
		{"actor-activity", map[string]string{"actor": "person:andrii-derkach"}, []row{
			{"first_reported": "2021-03-17", "last_reported": "2022-05-05", "relation": "AMPLIFIED", "target": "Joe Biden", "articles": int64(2), "outlets": int64(1)},
		}},
		{"amplifiers", nil, []row{
			{"amplifier": "GRU", "articles": int64(2), "outlets": int64(2), "example": "GRU officers seeded stories disparaging Biden through intermediaries."},
			{"amplifier": "Andrii Derkach", "articles": int64(2), "outlets": int64(1)},
			{"amplifier": "Example Media Network", "articles": int64(1)},
			{"amplifier": "Internet Research Agency", "articles": int64(1)},
		}},
		{"amplifiers", map[string]string{"target": "election:MD-2024-referendum"}, []row{
			{"amplifier": "Internet Research Agency", "hedged": true},
			{"amplifier": "Storm-1516", "hedged": true},
		}},
		// Only "linked to" and "on behalf of" make links: Putin and the
		// Internet Research Agency act on the same targets as Russia and
		// the GRU, but no sentence says they act for them.
		{"proxy-network", nil, []row{
			{"name": "Andrii Derkach", "type": "Person", "depth": int64(1), "linked_through": l("GRU", "Andrii Derkach"), "articles": int64(1),
				"evidence": "Derkach, a lawmaker linked to the GRU, spread unsupported claims about Biden to American contacts."},
			{"name": "Storm-1516", "depth": int64(1), "linked_through": l("Russia", "Storm-1516"), "articles": int64(1)},
			{"name": "Example Media Network", "type": "Organisation", "depth": int64(2),
				"linked_through": l("GRU", "Andrii Derkach", "Example Media Network"), "articles": int64(1)},
		}},
		{"proxy-network", map[string]string{"depth": "0"}, nil},
		{"proxy-network", map[string]string{"depth": "1"}, []row{
			{"name": "Andrii Derkach"}, {"name": "Storm-1516"},
		}},
		// China's only claim is negated: no network.
		{"proxy-network", map[string]string{"state": "state:CN"}, nil},
		{"edge-evidence", nil, []row{
			{"negated": false, "published": "2020-10-02", "outlet": "Example Herald", "article": "a1",
				"sentence":    "The assessment found that Putin approved the operation aimed at the 2020 vote.",
				"asserted_by": "a US intelligence assessment", "confidence": 0.9, "hedges": nil,
				"url": "https://example.org/herald/2020/10/assessment"},
			{"negated": false, "published": "2021-03-17", "outlet": "Daily Example", "article": "a2",
				"asserted_by": "the National Intelligence Council"},
		}},
		{"edge-evidence", map[string]string{"source": "state:CN", "type": "TARGETED"}, []row{
			{"negated": true, "article": "a2", "sentence": "China weighed an influence effort but did not carry it out, the report said."},
		}},
		// The type may be given in any case.
		{"edge-evidence", map[string]string{"source": "state:RU", "type": "targeted", "target": "election:DE-2021-federal"}, []row{
			{"negated": false, "hedges": l("reportedly"), "title": "Berlin watches for interference before the vote"},
		}},
		{"timeline", nil, []row{
			{"first_reported": "2020-10-02", "source": "GRU", "relation": "AMPLIFIED", "target": "Joe Biden"},
			{"first_reported": "2020-10-02", "source": "GRU", "relation": "TARGETED", "target": "2020 United States presidential election"},
			{"first_reported": "2020-10-02", "source": "Russia", "relation": "TARGETED", "target": "2020 United States presidential election"},
			{"first_reported": "2021-09-20", "source": "GRU", "target": "2021 German federal election"},
			{"first_reported": "2021-09-20", "source": "Russia", "target": "2021 German federal election"},
			{"first_reported": "2024-10-15", "source": "Russia", "target": "2024 Moldovan constitutional referendum"},
		}},
		{"timeline", map[string]string{"entity": "election:US-2020-presidential"}, []row{
			{"first_reported": "2020-10-02", "source": "GRU", "relation": "TARGETED"},
			{"first_reported": "2020-10-02", "source": "Russia", "relation": "TARGETED"},
			{"first_reported": "2020-10-02", "source": "Vladimir Putin", "relation": "AUTHORISED", "articles": int64(2)},
			{"first_reported": "2021-03-17", "source": "China", "relation": "TARGETED", "negated": true},
			{"first_reported": "2021-03-17", "source": "Iran", "relation": "TARGETED", "negated": false},
		}},
		{"states-by-elections", nil, []row{
			{"year": int64(2020), "state": "Iran", "elections_targeted": int64(1)},
			{"year": int64(2020), "state": "Russia", "elections_targeted": int64(1), "elections": l("2020 United States presidential election")},
			{"year": int64(2021), "state": "Russia", "elections_targeted": int64(1)},
			{"year": int64(2024), "state": "Russia", "elections_targeted": int64(1)},
		}},
		{"states-by-elections", map[string]string{"min_articles": "2"}, []row{
			{"year": int64(2020), "state": "Russia"},
		}},
		{"negated-claims", nil, []row{
			{"source": "China", "relation": "TARGETED", "target": "2020 United States presidential election", "articles": int64(1),
				"also_asserted": false, "asserted_by": l("the National Intelligence Council")},
		}},
		{"hedged-only", nil, []row{
			{"source": "GRU", "relation": "TARGETED", "target": "2021 German federal election", "hedges": l("allegedly")},
			{"source": "Internet Research Agency", "relation": "AMPLIFIED", "hedges": l("allegedly")},
			{"source": "Russia", "relation": "TARGETED", "hedges": l("reportedly")},
			{"source": "Storm-1516", "relation": "AMPLIFIED", "hedges": l("reportedly")},
		}},
		{"entity-profile", nil, []row{
			{"id": "state:RU", "name": "Russia", "type": "State", "aliases": l("Moscow"), "wikidata": "Q159", "mentioned_in": int64(4),
				"direction": "out", "relation": "TARGETED", "negated": false, "relationships": int64(3), "articles": int64(4)},
		}},
		{"entity-profile", map[string]string{"entity": "person:joe-biden"}, []row{
			{"name": "Joe Biden", "aliases": l("Biden"), "wikidata": "Q6279", "mentioned_in": int64(3),
				"direction": "in", "relation": "AMPLIFIED", "relationships": int64(4), "articles": int64(3)},
		}},
		{"entity-profile", map[string]string{"entity": "agency:ru-gru"}, []row{
			{"direction": "out", "relation": "AMPLIFIED", "relationships": int64(1), "articles": int64(2), "others": l("Joe Biden")},
			{"direction": "out", "relation": "TARGETED", "relationships": int64(2), "articles": int64(2)},
		}},
		{"election-graph", nil, []row{
			{"actor": "Russia", "relation": "TARGETED", "articles": int64(2)},
			{"actor": "Vladimir Putin", "relation": "AUTHORISED", "articles": int64(2)},
			{"actor": "GRU", "relation": "TARGETED", "articles": int64(1)},
			{"actor": "Iran", "relation": "TARGETED", "articles": int64(1)},
		}},
		// the fixture's claims name no asserting entity (see
		// TestNeo4jEvidenceQueries for those that do)
		{"asserters", map[string]string{"type": "AUTHORISED"}, []row{
			{"source": "Vladimir Putin", "target": "2020 United States presidential election", "articles": int64(2),
				"asserters": l(), "unattributed": int64(2), "asserted_by": l("a US intelligence assessment", "the National Intelligence Council")},
		}},
		{"asserters", map[string]string{"countries": "US"}, nil},
		// claims loaded without context: the sentence, and no check
		{"quote", map[string]string{"source": "person:vladimir-putin", "type": "AUTHORISED"}, []row{
			{"url": "https://example.org/herald/2020/10/assessment", "offsets_ok": nil,
				"sentence": "The assessment found that Putin approved the operation aimed at the 2020 vote."},
			{"published": "2021-03-17"},
		}},
		{"find-entity", nil, []row{
			{"id": "person:vladimir-putin", "name": "Vladimir Putin", "type": "Person", "articles": int64(2)},
		}},
		{"find-entity", map[string]string{"name": "Main Intelligence"}, []row{
			{"id": "agency:ru-gru", "articles": int64(3)},
		}},
	}
	covered := map[string]bool{}
	ctx := context.Background()
	for _, tt := range tests {
		covered[tt.query] = true
		t.Run(fmt.Sprint(tt.query, tt.params), func(t *testing.T) {
			checkQuery(t, ctx, c, tt.query, tt.params, tt.want)
		})
	}
	all, err := queries.List()
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range all {
		if !covered[q.Name] {
			t.Errorf("query %s is not tested here", q.Name)
		}
	}
}

// checkQuery runs the library query name with params and checks that it
// returns the rows of want, in order, each with at least the columns given.
func checkQuery(t *testing.T, ctx context.Context, c *graph.Client, name string, params map[string]string, want []row) {
	t.Helper()
	q, err := queries.Get(name)
	if err != nil {
		t.Fatal(err)
	}
	bound, err := q.Bind(params)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := c.ReadTable(ctx, q.Cypher, bound)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if len(tab.Rows) != len(want) {
		t.Errorf("%d rows, want %d:\n%s", len(tab.Rows), len(want), dumpTable(tab))
	}
	for i := range min(len(tab.Rows), len(want)) {
		for col, w := range want[i] {
			j := slicesIndex(tab.Columns, col)
			if j < 0 {
				t.Fatalf("no column %q in %v", col, tab.Columns)
			}
			if got := tab.Rows[i][j]; !reflect.DeepEqual(got, w) {
				t.Errorf("row %d %s = %#v, want %#v", i, col, got, w)
			}
		}
	}
}

func slicesIndex(cols []string, col string) int {
	for i, c := range cols {
		if c == col {
			return i
		}
	}
	return -1
}

func dumpTable(t graph.Table) string {
	s := fmt.Sprintln(t.Columns)
	for _, r := range t.Rows {
		s += fmt.Sprintf("%#v\n", r)
	}
	return s
}

// TestNeo4jLibraryIsReadOnly checks that ReadTable refuses a write, so a
// library query can never change the graph.
func TestNeo4jLibraryIsReadOnly(t *testing.T) {
	c := graphtest.Open(t)
	if _, err := c.ReadTable(context.Background(), "CREATE (n:ReadOnlyProbe) RETURN n", nil); err == nil {
		t.Fatal("a CREATE ran in a read transaction")
	}
}

// TestNeo4jLibraryOnExamples extracts the bundled example articles
// (examples/, the README's demo and worked example) with the rule-based extractor, loads
// them, and runs every query of the library on them. It checks the facts
// the examples plainly state, so that it holds while the extractor
// improves.
func TestNeo4jLibraryOnExamples(t *testing.T) {
	ctx := context.Background()
	results := extracttest.Extract(t, "../examples")
	if len(results) < 4 {
		t.Fatalf("extract examples: %d results, want at least 4", len(results))
	}
	c := graphtest.Ready(t)
	graphtest.Load(t, c, graphtest.Results(results))

	run := func(t *testing.T, name string, params map[string]string) []map[string]any {
		t.Helper()
		q, err := queries.Get(name)
		if err != nil {
			t.Fatal(err)
		}
		p, err := q.Bind(params)
		if err != nil {
			t.Fatal(err)
		}
		tab, err := c.ReadTable(ctx, q.Cypher, p)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		rows := make([]map[string]any, len(tab.Rows))
		for i, r := range tab.Rows {
			rows[i] = map[string]any{}
			for j, col := range tab.Columns {
				rows[i][col] = r[j]
			}
		}
		return rows
	}
	has := func(rows []map[string]any, want row) bool {
	next:
		for _, r := range rows {
			for k, v := range want {
				if !reflect.DeepEqual(r[k], v) {
					continue next
				}
			}
			return true
		}
		return false
	}
	all, err := queries.List()
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range all {
		t.Run(q.Name, func(t *testing.T) {
			rows := run(t, q.Name, nil)
			switch q.Name {
			case "election-targeters":
				// "Iran carried out a covert campaign targeting the 2020 US
				// presidential election" (01, and 04).
				if !has(rows, row{"actor": "Iran", "type": "State"}) {
					t.Errorf("Iran is not among the targeters: %v", rows)
				}
			case "edge-evidence":
				// "Putin authorised influence operations aimed at the 2020 US
				// presidential election" (01).
				if !has(rows, row{"outlet": "Example Wire", "negated": false}) {
					t.Errorf("no evidence from Example Wire for Putin AUTHORISED: %v", rows)
				}
			case "find-entity":
				if len(rows) == 0 || rows[0]["id"] != "person:vladimir-putin" {
					t.Errorf("putin finds %v", rows)
				}
			case "amplifiers":
				rows = run(t, q.Name, map[string]string{"target": "election:US-2020-presidential"})
				if !has(rows, row{"amplifier": "RT"}) || !has(rows, row{"amplifier": "Sputnik"}) {
					t.Errorf("RT and Sputnik are not among the amplifiers of the election: %v", rows)
				}
			case "entity-profile":
				rows = run(t, q.Name, map[string]string{"entity": "person:vladimir-putin"})
				if !has(rows, row{"name": "Vladimir Putin", "direction": "out", "relation": "AUTHORISED", "negated": false}) {
					t.Errorf("Putin's profile = %v", rows)
				}
			case "timeline":
				rows = run(t, q.Name, map[string]string{"entity": "election:US-2020-presidential"})
				if !has(rows, row{"source": "Iran", "relation": "TARGETED"}) || !has(rows, row{"source": "Vladimir Putin", "relation": "AUTHORISED"}) {
					t.Errorf("the election's timeline = %v", rows)
				}
				for i := 1; i < len(rows); i++ {
					if fmt.Sprint(rows[i-1]["first_reported"]) > fmt.Sprint(rows[i]["first_reported"]) {
						t.Errorf("timeline out of order at row %d: %v", i, rows)
					}
				}
			case "actor-activity":
				rows = run(t, q.Name, map[string]string{"actor": "state:IR"})
				if !has(rows, row{"relation": "TARGETED", "target_id": "election:US-2020-presidential"}) {
					t.Errorf("Iran's activity = %v", rows)
				}
			case "states-by-elections":
				if !has(rows, row{"year": int64(2020), "state": "Iran"}) {
					t.Errorf("no 2020 row for Iran: %v", rows)
				}
			}
		})
	}
}

// runQuery runs a library query with parameters and returns its rows as
// maps.
func runQuery(t *testing.T, c *graph.Client, name string, params map[string]string) []row {
	t.Helper()
	q, err := queries.Get(name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := q.Bind(params)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := c.ReadTable(context.Background(), q.Cypher, p)
	if err != nil {
		t.Fatalf("run %s: %v", name, err)
	}
	var out []row
	for _, r := range tab.Rows {
		m := row{}
		for i, col := range tab.Columns {
			m[col] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// TestNeo4jLibraryRejectedClaims rejects claims as an analyst would (the
// review file applied to the graph) and checks that the library's answers
// leave them out, and bring them back when the rejection is taken back.
func TestNeo4jLibraryRejectedClaims(t *testing.T) {
	c := loadFixture(t)
	ctx := context.Background()
	putinA1 := "a1|person:vladimir-putin|AUTHORISED|election:US-2020-presidential|asserted"
	storm := "a4|org:storm-1516|AMPLIFIED|election:MD-2024-referendum|asserted"
	evidence := runQuery(t, c, "edge-evidence", nil)
	if len(evidence) != 2 || evidence[0]["claim"] != putinA1 {
		t.Fatalf("edge-evidence before review = %v, want a1's claim %q first", evidence, putinA1)
	}
	rejections := []review.Rejection{
		{Claim: putinA1, By: "analyst-1", Why: "the assessment is quoted second-hand", At: time.Date(2026, 12, 7, 1, 0, 0, 0, time.UTC)},
		{Claim: storm, By: "analyst-1", Why: "the videos were Iranian"},
	}
	apply := func(rs []review.Rejection) graph.ReviewSummary {
		t.Helper()
		s, err := graph.ApplyReview(ctx, c.Driver(), c.Database(), rs, 20)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if s := apply(rejections); s.Rejected != 2 || s.Relations.Updated != 1 || s.Relations.Removed != 1 {
		t.Errorf("review = %+v, want 2 rejected, Putin's edge updated and Storm-1516's (its only claim) removed", s)
	}
	if s := apply(rejections); s.Rejected != 0 || s.Unchanged != 2 || s.Relations != (graph.Relations{}) {
		t.Errorf("same review again = %+v, want nothing changed", s)
	}
	tests := []struct {
		query  string
		params map[string]string
		check  func([]row) bool
		want   string
	}{
		{"edge-evidence", nil, func(rs []row) bool { return len(rs) == 1 && rs[0]["article"] == "a2" },
			"only a2's claim (a1's is rejected)"},
		{"timeline", map[string]string{"entity": "election:US-2020-presidential"}, func(rs []row) bool {
			for _, r := range rs {
				if r["source"] == "Vladimir Putin" {
					return r["articles"] == int64(1) && r["first_reported"] == "2021-03-17"
				}
			}
			return false
		}, "Putin's AUTHORISED on 1 article, first reported by a2"},
		{"amplifiers", map[string]string{"target": "election:MD-2024-referendum"}, func(rs []row) bool {
			return len(rs) == 1 && rs[0]["amplifier"] == "Internet Research Agency"
		}, "Storm-1516 gone: its only claim is rejected"},
		{"hedged-only", nil, func(rs []row) bool {
			for _, r := range rs {
				if r["source"] == "Storm-1516" {
					return false
				}
			}
			return true
		}, "no Storm-1516"},
		{"proxy-network", nil, func(rs []row) bool {
			return len(rs) == 2 && rs[0]["name"] == "Andrii Derkach" && rs[1]["name"] == "Example Media Network"
		}, "Derkach and Example Media Network, not Storm-1516 (its linking claim is rejected)"},
	}
	for _, tt := range tests {
		if got := runQuery(t, c, tt.query, tt.params); !tt.check(got) {
			t.Errorf("%s %v after rejection = %v, want %s", tt.query, tt.params, got, tt.want)
		}
	}
	listed, err := graph.RejectedClaims(ctx, c.Driver(), c.Database())
	if err != nil {
		t.Fatal(err)
	}
	if len(listed) != 2 || listed[0].Claim != putinA1 || listed[0].By != "analyst-1" || listed[0].Why != rejections[0].Why ||
		!strings.HasPrefix(listed[0].At, "2026-12-07T01:00") || listed[1].Claim != storm {
		t.Errorf("rejected claims = %+v, want Putin's (with who, why, when) then Storm-1516's", listed)
	}
	// Taking the rejections back restores the answers.
	if s := apply(nil); s.Restored != 2 || s.Relations.Updated != 2 {
		t.Errorf("restore = %+v, want 2 claims restored and their 2 relationships rewritten", s)
	}
	if got := runQuery(t, c, "edge-evidence", nil); len(got) != 2 {
		t.Errorf("edge-evidence after restoring = %v, want both claims", got)
	}
	if got := runQuery(t, c, "amplifiers", map[string]string{"target": "election:MD-2024-referendum"}); len(got) != 2 {
		t.Errorf("amplifiers after restoring = %v, want Storm-1516 back", got)
	}
}
