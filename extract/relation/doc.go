// Package relation finds who AUTHORISED, TARGETED and AMPLIFIED what in a
// resolved article, in four steps, a file each:
//
//   - candidate.go: the pairs of entities that may be related (named in one
//     sentence or two adjacent ones, or joined by a rule);
//   - features.go: what is known of each pair, as named features;
//   - model (the subpackage): a trained logistic regression per type;
//   - decide.go: the relations the model keeps, with evidence and why.
//
// rules.go holds the hand-written rules, whose relations are features of
// the decider, and the answer when no model is used.
package relation
