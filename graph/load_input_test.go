package graph

import (
	"fmt"
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

// TestReadRecordsSkippingGoesOn checks that a bad line is skipped and named
// (file:line, reason), the article it belonged to left out whole, and
// every other article read.
func TestReadRecordsSkippingGoesOn(t *testing.T) {
	const (
		a1 = `{"kind":"article","id":"a1"}`
		e1 = `{"kind":"entity","article":"a1","id":"state:RU","type":"State","name":"Russia"}`
		r1 = `{"kind":"relation","article":"a1","type":"TARGETED","source":"state:RU","target":"state:RU"}`
		a2 = `{"kind":"article","id":"a2"}`
		e2 = `{"kind":"entity","article":"a2","id":"state:IR","type":"State","name":"Iran"}`
		a3 = `{"kind":"article","id":"a3"}`
		e3 = `{"kind":"entity","article":"a3","id":"state:CN","type":"State","name":"China"}`
	)
	tests := []struct {
		name  string
		lines []string
		want  string // articles read, with their entity and relation counts
		skips []string
	}{
		{"clean", []string{a1, e1, r1, a2, e2}, "a1/1/1 a2/1/0", nil},
		{"garbage among an article's records", []string{a1, e1, "{not json", r1, a2, e2},
			"a2/1/0", []string{`input:3: malformed-json: invalid character 'n' looking for beginning of object key string (article "a1" left out with it)`}},
		{"garbage in place of an article record", []string{a1, e1, "{not json", e2, a3, e3},
			"a1/1/0 a3/1/0", []string{`input:3: malformed-json: invalid character 'n' looking for beginning of object key string (article "a2" left out with it)`}},
		{"cut off at the end", []string{a1, e1, a2, e2, `{"kind":"relation","article":"a2","ty`},
			"a1/1/0", []string{`input:5: malformed-json: unexpected end of JSON input (article "a2" left out with it)`}},
		{"a field of the wrong type", []string{a1, `{"kind":"entity","article":"a1","id":"x","type":"State","name":7}`, r1, a2, e2},
			"a2/1/0", []string{`input:2: malformed-json: json: cannot unmarshal number into Go struct field EntityRecord.name of type string (article "a1" left out with it)`}},
		{"an article record that does not decode", []string{a1, e1, `{"kind":"article","id":"a2","title":3}`, e2, a3, e3},
			"a1/1/0 a3/1/0", []string{`input:3: malformed-json: json: cannot unmarshal number into Go struct field ArticleRecord.title of type string (article "a2" left out with it)`}},
		{"unknown kind", []string{a1, `{"kind":"comment"}`, e1, a2}, "a1/1/0 a2/0/0", []string{`input:2: malformed-record: unknown record kind "comment"`}},
		{"record before any article", []string{e1, a2, e2}, "a2/1/0", []string{"input:1: malformed-record: entity record before any article record"}},
		{"blank lines counted", []string{a1, "", "  ", "nope", e1, a2}, "a2/0/0", []string{`input:4: malformed-json: invalid character 'o' in literal null (expecting 'u') (article "a1" left out with it)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var skips []string
			var got []string
			for res, err := range ReadRecordsSkipping(strings.NewReader(strings.Join(tt.lines, "\n")), "input", func(s RecordSkip) { skips = append(skips, s.String()) }) {
				if err != nil {
					t.Fatalf("error %v", err)
				}
				got = append(got, fmt.Sprintf("%s/%d/%d", res.Article.ID, len(res.Entities), len(res.Relations)))
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("read %v, want %s", got, tt.want)
			}
			if strings.Join(skips, "\n") != strings.Join(tt.skips, "\n") {
				t.Errorf("skips:\n%s\nwant:\n%s", strings.Join(skips, "\n"), strings.Join(tt.skips, "\n"))
			}
		})
	}
}

func TestReadRecordsSkipsATooLongLine(t *testing.T) {
	in := `{"kind":"article","id":"a1"}` + "\n" + `{"kind":"entity","article":"a1","name":"` + strings.Repeat("x", MaxRecordLine) + `"}` + "\n" +
		`{"kind":"article","id":"a2"}` + "\n"
	var skips []string
	var got []string
	for res, err := range ReadRecordsSkipping(strings.NewReader(in), "big", func(s RecordSkip) { skips = append(skips, s.String()) }) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, res.Article.ID)
	}
	if fmt.Sprint(got) != "[a2]" || len(skips) != 1 || !strings.HasPrefix(skips[0], "big:2: too-large") || !strings.Contains(skips[0], `article "a1"`) {
		t.Errorf("read %v, skips %q", got, skips)
	}
}
