package article

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// mixedCorpus writes a corpus of every input format and every kind of bad
// input, and returns its directory.
func mixedCorpus(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{
		"text/plain.txt", "text/url_date.txt", "text/scraped_page.txt", "text/french.txt", "text/header.txt",
		"html/news_page.html", "html/minimal_time.htm",
		"json/articles.jsonl", "json/array.json", "json/single.json",
	} {
		writeFile(t, dir, f, fixture(t, f))
	}
	writeFile(t, dir, "bad/empty.txt", nil)
	writeFile(t, dir, "bad/binary.txt", []byte("PK\x03\x04\x00\x00binary"))
	writeFile(t, dir, "bad/copy-of-plain.txt", fixture(t, "text/plain.txt")) // a duplicate
	writeFile(t, dir, "bad/broken.json", []byte(`[{"text": "never closed`))
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(fixture(t, "text/header.txt"))
	zw.Close()
	writeFile(t, dir, "gz/header-copy.txt.gz", gz.Bytes())
	writeFile(t, dir, "gz/bad.txt.gz", []byte{0x1f, 0x8b, 0, 1, 2})
	writeFile(t, dir, "noext/feed", fixture(t, "json/articles.jsonl")) // JSON Lines by its content
	return dir
}

// events renders what a read reported, articles and skips, in the order
// they came.
func readEvents(t testing.TB, opts Options, paths ...string) ([]string, Summary) {
	t.Helper()
	var ev []string
	opts.OnSkip = func(s Skip) { ev = append(ev, "skip "+s.String()) }
	sum, err := NewReader(opts).Read(context.Background(), paths, func(a Article) error {
		ev = append(ev, fmt.Sprintf("article %s %s %q %q %d", a.ID, a.Sources, a.URL, a.Published, len(a.Text)))
		return nil
	})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return ev, sum
}

func TestProcessSameOutputForAnyWorkers(t *testing.T) {
	dir := mixedCorpus(t)
	want, wantSum := readEvents(t, Options{Workers: 1}, dir)
	if wantSum.Read < 10 || wantSum.SkippedTotal() < 6 || wantSum.Duplicates < 2 {
		t.Fatalf("the corpus should give articles, skips and duplicates: %+v", wantSum)
	}
	for _, workers := range []int{2, 8} {
		for round := range 3 { // a race, if any, shows as a different order
			got, sum := readEvents(t, Options{Workers: workers}, dir)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("workers=%d round %d:\n%s\nwant (workers=1):\n%s", workers, round, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if !reflect.DeepEqual(sum, wantSum) {
				t.Fatalf("workers=%d: summary %+v, want %+v", workers, sum, wantSum)
			}
		}
	}
}

func TestProcessReportsSkipsInInputOrder(t *testing.T) {
	dir := mixedCorpus(t)
	for _, workers := range []int{1, 8} {
		ev, _ := readEvents(t, Options{Workers: workers}, dir)
		var skips []string
		for _, e := range ev {
			if s, ok := strings.CutPrefix(e, "skip "); ok {
				src, rest, _ := strings.Cut(strings.TrimPrefix(s, dir+string(filepath.Separator)), ": ")
				reason, _, _ := strings.Cut(rest, ":")
				skips = append(skips, src+" "+reason)
			}
		}
		// The walk is lexical: bad/copy-of-plain.txt comes before
		// text/plain.txt, which is then the duplicate; noext/feed is read
		// as one JSON stream (its first line is longer than the sniffed
		// head).
		want := []string{
			"bad/binary.txt binary",
			"bad/broken.json#1 malformed-json",
			"bad/empty.txt empty",
			"gz/bad.txt.gz unreadable",
			"json/articles.jsonl:2 malformed-json",
			"json/articles.jsonl:3 not-article",
			"json/articles.jsonl:5 not-article",
			"noext/feed duplicate",
			"noext/feed#2 malformed-json",
			"text/french.txt not-english",
			"text/header.txt duplicate",
			"text/plain.txt duplicate",
		}

		// The skips of the fixtures' JSON files beyond these are theirs to
		// define; the order of those listed must be the walk's.
		var got []string
		for _, s := range skips {
			for _, w := range want {
				if s == w {
					got = append(got, s)
				}
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("workers=%d: skips\n%s\nwant, in this order,\n%s", workers, strings.Join(skips, "\n"), strings.Join(want, "\n"))
		}
	}
}

// countingOpen makes r record every file it opens.
func countingOpen(r *Reader) func() []string {
	var mu sync.Mutex
	var opened []string
	r.open = func(name string) (*os.File, error) {
		mu.Lock()
		opened = append(opened, name)
		mu.Unlock()
		return os.Open(name)
	}
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), opened...)
	}
}

// nameInShard returns a file name with prefix and ext whose path under dir
// is in shard i of n.
func nameInShard(dir, prefix, ext string, i, n int) string {
	for k := 0; ; k++ {
		name := fmt.Sprintf("%s%d%s", prefix, k, ext)
		if (Shard{Index: i, Count: n}).Selects(SourceKey(filepath.Join(dir, name))) {
			return name
		}
	}
}

func TestShardSelectsBeforeReading(t *testing.T) {
	dir := t.TempDir()
	// Shard 2 of 2 holds a binary file, an empty file and an HTML page,
	// and a JSON Lines file one malformed line and one empty record of
	// shard 2: shard 1 must not open the files, nor report the lines.
	good := nameInShard(dir, "good", ".txt", 1, 2)
	writeFile(t, dir, good, fixture(t, "text/plain.txt"))
	binary := nameInShard(dir, "binary", ".txt", 2, 2)
	writeFile(t, dir, binary, []byte("\x00\x01\x02"))
	empty := nameInShard(dir, "empty", ".txt", 2, 2)
	writeFile(t, dir, empty, nil)
	page := nameInShard(dir, "page", ".html", 2, 2)
	writeFile(t, dir, page, fixture(t, "html/news_page.html"))
	feed := filepath.Join(dir, "feed.jsonl")
	var lines []string
	lineShard := map[int]int{}
	for ln := 1; len(lines) < 12; ln++ {
		src := fmt.Sprintf("%s:%d", feed, ln)
		s := 1
		if !(Shard{Index: 1, Count: 2}).Selects(SourceKey(src)) {
			s = 2
		}
		switch {
		case ln%4 == 0:
			lines = append(lines, `{"text": "broken`) // malformed, keyed by path:line
		case ln%4 == 1:
			lines = append(lines, `{"title": "Empty", "text": " "}`) // no text, keyed by path:line
		default:
			// Keyed by its url.
			u := fmt.Sprintf("https://news.example.org/%d", ln)
			lines = append(lines, fmt.Sprintf(`{"url": %q, "text": "Item %d. The commission said on Monday that it had received complaints about fabricated polls before the vote."}`, u, ln))
			s = 1
			if !(Shard{Index: 1, Count: 2}).Selects(ShardKey(u, src)) {
				s = 2
			}
		}
		lineShard[ln] = s
	}
	writeFile(t, dir, "feed.jsonl", []byte(strings.Join(lines, "\n")+"\n"))

	all, _ := readEvents(t, Options{}, dir)
	var union []string
	for i := 1; i <= 2; i++ {
		var ev []string
		opts := Options{Workers: 2, Shard: Shard{Index: i, Count: 2}}
		opts.OnSkip = func(s Skip) { ev = append(ev, "skip "+s.String()) }
		r := NewReader(opts)
		opened := countingOpen(r)
		sum, err := r.Read(context.Background(), []string{dir}, func(a Article) error {
			ev = append(ev, fmt.Sprintf("article %s %s %q %q %d", a.ID, a.Sources, a.URL, a.Published, len(a.Text)))
			return nil
		})
		if err != nil {
			t.Fatalf("shard %d/2: %v", i, err)
		}
		for _, p := range opened() {
			if p != feed && !(Shard{Index: i, Count: 2}).Selects(SourceKey(p)) {
				t.Errorf("shard %d/2 opened %s, which is another shard's", i, p)
			}
		}
		for _, e := range ev {
			for ln, s := range lineShard {
				if s != i && strings.Contains(e, fmt.Sprintf("%s:%d]", feed, ln)) || s != i && strings.Contains(e, fmt.Sprintf("%s:%d:", feed, ln)) {
					t.Errorf("shard %d/2 reported line %d of shard %d: %s", i, ln, s, e)
				}
			}
		}
		if i == 1 {
			if got := len(opened()); got != 2 { // good.txt and feed.jsonl
				t.Errorf("shard 1/2 opened %v, want %s and %s", opened(), good, feed)
			}
			if sum.OtherShard < 3 {
				t.Errorf("shard 1/2: %d inputs left to other shards, want at least the 3 files", sum.OtherShard)
			}
		}
		union = append(union, ev...)
	}
	// Together the shards report everything, each once (sorted, since the
	// shards interleave).
	if len(union) != len(all) {
		t.Errorf("shards reported %d events, the unsharded read %d:\n%s\nvs\n%s", len(union), len(all), strings.Join(union, "\n"), strings.Join(all, "\n"))
	}
	seen := map[string]int{}
	for _, e := range union {
		seen[e]++
	}
	for _, e := range all {
		if seen[e] != 1 {
			t.Errorf("%q reported %d times by the shards, want once", e, seen[e])
		}
	}
}

func TestShardPartitionsKeys(t *testing.T) {
	for _, n := range []int{1, 2, 3, 7} {
		counts := make([]int, n)
		for k := range 2000 {
			key := ShardKey("", fmt.Sprintf("/articles/%d.txt", k))
			hits := 0
			for i := 1; i <= n; i++ {
				if (Shard{Index: i, Count: n}).Selects(key) {
					hits++
					counts[i-1]++
				}
			}
			if hits != 1 {
				t.Fatalf("%s is in %d of %d shards, want exactly 1", key, hits, n)
			}
		}
		for i, c := range counts {
			if c < 2000/n*2/3 {
				t.Errorf("shard %d/%d got %d of 2000 inputs", i+1, n, c)
			}
		}
	}
	if ShardKey(" https://a.example/x ", "f.jsonl:3") != "url:https://a.example/x" || ShardKey(" ", "f.jsonl:3") != "source:f.jsonl:3" {
		t.Errorf("ShardKey: the url, trimmed, when there is one, else the source")
	}
}
