package main

import (
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/influencegraph/influencegraph/graph/graphtest"
)

// closedNeo4j points the environment at an address where nothing listens,
// with a password, so that the configuration is valid and the connection
// fails.
func closedNeo4j(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	t.Setenv("NEO4J_URI", "bolt://"+addr)
	t.Setenv("NEO4J_PASSWORD", "whatever")
	return addr
}

// loadSummary is the part of load's --summary-json the tests read.
type loadSummary struct {
	Status   string `json:"status"`
	Error    string `json:"error"`
	Articles struct {
		Read      int `json:"read"`
		New       int `json:"new"`
		Unchanged int `json:"unchanged"`
	} `json:"articles"`
	Inputs struct {
		Skipped        int            `json:"skipped"`
		SkippedReasons map[string]int `json:"skipped_reasons"`
		Duplicates     int            `json:"duplicates"`
	} `json:"inputs"`
}

func readSummary(t testing.TB, path string) loadSummary {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("summary: %v", err)
	}
	var s loadSummary
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatalf("summary %s: %v", b, err)
	}
	return s
}

// TestMissingPathFails checks that a PATH that does not exist fails every
// command that reads articles, before anything is done, and that load
// still writes its summary, as failed.
func TestMissingPathFails(t *testing.T) {
	isolate(t)
	closedNeo4j(t)
	dir := writeArticles(t, 1)
	missing := filepath.Join(t.TempDir(), "nonexistent")
	summary := filepath.Join(t.TempDir(), "s.json")
	tests := []struct {
		name string
		args []string
	}{
		{"articles", []string{"articles", dir, missing}},
		{"extract", []string{"extract", missing}},
		{"load", []string{"load", "--summary-json", summary, missing}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runCommand(t, tt.args...)
			if code != 1 || !strings.Contains(errOut, `path "`+missing+`" does not exist`) {
				t.Errorf("exit %d, stderr %q", code, errOut)
			}
			if out != "" {
				t.Errorf("wrote %q before failing", out)
			}
		})
	}
	s := readSummary(t, summary)
	if s.Status != statusFailed || !strings.Contains(s.Error, "does not exist") {
		t.Errorf("summary %+v, want failed with the reason", s)
	}
	// A pattern that matches nothing is a skipped input, not an error.
	_, errOut, code := runCommand(t, "extract", filepath.Join(dir, "*.html"))
	if code != 0 || !strings.Contains(errOut, "pattern matches no file") {
		t.Errorf("empty glob: exit %d, stderr %q", code, errOut)
	}
}

// TestLoadSummaryWrittenOnFailure checks that a failed load replaces the
// summary of an earlier run (so monitoring does not keep seeing the last
// success), atomically, leaving no temporary file.
func TestLoadSummaryWrittenOnFailure(t *testing.T) {
	isolate(t)
	addr := closedNeo4j(t)
	dir := t.TempDir()
	summary := filepath.Join(dir, "load.json")
	if err := os.WriteFile(summary, []byte(`{"status": "ok"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := runCommand(t, "load", "--summary-json", summary, writeArticles(t, 1))
	if code != 1 || !strings.Contains(errOut, "nothing is listening at "+addr) {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	s := readSummary(t, summary)
	if s.Status != statusFailed || !strings.Contains(s.Error, "nothing is listening at "+addr) {
		t.Errorf("summary %+v, want failed with the reason", s)
	}
	st, err := os.Stat(summary)
	if err != nil || st.Mode().Perm() != 0o644 {
		t.Errorf("summary mode %v, %v; want 0644", st.Mode(), err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("folder holds %v, want the summary alone", entries)
	}

	// A bad configuration is a failed run too.
	t.Setenv("INFLUENCEGRAPH_LOAD_BATCH_SIZE", "many")
	_, _, code = runCommand(t, "load", "--summary-json", summary, writeArticles(t, 1))
	if s := readSummary(t, summary); code != 1 || s.Status != statusFailed || !strings.Contains(s.Error, "many") {
		t.Errorf("bad configuration: exit %d, summary %+v", code, s)
	}
}

// TestLoadFlagsValidated checks that load's flags are checked before
// anything is done, with messages naming the value, and that
// --summary-json - writes the summary to standard output.
func TestLoadFlagsValidated(t *testing.T) {
	isolate(t)
	closedNeo4j(t)
	dir := writeArticles(t, 1)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"progress", []string{"--progress", "bogus"}, `unknown --progress "bogus" (want auto, bar, lines or none)`},
		{"shard", []string{"--shard", "5/4"}, `--shard "5/4": want i/n`},
		{"extractor", []string{"--extractor", "gpt"}, `unknown --extractor "gpt" (want offline, llm or cascade)`},
		{"llm-when", []string{"--extractor", "cascade", "--llm-when", "relevance>1"}, `unknown variable "relevance"`},
		{"summary in a missing folder", []string{"--summary-json", filepath.Join(dir, "no", "s.json")}, "no such file or directory"},
		{"summary is a folder", []string{"--summary-json", dir}, `--summary-json "` + dir + `" is a directory`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := runCommand(t, append(append([]string{"load"}, tt.args...), dir)...)
			if code != 1 || !strings.Contains(errOut, tt.want) || strings.Contains(errOut, "nothing is listening") {
				t.Errorf("exit %d, stderr %q; want 1 and %q before connecting", code, errOut, tt.want)
			}
		})
	}

	t.Run("summary to standard output", func(t *testing.T) {
		out, _, code := runCommand(t, "load", "--summary-json", "-", dir)
		var s loadSummary
		if err := json.Unmarshal([]byte(out), &s); err != nil || code != 1 || s.Status != statusFailed {
			t.Errorf("exit %d, stdout %q (%v)", code, out, err)
		}
		if _, err := os.Stat("-"); err == nil {
			t.Error("wrote a file named -")
		}
	})
}

// mixedArticles is a folder with an English article, a French one and a
// file that is not an article. Call it before isolate.
func mixedArticles(t testing.TB) string {
	t.Helper()
	dir := writeArticles(t, 1) // aa.txt and zz.gold.json
	b, err := os.ReadFile(filepath.Join("..", "..", "extract", "article", "testdata", "text", "french.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "fr.txt"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestStrictAndAllowNonEnglish checks that --strict and
// --allow-non-english mean the same on articles and extract (load: see
// TestNeo4jLoadSkipsAndStrict): --strict exits 3 when anything was
// skipped, whatever the reason.
func TestStrictAndAllowNonEnglish(t *testing.T) {
	dir := mixedArticles(t) // before isolate changes the working directory
	isolate(t)
	english := filepath.Join(dir, "aa.txt")
	for _, command := range []string{"articles", "extract"} {
		tests := []struct {
			name     string
			args     []string
			code     int
			articles int
			stderr   string
		}{
			{"default", []string{dir}, 0, 1, "skipped 2 (not-article 1, not-english 1)"},
			{"allow non-English", []string{"--allow-non-english", dir}, 0, 2, "skipped 1 (not-article 1)"},
			{"strict", []string{"--strict", dir}, 3, 1, "--strict: 2 input(s) skipped (not-article 1, not-english 1)"},
			{"strict, nothing skipped", []string{"--strict", english}, 0, 1, "skipped 0"},
			{"strict and quiet", []string{"--strict", "-q", "--allow-non-english", dir}, 3, 2, "--strict: 1 input(s) skipped (not-article 1)"},
		}
		for _, tt := range tests {
			t.Run(command+" "+tt.name, func(t *testing.T) {
				out, errOut, code := runCommand(t, append([]string{command}, tt.args...)...)
				if code != tt.code || !strings.Contains(errOut, tt.stderr) {
					t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut, tt.code, tt.stderr)
				}
				if n := strings.Count(out, `"kind":"article"`) + strings.Count(out, `"sources":`); n != tt.articles {
					t.Errorf("%d articles out, want %d", n, tt.articles)
				}
				if strings.Contains(tt.name, "quiet") && strings.Contains(errOut, "skip ") {
					t.Errorf("--quiet named a skip: %q", errOut)
				}
			})
		}
	}
}

// TestNeo4jLoadSkipsAndStrict loads extract's output with a malformed
// line: the line is named (file:line, reason), the article it belonged to
// left out, the rest loaded, and the summary partial with the skip counted;
// a re-run does the same, with nothing new, and no re-run is advised.
// --strict makes it exit 3; --allow-non-english keeps the French article.
func TestNeo4jLoadSkipsAndStrict(t *testing.T) {
	cfg := graphtest.Config(t)
	c := graphtest.Ready(t)
	dir := mixedArticles(t)
	isolate(t)
	useNeo4j(t, cfg)
	out, errOut, code := runCommand(t, "extract", writeArticles(t, 3))
	if code != 0 {
		t.Fatalf("extract: exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	bad := -1
	for i, l := range lines {
		if i > 0 && strings.Contains(l, `"kind":"entity"`) && bad < 0 {
			bad = i
			lines[i] = l[:len(l)/2] // cut off mid-record
		}
	}
	jsonl := filepath.Join(t.TempDir(), "extracted.jsonl")
	if err := os.WriteFile(jsonl, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	summary := filepath.Join(t.TempDir(), "s.json")
	wantSkip := "skip " + jsonl + ":" + itoa(bad+1) + ": malformed-json: "

	for run, want := range []struct{ new, unchanged int }{{2, 0}, {0, 2}} {
		_, errOut, code = runCommand(t, "load", "--progress", "none", "--summary-json", summary, jsonl)
		s := readSummary(t, summary)
		if code != 0 || !strings.Contains(errOut, wantSkip) || strings.Contains(errOut, "re-run") {
			t.Errorf("run %d: exit %d, stderr %q; want 0 and %q", run+1, code, errOut, wantSkip)
		}
		if s.Status != statusPartial || s.Inputs.Skipped != 1 || s.Inputs.SkippedReasons["malformed-json"] != 1 ||
			s.Articles.New != want.new || s.Articles.Unchanged != want.unchanged {
			t.Errorf("run %d: summary %+v, want partial, 1 malformed-json, %d new, %d unchanged", run+1, s, want.new, want.unchanged)
		}
	}
	_, errOut, code = runCommand(t, "load", "--progress", "none", "--strict", "--summary-json", summary, jsonl)
	if s := readSummary(t, summary); code != 3 || !strings.Contains(errOut, "--strict: 1 input(s) skipped (malformed-json 1)") || s.Status != statusPartial {
		t.Errorf("--strict: exit %d, stderr %q, status %q", code, errOut, s.Status)
	}

	graphtest.Clean(t, c)
	_, errOut, code = runCommand(t, "load", "--progress", "none", "--strict", "--allow-non-english", "--summary-json", summary, dir)
	s := readSummary(t, summary)
	if code != 3 || s.Articles.New != 2 || s.Inputs.SkippedReasons["not-article"] != 1 || s.Inputs.SkippedReasons["not-english"] != 0 {
		t.Errorf("--strict --allow-non-english: exit %d, summary %+v: %s", code, s, errOut)
	}
	_, errOut, code = runCommand(t, "load", "--progress", "none", "--summary-json", summary, filepath.Join(dir, "aa.txt"))
	if s := readSummary(t, summary); code != 0 || s.Status != statusOK || s.Inputs.Skipped != 0 {
		t.Errorf("clean input: exit %d, summary %+v: %s", code, s, errOut)
	}
	if _, err := c.Snapshot(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
