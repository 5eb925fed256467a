// Package relevance is the gate before extraction: a small learned model
// that decides, from an article's title and first few kilobytes, whether
// it is about influence operations or election interference. A news
// stream is mostly other news; the gate lets the extractor and the loader
// spend nothing on it, at a cost of tens of microseconds per article.
//
// The model is a logistic regression over the article's words and word
// pairs (title words counted apart), each weighed by its share of the
// article's head, so that a long article counts no more than a short one.
// Its weights are learned by Train from annotated articles (those with at
// least one gold relation are on topic) and generated everyday news (see
// extract/synth); the shipped weights (relevance.json) are embedded, and
// `make gate` rebuilds them byte for byte. The threshold is chosen by
// cross-validation to keep every on-topic article, with a margin: the gate
// is meant to let doubtful articles through, since an on-topic article it
// drops loses all its edges.
package relevance

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/extract/article"
)

// ErrOffTopic is what the errors of Gate's extractor wrap for an article
// the gate turns away (an *OffTopicError).
var ErrOffTopic = errors.New("off-topic")

// OffTopicError says why the gate turned an article away.
type OffTopicError struct{ Decision Decision }

func (e *OffTopicError) Error() string {
	return fmt.Sprintf("relevance %.3f below the gate's threshold %.3f", e.Decision.Probability, e.Decision.Threshold)
}

// Unwrap makes errors.Is(err, ErrOffTopic) hold.
func (e *OffTopicError) Unwrap() error { return ErrOffTopic }

// DefaultHeadBytes is how much of an article's text the features read.
const DefaultHeadBytes = 4096

//go:embed relevance.json
var builtin []byte

//go:embed stopwords.txt
var stopwordsFile string

// stopWords reads stopwords.txt: the words features leave out.
func stopWords() map[string]bool {
	out := map[string]bool{}
	for _, line := range strings.Split(stopwordsFile, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		for _, w := range strings.Fields(line) {
			out[w] = true
		}
	}
	return out
}

// Model is a trained gate. The zero value is not usable; get one from
// Default, Load, Read or Train.
type Model struct {
	// Version names these weights: a hash of everything else in the file.
	Version string `json:"version"`
	// HeadBytes is how many bytes of the text the features read.
	HeadBytes int `json:"head_bytes"`
	// Threshold is the lowest probability of an article the gate keeps.
	Threshold float64 `json:"threshold"`
	Bias      float64 `json:"bias"`
	// Weights are the features' weights, by feature: "w:word" a word of
	// the head, "b:word word" a pair of adjacent words, "t:word" a word
	// of the title.
	Weights map[string]float64 `json:"weights"`

	hashed map[uint64]float64
	stop   map[uint64]bool
}

// Default returns the shipped model.
func Default() (*Model, error) {
	m, err := Read(bytes.NewReader(builtin))
	if err != nil {
		return nil, fmt.Errorf("built-in relevance model: %w", err)
	}
	return m, nil
}

// Load reads a model file written by Write.
func Load(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("relevance model: %w", err)
	}
	defer f.Close()
	m, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("relevance model %q: %w", path, err)
	}
	return m, nil
}

// Read decodes a model and checks it.
func Read(r io.Reader) (*Model, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var m Model
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	if m.HeadBytes <= 0 || len(m.Weights) == 0 || m.Threshold <= 0 || m.Threshold >= 1 {
		return nil, fmt.Errorf("not a relevance model (head_bytes %d, %d weights, threshold %g)", m.HeadBytes, len(m.Weights), m.Threshold)
	}
	m.index()
	return &m, nil
}

// Write encodes the model as JSON, the same bytes for the same model.
func (m *Model) Write(w io.Writer) error {
	b, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		return fmt.Errorf("encode relevance model: %w", err)
	}
	if _, err := w.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("write relevance model: %w", err)
	}
	return nil
}

func (m *Model) index() {
	m.hashed = make(map[uint64]float64, len(m.Weights))
	for f, w := range m.Weights {
		m.hashed[hashString(f)] = w
	}
	m.stop = map[uint64]bool{}
	for w := range stopWords() {
		m.stop[hashString(w)] = true
	}
}

// Decision is the gate's verdict on one article.
type Decision struct {
	Keep bool
	// Unread is set when the article did not look English to the gate
	// (too few English stop words): it knows English words only, so it
	// keeps what it cannot read (articles --allow-non-english lets in).
	Unread bool
	// Probability is the model's probability that the article is on
	// topic; Threshold is the model's threshold.
	Probability, Threshold float64
}

// Decide scores a by its title and the first HeadBytes of its text.
// It is deterministic and safe for concurrent use.
func (m *Model) Decide(a article.Article) Decision {
	z, c := m.score(a.Title, a.Text)
	p := sigmoid(z)
	d := Decision{Keep: p >= m.Threshold, Probability: p, Threshold: m.Threshold}
	if !d.Keep && c.words >= minWords && c.stops*100 < c.words*minStopPercent {
		d.Keep, d.Unread = true, true
	}
	return d
}

// An article of at least minWords words of which fewer than
// minStopPercent % are English stop words is not English to the gate
// (English news runs at 35 to 50 %).
const (
	minWords       = 30
	minStopPercent = 15
)

// counts are the words visit saw, and the stop words among them.
type counts struct{ words, stops int }

// score is the model's log-odds for a title and text.
func (m *Model) score(title, text string) (float64, counts) {
	var sum float64
	n, c := visit(title, head(text, m.HeadBytes), m.stop, func(h uint64) {
		sum += m.hashed[h]
	})
	if n == 0 {
		return m.Bias, c
	}
	return m.Bias + sum/float64(n), c
}

// head is the first n bytes of s, cut at a rune boundary.
func head(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// Feature prefixes, and the separator of a pair.
const (
	prefixWord  = "w:"
	prefixPair  = "b:"
	prefixTitle = "t:"
)

// visit calls f with the hash of every feature of a title and a text head,
// in order (repeats included), and returns how many there were. Words are
// runs of letters and digits, lower-cased; an apostrophe inside a word is
// dropped ("Russia's" is "russias"); stop words (by hash) are left out,
// and pairs are of the words left. It allocates nothing.
func visit(title, text string, stop map[uint64]bool, f func(uint64)) (int, counts) {
	n := 0
	var c counts
	words(title, stop, &c, func(w wordHash) {
		f(w.with(prefixTitle))
		n++
	})
	var prev wordHash
	have := false
	words(text, stop, &c, func(w wordHash) {
		f(w.with(prefixWord))
		n++
		if have {
			f(pairHash(prev, w))
			n++
		}
		prev, have = w, true
	})
	return n, c
}

// wordHash is a lower-cased word held as the bytes needed to hash it with
// any prefix: the word's own FNV-1a state cannot be prefixed afterwards,
// so the word is kept (up to 32 bytes; longer words are cut).
type wordHash struct {
	b    [32]byte
	n    int
	full bool
}

func (w wordHash) with(prefix string) uint64 {
	h := uint64(fnvOffset)
	h = fnvAdd(h, prefix)
	return fnvAddBytes(h, w.b[:w.n])
}

func pairHash(a, b wordHash) uint64 {
	h := uint64(fnvOffset)
	h = fnvAdd(h, prefixPair)
	h = fnvAddBytes(h, a.b[:a.n])
	h = fnvAdd(h, " ")
	return fnvAddBytes(h, b.b[:b.n])
}

// words calls f with each word of s that is not a stop word, and counts
// the words and the stop words in c.
func words(s string, stop map[uint64]bool, c *counts, f func(wordHash)) {
	var w wordHash
	emit := func() {
		c.words++
		if stop[fnvAddBytes(fnvOffset, w.b[:w.n])] {
			c.stops++
		} else {
			f(w)
		}
		w.n, w.full = 0, false
	}
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			r = unicode.ToLower(r)
			if !w.full && w.n+utf8.RuneLen(r) <= len(w.b) {
				w.n += utf8.EncodeRune(w.b[w.n:], r)
			} else {
				w.full = true
			}
		case (r == '\'' || r == '’') && w.n > 0:
			// inside a word: dropped
		case w.n > 0:
			emit()
		}
	}
	if w.n > 0 {
		emit()
	}
}

// features lists the features of a title and text head as strings, in the
// order visit hashes them: for training and for explaining a decision.
func features(title, text string, stop map[string]bool) []string {
	var out []string
	collect := func(s string, fw func(string)) {
		var w []rune
		flush := func() {
			if len(w) > 0 {
				b := []byte(string(w))
				if len(b) > 32 {
					b = b[:32]
					for len(b) > 0 && !utf8.Valid(b) {
						b = b[:len(b)-1]
					}
				}
				if !stop[string(b)] {
					fw(string(b))
				}
				w = w[:0]
			}
		}
		for _, r := range s {
			switch {
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				w = append(w, unicode.ToLower(r))
			case (r == '\'' || r == '’') && len(w) > 0:
			default:
				flush()
			}
		}
		flush()
	}
	collect(title, func(w string) { out = append(out, prefixTitle+w) })
	prev := ""
	collect(text, func(w string) {
		out = append(out, prefixWord+w)
		if prev != "" {
			out = append(out, prefixPair+prev+" "+w)
		}
		prev = w
	})
	return out
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnvAdd(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func fnvAddBytes(h uint64, b []byte) uint64 {
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

func hashString(s string) uint64 { return fnvAdd(fnvOffset, s) }

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// Gate returns an extractor that asks m about every article first and
// hands to x only those it keeps; for the others it returns an error
// wrapping ErrOffTopic, having spent no more than the gate's cost.
func Gate(x extract.Extractor, m *Model) extract.Extractor { return gated{x, m} }

type gated struct {
	x extract.Extractor
	m *Model
}

func (g gated) Extract(ctx context.Context, a article.Article) (extract.Result, error) {
	if d := g.m.Decide(a); !d.Keep {
		return extract.Result{}, &OffTopicError{d}
	}
	return g.x.Extract(ctx, a)
}
