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
	// Workers is how many goroutines read inputs at once (see Process);
	// 0 means 1. The articles and skips reported do not depend on it.
	Workers int
	// Shard, when set, restricts reading to one share of the inputs,
	// chosen before they are read (see Shard).
	Shard Shard
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
	// OtherShard counts inputs left to other shards (Options.Shard),
	// unread: files, and records of JSON and JSON Lines inputs.
	OtherShard int
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
// concurrent use: one Read (or Process) at a time, which spreads its own
// work over Options.Workers goroutines.
type Reader struct {
	opts Options
	seen map[string]string // article id -> first source
	sum  Summary
	// open opens a file to read (os.Open); the tests count through it
	// which files a shard opens. The workers call it concurrently.
	open func(name string) (*os.File, error)
}

// NewReader returns a Reader with opts, filling in defaults.
func NewReader(opts Options) *Reader {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.Stdin == nil {
		opts.Stdin = os.Stdin
	}
	return &Reader{opts: opts, seen: make(map[string]string), open: os.Open}
}

// errStop carries a cancelled context out of the walk unchanged.
type errStop struct{ err error }

func (e errStop) Error() string { return e.err.Error() }
func (e errStop) Unwrap() error { return e.err }

// Read streams every article found under paths to emit, in a deterministic
// order: paths in the order given, directories walked recursively in
// lexical order (hidden files and directories inside them are ignored),
// globs expanded in sorted order, "-" read from Options.Stdin. Bad inputs
// are skipped (see Options.OnSkip) and the run goes on; so is anything,
// named or met in a directory, that is not a regular file (a named pipe,
// a socket, a device: ReasonNotRegular), unopened. With Options.Shard,
// only the inputs of that shard are read (see Shard). The reading itself
// runs on Options.Workers goroutines (see Process); emit and OnSkip are
// called in input order from the calling goroutine, and what they see is
// the same whatever the number of workers. Read returns an error only when
// ctx is cancelled or emit fails.
func (r *Reader) Read(ctx context.Context, paths []string, emit func(Article) error) (Summary, error) {
	return Process(ctx, r, paths,
		func(context.Context, Article) struct{} { return struct{}{} },
		func(a Article, _ struct{}) error { return emit(a) })
}

// walker turns paths into units of reading work, in input order, on one
// goroutine. It opens nothing that another shard reads, with one
// exception: JSON and JSON Lines inputs, whose records are selected one by
// one (see Shard).
type walker struct {
	r      *Reader
	submit func(unit) error
	// selected is set while reading a file already selected by its path:
	// its records are not selected again.
	selected bool
}

// walk walks every path in order.
func (w *walker) walk(ctx context.Context, paths []string) error {
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return errStop{err}
		}
		if err := w.path(ctx, p); err != nil {
			return err
		}
	}
	return nil
}

// decided submits an outcome known without a worker: it, when key is in
// the shard, else an input of another shard.
func (w *walker) decided(key string, it item) error {
	if !w.r.opts.Shard.Selects(key) {
		return w.submit(unit{items: []item{{source: it.source, other: true}}})
	}
	return w.submit(unit{items: []item{it}})
}

// skip submits a skipped input, named by source and in the shard of its
// source.
func (w *walker) skip(source string, reason Reason, detail string) error {
	return w.decided(SourceKey(source), item{source: source, skip: reason, detail: detail})
}

// record submits one JSON record; its worker decides its shard.
func (w *walker) record(source string, raw []byte) error {
	raw = bytes.Clone(raw)
	check := !w.selected
	return w.submit(unit{parse: func(context.Context) []item {
		return []item{w.r.recordItem(source, raw, check)}
	}})
}

// body submits a text or HTML input read whole (standard input), in the
// shard of its source.
func (w *walker) body(source string, fm format, data []byte) error {
	if !w.r.opts.Shard.Selects(SourceKey(source)) {
		return w.submit(unit{items: []item{{source: source, other: true}}})
	}
	return w.submit(unit{parse: func(context.Context) []item {
		return []item{w.r.bodyItem(source, fm, data)}
	}})
}

func (w *walker) path(ctx context.Context, p string) error {
	if p == "-" {
		return w.r.readStream(ctx, "-", "", w.r.opts.Stdin, -1, w)
	}
	info, err := os.Stat(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && strings.ContainsAny(p, "*?[") {
			matches, gerr := filepath.Glob(p)
			if gerr != nil {
				return w.skip(p, ReasonUnreadable, fmt.Sprintf("bad pattern: %v", gerr))
			}
			if len(matches) == 0 {
				return w.skip(p, ReasonUnreadable, "pattern matches no file")
			}
			sort.Strings(matches)
			for _, m := range matches {
				if err := w.path(ctx, m); err != nil {
					return err
				}
			}
			return nil
		}
		return w.skip(p, ReasonUnreadable, unwrapPathError(err))
	}
	if !info.IsDir() {
		return w.file(ctx, p, info)
	}
	return filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if cerr := ctx.Err(); cerr != nil {
			return errStop{cerr}
		}
		if err != nil {
			if serr := w.skip(path, ReasonUnreadable, unwrapPathError(err)); serr != nil {
				return serr
			}
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
			return w.skip(path, ReasonUnreadable, unwrapPathError(err))
		}
		if info.IsDir() { // a symlink to a directory: not followed
			return nil
		}
		return w.file(ctx, path, info)
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

// file submits the file at path, whose os.Stat (links followed) is info.
// Anything but a regular file is skipped unopened: opening a named pipe
// blocks until a writer comes, and a device may never end. A file whose
// name says JSON or JSON Lines is split into its records here, so that
// they are parsed on all workers and each goes to its own shard; any other
// file is selected by its path before it is opened. A text or HTML file is
// then one unit, opened and read on a worker; a file whose name says
// nothing is opened here, to split it into records if it holds JSON.
func (w *walker) file(ctx context.Context, path string, info fs.FileInfo) error {
	if fm, _ := formatFromName(path); fm == formatJSON || fm == formatJSONL {
		if !info.Mode().IsRegular() {
			return w.skip(path, ReasonNotRegular, fileKind(info.Mode()))
		}
		f, err := w.r.open(path)
		if err != nil {
			return w.skip(path, ReasonUnreadable, unwrapPathError(err))
		}
		defer f.Close()
		return w.r.readStream(ctx, path, path, f, info.Size(), w)
	}
	if !w.r.opts.Shard.Selects(SourceKey(path)) {
		return w.submit(unit{items: []item{{source: path, other: true}}})
	}
	if !info.Mode().IsRegular() {
		return w.skip(path, ReasonNotRegular, fileKind(info.Mode()))
	}
	if fm, _ := formatFromName(path); fm == formatUnknown {
		// Its content decides: opened here, so that JSON Lines are
		// split into records (memory stays flat however long the file),
		// all of them in the shard of the path.
		f, err := w.r.open(path)
		if err != nil {
			return w.skip(path, ReasonUnreadable, unwrapPathError(err))
		}
		defer f.Close()
		whole := *w
		whole.selected = true
		return w.r.readStream(ctx, path, path, f, info.Size(), &whole)
	}
	size := info.Size()
	return w.submit(unit{parse: func(ctx context.Context) []item {
		return w.r.fileItems(ctx, path, size)
	}})
}

// fileItems opens and reads one text or HTML file on a worker.
func (r *Reader) fileItems(ctx context.Context, path string, size int64) []item {
	f, err := r.open(path)
	if err != nil {
		return []item{{source: path, skip: ReasonUnreadable, detail: unwrapPathError(err)}}
	}
	defer f.Close()
	var c collector
	c.r = r
	_ = r.readStream(ctx, path, path, f, size, &c)
	return c.items
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

// sink receives what readStream finds in one input: skipped inputs, JSON
// records and whole text or HTML bodies. The walker submits them as units
// of work; a collector, on a worker, parses them at once.
type sink interface {
	skip(source string, reason Reason, detail string) error
	record(source string, raw []byte) error
	body(source string, fm format, data []byte) error
}

// collector parses what readStream finds on the worker that reads the
// input, into items. Its input is in the shard already.
type collector struct {
	r     *Reader
	items []item
}

func (c *collector) skip(source string, reason Reason, detail string) error {
	c.items = append(c.items, item{source: source, skip: reason, detail: detail})
	return nil
}

func (c *collector) record(source string, raw []byte) error {
	c.items = append(c.items, c.r.recordItem(source, raw, false))
	return nil
}

func (c *collector) body(source string, fm format, data []byte) error {
	c.items = append(c.items, c.r.bodyItem(source, fm, data))
	return nil
}

// readStream reads one input into s. name decides the format by its
// extension ("" to sniff); size is the file size when known, else -1.
func (r *Reader) readStream(ctx context.Context, source, name string, in io.Reader, size int64, s sink) error {
	fm, gz := formatFromName(name)
	br := bufio.NewReaderSize(in, 64<<10)
	head, err := br.Peek(512)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return s.skip(source, ReasonUnreadable, err.Error())
	}
	if len(head) == 0 {
		return s.skip(source, ReasonEmpty, "")
	}
	if gz || isGzip(head) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return s.skip(source, ReasonUnreadable, fmt.Sprintf("gzip: %v", err))
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 64<<10)
		head, err = br.Peek(512)
		if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
			return s.skip(source, ReasonUnreadable, fmt.Sprintf("gzip: %v", err))
		}
		if len(head) == 0 {
			return s.skip(source, ReasonEmpty, "")
		}
		size = -1
	}
	if fm == formatUnknown || fm == formatText && sniff(head) == formatHTML && strongHTML(head) {
		fm = sniff(head)
	}
	switch fm {
	case formatJSONL:
		return r.readJSONLines(ctx, source, br, s)
	case formatJSON:
		return r.readJSON(ctx, source, br, s)
	}
	if size > r.opts.MaxBytes {
		return s.skip(source, ReasonTooLarge, fmt.Sprintf("%d bytes, limit %d", size, r.opts.MaxBytes))
	}
	data, err := io.ReadAll(io.LimitReader(br, r.opts.MaxBytes+1))
	if err != nil {
		return s.skip(source, ReasonUnreadable, err.Error())
	}
	if int64(len(data)) > r.opts.MaxBytes {
		return s.skip(source, ReasonTooLarge, fmt.Sprintf("over %d bytes", r.opts.MaxBytes))
	}
	return s.body(source, fm, data)
}

// bodyItem parses a whole text or HTML input.
func (r *Reader) bodyItem(source string, fm format, data []byte) item {
	var a Article
	var err error
	if fm == formatHTML {
		a, err = r.parseHTMLInput(data, "")
	} else {
		a, err = r.parseTextInput(data)
	}
	if err != nil {
		return skipItem(source, err)
	}
	return r.finish(source, a)
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

// skipItem is the skip a parser's error makes of source.
func skipItem(source string, err error) item {
	var se *skipError
	if errors.As(err, &se) {
		return item{source: source, skip: se.reason, detail: se.detail}
	}
	return item{source: source, skip: ReasonUnreadable, detail: err.Error()}
}

// skip counts and reports one skipped input; only the goroutine that
// called Process calls it, in input order.
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

// finish checks a parsed article's language and gives it its identity and
// source. Whether it is a duplicate is decided later, in input order.
func (r *Reader) finish(source string, a Article) item {
	if !r.opts.AllowNonEnglish {
		if a.Language != "" && !englishCode(a.Language) {
			return item{source: source, skip: ReasonNotEnglish, detail: fmt.Sprintf("declared language %q", a.Language)}
		}
		if lang, ok := detectNonEnglish(a.Text); ok {
			return item{source: source, skip: ReasonNotEnglish, detail: "looks like " + lang}
		}
	}
	a.ID = bodyID(a.body())
	a.Sources = []string{source}
	return item{source: source, a: a, ok: true}
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
