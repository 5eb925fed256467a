package graph

import (
	"os"
	"strings"
	"testing"

	"github.com/influencegraph/influencegraph/extract"
)

func TestLooksLikeRecords(t *testing.T) {
	tests := []struct {
		head string
		want bool
	}{
		{`{"kind":"article","id":"x"}` + "\n", true},
		{"\n\n" + `{"kind": "entity", "article": "x", "id": "state:RU", "type": "State", "name": "Rus`, true},
		{"url: https://example.org\ntitle: Something\n\nBody text.", false},
		{`{"title": "an article as JSON", "text": "..."}`, false},
		{"<html><body>{</body></html>", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := LooksLikeRecords([]byte(tt.head)); got != tt.want {
			t.Errorf("LooksLikeRecords(%q) = %v, want %v", tt.head, got, tt.want)
		}
	}
}

func readAll(t *testing.T, r *strings.Reader) ([]extract.Result, error) {
	t.Helper()
	var out []extract.Result
	for res, err := range ReadRecords(r, "input") {
		if err != nil {
			return out, err
		}
		out = append(out, res)
	}
	return out, nil
}

func TestReadRecordsGroupsByArticle(t *testing.T) {
	b, err := os.ReadFile("testdata/records.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	got, err := readAll(t, strings.NewReader(string(b)))
	if err != nil {
		t.Fatalf("ReadRecords: %v", err)
	}
	if len(got) != 2 || got[0].Article.ID != "t1" || len(got[0].Entities) != 3 || len(got[0].Relations) != 4 || got[1].Article.ID != "t2" {
		t.Fatalf("ReadRecords grouped %d results: %+v", len(got), got)
	}
}

func TestReadRecordsErrorsNameTheLine(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"entity before article", `{"kind":"entity","article":"a","id":"x"}`, "input:1: entity record before any article record"},
		{"record of another article", "{\"kind\":\"article\",\"id\":\"a\"}\n{\"kind\":\"relation\",\"article\":\"b\"}", `input:2: relation record of article "b" among the records of "a"`},
		{"unknown kind", `{"kind":"comment"}`, `input:1: unknown record kind "comment"`},
		{"malformed", "{\"kind\":\"article\",\"id\":\"a\"}\n{not json", "input:2:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readAll(t, strings.NewReader(tt.in))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error = %v, want prefix %q", err, tt.want)
			}
		})
	}
}

func TestPrepareSkipsWhatTheModelDoesNotKnow(t *testing.T) {
	b, _ := os.ReadFile("testdata/records.jsonl")
	rs, err := readAll(t, strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	p, err := prepare(rs[0])
	if err != nil {
		t.Fatal(err)
	}
	wantSkipped := map[string]int{
		`entity of unknown type "Planet"`:                                1,
		`relation of unknown type "FUNDED"`:                              1,
		"relation whose end is not an entity of the article":             1,
		"relation stated twice in one article (kept the most confident)": 1,
	}
	for k, n := range wantSkipped {
		if p.skipped[k] != n {
			t.Errorf("skipped[%q] = %d, want %d (all: %v)", k, p.skipped[k], n, p.skipped)
		}
	}
	if len(p.entities) != 2 || len(p.claims) != 1 {
		t.Fatalf("prepared %d entities and %d claims, want 2 and 1", len(p.entities), len(p.claims))
	}
	if got := p.claims[0].row["sentence"]; got != "Putin ordered the campaign." {
		t.Errorf("kept claim %q, want the most confident one", got)
	}
	if got := p.mentions[0]["count"]; got != int64(2) {
		t.Errorf("mention count = %v, want 2", got)
	}
	if p.doc != "url:https://example.org/one" {
		t.Errorf("doc = %q, want the url", p.doc)
	}
	q, _ := prepare(rs[1])
	if q.doc != "source:fixtures/two.txt" {
		t.Errorf("doc without url = %q, want the source", q.doc)
	}
	if _, err := prepare(extract.Result{}); err == nil {
		t.Errorf("an article without id was accepted")
	}
}

func TestContentHashChangesWithContent(t *testing.T) {
	b, _ := os.ReadFile("testdata/records.jsonl")
	rs, _ := readAll(t, strings.NewReader(string(b)))
	p1, _ := prepare(rs[0])
	p2, _ := prepare(rs[0])
	if p1.contentHash != p2.contentHash {
		t.Fatalf("same input, different hashes")
	}
	changed := rs[0]
	changed.Relations = append([]extract.RelationRecord(nil), rs[0].Relations...)
	changed.Relations[1].Negated = true
	p3, _ := prepare(changed)
	if p3.contentHash == p1.contentHash {
		t.Errorf("a changed relation kept the content hash")
	}
}

func TestInShardPartitions(t *testing.T) {
	const n = 4
	counts := make([]int, n)
	for i := range 1000 {
		url := "https://example.org/" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + "/" + string(rune('0'+i%10)) + strings.Repeat("y", i/26)
		a := extract.ArticleRecord{ID: "id", URL: &url}
		hits := 0
		for s := 1; s <= n; s++ {
			if InShard(a, s, n) {
				hits++
				counts[s-1]++
			}
		}
		if hits != 1 {
			t.Fatalf("%q is in %d shards, want exactly 1", url, hits)
		}
		// Every version of a document goes to the same shard.
		b := a
		b.ID = "another-version"
		for s := 1; s <= n; s++ {
			if InShard(a, s, n) != InShard(b, s, n) {
				t.Fatalf("versions of %q split across shards", url)
			}
		}
	}
	for s, c := range counts {
		if c < 150 {
			t.Errorf("shard %d/%d got %d of 1000 documents", s+1, n, c)
		}
	}
}
