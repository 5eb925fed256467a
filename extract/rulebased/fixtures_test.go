package rulebased

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/extract/article"
	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/extract/relation/model"
)

// want is the expected result of one fixture (extract/testdata/<case>/want.json).
type want struct {
	Entities []struct {
		Type    string   `json:"type"`
		Name    string   `json:"name"`
		Aliases []string `json:"aliases"`
		Year    int      `json:"year"`
		Country string   `json:"country"`
	} `json:"entities"`
	// Absent names must not be entities (boilerplate, adjectives).
	Absent []string `json:"absent"`
	// MaxEntitiesOfType bounds duplicates ("Hrytsneko" is no second person).
	MaxEntitiesOfType map[string]int `json:"max_entities_of_type"`
	Relations         []wantRel      `json:"relations"`
	NoRelations       []wantRel      `json:"no_relations"`
	// NoEvidence are words no relation's evidence may hold, with the
	// rules or with the relation model ("denied": a denial is never
	// evidence for what it denies).
	NoEvidence []string `json:"no_evidence"`
}

type wantRel struct {
	Type         string   `json:"type"`
	Source       string   `json:"source"`
	Target       string   `json:"target"`
	Negated      bool     `json:"negated"`
	Hedges       []string `json:"hedges"`
	AttributedTo string   `json:"attributed_to"`
	// Unhedged: the relation has no hedges at all.
	Unhedged bool `json:"unhedged"`
	// Attempted, when given, is the relation's attempted flag.
	Attempted *bool `json:"attempted"`
	// Basis, when given, is "stated" or "inferred".
	Basis string `json:"basis"`
	// Asserter and Cue, when given, are who asserts it and the words
	// that say so.
	Asserter string `json:"asserter"`
	Cue      string `json:"attribution_cue"`
}

var (
	extOnce sync.Once
	ext     *Extractor
	extErr  error
)

func testExtractor(t testing.TB) *Extractor {
	t.Helper()
	extOnce.Do(func() {
		var k *kb.KB
		k, extErr = kb.Builtin()
		if extErr == nil {
			ext, extErr = New(k)
		}
	})
	if extErr != nil {
		t.Fatalf("build extractor: %v", extErr)
	}
	return ext
}

// readArticle reads one fixture through the article reader, as the
// extract command does.
func readArticle(t testing.TB, path string) article.Article {
	t.Helper()
	var got []article.Article
	r := article.NewReader(article.Options{})
	if _, err := r.Read(context.Background(), []string{path}, func(a article.Article) error {
		got = append(got, a)
		return nil
	}); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	if len(got) != 1 {
		t.Fatalf("read %s: got %d articles, want 1", path, len(got))
	}
	return got[0]
}

func norm(s string) string {
	s = strings.ToLower(strings.ReplaceAll(s, "’", "'"))
	s = strings.TrimSuffix(s, "'s")
	return strings.TrimPrefix(s, "the ")
}

func names(e extract.EntityRecord) []string {
	out := []string{norm(e.Name)}
	for _, a := range e.Aliases {
		out = append(out, norm(a))
	}
	return out
}

// findEntity returns the id of the entity named name (by name or alias).
func findEntity(res extract.Result, name string) string {
	for _, e := range res.Entities {
		if slices.Contains(names(e), norm(name)) {
			return e.ID
		}
	}
	return ""
}

func TestFixtures(t *testing.T) {
	x := testExtractor(t)
	dirs, err := filepath.Glob(filepath.Join("..", "testdata", "*", "article.txt"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, p := range dirs {
		dir := filepath.Dir(p)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(dir, "want.json"))
			if err != nil {
				t.Fatal(err)
			}
			var w want
			dec := json.NewDecoder(bytes.NewReader(raw))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&w); err != nil {
				t.Fatalf("want.json: %v", err)
			}
			res, err := x.Extract(context.Background(), readArticle(t, p))
			if err != nil {
				t.Fatal(err)
			}
			checkResult(t, res, w)
			if len(w.NoEvidence) > 0 {
				withModel, err := testModelExtractor(t).Extract(context.Background(), readArticle(t, p))
				if err != nil {
					t.Fatal(err)
				}
				checkEvidence(t, "rules", res, w.NoEvidence)
				checkEvidence(t, "model", withModel, w.NoEvidence)
			}
		})
	}
}

// testModelExtractor is testExtractor deciding with the shipped model.
func testModelExtractor(t testing.TB) *Extractor {
	t.Helper()
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	return testExtractor(t).WithModel(m)
}

// checkEvidence fails for each relation whose evidence holds one of words.
func checkEvidence(t *testing.T, by string, res extract.Result, words []string) {
	t.Helper()
	for _, r := range res.Relations {
		for _, w := range words {
			if strings.Contains(strings.ToLower(r.Evidence), w) {
				t.Errorf("%s: relation %s %s -> %s has evidence with %q: %q", by, r.Type, r.Source, r.Target, w, r.Evidence)
			}
		}
	}
}

func checkResult(t *testing.T, res extract.Result, w want) {
	t.Helper()
	for _, we := range w.Entities {
		found := false
		for _, e := range res.Entities {
			if e.Type != we.Type {
				continue
			}
			if we.Year != 0 {
				if e.Year == we.Year && e.Country == we.Country {
					found = true
				}
				continue
			}
			if !slices.Contains(names(e), norm(we.Name)) {
				continue
			}
			found = true
			for _, a := range we.Aliases {
				if !slices.Contains(names(e), norm(a)) {
					t.Errorf("entity %q lacks alias %q (has %q)", e.Name, a, e.Aliases)
				}
			}
		}
		if !found {
			t.Errorf("missing %s %q (year %d, country %q); got %s", we.Type, we.Name, we.Year, we.Country, entityList(res))
		}
	}
	for _, a := range w.Absent {
		if id := findEntity(res, a); id != "" {
			t.Errorf("%q must not be an entity, got %s", a, id)
		}
	}
	for typ, max := range w.MaxEntitiesOfType {
		n := 0
		for _, e := range res.Entities {
			if e.Type == typ {
				n++
			}
		}
		if n > max {
			t.Errorf("%d %s entities, want at most %d: %s", n, typ, max, entityList(res))
		}
	}
	for _, wr := range w.Relations {
		r, ok := findRelation(res, wr)
		if !ok {
			t.Errorf("missing relation %s %s -> %s (negated %v); got %s", wr.Type, wr.Source, wr.Target, wr.Negated, relationList(res))
			continue
		}
		for _, h := range wr.Hedges {
			if !slices.Contains(r.Hedges, h) {
				t.Errorf("relation %s %s -> %s: hedges %q lack %q", wr.Type, wr.Source, wr.Target, r.Hedges, h)
			}
		}
		if wr.Unhedged && len(r.Hedges) > 0 {
			t.Errorf("relation %s %s -> %s: hedges %q, want none", wr.Type, wr.Source, wr.Target, r.Hedges)
		}
		if wr.Attempted != nil && r.Attempted != *wr.Attempted {
			t.Errorf("relation %s %s -> %s: attempted %v, want %v", wr.Type, wr.Source, wr.Target, r.Attempted, *wr.Attempted)
		}
		if wr.Basis != "" && r.Basis != wr.Basis {
			t.Errorf("relation %s %s -> %s: basis %q, want %q (rule %s)", wr.Type, wr.Source, wr.Target, r.Basis, wr.Basis, r.Rule)
		}
		if wr.Asserter != "" && r.Asserter != wr.Asserter || wr.Cue != "" && r.AttributionCue != wr.Cue {
			t.Errorf("relation %s %s -> %s: asserter %q cue %q, want %q and %q (attribution %q)", wr.Type, wr.Source, wr.Target, r.Asserter, r.AttributionCue, wr.Asserter, wr.Cue, r.Attribution)
		}
		if wr.AttributedTo != "" && r.AttributedTo != findEntity(res, wr.AttributedTo) {
			t.Errorf("relation %s %s -> %s: attributed to %q (%q), want %s", wr.Type, wr.Source, wr.Target, r.AttributedTo, r.Attribution, wr.AttributedTo)
		}
		if r.Span[0] < 0 || r.Span[1] <= r.Span[0] || r.Evidence == "" {
			t.Errorf("relation %s %s -> %s: bad evidence %q span %v", wr.Type, wr.Source, wr.Target, r.Evidence, r.Span)
		}
		if r.Rule == "" || r.Trigger == "" || r.Confidence <= 0 || r.Confidence > 1 {
			t.Errorf("relation %s %s -> %s: rule %q trigger %q confidence %v", wr.Type, wr.Source, wr.Target, r.Rule, r.Trigger, r.Confidence)
		}
	}
	for _, wr := range w.NoRelations {
		if _, ok := findRelation(res, wr); ok {
			t.Errorf("unexpected relation %s %s -> %s (negated %v)", wr.Type, wr.Source, wr.Target, wr.Negated)
		}
	}
}

func findRelation(res extract.Result, wr wantRel) (extract.RelationRecord, bool) {
	src, tgt := findEntity(res, wr.Source), findEntity(res, wr.Target)
	for _, r := range res.Relations {
		if r.Type == wr.Type && r.Source == src && r.Target == tgt && r.Negated == wr.Negated {
			return r, true
		}
	}
	return extract.RelationRecord{}, false
}

func entityList(res extract.Result) string {
	var b strings.Builder
	for _, e := range res.Entities {
		b.WriteString("\n\t" + e.Type + " " + e.ID + " " + e.Name)
	}
	return b.String()
}

func relationList(res extract.Result) string {
	var b strings.Builder
	for _, r := range res.Relations {
		neg := ""
		if r.Negated {
			neg = " (negated)"
		}
		b.WriteString("\n\t" + r.Type + " " + r.Source + " -> " + r.Target + neg + " [" + r.Rule + "]")
	}
	return b.String()
}
