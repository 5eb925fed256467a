package graph

import (
	"reflect"
	"testing"

	"github.com/influencegraph/influencegraph/extract"
)

func TestEvidenceRow(t *testing.T) {
	text := "Headline\n\nOfficials said “Moscow” ran it. Next one."
	ev := "Officials said “Moscow” ran it."
	start := len("Headline\n\n")
	rel := extract.RelationRecord{Evidence: ev, Span: extract.Span{start, start + len(ev)}, Context: text, Attempted: true,
		Basis: extract.BasisInferred, Asserter: "United States", AttributionCue: "said"}
	tests := []struct {
		name string
		edit func(*extract.RelationRecord)
		want map[string]any
	}{
		{"context from the article's start", func(*extract.RelationRecord) {}, map[string]any{
			"attempted": true, "basis": "inferred", "asserter": "United States", "attribution_cue": "said",
			"context": text, "context_start": int64(0), "sentence_at": int64(10)}},
		{"context from later on, multi-byte quotes before the sentence", func(r *extract.RelationRecord) {
			r.Context, r.ContextStart = text[4:], 4
		}, map[string]any{"context": text[4:], "context_start": int64(4), "sentence_at": int64(6)}},
		{"context that does not hold the evidence is not stored", func(r *extract.RelationRecord) {
			r.ContextStart = 3
		}, map[string]any{"context": nil, "context_start": nil, "sentence_at": nil}},
		{"no context, no basis, no asserter", func(r *extract.RelationRecord) {
			r.Context, r.Basis, r.Asserter, r.AttributionCue, r.Attempted = "", "", "", "", false
		}, map[string]any{"attempted": false, "basis": nil, "asserter": nil, "attribution_cue": nil, "context": nil}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := rel
			tc.edit(&r)
			row := map[string]any{}
			evidenceRow(row, r)
			for k, want := range tc.want {
				if got := row[k]; !reflect.DeepEqual(got, want) {
					t.Errorf("%s = %#v, want %#v", k, got, want)
				}
			}
		})
	}
	// the character offset is where Cypher's substring finds the sentence
	row := map[string]any{}
	evidenceRow(row, rel)
	runes := []rune(row["context"].(string))
	at := int(row["sentence_at"].(int64))
	if got := string(runes[at : at+len([]rune(ev))]); got != ev {
		t.Errorf("substring at sentence_at = %q, want %q", got, ev)
	}
}

func TestClaimProvenance(t *testing.T) {
	claim := func(article, asserter, cue, attribution, basis string, attempted bool) map[string]any {
		return map[string]any{"article": article, "confidence": 0.5, "sentence": "s " + article, "asserter": nonEmpty(asserter),
			"attribution_cue": nonEmpty(cue), "attribution": nonEmpty(attribution), "basis": nonEmpty(basis), "attempted": attempted}
	}
	tests := []struct {
		name      string
		claims    []map[string]any
		basis     string
		attempted bool
		by        []string
	}{
		{"one stated claim makes the edge stated", []map[string]any{
			claim("a", "ODNI", "said", "the ODNI said", "inferred", true),
			claim("b", "United States", "accused", "The United States accused", "stated", false)},
			"stated", false, []string{"ODNI", "United States"}},
		{"inferred and attempted when every claim is", []map[string]any{
			claim("a", "", "added", "he added", "inferred", true), claim("b", "Microsoft", "according to", "according to Microsoft", "inferred", true)},
			"inferred", true, []string{"Microsoft"}},
		// an earlier extract: a clause, no cue, no basis
		{"a claim that does not say is stated, its clause its asserter", []map[string]any{
			claim("a", "", "", "a report released on Monday said", "", false)},
			"stated", false, []string{"a report released on Monday said"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := aggregate("k", tc.claims, 20)
			snap := provenance("k", false, tc.claims, 20)
			for _, props := range []map[string]any{got, snap} {
				if props["basis"] != tc.basis || props["attempted"] != tc.attempted {
					t.Errorf("basis %v attempted %v, want %v %v", props["basis"], props["attempted"], tc.basis, tc.attempted)
				}
			}
			if !reflect.DeepEqual(got["asserted_by"], tc.by) {
				t.Errorf("asserted_by = %#v, want %#v", got["asserted_by"], tc.by)
			}
			if by := snap["asserted_by"].([]string); len(by) != len(tc.by) {
				t.Errorf("SnapshotOf's asserted_by = %#v, want %#v", by, tc.by)
			}
		})
	}
}
