package rulebased

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
)

// TestDeterministic extracts the same articles sequentially and from many
// goroutines at once: the records must be byte-identical (and the race
// detector, when on, must stay quiet: one Extractor serves all workers).
func TestDeterministic(t *testing.T) {
	x := testExtractor(t)
	arts := corpus(24)
	encode := func(i int) string {
		res, err := x.Extract(context.Background(), arts[i])
		if err != nil {
			t.Error(err)
			return ""
		}
		b, err := json.Marshal(res)
		if err != nil {
			t.Error(err)
		}
		return string(b)
	}
	want := make([]string, len(arts))
	for i := range arts {
		want[i] = encode(i)
	}
	got := make([]string, len(arts))
	var wg sync.WaitGroup
	for i := range arts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = encode(i)
		}()
	}
	wg.Wait()
	for i := range arts {
		if got[i] != want[i] {
			t.Errorf("article %d: concurrent result differs from sequential one", i)
		}
		if again := encode(i); again != want[i] {
			t.Errorf("article %d: second run differs", i)
		}
	}
}

func TestCorpusYieldsRelations(t *testing.T) {
	x := testExtractor(t)
	for _, a := range corpus(6) {
		res, err := x.Extract(context.Background(), a)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Relations) == 0 {
			t.Errorf("%s: no relations; the benchmark corpus should exercise the relation rules", a.ID)
		}
	}
}
