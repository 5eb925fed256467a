package rulebased

import (
	"context"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/extract/relation/model"
)

// The shipped model bounds what a candidate's meetings add to its score,
// and the decider skips the candidates whose ends and pair score too low
// for that much to lift: a first, cheaper stage that may drop a relation
// the full reading keeps, never add one or change one it keeps. On the
// fixtures and a generated corpus, each relation decided with the bound is
// one decided without it, and few are dropped.
func TestMeetingBoundOnlyDropsRelations(t *testing.T) {
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
	kept, all := 0, 0
	for _, a := range arts {
		got, err := bounded.Extract(context.Background(), a)
		if err != nil {
			t.Fatal(err)
		}
		want, err := full.Extract(context.Background(), a)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range got.Relations {
			if !slices.ContainsFunc(want.Relations, func(x extract.RelationRecord) bool { return reflect.DeepEqual(x, r) }) {
				t.Errorf("%s: the bound made a relation reading to the end does not:\n%+v", a.Title, r)
			}
		}
		kept += len(got.Relations)
		all += len(want.Relations)
	}
	if all == 0 {
		t.Fatal("no relations decided")
	}
	t.Logf("the bound kept %d of %d relations", kept, all)
	if kept < all*9/10 {
		t.Errorf("the bound kept %d of %d relations: it should drop few", kept, all)
	}
}
