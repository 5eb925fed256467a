package graph

import (
	"unicode/utf8"

	"github.com/influencegraph/influencegraph/extract"
)

// What a claim says of its own standing: who asserts it, whether its
// sentence states it or the extractor inferred it, whether it reports an
// attempt, and the text around its sentence. The loader writes these on
// the Claim and sums them up on the actor relationship (basis,
// attempted, asserted_by), the same way whether it adds claims to kept
// provenance or recomputes it, and SnapshotOf does too.

// evidenceRow adds to a claim row the properties this file fills (the
// last ones of claimProps).
func evidenceRow(row map[string]any, rel extract.RelationRecord) {
	row["attempted"] = rel.Attempted
	row["basis"] = nonEmpty(rel.Basis)
	row["asserter"] = nonEmpty(rel.Asserter)
	row["attribution_cue"] = nonEmpty(rel.AttributionCue)
	row["context"], row["context_start"], row["sentence_at"] = nil, nil, nil
	if at, ok := sentenceAt(rel); ok {
		row["context"] = rel.Context
		row["context_start"] = int64(rel.ContextStart)
		row["sentence_at"] = int64(at)
	}
}

// sentenceAt is where the evidence starts in the context, counted in
// characters (Unicode code points) as Cypher's substring() counts them:
// substring(c.context, c.sentence_at, size(c.sentence)) = c.sentence.
// ok is false when there is no context or it does not hold the evidence
// at its span (then the context is not stored: it would mislead).
func sentenceAt(rel extract.RelationRecord) (int, bool) {
	lo, hi := rel.Span[0]-rel.ContextStart, rel.Span[1]-rel.ContextStart
	if rel.Context == "" || lo < 0 || hi > len(rel.Context) || lo > hi || rel.Context[lo:hi] != rel.Evidence {
		return 0, false
	}
	return utf8.RuneCountInString(rel.Context[:lo]), true
}

// claimAsserter is who asserts a claim (a row as prepare builds it or as the
// loader reads it back): its asserter, or for a claim extracted before
// asserters were told apart from their clause (no cue either), the
// clause.
func claimAsserter(row map[string]any) string {
	if a, _ := row["asserter"].(string); a != "" {
		return a
	}
	if cue, _ := row["attribution_cue"].(string); cue != "" {
		return "" // a clause whose asserter is no name ("he added")
	}
	a, _ := row["attribution"].(string)
	return a
}

// claimInferred reports whether a claim is inferred; a claim that does
// not say (an earlier extract, a language model) counts as stated.
func claimInferred(row map[string]any) bool {
	b, _ := row["basis"].(string)
	return b == extract.BasisInferred
}

// claimAttempted reports whether a claim reports an attempt.
func claimAttempted(row map[string]any) bool {
	a, _ := row["attempted"].(bool)
	return a
}

// basisOf is a relationship's basis: inferred when every claim is.
func basisOf(inferred bool) string {
	if inferred {
		return extract.BasisInferred
	}
	return extract.BasisStated
}
