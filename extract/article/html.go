package article

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	nurl "net/url"
	"strings"
	"unicode/utf8"

	readability "github.com/go-shiori/go-readability"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// Engine names an article-extraction library for the main text of HTML
// pages.
type Engine string

// Engines. Trafilatura is the default: on our test pages it kept every body
// paragraph and dropped more of the furniture than Readability, and it
// keeps paragraph breaks (see TestHTMLEngines).
const (
	EngineTrafilatura Engine = "trafilatura"
	EngineReadability Engine = "readability"
)

// htmlMeta is what a page's head says about the article.
type htmlMeta struct {
	title, url, site, author string
	published, from          string
}

// MaxHTMLDepth is the deepest nesting of elements a page may have, the
// implied <html> and <body> included. It is the HTML parser's own bound
// (golang.org/x/net/html since v0.45.0), which keeps its work linear in
// the page's size; real article pages are a few dozen levels deep.
const MaxHTMLDepth = 512

// ErrTooDeep is returned by ParseHTML for a page nested deeper than
// MaxHTMLDepth; the reader skips such a page as ReasonTooDeep.
var ErrTooDeep = errors.New("html nested too deep")

// ParseHTML reads a saved web page: the main text through engine (""
// means trafilatura), cleaned like a text page, and title, canonical URL,
// site name, author and publication date from the page's metadata.
// pageURL, when known, fills in for a missing canonical URL. A page
// nested deeper than MaxHTMLDepth fails with ErrTooDeep. The time taken
// grows linearly with the size of the page.
func ParseHTML(page []byte, pageURL string, engine Engine) (Article, error) {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		if tooDeep(err) {
			return Article{}, fmt.Errorf("%w: elements nested more than %d levels deep", ErrTooDeep, MaxHTMLDepth)
		}
		return Article{}, fmt.Errorf("parse html: %w", err)
	}
	meta := readMeta(doc)
	if meta.url == "" {
		meta.url = pageURL
	}
	body, err := mainText(doc, meta.url, engine)
	if err != nil {
		return Article{}, err
	}
	a := Article{URL: meta.url, Title: meta.title, Outlet: meta.site, Author: meta.author}
	if meta.published != "" {
		a.Published, a.PublishedFrom = meta.published, meta.from
	}
	return finishText(a, body), nil
}

// parseHTMLInput decodes and parses the bytes of an HTML input. A page
// that is not UTF-8 is decoded with the charset its <meta> declares, if
// any.
func (r *Reader) parseHTMLInput(data []byte, pageURL string) (Article, error) {
	if !utf8.Valid(data) && bytes.IndexByte(data, 0) < 0 {
		if enc, name, _ := charset.DetermineEncoding(data, "text/html"); name != "utf-8" && name != "windows-1252" {
			if decoded, err := enc.NewDecoder().Bytes(data); err == nil {
				data = decoded
			}
		}
	}
	text, repaired, err := decodeText(data)
	if err != nil {
		return Article{}, err
	}
	a, err := ParseHTML([]byte(text), pageURL, EngineTrafilatura)
	if errors.Is(err, ErrTooDeep) {
		return Article{}, skipf(ReasonTooDeep, "elements nested more than %d levels deep", MaxHTMLDepth)
	}
	if err != nil {
		return Article{}, skipf(ReasonNotArticle, "%v", err)
	}
	a.Replacements = repaired
	if strings.TrimSpace(a.body()) == "" {
		return Article{}, skipf(ReasonEmpty, "no article text found in the page")
	}
	return a, nil
}

// tooDeep reports whether err is the HTML parser refusing a page for its
// depth. The parser says so only in words; TestParseHTMLHostilePages
// fails if a new version words it otherwise.
func tooDeep(err error) bool {
	return strings.Contains(err.Error(), "open stack of elements exceeds")
}

// mainText extracts the article's text from doc with engine, falling back
// to the whole visible text when the engine finds nothing or fails.
func mainText(doc *html.Node, pageURL string, engine Engine) (string, error) {
	var u *nurl.URL
	if pageURL != "" {
		if parsed, err := nurl.Parse(pageURL); err == nil && parsed.IsAbs() {
			u = parsed
		}
	}
	if depth, nodes := treeSize(doc); depth <= maxEngineDepth && nodes <= maxEngineNodes {
		if t := engineText(doc, u, engine); strings.TrimSpace(t) != "" {
			return t, nil
		}
	}
	return blockText(findBody(doc)), nil
}

// Pages deeper or larger than this skip the extraction library, whose cost
// grows faster than the page (a 3,000-level page took seconds); real
// article pages are a few dozen levels deep.
const (
	maxEngineDepth = 256
	maxEngineNodes = 200_000
)

// treeSize returns the depth of the tree under n and its number of nodes.
func treeSize(n *html.Node) (depth, nodes int) {
	var walk func(*html.Node, int)
	walk = func(n *html.Node, d int) {
		nodes++
		if d > depth {
			depth = d
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, d+1)
		}
	}
	walk(n, 0)
	return depth, nodes
}

// engineText runs an extraction library on a copy of doc. A panic inside
// the library is taken as "found nothing": no input may crash a run.
func engineText(doc *html.Node, u *nurl.URL, engine Engine) (text string) {
	defer func() {
		if recover() != nil {
			text = ""
		}
	}()
	doc = cloneNode(doc)
	switch engine {
	case EngineReadability:
		art, err := readability.FromDocument(doc, u)
		if err == nil && art.Node != nil {
			return blockText(art.Node)
		}
	default:
		res, err := trafilatura.ExtractDocument(doc, trafilatura.Options{
			OriginalURL:     u,
			ExcludeComments: true,
			EnableFallback:  true,
			HtmlDateMode:    trafilatura.Disabled,
			Deduplicate:     true,
		})
		if err == nil && res != nil && res.ContentNode != nil {
			return blockText(res.ContentNode)
		}
	}
	return ""
}

// cloneNode deep-copies an HTML tree, so a library that edits the tree
// leaves the original for the fallback.
func cloneNode(n *html.Node) *html.Node {
	c := &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Namespace: n.Namespace, Attr: append([]html.Attribute(nil), n.Attr...)}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.AppendChild(cloneNode(ch))
	}
	return c
}

func findBody(doc *html.Node) *html.Node {
	var body *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if body != nil {
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Body {
			body = n
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if body == nil {
		return doc
	}
	return body
}

// blockElements end a line of text.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.Blockquote: true, atom.Section: true, atom.Article: true, atom.Header: true,
	atom.Footer: true, atom.Nav: true, atom.Aside: true, atom.Figure: true, atom.Figcaption: true,
	atom.Table: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Pre: true, atom.Hr: true,
	atom.Main: true, atom.Dd: true, atom.Dt: true, atom.Dl: true, atom.Form: true, atom.Address: true,
}

// nodeAtom is n's atom, looked up from its name when the node was built
// by a library that left DataAtom unset.
func nodeAtom(n *html.Node) atom.Atom {
	if n.DataAtom != 0 {
		return n.DataAtom
	}
	return atom.Lookup([]byte(strings.ToLower(n.Data)))
}

// blockText renders the visible text under n, one block element per line,
// list items marked with "• " so the cleaner sees their list shape.
func blockText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		a := atom.Atom(0)
		if n.Type == html.ElementNode {
			a = nodeAtom(n)
		}
		switch n.Type {
		case html.TextNode:
			b.WriteString(strings.Join(strings.Fields(n.Data), " "))
			if strings.HasSuffix(n.Data, " ") || strings.HasSuffix(n.Data, "\n") {
				b.WriteByte(' ')
			}
			return
		case html.ElementNode:
			switch a {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Iframe, atom.Head:
				return
			}
		}
		block := blockElements[a]
		if block {
			b.WriteString("\n\n")
			if a == atom.Li {
				b.WriteString("• ")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteString("\n\n")
		}
	}
	walk(n)
	// Tidy: trim every line, at most one blank line in a row.
	var out strings.Builder
	blank := true
	for _, line := range strings.Split(b.String(), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			if !blank {
				out.WriteByte('\n')
			}
			blank = true
			continue
		}
		if line == "•" {
			continue
		}
		out.WriteString(line)
		out.WriteByte('\n')
		blank = false
	}
	return out.String()
}

// metaDateKeys are the <meta> names and properties that carry a
// publication date, best first.
var metaDateKeys = []string{
	"article:published_time", "og:published_time", "datepublished", "publishdate", "pubdate",
	"publish-date", "publish_date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created",
	"date", "sailthru.date", "parsely-pub-date", "article.published", "published_time",
}

// readMeta collects the article metadata from a parsed page.
func readMeta(doc *html.Node) htmlMeta {
	metas := map[string]string{}
	var htmlTitle, h1, canonical, timeDate, timePub string
	var ldBlocks []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				key := strings.ToLower(attr(n, "property"))
				if key == "" {
					key = strings.ToLower(attr(n, "name"))
				}
				if key == "" {
					key = strings.ToLower(attr(n, "itemprop"))
				}
				if v := strings.TrimSpace(attr(n, "content")); key != "" && v != "" {
					if _, ok := metas[key]; !ok {
						metas[key] = v
					}
				}
			case atom.Title:
				if htmlTitle == "" && n.FirstChild != nil {
					htmlTitle = n.FirstChild.Data
				}
			case atom.H1:
				if h1 == "" {
					h1 = blockText(n)
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && canonical == "" {
					canonical = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Script:
				if strings.EqualFold(attr(n, "type"), "application/ld+json") && n.FirstChild != nil {
					ldBlocks = append(ldBlocks, n.FirstChild.Data)
				}
			case atom.Time:
				dt := strings.TrimSpace(attr(n, "datetime"))
				if dt == "" && n.FirstChild != nil && n.FirstChild.Type == html.TextNode {
					dt = n.FirstChild.Data
				}
				if d, ok := normaliseDate(dt); ok {
					if timeDate == "" {
						timeDate = d
					}
					ip := strings.ToLower(attr(n, "itemprop"))
					if timePub == "" && (hasAttr(n, "pubdate") || ip == "datepublished") {
						timePub = d
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)

	ld := readJSONLD(ldBlocks)
	var m htmlMeta
	m.title = firstNonEmpty(metas["og:title"], metas["twitter:title"], ld.headline, stripSiteName(htmlTitle), metas["title"], h1)
	m.title = cleanTitle(m.title)
	m.url = firstNonEmpty(canonical, metas["og:url"], ld.url)
	m.site = firstNonEmpty(metas["og:site_name"], ld.publisher, metas["application-name"], metas["twitter:site"])
	author := metas["author"]
	if author == "" && !strings.HasPrefix(metas["article:author"], "http") {
		author = metas["article:author"]
	}
	m.author = firstNonEmpty(author, ld.author, metas["byl"], metas["parsely-author"], metas["sailthru.author"])
	for _, k := range metaDateKeys {
		if d, ok := normaliseDate(metas[k]); ok {
			m.published, m.from = d, FromMeta
			break
		}
	}
	if m.published == "" {
		if d, ok := normaliseDate(ld.published); ok {
			m.published, m.from = d, FromJSONLD
		}
	}
	if m.published == "" {
		if timePub != "" {
			m.published, m.from = timePub, FromTime
		} else if timeDate != "" {
			m.published, m.from = timeDate, FromTime
		}
	}
	return m
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, name) {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, name string) bool {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, name) {
			return true
		}
	}
	return false
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// ldInfo is what JSON-LD says about the article.
type ldInfo struct {
	headline, url, publisher, author, published string
}

// readJSONLD reads the first article-like object (NewsArticle, Article,
// ReportageNewsArticle, BlogPosting...) of the page's JSON-LD blocks,
// looking inside arrays and @graph lists.
func readJSONLD(blocks []string) ldInfo {
	var info ldInfo
	var visit func(v any) bool
	visit = func(v any) bool {
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				if visit(e) {
					return true
				}
			}
		case map[string]any:
			if g, ok := x["@graph"]; ok && visit(g) {
				return true
			}
			if !articleType(x["@type"]) {
				return false
			}
			info.headline = ldString(x["headline"])
			info.url = ldString(x["url"])
			if info.url == "" {
				info.url = ldString(x["mainEntityOfPage"])
			}
			info.publisher = ldString(x["publisher"])
			info.author = ldString(x["author"])
			info.published = ldString(x["datePublished"])
			return true
		}
		return false
	}
	for _, b := range blocks {
		var v any
		if json.Unmarshal([]byte(strings.TrimSpace(b)), &v) == nil && visit(v) {
			break
		}
	}
	return info
}

func articleType(t any) bool {
	switch x := t.(type) {
	case string:
		return strings.Contains(x, "Article") || x == "BlogPosting" || x == "Report"
	case []any:
		for _, e := range x {
			if articleType(e) {
				return true
			}
		}
	}
	return false
}

// ldString reads a JSON-LD value as text: a string, the "name" or "@id"
// of an object, or the names of a list joined with ", ".
func ldString(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case map[string]any:
		if s := ldString(x["name"]); s != "" {
			return s
		}
		return ldString(x["@id"])
	case []any:
		var parts []string
		for _, e := range x {
			if s := ldString(e); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, ", ")
	}
	return ""
}
