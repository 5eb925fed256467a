package article

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// DefaultMaxBytes is the largest input accepted when Options.MaxBytes is 0.
const DefaultMaxBytes = 5 << 20

// Reason says why an input was not read as an article.
type Reason string

// Reasons for skipping an input. They are stable strings: they appear on
// standard error and in summaries.
const (
	ReasonEmpty         Reason = "empty"
	ReasonBinary        Reason = "binary"
	ReasonTooLarge      Reason = "too-large"
	ReasonInvalidUTF8   Reason = "invalid-utf8"
	ReasonNotEnglish    Reason = "not-english"
	ReasonMalformedJSON Reason = "malformed-json"
	ReasonUnreadable    Reason = "unreadable"
	ReasonNotArticle    Reason = "not-article"
	ReasonDuplicate     Reason = "duplicate"
	// ReasonTooDeep is an HTML page nested deeper than MaxHTMLDepth.
	ReasonTooDeep Reason = "too-deep"
	// ReasonNotRegular is a path that names no regular file: a named pipe,
	// a socket or a device, which could block the run or never end.
	ReasonNotRegular Reason = "not-regular-file"
)

// Options configure a Reader.
type Options struct {
	// MaxBytes is the largest input accepted: the size of one text or HTML
	// file (after decompression), one JSON Lines line or one JSON value.
	// 0 means DefaultMaxBytes.
	MaxBytes int64
	// Stdin is read for the path "-".
	Stdin io.Reader
	// OnSkip is called for every skipped input, duplicates included; nil
	// ignores them (the Summary still counts them).
	OnSkip func(Skip)
	// AllowNonEnglish keeps articles the language check takes for another
	// language.
	AllowNonEnglish bool
}

// Skip names one input that was not read as an article, and why.
type Skip struct {
	// Source is the path, path:line (JSON Lines) or path#n (JSON arrays).
	Source string
	Reason Reason
	Detail string
}

// String renders a skip the way the articles command prints it.
func (s Skip) String() string {
	if s.Detail == "" {
		return fmt.Sprintf("%s: %s", s.Source, s.Reason)
	}
	return fmt.Sprintf("%s: %s: %s", s.Source, s.Reason, s.Detail)
}

// Summary counts what a Read did. Duplicates are counted apart from
// Skipped: a duplicate is not bad input.
type Summary struct {
	Read       int
	Skipped    map[Reason]int
	Duplicates int
}

// SkippedTotal is the number of inputs skipped for any reason other than
// being a duplicate.
func (s Summary) SkippedTotal() int {
	n := 0
	for _, c := range s.Skipped {
		n += c
	}
	return n
}

// Reader reads articles from files, directories, globs and standard input.
// It remembers the ids it has emitted, so one Reader reports each article
// once however many inputs carry it; memory grows with the number of
// distinct articles, not with their size. A Reader is not safe for
// concurrent use.
type Reader struct {
	opts Options
	seen map[string]string // article id -> first source
	sum  Summary
}

// NewReader returns a Reader with opts, filling in defaults.
func NewReader(opts Options) *Reader {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.Stdin == nil {
		opts.Stdin = os.Stdin
	}
	return &Reader{opts: opts, seen: make(map[string]string)}
}

// errStop carries an error returned by emit (or a cancelled context) out of
// the walk unchanged.
type errStop struct{ err error }

func (e errStop) Error() string { return e.err.Error() }
func (e errStop) Unwrap() error { return e.err }

// Read streams every article found under paths to emit, in a deterministic
// order: paths in the order given, directories walked recursively in
// lexical order (hidden files and directories inside them are ignored),
// globs expanded in sorted order, "-" read from Options.Stdin. Bad inputs
// are skipped (see Options.OnSkip) and the run goes on; so is anything,
// named or met in a directory, that is not a regular file (a named pipe,
// a socket, a device: ReasonNotRegular), unopened. Read returns an
// error only when ctx is cancelled or emit fails.
func (r *Reader) Read(ctx context.Context, paths []string, emit func(Article) error) (Summary, error) {
	r.sum = Summary{Skipped: make(map[Reason]int)}
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return r.sum, err
		}
		if err := r.readPath(ctx, p, emit); err != nil {
			var stop errStop
			if errors.As(err, &stop) {
				return r.sum, stop.err
			}
			return r.sum, err
		}
	}
	return r.sum, nil
}

func (r *Reader) readPath(ctx context.Context, p string, emit func(Article) error) error {
	if p == "-" {
		return r.readStream(ctx, "-", "", r.opts.Stdin, -1, emit)
	}
	info, err := os.Stat(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && strings.ContainsAny(p, "*?[") {
			matches, gerr := filepath.Glob(p)
			if gerr != nil {
				r.skip(p, ReasonUnreadable, fmt.Sprintf("bad pattern: %v", gerr))
				return nil
			}
			if len(matches) == 0 {
				r.skip(p, ReasonUnreadable, "pattern matches no file")
				return nil
			}
			sort.Strings(matches)
			for _, m := range matches {
				if err := r.readPath(ctx, m, emit); err != nil {
					return err
				}
			}
			return nil
		}
		r.skip(p, ReasonUnreadable, unwrapPathError(err))
		return nil
	}
	if !info.IsDir() {
		return r.readFile(ctx, p, info, emit)
	}
	return filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if cerr := ctx.Err(); cerr != nil {
			return errStop{cerr}
		}
		if err != nil {
			r.skip(path, ReasonUnreadable, unwrapPathError(err))
			if d != nil && d.IsDir() && path != p {
				return fs.SkipDir
			}
			return nil
		}
		if path != p && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		info, err := os.Stat(path)
		if err != nil {
			r.skip(path, ReasonUnreadable, unwrapPathError(err))
			return nil
		}
		if info.IsDir() { // a symlink to a directory: not followed
			return nil
		}
		return r.readFile(ctx, path, info, emit)
	})
}

// unwrapPathError drops the path from an *fs.PathError, since the skip
// already names it.
func unwrapPathError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// readFile reads the file at path, whose os.Stat (links followed) is
// info. Anything but a regular file is skipped unopened: opening a named
// pipe blocks until a writer comes, and a device may never end.
func (r *Reader) readFile(ctx context.Context, path string, info fs.FileInfo, emit func(Article) error) error {
	if !info.Mode().IsRegular() {
		r.skip(path, ReasonNotRegular, fileKind(info.Mode()))
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		r.skip(path, ReasonUnreadable, unwrapPathError(err))
		return nil
	}
	defer f.Close()
	return r.readStream(ctx, path, path, f, info.Size(), emit)
}

// fileKind names what a file that is not regular is, for its skip.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO), not a regular file"
	case m&fs.ModeSocket != 0:
		return "a socket, not a regular file"
	case m&fs.ModeCharDevice != 0:
		return "a character device, not a regular file"
	case m&fs.ModeDevice != 0:
		return "a block device, not a regular file"
	}
	return fmt.Sprintf("not a regular file (mode %v)", m)
}

// readStream reads one input. name decides the format by its extension
// ("" to sniff); size is the file size when known, else -1.
func (r *Reader) readStream(ctx context.Context, source, name string, in io.Reader, size int64, emit func(Article) error) error {
	fm, gz := formatFromName(name)
	br := bufio.NewReaderSize(in, 64<<10)
	head, err := br.Peek(512)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		r.skip(source, ReasonUnreadable, err.Error())
		return nil
	}
	if len(head) == 0 {
		r.skip(source, ReasonEmpty, "")
		return nil
	}
	if gz || isGzip(head) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			r.skip(source, ReasonUnreadable, fmt.Sprintf("gzip: %v", err))
			return nil
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 64<<10)
		head, err = br.Peek(512)
		if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
			r.skip(source, ReasonUnreadable, fmt.Sprintf("gzip: %v", err))
			return nil
		}
		if len(head) == 0 {
			r.skip(source, ReasonEmpty, "")
			return nil
		}
		size = -1
	}
	if fm == formatUnknown || fm == formatText && sniff(head) == formatHTML && strongHTML(head) {
		fm = sniff(head)
	}
	switch fm {
	case formatJSONL:
		return r.readJSONLines(ctx, source, br, emit)
	case formatJSON:
		return r.readJSON(ctx, source, br, emit)
	}
	if size > r.opts.MaxBytes {
		r.skip(source, ReasonTooLarge, fmt.Sprintf("%d bytes, limit %d", size, r.opts.MaxBytes))
		return nil
	}
	data, err := io.ReadAll(io.LimitReader(br, r.opts.MaxBytes+1))
	if err != nil {
		r.skip(source, ReasonUnreadable, err.Error())
		return nil
	}
	if int64(len(data)) > r.opts.MaxBytes {
		r.skip(source, ReasonTooLarge, fmt.Sprintf("over %d bytes", r.opts.MaxBytes))
		return nil
	}
	var a Article
	var perr error
	if fm == formatHTML {
		a, perr = r.parseHTMLInput(data, "")
	} else {
		a, perr = r.parseTextInput(data)
	}
	if perr != nil {
		r.skipErr(source, perr)
		return nil
	}
	return r.deliver(source, a, emit)
}

// skipError is how the parsers say an input is not usable.
type skipError struct {
	reason Reason
	detail string
}

func (e *skipError) Error() string { return string(e.reason) + ": " + e.detail }

func skipf(reason Reason, format string, args ...any) error {
	return &skipError{reason: reason, detail: fmt.Sprintf(format, args...)}
}

func (r *Reader) skipErr(source string, err error) {
	var se *skipError
	if errors.As(err, &se) {
		r.skip(source, se.reason, se.detail)
		return
	}
	r.skip(source, ReasonUnreadable, err.Error())
}

func (r *Reader) skip(source string, reason Reason, detail string) {
	if reason == ReasonDuplicate {
		r.sum.Duplicates++
	} else {
		r.sum.Skipped[reason]++
	}
	if r.opts.OnSkip != nil {
		r.opts.OnSkip(Skip{Source: source, Reason: reason, Detail: detail})
	}
}

// deliver gives a parsed article its identity, checks its language and
// hands it to emit unless it was seen before.
func (r *Reader) deliver(source string, a Article, emit func(Article) error) error {
	if !r.opts.AllowNonEnglish {
		if a.Language != "" && !englishCode(a.Language) {
			r.skip(source, ReasonNotEnglish, fmt.Sprintf("declared language %q", a.Language))
			return nil
		}
		if lang, ok := detectNonEnglish(a.Text); ok {
			r.skip(source, ReasonNotEnglish, "looks like "+lang)
			return nil
		}
	}
	a.ID = bodyID(a.body())
	if first, dup := r.seen[a.ID]; dup {
		r.skip(source, ReasonDuplicate, "same text as "+first)
		return nil
	}
	r.seen[a.ID] = source
	a.Sources = []string{source}
	r.sum.Read++
	if err := emit(a); err != nil {
		return errStop{err}
	}
	return nil
}

// format is an input format.
type format int

const (
	formatUnknown format = iota
	formatText
	formatHTML
	formatJSON
	formatJSONL
)

// formatFromName reads the format from a file name's extension; gz reports a
// .gz suffix (the format is then the one before it).
func formatFromName(name string) (f format, gz bool) {
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".gz") {
		gz = true
		lower = strings.TrimSuffix(lower, ".gz")
	}
	switch filepath.Ext(lower) {
	case ".txt", ".text":
		return formatText, gz
	case ".html", ".htm", ".xhtml":
		return formatHTML, gz
	case ".json":
		return formatJSON, gz
	case ".jsonl", ".ndjson":
		return formatJSONL, gz
	}
	return formatUnknown, gz
}

// strongHTML reports whether head opens an HTML document beyond doubt, so
// that a page saved as .txt is still read as HTML.
func strongHTML(head []byte) bool {
	s := bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n"))
	return bytes.HasPrefix(s, []byte("<!doctype html")) || bytes.HasPrefix(s, []byte("<html"))
}

func isGzip(head []byte) bool { return len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b }

// sniff guesses the format of an input whose name says nothing, from its
// first bytes.
func sniff(head []byte) format {
	s := bytes.TrimLeft(head, " \t\r\n\ufeff")
	s = bytes.TrimPrefix(s, []byte("\xef\xbb\xbf"))
	switch {
	case len(s) == 0:
		return formatText
	case s[0] == '[':
		return formatJSON
	case s[0] == '{':
		// Several lines that each open an object: JSON Lines.
		if i := bytes.IndexByte(s, '\n'); i >= 0 {
			rest := bytes.TrimLeft(s[i+1:], " \t\r\n")
			if len(rest) > 0 && rest[0] == '{' && bytes.HasSuffix(bytes.TrimRight(s[:i], " \t\r"), []byte("}")) {
				return formatJSONL
			}
		}
		return formatJSON
	case s[0] == '<':
		lower := bytes.ToLower(s)
		for _, tag := range []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<article", "<div", "<p", "<!--"} {
			if bytes.HasPrefix(lower, []byte(tag)) {
				return formatHTML
			}
		}
	}
	return formatText
}
