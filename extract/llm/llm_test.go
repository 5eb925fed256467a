package llm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/extract/article"
	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/extract/llm/llmtest"
	"github.com/influencegraph/influencegraph/extract/rulebased"
)

// testKey is the API key the tests use: it must reach the server and
// nothing else.
const testKey = "sk-test-7f3a9c1e-do-not-print"

// scenario is one file of testdata/replies: the recorded answers the fake
// server gives, in order, and what the extractor must make of them.
type scenario struct {
	Doc     string          `json:"doc"`
	Replies []llmtest.Reply `json:"replies"`
	Want    struct {
		Relations       []string       `json:"relations"`
		AbsentEntities  []string       `json:"absent_entities"`
		Evidence        []string       `json:"evidence"`
		Skip            string         `json:"skip"`
		EndpointError   bool           `json:"endpoint_error"`
		Requests        int            `json:"requests"`
		Repairs         int            `json:"repairs"`
		RepairMentions  string         `json:"repair_mentions"`
		Dropped         map[string]int `json:"dropped"`
		DroppedEntities map[string]int `json:"dropped_entities"`
		Formats         []string       `json:"formats"`
		MinGap          string         `json:"min_gap"`
	} `json:"want"`
}

func readArticle(t testing.TB, path string) article.Article {
	t.Helper()
	var out []article.Article
	if _, err := article.NewReader(article.Options{}).Read(context.Background(), []string{path}, func(a article.Article) error {
		out = append(out, a)
		return nil
	}); err != nil || len(out) != 1 {
		t.Fatalf("read %s: %d articles, %v", path, len(out), err)
	}
	return out[0]
}

func newTestExtractor(t testing.TB, baseURL, cacheDir string) *Extractor {
	t.Helper()
	k, err := kb.Load()
	if err != nil {
		t.Fatal(err)
	}
	off, err := rulebased.New(k)
	if err != nil {
		t.Fatal(err)
	}
	x, err := New(off, k, Options{BaseURL: baseURL, Model: "test-model", APIKey: testKey, Timeout: 2 * time.Second,
		MaxConcurrency: 2, MaxTokens: 2000, MaxRetries: 1, CacheDir: cacheDir})
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func relationStrings(rs []extract.RelationRecord) []string {
	out := []string{}
	for _, r := range rs {
		s := r.Type + " " + r.Source + " -> " + r.Target
		if r.Negated {
			s += " (negated)"
		}
		out = append(out, s)
	}
	return out
}

func TestRecordedAnswers(t *testing.T) {
	a := readArticle(t, "testdata/article.txt")
	files, err := filepath.Glob("testdata/replies/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no scenarios: %v", err)
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".json"), func(t *testing.T) {
			t.Parallel()
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var sc scenario
			if err := json.Unmarshal(b, &sc); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			srv := llmtest.Scripted(t, sc.Replies...)
			x := newTestExtractor(t, srv.BaseURL, "")
			res, err := x.Extract(context.Background(), a)
			w := sc.Want
			reqs := srv.Requests()
			if len(reqs) != w.Requests {
				t.Errorf("%d requests, want %d (%s)", len(reqs), w.Requests, sc.Doc)
			}
			for _, r := range reqs {
				if r.Authorization != "Bearer "+testKey {
					t.Errorf("Authorization header %q, want the key as a bearer token", r.Authorization)
				}
			}
			st := x.Stats()
			switch {
			case w.EndpointError:
				if !errors.Is(err, ErrEndpoint) || errors.Is(err, extract.ErrSkipArticle) {
					t.Fatalf("error %v, want an endpoint error that stops the run", err)
				}
				if strings.Contains(err.Error(), testKey) {
					t.Errorf("error shows the key: %v", err)
				}
				return
			case w.Skip != "":
				if !errors.Is(err, extract.ErrSkipArticle) || !strings.Contains(err.Error(), w.Skip) {
					t.Fatalf("error %v, want a skip for %q", err, w.Skip)
				}
				if st.Failures[w.Skip] != 1 || st.Articles != 0 {
					t.Errorf("stats %+v, want one failure %q", st, w.Skip)
				}
				return
			case err != nil:
				t.Fatalf("Extract: %v (%s)", err, sc.Doc)
			}
			if got := relationStrings(res.Relations); !reflect.DeepEqual(got, w.Relations) {
				t.Errorf("relations\n got %q\nwant %q\n(%s)", got, w.Relations, sc.Doc)
			}
			for _, r := range res.Relations {
				if a.Text[r.Span[0]:r.Span[1]] != r.Evidence {
					t.Errorf("evidence %q is not the text at its span %v", r.Evidence, r.Span)
				}
				if r.Extractor != "llm" || r.Model != "test-model" || r.PromptVersion != PromptVersion {
					t.Errorf("relation not stamped: %+v", r)
				}
			}
			for i, ev := range w.Evidence {
				if i >= len(res.Relations) || res.Relations[i].Evidence != ev {
					t.Errorf("evidence %d: want %q", i, ev)
				}
			}
			ids := map[string]bool{}
			for _, e := range res.Entities {
				ids[e.ID] = true
			}
			for _, id := range w.AbsentEntities {
				if ids[id] {
					t.Errorf("entity %s kept, want it left out", id)
				}
			}
			for _, r := range res.Relations {
				if !ids[r.Source] || !ids[r.Target] {
					t.Errorf("relation %s -> %s has an end that is no entity of the result", r.Source, r.Target)
				}
			}
			if st.Repairs != w.Repairs {
				t.Errorf("%d repairs, want %d", st.Repairs, w.Repairs)
			}
			if w.RepairMentions != "" {
				last := reqs[len(reqs)-1].Messages
				if msg := last[len(last)-1].Content; !strings.Contains(msg, w.RepairMentions) {
					t.Errorf("repair request %q does not mention %q", msg, w.RepairMentions)
				}
			}
			if w.Dropped == nil {
				w.Dropped = map[string]int{}
			}
			if w.DroppedEntities == nil {
				w.DroppedEntities = map[string]int{}
			}
			if !reflect.DeepEqual(st.Dropped, w.Dropped) || !reflect.DeepEqual(st.DroppedEntities, w.DroppedEntities) {
				t.Errorf("dropped %v and entities %v, want %v and %v", st.Dropped, st.DroppedEntities, w.Dropped, w.DroppedEntities)
			}
			if st.Requests != w.Requests || st.TokensIn == 0 || st.TokensOut == 0 || st.Relations != len(w.Relations) {
				t.Errorf("stats %+v: want %d requests, tokens counted, %d relations", st, w.Requests, len(w.Relations))
			}
			if w.Formats != nil {
				var got []string
				for _, r := range reqs {
					got = append(got, r.ResponseFormat)
				}
				if !reflect.DeepEqual(got, w.Formats) {
					t.Errorf("response formats %v, want %v", got, w.Formats)
				}
			}
			if w.MinGap != "" {
				gap, _ := time.ParseDuration(w.MinGap)
				if d := reqs[1].At.Sub(reqs[0].At); d < gap {
					t.Errorf("retried after %v, want at least %v (Retry-After)", d, gap)
				}
			}
		})
	}
}

func TestPlainJSONModeSticks(t *testing.T) {
	a := readArticle(t, "testdata/article.txt")
	one := `{"relations":[{"type":"TARGETED","source":"state:RU","target":"election:US-2024-presidential","negated":false,"evidence":"Russia and Iran attempted to influence the 2024 US presidential election"}],"new_entities":[],"not_entities":[]}`
	srv := llmtest.Scripted(t, llmtest.Reply{RejectSchema: true, Content: one})
	x := newTestExtractor(t, srv.BaseURL, "")
	for i := 0; i < 2; i++ {
		if _, err := x.Extract(context.Background(), a); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	for _, r := range srv.Requests() {
		got = append(got, r.ResponseFormat)
	}
	if want := []string{"json_schema", "json_object", "json_object"}; !reflect.DeepEqual(got, want) {
		t.Errorf("formats %v, want %v: once rejected, json_schema is not asked again", got, want)
	}
}

func TestUnreachable(t *testing.T) {
	a := readArticle(t, "testdata/article.txt")
	x := newTestExtractor(t, "http://127.0.0.1:1/v1", "")
	_, err := x.Extract(context.Background(), a)
	if !errors.Is(err, extract.ErrSkipArticle) || !strings.Contains(err.Error(), FailUnreachable) {
		t.Fatalf("error %v, want a skip as unreachable", err)
	}
	if st := x.Stats(); st.Failures[FailUnreachable] != 1 {
		t.Errorf("failures %v", st.Failures)
	}
}

func TestCancelledIsNoSkip(t *testing.T) {
	a := readArticle(t, "testdata/article.txt")
	srv := llmtest.Scripted(t, llmtest.Reply{Delay: "2s", Content: "{}"})
	x := newTestExtractor(t, srv.BaseURL, "")
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := x.Extract(ctx, a)
	if !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, extract.ErrSkipArticle) {
		t.Fatalf("error %v, want the caller's deadline, not a skip", err)
	}
}

func TestCache(t *testing.T) {
	a := readArticle(t, "testdata/article.txt")
	var sc scenario
	b, err := os.ReadFile("testdata/replies/quote_not_in_text.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &sc); err != nil {
		t.Fatal(err)
	}
	srv := llmtest.Scripted(t, sc.Replies...)
	dir := t.TempDir()
	first, err := newTestExtractor(t, srv.BaseURL, dir).Extract(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	// A new extractor (a re-run) with the same cache asks nothing and
	// gives the same result, the repair included.
	x := newTestExtractor(t, srv.BaseURL, dir)
	again, err := x.Extract(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Requests()); n != 2 {
		t.Errorf("%d requests over two runs, want 2 (the first run's)", n)
	}
	if !reflect.DeepEqual(first, again) {
		t.Errorf("cached run differs:\n%+v\n%+v", first, again)
	}
	if st := x.Stats(); st.CacheHits != 1 || st.Requests != 0 || st.Repairs != 1 {
		t.Errorf("stats %+v, want one cache hit and no request", st)
	}
	// Another model is another question.
	k, _ := kb.Load()
	off, _ := rulebased.New(k)
	other, err := New(off, k, Options{BaseURL: srv.BaseURL, Model: "other-model", APIKey: testKey, Timeout: time.Second,
		MaxConcurrency: 1, MaxRetries: 0, CacheDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Extract(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if st := other.Stats(); st.CacheHits != 0 || st.Requests == 0 {
		t.Errorf("another model hit the cache: %+v", st)
	}
	// The key is in no cache file.
	n := 0
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		n++
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.Contains(string(b), testKey) || strings.Contains(string(b), "Bearer") {
			t.Errorf("cache file %s holds the key", p)
		}
		return nil
	})
	if err != nil || n != 2 {
		t.Errorf("%d cache files (%v), want 2", n, err)
	}
}

func TestInvalidJSONIsNotCached(t *testing.T) {
	a := readArticle(t, "testdata/article.txt")
	srv := llmtest.Scripted(t, llmtest.Reply{Content: "no json here"})
	dir := t.TempDir()
	x := newTestExtractor(t, srv.BaseURL, dir)
	if _, err := x.Extract(context.Background(), a); !errors.Is(err, extract.ErrSkipArticle) {
		t.Fatalf("error %v, want a skip", err)
	}
	if _, err := x.Extract(context.Background(), a); !errors.Is(err, extract.ErrSkipArticle) {
		t.Fatalf("error %v, want a skip", err)
	}
	if n := len(srv.Requests()); n != 4 {
		t.Errorf("%d requests, want 4: an unusable answer is asked again on the next run", n)
	}
}

func TestSecretPrints(t *testing.T) {
	o := Options{Model: "m", APIKey: testKey}
	for _, s := range []string{fmtSprintf("%v", o), fmtSprintf("%+v", o), fmtSprintf("%#v", o), fmtSprintf("%s", o.APIKey)} {
		if strings.Contains(s, testKey) {
			t.Errorf("printed options show the key: %s", s)
		}
	}
}

func TestFindQuote(t *testing.T) {
	text := "He said: \u201cwe don\u2019t know\u201d \u2014 and left.\n\nNext  paragraph here."
	tests := []struct {
		quote string
		want  string
		ok    bool
	}{
		{"we don\u2019t know", "we don\u2019t know", true},
		{"\"we don't know\" - and left.", "\u201cwe don\u2019t know\u201d \u2014 and left.", true},
		{"and left. Next paragraph", "and left.\n\nNext  paragraph", true},
		{"we do not know", "", false},
		{"   ", "", false},
	}
	for _, tt := range tests {
		s, e, ok := findQuote(text, tt.quote)
		if ok != tt.ok || (ok && text[s:e] != tt.want) {
			t.Errorf("findQuote(%q) = %q, %v; want %q, %v", tt.quote, text[s:max(s, e)], ok, tt.want, tt.ok)
		}
	}
}

func TestResolveAdded(t *testing.T) {
	k, err := kb.Load()
	if err != nil {
		t.Fatal(err)
	}
	text := "The Harbour Light Collective and the GRU worked with Pavel Rudnev, said Germany's BfV. Moscow denied it."
	v := &validator{kb: k, text: text, article: "a1", stamp: func(*extract.RelationRecord) {}}
	str := func(s string) *string { return &s }
	year := func(n int) *int { return &n }
	tests := []struct {
		in     answerEntity
		id     string
		reason string
	}{
		{answerEntity{Type: "Organisation", Name: "Harbour Light Collective"}, "org:harbour-light-collective", ""},
		{answerEntity{Type: "Person", Name: "Pavel Rudnev"}, "person:pavel-rudnev", ""},
		{answerEntity{Type: "Agency", Name: "GRU", Country: str("RU")}, "agency:ru-gru", ""},
		{answerEntity{Type: "State", Name: "Moscow"}, "state:RU", ""},
		{answerEntity{Type: "State", Name: "Germany", Country: str("de")}, "state:DE", ""},
		{answerEntity{Type: "Election", Name: "the vote", Country: str("DE"), Year: year(2025), Kind: str("parliamentary")}, "election:DE-2025-parliamentary", ""},
		{answerEntity{Type: "Election", Name: "the vote", Year: year(2025), Kind: str("sometime")}, "", EntityIncomplete},
		{answerEntity{Type: "Election", Name: "the vote", Kind: str("general")}, "", EntityIncomplete},
		{answerEntity{Type: "Person", Name: "Olga Smirnova"}, "", EntityNotInText},
		{answerEntity{Type: "Agency", Name: "Harbour Light Collective"}, "", EntityIncomplete},
		{answerEntity{Type: "Narrative", Name: "Moscow"}, "", EntityIncomplete},
	}
	for _, tt := range tests {
		rec, reason := v.resolveAdded(tt.in)
		if reason != tt.reason || (reason == "" && rec.ID != tt.id) {
			t.Errorf("resolveAdded(%+v) = %q, %q; want %q, %q", tt.in, rec.ID, reason, tt.id, tt.reason)
		}
	}
}

func TestPromptNamesEntitiesAndText(t *testing.T) {
	a := readArticle(t, "testdata/article.txt")
	p, err := newPrompt()
	if err != nil {
		t.Fatal(err)
	}
	ents := []extract.EntityRecord{{ID: "state:RU", Type: "State", Name: "Russia", Aliases: []string{"Moscow"}},
		{ID: "person:kamala-harris", Type: "Person", Name: "Kamala\tHarris"}}
	u, err := p.user(a, ents)
	if err != nil {
		t.Fatal(err)
	}
	gotEnts, gotText := llmtest.ParsePrompt(u)
	if gotText != a.Text {
		t.Errorf("the prompt's article text differs from the article's")
	}
	want := []llmtest.Entity{{ID: "state:RU", Type: "State", Name: "Russia"}, {ID: "person:kamala-harris", Type: "Person", Name: "Kamala Harris"}}
	if !reflect.DeepEqual(gotEnts, want) {
		t.Errorf("entity table %+v, want %+v", gotEnts, want)
	}
	sys, err := p.system()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"AUTHORISED", "TARGETED", "AMPLIFIED", "new_entities", "not_entities", "EXAMPLE 3"} {
		if !strings.Contains(sys, w) {
			t.Errorf("system prompt lacks %q", w)
		}
	}
	if !slices.Contains(answerSchema()["required"].([]string), "relations") {
		t.Error("schema does not require relations")
	}
}

func fmtSprintf(format string, a ...any) string { return fmt.Sprintf(format, a...) }
