package article

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedsDir holds the project's two real seed pages. They live outside the
// repository (their text is not ours to copy), so the test skips when they
// are absent.
var seedsDir = filepath.Join("..", "..", "..", "shared", "seeds")

func TestSeeds(t *testing.T) {
	if _, err := os.Stat(seedsDir); err != nil {
		t.Skipf("seed pages not found at %s: %v", seedsDir, err)
	}
	tests := []struct {
		file      string
		published string
		from      string
		title     string
		first     string // how the body begins
		last      string // how the body ends
		paras     int    // body paragraphs, subheads included
		drop      []string
	}{
		{
			file: "000_002b8651f148404b.txt", published: "2021-03-17", from: FromDateline,
			title: "Russia sought to undermine Biden candidacy in US elections",
			first: "According to a declassified US intelligence assessment",
			last:  "identified as the instigator.",
			paras: 9,
			drop: []string{"Montenegro", "Sarkozy", "Brexit", "Bertrand", "Red Brigade", "Related News", "Next Post",
				"Latest post", "Most Read", "Galeries", "cookies", "Tuesday, October 14, 2025", "DURHAM",
				"Sarhan Basem", "World News", "SUBSCRIBE", "All Rights Reserved", "daily online newspaper"},
		},
		{
			file: "003_ede625536d2763c9.txt", published: "2023-10-21", from: FromHeader,
			first: "The United States on Friday (October 20) released",
			last:  "between 2020 and 2021.",
			paras: 13,
			drop:  []string{"date 2023", "Watch", "Trump’s second lawyer", "×", "write for", "Share your stories", "With inputs"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res := read(t, Options{}, filepath.Join(seedsDir, tt.file))
			if len(res.articles) != 1 {
				t.Fatalf("skips: %v", res.skips)
			}
			a := res.articles[0]
			if a.Published != tt.published || a.PublishedFrom != tt.from {
				t.Errorf("published = %q from %q, want %q from %q", a.Published, a.PublishedFrom, tt.published, tt.from)
			}
			if a.Title != tt.title {
				t.Errorf("title = %q, want %q", a.Title, tt.title)
			}
			body := a.body()
			if !strings.HasPrefix(body, tt.first) || !strings.HasSuffix(body, tt.last) {
				t.Errorf("body runs %.60q ... %q", body, body[max(0, len(body)-60):])
			}
			if n := len(strings.Split(body, "\n\n")); n != tt.paras {
				t.Errorf("%d body paragraphs, want %d:\n%s", n, tt.paras, body)
			}
			checkText(t, a.Text, nil, tt.drop)
			if tt.file == "003_ede625536d2763c9.txt" {
				checkText(t, a.Text, []string{"\n\nThere was no immediate reaction from Russia. Currently"}, nil)
			}
		})
	}
}
