package article

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Field names accepted in JSON records, first match wins. The first name of
// each list is the documented one; the others are what common crawlers and
// news APIs call the same thing.
var (
	fieldsID        = []string{"id", "_id", "uuid", "guid"}
	fieldsURL       = []string{"url", "link", "canonical_url", "uri"}
	fieldsTitle     = []string{"title", "headline"}
	fieldsPublished = []string{"published", "date", "published_at", "publishedAt", "pubDate", "date_published", "datePublished", "publish_date"}
	fieldsOutlet    = []string{"outlet", "source", "site_name", "sitename", "publisher", "site", "domain"}
	fieldsAuthor    = []string{"author", "authors", "byline", "creator"}
	fieldsText      = []string{"text", "body", "content", "article", "maintext"}
	fieldsHTML      = []string{"html", "raw_html", "content_html", "body_html"}
	fieldsLanguage  = []string{"language", "lang", "inLanguage"}
)

// readJSONLines reads one record per line. The line buffer is bounded by
// MaxBytes: a longer line is skipped, not loaded.
func (r *Reader) readJSONLines(ctx context.Context, source string, br *bufio.Reader, s sink) error {
	var buf []byte
	lineNo := 0
	for {
		if err := ctx.Err(); err != nil {
			return errStop{err}
		}
		lineNo++
		buf = buf[:0]
		tooLong := false
		var rerr error
		for {
			chunk, err := br.ReadSlice('\n')
			if !tooLong {
				if int64(len(buf)+len(chunk)) > r.opts.MaxBytes+1 { // +1: the newline
					tooLong = true
					buf = buf[:0]
				} else {
					buf = append(buf, chunk...)
				}
			}
			if errors.Is(err, bufio.ErrBufferFull) {
				continue
			}
			rerr = err
			break
		}
		lineSource := fmt.Sprintf("%s:%d", source, lineNo)
		if rerr != nil && !errors.Is(rerr, io.EOF) {
			return s.skip(lineSource, ReasonUnreadable, rerr.Error())
		}
		var err error
		switch {
		case tooLong:
			err = s.skip(lineSource, ReasonTooLarge, fmt.Sprintf("line over %d bytes", r.opts.MaxBytes))
		case len(bytes.TrimSpace(buf)) > 0:
			err = s.record(lineSource, bytes.TrimSpace(buf))
		}
		if err != nil {
			return err
		}
		if rerr != nil { // io.EOF
			return nil
		}
	}
}

// readJSON reads a .json input: one object, an array of objects, or several
// objects one after another. Elements after the first are named path#n.
func (r *Reader) readJSON(ctx context.Context, source string, br *bufio.Reader, s sink) error {
	first, err := firstNonSpace(br)
	if err != nil {
		return s.skip(source, ReasonEmpty, "")
	}
	dec := json.NewDecoder(br)
	if first == '[' {
		if _, err := dec.Token(); err != nil {
			return s.skip(source, ReasonMalformedJSON, err.Error())
		}
	}
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return errStop{err}
		}
		if first == '[' && !dec.More() {
			if _, err := dec.Token(); err != nil {
				return s.skip(source, ReasonMalformedJSON, err.Error())
			}
			return nil
		}
		elem := source
		if n > 1 || first == '[' {
			elem = fmt.Sprintf("%s#%d", source, n)
		}
		start := dec.InputOffset()
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			if errors.Is(err, io.EOF) && n > 1 {
				return nil
			}
			return s.skip(elem, ReasonMalformedJSON, err.Error())
		}
		if dec.InputOffset()-start > r.opts.MaxBytes {
			if err := s.skip(elem, ReasonTooLarge, fmt.Sprintf("over %d bytes", r.opts.MaxBytes)); err != nil {
				return err
			}
			continue
		}
		if err := s.record(elem, raw); err != nil {
			return err
		}
	}
}

// firstNonSpace peeks past leading white space and a byte-order mark and
// returns the first significant byte without consuming it.
func firstNonSpace(br *bufio.Reader) (byte, error) {
	for {
		b, err := br.Peek(1)
		if err != nil {
			return 0, err
		}
		switch b[0] {
		case ' ', '\t', '\r', '\n':
			_, _ = br.ReadByte()
			continue
		case 0xef:
			if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
				_, _ = br.Discard(3)
				continue
			}
		}
		return b[0], nil
	}
}

// recordItem turns one JSON record into an article. With checkShard, a
// record outside the shard is only decoded far enough to find its key
// (its url field, else its source) and comes out as an input of another
// shard, its text never decoded, cleaned or parsed.
func (r *Reader) recordItem(source string, raw []byte, checkShard bool) item {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		if checkShard && !r.opts.Shard.Selects(SourceKey(source)) {
			return item{source: source, other: true}
		}
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) {
			return skipItem(source, skipf(ReasonNotArticle, "JSON %s is not an object", ute.Value))
		}
		return skipItem(source, skipf(ReasonMalformedJSON, "%v", err))
	}
	if checkShard && !r.opts.Shard.Selects(ShardKey(stringField(obj, fieldsURL), source)) {
		return item{source: source, other: true}
	}
	a, err := r.parseObject(obj)
	if err != nil {
		return skipItem(source, err)
	}
	return r.finish(source, a)
}

// parseObject turns a decoded JSON record into an article.
func (r *Reader) parseObject(obj map[string]json.RawMessage) (Article, error) {
	text := stringField(obj, fieldsText)
	html := stringField(obj, fieldsHTML)
	if strings.TrimSpace(text) == "" && strings.TrimSpace(html) == "" {
		return Article{}, skipf(ReasonNotArticle, "JSON without a text or html field")
	}
	meta := Article{
		URL:    strings.TrimSpace(stringField(obj, fieldsURL)),
		Title:  cleanTitle(stringField(obj, fieldsTitle)),
		Outlet: strings.TrimSpace(stringField(obj, fieldsOutlet)),
		Author: strings.TrimSpace(stringField(obj, fieldsAuthor)),
	}
	meta.ExternalID = strings.TrimSpace(stringField(obj, fieldsID))
	meta.Language = strings.TrimSpace(stringField(obj, fieldsLanguage))
	if d, ok := fieldDate(stringField(obj, fieldsPublished)); ok {
		meta.Published, meta.PublishedFrom = d, FromField
	}
	if looksLikeHTML(text) { // some exports put the page in "content"
		text, html = "", text
	}
	var a Article
	var err error
	if strings.TrimSpace(text) != "" {
		a, err = r.parseTextBytes([]byte(text), meta)
	} else {
		a, err = r.parseHTMLInput([]byte(html), meta.URL)
		if err == nil {
			a = mergeMeta(meta, a)
		}
	}
	return a, err
}

// fieldDate reads a JSON date field: any form normaliseDate reads, or Unix
// time in seconds or milliseconds.
func fieldDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && (len(s) == 10 || len(s) == 13) {
		if len(s) == 13 {
			n /= 1000
		}
		t := time.Unix(n, 0).UTC()
		return mkDate(t.Year(), t.Month(), t.Day())
	}
	return normaliseDate(s)
}

// looksLikeHTML reports whether a text field holds markup rather than text.
func looksLikeHTML(s string) bool {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "<") {
		return false
	}
	lower := strings.ToLower(s[:min(len(s), 4096)])
	for _, tag := range []string{"<p>", "<p ", "</p>", "<div", "<br", "<html", "<article", "<body"} {
		if strings.Contains(lower, tag) {
			return true
		}
	}
	return false
}

// mergeMeta fills a's metadata from the record's own fields, which win.
func mergeMeta(rec, a Article) Article {
	if rec.URL != "" {
		a.URL = rec.URL
	}
	if rec.Outlet != "" {
		a.Outlet = rec.Outlet
	}
	if rec.Author != "" {
		a.Author = rec.Author
	}
	if rec.ExternalID != "" {
		a.ExternalID = rec.ExternalID
	}
	if rec.Language != "" {
		a.Language = rec.Language
	}
	if rec.Published != "" {
		a.Published, a.PublishedFrom = rec.Published, rec.PublishedFrom
	}
	if rec.Title != "" && rec.Title != a.Title {
		body := a.body()
		a.Title = rec.Title
		a.Text = composeText(a.Title, body)
	}
	if a.Published == "" {
		if d, ok := dateFromURL(a.URL); ok {
			a.Published, a.PublishedFrom = d, FromURL
		}
	}
	return a
}

// stringField returns the first of names present in obj as a string. A
// number is rendered as written; an array of strings (several authors) is
// joined with ", "; an object with a "name" member gives that name.
func stringField(obj map[string]json.RawMessage, names []string) string {
	for _, n := range names {
		v, ok := obj[n]
		if !ok {
			continue
		}
		if s := rawString(v); s != "" {
			return s
		}
	}
	return ""
}

func rawString(v json.RawMessage) string {
	v = bytes.TrimSpace(v)
	if len(v) == 0 {
		return ""
	}
	switch v[0] {
	case '"':
		var s string
		if json.Unmarshal(v, &s) == nil {
			return s
		}
	case '[':
		var parts []json.RawMessage
		if json.Unmarshal(v, &parts) == nil {
			var out []string
			for _, p := range parts {
				if s := rawString(p); s != "" {
					out = append(out, s)
				}
			}
			return strings.Join(out, ", ")
		}
	case '{':
		var o map[string]json.RawMessage
		if json.Unmarshal(v, &o) == nil {
			return stringField(o, []string{"name", "text", "value"})
		}
	case 'n', 't', 'f':
		return ""
	default:
		return string(v)
	}
	return ""
}
