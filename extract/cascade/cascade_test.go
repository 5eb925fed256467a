package cascade

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/extract/article"
)

func TestParseCondition(t *testing.T) {
	m := func(minC, maxC, rels, ents, els float64) map[string]float64 {
		return map[string]float64{"min_confidence": minC, "max_confidence": maxC, "relations": rels, "entities": ents, "elections": els, "actors": ents - els}
	}
	unsure := m(0.5, 0.7, 2, 5, 1)
	sure := m(0.7, 0.9, 2, 5, 1)
	none := m(1, 0, 0, 3, 1)
	empty := m(1, 0, 0, 0, 0)
	tests := []struct {
		cond                    string
		unsure, sure, none, nil bool
	}{
		{"always", true, true, true, true},
		{"any", true, true, true, true},
		{"never", false, false, false, false},
		{"confidence<0.6", true, false, false, false},
		{"min_confidence < 0.6", true, false, false, false},
		{"max_confidence>=0.9", false, true, false, false},
		{"relations==0", false, false, true, true},
		{DefaultWhen, true, false, true, false},
		{"relations==0 && elections>0 || confidence<0.6", true, false, true, false},
		{"entities>0 and relations == 0", false, false, true, false},
		{"RELATIONS != 0", true, true, false, false},
	}
	for _, tt := range tests {
		c, err := ParseCondition(tt.cond)
		if err != nil {
			t.Errorf("ParseCondition(%q): %v", tt.cond, err)
			continue
		}
		got := []bool{c.Match(unsure), c.Match(sure), c.Match(none), c.Match(empty)}
		want := []bool{tt.unsure, tt.sure, tt.none, tt.nil}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q on unsure, sure, no relation, nothing = %v, want %v", tt.cond, got, want)
		}
	}
	for cond, want := range map[string]string{
		"":                       "empty condition",
		"confidence":             "incomplete comparison",
		"relevance>0.5":          `unknown variable "relevance"`,
		"confidence=0.5":         `"=" is not a comparison`,
		"confidence<high":        `"high" is not a number`,
		"confidence<0.5 or":      "ends in",
		"confidence<0.5 but x>1": `want and or or`,
		"confidence<0.5;":        `unexpected ";"`,
	} {
		if _, err := ParseCondition(cond); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseCondition(%q) = %v, want an error containing %q", cond, err, want)
		}
	}
}

type fixed struct{ res extract.Result }

func (f fixed) Extract(context.Context, article.Article) (extract.Result, error) { return f.res, nil }

type asker struct {
	asked int
	err   error
}

func (a *asker) ExtractWith(_ context.Context, _ article.Article, off extract.Result) (extract.Result, error) {
	a.asked++
	if a.err != nil {
		return extract.Result{}, a.err
	}
	off.Relations = []extract.RelationRecord{{Type: "TARGETED", Extractor: "llm"}}
	return off, nil
}

func TestCascade(t *testing.T) {
	unsure := extract.Result{Relations: []extract.RelationRecord{{Type: "TARGETED", Confidence: 0.5}}}
	sure := extract.Result{Relations: []extract.RelationRecord{{Type: "TARGETED", Confidence: 0.9}}}
	when, _ := ParseCondition("confidence<0.6")
	for _, tt := range []struct {
		name      string
		off       extract.Result
		err       error
		asked     int
		extractor string
		stats     Stats
	}{
		{"sure stays offline", sure, nil, 0, "", Stats{Articles: 1}},
		{"unsure goes to the model", unsure, nil, 1, "llm", Stats{Articles: 1, Asked: 1}},
		{"model failure keeps the offline result", unsure, fmt.Errorf("timeout: %w", extract.ErrSkipArticle), 1, "", Stats{Articles: 1, Asked: 1, FellBack: 1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := &asker{err: tt.err}
			x := New(fixed{tt.off}, m, when)
			res, err := x.Extract(context.Background(), article.Article{})
			if err != nil {
				t.Fatal(err)
			}
			if m.asked != tt.asked || res.Relations[0].Extractor != tt.extractor || x.Stats() != tt.stats {
				t.Errorf("asked %d, extractor %q, stats %+v; want %d, %q, %+v", m.asked, res.Relations[0].Extractor, x.Stats(), tt.asked, tt.extractor, tt.stats)
			}
		})
	}
	// an error that is no skip (the endpoint refused the key) stops the run
	m := &asker{err: fmt.Errorf("refused")}
	if _, err := New(fixed{unsure}, m, when).Extract(context.Background(), article.Article{}); err == nil {
		t.Error("an endpoint error was swallowed")
	}
}
