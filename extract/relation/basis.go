package relation

import "github.com/influencegraph/influencegraph/extract/resolve"

// A relation is stated when one sentence, its evidence, names both its
// ends ("Russia targeted the 2024 election", the pronoun or description
// the resolver ties to an entity counting as a name), and inferred
// otherwise: when a rule supplied an end the sentence does not name (the
// article's election for an act aimed at nothing named, default-election;
// a subject carried over from an earlier sentence, carry-over and
// antecedent; "It attributed the activity to X"), or when the two ends
// meet only across sentences or through the headline. Analysts weigh an
// inferred relation as the extractor's reading, not the article's words.

// names reports whether sentence si names entity e.
func names(d *resolve.Doc, si, e int) bool {
	for _, r := range d.Sentences[si].Refs {
		if r.Entity == e {
			return true
		}
	}
	return false
}

// inferred reports whether r is inferred: its evidence is not one
// sentence naming both its ends.
func inferred(d *resolve.Doc, r *Relation) bool {
	if r.Sentence < 0 || r.Sentence >= len(d.Sentences) {
		return true
	}
	s := &d.Sentences[r.Sentence]
	if r.Span[0] != s.Start || r.Span[1] != s.End {
		return true // more than one sentence
	}
	return !names(d, r.Sentence, r.Source) || !names(d, r.Sentence, r.Target)
}
