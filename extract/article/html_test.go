package article

import (
	"strings"
	"testing"
)

// newsPageFurniture is what must not survive from testdata/html/news_page.html.
var newsPageFurniture = []string{
	"Skip to content", "World News", "Subscribe", "Related News", "ferry timetable", "goalkeeper",
	"Storm warning", "Share this", "Newsletter", "morning briefing", "independent daily",
	"Copyright", "cookies", "Mara Vinter",
}

var newsPageBody = []string{
	"A parliamentary committee said on Thursday",
	"The committee's report, adopted unanimously",
	"Coordinated accounts",
	"Investigators counted more than four hundred",
	`"We found a pattern, not a coincidence,"`,
	"The intermediary company did not respond",
}

func TestParseHTML(t *testing.T) {
	a, err := ParseHTML(fixture(t, "html/news_page.html"), "", "")
	if err != nil {
		t.Fatal(err)
	}
	want := Article{
		URL:       "https://courier.example/world/panel-foreign-network-regional-vote",
		Title:     "Parliament panel says foreign network targeted regional vote",
		Published: "2022-06-02", PublishedFrom: FromMeta,
		Outlet: "The Harbour Courier", Author: "Mara Vinter",
	}
	got := a
	got.Text = ""
	if got.URL != want.URL || got.Title != want.Title || got.Published != want.Published ||
		got.PublishedFrom != want.PublishedFrom || got.Outlet != want.Outlet || got.Author != want.Author {
		t.Errorf("metadata = %+v\nwant %+v", got, want)
	}
	if !strings.HasPrefix(a.Text, want.Title+"\n\n") {
		t.Errorf("text does not begin with the title: %.80q", a.Text)
	}
	checkText(t, a.Text, newsPageBody, newsPageFurniture)
}

// TestHTMLEngines compares the two extraction libraries on our pages. Both
// keep every body paragraph; trafilatura, the default, also drops the photo
// caption that readability keeps, which is why it was chosen.
func TestHTMLEngines(t *testing.T) {
	for _, engine := range []Engine{EngineTrafilatura, EngineReadability} {
		t.Run(string(engine), func(t *testing.T) {
			a, err := ParseHTML(fixture(t, "html/news_page.html"), "", engine)
			if err != nil {
				t.Fatal(err)
			}
			checkText(t, a.Text, newsPageBody, newsPageFurniture)
			caption := strings.Contains(a.Text, "assembly hall")
			if caption != (engine == EngineReadability) {
				t.Errorf("%s: caption kept = %v", engine, caption)
			}
		})
	}
}

func TestHTMLMetadataSources(t *testing.T) {
	body := `<body><article><h1>Headline of the test page here</h1><p>The opening paragraph of the story says what happened in plain and simple words, as stories do.</p><p>A second paragraph adds what the officials said next, in a few more words than strictly needed.</p></article></body>`
	tests := []struct {
		name, head, pageURL string
		published, from     string
		title, url, site    string
		author              string
	}{
		{name: "meta beats json-ld and time",
			head:      `<meta property="article:published_time" content="2021-01-05T10:00:00Z"><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-01-04"}</script>`,
			published: "2021-01-05", from: FromMeta},
		{name: "json-ld in a graph",
			head:      `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},{"@type":["NewsArticle"],"headline":"LD headline","datePublished":"2021-01-04T08:00:00+01:00","author":[{"@type":"Person","name":"A. Writer"},{"name":"B. Writer"}],"publisher":{"name":"LD Times"},"mainEntityOfPage":{"@id":"https://ld.example/story"}}]}</script>`,
			published: "2021-01-04", from: FromJSONLD, title: "LD headline", url: "https://ld.example/story", site: "LD Times", author: "A. Writer, B. Writer"},
		{name: "time element",
			head:      `</head><body><time datetime="2020-02-03">3 Feb</time>`,
			published: "2020-02-03", from: FromTime},
		{name: "url of the page",
			pageURL:   "https://site.example/2019/07/08/story",
			published: "2019-07-08", from: FromURL, url: "https://site.example/2019/07/08/story"},
		{name: "title from <title> without site name",
			head:  `<title>Headline of the test page here - Example Site</title>`,
			title: "Headline of the test page here"},
		{name: "broken json-ld is ignored",
			head: `<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": </script>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := "<html><head>" + tt.head + "</head>" + body + "</html>"
			a, err := ParseHTML([]byte(page), tt.pageURL, "")
			if err != nil {
				t.Fatal(err)
			}
			if a.Published != tt.published || a.PublishedFrom != tt.from {
				t.Errorf("published = %q from %q, want %q from %q", a.Published, a.PublishedFrom, tt.published, tt.from)
			}
			for _, f := range []struct{ name, got, want string }{
				{"title", a.Title, tt.title}, {"url", a.URL, tt.url}, {"site", a.Outlet, tt.site}, {"author", a.Author, tt.author},
			} {
				if f.want != "" && f.got != f.want {
					t.Errorf("%s = %q, want %q", f.name, f.got, f.want)
				}
			}
			checkText(t, a.Text, []string{"The opening paragraph", "A second paragraph"}, nil)
		})
	}
}

func TestHTMLDeclaredCharset(t *testing.T) {
	// ISO-8859-7 (Greek): byte 0xD8 is Ψ there, Ø in Windows-1252.
	page := []byte("<html><head><meta charset=\"iso-8859-7\"><title>Vote</title></head><body><article>" +
		"<p>The monitoring group, known by its Greek initials \xd8\xc1, said on Monday that the count had been delayed in two districts by a flood of false reports.</p>" +
		"<p>Officials said the final results would be published on Wednesday, as planned before the vote.</p></article></body></html>")
	p := writeFile(t, t.TempDir(), "greek.html", page)
	res := read(t, Options{}, p)
	if len(res.articles) != 1 {
		t.Fatalf("skips: %v", res.skips)
	}
	if a := res.articles[0]; !strings.Contains(a.Text, "initials ΨΑ,") || a.Replacements != 0 {
		t.Errorf("text = %q, replacements %d", a.Text, a.Replacements)
	}
}

func TestParseHTMLOddPages(t *testing.T) {
	para := "<p>The opening paragraph of the story says what happened in plain and simple words, as stories do.</p>"
	tests := []struct {
		name string
		page string
		keep bool // the paragraph must come out
	}{
		{"deeply nested", strings.Repeat("<div>", 400) + para + strings.Repeat("</div>", 400), true}, // deeper: TestParseHTMLHostilePages
		{"unclosed tags", "<html><body><div><p>The opening paragraph of the story says what happened in plain and simple words, as stories do.<div><span>", true},
		{"no body tag", para, true},
		{"only scripts", "<html><head><script>var a = 1;</script></head><body><script>alert(1)</script></body></html>", false},
		{"frameset", "<html><frameset><frame src=a.html></frameset></html>", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseHTML([]byte(tt.page), "", "")
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(a.Text, "The opening paragraph"); got != tt.keep {
				t.Errorf("paragraph kept = %v, want %v: %q", got, tt.keep, a.Text)
			}
			if strings.Contains(a.Text, "alert") || strings.Contains(a.Text, "var a") {
				t.Errorf("script text leaked: %q", a.Text)
			}
		})
	}
}
