package article

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// hostilePara is an article paragraph for the hostile pages to bury.
const hostilePara = "<p>The opening paragraph of the story says what happened in plain and simple words, as stories do.</p>"

// nested returns n nested elements named tag around inner.
func nested(tag string, n int, inner string) string {
	return strings.Repeat("<"+tag+">", n) + inner + strings.Repeat("</"+tag+">", n)
}

// hostilePages are shapes that made the HTML parser slow (CVE-2025-47911:
// deep nesting) or loop forever (CVE-2025-58190: table-related tags, Go
// issue 70179), each with the outcome the reader documents: read as an
// article, or skipped as too deep.
var hostilePages = []struct {
	name    string
	page    string
	tooDeep bool
}{
	{"100,000 nested divs", nested("div", 100_000, hostilePara), true},
	{"3,000 nested divs", nested("div", 3000, hostilePara), true},
	{"400 nested divs", nested("div", 400, hostilePara), false},
	{"100,000 unclosed divs", strings.Repeat("<div>", 100_000) + hostilePara, true},
	{"nested tables", strings.Repeat("<table><tr><td>", 30_000) + hostilePara, true},
	{"unclosed table tags", hostilePara + "<table>" + strings.Repeat("<tbody><tr><td><th><caption><colgroup><col>", 5000), false},
	{"issue 70179", hostilePara + "<table><tbody><svg><td><desc><select></select></tbody>", false},
	{"issue 70179 repeated", hostilePara + strings.Repeat("<table><tbody><svg><td><desc><select></select></tbody>", 5000), false},
	{"foreign content in tables", hostilePara + strings.Repeat("<table><math><select><mi><select></table>", 5000), false},
	{"closing tags", hostilePara + strings.Repeat("</dl></table></tr></td>", 50_000), false},
	{"formatting elements", hostilePara + strings.Repeat("<b><i><a><p>", 50_000), false},
}

// withinDeadline runs f and fails t when f has not returned within d: a
// page that hangs the parser fails its test instead of the test binary.
func withinDeadline(t *testing.T, d time.Duration, f func()) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), d)
	defer cancel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-ctx.Done():
		t.Fatalf("still running after %v", d)
	}
}

func TestParseHTMLHostilePages(t *testing.T) {
	for _, tt := range hostilePages {
		t.Run(tt.name, func(t *testing.T) {
			var a Article
			var err error
			withinDeadline(t, 60*time.Second, func() { a, err = ParseHTML([]byte(tt.page), "", "") })
			if tt.tooDeep {
				if !errors.Is(err, ErrTooDeep) {
					t.Fatalf("err = %v, want ErrTooDeep", err)
				}
				if want := fmt.Sprint(MaxHTMLDepth); !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not name the depth %s", err, want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(a.Text, "The opening paragraph") {
				t.Errorf("paragraph lost: %q", a.Text)
			}
		})
	}
}

func TestReadDeeplyNestedHTML(t *testing.T) {
	dir := t.TempDir()
	deep := writeFile(t, dir, "deep.html", []byte(nested("div", 100_000, hostilePara)))
	fine := writeFile(t, dir, "fine.html", []byte(nested("div", 400, hostilePara)))
	var res runResult
	withinDeadline(t, 60*time.Second, func() { res = read(t, Options{}, deep, fine) })
	if res.err != nil {
		t.Fatal(res.err)
	}
	if len(res.articles) != 1 || res.articles[0].Sources[0] != fine {
		t.Errorf("articles from %v, want only %s", res.sources(), fine)
	}
	if len(res.skips) != 1 {
		t.Fatalf("skips = %v, want one", res.skips)
	}
	s := res.skips[0]
	if s.Source != deep || s.Reason != ReasonTooDeep || !strings.Contains(s.Detail, fmt.Sprint(MaxHTMLDepth)) {
		t.Errorf("skip = %q, want %s: %s naming the limit %d", s, deep, ReasonTooDeep, MaxHTMLDepth)
	}
	if res.sum.Skipped[ReasonTooDeep] != 1 {
		t.Errorf("summary skipped = %v, want one %s", res.sum.Skipped, ReasonTooDeep)
	}
}

// BenchmarkParseHTMLHostile measures the hostile pages at two sizes: the
// throughput (MB/s) must not fall as a page grows, which is what "time
// proportional to the size" means.
func BenchmarkParseHTMLHostile(b *testing.B) {
	shapes := []struct {
		name string
		page func(n int) string
	}{
		{"nested-divs", func(n int) string { return nested("div", n, hostilePara) }},
		{"deep-then-wide", func(n int) string {
			return nested("div", 500, hostilePara+strings.Repeat("</p><span>a</span>", n))
		}},
		{"unclosed-table-tags", func(n int) string {
			return hostilePara + "<table>" + strings.Repeat("<tbody><tr><td><th><caption><colgroup><col>", n)
		}},
		{"issue-70179", func(n int) string {
			return hostilePara + strings.Repeat("<table><tbody><svg><td><desc><select></select></tbody>", n)
		}},
		{"paragraphs", func(n int) string { return strings.Repeat(hostilePara, n) }},
	}
	for _, s := range shapes {
		for _, n := range []int{1000, 10_000} {
			page := []byte(s.page(n))
			b.Run(fmt.Sprintf("%s/%d", s.name, n), func(b *testing.B) {
				b.SetBytes(int64(len(page)))
				for b.Loop() {
					_, _ = ParseHTML(page, "", "")
				}
			})
		}
	}
}
