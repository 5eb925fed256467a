package learn

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/influencegraph/influencegraph/extract/gold"
	"github.com/influencegraph/influencegraph/extract/relation"
	"github.com/influencegraph/influencegraph/extract/relation/model"
	"github.com/influencegraph/influencegraph/extract/resolve"
)

// A Sample is an annotated article reduced to what training and
// cross-validation read: its candidates' features and labels, and the
// gold and rule relations as triples of gold keys. It holds no text, so
// samples can ship where the articles cannot: the repository keeps the
// samples of the annotated articles that live outside it, and CI
// rebuilds the model from them and ../shared/eval/train.
type Sample struct {
	Name  string `json:"name"`
	Cands []Cand `json:"-"`
	// Rules are the hand-written rules' relations, the baseline.
	Rules    []gold.Triple `json:"rules,omitempty"`
	Required []gold.Triple `json:"required,omitempty"`
	Optional []gold.Triple `json:"optional,omitempty"`
	Entities Counts        `json:"entities"`
	Reach    Reach         `json:"reach"`
	// Elections and Years are Doc.Elections and Doc.Years: what the
	// election choosers learn.
	Elections []model.Choice `json:"elections,omitempty"`
	Years     []model.Choice `json:"years,omitempty"`

	req, opt map[gold.Triple]bool // Required and Optional as sets
}

// sets returns Required and Optional as sets, made once.
func (s *Sample) sets() (req, opt map[gold.Triple]bool) {
	if s.req == nil {
		s.req, s.opt = map[gold.Triple]bool{}, map[gold.Triple]bool{}
		for _, t := range s.Required {
			s.req[t] = true
		}
		for _, t := range s.Optional {
			s.opt[t] = true
		}
	}
	return s.req, s.opt
}

// decide returns the relations m gives a's candidates with a probability
// of at least lowest, as relation.Decider would. Where m bounds what
// meetings add (MeetingBound), a relation's probability counts as at most
// what its pair's features and that bound give: the decider does not
// read a candidate further at thresholds above that.
func decide(m *model.Model, a *Sample, lowest float64) []decided {
	var out []decided
	for _, c := range a.Cands {
		pair := pairOnly(c.Features, m.MeetingBound != nil)
		for t, typ := range relation.Types {
			if c.Types&(1<<t) == 0 {
				continue
			}
			p := model.Sigmoid(m.Score(t, c.Features))
			if b := m.MeetingBound; b != nil {
				p = min(p, model.Sigmoid(m.Score(t, pair)+b[t]))
			}
			if p >= lowest {
				out = append(out, decided{gold.Triple{Source: c.Source, Type: typ, Target: c.Target, Negated: c.Negated&(1<<t) != 0}, p})
			}
		}
	}
	return out
}

// pairOnly are those of features that are of a candidate's ends or of
// the pair as a whole (relation.PairFeature); nil unless want.
func pairOnly(features []string, want bool) []string {
	if !want {
		return nil
	}
	var out []string
	for _, f := range features {
		if relation.PairFeature(f) {
			out = append(out, f)
		}
	}
	return out
}

// Train learns a relation model from samples, with the bound of what a
// candidate's meetings add to its score (model.Model.MeetingBound): for
// each type, the most they add to boundShare in 100 of the candidates
// the samples hold true of it (no bound when a type has none), and at
// least nothing.
func Train(samples []*Sample, opts model.Options) (*model.Model, error) {
	m, err := model.Train(Examples(samples), opts)
	if err != nil {
		return nil, err
	}
	var adds [model.NumTypes][]float64
	for _, a := range samples {
		for _, c := range a.Cands {
			var pair []string
			for t, l := range c.Labels {
				if l != 1 {
					continue
				}
				if pair == nil {
					pair = pairOnly(c.Features, true)
				}
				adds[t] = append(adds[t], m.Score(t, c.Features)-m.Score(t, pair))
			}
		}
	}
	var bound [model.NumTypes]float64
	for t := range adds {
		if len(adds[t]) == 0 {
			return m, nil
		}
		slices.Sort(adds[t])
		bound[t] = max(0, adds[t][len(adds[t])*boundShare/100])
	}
	m.MeetingBound = &bound
	return m, nil
}

// boundShare is how many in 100 true candidates the meeting bound
// covers. Below 100 the bound is a first, cheaper stage of the decider:
// a candidate whose ends and pair score too low for the meetings of most
// true ones to save is not read further. Cross-validated over 4,654
// articles, relation F1 at the kept thresholds was 0.531 at 99, 0.531 at
// 95, 0.532 at 80 (precision 0.667), 0.530 at 60 and 0.529 at 40, while
// the instructions the model's extraction runs fell, against 99's, by
// 1.9% at 95, 3.3% at 80 and 4.8% at 60 and 40: 80 is the best F1, and
// most of the speed.
const boundShare = 80

// Cand is one candidate pair of a Sample.
type Cand struct {
	// Source and Target are the gold keys of the two ends, or "?" and
	// the entity id when the gold has no such entity.
	Source, Target string
	// Types has bit t set when relation type t may join the ends'
	// entity types; Negated bit t when the rule of type t that joined
	// them said it did not happen.
	Types, Negated uint8
	Labels         [model.NumTypes]int8
	Features       []string
}

// Sample reduces d to its Sample.
func (d *Doc) Sample() *Sample {
	s := d.scoring()
	for i, c := range d.Cands {
		sc := Cand{Source: d.key(c.Source), Target: d.key(c.Target), Labels: d.Labels[i], Features: c.Features}
		sc.Types, sc.Negated = decidable(d.Doc, &c.Candidate)
		s.Cands = append(s.Cands, sc)
	}
	return s
}

// scoring is d's Sample without candidates: what scoring reads.
func (d *Doc) scoring() *Sample {
	s := &Sample{Name: d.Name, Entities: Counts{d.EntTP, d.EntFP, d.EntFN}, Reach: d.Reach, Elections: d.Elections, Years: d.Years}
	s.Rules = d.triples(d.Rules)
	for t := range d.Required {
		s.Required = append(s.Required, t)
	}
	for t := range d.Optional {
		s.Optional = append(s.Optional, t)
	}
	sortTriples(s.Required)
	sortTriples(s.Optional)
	return s
}

// decidable returns the types the decider may give c (bit t) and those
// it would mark negated, as relation.Decider does.
func decidable(d *resolve.Doc, c *relation.Candidate) (types, negated uint8) {
	for t, typ := range relation.Types {
		if !relation.Allowed(typ, d.Entities[c.Source].Type, d.Entities[c.Target].Type) {
			continue
		}
		types |= 1 << t
		for _, r := range c.Rules {
			if r.Type == typ && r.Source == c.Source {
				if r.Negated {
					negated |= 1 << t
				}
				break
			}
		}
	}
	return types, negated
}

func sortTriples(ts []gold.Triple) {
	slices.SortFunc(ts, func(a, b gold.Triple) int {
		for _, c := range [...][2]string{{a.Source, b.Source}, {a.Type, b.Type}, {a.Target, b.Target}} {
			if c[0] != c[1] {
				if c[0] < c[1] {
					return -1
				}
				return 1
			}
		}
		switch {
		case a.Negated == b.Negated:
			return 0
		case !a.Negated:
			return -1
		}
		return 1
	})
}

// ElectionChoices gathers the election choices of samples.
func ElectionChoices(samples []*Sample) Choices {
	var out Choices
	for _, s := range samples {
		out.Country = append(out.Country, s.Elections...)
		out.Year = append(out.Year, s.Years...)
	}
	return out
}

// Samples reduces docs to their samples.
func Samples(docs []*Doc) []*Sample {
	out := make([]*Sample, len(docs))
	for i, d := range docs {
		out[i] = d.Sample()
	}
	return out
}

// SampleFile is the on-disk form of samples: gzipped JSON whose
// features are indices into one sorted vocabulary.
type SampleFile struct {
	// Data names the folders the samples were made from.
	Data    []model.Source `json:"data"`
	Vocab   []string       `json:"vocab"`
	Samples []fileSample   `json:"samples"`
}

type fileSample struct {
	Sample
	Cands []fileCand `json:"cands"`
}

type fileCand struct {
	S, T     string
	Ty, Neg  uint8 `json:",omitempty"`
	L        [model.NumTypes]int8
	Features []int32 `json:"F"`
}

// WriteSamples writes samples made from the folders data in a form that
// gives the same bytes for the same samples. Features holding an
// article's own words (relation.Lexical) that only one article has are
// left out: they could point to the article, and teach a model little.
func WriteSamples(w io.Writer, data []model.Source, samples []*Sample) error {
	articles := map[string]int{}
	for _, s := range samples {
		seen := map[string]bool{}
		for _, c := range s.Cands {
			for _, f := range c.Features {
				if !seen[f] {
					seen[f] = true
					articles[f]++
				}
			}
		}
	}
	vocab := make([]string, 0, len(articles))
	for f, n := range articles {
		if n >= 2 || !relation.Lexical(f) {
			vocab = append(vocab, f)
		}
	}
	slices.Sort(vocab)
	index := make(map[string]int32, len(vocab))
	for i, f := range vocab {
		index[f] = int32(i)
	}
	sf := SampleFile{Data: data, Vocab: vocab}
	for _, s := range samples {
		fs := fileSample{Sample: *s}
		for _, c := range s.Cands {
			fc := fileCand{S: c.Source, T: c.Target, Ty: c.Types, Neg: c.Negated, L: c.Labels}
			for _, f := range c.Features {
				if i, ok := index[f]; ok {
					fc.Features = append(fc.Features, i)
				}
			}
			fs.Cands = append(fs.Cands, fc)
		}
		sf.Samples = append(sf.Samples, fs)
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	if err := json.NewEncoder(zw).Encode(sf); err != nil {
		return fmt.Errorf("encode samples: %w", err)
	}
	return zw.Close()
}

// SamplesData returns the folders a samples file was made from.
func SamplesData(path string) ([]model.Source, error) {
	sf, _, err := readSampleFile(path)
	if err != nil {
		return nil, err
	}
	return sf.Data, nil
}

// readSampleFile decodes the samples file at path and returns it with
// the hex SHA-256 of its bytes.
func readSampleFile(path string) (*SampleFile, string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, "", fmt.Errorf("read samples: %w", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, "", fmt.Errorf("samples %q: %w", path, err)
	}
	var sf SampleFile
	if err := json.NewDecoder(zr).Decode(&sf); err != nil {
		return nil, "", fmt.Errorf("samples %q: decode: %w", path, err)
	}
	sum := sha256.Sum256(b)
	return &sf, hex.EncodeToString(sum[:]), nil
}

// ReadSamplesFile reads a file WriteSamples wrote, returning its samples
// and the model.Source naming it (its path, article count and digest).
func ReadSamplesFile(path string) ([]*Sample, model.Source, error) {
	sf, sum, err := readSampleFile(path)
	if err != nil {
		return nil, model.Source{}, err
	}
	out := make([]*Sample, len(sf.Samples))
	for i, fs := range sf.Samples {
		s := fs.Sample
		s.Cands = make([]Cand, len(fs.Cands))
		for k, fc := range fs.Cands {
			c := Cand{Source: fc.S, Target: fc.T, Types: fc.Ty, Negated: fc.Neg, Labels: fc.L, Features: make([]string, len(fc.Features))}
			for j, f := range fc.Features {
				if f < 0 || int(f) >= len(sf.Vocab) {
					return nil, model.Source{}, fmt.Errorf("samples %q: %s: feature %d out of range", path, fs.Name, f)
				}
				c.Features[j] = sf.Vocab[f]
			}
			s.Cands[k] = c
		}
		out[i] = &s
	}
	return out, model.Source{Dir: path, Articles: len(out), SHA256: sum}, nil
}
