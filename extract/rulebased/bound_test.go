package rulebased

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/influencegraph/influencegraph/extract/relation/model"
)

// The shipped model bounds what a candidate's meetings add to its score,
// and the decider skips the candidates that bound says no meeting could
// lift: on the fixtures and a generated corpus, the relations are those
// of the same model read to the end.
func TestMeetingBoundChangesNoDecision(t *testing.T) {
	rules := testExtractor(t)
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	if m.MeetingBound == nil {
		t.Fatal("the shipped model has no meeting bound: make model")
	}
	unbounded := *m
	unbounded.MeetingBound = nil
	bounded, full := rules.WithModel(m), rules.WithModel(&unbounded)
	arts := corpus(200)
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "*", "article.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("fixtures: %v", err)
	}
	for _, p := range paths {
		arts = append(arts, readArticle(t, p))
	}
	n := 0
	for _, a := range arts {
		got, err := bounded.Extract(context.Background(), a)
		if err != nil {
			t.Fatal(err)
		}
		want, err := full.Extract(context.Background(), a)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Relations, want.Relations) {
			t.Errorf("%s: the bound changed the relations:\n got %+v\nwant %+v", a.Title, got.Relations, want.Relations)
		}
		n += len(got.Relations)
	}
	if n == 0 {
		t.Fatal("no relations decided")
	}
}
