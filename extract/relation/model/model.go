// Package model is the learned part of relation extraction: a logistic
// regression per relation type over the named features of the relation
// package, its training, and the weights that ship with influencegraph
// (relation.json, embedded). Training is deterministic: the same
// examples and options give the same file, byte for byte.
package model

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
)

// NumTypes is how many relation types a model scores (AUTHORISED,
// TARGETED, AMPLIFIED, in the order of relation.Types).
const NumTypes = 3

// Model is a trained relation model.
type Model struct {
	// Version names this model in every relation and claim it decides:
	// "relation-lr-" and the first hex digits of the hash of its weights.
	Version string `json:"version"`
	// Features are the feature names, sorted; Weights[t][i] is the weight
	// of Features[i] for type t.
	Features []string            `json:"features"`
	Weights  [NumTypes][]float64 `json:"weights"`
	// Thresholds are the probabilities at or above which a relation of
	// each type is kept, chosen by cross-validation for precision.
	Thresholds [NumTypes]float64 `json:"thresholds"`
	Options    Options           `json:"options"`
	// Examples is how many examples (candidates) it was trained on.
	Examples int `json:"examples"`
	// Data names the folders of annotated articles it learned from.
	Data []Source `json:"data,omitempty"`
	// ElectionCountry, when set, chooses the country of an election the
	// text names without one; the candidates' features above were made
	// with it.
	ElectionCountry *Chooser `json:"election_country,omitempty"`
	// ElectionYear, when set, chooses the year of an election the text
	// dates nowhere in an article of unknown date.
	ElectionYear *Chooser `json:"election_year,omitempty"`
	// MeetingBound, when set, is for each type the most the features of
	// a candidate's meetings (where and how its ends meet, as opposed to
	// what each end and the pair are) added to the score of 80 in 100
	// candidates of that type the training data holds true. A candidate
	// whose other features score so low that even that much would not
	// lift it to the threshold is not worth reading further: the decider
	// skips it, as cross-validation does.
	MeetingBound *[NumTypes]float64 `json:"meeting_bound,omitempty"`

	index  map[string]int
	hashes *HashIndex
}

//go:embed relation.json
var shipped []byte

// Default returns the model that ships with influencegraph.
func Default() (*Model, error) {
	m, err := Read(bytes.NewReader(shipped))
	if err != nil {
		return nil, fmt.Errorf("shipped relation model: %w", err)
	}
	return m, nil
}

// Load reads a model file written by Write (influencegraph train).
func Load(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open relation model: %w", err)
	}
	defer f.Close()
	m, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("relation model %q: %w", path, err)
	}
	return m, nil
}

// Read decodes a model and checks its shape.
func Read(r io.Reader) (*Model, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var m Model
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	if m.Version == "" {
		return nil, fmt.Errorf("no version: not a relation model")
	}
	for t, w := range m.Weights {
		if len(w) != len(m.Features) {
			return nil, fmt.Errorf("type %d has %d weights for %d features", t, len(w), len(m.Features))
		}
	}
	if err := m.buildIndex(); err != nil {
		return nil, err
	}
	for _, c := range [...]*Chooser{m.ElectionCountry, m.ElectionYear} {
		if c == nil {
			continue
		}
		if err := c.check(); err != nil {
			return nil, err
		}
	}
	return &m, nil
}

// Write encodes m, setting its version from its content.
func (m *Model) Write(w io.Writer) error {
	m.Version = ""
	b, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("encode relation model: %w", err)
	}
	sum := sha256.Sum256(b)
	m.Version = "relation-lr-" + hex.EncodeToString(sum[:6])
	b, err = json.MarshalIndent(m, "", " ")
	if err != nil {
		return fmt.Errorf("encode relation model: %w", err)
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// Score is the linear score of a feature set for type t.
func (m *Model) Score(t int, features []string) float64 {
	s := 0.0
	for _, f := range features {
		if i, ok := m.index[f]; ok {
			s += m.Weights[t][i]
		}
	}
	return s
}

// ScoreIDs is the linear score of the features with these indices into
// Features, summed in the order given.
func (m *Model) ScoreIDs(t int, ids []int) float64 {
	s := 0.0
	w := m.Weights[t]
	for _, i := range ids {
		s += w[i]
	}
	return s
}

// HashIndex returns the index from the Hash of each feature name to its
// index into Features. It is shared and read-only.
func (m *Model) HashIndex() *HashIndex { return m.hashes }

func (m *Model) buildIndex() error {
	m.index = make(map[string]int, len(m.Features))
	m.hashes = newHashIndex(len(m.Features))
	for i, f := range m.Features {
		m.index[f] = i
		h := NewHash().Add(f)
		if j, ok := m.hashes.Lookup(h); ok {
			return fmt.Errorf("features %q and %q have the same hash", m.Features[j], f)
		}
		m.hashes.add(h, int32(i))
	}
	return nil
}

// Hash is the 64-bit FNV-1a hash of a feature name, computed over its
// parts as they come, so that a feature is looked up without joining
// them into a string.
type Hash uint64

// NewHash is the hash of the empty name.
func NewHash() Hash { return 14695981039346656037 }

// Add extends the hash with s.
func (h Hash) Add(s string) Hash {
	for i := 0; i < len(s); i++ {
		h ^= Hash(s[i])
		h *= 1099511628211
	}
	return h
}

// Weight is the weight of one feature for type t (0 when unknown).
func (m *Model) Weight(t int, feature string) float64 {
	if i, ok := m.index[feature]; ok {
		return m.Weights[t][i]
	}
	return 0
}

// Prob is the model's probability that a candidate with these features
// stands in a relation of type t.
func (m *Model) Prob(t int, features []string) float64 { return Sigmoid(m.Score(t, features)) }

// Sigmoid is the logistic function.
func Sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// Logit is the inverse of Sigmoid: the score whose probability is p.
func Logit(p float64) float64 { return math.Log(p / (1 - p)) }

// Example is one candidate to learn from: its features and, per type, 1
// (a relation of the type), 0 (none) or -1 (unknown: left out).
type Example struct {
	Features []string
	Labels   [NumTypes]int8
}

// Source is one folder of annotated articles a model learned from.
type Source struct {
	Dir      string `json:"dir"`
	Articles int    `json:"articles"`
	SHA256   string `json:"sha256"`
}

// Options fix everything that shapes training.
type Options struct {
	Epochs int     `json:"epochs"`
	Rate   float64 `json:"rate"`
	L2     float64 `json:"l2"`
	// MinCount drops features seen in fewer examples.
	MinCount int    `json:"min_count"`
	Seed     uint64 `json:"seed"`
}

// DefaultOptions are the options the shipped model is trained with.
var DefaultOptions = Options{Epochs: 15, Rate: 0.1, L2: 1e-4, MinCount: 2, Seed: 1}

// Train fits one logistic regression per type with AdaGrad, visiting the
// examples in an order shuffled by opts.Seed. Thresholds are left at 0.5;
// the caller sets them from held-out predictions.
func Train(exs []Example, opts Options) (*Model, error) {
	count := map[string]int{}
	for _, e := range exs {
		for _, f := range e.Features {
			count[f]++
		}
	}
	var feats []string
	for f, n := range count {
		if n >= opts.MinCount {
			feats = append(feats, f)
		}
	}
	sort.Strings(feats)
	idx := make(map[string]int, len(feats))
	for i, f := range feats {
		idx[f] = i
	}
	xs := make([][]int, len(exs))
	for i, e := range exs {
		for _, f := range e.Features {
			if j, ok := idx[f]; ok {
				xs[i] = append(xs[i], j)
			}
		}
	}
	m := &Model{Features: feats, Options: opts, Examples: len(exs)}
	if err := m.buildIndex(); err != nil {
		return nil, err
	}
	rng := newRand(opts.Seed)
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	for t := 0; t < NumTypes; t++ {
		w := make([]float64, len(feats))
		g2 := make([]float64, len(feats))
		for e := 0; e < opts.Epochs; e++ {
			rng.shuffle(order)
			for _, i := range order {
				y := exs[i].Labels[t]
				if y < 0 {
					continue
				}
				s := 0.0
				for _, j := range xs[i] {
					s += w[j]
				}
				g := Sigmoid(s) - float64(y)
				for _, j := range xs[i] {
					gj := g + opts.L2*w[j]
					g2[j] += gj * gj
					w[j] -= opts.Rate * gj / math.Sqrt(g2[j]+1e-8)
				}
			}
		}
		for j := range w {
			w[j] = round(w[j])
		}
		m.Weights[t] = w
	}
	for t := range m.Thresholds {
		m.Thresholds[t] = 0.5
	}
	return m, nil
}

// round keeps six decimals: the file stays small and its bytes do not
// depend on the last bits of the arithmetic.
func round(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// rand is a small deterministic generator (SplitMix64), so a model file
// does not depend on the standard library's generators across versions.
type rand struct{ s uint64 }

func newRand(seed uint64) *rand { return &rand{s: seed} }

func (r *rand) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (r *rand) shuffle(a []int) {
	for i := len(a) - 1; i > 0; i-- {
		j := int(r.next() % uint64(i+1))
		a[i], a[j] = a[j], a[i]
	}
}
