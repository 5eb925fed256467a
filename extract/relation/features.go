package relation

import (
	"sort"
	"strconv"
	"strings"

	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/extract/resolve"
	"github.com/influencegraph/influencegraph/extract/text"
)

// The features a model sees are strings named "family:value". Each
// family is one small function below; Features pools what they say about
// every meeting of a candidate, so a candidate's vector is the set of
// everything said of it anywhere in the article. Meeting-level features
// are kept apart as well, so the decoder can tell which sentence weighed
// most.

// maxBetween is how many words between the two ends are read as words;
// further apart, only the triggers between them count.
const maxBetween = 12

// Featurized is a candidate with its features.
type Featurized struct {
	Candidate
	// Article are the candidate's features: article-level ones and the
	// union of its meetings' (sorted, unique).
	Article []string
	// PerMeeting are the features of each meeting, in Meetings order.
	PerMeeting [][]string
}

// featureCtx is what the feature functions read about one meeting.
type featureCtx struct {
	f    *Finder
	d    *resolve.Doc
	m    Meeting
	emit func(string)
}

// Featurize computes the features of every candidate of d.
func (f *Finder) Featurize(d *resolve.Doc, cands []Candidate) []Featurized {
	out := make([]Featurized, len(cands))
	tags := newTagCache(f, d)
	for i, c := range cands {
		set := map[string]bool{}
		add := func(s string) { set[s] = true }
		articleFeatures(d, c, add)
		fz := Featurized{Candidate: c, PerMeeting: make([][]string, len(c.Meetings))}
		for k, m := range c.Meetings {
			ms := map[string]bool{}
			fc := featureCtx{f: f, d: d, m: m, emit: func(s string) { ms[s] = true; set[s] = true }}
			meetingFeatures(&fc, tags)
			fz.PerMeeting[k] = sortedKeys(ms)
		}
		fz.Article = sortedKeys(set)
		out[i] = fz
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// articleFeatures are what a candidate is as a whole: the types and
// countries of its ends, how often they meet, what the rules said.
func articleFeatures(d *resolve.Doc, c Candidate, emit func(string)) {
	a, b := d.Entities[c.Source], d.Entities[c.Target]
	types := a.Type + ">" + b.Type
	emit("types:" + types)
	emit("bias")
	if a.Subtype != "" {
		emit("asub:" + a.Subtype)
	}
	if b.Subtype != "" {
		emit("bsub:" + b.Subtype)
	}
	ca, cb := countryOf(a), countryOf(b)
	if a.Type == kb.TypeState {
		emit("astate:" + a.ISO2)
	}
	switch {
	case ca != "" && ca == cb:
		emit("country:same")
	case ca != "" && cb != "":
		emit("country:differ")
	default:
		emit("country:unknown")
	}
	if d.Home != "" && ca == d.Home {
		emit("a:home")
	}
	if d.Home != "" && cb == d.Home {
		emit("b:home")
	}
	emit("ameet:" + bucket(len(c.Meetings)))
	emit("amentions:" + bucket(len(a.Mentions)))
	emit("bmentions:" + bucket(len(b.Mentions)))
	if b.Type == resolve.TypeElection && isFocal(d, c.Target) {
		emit("b:focal-election")
	}
	same := 0
	for _, m := range c.Meetings {
		if m.SA == m.SB {
			same++
		}
	}
	emit("samesent:" + bucket(same))
	for _, r := range c.Rules {
		dir := "rule"
		if r.Source != c.Source {
			dir = "rrev"
		}
		name, _, _ := strings.Cut(r.Rule, ":")
		emit(dir + ":" + r.Type)
		emit(dir + ":" + r.Type + ":" + name)
		emit(dir + "-types:" + r.Type + ":" + types)
		if r.Negated {
			emit(dir + "-neg:" + r.Type)
		}
		if len(r.Hedges) > 0 {
			emit(dir + "-hedged")
		}
	}
}

// meetingFeatures are what one meeting says: where the two stand, the
// words and triggers between them, who reports.
func meetingFeatures(fc *featureCtx, tags *tagCache) {
	m := fc.m
	emit := fc.emit
	d := fc.d
	types := d.Entities[m.A.Entity].Type + ">" + d.Entities[m.B.Entity].Type
	refFeatures("a", m.A, emit)
	refFeatures("b", m.B, emit)
	if d.Sentences[m.SA].Heading {
		emit("heading")
	}
	if m.SA != m.SB {
		crossFeatures(fc, tags, types)
		return
	}
	s := &d.Sentences[m.SA]
	tg := tags.of(m.SA)
	ia, ib := tokenAt(s.Tokens, m.A.Start), tokenAt(s.Tokens, m.B.Start)
	ea, eb := tokenAt(s.Tokens, m.A.End-1), tokenAt(s.Tokens, m.B.End-1)
	lo, hi := ea+1, ib // between the two, in text order
	order := "ab"
	if ib < ia {
		order = "ba"
		lo, hi = eb+1, ia
	}
	emit("order:" + order)
	emit("dist:" + distBucket(hi-lo))
	if ia == firstRefToken(s) {
		emit("a:first")
	}
	var btw []string
	sawTrig := false
	for k := lo; k < hi && k < len(s.Tokens); k++ {
		w := s.Tokens[k].Lower
		if hi-lo <= maxBetween {
			emit("w:" + order + ":" + w)
			btw = append(btw, w)
		}
		for _, t := range tg[k] {
			sawTrig = true
			emit("trig:" + order + ":" + t)
			emit("trig-types:" + order + ":" + t[:2] + ":" + types)
		}
		if fc.f.lex.ReportVerbs[w] {
			emit("report:" + order)
		}
		if isNegation(w) {
			emit("neg:between")
		}
	}
	if !sawTrig {
		emit("notrig:" + order)
	}
	if len(btw) > 0 && len(btw) <= 3 {
		emit("btw:" + order + ":" + strings.Join(btw, "_"))
	}
	// the words just outside the pair
	first, last := min(ia, ib), max(ea, eb)
	if first > 0 {
		emit("left:" + s.Tokens[first-1].Lower)
	}
	if last+1 < len(s.Tokens) {
		emit("right:" + s.Tokens[last+1].Lower)
		for _, t := range tg[last+1] {
			emit("rtrig:" + order + ":" + t)
		}
	}
	if last+2 < len(s.Tokens) {
		emit("right2:" + s.Tokens[last+2].Lower)
	}
	// a reporting verb right after the source: "X said", "X accused"
	if ea+1 < len(s.Tokens) && fc.f.lex.ReportVerbs[s.Tokens[ea+1].Lower] {
		emit("a:says")
	}
	if eb+1 < len(s.Tokens) && fc.f.lex.ReportVerbs[s.Tokens[eb+1].Lower] {
		emit("b:says")
	}
	if ia > 0 && s.Tokens[ia-1].Lower == "by" {
		emit("a:by")
	}
	for k := range s.Tokens {
		if isNegation(s.Tokens[k].Lower) {
			emit("neg:sentence")
			break
		}
	}
	for k := range s.Tokens {
		if s.Tokens[k].Lower == "denied" || s.Tokens[k].Lower == "denies" || s.Tokens[k].Lower == "rejected" {
			emit("denial")
			break
		}
	}
}

// crossFeatures are those of a meeting across two adjacent sentences:
// the triggers after the source in its sentence and before the target in
// the next.
func crossFeatures(fc *featureCtx, tags *tagCache, types string) {
	m := fc.m
	emit := fc.emit
	emit("cross")
	sa, sb := &fc.d.Sentences[m.SA], &fc.d.Sentences[m.SB]
	ta, tb := tags.of(m.SA), tags.of(m.SB)
	ea := tokenAt(sa.Tokens, m.A.End-1)
	ib := tokenAt(sb.Tokens, m.B.Start)
	if m.SA < m.SB {
		emit("cross:forward")
		for k := ea + 1; k < len(sa.Tokens); k++ {
			for _, t := range ta[k] {
				emit("xtrig-a:" + t[:2] + ":" + types)
			}
		}
		for k := 0; k < ib && k < len(sb.Tokens); k++ {
			for _, t := range tb[k] {
				emit("xtrig-b:" + t[:2] + ":" + types)
			}
		}
	} else {
		emit("cross:back")
	}
	if ib == firstRefToken(sb) {
		emit("b:first")
	}
}

// refFeatures say how a mention stands: as an actor, a modifier ("US
// officials"), a possessor, a demonym.
func refFeatures(side string, r resolve.Ref, emit func(string)) {
	if r.Actor {
		emit(side + ":actor")
	}
	if r.Modifier {
		emit(side + ":modifier")
	}
	if r.Possessive {
		emit(side + ":possessive")
	}
	if r.Demonym {
		emit(side + ":demonym")
	}
}

// tagCache holds, per sentence, the trigger tags of each token: for
// every trigger phrase starting at the token, "TY:phrase" with TY the
// first two letters of its type.
type tagCache struct {
	f    *Finder
	d    *resolve.Doc
	tags map[int][][]string
}

func newTagCache(f *Finder, d *resolve.Doc) *tagCache {
	return &tagCache{f: f, d: d, tags: map[int][][]string{}}
}

func (tc *tagCache) of(si int) [][]string {
	if t, ok := tc.tags[si]; ok {
		return t
	}
	toks := tc.d.Sentences[si].Tokens
	low := make([]string, len(toks))
	for i, t := range toks {
		low[i] = t.Lower
	}
	out := make([][]string, len(toks))
	for i, w := range low {
		for _, t := range tc.f.candidates(w) {
			if t.Phrase.Match(low[i:]) {
				out[i] = append(out[i], t.Type[:2]+":"+strings.Join(t.Phrase, " "))
			}
		}
	}
	tc.tags[si] = out
	return out
}

func isNegation(w string) bool {
	switch w {
	case "not", "n't", "never", "no", "without", "nor", "neither", "denied", "denies", "deny", "false", "unfounded", "baseless":
		return true
	}
	return false
}

func countryOf(e *resolve.Entity) string {
	if e.Type == kb.TypeState {
		return e.ISO2
	}
	return e.Country
}

func isFocal(d *resolve.Doc, i int) bool { return focalElection(d) == i }

func bucket(n int) string {
	switch {
	case n <= 2:
		return strconv.Itoa(n)
	case n <= 4:
		return "3-4"
	}
	return "5+"
}

func distBucket(n int) string {
	switch {
	case n <= 1:
		return "0-1"
	case n <= 4:
		return "2-4"
	case n <= 9:
		return "5-9"
	case n <= 15:
		return "10-15"
	}
	return "16+"
}

// tokenAt is the index of the token containing byte pos (the last
// token starting at or before it).
func tokenAt(toks []text.Token, pos int) int {
	i := sort.Search(len(toks), func(i int) bool { return toks[i].Start > pos })
	return max(i-1, 0)
}

func firstRefToken(s *resolve.Sentence) int {
	if len(s.Refs) == 0 {
		return -1
	}
	first := s.Refs[0].Start
	for _, r := range s.Refs {
		first = min(first, r.Start)
	}
	return tokenAt(s.Tokens, first)
}
