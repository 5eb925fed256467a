package article

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// benchText is a realistic text input: the scraped-page fixture with its
// body repeated to the length of a long article (about 20 kB).
func benchText(b *testing.B) string {
	b.Helper()
	page := readFixture(b, "text/scraped_page.txt")
	i := strings.Index(page, "Vilnius (Baltic Ledger)")
	j := strings.Index(page, "Related News:")
	return page[:j] + strings.Repeat(page[i:j], 8) + page[j:]
}

// BenchmarkCleanText measures text cleaning throughput (MB/s): header,
// furniture, headline and date line.
func BenchmarkCleanText(b *testing.B) {
	text := benchText(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		_ = ParseText(text)
	}
}

// BenchmarkParseHTML measures HTML throughput (MB/s): parsing, metadata,
// main-text extraction with the default engine and cleaning.
func BenchmarkParseHTML(b *testing.B) {
	page := fixture(b, "html/news_page.html")
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseHTML(page, "", ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseHTMLReadability is the same with the other engine, for
// comparison.
func BenchmarkParseHTMLReadability(b *testing.B) {
	page := fixture(b, "html/news_page.html")
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseHTML(page, "", EngineReadability); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadJSONLines measures the whole reader on a JSON Lines stream
// (MB/s): line splitting, decoding, cleaning, language check and identity.
// Memory per operation stays that of one line, whatever the stream length.
func BenchmarkReadJSONLines(b *testing.B) {
	var feed strings.Builder
	body := strings.Repeat("The commission said on Monday that it had received complaints about fabricated polls shared in messaging groups before the vote. ", 12)
	for i := range 200 {
		fmt.Fprintf(&feed, `{"id":"%d","title":"Item %d","published":"2024-01-02","text":"%d %s"}`+"\n", i, i, i, body)
	}
	data := feed.String()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r := NewReader(Options{Stdin: strings.NewReader(data)})
		sum, err := r.Read(context.Background(), []string{"-"}, func(Article) error { return nil })
		if err != nil || sum.Read != 200 {
			b.Fatalf("read %d, err %v", sum.Read, err)
		}
	}
}

// BenchmarkCleanTextWrapped cleans one long hard-wrapped paragraph (1 MB);
// its cost must stay linear in the input.
func BenchmarkCleanTextWrapped(b *testing.B) {
	text := strings.Repeat("the committee said on monday that the accounts had been created\n", 16000)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		_ = ParseText(text)
	}
}
