package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/influencegraph/influencegraph/extract/article"
	"github.com/influencegraph/influencegraph/extract/gold"
	"github.com/influencegraph/influencegraph/extract/llm/llmtest"
)

func TestLabel(t *testing.T) {
	isolate(t)
	useLLM(t, llmtest.Func(t, llmtest.Generic))
	dir := writeArticles(t, 3)
	out := filepath.Join(t.TempDir(), "labelled")

	_, errOut, code := runCommand(t, "label", dir, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "label: 3 gold files written") {
		t.Errorf("stderr: %s", errOut)
	}
	for _, name := range []string{"aa", "ab", "ac"} {
		b, err := os.ReadFile(filepath.Join(out, name+".gold.json"))
		if err != nil {
			t.Fatal(err)
		}
		if errs := gold.Check(b, true); errs != nil {
			t.Errorf("%s.gold.json: %v\n%s", name, errs, b)
		}
		var g gold.File
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatal(err)
		}
		if !g.MachineMade || g.Note != "machine-made by fake-model, prompt v1: check before training" || g.File != name+".txt" ||
			len(g.Relations) != 1 || len(g.Entities) == 0 || g.Published == nil {
			t.Errorf("%s.gold.json: %s", name, b)
		}
		txt, err := os.ReadFile(filepath.Join(out, name+".txt"))
		src, _ := os.ReadFile(filepath.Join(dir, name+".txt"))
		if err != nil || string(txt) != string(src) {
			t.Errorf("%s.txt is not a copy of the article (%v)", name, err)
		}
		if !strings.Contains(string(txt), g.Relations[0].Evidence) {
			t.Errorf("%s: evidence %q not in the text", name, g.Relations[0].Evidence)
		}
	}

	// A file a person made (no machine_made) is kept; machine-made ones
	// are written again.
	human := `{"file": "ab.txt", "entities": [], "relations": []}` + "\n"
	if err := os.WriteFile(filepath.Join(out, "ab.gold.json"), []byte(human), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code = runCommand(t, "label", dir, "--out", out)
	if code != 0 || !strings.Contains(errOut, "kept ab.gold.json") || !strings.Contains(errOut, "2 gold files written") {
		t.Errorf("second run: exit %d: %s", code, errOut)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "ab.gold.json")); string(b) != human {
		t.Errorf("the person's file was overwritten: %s", b)
	}

	if _, errOut, code := runCommand(t, "label", dir); code == 0 || !strings.Contains(errOut, "--out DIR") {
		t.Errorf("no --out: exit %d, %s", code, errOut)
	}
}

// TestLabelTextReadsBack: for an article that is not a plain-text file,
// the NAME.txt written reads back to the same text, so the gold file's
// evidence and spans hold for it.
func TestLabelTextReadsBack(t *testing.T) {
	read := func(path string) []article.Article {
		var out []article.Article
		if _, err := article.NewReader(article.Options{}).Read(context.Background(), []string{path}, func(a article.Article) error {
			out = append(out, a)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	arts := read("../../extract/article/testdata/json/articles.jsonl")
	arts = append(arts, read("../../extract/article/testdata/html/news_page.html")...)
	if len(arts) < 2 {
		t.Fatalf("%d articles", len(arts))
	}
	dir := t.TempDir()
	used := map[string]bool{}
	for _, a := range arts {
		name := labelName(a, used)
		p := filepath.Join(dir, name+".txt")
		if err := os.WriteFile(p, labelText(a), 0o644); err != nil {
			t.Fatal(err)
		}
		back := read(p)
		if len(back) != 1 || back[0].Text != a.Text || back[0].Title != a.Title || back[0].Published != a.Published {
			t.Errorf("%s (from %v) does not read back to the same article", name, a.Sources)
		}
	}
	if !used["articles-1"] {
		t.Errorf("names %v: want articles-1 for line 1 of articles.jsonl", used)
	}
}
