package relevance

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/extract/article"
	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/extract/relation/model"
	"github.com/influencegraph/influencegraph/extract/rulebased"
	"github.com/influencegraph/influencegraph/extract/synth"
)

// readDir reads the articles we wrote under testdata/DIR.
func readDir(t testing.TB, dir string) []article.Article {
	t.Helper()
	var out []article.Article
	if _, err := article.NewReader(article.Options{}).Read(context.Background(), []string{filepath.Join("testdata", dir)}, func(a article.Article) error {
		out = append(out, a)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("no articles in testdata/%s", dir)
	}
	return out
}

// TestDecideOnArticlesWeWrote: reports of interference pass, and so do
// near-misses (an election without interference, a platform's election
// policy), which the gate may let through; everyday news is turned away.
func TestDecideOnArticlesWeWrote(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		dir  string
		keep bool
	}{{"on-topic", true}, {"near-miss", true}, {"off-topic", false}} {
		for _, a := range readDir(t, tc.dir) {
			d := m.Decide(a)
			if d.Keep != tc.keep {
				t.Errorf("%s: keep %v (relevance %.3f, threshold %.3f), want %v", a.Sources[0], d.Keep, d.Probability, d.Threshold, tc.keep)
			}
			if again := m.Decide(a); again != d {
				t.Errorf("%s: a second decision %+v differs from the first %+v", a.Sources[0], again, d)
			}
		}
	}
}

// TestDecideOnGeneratedNews: the generated streams the gate never saw
// (another seed) are told apart: every report of interference kept,
// everyday news turned away.
func TestDecideOnGeneratedNews(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range synth.Interference(200) {
		if d := m.Decide(a); !d.Keep {
			t.Errorf("%s %q: turned away (relevance %.3f)", a.ID, a.Title, d.Probability)
		}
	}
	kept := 0
	news := synth.News(1000, 7)
	for _, a := range news {
		if m.Decide(a).Keep {
			kept++
		}
	}
	if kept > len(news)/100 {
		t.Errorf("kept %d of %d generated news articles, want at most 1%%", kept, len(news))
	}
}

// TestGateSkipsOffTopicWithoutExtracting: the gated extractor never calls
// the extractor behind it for an off-topic article, and says why.
func TestGateSkipsOffTopicWithoutExtracting(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var calls int
	x := Gate(extractFunc(func(a article.Article) (extract.Result, error) {
		calls++
		return extract.Result{Article: extract.ArticleRecord{Kind: extract.KindArticle, ID: a.ID}}, nil
	}), m)
	ctx := context.Background()
	for _, a := range readDir(t, "off-topic") {
		_, err := x.Extract(ctx, a)
		var ot *OffTopicError
		if !errors.Is(err, ErrOffTopic) || !errors.As(err, &ot) || !strings.Contains(err.Error(), "below the gate's threshold") {
			t.Errorf("%s: error %v, want an off-topic error naming the threshold", a.Sources[0], err)
		}
	}
	if calls != 0 {
		t.Errorf("extractor called %d times for off-topic articles", calls)
	}
	for _, a := range readDir(t, "on-topic") {
		res, err := x.Extract(ctx, a)
		if err != nil || res.Article.ID != a.ID {
			t.Errorf("%s: %v, %+v: want the extractor's result", a.Sources[0], err, res.Article)
		}
	}
}

type extractFunc func(article.Article) (extract.Result, error)

func (f extractFunc) Extract(_ context.Context, a article.Article) (extract.Result, error) {
	return f(a)
}

// TestShippedModelIsWhatMakeGateBuilds trains on ../shared/eval/train as
// `make gate` does and compares with the embedded file, byte for byte.
func TestShippedModelIsWhatMakeGateBuilds(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "eval", "train")
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("no training folder %s in CI: %v", dir, err)
		}
		t.Skipf("no training folder %s (the evaluation set beside the repository): %v", dir, err)
	}
	if testing.Short() {
		t.Skip("trains six models (-short)")
	}
	docs, err := LoadGold(context.Background(), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	o := DefaultOptions
	docs = append(docs, Generated(o.Generated, o.GeneratedOn, o.GeneratedSeed)...)
	m, held, err := Build(docs, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range held {
		if h.Doc.OnTopic() && sigmoid(h.LogOdds) < m.Threshold {
			t.Errorf("cross-validation turned away on-topic %s", h.Doc.Name)
		}
	}
	var got bytes.Buffer
	if err := m.Write(&got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), builtin) {
		t.Errorf("relevance.json is not what training builds (%s, %d weights, threshold %g): run make gate", m.Version, len(m.Weights), m.Threshold)
	}
}

// TestReadRefusesBadModels: a file that is no model says so.
func TestReadRefusesBadModels(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"not json", "{", "decode"},
		{"unknown field", `{"head_bytes":1,"threshold":0.5,"weights":{"w:a":1},"extra":1}`, "unknown field"},
		{"no weights", `{"head_bytes":4096,"threshold":0.5,"weights":{}}`, "not a relevance model"},
		{"threshold", `{"head_bytes":4096,"threshold":1.5,"weights":{"w:a":1}}`, "not a relevance model"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want it to say %q", err, tc.want)
			}
		})
	}
}

// TestFeaturesMatchHashes: the features training lists are the ones
// scoring hashes, stop words left out, long words cut alike.
func TestFeaturesMatchHashes(t *testing.T) {
	stop := stopWords()
	stopH := map[uint64]bool{}
	for w := range stop {
		stopH[hashString(w)] = true
	}
	title := "Russia’s GRU targeted the vote"
	text := "The Kremlin's hackers and a " + strings.Repeat("é", 40) + " word, then Dezinformatsiya."
	var want []uint64
	for _, f := range features(title, text, stop) {
		want = append(want, hashString(f))
	}
	var got []uint64
	visit(title, text, stopH, func(h uint64) { got = append(got, h) })
	if len(got) != len(want) {
		t.Fatalf("visit gave %d features, features() %d: %q", len(got), len(want), features(title, text, stop))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("feature %d: %q hashes differently", i, features(title, text, stop)[i])
		}
	}
	if fs := features(title, text, stop); !contains(fs, "t:russias") || !contains(fs, "b:kremlins hackers") || contains(fs, "w:the") {
		t.Errorf("features %q: want t:russias and b:kremlins hackers, no w:the", fs)
	}
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// BenchmarkDecide is the gate's cost per article, on generated news (the
// articles it turns away) and on reports of interference, beside the
// offline extractor's (with the shipped relation model) on the same
// reports, in one run: the gate-per-extraction metric is their ratio.
func BenchmarkDecide(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	k, err := kb.Load()
	if err != nil {
		b.Fatal(err)
	}
	x, err := rulebased.New(k)
	if err != nil {
		b.Fatal(err)
	}
	rm, err := model.Default()
	if err != nil {
		b.Fatal(err)
	}
	x = x.WithModel(rm)
	news, reports := synth.News(200, 3), synth.Interference(200)
	per := map[string]float64{}
	for _, c := range []struct {
		name string
		arts []article.Article
		run  func(article.Article)
	}{
		{"gate/news", news, func(a article.Article) { m.Decide(a) }},
		{"gate/interference", reports, func(a article.Article) { m.Decide(a) }},
		{"extract/interference", reports, func(a article.Article) {
			if _, err := x.Extract(context.Background(), a); err != nil {
				b.Fatal(err)
			}
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				c.run(c.arts[i%len(c.arts)])
				i++
			}
			per[c.name] = float64(b.Elapsed()) / float64(i)
			b.ReportMetric(per[c.name]/1e3, "us/article")
		})
	}
	if e := per["extract/interference"]; e > 0 {
		b.ReportMetric(per["gate/interference"]/e, "gate-per-extraction")
	}
}
