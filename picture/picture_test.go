package picture

import (
	"bytes"
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/influencegraph/influencegraph/extract"
)

// pageDataOf extracts the JSON that a page hands its script.
func pageDataOf(t testing.TB, page string) pageData {
	t.Helper()
	m := regexp.MustCompile(`(?s)const GRAPH = (.*?);\n`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("page has no GRAPH data")
	}
	var d pageData
	if err := json.Unmarshal([]byte(m[1]), &d); err != nil {
		t.Fatalf("GRAPH data is not JSON: %v\n%s", err, m[1])
	}
	return d
}

func render(t testing.TB, g *Graph, opts Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := g.WriteHTML(&buf, opts); err != nil {
		t.Fatalf("WriteHTML: %v", err)
	}
	return buf.String()
}

func readFixture(t testing.TB, name string) *Graph {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g := NewGraph()
	if err := g.ReadJSONLines(f); err != nil {
		t.Fatalf("ReadJSONLines(%s): %v", name, err)
	}
	return g
}

func TestMergeAcrossArticles(t *testing.T) {
	d := pageDataOf(t, render(t, readFixture(t, "two-articles.jsonl"), Options{}))

	if d.Articles != 2 {
		t.Errorf("articles = %d, want 2", d.Articles)
	}
	nodes := map[string]pageNode{}
	for _, n := range d.Nodes {
		if _, dup := nodes[n.ID]; dup {
			t.Errorf("node %q drawn twice", n.ID)
		}
		nodes[n.ID] = n
	}
	wantNodes := []struct {
		id, typ, name, caption string
		articles               int
	}{
		{"state:ZZ", "State", "Zembla", "Zembla", 2},
		{"person:ivan-kolt", "Person", "Ivan Kolt", "Ivan Kolt", 2},
		{"election:QQ-2031-presidential", "Election", "2031 Quux presidential election", "QQ 2031 presidential", 2},
		{"organisation:grey-crane", "Organisation", "Grey Crane", "Grey Crane", 1},
		// Named by a relation only: captioned by its id.
		{"agency:unnamed", "", "agency:unnamed", "agency:unnamed", 0},
	}
	if len(nodes) != len(wantNodes) {
		t.Errorf("got %d nodes, want %d: %+v", len(nodes), len(wantNodes), d.Nodes)
	}
	for _, w := range wantNodes {
		n, ok := nodes[w.id]
		if !ok {
			t.Errorf("no node %q", w.id)
			continue
		}
		if n.Type != w.typ || n.Name != w.name || n.Caption != w.caption || n.Articles != w.articles {
			t.Errorf("node %q = %+v, want type %q name %q caption %q articles %d", w.id, n, w.typ, w.name, w.caption, w.articles)
		}
	}
	if got := strings.Join(nodes["person:ivan-kolt"].Aliases, "|"); got != "I. Kolt|Kolt" {
		t.Errorf("aliases = %q, want the union I. Kolt|Kolt", got)
	}

	type key struct {
		src, typ, dst string
		neg           bool
	}
	edges := map[key]pageEdge{}
	for _, e := range d.Edges {
		edges[key{e.Source, e.Type, e.Target, e.Negated}] = e
	}
	tests := []struct {
		k                  key
		articles, outlets  int
		claims             int
		hedged             bool
		firstEvidenceStart string
	}{
		// Stated by both articles: one edge, two claims, earliest first.
		{key{"person:ivan-kolt", "AUTHORISED", "election:QQ-2031-presidential", false}, 2, 2, 2, false, "Kolt signed off"},
		// Hedged in every article that states it.
		{key{"organisation:grey-crane", "AMPLIFIED", "person:ivan-kolt", false}, 1, 1, 1, true, "Grey Crane reportedly"},
		// Hedged in one article but not the other: not hedged.
		{key{"state:ZZ", "TARGETED", "election:QQ-2031-presidential", false}, 2, 2, 2, false, "Zembla allegedly"},
		// A negated claim is its own edge beside the positive one.
		{key{"state:ZZ", "TARGETED", "election:QQ-2031-presidential", true}, 1, 1, 1, false, "Zembla did not"},
		{key{"agency:unnamed", "TARGETED", "state:ZZ", false}, 1, 1, 1, false, "An office"},
	}
	if len(edges) != len(tests) {
		t.Errorf("got %d edges, want %d", len(edges), len(tests))
	}
	for _, tt := range tests {
		e, ok := edges[tt.k]
		if !ok {
			t.Errorf("no edge %+v", tt.k)
			continue
		}
		if e.Articles != tt.articles || e.Outlets != tt.outlets || len(e.Claims) != tt.claims || e.Hedged != tt.hedged {
			t.Errorf("edge %+v: articles %d outlets %d claims %d hedged %v; want %d %d %d %v",
				tt.k, e.Articles, e.Outlets, len(e.Claims), e.Hedged, tt.articles, tt.outlets, tt.claims, tt.hedged)
			continue
		}
		if !strings.HasPrefix(e.Claims[0].Evidence, tt.firstEvidenceStart) {
			t.Errorf("edge %+v first evidence %q, want it to start %q", tt.k, e.Claims[0].Evidence, tt.firstEvidenceStart)
		}
	}
	c := edges[key{"person:ivan-kolt", "AUTHORISED", "election:QQ-2031-presidential", false}].Claims[0]
	if c.Title != "Quux vote under pressure" || c.Outlet != "Example Gazette" || c.Published != "2031-03-02" || c.URL != "https://gazette.example/quux-vote" {
		t.Errorf("claim does not carry its article: %+v", c)
	}
}

func TestReadJSONLinesErrors(t *testing.T) {
	tests := []struct {
		name, input, wantErr string
	}{
		{"not json", `{"kind":"article","id":"a"}` + "\n" + "oops\n", "line 2"},
		{"bad field", `{"kind":"relation","negated":"yes"}`, `line 1: relation record`},
		{"unknown kind ignored", `{"kind":"summary","n":1}` + "\n\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := NewGraph().ReadJSONLines(strings.NewReader(tt.input))
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("unexpected error %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("error %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

// Article text must not be able to end the data script or inject markup.
func TestWriteHTMLEscapesArticleText(t *testing.T) {
	hostile := []string{
		`</script><script>alert(1)</script>`,
		`</script><script>alert("x")</script>`,
		`</SCRIPT ><img src=x onerror=alert(1)>`,
		`<!-- <script>`,
		"line\u2028separator and a \"quote\" & 'apostrophe'",
	}
	g := NewGraph()
	pub := "2031-01-01"
	g.AddArticle(extract.ArticleRecord{Kind: "article", ID: "a1", Title: hostile[0], Published: &pub, Outlet: hostile[1]})
	g.AddEntity(extract.EntityRecord{Kind: "entity", Article: "a1", ID: "person:x", Type: "Person", Name: hostile[1], Aliases: []string{hostile[2]}})
	g.AddEntity(extract.EntityRecord{Kind: "entity", Article: "a1", ID: "state:ZZ", Type: "State", Name: "Zembla"})
	for i, h := range hostile {
		g.AddRelation(extract.RelationRecord{Kind: "relation", Article: "a1", Type: "TARGETED", Source: "person:x", Target: "state:ZZ", Evidence: h, Attribution: hostile[(i+1)%len(hostile)]})
	}
	page := render(t, g, Options{Title: hostile[0]})

	// Exactly the page's own two scripts, and nothing that closes one early.
	if n := strings.Count(strings.ToLower(page), "<script"); n != 2 {
		t.Errorf("page has %d <script tags, want 2", n)
	}
	if n := strings.Count(strings.ToLower(page), "</script"); n != 2 {
		t.Errorf("page has %d </script, want 2", n)
	}
	for _, bad := range []string{"<img", "<!--"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q from article text", bad)
		}
	}
	if !strings.Contains(page, "<title>"+html.EscapeString(hostile[0])+"</title>") {
		t.Errorf("title is not HTML-escaped")
	}

	// And the text survives the escaping unchanged.
	d := pageDataOf(t, page)
	if len(d.Edges) != 1 || len(d.Edges[0].Claims) != len(hostile) {
		t.Fatalf("want one edge with %d claims, got %+v", len(hostile), d.Edges)
	}
	for i, c := range d.Edges[0].Claims {
		if c.Evidence != hostile[i] {
			t.Errorf("evidence %d = %q, want %q", i, c.Evidence, hostile[i])
		}
		if c.Title != hostile[0] || c.Outlet != hostile[1] {
			t.Errorf("claim %d article fields changed: %+v", i, c)
		}
	}
	for _, n := range d.Nodes {
		if n.ID == "person:x" && (n.Name != hostile[1] || len(n.Aliases) != 1 || n.Aliases[0] != hostile[2]) {
			t.Errorf("node text changed: %+v", n)
		}
	}
}

func TestWriteHTMLSelfContained(t *testing.T) {
	page := render(t, readFixture(t, "two-articles.jsonl"), Options{})
	// Nothing is fetched when the page is viewed.
	for _, ref := range []string{`<script src`, `<link `, `@import`, `url(http`} {
		if strings.Contains(page, ref) {
			t.Errorf("page references outside resource: %q", ref)
		}
	}
	if !strings.Contains(page, cytoscapeJS[len(cytoscapeJS)-200:]) {
		t.Errorf("drawing library not inlined whole")
	}
	if !strings.Contains(page, "5 entities · 5 relations · 2 articles") {
		t.Errorf("page lacks its summary line")
	}
}

func TestMaxEvidence(t *testing.T) {
	g := NewGraph()
	for i := range 7 {
		id := string(rune('a' + i))
		pub := "2030-01-0" + string(rune('1'+6-i)) // later articles are older
		g.AddArticle(extract.ArticleRecord{ID: id, Published: &pub})
		g.AddRelation(extract.RelationRecord{Article: id, Type: "AMPLIFIED", Source: "s", Target: "t", Evidence: "sentence " + id})
	}
	tests := []struct {
		max, wantClaims, wantMore int
		wantFirst                 string
	}{
		{0, 7, 0, "sentence g"}, // default cap is above 7
		{3, 3, 4, "sentence g"},
		{-1, 7, 0, "sentence g"},
	}
	for _, tt := range tests {
		d := pageDataOf(t, render(t, g, Options{MaxEvidence: tt.max}))
		e := d.Edges[0]
		if len(e.Claims) != tt.wantClaims || e.More != tt.wantMore || e.Claims[0].Evidence != tt.wantFirst || e.Articles != 7 {
			t.Errorf("MaxEvidence %d: %d claims, more %d, first %q, articles %d; want %d, %d, %q, 7",
				tt.max, len(e.Claims), e.More, e.Claims[0].Evidence, e.Articles, tt.wantClaims, tt.wantMore, tt.wantFirst)
		}
	}
}

func TestCaption(t *testing.T) {
	tests := []struct {
		e    extract.EntityRecord
		want string
	}{
		{extract.EntityRecord{Type: "Election", Name: "2020 United States presidential election", Country: "US", Year: 2020, ElectionKind: "presidential"}, "US 2020 presidential"},
		{extract.EntityRecord{Type: "Election", Name: "an election", Year: 2024}, "2024 election"},
		{extract.EntityRecord{Type: "Election", Name: "Some vote"}, "Some vote"},
		{extract.EntityRecord{Type: "Person", Name: "Ivan Kolt"}, "Ivan Kolt"},
		{extract.EntityRecord{ID: "state:ZZ"}, "state:ZZ"},
	}
	for _, tt := range tests {
		if got := Caption(tt.e); got != tt.want {
			t.Errorf("Caption(%+v) = %q, want %q", tt.e, got, tt.want)
		}
	}
}

// The same records give byte-identical pages, whatever the maps' order.
func TestWriteHTMLDeterministic(t *testing.T) {
	first := render(t, readFixture(t, "two-articles.jsonl"), Options{})
	for range 5 {
		if got := render(t, readFixture(t, "two-articles.jsonl"), Options{}); got != first {
			t.Fatalf("two renderings of the same input differ")
		}
	}
}

// Elections of no named country in two articles are two nodes, as in the
// graph the loader builds; an election with a country is one.
func TestElectionsWithoutCountryStayApart(t *testing.T) {
	g := NewGraph()
	in := `{"kind":"article","id":"a1","title":"one"}
{"kind":"entity","article":"a1","id":"election:XX-2020-other","type":"Election","name":"2020 election","year":2020}
{"kind":"entity","article":"a1","id":"state:RU","type":"State","name":"Russia"}
{"kind":"entity","article":"a1","id":"election:US-2020-presidential","type":"Election","name":"2020 US presidential election","country":"US","year":2020}
{"kind":"relation","article":"a1","type":"TARGETED","source":"state:RU","target":"election:XX-2020-other","evidence":"Russia targeted it."}
{"kind":"article","id":"a2","title":"two"}
{"kind":"entity","article":"a2","id":"election:XX-2020-other","type":"Election","name":"2020 election","year":2020}
{"kind":"entity","article":"a2","id":"election:US-2020-presidential","type":"Election","name":"2020 US presidential election","country":"US","year":2020}
`
	if err := g.ReadJSONLines(strings.NewReader(in)); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for id := range g.nodes {
		if strings.HasPrefix(id, "election:") {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	want := []string{"election:US-2020-presidential", "election:XX-2020-other@a1", "election:XX-2020-other@a2"}
	if !slices.Equal(ids, want) {
		t.Errorf("election nodes %q, want %q", ids, want)
	}
	if _, ok := g.edges[edgeKey{source: "state:RU", typ: "TARGETED", target: "election:XX-2020-other@a1"}]; !ok {
		t.Errorf("no TARGETED edge to article a1's own election: %v", g.edges)
	}
}
