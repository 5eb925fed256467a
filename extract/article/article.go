// Package article reads articles from files, directories, standard input and
// JSON exports, strips the page furniture around them, dates them and gives
// each a stable identity. It is the first stage of the extraction pipeline.
package article

import "strings"

// Article is one cleaned article, ready for extraction.
type Article struct {
	// ID is a hash of the normalised body: the same text reached through two
	// files or feeds has the same ID.
	ID string `json:"id"`
	// Sources lists every path (or path:line for JSON Lines) the text came from.
	Sources []string `json:"sources"`
	URL     string   `json:"url,omitempty"`
	Title   string   `json:"title,omitempty"`
	// Published is the publication date as YYYY-MM-DD, or "" when unknown.
	Published string `json:"published,omitempty"`
	// PublishedFrom says where Published was found: "header", "meta",
	// "json-ld", "time", "dateline", "url", "field".
	PublishedFrom string `json:"published_from,omitempty"`
	Outlet        string `json:"outlet,omitempty"`
	Author        string `json:"author,omitempty"`
	// ExternalID is the id a JSON record carried, if any; it is kept for
	// reference and plays no part in ID.
	ExternalID string `json:"external_id,omitempty"`
	// Language is the language a header line or JSON field declares, if
	// any (the reader refuses a declared language other than English).
	Language string `json:"language,omitempty"`
	// Replacements counts the invalid UTF-8 sequences repaired in the input.
	Replacements int `json:"replacements,omitempty"`
	// Place is the place a newswire dateline named ("PODGORICA"), or "":
	// the extractor reads the country a story is filed from out of it.
	Place string `json:"place,omitempty"`
	// Text is the cleaned body; every offset the extractor reports is a byte
	// offset into it. When Title is known, Text begins with the title line
	// followed by a blank line, then the body paragraphs separated by blank
	// lines: headlines name actors too.
	Text string `json:"text"`
}

// Origins of Article.Published, the values of PublishedFrom.
const (
	FromHeader   = "header"   // a published:/date: header line or a leading "date" line
	FromField    = "field"    // a JSON record's published field
	FromMeta     = "meta"     // an HTML <meta> tag
	FromJSONLD   = "json-ld"  // an HTML JSON-LD datePublished
	FromTime     = "time"     // an HTML <time> element
	FromDateline = "dateline" // a date line next to the headline or byline
	FromURL      = "url"      // a date in the URL path
)

// body is Text without the leading title paragraph.
func (a Article) body() string {
	if a.Title != "" && strings.HasPrefix(a.Text, a.Title+"\n\n") {
		return a.Text[len(a.Title)+2:]
	}
	if a.Title != "" && a.Text == a.Title {
		return ""
	}
	return a.Text
}

// composeText builds Text from a title and a body.
func composeText(title, body string) string {
	switch {
	case title == "":
		return body
	case body == "":
		return title
	}
	return title + "\n\n" + body
}
