package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeArticles writes n small articles (our own words) and one file that
// is not an article into a temporary directory.
func writeArticles(t testing.TB, n int) string {
	t.Helper()
	dir := t.TempDir()
	states := []string{"Russia", "Iran", "China"}
	for i := 0; i < n; i++ {
		body := "title: Report " + string(rune('A'+i)) + "\npublished: 2024-10-0" + string(rune('1'+i%9)) + "\n\n" +
			states[i%3] + " attempted to influence the 2024 US presidential election, officials said on Monday.\n\n" +
			"Investigators in case " + string(rune('A'+i)) + " said " + states[(i+1)%3] + " did not interfere in the count.\n"
		if err := os.WriteFile(filepath.Join(dir, "a"+string(rune('a'+i))+".txt"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "zz.gold.json"), []byte(`{"file":"x.txt","entities":[]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestExtractCommand(t *testing.T) {
	isolate(t)
	dir := writeArticles(t, 7)
	one, stderr1, code := runCommand(t, "extract", "--workers", "1", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr1)
	}
	four, _, code := runCommand(t, "extract", "--workers", "4", dir)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if one != four {
		t.Fatalf("output differs between 1 and 4 workers")
	}
	again, _, _ := runCommand(t, "extract", "--workers", "4", dir)
	if again != four {
		t.Fatalf("output differs between two runs")
	}
	if !strings.Contains(stderr1, "zz.gold.json") {
		t.Errorf("stderr does not name the skipped input: %q", stderr1)
	}
	// records of one article follow its article record, articles in input order
	var sources []string
	current := ""
	sc := bufio.NewScanner(strings.NewReader(one))
	sc.Buffer(nil, 1<<20)
	rels := 0
	for sc.Scan() {
		var r map[string]any
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("line is not JSON: %v: %s", err, sc.Text())
		}
		switch r["kind"] {
		case "article":
			current = r["id"].(string)
			sources = append(sources, filepath.Base(r["source"].(string)))
		case "entity", "relation":
			if r["article"] != current {
				t.Errorf("%s record of %v after article %s", r["kind"], r["article"], current)
			}
			if r["kind"] == "relation" {
				rels++
				for _, k := range []string{"source", "target", "evidence", "span", "confidence", "negated"} {
					if _, ok := r[k]; !ok {
						t.Errorf("relation lacks %q: %s", k, sc.Text())
					}
				}
			}
		default:
			t.Errorf("unknown kind %v", r["kind"])
		}
	}
	want := []string{"aa.txt", "ab.txt", "ac.txt", "ad.txt", "ae.txt", "af.txt", "ag.txt"}
	if strings.Join(sources, ",") != strings.Join(want, ",") {
		t.Errorf("articles in order %v, want %v", sources, want)
	}
	if rels < 7 {
		t.Errorf("%d relations, want at least one per article", rels)
	}
}

func TestExtractTable(t *testing.T) {
	isolate(t)
	dir := writeArticles(t, 1)
	out, stderr, code := runCommand(t, "extract", "--format", "table", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, w := range []string{"RELATION", "TARGETED", "state:RU", "election:US-2024-presidential"} {
		if !strings.Contains(out, w) {
			t.Errorf("table lacks %q:\n%s", w, out)
		}
	}
	if _, _, code := runCommand(t, "extract", "--format", "xml", dir); code == 0 {
		t.Errorf("--format xml accepted")
	}
}
