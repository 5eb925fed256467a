package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPictureCommand(t *testing.T) {
	isolate(t)
	dir, in := extractedFile(t, 4)

	page, stderr, code := runCommand(t, "picture", in)
	if code != 0 {
		t.Fatalf("picture: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"<!DOCTYPE html>", "const GRAPH = ", "Russia", "4 articles"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	again, _, _ := runCommand(t, "picture", in)
	if again != page {
		t.Errorf("two runs over the same input give different pages")
	}

	// extract --format html draws the same page in one step.
	direct, stderr, code := runCommand(t, "extract", "--format", "html", dir)
	if code != 0 {
		t.Fatalf("extract --format html: exit %d: %s", code, stderr)
	}
	if direct != page {
		t.Errorf("extract --format html differs from extract | picture")
	}

	out := filepath.Join(t.TempDir(), "graph.html")
	if stdout, stderr, code := runCommand(t, "picture", "-o", out, "--title", "Quux", in); code != 0 || stdout != "" {
		t.Fatalf("picture -o: exit %d, stdout %d bytes: %s", code, len(stdout), stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "<title>Quux</title>") {
		t.Errorf("page written with -o lacks its title")
	}
}

func TestPictureCommandErrors(t *testing.T) {
	isolate(t)
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	if err := os.WriteFile(bad, []byte("{\"kind\":\"article\",\"id\":\"a\"}\nnot json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"missing file", []string{"picture", filepath.Join(t.TempDir(), "nope.jsonl")}, "nope.jsonl"},
		{"not json lines", []string{"picture", bad}, "line 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runCommand(t, tt.args...)
			if code == 0 || !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("exit %d, stderr %q; want failure naming %q", code, stderr, tt.wantErr)
			}
		})
	}
}

// extractedFile writes n small articles of our own into dir and their
// extract output into the JSON Lines file in, the input of picture and
// the other readers of extract's output.
func extractedFile(t testing.TB, n int) (dir, in string) {
	t.Helper()
	dir = writeArticles(t, n)
	jsonl, stderr, code := runCommand(t, "extract", dir)
	if code != 0 {
		t.Fatalf("extract: exit %d: %s", code, stderr)
	}
	in = filepath.Join(t.TempDir(), "graph.jsonl")
	if err := os.WriteFile(in, []byte(jsonl), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, in
}
