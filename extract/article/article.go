// Package article reads articles from files, directories, standard input and
// JSON exports, strips the page furniture around them, dates them and gives
// each a stable identity. It is the first stage of the extraction pipeline.
package article

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
	// Text is the cleaned body; every offset the extractor reports is a byte
	// offset into it.
	Text string `json:"text"`
}
