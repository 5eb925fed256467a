package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/influencegraph/influencegraph/extract/llm/llmtest"
	"github.com/influencegraph/influencegraph/graph/graphtest"
)

// testAPIKey must reach the fake server and appear nowhere else.
const testAPIKey = "sk-test-cmd-51d0c2-never-shown"

// useLLM points the environment at a fake endpoint and returns the cache
// directory.
func useLLM(t testing.TB, srv *llmtest.Server) string {
	t.Helper()
	cache := filepath.Join(t.TempDir(), "cache")
	t.Setenv("INFLUENCEGRAPH_LLM_BASE_URL", srv.BaseURL)
	t.Setenv("INFLUENCEGRAPH_LLM_MODEL", "fake-model")
	t.Setenv("INFLUENCEGRAPH_LLM_API_KEY", testAPIKey)
	t.Setenv("INFLUENCEGRAPH_LLM_TIMEOUT", "5s")
	t.Setenv("INFLUENCEGRAPH_LLM_CACHE_DIR", cache)
	return cache
}

// records parses extract's JSON Lines.
func records(t testing.TB, out string) []map[string]any {
	t.Helper()
	var recs []map[string]any
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r map[string]any
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("line is not JSON: %v: %s", err, sc.Text())
		}
		recs = append(recs, r)
	}
	return recs
}

func TestExtractLLM(t *testing.T) {
	isolate(t)
	srv := llmtest.Func(t, llmtest.Generic)
	cache := useLLM(t, srv)
	dir := writeArticles(t, 3)

	out, errOut, code := runCommand(t, "extract", "--extractor", "llm", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rels := 0
	for _, r := range records(t, out) {
		if r["kind"] == "relation" {
			rels++
			if r["extractor"] != "llm" || r["model"] != "fake-model" || r["prompt_version"] != "v1" || r["rule"] != "llm" {
				t.Errorf("relation not marked as the model's: %v", r)
			}
		}
	}
	if rels != 3 {
		t.Errorf("%d relations, want one per article", rels)
	}
	if !strings.Contains(errOut, "llm: 3 articles answered (0 from the cache), 3 requests") {
		t.Errorf("stderr lacks the model's summary: %s", errOut)
	}
	again, errOut2, code := runCommand(t, "extract", "--extractor", "llm", dir)
	if code != 0 || again != out {
		t.Fatalf("second run: exit %d, same output %v: %s", code, again == out, errOut2)
	}
	if !strings.Contains(errOut2, "llm: 3 articles answered (3 from the cache), 0 requests") {
		t.Errorf("second run asked again: %s", errOut2)
	}
	if n := len(srv.Requests()); n != 3 {
		t.Errorf("%d requests over two runs, want 3", n)
	}

	// The key reaches the server and nothing else: output, messages,
	// config, the cache.
	for _, r := range srv.Requests() {
		if r.Authorization != "Bearer "+testAPIKey {
			t.Errorf("Authorization %q", r.Authorization)
		}
	}
	cfgOut, cfgErr, _ := runCommand(t, "config")
	for name, s := range map[string]string{"stdout": out + again, "stderr": errOut + errOut2, "config": cfgOut + cfgErr} {
		if strings.Contains(s, testAPIKey) {
			t.Errorf("%s shows the API key", name)
		}
	}
	if !strings.Contains(cfgOut, "llm.api_key") || !strings.Contains(cfgOut, "<redacted>") {
		t.Errorf("config does not show the key redacted:\n%s", cfgOut)
	}
	files := 0
	filepath.WalkDir(cache, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files++
			if b, _ := os.ReadFile(p); strings.Contains(string(b), testAPIKey) {
				t.Errorf("cache file %s holds the key", p)
			}
		}
		return nil
	})
	if files != 3 {
		t.Errorf("%d cache files, want 3", files)
	}
}

func TestExtractLLMErrors(t *testing.T) {
	isolate(t)
	dir := writeArticles(t, 1)
	_, errOut, code := runCommand(t, "extract", "--extractor", "llm", dir)
	if code == 0 || !strings.Contains(errOut, "--extractor llm needs a language model") ||
		!strings.Contains(errOut, "llm.base_url: must be set") || !strings.Contains(errOut, "INFLUENCEGRAPH_LLM_BASE_URL") {
		t.Errorf("no endpoint: exit %d, stderr %q", code, errOut)
	}
	_, errOut, code = runCommand(t, "extract", "--extractor", "gpt", dir)
	if code == 0 || !strings.Contains(errOut, `unknown --extractor "gpt" (want offline, llm or cascade)`) {
		t.Errorf("unknown extractor: exit %d, stderr %q", code, errOut)
	}
	_, errOut, code = runCommand(t, "extract", "--extractor", "cascade", "--llm-when", "relevance>0.5", dir)
	if code == 0 || !strings.Contains(errOut, `unknown variable "relevance"`) {
		t.Errorf("bad --llm-when: exit %d, stderr %q", code, errOut)
	}

	// A server that fails: the article is skipped with its reason, and
	// --strict makes that exit 3. A refused key stops the run.
	useLLM(t, llmtest.Scripted(t, llmtest.Reply{Status: 500}))
	t.Setenv("INFLUENCEGRAPH_LLM_CACHE_DIR", "off")
	out, errOut, code := runCommand(t, "extract", "--extractor", "llm", dir)
	if code != 0 || !strings.Contains(errOut, "skip ") || !strings.Contains(errOut, "server error (5xx) after retries") || strings.Contains(out, `"kind":"article"`) {
		t.Errorf("500: exit %d, stderr %q", code, errOut)
	}
	_, errOut, code = runCommand(t, "extract", "--extractor", "llm", "--strict", dir)
	if code != 3 || !strings.Contains(errOut, "--strict: 2 input(s) skipped (model-failed 1, not-article 1)") {
		t.Errorf("500 --strict: exit %d, stderr %q", code, errOut)
	}
	useLLM(t, llmtest.Scripted(t, llmtest.Reply{Status: 401}))
	_, errOut, code = runCommand(t, "extract", "--extractor", "llm", dir)
	if code == 0 || !strings.Contains(errOut, "refused the request") || strings.Contains(errOut, testAPIKey) {
		t.Errorf("401: exit %d, stderr %q", code, errOut)
	}
}

func TestExtractCascade(t *testing.T) {
	isolate(t)
	dir := writeArticles(t, 3)
	rules, _, code := runCommand(t, "extract", dir)
	if code != 0 {
		t.Fatal("rules failed")
	}
	srv := llmtest.Func(t, llmtest.Generic)
	useLLM(t, srv)
	never, errOut, code := runCommand(t, "extract", "--extractor", "cascade", "--llm-when", "never", dir)
	if code != 0 || never != rules || len(srv.Requests()) != 0 {
		t.Errorf("--llm-when never: exit %d, same as rules %v, %d requests: %s", code, never == rules, len(srv.Requests()), errOut)
	}
	if !strings.Contains(errOut, "cascade: 3 articles, 0 sent to the language model") {
		t.Errorf("stderr lacks the cascade summary: %s", errOut)
	}
	always, errOut, code := runCommand(t, "extract", "--extractor", "cascade", "--llm-when", "always", dir)
	if code != 0 || !strings.Contains(always, `"extractor":"llm"`) || len(srv.Requests()) != 3 {
		t.Errorf("--llm-when always: exit %d, %d requests: %s", code, len(srv.Requests()), errOut)
	}

	// When the model fails, the cascade keeps the offline result; --strict
	// says so.
	useLLM(t, llmtest.Scripted(t, llmtest.Reply{Status: 503}))
	t.Setenv("INFLUENCEGRAPH_LLM_CACHE_DIR", "off")
	out, errOut, code := runCommand(t, "extract", "--extractor", "cascade", "--llm-when", "always", dir)
	if code != 0 || out != rules {
		t.Errorf("failing model: exit %d, offline output kept %v: %s", code, out == rules, errOut)
	}
	_, errOut, code = runCommand(t, "extract", "--extractor", "cascade", "--llm-when", "always", "--strict", dir)
	if code != 3 || !strings.Contains(errOut, "3 kept the offline result") {
		t.Errorf("failing model --strict: exit %d, stderr %q", code, errOut)
	}
}

// devDir is the annotated dev set beside the repository.
const devDir = "../../../shared/eval/dev"

// TestExtractLLMDevScored runs extract --extractor llm on the 16 dev
// articles against a server that answers any article generically, and
// checks the output is what score.py accepts: with python3, by running it;
// otherwise by checking the JSON Lines contract here.
func TestExtractLLMDevScored(t *testing.T) {
	dev, err := filepath.Abs(devDir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dev, "d01.txt")); err != nil {
		t.Skipf("no dev set at %s", dev)
	}
	isolate(t)
	useLLM(t, llmtest.Func(t, llmtest.Generic))
	// The articles only: --strict fails on the gold files beside them,
	// which are not articles.
	out, errOut, code := runCommand(t, "extract", "--extractor", "llm", "--strict", "--quiet", filepath.Join(dev, "*.txt"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	checkContract(t, out, 16)
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Log("no python3: checked the contract in Go only")
		return
	}
	sys := filepath.Join(t.TempDir(), "system.jsonl")
	if err := os.WriteFile(sys, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(context.Background(), python, filepath.Join(dev, "..", "score.py"), "--gold", dev, "--system", sys, "--json")
	b, err := cmd.Output()
	if err != nil {
		t.Fatalf("score.py: %v\n%s", err, b)
	}
	var totals map[string]any
	if err := json.Unmarshal(b, &totals); err != nil {
		t.Fatalf("score.py printed no JSON: %v\n%s", err, b)
	}
	t.Logf("score.py on the generic answers: %s", strings.TrimSpace(string(b)))
}

// checkContract checks extract's output as score.py reads it: every line
// JSON, an article record before its entities and relations, the
// required fields, relations between entities of their article.
func checkContract(t testing.TB, out string, articles int) {
	t.Helper()
	n, rels := 0, 0
	current := ""
	ids := map[string]bool{}
	for _, r := range records(t, out) {
		switch r["kind"] {
		case "article":
			n++
			current, _ = r["id"].(string)
			ids = map[string]bool{}
			for _, k := range []string{"id", "source", "title", "published", "url"} {
				if _, ok := r[k]; !ok {
					t.Errorf("article lacks %q: %v", k, r)
				}
			}
		case "entity":
			ids[r["id"].(string)] = true
			for _, k := range []string{"article", "id", "type", "name"} {
				if _, ok := r[k]; !ok {
					t.Errorf("entity lacks %q: %v", k, r)
				}
			}
		case "relation":
			rels++
			for _, k := range []string{"article", "type", "source", "target", "negated", "confidence", "evidence", "span"} {
				if _, ok := r[k]; !ok {
					t.Errorf("relation lacks %q: %v", k, r)
				}
			}
			if !ids[r["source"].(string)] || !ids[r["target"].(string)] {
				t.Errorf("relation end is no entity of its article: %v", r)
			}
		default:
			t.Errorf("unknown kind %v", r["kind"])
		}
		if r["kind"] != "article" && r["article"] != current {
			t.Errorf("record of article %v after article %s", r["article"], current)
		}
	}
	if n != articles || rels == 0 {
		t.Errorf("%d articles and %d relations, want %d articles and some relations", n, rels, articles)
	}
}

// TestNeo4jLoadLLM loads articles with --extractor llm against the fake
// endpoint into the test Neo4j: the claims carry the model's evidence, the
// summary JSON what the model was asked, and a reload asks nothing.
func TestNeo4jLoadLLM(t *testing.T) {
	cfg := graphtest.Config(t)
	c := graphtest.Ready(t)
	isolate(t)
	useNeo4j(t, cfg)
	srv := llmtest.Func(t, llmtest.Generic)
	useLLM(t, srv)
	dir := writeArticles(t, 3)
	report := filepath.Join(t.TempDir(), "summary.json")

	_, errOut, code := runCommand(t, "load", "--extractor", "llm", "--progress", "none", "--summary-json", report, dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Status string `json:"status"`
		Inputs struct {
			Skipped        int            `json:"skipped"`
			SkippedReasons map[string]int `json:"skipped_reasons"`
		} `json:"inputs"`
		LLM *struct {
			Articles  int `json:"articles"`
			Requests  int `json:"requests"`
			CacheHits int `json:"cache_hits"`
			TokensIn  int `json:"tokens_in"`
		} `json:"llm"`
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	// The gold file beside the articles is skipped: the load is partial.
	if rep.Status != "partial" || rep.Inputs.Skipped != 1 || rep.Inputs.SkippedReasons["not-article"] != 1 || rep.LLM == nil || rep.LLM.Articles != 3 || rep.LLM.Requests != 3 || rep.LLM.TokensIn == 0 {
		t.Errorf("summary %s", b)
	}
	if strings.Contains(string(b)+errOut, testAPIKey) {
		t.Error("the load's summary shows the API key")
	}
	tab, err := c.ReadTable(context.Background(), `MATCH (:Article)-[:STATES]->(c:Claim) RETURN c.rule AS rule, c.sentence AS sentence ORDER BY sentence`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Rows) != 3 {
		t.Fatalf("%d claims, want 3: %v", len(tab.Rows), tab.Rows)
	}
	for _, row := range tab.Rows {
		if row[0] != "llm" || !strings.Contains(row[1].(string), "attempted to influence") {
			t.Errorf("claim %v is not the model's", row)
		}
	}
	rels, err := c.ReadTable(context.Background(), `MATCH (s)-[r:TARGETED]->(e:Election) RETURN s.id, e.id ORDER BY s.id`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rels.Rows) != 3 {
		t.Errorf("TARGETED edges %v, want one per state", rels.Rows)
	}

	// A reload asks nothing and changes nothing.
	_, errOut, code = runCommand(t, "load", "--extractor", "llm", "--progress", "none", dir)
	if code != 0 || !strings.Contains(errOut, "3 unchanged") || !strings.Contains(errOut, "(3 from the cache), 0 requests") {
		t.Errorf("reload: exit %d: %s", code, errOut)
	}
	if n := len(srv.Requests()); n != 3 {
		t.Errorf("%d requests over two loads, want 3", n)
	}
}
