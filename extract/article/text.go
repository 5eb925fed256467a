package article

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
)

// headerKeys maps the keys accepted in a text file's header block to the
// field they fill.
var headerKeys = map[string]string{
	"url": "url", "link": "url", "canonical": "url", "source_url": "url",
	"title": "title", "headline": "title",
	"published": "published", "date": "published", "published_at": "published", "pubdate": "published",
	"outlet": "outlet", "source": "outlet", "site": "outlet", "publisher": "outlet",
	"author": "author", "byline": "author", "authors": "author",
	"id":       "id",
	"language": "language", "lang": "language",
}

// otherKeyRe is a key the header block may carry without our using it
// (tags, section, category...): one lower-case word.
var otherKeyRe = regexp.MustCompile(`^[a-z][a-z_]{1,20}$`)

var (
	headerLineRe = regexp.MustCompile(`^\s*([A-Za-z][A-Za-z_ -]{0,20}?)\s*:\s*(.*?)\s*$`)
	// A first line "date 2023-10-21" carries the date; the body may go on
	// after it on the same line.
	dateFirstLineRe = regexp.MustCompile(`(?i)^\s*date\s*:?\s*((?:19|20)\d\d-\d\d-\d\d)(?:[T ]\d\d:\d\d(?::\d\d)?(?:Z|[+-]\d\d:?\d\d)?)?\b[ \t]*`)
)

// header is what a text file's header block says.
type header struct {
	fields map[string]string
	body   string
}

// splitHeader separates a leading block of "key: value" lines, ended by a
// blank line, from the body. The block needs at least one key we know;
// other one-word lower-case keys (tags:, section:) may stand among them.
func splitHeader(text string) header {
	h := header{fields: make(map[string]string), body: text}
	rest := strings.TrimLeft(text, "\r\n")
	if m := dateFirstLineRe.FindStringSubmatchIndex(rest); m != nil {
		h.fields["published"] = rest[m[2]:m[3]]
		h.body = rest[m[1]:]
		return h
	}
	found := map[string]string{}
	pos := 0
	for pos < len(rest) {
		end := strings.IndexByte(rest[pos:], '\n')
		line := rest[pos:]
		next := len(rest)
		if end >= 0 {
			line = rest[pos : pos+end]
			next = pos + end + 1
		}
		if strings.TrimSpace(line) == "" {
			if len(found) > 0 {
				h.fields, h.body = found, rest[next:]
			}
			return h
		}
		m := headerLineRe.FindStringSubmatch(line)
		if m == nil {
			return h
		}
		raw := strings.TrimSpace(m[1])
		key, ok := headerKeys[strings.ReplaceAll(strings.ToLower(raw), " ", "_")]
		switch {
		case ok:
			if _, dup := found[key]; !dup {
				found[key] = m[2]
			}
		case otherKeyRe.MatchString(raw):
			// kept out of the body, not used
		default:
			return h
		}
		pos = next
	}
	if len(found) > 0 { // header only, no body
		h.fields, h.body = found, ""
	}
	return h
}

// ParseText reads a text article: an optional header block, then the page
// text, cleaned. ID and Sources are left for the Reader to fill.
func ParseText(text string) Article {
	h := splitHeader(strings.ReplaceAll(text, "\r\n", "\n"))
	a := Article{
		Language:   strings.TrimSpace(h.fields["language"]),
		URL:        strings.TrimSpace(h.fields["url"]),
		Title:      cleanTitle(h.fields["title"]),
		Outlet:     strings.TrimSpace(h.fields["outlet"]),
		Author:     strings.TrimSpace(h.fields["author"]),
		ExternalID: strings.TrimSpace(h.fields["id"]),
	}
	if d, ok := normaliseDate(h.fields["published"]); ok {
		a.Published, a.PublishedFrom = d, FromHeader
	}
	return finishText(a, h.body)
}

// finishText cleans body and completes a, whose metadata fields (from a
// header or a JSON record) win over what the text says.
func finishText(a Article, body string) Article {
	c := CleanText(body, a.Title)
	if a.Title == "" {
		a.Title = c.Title
	}
	if a.Published == "" && c.Published != "" {
		a.Published, a.PublishedFrom = c.Published, FromDateline
	}
	if a.Published == "" {
		if d, ok := dateFromURL(a.URL); ok {
			a.Published, a.PublishedFrom = d, FromURL
		}
	}
	a.Text = composeText(a.Title, c.Body())
	a.Place = c.Place
	return a
}

// parseTextInput decodes and parses the bytes of a text file.
func (r *Reader) parseTextInput(data []byte) (Article, error) {
	text, repaired, err := decodeText(data)
	if err != nil {
		return Article{}, err
	}
	a := ParseText(text)
	a.Replacements = repaired
	if strings.TrimSpace(a.body()) == "" {
		return Article{}, skipf(ReasonEmpty, "no article text after cleaning")
	}
	return a, nil
}

// parseTextBytes parses the text of a JSON record, whose fields are given
// in meta. The text gets no header parsing: its record already said it.
func (r *Reader) parseTextBytes(data []byte, meta Article) (Article, error) {
	text, repaired, err := decodeText(data)
	if err != nil {
		return Article{}, err
	}
	a := finishText(meta, text)
	a.Replacements = repaired
	if strings.TrimSpace(a.body()) == "" {
		return Article{}, skipf(ReasonEmpty, "no article text after cleaning")
	}
	return a, nil
}

// bodyID is the article id: the first 16 hex digits of the SHA-256 of the
// normalised body (lower case, letters and digits, single spaces), so
// spacing, punctuation and case changes do not make a new article.
func bodyID(body string) string {
	sum := sha256.Sum256([]byte(normLine(body)))
	return hex.EncodeToString(sum[:8])
}
