package article

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readFixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// checkText asserts that text holds every string of keep and none of drop.
func checkText(t testing.TB, text string, keep, drop []string) {
	t.Helper()
	for _, k := range keep {
		if !strings.Contains(text, k) {
			t.Errorf("text lost %q\ntext:\n%s", k, text)
		}
	}
	for _, d := range drop {
		if strings.Contains(text, d) {
			t.Errorf("text kept furniture %q\ntext:\n%s", d, text)
		}
	}
}

func TestParseText(t *testing.T) {
	tests := []struct {
		file          string
		title         string
		published     string
		from          string
		url, outlet   string
		keep, drop    []string
		firstParagrph string // the first body paragraph must start so
	}{
		{
			file:      "text/scraped_page.txt",
			title:     "Investigators link troll network to neighbour's security service",
			published: "2024-02-09", from: FromDateline,
			keep: []string{
				"Prosecutors said on Thursday that a network of anonymous accounts",
				"The filings describe a small office",
				"Paying for comments",
				"Each account was expected to post",
				"The defence lawyers of the two suspects",
			},
			drop: []string{
				"Skip to content", "SUBSCRIBE", "Vilnius News", "About Us", "Ilse Marrow",
				"in Europe News", "Voters queue outside", "Baltic Ledger)", "Ferry company",
				"Minister opens", "Basketball league", "Tags:", "Next Post", "Harbour workers",
				"Latest post", "Grid operators", "2 years ago", "Most Read", "online newspaper",
				"All Rights Reserved", "cookies", "Privacy", "Wednesday, March 4",
			},
			firstParagrph: "Prosecutors said on Thursday",
		},
		{
			file:      "text/date_line.txt",
			published: "2022-05-11", from: FromHeader,
			keep: []string{
				"Officials in the capital said on Tuesday",
				`"We will not let invented voices speak for our citizens," the commission chair said.`,
				"The regulator said it would open a formal review. The broadcaster has previously",
			},
			drop:          []string{"date 2022", "Watch", "Flood barriers", "×", "You can now write", "Share your stories", "With inputs"},
			firstParagrph: "Officials in the capital",
		},
		{
			file:  "text/header.txt",
			title: "Ministry warns of forged letters aimed at election officials",
			url:   "https://news.example.org/politics/2019/06/03/ministry-warns-of-forged-letters", outlet: "Example News Service",
			published: "2019-06-04", from: FromHeader,
			keep: []string{
				"The interior ministry warned on Monday",
				"The ministry said the letters had been traced",
				"Officials urged polling station chairs",
			},
			drop: []string{"url:", "outlet:", "Also read", "quieter garden", "RELATED STORY", "tram line",
				"Read more on", "Read also", "Regional airport", "Museum reopens"},
			firstParagrph: "The interior ministry warned",
		},
		{
			file:  "text/top_furniture.txt",
			title: "Hackers target vote count website, officials say",
			// No published: header; the URL has the date.
			published: "2016-11-02", from: FromURL,
			keep: []string{"Officials said on Wednesday that attackers", "The results were published with a delay"},
			drop: []string{"Copyright", "supported by", "hyperlink", "protected", "Privacy", "a3f9c0d7", "press briefing"},
		},
		{
			file:      "text/byline_caption.txt",
			title:     "Leaked campaign files traced to group behind earlier breaches",
			published: "2018-09-14", from: FromHeader,
			keep: []string{
				"Researchers say the tools match those used against a party congress last year",
				"A batch of internal campaign documents",
				"The firm said the malware",
			},
			drop:          []string{"Anna Kessler", "09:12", "Campaign staff at the party headquarters", "Example Agency"},
			firstParagrph: "Researchers say the tools",
		},
		{
			file:  "text/glued.txt",
			title: "Ministry says fake videos targeted voters before election",
			keep: []string{
				"Two days before the vote",
				"The ministry said the videos had been traced",
				"\n\nThe aim of one video was to suggest",
			},
			drop: []string{"Impact Shorts", "View All"},
		},
		{
			file:  "text/no_date.txt",
			title: "Regulator fines broadcaster over election coverage",
			keep:  []string{"Following an earlier warning issued on September 27, 2024"},
		},
		{
			file:      "text/url_date.txt",
			title:     "Agency accuses hackers of sending threatening emails to voters",
			published: "2020-10-21", from: FromURL,
			keep: []string{"Officials accused a foreign hacking group", "The emails falsely claimed"},
		},
		{
			file:          "text/plain.txt",
			keep:          []string{"Officials in the northern region", "The regional election office said"},
			firstParagrph: "Officials in the northern region",
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			a := ParseText(readFixture(t, tt.file))
			if a.Title != tt.title {
				t.Errorf("title = %q, want %q", a.Title, tt.title)
			}
			if a.Published != tt.published || a.PublishedFrom != tt.from {
				t.Errorf("published = %q from %q, want %q from %q", a.Published, a.PublishedFrom, tt.published, tt.from)
			}
			if tt.url != "" && a.URL != tt.url {
				t.Errorf("url = %q, want %q", a.URL, tt.url)
			}
			if tt.outlet != "" && a.Outlet != tt.outlet {
				t.Errorf("outlet = %q, want %q", a.Outlet, tt.outlet)
			}
			if tt.title != "" && !strings.HasPrefix(a.Text, tt.title+"\n\n") {
				t.Errorf("text does not begin with the title and a blank line:\n%s", a.Text)
			}
			if strings.Count(a.Text, tt.title) > 1 && tt.title != "" {
				t.Errorf("title repeated in text:\n%s", a.Text)
			}
			if tt.firstParagrph != "" && !strings.HasPrefix(a.body(), tt.firstParagrph) {
				t.Errorf("body begins %.60q, want %q", a.body(), tt.firstParagrph)
			}
			checkText(t, a.Text, tt.keep, tt.drop)
			if strings.Contains(a.Text, "\n\n\n") || strings.TrimSpace(a.Text) != a.Text {
				t.Errorf("text has stray blank lines:\n%q", a.Text)
			}
		})
	}
}

func TestSplitHeader(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		fields map[string]string
		body   string
	}{
		{"block", "title: T\npublished: 2020-01-02\n\nBody.", map[string]string{"title": "T", "published": "2020-01-02"}, "Body."},
		{"aliases", "Source: Wire\nDate: 2020-01-02\nHeadline: H\n\nBody.", map[string]string{"outlet": "Wire", "published": "2020-01-02", "title": "H"}, "Body."},
		{"unknown key is body", "Note: this is text\n\nBody.", map[string]string{}, "Note: this is text\n\nBody."},
		{"other keys among known ones", "title: T\ntags: a, b\nlang: en\n\nBody.", map[string]string{"title": "T", "language": "en"}, "Body."},
		{"other keys alone are body", "tags: a, b\n\nBody.", map[string]string{}, "tags: a, b\n\nBody."},
		{"block needs a blank line", "title: T\nThis is the body.", map[string]string{}, "title: T\nThis is the body."},
		{"date first line", " date 2023-10-21 The body starts here.", map[string]string{"published": "2023-10-21"}, "The body starts here."},
		{"date first line alone", "date: 2023-10-21\nBody.", map[string]string{"published": "2023-10-21"}, "\nBody."},
		{"header only", "title: T\n", map[string]string{"title": "T"}, ""},
		{"empty", "", map[string]string{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := splitHeader(tt.in)
			if len(h.fields) != len(tt.fields) {
				t.Errorf("fields = %v, want %v", h.fields, tt.fields)
			}
			for k, v := range tt.fields {
				if h.fields[k] != v {
					t.Errorf("field %s = %q, want %q", k, h.fields[k], v)
				}
			}
			if h.body != tt.body {
				t.Errorf("body = %q, want %q", h.body, tt.body)
			}
		})
	}
}

func TestCleanTextFeatures(t *testing.T) {
	tests := []struct {
		name       string
		in         string
		keep, drop []string
	}{
		{
			name: "menu repeated is dropped, subheads kept",
			in:   "Home\nWorld\nPolitics\n\nA long opening paragraph that tells the reader what happened, where it happened and who said so.\n\nWhat comes next\n\nAnother paragraph of running text follows here, with enough words to be read as prose by anyone.\n\nHome\nWorld\nPolitics",
			keep: []string{"A long opening paragraph", "What comes next", "Another paragraph"},
			drop: []string{"Home", "World", "Politics"},
		},
		{
			name: "hard-wrapped lines are joined",
			in:   "The committee said on Monday that the accounts had been created\nin the weeks before the vote and had posted the same messages.\n\nIt asked the platforms to act, and said it would report again in spring.",
			keep: []string{"had been created in the weeks before the vote"},
		},
		{
			name: "bullet sentences in the body are kept",
			in:   "The report lists three findings that the committee considers the most serious of all.\n\n• The network used the same servers as an operation exposed two years ago, investigators said.\n• Payments went through a shell company registered abroad in the spring of that year.\n\nThe committee will hear the ministers next week, a spokesperson told reporters.",
			keep: []string{"The network used the same servers", "Payments went through a shell company"},
		},
		{
			name: "a summary's items read as prose without a full stop, a related-story item does not",
			in:   "What you need to know\n\n• The same unit that hacked the party's servers four years ago is trying to interfere again, the company says\n• Officials from three agencies gave a briefing to reporters in the capital on the new threats\n\nThe opening paragraph of the story says what happened in plain and simple words, as stories do.",
			keep: []string{"The same unit that hacked", "The opening paragraph"},
			drop: []string{"gave a briefing"},
		},
		{
			name: "share bar and time-ago lines",
			in:   "Facebook Twitter Email\n3 hours ago\n\nThe opening paragraph of the story says what happened in plain and simple words, as stories do.",
			drop: []string{"Facebook", "hours ago"},
			keep: []string{"The opening paragraph"},
		},
		{
			name: "photo credits and copyright",
			in:   "The opening paragraph of the story says what happened in plain and simple words, as stories do.\n\nPhoto: Example Agency\n\nA closing paragraph adds what the officials said next, in a few more words than needed.\n\n© 2024 Example Media Group",
			keep: []string{"The opening paragraph", "A closing paragraph"},
			drop: []string{"Photo:", "Example Media Group"},
		},
		{
			name: "wire and broadcaster trailers",
			in: "Image source, Example Agency\nImage caption, Officials at the count on Sunday\nPublished 3 hours ago\n\n" +
				"The opening paragraph of the story says what happened in plain and simple words, as stories do.\n\n" +
				"Click here to get alerts on your phone.\n\n" +
				"Reporting by the regional paper showed that the accounts were run from abroad.\n\n" +
				"A closing paragraph adds what the officials said next, in a few more words than needed.\n\n" +
				"Example Agency writers Ana Pire and Joe Lam contributed to this report.\n\n" +
				"(Reporting by Ana Pire; Editing by Joe Lam)\n\nOur Standards: The Example Trust Principles.\n\nFollow us on Twitter for more.",
			keep: []string{"The opening paragraph", "A closing paragraph", "Reporting by the regional paper showed"},
			drop: []string{"Image", "hours ago", "Click here", "Ana Pire", "Joe Lam", "Standards", "Follow us"},
		},
		{
			name: "newsletter box mid-article drops one line, not the rest",
			in:   "The opening paragraph of the story says what happened in plain and simple words, as stories do.\n\nSign up to our free morning newsletter for the day's top stories.\n\nA closing paragraph adds what the officials said next, in a few more words than needed.",
			keep: []string{"The opening paragraph", "A closing paragraph"},
			drop: []string{"Sign up"},
		},
		{
			name: "comments end the article",
			in:   "The opening paragraph of the story says what happened in plain and simple words, as stories do.\n\n12 Comments\n\nA reader wrote that this was all obvious from the start and nobody should be surprised by it.",
			keep: []string{"The opening paragraph"},
			drop: []string{"Comments", "A reader wrote"},
		},
		{
			name: "a site list mid-page: two paragraphs after it are body, one blurb is not",
			in: "The opening paragraph of the story says what happened in plain and simple words, as stories do.\n\nMost Read\nFerry timetable changes\nLibrary opens new wing\n\n" +
				"The second part of the story goes on after the sidebar with more details about the vote.\n\nA third paragraph closes the story with what the officials said next about the count.\n\n" +
				"Latest news\nSport results\n\nThe Example Courier is a daily newspaper covering the coast and the wider world since long ago.",
			keep: []string{"The opening paragraph", "The second part of the story", "A third paragraph"},
			drop: []string{"Most Read", "Ferry", "Library", "Latest news", "Sport results", "daily newspaper"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := CleanText(tt.in, "")
			checkText(t, c.Body(), tt.keep, tt.drop)
		})
	}
}

func TestCleanTextLayouts(t *testing.T) {
	tests := []struct {
		name       string
		in         string
		title      string
		published  string
		keep, drop []string
	}{
		{
			name: "one-line paragraphs without blank lines are not a menu",
			in: "The opening paragraph of the story says what happened in plain and simple words, as stories do.\n" +
				"Officials declined to comment.\n\"We will respond,\" one said.\nThe vote is on Sunday.\n" +
				"A closing paragraph adds what the officials said next, in a few more words than needed.",
			keep: []string{"Officials declined to comment.", `"We will respond," one said.`, "The vote is on Sunday."},
		},
		{
			name: "caption in capitals under the headline",
			in: "Privacy and Cookie Policies.\n\nHackers target vote count website, officials say\n\n0f3c9a1b2c3d4e5f6a7b8c9d0e1f2a3b\n" +
				"Head Of The Counting Centre Anna Berg\n\n" +
				"Officials said on Wednesday that attackers had tried to take down the website that publishes provisional results.\n",
			title: "Hackers target vote count website, officials say",
			keep:  []string{"Officials said on Wednesday"},
			drop:  []string{"Anna Berg", "0f3c9a1b"},
		},
		{
			name: "headline above a standfirst, byline and date",
			in: "Home\nNews\nWorld\n\nHackers leaked the campaign's emails, analysts say\n\n" +
				"Analysis says the clues lead to a group blamed for earlier attacks on party servers\n\n" +
				"Jane Holt\nSaturday 06 May 2017 16:36 BST\n\n" +
				"A huge leak of emails from the campaign team may have been orchestrated by the same group, analysts say.\n",
			title:     "Hackers leaked the campaign's emails, analysts say",
			published: "2017-05-06",
			keep:      []string{"Analysis says the clues lead", "A huge leak of emails"},
			drop:      []string{"Jane Holt", "16:36", "Home"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := CleanText(tt.in, "")
			if c.Title != tt.title || c.Published != tt.published {
				t.Errorf("title %q, published %q; want %q, %q", c.Title, c.Published, tt.title, tt.published)
			}
			checkText(t, c.Body(), tt.keep, tt.drop)
		})
	}
}

func TestParseTextLineEndings(t *testing.T) {
	for _, file := range []string{"text/scraped_page.txt", "text/header.txt", "text/date_line.txt"} {
		lf := readFixture(t, file)
		crlf := strings.ReplaceAll(lf, "\n", "\r\n")
		a, b := ParseText(lf), ParseText(crlf)
		if a.Text != b.Text || a.Title != b.Title || a.Published != b.Published {
			t.Errorf("%s: CRLF changes the result:\n%q\n%q", file, a.Text, b.Text)
		}
	}
}
