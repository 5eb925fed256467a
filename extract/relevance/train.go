package relevance

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"math"
	"slices"

	"github.com/influencegraph/influencegraph/extract/article"
	"github.com/influencegraph/influencegraph/extract/gold"
	"github.com/influencegraph/influencegraph/extract/synth"
)

// Kinds of training article.
const (
	// KindRelation: an annotated article with at least one gold relation,
	// on topic.
	KindRelation = "relation"
	// KindNearMiss: an annotated article without a relation (about an
	// election, or about influence without a relation the guidelines
	// count), off topic for training; the gate may let it through.
	KindNearMiss = "near-miss"
	// KindGenerated: everyday news from synth.News, off topic.
	KindGenerated = "generated"
	// KindGeneratedOn: reports of interference from
	// synth.InterferenceSeed, on topic: with them, the words of generated
	// text tell nothing of the topic by themselves.
	KindGeneratedOn = "generated-on-topic"
)

// Doc is one training article.
type Doc struct {
	// Name identifies the article; cross-validation folds by it.
	Name        string
	Title, Text string
	Kind        string
}

// OnTopic reports whether d is a positive example.
func (d Doc) OnTopic() bool { return d.Kind == KindRelation || d.Kind == KindGeneratedOn }

// Options shape training; the same documents and options give the same
// model, byte for byte.
type Options struct {
	HeadBytes int
	// MinDocs drops features seen in fewer training articles.
	MinDocs int
	// Epochs of full-batch AdaGrad, its Rate, and the L2 penalty.
	Epochs int
	Rate   float64
	L2     float64
	// Bias is the log-odds of an article with no feature the model
	// knows; it is fixed, not learned, and negative, so that an article
	// must show what it is about to pass, however unlike the training
	// articles it is.
	Bias float64
	// Prune drops weights smaller than this in magnitude after training.
	Prune float64
	// Folds of the cross-validation that chooses the threshold (by
	// article name), and Margin, in log-odds, below the lowest held-out
	// on-topic article's score.
	Folds  int
	Margin float64
	// Generated is how many articles of synth.News, and GeneratedOn how
	// many of synth.InterferenceSeed, with seed GeneratedSeed, join the
	// annotated ones as off-topic and on-topic examples.
	Generated, GeneratedOn int
	GeneratedSeed          uint64
}

// DefaultOptions are the options the shipped model is trained with.
var DefaultOptions = Options{
	HeadBytes: DefaultHeadBytes, MinDocs: 3, Bias: -3, Epochs: 150, Rate: 2, L2: 1e-7, Prune: 0.05,
	Folds: 5, Margin: 1.5, Generated: 1500, GeneratedOn: 300, GeneratedSeed: 1,
}

// LoadGold reads the annotated articles of the gold folders (NAME.txt
// beside NAME.gold.json) as the article reader reads them: those with at
// least one relation are on topic, the others near-misses.
func LoadGold(ctx context.Context, dirs []string) ([]Doc, error) {
	var docs []Doc
	r := article.NewReader(article.Options{AllowNonEnglish: true})
	for _, dir := range dirs {
		arts, err := gold.Load(dir)
		if err != nil {
			return nil, err
		}
		for _, ga := range arts {
			var a *article.Article
			if _, err := r.Read(ctx, []string{ga.Text}, func(got article.Article) error {
				a = &got
				return nil
			}); err != nil {
				return nil, fmt.Errorf("read %s: %w", ga.Text, err)
			}
			if a == nil {
				continue // not an article (empty, say): nothing to learn
			}
			kind := KindNearMiss
			if len(ga.Gold.Relations) > 0 {
				kind = KindRelation
			}
			docs = append(docs, Doc{Name: ga.Name, Title: a.Title, Text: a.Text, Kind: kind})
		}
	}
	return docs, nil
}

// Generated returns off topic the n articles of synth.News, and on topic
// the on articles of synth.InterferenceSeed, with seed.
func Generated(n, on int, seed uint64) []Doc {
	docs := make([]Doc, 0, n+on)
	for _, a := range synth.News(n, seed) {
		docs = append(docs, Doc{Name: a.ID, Title: a.Title, Text: a.Text, Kind: KindGenerated})
	}
	for _, a := range synth.InterferenceSeed(on, seed) {
		docs = append(docs, Doc{Name: a.ID, Title: a.Title, Text: a.Text, Kind: KindGeneratedOn})
	}
	return docs
}

// vector is a document's features: indices into the vocabulary and each
// feature's share of the document's features.
type vector struct {
	idx []int
	val []float64
	y   float64
}

// Train learns a model from docs with threshold th (a probability).
func Train(docs []Doc, opts Options, th float64) (*Model, error) {
	return train(docs, featuresOf(docs, opts), opts, th)
}

// featuresOf lists every document's features.
func featuresOf(docs []Doc, opts Options) [][]string {
	feats := make([][]string, len(docs))
	stop := stopWords()
	for i, d := range docs {
		feats[i] = features(d.Title, head(d.Text, opts.HeadBytes), stop)
	}
	return feats
}

// train is Train on documents whose features are listed already.
func train(docs []Doc, feats [][]string, opts Options, th float64) (*Model, error) {
	if opts.HeadBytes <= 0 || opts.Epochs <= 0 || opts.Rate <= 0 {
		return nil, fmt.Errorf("train relevance: head bytes, epochs and rate must be positive")
	}
	if th <= 0 || th >= 1 {
		return nil, fmt.Errorf("train relevance: threshold %g not in (0, 1)", th)
	}
	var pos, neg int
	for _, d := range docs {
		if d.OnTopic() {
			pos++
		} else {
			neg++
		}
	}
	if pos == 0 || neg == 0 {
		return nil, fmt.Errorf("train relevance: %d on-topic and %d off-topic articles: need both", pos, neg)
	}
	df := map[string]int{}
	for i := range docs {
		seen := map[string]bool{}
		for _, f := range feats[i] {
			if !seen[f] {
				seen[f] = true
				df[f]++
			}
		}
	}
	var vocab []string
	for f, n := range df {
		if n >= opts.MinDocs {
			vocab = append(vocab, f)
		}
	}
	slices.Sort(vocab)
	index := make(map[string]int, len(vocab))
	for i, f := range vocab {
		index[f] = i
	}
	vecs := make([]vector, len(docs))
	for i, d := range docs {
		counts := map[int]int{}
		for _, f := range feats[i] {
			if j, ok := index[f]; ok {
				counts[j]++
			}
		}
		v := vector{y: 0}
		if d.OnTopic() {
			v.y = 1
		}
		for j := range counts {
			v.idx = append(v.idx, j)
		}
		slices.Sort(v.idx)
		n := float64(len(feats[i]))
		for _, j := range v.idx {
			v.val = append(v.val, float64(counts[j])/n)
		}
		vecs[i] = v
	}
	// Each class weighs as much as the other, whatever their sizes.
	cw := [2]float64{0.5 / float64(neg), 0.5 / float64(pos)}
	w := make([]float64, len(vocab))
	g2 := make([]float64, len(vocab))
	grad := make([]float64, len(vocab))
	bias := opts.Bias
	for range opts.Epochs {
		clear(grad)
		for _, v := range vecs {
			z := bias
			for k, j := range v.idx {
				z += float64(w[j] * v.val[k])
			}
			e := float64(sigmoid(z)-v.y) * cw[int(v.y)]
			for k, j := range v.idx {
				grad[j] += float64(e * v.val[k])
			}
		}
		for j := range w {
			g := grad[j] + float64(opts.L2*w[j])
			if g == 0 {
				continue
			}
			g2[j] += float64(g * g)
			w[j] -= float64(opts.Rate*g) / math.Sqrt(g2[j])
		}
	}
	m := &Model{HeadBytes: opts.HeadBytes, Threshold: round(th, 1e6), Bias: round(bias, 1e3), Weights: map[string]float64{}}
	for j, f := range vocab {
		if math.Abs(w[j]) >= opts.Prune {
			m.Weights[f] = round(w[j], 1e3)
		}
	}
	var b bytes.Buffer
	if err := m.Write(&b); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(b.Bytes())
	m.Version = "relevance-" + hex.EncodeToString(sum[:6])
	m.index()
	return m, nil
}

func round(x, scale float64) float64 { return math.Round(x*scale) / scale }

// Fold is the fold of k an article belongs to: by a hash of its name, so
// adding articles does not reshuffle the others.
func Fold(name string, k int) int {
	h := fnv.New32a()
	h.Write([]byte(name))
	return int(h.Sum32() % uint32(k))
}

// Held is one article's out-of-fold score.
type Held struct {
	Doc Doc
	// LogOdds is the score the model trained without the article's fold
	// gave it.
	LogOdds float64
}

// CrossValidate trains on all folds but one and scores the one left out,
// for every fold, and returns every document's held-out score in docs'
// order.
func CrossValidate(docs []Doc, opts Options) ([]Held, error) {
	if opts.Folds < 2 {
		return nil, fmt.Errorf("cross-validate relevance: %d folds, want at least 2", opts.Folds)
	}
	held := make([]Held, len(docs))
	feats := featuresOf(docs, opts)
	for k := range opts.Folds {
		var in []Doc
		var inFeats [][]string
		for i, d := range docs {
			if Fold(d.Name, opts.Folds) != k {
				in = append(in, d)
				inFeats = append(inFeats, feats[i])
			}
		}
		m, err := train(in, inFeats, opts, 0.5)
		if err != nil {
			return nil, fmt.Errorf("fold %d: %w", k+1, err)
		}
		for i, d := range docs {
			if Fold(d.Name, opts.Folds) == k {
				z, _ := m.score(d.Title, d.Text)
				held[i] = Held{Doc: d, LogOdds: z}
			}
		}
	}
	return held, nil
}

// ChooseThreshold is the probability margin log-odds below the lowest
// held-out score of an on-topic article: every on-topic article of the
// cross-validation passes, with room to spare.
func ChooseThreshold(held []Held, margin float64) float64 {
	low := math.Inf(1)
	for _, h := range held {
		if h.Doc.OnTopic() {
			low = min(low, h.LogOdds)
		}
	}
	return sigmoid(low - margin)
}

// Build cross-validates, chooses the threshold and trains the model on
// all of docs: what `influencegraph train --gate` does.
func Build(docs []Doc, opts Options) (*Model, []Held, error) {
	held, err := CrossValidate(docs, opts)
	if err != nil {
		return nil, nil, err
	}
	m, err := Train(docs, opts, ChooseThreshold(held, opts.Margin))
	if err != nil {
		return nil, nil, err
	}
	return m, held, nil
}
