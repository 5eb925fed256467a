package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/extract/article"
	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/graph/graphtest"
)

// writeMixedCorpus writes articles of our own in every input format —
// text, JSON Lines (some records with a url, some without), HTML — and bad
// inputs of every kind: empty, binary, a malformed and an empty JSON Lines
// record, a broken gzip, a page with no article. With dup, a JSON Lines
// record repeats a text article's body. It returns the corpus directory.
func writeMixedCorpus(t testing.TB, dup bool) string {
	t.Helper()
	dir := t.TempDir()
	write := func(name, body string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	states := []string{"Russia", "Iran", "China", "North Korea"}
	agencies := []string{"the GRU", "the IRGC", "the Ministry of State Security", "the Internet Research Agency"}
	countries := []string{"Moldova", "Georgia", "Romania", "the United States"}
	body := func(i int) string {
		return fmt.Sprintf("%s authorised a campaign by %s to influence the %d election in %s, investigators said on Monday in report %d.\n\n"+
			"The campaign used fake accounts that amplified claims of fraud, and %s denied any interference in case %d.\n",
			states[i%4], agencies[i%4], 2020+i%5, countries[(i+1)%4], i, states[(i+2)%4], i)
	}
	for i := range 8 {
		write(fmt.Sprintf("text/%02d.txt", i), fmt.Sprintf("title: Report %d on election interference\npublished: 2024-03-%02d\n\n%s", i, i+1, body(i)))
	}
	var feed strings.Builder
	for i := 8; i < 20; i++ {
		switch {
		case i == 11:
			feed.WriteString(`{"title": "broken", "text": "never closed` + "\n")
		case i == 14:
			feed.WriteString(`{"title": "No text", "text": "  "}` + "\n")
		case i%2 == 0:
			rec, _ := json.Marshal(map[string]string{"url": fmt.Sprintf("https://news.example.org/2024/04/%02d/report-%d", i, i), "title": fmt.Sprintf("Wire report %d", i), "text": body(i)})
			feed.Write(append(rec, '\n'))
		default:
			rec, _ := json.Marshal(map[string]string{"title": fmt.Sprintf("Feed item %d", i), "published": "2024-05-01", "text": body(i)})
			feed.Write(append(rec, '\n'))
		}
	}
	if dup {
		rec, _ := json.Marshal(map[string]string{"title": "A copy", "text": body(3)})
		feed.Write(append(rec, '\n'))
	}
	write("feed.jsonl", feed.String())
	for i := 20; i < 26; i++ {
		write(fmt.Sprintf("pages/%02d.html", i), fmt.Sprintf(`<!doctype html><html><head><title>Page %d | Example News</title>
<link rel="canonical" href="https://pages.example.com/%d"><meta property="article:published_time" content="2024-06-%02dT08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Page %d on interference</h1>
<p>%s</p><p>Officials in %s said the operation was the largest seen so far, and that it would continue.</p></article>
<footer>Subscribe to our newsletter</footer></body></html>`, i, i, i-19, i, strings.ReplaceAll(body(i), "\n\n", "</p><p>"), countries[i%4]))
	}
	write("bad/empty.txt", "")
	write("bad/binary.txt", "\x00\x01\x02\x03binary")
	write("bad/broken.txt.gz", "\x1f\x8b\x00\x01")
	write("bad/nav-only.html", `<html><body><nav><a href="/">Home</a></nav></body></html>`)
	return dir
}

func TestExtractSameOutputForAnyWorkers(t *testing.T) {
	isolate(t)
	dir := writeMixedCorpus(t, true)
	for _, format := range []string{"jsonl", "html"} {
		t.Run(format, func(t *testing.T) {
			want, wantErr, code := runCommand(t, "extract", "--format", format, "--workers", "1", dir)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, wantErr)
			}
			if format == "jsonl" {
				for _, s := range []string{"skip " + filepath.Join(dir, "bad", "binary.txt") + ": binary", "feed.jsonl:4: malformed-json", "feed.jsonl:7: not-article", "skip " + filepath.Join(dir, "text", "03.txt") + ": duplicate: same text as " + filepath.Join(dir, "feed.jsonl") + ":13", "(binary 1, empty 2, malformed-json 1, not-article 1, unreadable 1), duplicates 1"} {
					if !strings.Contains(wantErr, s) {
						t.Errorf("standard error does not say %q:\n%s", s, wantErr)
					}
				}
				// The walk is lexical, and so is the order of the skips here.
				if skips := skipLines(wantErr); len(skips) != 7 || !slices.IsSorted(skips) {
					t.Errorf("skips not named once each in input order:\n%s", strings.Join(skips, ""))
				}
			}
			for _, workers := range []string{"2", "8"} {
				got, gotErr, code := runCommand(t, "extract", "--format", format, "--workers", workers, dir)
				if code != 0 {
					t.Fatalf("--workers %s: exit %d: %s", workers, code, gotErr)
				}
				if got != want {
					t.Errorf("--workers %s: standard output differs from --workers 1", workers)
				}
				if gotErr != wantErr {
					t.Errorf("--workers %s: standard error differs from --workers 1:\n%s\nwant\n%s", workers, gotErr, wantErr)
				}
			}
		})
	}
}

// articleGroups splits extract's JSON Lines into one string per article:
// its article record and the records that follow it.
func articleGroups(t testing.TB, out string) []string {
	t.Helper()
	var groups []string
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r struct{ Kind string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("not JSON: %q", sc.Text())
		}
		if r.Kind == extract.KindArticle || len(groups) == 0 {
			groups = append(groups, "")
		}
		groups[len(groups)-1] += sc.Text() + "\n"
	}
	return groups
}

// skipLines are the lines naming skipped inputs.
func skipLines(stderr string) []string {
	var out []string
	for l := range strings.Lines(stderr) {
		if strings.HasPrefix(l, "skip ") {
			out = append(out, l)
		}
	}
	return out
}

func TestExtractShardsTogetherGiveTheWhole(t *testing.T) {
	isolate(t)
	dir := writeMixedCorpus(t, false)
	whole, wholeErr, code := runCommand(t, "extract", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, wholeErr)
	}
	const n = 3
	var groups, skips []string
	for i := 1; i <= n; i++ {
		out, stderr, code := runCommand(t, "extract", "--workers", "2", "--shard", fmt.Sprintf("%d/%d", i, n), dir)
		if code != 0 {
			t.Fatalf("--shard %d/%d: exit %d: %s", i, n, code, stderr)
		}
		g := articleGroups(t, out)
		if len(g) == 0 {
			t.Errorf("--shard %d/%d extracted nothing: the corpus should reach every shard", i, n)
		}
		if !strings.Contains(stderr, "left to other shards") {
			t.Errorf("--shard %d/%d: the summary does not count what it left to other shards:\n%s", i, n, stderr)
		}
		groups = append(groups, g...)
		skips = append(skips, skipLines(stderr)...)
	}
	want := articleGroups(t, whole)
	slices.Sort(want)
	slices.Sort(groups)
	if !slices.Equal(groups, want) {
		t.Errorf("the %d shards extracted %d articles, the whole run %d; they should be the same articles, each once", n, len(groups), len(want))
	}
	wantSkips := skipLines(wholeErr)
	slices.Sort(wantSkips)
	slices.Sort(skips)
	if !slices.Equal(skips, wantSkips) {
		t.Errorf("the shards named skips\n%s\nthe whole run\n%s", strings.Join(skips, ""), strings.Join(wantSkips, ""))
	}
}

// TestShardKeyAgreesWithLoad checks that extract --shard and load --shard
// put a JSON Lines record with a url, and a file without, in the same
// shard: the one reads the key before reading the article, the other from
// the extracted record.
func TestShardKeyAgreesWithLoad(t *testing.T) {
	isolate(t)
	dir := writeMixedCorpus(t, false)
	out, stderr, code := runCommand(t, "extract", filepath.Join(dir, "feed.jsonl"), filepath.Join(dir, "text"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	checked := 0
	for _, g := range articleGroups(t, out) {
		var a extract.ArticleRecord
		line, _, _ := strings.Cut(g, "\n")
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatal(err)
		}
		url := ""
		if a.URL != nil {
			url = *a.URL
		}
		if strings.HasSuffix(a.Source, ".txt") {
			url = "" // a text file goes by its path, whatever url it declares
		}
		key := article.ShardKey(url, a.Source)
		for _, n := range []int{2, 3, 5} {
			for i := 1; i <= n; i++ {
				if got, want := (article.Shard{Index: i, Count: n}).Selects(key), graph.InShard(a, i, n); got != want {
					t.Errorf("%s (key %s): extract --shard %d/%d says %v, load --shard %v", a.Source, key, i, n, got, want)
				}
			}
		}
		checked++
	}
	if checked < 15 {
		t.Errorf("checked %d articles, want the corpus's 18", checked)
	}
}

// TestNeo4jLoadShards loads the mixed corpus in two shards, from the
// articles and from extract's output: each shard loads its own articles,
// counts the rest as other shards', and the two together load what one
// unsharded load would (the second finds everything unchanged).
func TestNeo4jLoadShards(t *testing.T) {
	cfg := graphtest.Config(t)
	c := graphtest.Ready(t)
	dir := writeMixedCorpus(t, false)
	isolate(t)
	useNeo4j(t, cfg)
	out, errOut, code := runCommand(t, "extract", dir)
	if code != 0 {
		t.Fatalf("extract: exit %d: %s", code, errOut)
	}
	total := len(articleGroups(t, out))
	jsonl := filepath.Join(t.TempDir(), "extracted.jsonl")
	if err := os.WriteFile(jsonl, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	summary := filepath.Join(t.TempDir(), "s.json")
	readSummary := func() graph.Summary {
		t.Helper()
		var s graph.Summary
		b, err := os.ReadFile(summary)
		if err == nil {
			err = json.Unmarshal(b, &s)
		}
		if err != nil {
			t.Fatalf("summary: %v", err)
		}
		return s
	}
	for _, input := range []string{dir, jsonl} {
		graphtest.Clean(t, c)
		loaded := 0
		for i := 1; i <= 2; i++ {
			_, errOut, code := runCommand(t, "load", "--progress", "none", "--shard", fmt.Sprintf("%d/2", i), "--summary-json", summary, input)
			s := readSummary()
			if code != 0 || s.Shard != fmt.Sprintf("%d/2", i) || s.Articles.New == 0 || s.Articles.OtherShard == 0 || s.Articles.Unchanged != 0 {
				t.Errorf("%s --shard %d/2: exit %d, summary %+v: %s", input, i, code, s, errOut)
			}
			loaded += s.Articles.New
		}
		if loaded != total {
			t.Errorf("%s: the shards loaded %d new articles, want the %d extract writes", input, loaded, total)
		}
		_, errOut, code := runCommand(t, "load", "--progress", "none", "--summary-json", summary, input)
		if s := readSummary(); code != 0 || s.Articles.Unchanged != total || s.Articles.New != 0 {
			t.Errorf("%s: an unsharded load after the shards: exit %d, summary %+v, want %d unchanged: %s", input, code, s, total, errOut)
		}
	}
}
