package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// articlesFixtures copies some of extract/article's fixtures into a fresh
// directory: one article, one annotation file and one French text.
func articlesFixtures(t *testing.T) string {
	t.Helper()
	src, err := filepath.Abs(filepath.Join("..", "..", "extract", "article", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for dst, from := range map[string]string{
		"a01.txt":       "text/header.txt",
		"a01.gold.json": "json/annotation.gold.json",
		"a02.txt":       "text/french.txt",
	} {
		b, err := os.ReadFile(filepath.Join(src, from))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, dst), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestArticlesCommand(t *testing.T) {
	dir := articlesFixtures(t)
	plainText, err := os.ReadFile(filepath.Join("..", "..", "extract", "article", "testdata", "text", "plain.txt"))
	if err != nil {
		t.Fatal(err)
	}
	plain := filepath.Join(t.TempDir(), "plain.txt")
	if err := os.WriteFile(plain, plainText, 0o644); err != nil {
		t.Fatal(err)
	}
	isolate(t)
	tests := []struct {
		name     string
		args     []string
		code     int
		articles int
		stderr   []string
	}{
		{name: "default", args: []string{"articles", dir}, articles: 1, stderr: []string{
			"skip " + filepath.Join(dir, "a01.gold.json") + ": not-article: JSON without a text or html field",
			"skip " + filepath.Join(dir, "a02.txt") + ": not-english: looks like French",
			"articles: read 1, skipped 2 (not-article 1, not-english 1), duplicates 0",
		}},
		{name: "strict", args: []string{"articles", "--strict", dir}, code: 3, articles: 1, stderr: []string{"--strict: 2 input(s) skipped (not-article 1, not-english 1)"}},
		{name: "quiet and non-English allowed", args: []string{"articles", "-q", "--allow-non-english", dir}, articles: 2, stderr: []string{
			"articles: read 2, skipped 1 (not-article 1), duplicates 0",
		}},
		{name: "size limit", args: []string{"articles", "--max-bytes", "100", filepath.Join(dir, "a01.txt")}, stderr: []string{
			"a01.txt: too-large", "articles: read 0, skipped 1 (too-large 1)",
		}},
		{name: "no path", args: []string{"articles"}, code: 1, stderr: []string{"requires at least 1 arg"}},
		{name: "no header", args: []string{"articles", plain}, articles: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runCommand(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			for _, s := range tt.stderr {
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr)
				}
			}
			lines := strings.Split(strings.TrimSpace(stdout), "\n")
			if stdout == "" {
				lines = nil
			}
			if len(lines) != tt.articles {
				t.Fatalf("%d articles printed, want %d:\n%s", len(lines), tt.articles, stdout)
			}
			for _, l := range lines {
				var rec map[string]any
				if err := json.Unmarshal([]byte(l), &rec); err != nil {
					t.Fatalf("not JSON: %v\n%s", err, l)
				}
				// The fields docs/input-formats.md lists are always there, null when unknown.
				for _, k := range []string{"id", "sources", "url", "title", "published", "published_from", "outlet", "text"} {
					if _, ok := rec[k]; !ok {
						t.Errorf("record lacks %q: %s", k, l)
					}
				}
			}
			if tt.name == "no header" {
				if !strings.Contains(lines[0], `"outlet":null`) || !strings.Contains(lines[0], `"url":null`) {
					t.Errorf("an article without outlet or url does not say null: %s", lines[0])
				}
			}
			if tt.name == "default" {
				var rec struct {
					Sources       []string `json:"sources"`
					Title         string   `json:"title"`
					Published     *string  `json:"published"`
					PublishedFrom string   `json:"published_from"`
					URL           *string  `json:"url"`
					Outlet        *string  `json:"outlet"`
					Text          string   `json:"text"`
				}
				if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil {
					t.Fatal(err)
				}
				if rec.Sources[0] != filepath.Join(dir, "a01.txt") || rec.Published == nil || *rec.Published != "2019-06-04" ||
					rec.PublishedFrom != "header" || rec.URL == nil || rec.Outlet == nil || *rec.Outlet != "Example News Service" ||
					!strings.HasPrefix(rec.Text, rec.Title+"\n\n") {
					t.Errorf("record = %+v", rec)
				}
			}
		})
	}
}
