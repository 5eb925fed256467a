package article

import (
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
