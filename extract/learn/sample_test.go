package learn

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/influencegraph/influencegraph/extract/gold"
	"github.com/influencegraph/influencegraph/extract/relation"
	"github.com/influencegraph/influencegraph/extract/relation/model"
)

// TestSamplesStandInForTheArticles checks that samples written and read
// back teach the same model, byte for byte, as the articles they were
// made from, and that deciding from a sample's features scores as the
// whole pipeline does.
func TestSamplesStandInForTheArticles(t *testing.T) {
	x, docs := build(t)
	samples := Samples(docs)
	var buf bytes.Buffer
	data := []model.Source{{Dir: "testdata/gold", Articles: len(docs), SHA256: "x"}}
	if err := WriteSamples(&buf, data, samples); err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := WriteSamples(&again, data, Samples(docs)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Fatal("the same samples wrote different bytes")
	}
	if bytes.Contains(buf.Bytes(), []byte("Moldova")) {
		t.Error("a samples file holds article text")
	}
	path := filepath.Join(t.TempDir(), "s.json.gz")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	read, src, err := ReadSamplesFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if src.Articles != len(docs) || len(src.SHA256) != 64 {
		t.Errorf("source %+v", src)
	}
	var back bytes.Buffer
	if err := WriteSamples(&back, data, read); err != nil {
		t.Fatal(err)
	}
	if len(read) != len(samples) || !bytes.Equal(back.Bytes(), buf.Bytes()) {
		t.Fatal("samples read back write different bytes")
	}
	// the words of one article alone are left out; the rest is kept
	in := func(s []*Sample) map[string]int {
		n := map[string]int{}
		for _, a := range s {
			seen := map[string]bool{}
			for _, c := range a.Cands {
				for _, f := range c.Features {
					if !seen[f] {
						seen[f] = true
						n[f]++
					}
				}
			}
		}
		return n
	}
	before, after := in(samples), in(read)
	dropped := 0
	for f, n := range before {
		switch {
		case (n >= 2 || !relation.Lexical(f)) && after[f] != n:
			t.Errorf("feature %q of %d articles is in %d read back", f, n, after[f])
		case n < 2 && relation.Lexical(f) && after[f] != 0:
			t.Errorf("words %q of one article were kept", f)
		case n < 2 && relation.Lexical(f):
			dropped++
		}
	}
	if dropped == 0 {
		t.Error("no words were found in one article only: the test checks nothing")
	}

	m, err := model.Train(Examples(samples), model.DefaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	m.Thresholds = [model.NumTypes]float64{0.5, 0.5, 0.5}
	whole := Score(x.Finder(), m, docs)
	fromSamples := newScores()
	for _, a := range samples {
		var kept []gold.Triple
		for _, r := range decide(m, a, 0.5) {
			kept = append(kept, r.Triple)
		}
		fromSamples.add(a, kept)
	}
	if !reflect.DeepEqual(whole, fromSamples) {
		t.Errorf("deciding from samples scores %+v, the pipeline %+v", fromSamples, whole)
	}
}
