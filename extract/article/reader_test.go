package article

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"
)

// runResult is everything one Read produced.
type runResult struct {
	articles []Article
	skips    []Skip
	sum      Summary
	err      error
}

func (r runResult) sources() []string {
	var out []string
	for _, a := range r.articles {
		out = append(out, a.Sources...)
	}
	return out
}

func (r runResult) skipped() []string {
	var out []string
	for _, s := range r.skips {
		out = append(out, s.Source+" "+string(s.Reason))
	}
	return out
}

func read(t testing.TB, opts Options, paths ...string) runResult {
	t.Helper()
	var res runResult
	opts.OnSkip = func(s Skip) { res.skips = append(res.skips, s) }
	r := NewReader(opts)
	res.sum, res.err = r.Read(context.Background(), paths, func(a Article) error {
		res.articles = append(res.articles, a)
		return nil
	})
	return res
}

func writeFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func gz(t testing.TB, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	return []byte(readFixture(t, name))
}

func TestReadFormats(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.txt", fixture(t, "text/plain.txt"))
	writeFile(t, dir, "b.html", fixture(t, "html/news_page.html"))
	writeFile(t, dir, "c.jsonl", fixture(t, "json/articles.jsonl"))
	writeFile(t, dir, "d.json", fixture(t, "json/array.json"))
	writeFile(t, dir, "e.json", fixture(t, "json/single.json"))
	writeFile(t, dir, "f.txt.gz", gz(t, fixture(t, "text/header.txt")))
	writeFile(t, dir, "g.htm.gz", gz(t, fixture(t, "html/minimal_time.htm")))
	writeFile(t, dir, "h.gold.json", fixture(t, "json/annotation.gold.json"))
	// Names that say nothing: the content decides.
	writeFile(t, dir, "sniff/page", append([]byte("\n  "), fixture(t, "text/url_date.txt")...))
	writeFile(t, dir, "sniff/zipped", gz(t, fixture(t, "text/byline_caption.txt")))
	writeFile(t, dir, "sniff/feed.dat", []byte(`{"title":"Feed item one","text":"Election officials said on Monday that a surge of fake accounts had spread false polling-place changes, and asked platforms to remove them."}
{"title":"Feed item two","text":"A court on Tuesday ordered a foreign-owned website to stop publishing fabricated opinion polls before the second round of the election."}
`))
	writeFile(t, dir, ".hidden/x.txt", fixture(t, "text/plain.txt"))
	writeFile(t, dir, "saved-as.txt", bytes.ReplaceAll(fixture(t, "html/minimal_time.htm"), []byte("two months"), []byte("three months")))

	res := read(t, Options{}, dir)
	if res.err != nil {
		t.Fatal(res.err)
	}
	j := func(name string) string { return filepath.Join(dir, name) }
	wantSources := []string{
		j("a.txt"), j("b.html"), j("c.jsonl") + ":1", j("c.jsonl") + ":4",
		j("d.json") + "#1", j("d.json") + "#2", j("e.json"), j("f.txt.gz"), j("g.htm.gz"), j("saved-as.txt"),
		j("sniff/feed.dat") + ":1", j("sniff/feed.dat") + ":2", j("sniff/page"), j("sniff/zipped"),
	}
	if got := res.sources(); !reflect.DeepEqual(got, wantSources) {
		t.Errorf("sources =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantSources, "\n"))
	}
	wantSkips := []string{
		j("c.jsonl") + ":2 malformed-json",
		j("c.jsonl") + ":3 not-article",
		j("c.jsonl") + ":5 not-article",
		j("h.gold.json") + " not-article",
	}
	if got := res.skipped(); !reflect.DeepEqual(got, wantSkips) {
		t.Errorf("skips =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantSkips, "\n"))
	}
	if res.sum.Read != len(wantSources) || res.sum.SkippedTotal() != len(wantSkips) || res.sum.Duplicates != 0 {
		t.Errorf("summary = %+v", res.sum)
	}

	bySource := map[string]Article{}
	for _, a := range res.articles {
		bySource[a.Sources[0]] = a
		if len(a.ID) != 16 {
			t.Errorf("%s: id %q is not 16 hex digits", a.Sources[0], a.ID)
		}
	}
	checks := []struct {
		source                 string
		title, published, from string
		url, outlet, author    string
		externalID             string
		keep                   []string
	}{
		{source: j("c.jsonl") + ":1", title: "Regulator opens probe into foreign-funded political ads", published: "2021-04-09", from: FromField,
			url: "https://wire.example.net/2021/04/09/probe-into-ad-spending", outlet: "Example Wire", author: "Lena Ortiz", externalID: "wire-001",
			keep: []string{"The election regulator said on Friday", "The regulator said the adverts"}},
		{source: j("c.jsonl") + ":4", title: "Observers criticise media access", published: "2021-05-02", from: FromURL,
			keep: []string{"International observers said on Sunday", "The mission said it would present"}},
		{source: j("d.json") + "#1", title: "Parliament extends inquiry into online campaign", published: "2022-03-03", from: FromField, outlet: "Example Daily",
			keep: []string{"Parliament voted on Thursday", "The inquiry will now also examine"}},
		{source: j("e.json"), title: "Vote monitors report calm polling day", published: "2023-01-15", from: FromURL, author: "Ana Pire, Joe Lam",
			keep: []string{"Independent monitors said on Sunday"}},
		{source: j("b.html"), title: "Parliament panel says foreign network targeted regional vote", published: "2022-06-02", from: FromMeta,
			url: "https://courier.example/world/panel-foreign-network-regional-vote", outlet: "The Harbour Courier", author: "Mara Vinter",
			keep: []string{"A parliamentary committee said on Thursday"}},
		{source: j("g.htm.gz"), title: "Observers report pressure on polling staff", published: "2019-11-08", from: FromTime,
			keep: []string{"Election observers said on Friday"}},
		{source: j("saved-as.txt"), title: "Observers report pressure on polling staff", published: "2019-11-08", from: FromTime},
		{source: j("f.txt.gz"), title: "Ministry warns of forged letters aimed at election officials", published: "2019-06-04", from: FromHeader},
		{source: j("sniff/page"), title: "Agency accuses hackers of sending threatening emails to voters", published: "2020-10-21", from: FromURL},
		{source: j("sniff/zipped"), published: "2018-09-14", from: FromHeader},
	}
	for _, c := range checks {
		a, ok := bySource[c.source]
		if !ok {
			t.Errorf("%s: not read", c.source)
			continue
		}
		if c.title != "" && a.Title != c.title {
			t.Errorf("%s: title = %q, want %q", c.source, a.Title, c.title)
		}
		if a.Published != c.published || a.PublishedFrom != c.from {
			t.Errorf("%s: published = %q from %q, want %q from %q", c.source, a.Published, a.PublishedFrom, c.published, c.from)
		}
		for _, f := range []struct{ name, got, want string }{
			{"url", a.URL, c.url}, {"outlet", a.Outlet, c.outlet}, {"author", a.Author, c.author}, {"external id", a.ExternalID, c.externalID},
		} {
			if f.want != "" && f.got != f.want {
				t.Errorf("%s: %s = %q, want %q", c.source, f.name, f.got, f.want)
			}
		}
		checkText(t, a.Text, c.keep, nil)
	}
}

func TestReadBadInput(t *testing.T) {
	good := fixture(t, "text/plain.txt")
	garbage := make([]byte, 600)
	for i := range garbage {
		garbage[i] = byte(0x80 + i%0x7f)
	}
	// A few Windows-1252 quotes in an otherwise UTF-8 text are repaired.
	cp1252 := bytes.ReplaceAll(fixture(t, "text/url_date.txt"), []byte("Officials accused"), []byte("\x93Officials\x94 accused"))
	tests := []struct {
		name     string
		file     string
		data     []byte
		maxBytes int64
		reason   Reason // "" when the input must be read
		detail   string // part of the skip's detail
		check    func(t *testing.T, a Article)
	}{
		{name: "empty", file: "empty.txt", data: nil, reason: ReasonEmpty},
		{name: "blank", file: "blank.txt", data: []byte(" \n\n\t\n"), reason: ReasonEmpty},
		{name: "only furniture", file: "menu.txt", data: []byte("Home\nSubscribe\nCookie settings\n"), reason: ReasonEmpty},
		{name: "binary", file: "image.txt", data: append([]byte("GIF89a"), 0, 1, 2, 3), reason: ReasonBinary, detail: "NUL byte"},
		{name: "binary sniffed", file: "blob", data: append(append([]byte{}, good...), 0), reason: ReasonBinary},
		{name: "garbage", file: "garbage.txt", data: append([]byte("Some words first. "), garbage...), reason: ReasonInvalidUTF8},
		{name: "repaired", file: "cp1252.txt", data: cp1252, check: func(t *testing.T, a Article) {
			if a.Replacements != 2 {
				t.Errorf("replacements = %d, want 2", a.Replacements)
			}
			if !strings.Contains(a.Text, "“Officials” accused") {
				t.Errorf("quotes not repaired: %q", a.Text)
			}
		}},
		{name: "UTF-16 with byte-order mark", file: "utf16.txt", data: utf16LE(string(good)), check: func(t *testing.T, a Article) {
			if !strings.HasPrefix(a.Text, "Officials in the northern region") {
				t.Errorf("text = %.60q", a.Text)
			}
		}},
		{name: "too large", file: "big.txt", data: good, maxBytes: 100, reason: ReasonTooLarge},
		{name: "too large gzipped", file: "big.txt.gz", data: gz(t, good), maxBytes: 100, reason: ReasonTooLarge},
		{name: "not gzip", file: "fake.txt.gz", data: good, reason: ReasonUnreadable, detail: "gzip"},
		{name: "french", file: "fr.txt", data: fixture(t, "text/french.txt"), reason: ReasonNotEnglish, detail: "French"},
		{name: "russian", file: "ru.txt", data: []byte(strings.Repeat("Центральная избирательная комиссия сообщила о попытке взлома сайта. ", 5)), reason: ReasonNotEnglish, detail: "Cyrillic"},
		{name: "declared language", file: "declared.txt", data: append([]byte("title: T\nlanguage: de\n\n"), good...), reason: ReasonNotEnglish, detail: `declared language "de"`},
		{name: "declared in JSON", file: "declared.json", data: []byte(`{"lang":"fr-FR","text":"The committee said on Monday that it would publish the report before the vote, as agreed."}`), reason: ReasonNotEnglish, detail: "fr-FR"},
		{name: "declared English", file: "en.txt", data: append([]byte("title: T\nlanguage: en-GB\n\n"), good...)},
		{name: "malformed json", file: "bad.json", data: []byte(`{"title": "x", "text": `), reason: ReasonMalformedJSON},
		{name: "json scalar", file: "n.json", data: []byte(`42`), reason: ReasonNotArticle},
		{name: "html without text", file: "empty.html", data: []byte("<html><head><title>Nothing</title></head><body></body></html>"), reason: ReasonEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p := writeFile(t, dir, tt.file, tt.data)
			res := read(t, Options{MaxBytes: tt.maxBytes}, p)
			if res.err != nil {
				t.Fatal(res.err)
			}
			if tt.reason == "" {
				if len(res.articles) != 1 || len(res.skips) != 0 {
					t.Fatalf("got %d articles, skips %v; want the article read", len(res.articles), res.skips)
				}
				if tt.check != nil {
					tt.check(t, res.articles[0])
				}
				return
			}
			if len(res.articles) != 0 || len(res.skips) != 1 {
				t.Fatalf("got %d articles, skips %v; want one skip %s", len(res.articles), res.skips, tt.reason)
			}
			s := res.skips[0]
			if s.Source != p || s.Reason != tt.reason || !strings.Contains(s.Detail, tt.detail) {
				t.Errorf("skip = %+v, want %s %s (%s)", s, p, tt.reason, tt.detail)
			}
			if res.sum.Skipped[tt.reason] != 1 || res.sum.Read != 0 {
				t.Errorf("summary = %+v", res.sum)
			}
		})
	}
}

func TestReadUnreadable(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.txt")
	dangling := filepath.Join(dir, "dangling.txt")
	if err := os.Symlink(filepath.Join(dir, "nowhere"), dangling); err != nil {
		t.Skip("no symlinks:", err)
	}
	res := read(t, Options{}, missing, filepath.Join(dir, "*.none"), dir)
	want := []string{missing + " unreadable", filepath.Join(dir, "*.none") + " unreadable", dangling + " unreadable"}
	if got := res.skipped(); !reflect.DeepEqual(got, want) {
		t.Errorf("skips = %v, want %v", got, want)
	}
	if res.err != nil || res.sum.Skipped[ReasonUnreadable] != 3 {
		t.Errorf("err = %v, summary = %+v", res.err, res.sum)
	}
}

func TestReadDuplicates(t *testing.T) {
	dir := t.TempDir()
	body := fixture(t, "text/plain.txt")
	a := writeFile(t, dir, "a.txt", body)
	// The same body with other spacing, case of a header and a title.
	b := writeFile(t, dir, "b.txt", append([]byte("title: Calls urged residents to stay home\n\n"), bytes.ReplaceAll(body, []byte(" "), []byte("  "))...))
	res := read(t, Options{}, a, b, a)
	if len(res.articles) != 1 || res.articles[0].Sources[0] != a {
		t.Fatalf("articles = %+v, want only %s", res.articles, a)
	}
	if got, want := res.skipped(), []string{b + " duplicate", a + " duplicate"}; !reflect.DeepEqual(got, want) {
		t.Errorf("skips = %v, want %v", got, want)
	}
	if !strings.Contains(res.skips[0].Detail, a) {
		t.Errorf("duplicate detail %q does not name the first source", res.skips[0].Detail)
	}
	if res.sum.Read != 1 || res.sum.Duplicates != 2 || res.sum.SkippedTotal() != 0 {
		t.Errorf("summary = %+v", res.sum)
	}
}

func TestReadGlobAndStdin(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "b.txt", fixture(t, "text/url_date.txt"))
	writeFile(t, dir, "a.txt", fixture(t, "text/plain.txt"))
	writeFile(t, dir, "c.md", fixture(t, "text/header.txt"))
	stdin := strings.NewReader(`{"title":"From a pipe","text":"The commission said on Monday that it had received complaints about fabricated polls shared in messaging groups."}` + "\n")
	res := read(t, Options{Stdin: stdin}, filepath.Join(dir, "*.txt"), "-")
	want := []string{filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt"), "-"}
	if got := res.sources(); !reflect.DeepEqual(got, want) {
		t.Errorf("sources = %v, want %v", got, want)
	}
}

func TestReadJSONLinesLongLine(t *testing.T) {
	dir := t.TempDir()
	line := func(text string) string { return `{"text":"` + text + `"}` + "\n" }
	long := strings.Repeat("word ", 400)
	p := writeFile(t, dir, "feed.jsonl", []byte(
		line("The first record is short but reads as a sentence about the election and its count.")+
			line(long)+
			"\n"+
			line("The third record follows the long one, and must be read although the second was refused.")))
	res := read(t, Options{MaxBytes: 1000}, p)
	if got, want := res.sources(), []string{p + ":1", p + ":4"}; !reflect.DeepEqual(got, want) {
		t.Errorf("sources = %v, want %v", got, want)
	}
	if got, want := res.skipped(), []string{p + ":2 too-large"}; !reflect.DeepEqual(got, want) {
		t.Errorf("skips = %v, want %v", got, want)
	}
}

func TestReadStopsOnEmitErrorAndCancel(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.txt", fixture(t, "text/plain.txt"))
	writeFile(t, dir, "b.txt", fixture(t, "text/url_date.txt"))
	boom := errors.New("boom")
	n := 0
	_, err := NewReader(Options{}).Read(context.Background(), []string{dir}, func(Article) error { n++; return boom })
	if !errors.Is(err, boom) || n != 1 {
		t.Errorf("err = %v after %d articles, want boom after 1", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = NewReader(Options{}).Read(ctx, []string{dir}, func(Article) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestReadAllowNonEnglish(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "fr.txt", fixture(t, "text/french.txt"))
	res := read(t, Options{AllowNonEnglish: true}, p)
	if len(res.articles) != 1 {
		t.Errorf("AllowNonEnglish: got skips %v", res.skips)
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		in   string
		want format
	}{
		{"<!DOCTYPE html><html>", formatHTML},
		{"  <html><body>", formatHTML},
		{"<p>Hello</p>", formatHTML},
		{"<notes>a</notes>", formatText},
		{`[{"text":"a"}]`, formatJSON},
		{`{"text":"a"}`, formatJSON},
		{"{\"text\":\"a\"}\n{\"text\":\"b\"}\n", formatJSONL},
		{"\ufeff{\"a\":1}\n{\"b\":2}", formatJSONL},
		{"title: x\n\nbody", formatText},
		{"", formatText},
	}
	for _, tt := range tests {
		if got := sniff([]byte(tt.in)); got != tt.want {
			t.Errorf("sniff(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestReadJSONRecords(t *testing.T) {
	const body = "The electoral commission said on Monday that it had received hundreds of complaints about fabricated polls shared in messaging groups."
	tests := []struct {
		name                   string
		record                 string
		title, published, from string
		url, outlet, author    string
		externalID             string
	}{
		{name: "documented fields", record: `{"id":"x1","url":"https://a.example/s","title":"T one","published":"2020-05-06","outlet":"Wire","author":"A. B.","text":"` + body + `"}`,
			title: "T one", published: "2020-05-06", from: FromField, url: "https://a.example/s", outlet: "Wire", author: "A. B.", externalID: "x1"},
		{name: "crawler names", record: `{"_id":7,"link":"https://a.example/s","headline":"T two","publishedAt":"2021-02-03T04:05:06Z","source":{"name":"Feed"},"authors":[{"name":"C"},{"name":"D"}],"body":"` + body + `"}`,
			title: "T two", published: "2021-02-03", from: FromField, url: "https://a.example/s", outlet: "Feed", author: "C, D", externalID: "7"},
		{name: "unix seconds", record: `{"published":1697846400,"text":"` + body + `"}`, published: "2023-10-21", from: FromField},
		{name: "unix milliseconds", record: `{"date":"1697846400000","text":"` + body + `"}`, published: "2023-10-21", from: FromField},
		{name: "unreadable date falls back to the url", record: `{"published":"soon","url":"https://a.example/2019/01/02/s","text":"` + body + `"}`,
			published: "2019-01-02", from: FromURL, url: "https://a.example/2019/01/02/s"},
		{name: "markup in the text field", record: `{"content":"<div><h1>T three</h1><p>` + body + `</p><p>Share this</p></div>"}`, title: "T three"},
		{name: "html field, title from the record", record: `{"title":"Record title","html":"<html><head><title>Page title here and more</title></head><body><p>` + body + `</p></body></html>"}`,
			title: "Record title"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), "r.jsonl", []byte(tt.record+"\n"))
			res := read(t, Options{}, p)
			if len(res.articles) != 1 {
				t.Fatalf("skips: %v", res.skips)
			}
			a := res.articles[0]
			for _, f := range []struct{ name, got, want string }{
				{"title", a.Title, tt.title}, {"published", a.Published, tt.published}, {"from", a.PublishedFrom, tt.from},
				{"url", a.URL, tt.url}, {"outlet", a.Outlet, tt.outlet}, {"author", a.Author, tt.author}, {"external id", a.ExternalID, tt.externalID},
			} {
				if f.got != f.want {
					t.Errorf("%s = %q, want %q", f.name, f.got, f.want)
				}
			}
			checkText(t, a.Text, []string{body}, []string{"<p>", "Share this"})
			if tt.title != "" && !strings.HasPrefix(a.Text, tt.title+"\n\n") {
				t.Errorf("text does not begin with the title: %.60q", a.Text)
			}
		})
	}
}

// utf16LE encodes s as Windows "Unicode" text: UTF-16LE with a byte-order mark.
func utf16LE(s string) []byte {
	b := []byte{0xff, 0xfe}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}
