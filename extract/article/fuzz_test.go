package article

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// addFixtures seeds a fuzz corpus with every fixture under testdata/dir.
func addFixtures(f *testing.F, dir string, add func([]byte)) {
	f.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", dir, "*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		add(b)
	}
}

// checkArticle asserts the invariants every parsed article keeps.
func checkArticle(t *testing.T, a Article) {
	t.Helper()
	if !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) {
		t.Errorf("invalid UTF-8 in output")
	}
	if a.Title != "" && a.Text != a.Title && !strings.HasPrefix(a.Text, a.Title+"\n\n") {
		t.Errorf("text does not begin with the title %q: %.80q", a.Title, a.Text)
	}
	if strings.Contains(a.Text, "\n\n\n") {
		t.Errorf("text holds three newlines in a row: %q", a.Text)
	}
	if (a.Published == "") != (a.PublishedFrom == "") {
		t.Errorf("published %q from %q", a.Published, a.PublishedFrom)
	}
	if a.Published != "" {
		if _, ok := normaliseDate(a.Published); !ok || len(a.Published) != 10 {
			t.Errorf("published %q is not YYYY-MM-DD", a.Published)
		}
	}
}

func FuzzParseText(f *testing.F) {
	addFixtures(f, "text", func(b []byte) { f.Add(string(b)) })
	f.Add(" date 2023-10-21 Body.")
	f.Add("title: \n\n")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // the reader repairs or refuses invalid input first
		}
		checkArticle(t, ParseText(s))
	})
}

func FuzzCleanText(f *testing.F) {
	addFixtures(f, "text", func(b []byte) { f.Add(string(b), "") })
	f.Add("Watch | a × b", "t")
	f.Add("• a\n• b\nRelated News:\n• c", "")
	f.Fuzz(func(t *testing.T, s, title string) {
		if !utf8.ValidString(s) || !utf8.ValidString(title) {
			return
		}
		c := CleanText(s, title)
		for _, p := range c.Paragraphs {
			if p == "" || strings.Contains(p, "\n") {
				t.Errorf("paragraph %q is empty or spans lines", p)
			}
		}
	})
}

func FuzzParseHTML(f *testing.F) {
	addFixtures(f, "html", func(b []byte) { f.Add(b) })
	f.Add([]byte(`<script type="application/ld+json">[{"@graph":{"@type":"NewsArticle","author":[[{}]]}}]</script>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		if !utf8.Valid(b) {
			return
		}
		a, err := ParseHTML(b, "", "")
		if err == nil {
			checkArticle(t, a)
		}
	})
}

func FuzzDecodeText(f *testing.F) {
	f.Add([]byte("plain"))
	f.Add([]byte("caf\xe9 \x93quoted\x94"))
	f.Add([]byte{0xef, 0xbb, 0xbf, 'a'})
	f.Fuzz(func(t *testing.T, b []byte) {
		s, _, err := decodeText(b)
		if err == nil && !utf8.ValidString(s) {
			t.Errorf("decodeText returned invalid UTF-8")
		}
	})
}

func FuzzReadJSON(f *testing.F) {
	addFixtures(f, "json", func(b []byte) { f.Add(b) })
	f.Add([]byte(`[{"text":"a"},`))
	f.Add([]byte("{\"text\":\"a\"}\n{\"html\":\"<p>b</p>\"}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, lines := range []bool{false, true} {
			r := NewReader(Options{MaxBytes: 1 << 16})
			c := &collector{r: r}
			br := bufio.NewReader(bytes.NewReader(b))
			var err error
			if lines {
				err = r.readJSONLines(context.Background(), "fuzz", br, c)
			} else {
				err = r.readJSON(context.Background(), "fuzz", br, c)
			}
			if err != nil {
				t.Errorf("lines=%v: %v", lines, err)
			}
			for _, it := range c.items {
				if it.ok {
					checkArticle(t, it.a)
				}
			}
		}
	})
}

func FuzzNormaliseDate(f *testing.F) {
	f.Add("2023-10-21")
	f.Add("Tuesday, October 14, 2025")
	f.Add("31/02/2020")
	f.Fuzz(func(t *testing.T, s string) {
		if d, ok := normaliseDate(s); ok {
			if d2, ok2 := normaliseDate(d); !ok2 || d2 != d {
				t.Errorf("normaliseDate(%q) = %q, which does not read back (%q)", s, d, d2)
			}
		}
		_, _ = dateFromURL(s)
		_, _ = dateline(s)
	})
}
