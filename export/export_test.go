package export_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/influencegraph/influencegraph/export"
	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/schema"
)

// fixture is the extract output the query library is tested on: 5
// articles, 13 entities, 18 claims, 14 actor relationships.
const fixture = "../queries/testdata/analysts.jsonl"

func snapshot(t testing.TB) graph.Snapshot {
	t.Helper()
	f, err := os.Open(fixture)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := graph.SnapshotOf(graph.ReadRecords(f, fixture), 20)
	if err != nil {
		t.Fatal(err)
	}
	// 5 articles + 13 entities + 18 claims; 18 STATES + 19 MENTIONS + 14
	// actor + 1 PART_OF (RT to Russia).
	if len(s.Nodes) != 36 || len(s.Edges) != 57 {
		t.Fatalf("fixture snapshot has %d nodes and %d relationships, want 36 and 57", len(s.Nodes), len(s.Edges))
	}
	return s
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestNeoAdminFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "csv")
	im, err := export.NeoAdmin(snapshot(t), schema.Default(), dir, "neo4j")
	if err != nil {
		t.Fatal(err)
	}
	if im.Nodes != 36 || im.Relationships != 57 || len(im.Files) != 26 {
		t.Errorf("import = %d nodes, %d relationships, %d files; want 36, 57, 26", im.Nodes, im.Relationships, len(im.Files))
	}
	us := string(export.ArrayDelimiter)
	for _, tt := range []struct {
		file     string
		contains []string
	}{
		{"nodes-State.header.csv", []string{"id:ID(Entity),:LABEL,name,aliases:string[],wikidata,iso2\n"}},
		{"nodes-State.csv", []string{"state:RU,Entity" + us + "State,Russia,Moscow,Q159,RU\n"}},
		{"nodes-Election.header.csv", []string{"id:ID(Entity),:LABEL,name,aliases:string[],country,year:long,kind\n"}},
		{"nodes-Election.csv", []string{"election:MD-2024-referendum,Election" + us + "Entity,2024 Moldovan constitutional referendum,,MD,2024,referendum\n"}},
		{"nodes-Article.header.csv", []string{"id:ID(Article),:LABEL,doc,url,title,published,outlet,sources:string[],text_hash,content_hash\n"}},
		{"nodes-Claim.header.csv", []string{"id:ID(Claim),:LABEL,relation,article,type,source,target,negated:boolean,sentence,span_start:long,span_end:long,trigger,rule,confidence:double,hedges:string[],attempted:boolean,attribution,published,outlet\n"}},
		{"relationships-MENTIONS.header.csv", []string{":START_ID(Article),:END_ID(Entity),:TYPE,count:long\n"}},
		{"relationships-STATES.header.csv", []string{":START_ID(Article),:END_ID(Claim),:TYPE\n"}},
		{"relationships-AUTHORISED.header.csv", []string{":START_ID(Entity),:END_ID(Entity),:TYPE,key,negated:boolean,articles:string[],article_count:long,outlet_count:long,first_reported,last_reported,max_confidence:double,hedged:boolean,attempted:boolean,basis,asserted_by:string[],evidence:string[],evidence_articles:string[]\n"}},
		// A sentence with a comma is quoted; list elements are split by U+001F.
		{"relationships-AUTHORISED.csv", []string{
			"person:vladimir-putin,election:US-2020-presidential,AUTHORISED,person:vladimir-putin|AUTHORISED|election:US-2020-presidential|asserted,false,a1" + us + "a2,2,2,2020-10-02,2021-03-17,0.9,false,false,stated,a US intelligence assessment" + us + "the National Intelligence Council,",
		}},
		{"relationships-TARGETED.csv", []string{`"China weighed an influence effort but did not carry it out, the report said."`}},
	} {
		got := readFile(t, filepath.Join(dir, tt.file))
		for _, want := range tt.contains {
			if !strings.Contains(got, want) {
				t.Errorf("%s lacks %q:\n%s", tt.file, want, got)
			}
		}
	}
	cmd := im.Command()
	abs, _ := filepath.Abs(dir)
	for _, want := range []string{
		"neo4j-admin database import full \\\n",
		"  --nodes=" + filepath.Join(abs, "nodes-State.header.csv") + "," + filepath.Join(abs, "nodes-State.csv") + " \\\n",
		"  --relationships=" + filepath.Join(abs, "relationships-TARGETED.header.csv") + ",",
		"  --array-delimiter=U+001F \\\n  neo4j",
	} {
		if !strings.Contains(cmd, want) {
			t.Errorf("command lacks %q:\n%s", want, cmd)
		}
	}
	if strings.Contains(cmd, "--multiline-fields") {
		t.Errorf("command asks for multi-line fields, though no value has a line break:\n%s", cmd)
	}
}

func TestNeoAdminMultilineAndQuoting(t *testing.T) {
	s := graph.Snapshot{Nodes: []graph.Node{{Labels: []string{schema.Article},
		Properties: map[string]any{"id": "x", "title": "two\nlines, \"quoted\"", "sources": []any{"a\x1fb"}}}}}
	dir := filepath.Join(t.TempDir(), "it's here")
	im, err := export.NeoAdmin(s, schema.Default(), dir, "neo4j")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := readFile(t, filepath.Join(dir, "nodes-Article.csv")), "x,Article,\"two\nlines, \"\"quoted\"\"\",a b\n"; got != want {
		t.Errorf("row = %q, want %q", got, want)
	}
	cmd := im.Command()
	if !strings.Contains(cmd, "--multiline-fields=true") || !strings.Contains(cmd, `'--nodes=`) || !strings.Contains(cmd, `it'\''s here`) {
		t.Errorf("command does not quote the path or ask for multi-line fields:\n%s", cmd)
	}
}

func TestGraphML(t *testing.T) {
	var b bytes.Buffer
	if err := export.GraphML(&b, export.ActorsOnly(snapshot(t)), schema.Default()); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Keys []struct {
			ID   string `xml:"id,attr"`
			For  string `xml:"for,attr"`
			Name string `xml:"attr.name,attr"`
			Type string `xml:"attr.type,attr"`
		} `xml:"key"`
		Graph struct {
			Directed string `xml:"edgedefault,attr"`
			Nodes    []struct {
				ID   string `xml:"id,attr"`
				Data []struct {
					Key  string `xml:"key,attr"`
					Text string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"node"`
			Edges []struct {
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
				Data   []struct {
					Key  string `xml:"key,attr"`
					Text string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	if len(doc.Graph.Nodes) != 13 || len(doc.Graph.Edges) != 14 || doc.Graph.Directed != "directed" {
		t.Fatalf("graph has %d nodes and %d edges (%s), want 13 and 14 directed", len(doc.Graph.Nodes), len(doc.Graph.Edges), doc.Graph.Directed)
	}
	keyName := map[string]string{}
	keyType := map[string]string{}
	for _, k := range doc.Keys {
		keyName[k.ID] = k.For + ":" + k.Name
		keyType[k.For+":"+k.Name] = k.Type
	}
	for name, typ := range map[string]string{"node:year": "long", "node:label": "string", "edge:article_count": "long",
		"edge:max_confidence": "double", "edge:negated": "boolean", "edge:evidence": "string"} {
		if keyType[name] != typ {
			t.Errorf("key %s has type %q, want %q", name, keyType[name], typ)
		}
	}
	found := false
	for _, e := range doc.Graph.Edges {
		data := map[string]string{}
		for _, d := range e.Data {
			data[keyName[d.Key]] = d.Text
		}
		if e.Source == "person:vladimir-putin" && e.Target == "election:US-2020-presidential" {
			found = true
			if data["edge:label"] != "AUTHORISED" || data["edge:article_count"] != "2" ||
				data["edge:asserted_by"] != `["a US intelligence assessment","the National Intelligence Council"]` {
				t.Errorf("Putin's edge data = %v", data)
			}
		}
	}
	if !found {
		t.Errorf("no edge from Putin to the 2020 election")
	}
	for _, n := range doc.Graph.Nodes {
		if n.ID != "state:RU" {
			continue
		}
		data := map[string]string{}
		for _, d := range n.Data {
			data[keyName[d.Key]] = d.Text
		}
		if data["node:label"] != "Russia" || data["node:labels"] != ":Entity:State" || data["node:aliases"] != `["Moscow"]` {
			t.Errorf("Russia's data = %v", data)
		}
	}
}

func TestJSON(t *testing.T) {
	var b bytes.Buffer
	s := snapshot(t)
	if err := export.JSON(&b, s); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Nodes []struct {
			ID         string         `json:"id"`
			Labels     []string       `json:"labels"`
			Properties map[string]any `json:"properties"`
		} `json:"nodes"`
		Relationships []graph.Edge `json:"relationships"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if len(doc.Nodes) != 36 || len(doc.Relationships) != 57 {
		t.Fatalf("%d nodes and %d relationships, want 36 and 57", len(doc.Nodes), len(doc.Relationships))
	}
	if lines := strings.Count(b.String(), "\n"); lines != 36+57+2 {
		t.Errorf("%d lines, want one per node and relationship and two more", lines)
	}
	for _, r := range doc.Relationships {
		if r.Type == schema.Targeted && r.Start == "state:CN" {
			if r.Properties["negated"] != true || r.End != "election:US-2020-presidential" {
				t.Errorf("China's relationship = %+v", r)
			}
		}
	}
}
