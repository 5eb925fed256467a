package relation

// The hand-written rules (Finder.Find). Triggers come from the lexicon;
// sources and targets from sentence structure: the actor before a trigger
// (skipping reporting clauses, appositions and "under the direction of"
// asides), "by" agents of passives, coordinated subjects and objects, the
// objects in a short window after the trigger, and a subject carried over
// from the previous sentence when the text continues it ("The network
// ...", "It ..."). Negation, hedging and attribution are recorded on each
// relation. Their relations are features of the learned decider
// (decide.go); with no model they are the answer.

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/extract/lexicon"
	"github.com/influencegraph/influencegraph/extract/resolve"
	"github.com/influencegraph/influencegraph/extract/text"
)

// Relation is one claim with its evidence.
type Relation struct {
	Type           string
	Source, Target int // entity indices
	Negated        bool
	Confidence     float64
	Sentence       int
	Span           [2]int
	Trigger        string
	Rule           string
	Hedges         []string
	// Attempted is set when the sentence reports the act as an attempt
	// ("sought to", "attempted"): an act, not a hedge (cues.go).
	Attempted bool
	// Inferred is set when no one sentence of the evidence names both
	// ends (basis.go).
	Inferred bool
	// Denial is set when the evidence is the accused's denial of the act
	// (denial.go): never the evidence of a relation in the output.
	Denial bool
	// Better is a later statement of the same relation with better
	// evidence (no denial; naming both ends where this one does not).
	// Find keeps each relation's first statement, which the relation
	// model reads as a feature; the output takes Better's evidence.
	Better *Relation
	// Attribution is the reporting clause as the text has it ("The
	// United States on Friday released a report saying that"); Asserter
	// is who asserts, the entity's name when AttributedTo is an entity
	// ("United States"), else the text's words ("the indictment"), and
	// AttributionCue the reporting words ("said", "according to").
	Attribution    string
	AttributedTo   int // entity index, -1 when none
	Asserter       string
	AttributionCue string
	// Why lists the features that weighed most when a model decided it.
	Why []string
}

// Finder finds relations. It is safe for concurrent use.
type Finder struct {
	lex      *lexicon.Lexicon
	triggers []lexicon.Trigger
	// byFirst indexes triggers by their first word ("x" for exact words,
	// "x*" prefixes under their first three letters), longest first.
	byExact, byPrefix map[string][]lexicon.Trigger
	short             []lexicon.Trigger // prefixes under three letters
	negFirst          map[string]bool   // first words of sentence-wide negations
	attempts          cueList           // the lexicon's attempt phrases
	hedgeCues         cueList           // the lexicon's hedges: first words, prefixes

	// cands, candsPrefix and candsShort hold what candidates returns,
	// computed once: for each exact first word, for each three-letter
	// prefix of any other word, and for any other word.
	cands, candsPrefix map[string][]lexicon.Trigger
	candsShort         []lexicon.Trigger
	// candsPair has the bit of every two-byte start of a cands or
	// candsPrefix key: a word starting otherwise looks neither up.
	candsPair [1 << 16 / 64]uint64
	// candsTriple screens a word's first three bytes before candsPrefix
	// is looked up.
	candsTriple *lexicon.WordFilter
	// operatorLinks screens words before operatorLink is looked up.
	operatorLinks *lexicon.WordFilter
	// pool keeps Find's scratch memory between articles.
	pool sync.Pool
	// words classes the words of the lexicon's lists.
	words wordIndex
	// actorNouns is the lexicon's actor nouns.
	actorNouns *lexicon.WordSet
}

// New returns a finder over the lexicon's triggers, longest first.
func New(lex *lexicon.Lexicon) *Finder {
	tr := append([]lexicon.Trigger(nil), lex.Triggers...)
	sort.SliceStable(tr, func(i, j int) bool { return len(tr[i].Phrase) > len(tr[j].Phrase) })
	f := &Finder{lex: lex, triggers: tr, byExact: map[string][]lexicon.Trigger{}, byPrefix: map[string][]lexicon.Trigger{}}
	f.attempts = newCueList(lex.Attempts)
	f.hedgeCues = newCueList(lex.Hedges)
	f.negFirst = map[string]bool{}
	for _, n := range lex.SentenceNegations {
		f.negFirst[n[0]] = true
	}
	for _, t := range tr {
		w := t.Phrase[0]
		if p, ok := strings.CutSuffix(w, "*"); ok {
			k := p
			if len(k) > 3 {
				k = k[:3]
			}
			f.byPrefix[k] = append(f.byPrefix[k], t)
			if len(p) < 3 {
				f.short = append(f.short, t)
			}
		} else {
			f.byExact[w] = append(f.byExact[w], t)
		}
	}
	f.cands = map[string][]lexicon.Trigger{}
	for w := range f.byExact {
		f.cands[w] = f.mergeCandidates(f.byExact[w], w)
	}
	f.candsPrefix = map[string][]lexicon.Trigger{}
	for k := range f.byPrefix {
		if len(k) == 3 {
			f.candsPrefix[k] = f.mergeCandidates(nil, k)
		}
	}
	f.candsShort = f.mergeCandidates(nil, "")
	f.candsTriple = lexicon.NewWordFilter(f.candsPrefix)
	f.operatorLinks = lexicon.NewWordFilter(operatorLink)
	f.words = newWordIndex(f)
	f.actorNouns = lexicon.NewWordSet(lex.ActorNouns)
	for _, m := range []map[string][]lexicon.Trigger{f.cands, f.candsPrefix} {
		for k := range m {
			if len(k) >= 2 {
				p := uint16(k[0])<<8 | uint16(k[1])
				f.candsPair[p/64] |= 1 << (p % 64)
			}
		}
	}
	return f
}

// candidates returns the triggers whose first word may match w, longest
// first. The slice is shared: callers must not modify it.
func (f *Finder) candidates(w string) []lexicon.Trigger {
	return f.candidatesOf(w, f.words.info(w))
}

// candidatesOf is candidates for a word whose index entry is in (nil for
// a word the index does not hold).
func (f *Finder) candidatesOf(w string, in *wordInfo) []lexicon.Trigger {
	if in != nil && in.hasCands {
		return in.cands
	}
	if len(w) >= 2 {
		if p := uint16(w[0])<<8 | uint16(w[1]); f.candsPair[p/64]&(1<<(p%64)) == 0 {
			return f.candsShort
		}
	}
	if len(w) >= 3 && f.candsTriple.MayHave(w[:3]) {
		if c, ok := f.candsPrefix[w[:3]]; ok {
			return c
		}
	}
	return f.candsShort
}

// mergeCandidates computes candidates(w) from the indexes, ex being
// the triggers whose first word is exactly w.
func (f *Finder) mergeCandidates(ex []lexicon.Trigger, w string) []lexicon.Trigger {
	var pr []lexicon.Trigger
	if len(w) >= 3 {
		pr = f.byPrefix[w[:3]]
	}
	if len(f.short) > 0 {
		pr = append(append([]lexicon.Trigger(nil), pr...), f.short...)
	}
	if len(pr) == 0 {
		return ex
	}
	if len(ex) == 0 {
		return pr
	}
	out := append(append([]lexicon.Trigger(nil), ex...), pr...)
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].Phrase) > len(out[j].Phrase) })
	return out
}

type trig struct {
	typ        string
	start, end int // token indices [start, end)
	text       string
	passive    bool
	// targetOf marks "X was a target for/of Y": a noun passive whose
	// agent follows "for" or "of".
	targetOf bool
	// claims marks "attacking X with claims": X is targeted and claims
	// about X are spread.
	claims bool
	// agentRefs are the refs a "by" agent or "under the direction of"
	// aside names as the source.
	agentRefs []int
	aside     [2]int // token range to skip when looking for other sources
	sources   []int  // ref indices
	targets   []int  // ref indices
	inherited bool
	// judged is set for "X called the statement an attempt to
	// interfere": the act is that of whoever made the statement.
	judged bool
	// blocked is set when a common noun is the trigger's subject
	// ("videos spreading"): it neither has nor passes on an actor.
	blocked bool
	// voters is set when the trigger acts on "voters" or "the electorate".
	voters bool
	// partner is set for "coordinated with X": X is an accomplice, not
	// an object.
	partner bool
	// unnamed is set for "an attempt by any state": the agent is given
	// but is no entity, so no one else in the sentence is the actor.
	unnamed bool
	// peoples are states whose people or institutions the trigger acts on
	// ("American voters", "German society"): entity indices.
	peoples []int
	// neg caches claimNegated once negKnown is set.
	neg, negKnown bool
}

type sentenceState struct {
	d       *resolve.Doc
	s       *resolve.Sentence
	toks    []text.Token
	low     []string    // lower-case token texts
	info    []*wordInfo // index entry of each token's lower-case text, or nil
	refAt   []int       // token index -> ref index + 1
	attrEnd int         // tokens before attrEnd are an attribution zone
	trailAt int         // tokens from trailAt on are a trailing attribution
	skip    []bool
	// attr and attrTo cache sentenceAttribution once attrKnown is set.
	attr      string
	attrTo    int
	attrKnown bool
	// asserter and cue split attr: who asserts, as the text names it,
	// and the reporting words ("said", "according to").
	asserter, cue string
}

// Find returns the relations of the document, deduplicated on (source,
// type, target, negated) with the first evidence kept.
func (f *Finder) Find(d *resolve.Doc) []Relation {
	var out []Relation
	sc := f.getScratch()
	defer f.pool.Put(sc)
	seen := sc.seen
	lastSources := []int(nil) // entity indices of the last sentence's source
	lastAge := 0
	var recent []sentTargets // what the operations of earlier sentences aimed at
	var lastRels []Relation  // the relations of the last sentence that had some
	focal := focalElection(d)
	// the only election of an article that speaks for no country is its
	// subject, whatever country dominates the text
	if focal >= 0 && d.Country >= 0 && (elections(d) > 1 || d.Home != "") && d.Entities[focal].Country != d.Home {
		// an election of another country, mentioned in passing, is not
		// what this article's actors aim at by default
		if cc := d.Entities[focal].Country; cc != "" && cc != d.Entities[d.Country].ISO2 {
			focal = -1
		}
	}
	for si := range d.Sentences {
		var justAimed []int // what the operation of the sentence just before aimed at
		if n := len(recent); n > 0 && recent[n-1].si == si-1 {
			justAimed = recent[n-1].targets
		}
		rels, srcs := f.sentence(sc, d, si, lastSources, lastAge, focal, recentTargets(recent, si), justAimed)
		// "It attributed the activity to X": X did what was just described
		var who []int
		if len(lastRels) > 0 && si-lastRels[0].Sentence <= 2 {
			who = f.attributedTo(d, si)
		}
		if len(who) > 0 {
			for _, w := range who {
				for _, r := range lastRels {
					if r.Negated || r.Type == lexicon.Authorised || r.Target == w || !sourceOK(r.Type, d.Entities[w].Type) {
						continue
					}
					c := r
					c.Source, c.Sentence, c.Rule, c.Confidence = w, si, "attributed:"+r.Type, 0.6
					c.Span = [2]int{d.Sentences[si].Start, d.Sentences[si].End}
					c.Trigger = "attributed"
					c.AttributedTo = -1
					c.Attribution, c.Asserter, c.AttributionCue = "", "", ""
					rels = append(rels, c)
				}
			}
			srcs = append(srcs, who...)
		}
		if len(rels) > 0 {
			lastRels = rels
		}
		if tg := relTargets(rels); len(tg) > 0 {
			recent = append(recent, sentTargets{si, tg})
		}
		for _, r := range rels {
			neg := 0
			if r.Negated {
				neg = 1
			}
			k := [4]int{r.Source, typeCode(r.Type), r.Target, neg}
			r.Inferred = inferred(d, &r)
			r.Denial = denialEvidence(&f.words, d, &r)
			if at := seen[k]; at > 0 {
				out[at-1].offer(r) // the first statement stays the model's feature
				continue
			}
			out = append(out, r)
			seen[k] = len(out)
		}
		if len(srcs) == 0 {
			srcs = topicActors(d, si)
		}
		if len(srcs) > 0 {
			lastSources, lastAge = srcs, 0
		} else {
			lastAge++
		}
	}
	return out
}

// sentTargets are the entities the relations of one sentence aim at.
type sentTargets struct {
	si      int
	targets []int
}

// recentTargets are the aims of the operations described in the two last
// sentences with relations, if they are at most three sentences back: what
// "the operation" or "the effort" of the next sentence aimed at.
func recentTargets(recent []sentTargets, si int) []int {
	var out []int
	for k := len(recent) - 1; k >= 0 && k >= len(recent)-2; k-- {
		if si-recent[k].si > 3 {
			break
		}
		out = append(out, recent[k].targets...)
	}
	return dedupInts(out)
}

func relTargets(rels []Relation) []int {
	var out []int
	for _, r := range rels {
		// what was promoted is a narrative's subject, not an aim
		if !r.Negated && r.Type == lexicon.Targeted {
			out = append(out, r.Target)
		}
	}
	return dedupInts(out)
}

// fallbackAims are what an operation with no object named in its own
// sentence aimed at: the aims of the operation just described, and the
// article's election.
func fallbackAims(d *resolve.Doc, t *trig, opTargets []int, focal int) []int {
	out := append([]int(nil), opTargets...)
	for _, e := range out {
		if d.Entities[e].Type == resolve.TypeElection {
			return dedupInts(out) // the election that operation aimed at
		}
	}
	if focal >= 0 && t.typ != lexicon.Amplified || len(out) == 0 && focal >= 0 {
		out = append(out, focal)
	}
	return dedupInts(out)
}

// antecedent returns the entity a sentence-initial definite description
// ("The association ...", "The Moscow-based group ...") refers back to:
// the most recent entity of a type the noun can name in this or the three
// previous sentences, preferring one whose name ends in that noun; -1 when
// the sentence does not open so or nothing fits.
func (f *Finder) antecedent(st *sentenceState, si int, t *trig) int {
	toks := st.toks
	noun := f.openingNoun(st, t)
	if noun < 0 {
		return -1
	}
	types := f.lex.ActorRefs[st.low[noun]]
	company := st.low[noun] == "company" || st.low[noun] == "firm"
	d := st.d
	// the nearest entity of the first type that has one, unless one
	// further back bears the noun in its name ("the foundation")
	best, bestRank := -1, len(types)
	for sj := si; sj >= 0 && sj >= si-5; sj-- {
		refs := d.Sentences[sj].Refs
		for k := len(refs) - 1; k >= 0; k-- {
			r := refs[k]
			if sj == si && r.Start >= toks[noun].Start || r.Demonym || r.Modifier || f.speaks(d.Sentences[sj].Tokens, r) {
				continue
			}
			e := d.Entities[r.Entity]
			rank := slices.Index(types, e.Type)
			if rank < 0 || e.Subtype == "platform" && !company {
				continue // a platform is where content ran, not "the group"
			}
			if e.Type == kb.TypeOrganisation && !company && notOperator[e.Subtype] && !strings.HasSuffix(strings.ToLower(e.Name), " "+st.low[noun]) {
				continue // "the group" is not the party it helped or the outlet that reported
			}
			if strings.HasSuffix(strings.ToLower(e.Name), " "+st.low[noun]) {
				return r.Entity
			}
			if rank < bestRank {
				best, bestRank = r.Entity, rank
			}
		}
	}
	return best
}

// operationObject reports whether the trigger's object is the operation
// just described ("directed the effort", "ordered the campaign").
func (f *Finder) operationObject(st *sentenceState, t *trig) bool {
	for k := t.end; k < len(st.toks) && k < t.end+3; k++ {
		switch st.low[k] {
		case "the", "this", "that", "these", "those", "its", "their", "whole", "wider", "entire":
			continue
		}
		return f.lex.OperationNouns[st.low[k]]
	}
	return false
}

// otherObject reports a trigger whose object is named and is no entity
// ("attacks on power grids", "campaign against corruption"): it does
// not aim at the article's election.
func (st *sentenceState) otherObject(t *trig) bool {
	if t.end >= len(st.low) {
		return false
	}
	switch st.low[t.end] {
	case "on", "against":
	default:
		return false
	}
	for k := t.end + 1; k < len(st.low) && k <= t.end+3; k++ {
		if st.refAt[k] != 0 {
			return false
		}
		if st.low[k] == "election" || st.low[k] == "elections" || st.low[k] == "vote" {
			return false
		}
	}
	return true
}

// judgedNoun are what a speaker may call an attempt to interfere: the
// previous sentence's act ("called the statement an attempt to ...").
var judgedNoun = map[string]bool{"statement": true, "claims": true, "claim": true, "remarks": true,
	"allegations": true, "comments": true, "move": true, "campaign": true, "operation": true}

// operatorLinked reports "linked to", "tied to", "associated with" or
// "connected to" at token i after a comma or "one"/"other"/"another":
// an aside that names who is behind the act the sentence describes.
func operatorLinked(low []string, i int) bool {
	if i+1 >= len(low) || i < 1 {
		return false
	}
	switch low[i] {
	case "linked", "tied":
		if low[i+1] != "to" {
			return false
		}
	case "associated":
		if low[i+1] != "with" {
			return false
		}
	case "connected":
		if low[i+1] != "to" && low[i+1] != "with" {
			return false
		}
	default:
		return false
	}
	p := low[i-1]
	return p == "," || p == "one" || p == "other" || p == "another" || p == "both"
}

// staffOf reports ref ri introduced by "officers of", "hackers from" and
// the like and followed, from token k, by the trigger at token end with
// only auxiliaries and "also" between.
func (st *sentenceState) staffOf(ri, k, end int) bool {
	for j := k; j < end; j++ {
		if !auxiliary[st.low[j]] && !isBe(st.low[j]) && st.low[j] != "also" {
			return false
		}
	}
	ti := tokenIndex(st.toks, st.s.Refs[ri].Start)
	if ti > 0 && st.low[ti-1] == "the" {
		ti--
	}
	if ti < 2 {
		return false
	}
	switch st.low[ti-1] {
	case "of", "from", "at", "within":
		return staffNoun[st.low[ti-2]]
	}
	return false
}

// contentSubject reports content nouns from token k up to the trigger
// at token end, with only auxiliaries and "also" between ("accounts
// have also attacked"): the subject is content its owner ran.
func (st *sentenceState) contentSubject(k, end int) bool {
	if k >= end || !contentNoun[st.low[k]] {
		return false
	}
	for j := k + 1; j < end; j++ {
		if !auxiliary[st.low[j]] && !isBe(st.low[j]) && st.low[j] != "also" {
			return false
		}
	}
	return true
}

// nameFollows reports a name at token k or after at most three words of
// a title there ("favour former president Donald Trump"), but not after
// a noun with its own preposition ("closer ties with Moscow").
func nameFollows(st *sentenceState, k int) bool {
	for n := 0; n < 3 && k < len(st.low) && st.refAt[k] == 0; n++ {
		switch st.low[k] {
		case "with", "that", "of", "to", "in", "for", "and", "or", "parties", "ties", "candidates", "policies":
			return false
		}
		if !st.toks[k].Word() {
			return false
		}
		k++
	}
	return k < len(st.low) && st.refAt[k] != 0
}

// whetherBefore reports a trigger inside a "whether" clause: "whether"
// at most ten words before it with no comma or full stop between.
func (st *sentenceState) whetherBefore(t *trig) bool {
	for k := t.start - 1; k >= 0 && k >= t.start-10; k-- {
		switch st.low[k] {
		case "whether":
			return true
		case ",", ";", ".":
			return false
		}
	}
	return false
}

// duringElection reports "during the campaign" or "during the vote"
// after the trigger: content about no named entity, spread in the
// article's election, is about that election.
func (st *sentenceState) duringElection(t *trig) bool {
	for k := t.end; k+2 < len(st.low) && k < t.end+12; k++ {
		if st.low[k] != "during" {
			continue
		}
		if st.low[k+1] != "the" && st.low[k+1] != "this" && st.low[k+1] != "that" {
			return false
		}
		switch st.low[k+2] {
		case "campaign", "election", "vote", "referendum", "race", "runoff", "polls":
			return true
		}
		return false
	}
	return false
}

// namePair reports a name hyphenated to another capitalised name, as in
// "UK-US trade talks" or "US-China relations": the pair qualifies a noun.
func namePair(src string, r resolve.Ref) bool {
	capAt := func(i int) bool { return i >= 0 && i < len(src) && 'A' <= src[i] && src[i] <= 'Z' }
	letterAt := func(i int) bool { return i >= 0 && i < len(src) && unicode.IsLetter(rune(src[i])) }
	if r.End+1 < len(src) && src[r.End] == '-' && capAt(r.End+1) {
		return true
	}
	return r.Start >= 2 && src[r.Start-1] == '-' && letterAt(r.Start-2) && capAt(r.Start) && capAt(strings.LastIndexFunc(src[:r.Start-1], func(c rune) bool { return !unicode.IsLetter(c) })+1)
}

// namedObject reports a trigger that ends in its preposition ("in
// support of", "favourable to"): its object is spelled out right after,
// so when that object is no entity the act aims at none.
func namedObject(t *trig) bool {
	return strings.HasSuffix(t.text, " of") || strings.HasSuffix(t.text, " to") || strings.HasSuffix(t.text, " about")
}

// officialDocBefore reports "alleging that" or "claiming that" right
// after an official document ("documents alleging that", "an indictment
// claiming that"), at most three words back.
func officialDocBefore(st *sentenceState, t *trig) bool {
	if t.text != "alleging that" && t.text != "claiming that" {
		return false
	}
	for k := t.start - 1; k >= 0 && k >= t.start-3; k-- {
		switch st.low[k] {
		case "documents", "document", "indictment", "indictments", "findings", "assessment", "assessments", "files", "dossier":
			return true
		}
	}
	return false
}

// claimedBefore reports a trigger inside the complement of an earlier
// "claiming that" or "alleging that" in the same sentence.
func claimedBefore(trigs []trig, i int) bool {
	for j := 0; j < i; j++ {
		u := &trigs[j]
		if u.typ == lexicon.Amplified && (u.text == "claiming that" || u.text == "alleging that") {
			return true
		}
	}
	return false
}

// foreignElections reports a trigger whose object is elections in
// general ("denied interfering in foreign elections", "in other
// countries' elections"): not the article's election.
func (st *sentenceState) foreignElections(t *trig) bool {
	for k := t.end; k < len(st.low) && k <= t.end+4; k++ {
		switch st.low[k] {
		case "foreign", "other", "others'", "any":
			for m := k + 1; m < len(st.low) && m <= k+3; m++ {
				if st.low[m] == "elections" || st.low[m] == "countries" || st.low[m] == "countries'" || st.low[m] == "states" || st.low[m] == "nations" {
					return true
				}
			}
		case ".", ";":
			return false
		}
	}
	return false
}

// boundaryBetween reports a clause boundary word between two tokens.
func (st *sentenceState) boundaryBetween(a, b int) bool {
	for k := a; k < b && k < len(st.low); k++ {
		if clauseBoundary[st.low[k]] {
			return true
		}
	}
	return false
}

// pronounAntecedent resolves "it" as the trigger's subject ("there was
// no indication it had taken part", "it also bought ads"): the nearest
// operator group or acting body before it, in this or the two previous
// sentences, that is not a speaker, a platform or a party; -1 if none.
func (f *Finder) pronounAntecedent(st *sentenceState, si int, t *trig) int {
	k := t.start - 1
	for k >= 0 && (auxiliary[st.low[k]] || isBe(st.low[k]) || st.low[k] == "not" || st.low[k] == "never") {
		k--
	}
	if k < 0 || st.low[k] != "it" {
		return -1
	}
	d := st.d
	for sj := si; sj >= 0 && sj >= si-2; sj-- {
		refs := d.Sentences[sj].Refs
		for n := range refs {
			// the nearest in its own sentence, the subject of earlier ones
			j := n
			if sj == si {
				j = len(refs) - 1 - n
			}
			r := refs[j]
			if sj == si && r.Start >= st.toks[k].Start || r.Demonym || r.Modifier || f.speaks(d.Sentences[sj].Tokens, r) {
				continue
			}
			e := d.Entities[r.Entity]
			switch {
			case e.Type == kb.TypeOrganisation && !notOperator[e.Subtype] && e.Subtype != "platform":
				return r.Entity
			case e.Type == kb.TypeAgency && (e.Subtype == "intelligence" || e.Subtype == "military" || e.Subtype == "state-media"):
				return r.Entity
			}
		}
	}
	return -1
}

// openingNoun returns the token index of the noun of a sentence-opening
// definite description of an actor ("The association", "The Moscow-based
// group"), or -1.
func (f *Finder) openingNoun(st *sentenceState, t *trig) int {
	toks := st.toks
	from := st.attrEnd
	if from+1 >= len(toks) || st.low[from] != "the" && st.low[from] != "this" {
		return -1
	}
	for k := from + 1; k < len(toks) && k < from+4 && k < t.start; k++ {
		if st.refAt[k] != 0 {
			return -1 // "The Kremlin", "the Carpathian group"
		}
		if _, ok := f.lex.ActorRefs[st.low[k]]; ok {
			if k+2 < len(toks) && st.low[k+1] == "'s" && (f.lex.OperationNouns[st.low[k+2]] || contentNoun[st.low[k+2]] || contentItem[st.low[k+2]]) {
				return k // "The agency's posts were ...": its own work
			}
			if k+1 < len(toks) && (st.low[k+1] == "of" || st.low[k+1] == "'s") {
				return -1
			}
			return k
		}
	}
	return -1
}

// carriedFits reports whether the actors carried from the last sentence
// suit its opening description: "The group also ..." after "directed by
// the Reconnaissance General Bureau" is the group named before, not the
// bureau.
func (f *Finder) carriedFits(st *sentenceState, t *trig, carried []int) bool {
	noun := f.openingNoun(st, t)
	if noun < 0 {
		return true
	}
	types := f.lex.ActorRefs[st.low[noun]]
	for _, e := range carried {
		if st.d.Entities[e].Type == types[0] {
			return true
		}
	}
	return false
}

// operationSubject reports whether the words before the trigger name the
// operation just described ("The effort was overseen by", "Many of those
// pages were run by").
func (f *Finder) operationSubject(st *sentenceState, t *trig) bool {
	from := max(st.attrEnd, t.start-14)
	for k := t.start - 1; k >= from; k-- {
		if st.refAt[k] != 0 || clauseBoundary[st.low[k]] || st.low[k] == "and" {
			return false
		}
		if f.lex.OperationNouns[st.low[k]] || contentNoun[st.low[k]] || contentItem[st.low[k]] {
			return !st.otherActorBefore(k)
		}
	}
	return false
}

// otherActorBefore reports a subject that opens with "a second",
// "another" or "a separate" before token k ("A second outlet ran ads
// ..."): content of someone other than the actor just described.
func (st *sentenceState) otherActorBefore(k int) bool {
	j := st.attrEnd
	for j < k && (st.skip[j] || st.toks[j].Text == ",") {
		j++ // "According to a separate document, ...": the source, not the subject
	}
	if j < k && st.low[j] == "another" {
		return true
	}
	if j+1 >= k || st.low[j] != "a" && st.low[j] != "an" {
		return false
	}
	switch st.low[j+1] {
	case "second", "third", "separate", "different", "rival", "unrelated":
		return true
	}
	return false
}

// salientActor is the actor the last sentences are about, for content
// that names none: the nearest operator (a group the text names, a troll
// farm, a threat actor), else the nearest acting state body, else the
// nearest state, in this and the three previous sentences. Speakers,
// platforms, companies, media, parties and research groups are not
// operators, nor is anything of the country the article speaks for.
// With the operator comes the nearest state, its usual sponsor ("a
// Russian network"): both are credited with the content.
func (f *Finder) salientActors(st *sentenceState, si, before int) []int {
	op := f.salientActor(st, si, before, 0, 2)
	state := -1
	if op >= 0 && st.d.Entities[op].Country != "" {
		// the operator's own country ("a Moscow firm")
		if e, ok := st.d.Lookup("state:" + st.d.Entities[op].Country); ok {
			state = e
		}
	}
	if state < 0 {
		state = f.salientActor(st, si, before, 2, 3)
	}
	switch {
	case op >= 0 && state >= 0 && st.d.Entities[op].Type != kb.TypeState:
		return []int{op, state}
	case op >= 0:
		return []int{op}
	case state >= 0:
		return []int{state}
	}
	return nil
}

// salientActor returns the nearest actor of rank in [from, limit) (0 an
// operator group, 1 an acting state body, 2 a state), preferring lower
// ranks, or -1.
func (f *Finder) salientActor(st *sentenceState, si, before, from, limit int) int {
	d := st.d
	best, bestRank := -1, limit
	for sj := si; sj >= 0 && sj >= si-3; sj-- {
		refs := d.Sentences[sj].Refs
		for k := len(refs) - 1; k >= 0; k-- {
			r := refs[k]
			if r.Modifier || sj == si && r.Start >= before {
				continue
			}
			e := d.Entities[r.Entity]
			if d.Home != "" && (e.ISO2 == d.Home || e.Type != kb.TypeState && e.Country == d.Home) {
				continue
			}
			rank := 3
			switch e.Type {
			case kb.TypeOrganisation:
				switch e.Subtype {
				case "", "threat-actor", "troll-farm", "pmc", "campaign":
					rank = 0
				}
			case kb.TypeAgency:
				switch e.Subtype {
				case "intelligence", "military", "state-media", "presidential-office", "security":
					rank = 1
				}
			case kb.TypeState:
				rank = 2
			}
			if rank < from || rank >= bestRank || f.speaks(d.Sentences[sj].Tokens, r) || afterPreposition(d.Sentences[sj].Tokens, r) || accordingTo(d.Sentences[sj].Tokens, r) {
				continue // who tells, or what the content was about
			}
			best, bestRank = r.Entity, rank
		}
	}
	return best
}

// accordingTo reports a ref that a source phrase names ("according to
// the university's Civic Data Laboratory"): who reports, not who acted.
func accordingTo(toks []text.Token, r resolve.Ref) bool {
	k := tokenIndex(toks, r.Start)
	for j := k - 1; j > 0 && j >= k-5; j-- {
		if toks[j].Lower == "to" && toks[j-1].Lower == "according" {
			return true
		}
		if !toks[j].Word() && toks[j].Text != "'s" && toks[j].Text != "’s" {
			return false
		}
	}
	return false
}

// topicActors are the states a sentence without relations presents as
// acting ("spreading Russian propaganda"): the actor a following "The
// campaign ..." continues.
func topicActors(d *resolve.Doc, si int) []int {
	var out []int
	for _, r := range d.Sentences[si].Refs {
		if r.Demonym && d.Entities[r.Entity].Type == kb.TypeState {
			out = append(out, r.Entity)
		}
	}
	return dedupInts(out)
}

// elections counts the article's elections.
func elections(d *resolve.Doc) int {
	n := 0
	for _, e := range d.Entities {
		if e.Type == resolve.TypeElection && len(e.Mentions) > 0 {
			n++
		}
	}
	return n
}

// focalElection is the election the article is about: the most
// mentioned one, or -1.
func focalElection(d *resolve.Doc) int {
	best, n := -1, 0
	for i, e := range d.Entities {
		if e.Type == resolve.TypeElection && len(e.Mentions) > n {
			best, n = i, len(e.Mentions)
		}
	}
	return best
}

func typeCode(t string) int {
	switch t {
	case lexicon.Authorised:
		return 1
	case lexicon.Targeted:
		return 2
	}
	return 3
}

func (f *Finder) sentence(sc *scratch, d *resolve.Doc, si int, carried []int, age int, focal int, opTargets, justAimed []int) ([]Relation, []int) {
	s := &d.Sentences[si]
	// skip is made once triggers are found: until then nothing sets it
	// and its readers take nil for all false
	st := sc.state(d, s, &f.words)
	for ri, r := range s.Refs {
		// overlap, so "Russian" names the token "Russian-backed"
		ti := sort.Search(len(s.Tokens), func(i int) bool { return s.Tokens[i].End > r.Start })
		for ; ti < len(s.Tokens) && s.Tokens[ti].Start < r.End; ti++ {
			st.refAt[ti] = ri + 1
		}
	}
	trigs := f.findTriggers(st, sc.trigs[:0])
	sc.trigs = trigs[:0] // the next sentence's buffer, once this one is done
	if len(trigs) == 0 {
		return nil, nil
	}
	st.skip = sc.newSkip(len(s.Tokens))
	f.attribution(st, trigs)
	f.asides(st, trigs)
	// sources and targets
	for i := range trigs {
		t := &trigs[i]
		if t.start < st.attrEnd || t.start >= st.trailAt {
			continue
		}
		if st.pretended(t) {
			// "made X look as if it were buying votes": a smear, not X's act
			t.blocked = true
			continue
		}
		if t.typ == lexicon.Amplified && officialDocBefore(st, t) {
			// "declassified documents alleging that X ...": a report of
			// findings, whose publisher spreads nothing
			t.blocked = true
			continue
		}
		if t.typ != lexicon.Amplified && claimedBefore(trigs, i) {
			// "a statement claiming that Washington was preparing to rig
			// the vote": what the claim says, not what the article reports
			t.blocked = true
			continue
		}
		f.targets(st, trigs, i)
		f.source(st, trigs, i)
		if t.typ == lexicon.Targeted && t.start > 0 && writtenContent[st.low[t.start-1]] && evaluative[st.low[t.start]] {
			// "produced articles attacking X": content about X, spread
			t.typ = lexicon.Amplified
		}
		if t.typ == lexicon.Targeted && evaluative[st.low[t.start]] && withClaims(st.low, t.end) {
			// "attacking X with claims that ...": an attack made of content
			// spread about X
			t.claims = true
		}
	}
	// authorisers take the targets of the operation they authorised
	var rels []Relation
	var sources []int
	var hedges []string
	attempted := false
	if hasTargets(trigs) {
		hedges = f.hedges(st)
		attempted = len(f.attempts.find(st.low, nil)) > 0
	}
	sentNeg := f.sentenceNegated(st)
	opAgent := false // an operation's agent was found in this sentence
	for i := range trigs {
		t := &trigs[i]
		if t.start < st.attrEnd || t.start >= st.trailAt {
			continue
		}
		srcs := t.sources
		rule := "active"
		if len(t.agentRefs) > 0 {
			srcs = t.agentRefs
			rule = "agent"
		}
		if t.inherited {
			rule = "chain"
		}
		conf := 0.8
		if len(srcs) == 0 && !t.unnamed && len(t.targets) > 0 && carried != nil && age <= 2 && (f.continues(st, t) || t.judged && age == 0) && f.carriedFits(st, t, carried) {
			rule = "carry-over"
			conf = 0.6
			for _, e := range carried {
				if d.Entities[e].Subtype == "platform" {
					continue // the venue of the last sentence's content
				}
				rels = append(rels, f.emit(st, si, t, e, t.targets, rule, conf, hedges, sentNeg)...)
			}
			continue
		}
		// "The association also paid ...": a definite description names
		// an actor of the previous sentences
		if len(srcs) == 0 && !t.blocked {
			e := f.antecedent(st, si, t)
			if e < 0 {
				e = f.pronounAntecedent(st, si, t)
			}
			if e >= 0 {
				rule = "antecedent"
				conf = 0.6
				if len(t.targets) > 0 {
					rels = append(rels, f.emit(st, si, t, e, t.targets, rule, conf, hedges, sentNeg)...)
				} else if !namedObject(t) {
					for _, aim := range fallbackAims(d, t, opTargets, focal) {
						rels = append(rels, f.emitRef(st, si, t, e, aim, rule, conf-0.1, hedges, sentNeg)...)
					}
				}
				sources = append(sources, e)
				continue
			}
		}
		// "Some of the content attacked X", "Posts falsely claimed that
		// X ...": the content is the work of the actor just described
		if len(srcs) == 0 && !t.blocked && len(t.targets) > 0 && f.operationSubject(st, t) {
			es := f.salientActors(st, si, st.toks[t.start].Start)
			if age <= 1 && (len(es) == 0 || d.Entities[es[0]].Type == kb.TypeState) {
				// and, with no operator named, whoever acted just before
				for _, e := range carried {
					if d.Entities[e].Subtype != "platform" && !containsInt(es, e) && (d.Home == "" || d.Entities[e].ISO2 != d.Home) {
						es = append(es, e)
					}
				}
			}
			if len(es) > 0 {
				for _, e := range es {
					rels = append(rels, f.emit(st, si, t, e, t.targets, "operation-subject", 0.5, hedges, sentNeg)...)
					sources = append(sources, e)
				}
				continue
			}
		}
		targets := t.targets
		if t.typ == lexicon.Amplified && len(targets) == 0 {
			// "spread X to undermine Y": the narrative is about Y
			for j := i + 1; j < len(trigs) && j <= i+3; j++ {
				if u := &trigs[j]; (u.inherited || sameInts(u.sources, srcs)) && (purpose(st, t.end, u.start) || relative(st, t.end, u.start)) {
					if len(u.targets) > 0 {
						targets = u.targets
						break
					}
					continue
				}
				break
			}
		}
		if t.typ == lexicon.Authorised {
			// "X authorised operations aimed at Y": Y is what X authorised
			prevEnd := t.end
			for j := i + 1; j < len(trigs); j++ {
				u := &trigs[j]
				if u.typ == lexicon.Authorised && u.start == prevEnd+1 && (st.low[prevEnd] == "and" || st.low[prevEnd] == ",") {
					prevEnd = u.end // "ordered and financed by X and used ...": one act
					continue
				}
				if u.typ == lexicon.Authorised || st.boundaryBetween(t.end, u.start) {
					break
				}
				if sameInts(u.sources, srcs) || len(u.sources) == 0 || u.inherited || t.agentRefs != nil {
					targets = append(targets, u.targets...)
				}
			}
		}
		// "The effort was overseen by X", "the intrusions were carried out
		// by X": X acts on what the operation just described aimed at
		// "..., under the direction of Y" after such an agent: Y
		// directed the same operation
		asideOfOperation := opAgent && t.typ == lexicon.Authorised && t.agentRefs != nil && t.aside != [2]int{}
		// "no evidence that Moscow had directed the effort": the denied
		// direction aims only at the election that the effort described
		// in the sentence just before aimed at, never at one presumed
		deniedDirection := t.typ == lexicon.Authorised && (f.negated(st, t) || sentNeg && f.inNegationScope(st, t))
		if !anyTargetOK(st, t.typ, targets) && (rule == "agent" && f.operationSubject(st, t) || asideOfOperation || t.typ == lexicon.Authorised && f.operationObject(st, t)) {
			opAgent = true
			for _, ri := range srcs {
				e := st.s.Refs[ri].Entity
				sources = append(sources, e)
				for _, aim := range fallbackAims(d, t, opTargets, focal) {
					if deniedDirection && (d.Entities[aim].Type != resolve.TypeElection || !containsInt(justAimed, aim)) {
						continue
					}
					rels = append(rels, f.emitRef(st, si, t, e, aim, "operation-agent", 0.6, hedges, sentNeg)...)
				}
			}
			continue
		}
		for _, ri := range srcs {
			e := st.s.Refs[ri].Entity
			sources = append(sources, e)
			rels = append(rels, f.emit(st, si, t, e, targets, rule, conf, hedges, sentNeg)...)
			if t.typ != lexicon.Authorised {
				for _, p := range t.peoples {
					rels = append(rels, f.emitRef(st, si, t, e, p, "people", conf-0.1, hedges, sentNeg)...)
				}
			}
		}
		// "targeting voters": the article's election, or failing one the
		// country the article is about
		if len(targets) == 0 && t.voters && t.typ == lexicon.Targeted {
			aim := focal
			if aim < 0 {
				aim = d.Country
			}
			if aim >= 0 {
				for _, ri := range srcs {
					rels = append(rels, f.emitRef(st, si, t, st.s.Refs[ri].Entity, aim, "voters", 0.5, hedges, sentNeg)...)
				}
				continue
			}
		}
		// "China considered running influence operations": a state's
		// interference with no object named aims at the article's election;
		// so does a new operative's ("X, a consultant, who allegedly
		// recruited coordinators"), but not a known figure's.
		if len(targets) == 0 && focal >= 0 && (t.typ == lexicon.Targeted || interferenceWord(t.text) || st.duringElection(t)) && !st.otherObject(t) && !st.foreignElections(t) && !strings.HasPrefix(t.text, "critici") {
			// ("Hogue criticised delays": criticism of no entity aims at no vote)
			for _, ri := range srcs {
				e := st.s.Refs[ri].Entity
				typ := d.Entities[e].Type
				if typ == kb.TypeOrganisation && (t.typ == lexicon.Amplified || notOperator[d.Entities[e].Subtype] && d.Entities[e].Subtype != "company") {
					continue // a party or a newsroom runs no operation by default
				}
				if typ == kb.TypeState || typ == kb.TypeOrganisation || typ == kb.TypePerson && t.typ == lexicon.Targeted && !d.Entities[e].KB || typ == kb.TypeAgency && (d.Entities[e].Subtype == "state-media" || d.Entities[e].Subtype == "intelligence" || d.Entities[e].Subtype == "military" || d.Entities[e].Subtype == "presidential-office") {
					rels = append(rels, f.emitRef(st, si, t, e, focal, "default-election", 0.5, hedges, sentNeg)...)
					if len(t.agentRefs) > 0 {
						opAgent = true // "was run by X": X ran the operation the article is about
					}
				}
			}
		}
	}
	// an authoriser did not itself carry out the operation
	auth := map[[2]int]bool{}
	for _, r := range rels {
		if r.Type == lexicon.Authorised {
			auth[[2]int{r.Source, r.Target}] = true
		}
	}
	out := rels[:0]
	for _, r := range rels {
		if r.Type != lexicon.Authorised && auth[[2]int{r.Source, r.Target}] {
			continue
		}
		out = append(out, r)
	}
	if el := st.timedElection(); el >= 0 {
		// "Ahead of the election, X attacked Y": X's act was aimed at the
		// election too
		n := len(out)
		for _, r := range out[:n] {
			if r.Type != lexicon.Authorised && r.Target != el && !r.Negated {
				a := r
				a.Type, a.Target, a.Rule, a.Confidence = lexicon.Targeted, el, "timed:"+lexicon.Targeted, r.Confidence-0.1
				out = append(out, a)
			}
		}
	}
	for i := range trigs {
		if !trigs[i].claims {
			continue
		}
		for _, r := range out {
			if r.Type == lexicon.Targeted && r.Trigger == trigs[i].text && d.Entities[r.Target].Type != resolve.TypeElection {
				a := r
				a.Type, a.Rule = lexicon.Amplified, "claims:"+lexicon.Amplified
				out = append(out, a)
			}
		}
	}
	if attempted {
		for i := range out {
			out[i].Attempted = true
		}
	}
	return out, dedupInts(sources)
}

// anyTargetOK reports whether one of the refs may be the target of a
// relation of type typ (an agency is never what was authorised).
func anyTargetOK(st *sentenceState, typ string, refs []int) bool {
	for _, ri := range refs {
		if targetOK(typ, st.d.Entities[st.s.Refs[ri].Entity].Type) {
			return true
		}
	}
	return false
}

func hasTargets(trigs []trig) bool {
	for _, t := range trigs {
		if len(t.targets) > 0 || len(t.sources) > 0 || len(t.agentRefs) > 0 {
			return true
		}
	}
	return false
}

func interferenceWord(s string) bool {
	s = strings.ToLower(s)
	for _, p := range []string{"influenc", "interfer", "meddl", "hack", "cyberattack", "orchestrat", "announce the fake", "distribut", "spread", "disseminat"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// emitRef emits relations to an entity that has no mention in the sentence.
func (f *Finder) emitRef(st *sentenceState, si int, t *trig, src, target int, rule string, conf float64, hedges []string, sentNeg bool) []Relation {
	d := st.d
	typ := relType(t.typ, d.Entities[src].Type)
	if src == target || !sourceOK(typ, d.Entities[src].Type) || d.Entities[src].Subtype == "platform" || typ == lexicon.Authorised && lawfulBody(d.Entities[src]) || ownElection(d.Entities[src], d.Entities[target]) {
		return nil
	}
	neg := f.claimNegated(st, t, sentNeg)
	attr, attrTo := f.sentenceAttribution(st)
	if neg && (quoted(st) || sameSide(d, src, attrTo) || rebuts(st, t)) || !neg && st.whetherBefore(t) {
		return nil
	}
	return []Relation{{Type: typ, Source: src, Target: target, Negated: neg, Confidence: conf,
		Sentence: si, Span: [2]int{st.s.Start, st.s.End}, Trigger: t.text, Rule: rule + ":" + typ,
		Hedges: hedges, Attribution: attr, AttributedTo: attrTo, Asserter: st.asserter, AttributionCue: st.cue}}
}

// claimNegated is whether the claim of trigger t is negated, given
// whether its sentence holds a sentence-wide cue: computed once per
// trigger, as every relation the trigger gives asks.
func (f *Finder) claimNegated(st *sentenceState, t *trig, sentNeg bool) bool {
	if !t.negKnown {
		t.neg = sentNeg && f.inNegationScope(st, t) || f.negated(st, t)
		t.negKnown = true
	}
	return t.neg
}

// sentenceAttribution is attributionOf(st), computed once per sentence:
// the reporting zones it reads are settled before any relation is made.
// With it come the asserter and the cue words (asserter.go).
func (f *Finder) sentenceAttribution(st *sentenceState) (string, int) {
	if !st.attrKnown {
		st.attr, st.attrTo = f.attributionOf(st)
		st.asserter, st.cue = f.asserterOf(st, st.attrTo)
		st.attrKnown = true
	}
	return st.attr, st.attrTo
}

// lawful bodies approve laws and results, not influence operations: a
// parliament that "approved a constitutional change" authorised nothing.
var lawful = map[string]bool{"legislature": true, "court": true, "election-commission": true}

func lawfulBody(e *resolve.Entity) bool {
	if lawful[e.Subtype] {
		return true
	}
	if e.Type != kb.TypeAgency {
		return false
	}
	n := strings.ToLower(e.Name)
	for _, w := range []string{"assembly", "parliament", "court", "senate", "congress", "election commission", "electoral commission"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// ownElection reports whether a state would be the source of a relation
// to its own election: a country that holds the vote is its victim or its
// defender ("Canada moved to counter interference in its election"), never
// the one interfering in it.
func ownElection(src, tgt *resolve.Entity) bool {
	return src.Type == kb.TypeState && src.ISO2 != "" && tgt.Type == resolve.TypeElection && tgt.Country == src.ISO2
}

// relType is the relation a trigger gives for a source of type srcType:
// an organisation does not authorise, so one that financed or directed
// an operation took part in it ("the network was financed by Evrazia").
func relType(trigType, srcType string) string {
	if trigType == lexicon.Authorised && srcType == kb.TypeOrganisation {
		return lexicon.Targeted
	}
	return trigType
}

func (f *Finder) emit(st *sentenceState, si int, t *trig, src int, targets []int, rule string, conf float64, hedges []string, sentNeg bool) []Relation {
	d := st.d
	se := d.Entities[src]
	typ := relType(t.typ, se.Type)
	if !sourceOK(typ, se.Type) || se.Subtype == "platform" || typ == lexicon.Authorised && lawfulBody(se) {
		return nil // a platform is where content ran, not who ran it
	}
	var out []Relation
	neg := f.claimNegated(st, t, sentNeg)
	attr, attrTo := f.sentenceAttribution(st)
	if neg && (quoted(st) || sameSide(d, src, attrTo) || rebuts(st, t)) {
		return nil // a denial by the accused does not negate the accusation
	}
	if !neg && st.whetherBefore(t) {
		return nil // "could not say whether Moscow was behind them": asked, not told
	}
	for _, ri := range targets {
		te := st.s.Refs[ri].Entity
		if te == src || !targetOK(typ, d.Entities[te].Type) || ownElection(se, d.Entities[te]) {
			continue
		}
		if st.trailAt < len(st.toks) && st.s.Refs[ri].Start >= st.toks[st.trailAt].Start || d.Entities[te].Type == kb.TypePerson && f.speaker(st, st.s.Refs[ri]) {
			continue // "..., X said": the speaker tells, it is not a target
		}
		if namePair(d.Text, st.s.Refs[ri]) {
			continue // "UK-US trade talks": a subject matter, not an aim
		}
		c := conf
		if len(hedges) > 0 {
			c -= 0.1
		}
		out = append(out, Relation{
			Type: typ, Source: src, Target: te, Negated: neg, Confidence: c,
			Sentence: si, Span: [2]int{st.s.Start, st.s.End}, Trigger: t.text, Rule: rule + ":" + typ,
			Hedges: hedges, Attribution: attr, AttributedTo: attrTo, Asserter: st.asserter, AttributionCue: st.cue,
		})
	}
	return out
}

// sameSide reports whether the speaker speaks for the accused: the same
// entity, or a body or person of the accused state.
func sameSide(d *resolve.Doc, src, speaker int) bool {
	if speaker < 0 {
		return false
	}
	if speaker == src {
		return true
	}
	cc := d.Entities[src].ISO2
	if cc == "" {
		cc = d.Entities[src].Country
	}
	return cc != "" && d.Entities[speaker].Country == cc && d.Entities[speaker].Type != kb.TypeState
}

// andTo reports whether the triggers at a and b are coordinated
// infinitives: "to a ..., and to b".
func andTo(st *sentenceState, a, b int) bool {
	return a > 0 && b > 1 && st.low[a-1] == "to" && st.low[b-1] == "to" && (st.low[b-2] == "and" || st.low[b-2] == "or")
}

// denialVerbs open a rebuttal: "the embassy rejected the accusations,
// saying Moscow had no wish to interfere" reports the accused's denial,
// which does not negate the accusation.
var denialVerbs = map[string]bool{
	"denied": true, "denies": true, "deny": true, "denying": true,
	"rejected": true, "rejects": true, "rejecting": true,
	"dismissed": true, "dismisses": true, "dismissing": true,
	"refuted": true, "refutes": true, "rebuffed": true,
}

// rebuts reports whether a denial verb comes before the trigger.
func rebuts(st *sentenceState, t *trig) bool {
	for i := 0; i < t.start && i < len(st.toks); i++ {
		if st.is(i, wDenial) {
			return true
		}
	}
	return false
}

func quoted(st *sentenceState) bool {
	if len(st.toks) == 0 {
		return false
	}
	switch st.toks[0].Text {
	case "\"", "“", "‘", "'":
		return true
	}
	return false
}

func sourceOK(rel, typ string) bool {
	switch typ {
	case kb.TypeState, kb.TypeAgency, kb.TypePerson:
		return true
	case kb.TypeOrganisation:
		return rel != lexicon.Authorised
	}
	return false
}

func targetOK(rel, typ string) bool {
	switch typ {
	case resolve.TypeElection, kb.TypePerson, kb.TypeState, kb.TypeOrganisation:
		return true
	case kb.TypeAgency:
		return rel != lexicon.Authorised
	}
	return false
}

// findTriggers matches trigger phrases on the sentence's words, longest
// first, skipping words inside entity names, and appends them to out.
func (f *Finder) findTriggers(st *sentenceState, out []trig) []trig {
	toks := st.toks
	low := st.low
	// words without quotation marks, for phrases such as "announce the
	// 'fake' news"
	words := low
	var wordAt []int // nil: words are the tokens
	for _, t := range toks {
		if isQuote(t.Text) {
			words, wordAt = nil, []int{}
			for i, t := range toks {
				if !isQuote(t.Text) {
					words = append(words, t.Lower)
					wordAt = append(wordAt, i)
				}
			}
			break
		}
	}
	for i := 0; i < len(toks); i++ {
		if st.refAt[i] != 0 || !toks[i].Word() || st.is(i, wNotTrigger) {
			continue
		}
		// "at Putin's direction", "on X's orders"
		if i >= 3 && low[i-1] == "'s" && (low[i] == "direction" || low[i] == "orders" || low[i] == "behest" || low[i] == "instruction" || low[i] == "instructions") && st.refAt[i-2] != 0 && (low[i-3] == "at" || low[i-3] == "on" || low[i-3] == "under") {
			ri := st.refAt[i-2] - 1
			out = append(out, trig{typ: lexicon.Authorised, start: i - 3, end: i + 1, text: textOf(st.d.Text, toks, i-3, i+1), agentRefs: st.group(ri), aside: [2]int{i - 3, i + 1}})
			continue
		}
		// "commentaries warning that X would ...": content that says
		// something about X spreads it
		if st.is(i, wContentSays) && i > 0 && i+1 < len(low) && low[i+1] == "that" && (contentNoun[low[i-1]] || contentItem[low[i-1]]) {
			out = append(out, trig{typ: lexicon.Amplified, start: i, end: i + 2, text: textOf(st.d.Text, toks, i, i+2)})
			i++
			continue
		}
		// "The posts accused X of ...", "one video accused X": content
		// that accuses someone spreads a claim about that person
		if i > 0 && i+1 < len(low) && st.refAt[i+1] != 0 && accuseVerb[low[i]] && (contentNoun[low[i-1]] || contentItem[low[i-1]] || low[i-1] == "also" && i > 1 && (contentNoun[low[i-2]] || contentItem[low[i-2]])) {
			out = append(out, trig{typ: lexicon.Amplified, start: i, end: i + 1, text: textOf(st.d.Text, toks, i, i+1)})
			continue
		}
		wi := i
		if wordAt != nil {
			wi = sort.SearchInts(wordAt, i)
		}
		for _, tr := range f.candidatesOf(low[i], st.info[i]) {
			end := i + len(tr.Phrase)
			if !tr.Phrase.Match(low[i:]) {
				if wordAt == nil || len(tr.Phrase) < 2 || wi >= len(wordAt) || wordAt[wi] != i || !tr.Phrase.Match(words[wi:]) {
					continue
				}
				end = wordAt[wi+len(tr.Phrase)-1] + 1
			}
			covered := false
			for k := i; k < end; k++ {
				if st.refAt[k] != 0 && (k-i >= len(tr.Phrase) || tr.Phrase[k-i] != "*") {
					covered = true
				}
			}
			if covered {
				continue
			}
			if f.modifiesActor(low, end) {
				break // "influence operation actors": a description, not an act
			}
			if end == i+1 && strings.HasSuffix(low[i], "ed") && i > 0 && determiner[low[i-1]] {
				break // "the hacked account": an adjective, not an act
			}
			if countered(low, i) {
				break // "the agency for countering foreign interference"
			}
			if strings.HasPrefix(low[i], "help") && helpsDefend(low, i) {
				break // "sent a team to help the country counter manipulation"
			}
			if strings.HasPrefix(low[i], "help") && i > 0 && (low[i-1] == "the" || low[i-1] == "with") {
				break // "run with the help of X": X is a helper of the act, not its aim
			}
			if strings.HasPrefix(tr.Phrase[0], "favo") && len(tr.Phrase) == 1 && !nameFollows(st, end) {
				break // "favours closer ties with X": a stance, not help to X
			}
			partner := end < len(low) && low[end] == "with" && (strings.HasPrefix(low[i], "coordinat") || strings.HasPrefix(low[i], "cooperat"))
			t := trig{typ: tr.Type, start: i, end: end, text: textOf(st.d.Text, toks, i, end), partner: partner}
			// passive: "was targeted", "were targeted", "being spread by"
			if i > 0 && participle(low[i]) {
				p := low[i-1]
				if p == "also" && i > 1 {
					p = low[i-2]
				}
				aim := end < len(low) && (low[end] == "at" || low[end] == "against" || low[end] == "toward" || low[end] == "towards") || strings.HasSuffix(t.text, " in")
				if (p == "was" || p == "were" || p == "been" || p == "being" || p == "be" || p == "is" || p == "are") && !strings.HasSuffix(t.text, " at") && !strings.HasSuffix(t.text, " against") && !aim {
					t.passive = true
				}
			}
			if !t.passive && targetNoun(low, i, end) {
				t.passive, t.targetOf = true, true
			}
			out = append(out, t)
			i = end - 1
			break
		}
	}
	return out
}

// targetNoun reports "X was a (prime) target for Y" and "X is the main
// target of Y": the noun names X as the patient and Y as the actor.
func targetNoun(low []string, i, end int) bool {
	if (low[i] != "target" && low[i] != "targets") || end != i+1 || end >= len(low) || low[end] != "for" && low[end] != "of" {
		return false
	}
	for j := i - 1; j >= 1 && j >= i-3; j-- {
		if determiner[low[j]] || low[j] == "a" || low[j] == "an" || low[j] == "the" {
			return isBe(low[j-1]) || low[j-1] == "as"
		}
	}
	return false
}

// countered reports a trigger that names what someone fights or
// watches ("countering foreign digital interference", "tracks
// disinformation"), not an act.
func countered(low []string, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		switch low[k] {
		case "countering", "counter", "combating", "combatting", "fighting", "tackling", "preventing", "detecting",
			"tracks", "tracking", "monitors", "monitoring", "investigating", "investigates":
			return true
		}
	}
	return false
}

// helpsDefend reports "help X counter/fight/resist ...": help given to a
// defender, not to a side of the vote.
func helpsDefend(low []string, i int) bool {
	for k := i + 1; k < len(low) && k <= i+5; k++ {
		switch low[k] {
		case "counter", "combat", "fight", "resist", "detect", "tackle", "defend", "protect", "prevent", "repel", "withstand",
			"track", "trace", "monitor", "investigate", "expose", "identify", "secure":
			return true
		case ",", ".", ";":
			return false
		}
	}
	return false
}

// participle reports whether w may be a past participle, so that "was w"
// is passive ("was targeted", "were run"); "was responsible for" is not.
func participle(w string) bool {
	if strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en") || strings.HasSuffix(w, "wn") {
		return true
	}
	switch w {
	case "run", "set", "led", "spread", "paid", "sent", "hit", "built", "made", "bought", "sought", "caught", "brought", "put", "cut", "shut", "done":
		return true
	}
	return false
}

// modifiesActor reports whether the words after a trigger are an actor
// noun it describes ("influence operation actors", "hacking group").
func (f *Finder) modifiesActor(low []string, end int) bool {
	for k := end; k < len(low) && k < end+2; k++ {
		switch strings.TrimSuffix(low[k], "s") {
		case "actor", "group", "hacker", "operative", "unit":
			return true
		case "operation", "campaign":
			continue
		}
		return false
	}
	return false
}

func isQuote(s string) bool {
	switch s {
	case "\"", "“", "”", "‘", "’", "'":
		return true
	}
	return false
}

// textOf is the text of tokens a to b (excluded) of src, apart by one
// space where the text has any space between them.
func textOf(src string, toks []text.Token, a, b int) string {
	if b == a+1 {
		return toks[a].Text
	}
	if a < b && singleSpaced(src, toks[a:b]) {
		return src[toks[a].Start:toks[b-1].End] // the same bytes, not copied
	}
	var sb strings.Builder
	if a < b {
		sb.Grow(toks[b-1].End - toks[a].Start)
	}
	for i := a; i < b; i++ {
		if i > a && toks[i].Start > toks[i-1].End {
			sb.WriteByte(' ')
		}
		sb.WriteString(toks[i].Text)
	}
	return sb.String()
}

// singleSpaced reports whether the tokens, taken from src, are apart by
// nothing or by one space: then the text they span is what textOf builds.
func singleSpaced(src string, toks []text.Token) bool {
	for i := 1; i < len(toks); i++ {
		if g := toks[i].Start - toks[i-1].End; g > 1 || g == 1 && src[toks[i-1].End] != ' ' {
			return false
		}
	}
	return true
}

// group returns the coordination group around ref ri: refs joined by
// commas, "and", "or", "as well as" and parenthesised aliases.
func (st *sentenceState) group(ri int) []int {
	refs := st.s.Refs
	out := []int{ri}
	for j := ri - 1; j >= 0; j-- {
		if !st.coordinated(refs[j].End, refs[j+1].Start) || !actorType(st.d.Entities[refs[j].Entity].Type) || st.inZone(refs[j].Start) || st.skipped(refs[j].Start) {
			break
		}
		out = append([]int{j}, out...)
	}
	for j := ri + 1; j < len(refs); j++ {
		if st.skipped(refs[j].Start) {
			break // "Russia, the ODNI official said, ...": the speaker
		}
		if refs[j].Possessive && strings.TrimSpace(st.d.Text[refs[j-1].End:refs[j].Start]) == "," {
			break // "the RGB, North Korea's spy agency": an apposition
		}
		if !st.coordinated(refs[j-1].End, refs[j].Start) || !actorType(st.d.Entities[refs[j].Entity].Type) {
			break
		}
		out = append(out, j)
	}
	return out
}

func actorType(t string) bool {
	return t == kb.TypeState || t == kb.TypeAgency || t == kb.TypeOrganisation || t == kb.TypePerson
}

func isBe(w string) bool {
	switch w {
	case "was", "were", "is", "are", "been", "being", "be":
		return true
	}
	return false
}

// inZone reports whether the byte position lies in a reporting zone.
func (st *sentenceState) inZone(pos int) bool {
	ti := tokenIndex(st.toks, pos)
	return ti < st.attrEnd || ti < len(st.skip) && st.skip[ti]
}

// coordinated reports whether the text between two refs only joins them.
func (st *sentenceState) coordinated(a, b int) bool {
	if b < a {
		return false
	}
	gap := st.d.Text[a:b]
	// drop parenthesised aliases "(SDA)", "(also known as Doppelganger)"
	for {
		i := strings.IndexByte(gap, '(')
		if i < 0 {
			break
		}
		j := strings.IndexByte(gap[i:], ')')
		if j < 0 {
			break
		}
		gap = gap[:i] + gap[i+j+1:]
	}
	if strings.ContainsAny(gap, "()") {
		b := []byte(gap)
		for i, c := range b {
			if c == '(' || c == ')' {
				b[i] = ' '
			}
		}
		gap = string(b)
	}
	if tooLongToJoin(gap) {
		return false
	}
	g := strings.Join(strings.Fields(strings.ToLower(stripQualifiers(gap))), " ")
	g = strings.ReplaceAll(g, " ,", ",")
	if g == "" {
		return true // "Social Design Agency (SDA)"
	}
	g = strings.Trim(g, "”“\"'‘’")
	g = strings.TrimSpace(g)
	switch g {
	case ",", "and", ", and", "or", ", or", "as well as", "&", ", as well as", "and the", ", the", ", and the", "the", "or the", "nor",
		", including", ", including the", "including", "including the", ", such as", "such as", ", notably", ", notably the",
		"also known as", "known as", "aka", "a.k.a.", ", also known as", "formerly", "formerly known as":
		return true
	}
	if strings.HasPrefix(g, ",") && len(strings.Fields(g)) <= 2 && (strings.HasSuffix(g, " and") || strings.HasSuffix(g, "the")) {
		return true
	}
	return false
}

// tooLongToJoin reports a gap with more words than any joiner coordinated
// accepts, without the allocations of normalising it. A joiner has at most
// four words (", as well as"); normalising can only lower the count by
// dropping qualifiers, merging a word starting with a comma into the one
// before, and trimming a quote-only word at either end. So a gap whose
// words, less its commas, exceed eight is no joiner.
func tooLongToJoin(gap string) bool {
	words, commas, in := 0, 0, false
	for _, r := range gap {
		sp := unicode.IsSpace(r)
		if !sp && !in {
			words++
		}
		in = !sp
		if r == ',' {
			commas++
		}
	}
	return words-commas > 8
}

// attribution marks the reporting zones: "According to X, ...",
// "X said (that) ...", "..., X said."
func (f *Finder) attribution(st *sentenceState, trigs []trig) {
	toks := st.toks
	st.trailAt = len(toks)
	first := trigs[0].start
	// leading "according to ... ,"
	low := st.low
	for i := 0; i < first; i++ {
		if !f.words.anyReportPrefix && !st.is(i, wReportPrefix) {
			continue
		}
		for _, p := range f.lex.ReportPrefixes {
			if p.Match(low[i:]) {
				j := i + len(p)
				for j < len(toks) && toks[j].Text != "," {
					j++
				}
				if j <= first || j < len(toks) {
					for k := i; k <= j && k < len(toks); k++ {
						st.skip[k] = true
					}
				}
			}
		}
	}
	// the last reporting verb before the first trigger
	for i := 0; i < first; i++ {
		if i > 0 && (toks[i-1].Lower == "the" || toks[i-1].Lower == "a" || toks[i-1].Lower == "an") {
			continue // "the alleged victory": an adjective
		}
		if i > 0 && isBe(toks[i-1].Lower) || i > 1 && toks[i-1].Lower == "also" && isBe(toks[i-2].Lower) {
			continue // "Russia was accused of": the subject is the actor
		}
		if st.is(i, wReportVerb) && st.refAt[i] == 0 {
			if c := st.insertedReport(i); c > 0 {
				// "Russia, the official said, is working to ...": the
				// report sits inside the clause whose subject comes first
				for k := c; k <= i+1; k++ {
					st.skip[k] = true
				}
				continue
			}
			st.attrEnd = i + 1
			if i+1 < len(toks) && toks[i+1].Lower == "that" {
				st.attrEnd = i + 2
			}
		}
	}
	// "accused Iran of", "identified Russia and Iran as": the object acts
	if st.attrEnd > 0 {
		v := toks[st.attrEnd-1].Lower
		_ = v
	}
	// trailing ", X said." / ", said X."
	for i := len(toks) - 1; i > first; i-- {
		if toks[i].Text == "," || toks[i].Text == "”" || toks[i].Text == "\"" {
			rest := toks[i+1:]
			// "..., according to the interior ministry."
			if len(rest) >= 2 && rest[0].Lower == "according" && rest[1].Lower == "to" {
				st.trailAt = i
				break
			}
			// "..., though Russian media spread false claims": a clause
			if len(rest) <= 14 && (len(rest) == 0 || !clauseBoundary[rest[0].Lower]) {
				for _, t := range rest {
					if f.lex.ReportVerbs[t.Lower] && !(nounLike[t.Lower] && t.Lower != "found" && t.Lower != "named" && t.Lower != "believe") {
						st.trailAt = i
						break
					}
				}
			}
			break
		}
	}
}

// attributionZone returns the tokens [a, b) of the sentence's reporting
// clause ("X said that", "according to X,", ", X said"), or b <= a.
func (st *sentenceState) attributionZone() (a, b int) {
	a, b = -1, -1
	if st.attrEnd > 0 {
		a, b = 0, st.attrEnd
	} else if st.trailAt < len(st.toks) {
		a, b = st.trailAt+1, len(st.toks)
	} else {
		for i, s := range st.skip {
			if s {
				if a < 0 {
					a = i
				}
				b = i + 1
			}
		}
	}
	return a, b
}

// attributionOf returns who asserts the sentence's claims.
func (f *Finder) attributionOf(st *sentenceState) (string, int) {
	a, b := st.attributionZone()
	if a < 0 || b <= a {
		return "", -1
	}
	txt := strings.Trim(textOf(st.d.Text, st.toks, a, b), " ,.")
	who := -1
	// the one that speaks ("..., and the NIS said"), else the first name
	for ti := b - 1; ti >= a; ti-- {
		if r := st.refAt[ti]; r != 0 && f.speaks(st.toks, st.s.Refs[r-1]) {
			if e := st.s.Refs[r-1].Entity; st.d.Entities[e].Type != resolve.TypeElection {
				return txt, e
			}
		}
	}
	for ti := a; ti < b; ti++ {
		if r := st.refAt[ti]; r != 0 {
			e := st.s.Refs[r-1].Entity
			if st.d.Entities[e].Type != resolve.TypeElection {
				who = e
				break
			}
		}
	}
	return txt, who
}

// asides finds "under the direction of X and Y," and "at X's direction":
// X and Y are authorisers, skipped when looking for the actors.
func (f *Finder) asides(st *sentenceState, trigs []trig) {
	for i := range trigs {
		t := &trigs[i]
		if t.typ != lexicon.Authorised || t.agentRefs != nil {
			continue
		}
		if !(strings.HasSuffix(t.text, " of") || strings.HasPrefix(t.text, "under") || strings.HasPrefix(t.text, "at the") || strings.HasPrefix(t.text, "on behalf")) {
			continue
		}
		// the refs up to the next comma
		end := t.end
		var refs []int
		for end < len(st.toks) && st.toks[end].Text != "," {
			if r := st.refAt[end]; r != 0 && (len(refs) == 0 || refs[len(refs)-1] != r-1) {
				if actorType(st.d.Entities[st.s.Refs[r-1].Entity].Type) {
					refs = append(refs, r-1)
				}
			}
			end++
		}
		if len(refs) == 0 {
			continue
		}
		t.agentRefs = refs
		t.aside = [2]int{t.start, end}
	}
}

// targets collects the refs a trigger acts on: in a short window after it,
// continued through coordination, stopping at the next trigger or clause
// boundary; for a passive without agent, the refs before it.
func (f *Finder) targets(st *sentenceState, trigs []trig, i int) {
	t := &trigs[i]
	toks := st.toks
	limit := st.trailAt
	if i+1 < len(trigs) {
		limit = trigs[i+1].start
	}
	if t.agentRefs != nil && t.typ == lexicon.Authorised {
		// an aside ("at Putin's direction", "under the direction of X"):
		// what was authorised is the aim of the main clause
		return
	}
	// "a plan coordinated from Russia", "was directed from Moscow": the
	// state it was run from runs it
	if (t.passive || t.end < len(toks) && t.start > 0 && !isBe(st.low[t.start-1]) && strings.HasSuffix(st.low[t.start], "ed")) && t.end+1 < len(toks) && st.low[t.end] == "from" {
		if r := st.refAt[t.end+1]; r != 0 && st.d.Entities[st.s.Refs[r-1].Entity].Type == kb.TypeState && (t.end+2 >= len(toks) || st.refAt[t.end+2] == r || !toks[t.end+2].Word() || clauseBoundary[st.low[t.end+2]]) {
			t.agentRefs = []int{r - 1}
		}
	}
	// a "by" agent: "authorised by Putin", "the manipulation surge by Russia"
	if t.agentRefs == nil {
		k0 := t.end
		if st.low[t.end-1] == "by" {
			k0 = t.end - 1 // "carried out by", "run by"
		}
		for k := k0; k < len(toks) && k < t.end+3; k++ {
			if toks[k].Lower == "by" || t.targetOf && k == t.end {
				if k+1 < len(toks) && strings.HasSuffix(st.low[k+1], "ing") {
					break // "by using proxies": a means, not an agent
				}
				// "by a group linked to Iran's IRGC": a little further
				reach := k + 5
				for m := k + 1; m < len(toks) && m < k+5; m++ {
					if operatorLink[st.low[m]] || origin[st.low[m]] || st.low[m] == "known" || st.low[m] == "called" || st.low[m] == "dubbed" || strings.HasPrefix(st.low[m], "belong") {
						reach = k + 9 // "by a unit known as Centre 18"
					}
				}
				// "by a company registered in Cyprus, Danube Signal Ltd": the
				// name in apposition to an indefinite description
				if k+1 < len(toks) && (st.low[k+1] == "a" || st.low[k+1] == "an" || countWord[st.low[k+1]]) {
					for m := k + 2; m < len(toks) && m < k+10; m++ {
						if st.low[m] == "," {
							if m+1 < len(toks) {
								if r := st.refAt[m+1]; r != 0 && actorType(st.d.Entities[st.s.Refs[r-1].Entity].Type) && st.d.Entities[st.s.Refs[r-1].Entity].Type != kb.TypeState {
									t.agentRefs = []int{r - 1}
									if countWord[st.low[k+1]] {
										// "by two Moscow companies, A and B"
										t.agentRefs = st.group(r - 1)
									}
								}
							}
							break
						}
					}
					if t.agentRefs != nil {
						break
					}
				}
				if k+1 < len(toks) && unnamedAgent[st.low[k+1]] && (k+2 >= len(toks) || st.refAt[k+2] == 0) {
					t.unnamed = true // "by any state", "by someone": no one the text names
					break
				}
				for m := k + 1; m < len(toks) && m < reach; m++ {
					if r := st.refAt[m]; r != 0 {
						ri := r - 1
						if m > 0 && (st.low[m-1] == "in" || st.low[m-1] == "from") && !origin[st.low[max(m-2, 0)]] {
							break // "a company registered in Cyprus": a place
						}
						// "the Russian actor Storm-1516": the name, not the demonym
						if st.s.Refs[ri].Demonym && ri+1 < len(st.s.Refs) && st.s.Refs[ri+1].Start-st.s.Refs[ri].End < 12 {
							ri++
						} else if st.s.Refs[ri].Possessive && !t.targetOf {
							// "by Russia's GRU": the body; "by Merz's party",
							// "by Belarus's State Security Committee": someone
							// the text does not name as an entity
							if ri+1 < len(st.s.Refs) && st.s.Refs[ri+1].Start-st.s.Refs[ri].End <= 4 {
								ri++
							} else {
								break
							}
						}
						if actorType(st.d.Entities[st.s.Refs[ri].Entity].Type) {
							t.agentRefs = st.group(ri)
						}
						break
					}
				}
				break
			}
		}
	}
	if t.targetOf && t.agentRefs == nil {
		// "the target of influence operations": an actor the text does
		// not name
		t.blocked, t.unnamed = true, true
	}
	if t.agentRefs == nil && !t.passive && t.typ == lexicon.Targeted {
		// "The hacking of X and Y was carried out by Z": an act named at
		// the head of the clause whose executor a later passive names
		t.agentRefs = st.executorOf(t)
	}
	if t.passive {
		// the patient is before the trigger
		for ti := t.start - 1; ti >= st.attrEnd && ti >= t.start-8; ti-- {
			if st.skip[ti] {
				break // "According to the SRI, the network is coordinated by"
			}
			if r := st.refAt[ti]; r != 0 {
				first := ti
				for first > 0 && st.refAt[first-1] == r {
					first--
				}
				if st.namesTheOperation(first) {
					// "The campaign, known as Doppelganger, was run by X":
					// the operation's name, not what it aimed at
					break
				}
				t.targets = st.group(r - 1)
				break
			}
		}
		return
	}
	if st.low[t.end-1] == "by" || t.partner {
		return // "carried out by X": X is the agent, not an object
	}
	if t.end < len(toks) && (toks[t.end].Lower == "voters" || toks[t.end].Lower == "electorate" || t.end+1 < len(toks) && toks[t.end+1].Lower == "electorate") {
		t.voters = true
	}
	words := 0
	last := -1
	// a name inside the trigger ("link Biden to")
	for ti := t.start; ti < t.end; ti++ {
		if r := st.refAt[ti]; r != 0 && r-1 != last {
			t.targets = append(t.targets, r-1)
			last = r - 1
		}
	}
	for ti := t.end; ti < limit && ti < len(toks); ti++ {
		w := toks[ti].Lower
		if w == ";" || w == "—" || w == "while" || w == "whereas" || w == "but" || w == "though" || w == "although" || w == "according" || w == "which" || w == "who" || w == "by" || (st.is(ti, wReportVerb) && !nounLike[w]) {
			break
		}
		if (w == "”" || w == "\"") && ti > 0 && (toks[ti-1].Text == "," || toks[ti-1].Text == ".") {
			break // the quotation ends; its speaker follows
		}
		if w == "and" && ti+1 < len(toks) && toks[ti+1].Lower == "that" {
			break // "... to interfere in the vote and that India also ...": a new clause
		}
		if w == "," && ti+1 < len(toks) && st.refAt[ti+1] != 0 && f.speaks(toks, st.s.Refs[st.refAt[ti+1]-1]) {
			break // "..., OpenAI has said": the speaker, not an aim
		}
		if ti > t.end && operatorLinked(st.low, ti) {
			break // "..., one linked to the French military": who ran it, not its aim
		}
		if w == "," && ti+1 < len(toks) && (toks[ti+1].Lower == "with" || toks[ti+1].Lower == "saying" || toks[ti+1].Lower == "adding") {
			break // ", with Moscow favouring Trump": another clause
		}
		home := st.d.Home
		govt := w == "government" && ti > 0 && (st.low[ti-1] == "the" || st.low[ti-1] == "his" || st.low[ti-1] == "her") && nextWord(toks, ti, toks[ti].End) != "'s"
		if home == "" && govt {
			home = st.d.Filed // the dateline's country, for the government only
		}
		if ((w == "country" || w == "nation" || w == "island" && nextWord(toks, ti, toks[ti].End) != "'s") && ti > 0 && st.low[ti-1] == "the" || govt) && home != "" {
			// "to buy the country's democracy", "trying to bring down his
			// government": the country the article speaks for
			if e, ok := st.d.Lookup("state:" + home); ok && !containsInt(t.peoples, e) {
				t.peoples = append(t.peoples, e)
				words = 0
				continue
			}
		}
		if e := st.peopleOf(ti); e >= 0 && !containsInt(t.peoples, e) {
			// "influence American voters", "divide German society"
			t.peoples = append(t.peoples, e)
			words = 0
			if st.refAt[ti] == 0 {
				continue
			}
		}
		if r := st.refAt[ti]; r != 0 {
			ri := r - 1
			if last == ri {
				continue
			}
			ref := st.s.Refs[ri]
			// "help Trump win the election": the election is the aim
			nextW := nextWord(toks, ti, ref.End)
			if f.lex.ReportVerbs[nextW] && !nounLike[nextW] {
				break // "..., American intelligence agencies said": the speaker
			}
			if (nextW == "against" || nextW == "targeting") && ti > 0 && st.low[ti-1] == "of" && t.agentRefs == nil && len(t.targets) == 0 && actorType(st.d.Entities[ref.Entity].Type) {
				// "the hacking activity of X against Y": X is the agent
				t.agentRefs = st.group(ri)
				last = t.agentRefs[len(t.agentRefs)-1]
				words = 0
				continue
			}
			if nextW == "win" || nextW == "to" && false {
				last = ri
				words = 0
				continue
			}
			if nextW == "'s" || nextW == "’s" {
				nextW = nextWord(toks, ti+1, ref.End+2)
			}
			if roleNoun[nextW] && st.d.Entities[ref.Entity].Type == kb.TypeOrganisation && st.personAfter(ref.End) {
				// "Green Party nominee Jill Stein": the party qualifies
				// the person
				last = ri
				continue
			}
			if ref.Possessive && rivalNoun[nextW] || ti >= 2 && st.low[ti-1] == "of" && rivalNoun[st.low[ti-2]] {
				// "attack Trump's rivals, including Cruz", "posts attacking
				// critics of Beijing": the rivals are the aim, not the one
				// whose rivals they are
				last = ri
				words = 0
				continue
			}
			if currencyNoun[nextW] || ref.Possessive && favouredAdj[nextW] {
				// "paid in US dollars": money, not the state; "Moscow's
				// preferred candidates": the one who benefits chose them
				last = ri
				continue
			}
			if st.venue(ti, ref) || st.questionOf(ti) || ref.Modifier || ref.Demonym && t.typ == lexicon.Amplified || st.namesTheOperation(ti) || st.office(ti) || st.placeOfRole(ti) || narrativeNoun[nextW] && voice(st.d.Entities[ref.Entity].Type) {
				last = ri
				continue
			}
			t.targets = append(t.targets, ri)
			last = ri
			words = 0
			continue
		}
		if w == "including" || w == "notably" || w == "especially" || w == "particularly" {
			words = 0
			continue
		}
		if w == "and" && len(t.targets) > 0 && ti+1 < len(toks) && repeatsPreposition(st, t.targets[0], toks[ti+1].Lower) {
			// "claims about Merz, the front-runner, and about Habeck"
			words = 0
			continue
		}
		if toks[ti].Word() {
			words++
		}
		if len(t.targets) == 0 && words > 10 || len(t.targets) > 0 && words > 4 {
			break
		}
	}
}

// repeatsPreposition reports whether w is the preposition right before
// the first target ref, repeated to add a second target.
func repeatsPreposition(st *sentenceState, ri int, w string) bool {
	switch w {
	case "about", "against", "on", "of", "at":
	default:
		return false
	}
	k := tokenIndex(st.toks, st.s.Refs[ri].Start) - 1
	return k >= 0 && st.low[k] == w
}

// rivalNoun after "X's" names people set against X, not X.
var rivalNoun = map[string]bool{"rivals": true, "rival": true, "opponents": true, "opponent": true, "critics": true,
	"challengers": true, "challenger": true, "enemies": true, "adversaries": true, "detractors": true}

// memberOf returns the ref of X in "X was one of (several) NOUNS" or "X
// is among the NOUNS", where np is the noun, or -1.
func (st *sentenceState) memberOf(np int) int {
	k := np - 1
	for k >= 0 && np-k <= 6 && st.low[k] != "of" && st.low[k] != "among" {
		if !st.toks[k].Word() && st.toks[k].Text != "-" || st.refAt[k] != 0 && st.d.Entities[st.s.Refs[st.refAt[k]-1].Entity].Type != kb.TypeState {
			return -1
		}
		k--
	}
	if k < 1 || np-k > 6 {
		return -1
	}
	if st.low[k] == "of" {
		if st.low[k-1] != "one" {
			return -1
		}
		k--
	}
	if k < 2 || !isBe(st.low[k-1]) {
		return -1
	}
	r := st.refAt[k-2]
	if r == 0 || !actorType(st.d.Entities[st.s.Refs[r-1].Entity].Type) {
		return -1
	}
	return r - 1
}

// timedElection returns the election named in an opening "Ahead of the
// election," or "In the run-up to the vote," clause, or -1.
func (st *sentenceState) timedElection() int {
	low := st.low
	k := 0
	switch {
	case len(low) > 2 && low[0] == "ahead" && low[1] == "of":
		k = 2
	case len(low) > 4 && low[0] == "in" && low[1] == "the" && low[2] == "run-up" && low[3] == "to":
		k = 4
	case len(low) > 6 && low[0] == "in" && low[1] == "the" && low[2] == "run" && low[3] == "-" && low[4] == "up" && low[5] == "to":
		k = 6
	default:
		return -1
	}
	for ; k < len(low) && k < 14 && low[k] != ","; k++ {
		if r := st.refAt[k]; r != 0 {
			if e := st.s.Refs[r-1].Entity; st.d.Entities[e].Type == resolve.TypeElection {
				return e
			}
		}
	}
	return -1
}

// indefiniteSubject words name an unnamed actor right before its verb.
var indefiniteSubject = map[string]bool{"others": true, "another": true}

// roleNoun between an organisation and a person makes the organisation
// a title of the person.
var roleNoun = map[string]bool{"nominee": true, "candidate": true, "leader": true, "chairman": true, "chairwoman": true, "founder": true, "lawmaker": true, "mp": true}

// personAfter reports a Person ref starting within two tokens of the
// byte offset end.
func (st *sentenceState) personAfter(end int) bool {
	for k, n := 0, 0; k < len(st.toks) && n < 3; k++ {
		if st.toks[k].Start < end {
			continue
		}
		n++
		if r := st.refAt[k]; r != 0 {
			return st.d.Entities[st.s.Refs[r-1].Entity].Type == kb.TypePerson
		}
	}
	return false
}

// currencyNoun follows a state's name when the name only qualifies money.
var currencyNoun = map[string]bool{"dollar": true, "dollars": true, "euro": true, "euros": true, "rouble": true, "roubles": true, "ruble": true, "rubles": true, "yuan": true, "currency": true, "pounds": true}

// favouredAdj after a possessive names what its owner favours, not what
// was attacked: "Moscow's preferred candidates".
var favouredAdj = map[string]bool{"preferred": true, "favoured": true, "favored": true, "favourite": true, "favorite": true, "chosen": true}

// peopleOf returns the State entity whose people or institutions token
// ti names ("American voters", "US voters", "German society",
// "Canadian democratic institutions"), or -1.
func (st *sentenceState) peopleOf(ti int) int {
	toks := st.toks
	iso := ""
	if r := st.refAt[ti]; r != 0 {
		ref := st.s.Refs[r-1]
		e := st.d.Entities[ref.Entity]
		if e.Type != kb.TypeState || !(ref.Modifier || ref.Demonym) || st.refAt[min(ti+1, len(toks)-1)] == r && ti+1 < len(toks) {
			return -1
		}
		iso = e.ISO2
	} else {
		for _, m := range st.s.Demonyms {
			if m.Start == toks[ti].Start {
				iso = m.Country
				break
			}
		}
	}
	if iso == "" {
		return -1
	}
	for k := ti + 1; k < len(toks) && k <= ti+2; k++ {
		if peopleNoun[strings.TrimSuffix(st.low[k], "s")] {
			if e, ok := st.d.Lookup("state:" + iso); ok {
				return e
			}
			return -1
		}
		if !toks[k].Word() || toks[k].Cap() {
			break
		}
	}
	return -1
}

// peopleNoun are the people and institutions of a country an operation
// aims at (singular forms).
var peopleNoun = map[string]bool{"voter": true, "electorate": true, "society": true, "public": true,
	"democracy": true, "institution": true, "citizen": true, "politic": true, "politician": true,
	"lawmaker": true, "audience": true, "people": true}

// placeOfRole reports a name that only places a person's role ("the
// mayor of Bucharest", "a resident of Kyiv"): not a target.
func (st *sentenceState) placeOfRole(ti int) bool {
	if ti < 2 || st.low[ti-1] != "of" {
		return false
	}
	switch strings.TrimSuffix(st.low[ti-2], "s") {
	case "mayor", "governor", "prefect", "resident", "native", "citizen", "city", "capital", "region", "province", "outskirt", "suburb", "centre", "center", "university":
		return true
	}
	return false
}

// office reports a name standing for an office sought ("his bid for the
// White House", "the race for the Elysee").
func (st *sentenceState) office(ti int) bool {
	k := ti - 1
	if k >= 0 && st.low[k] == "the" {
		k--
	}
	if k < 1 || st.low[k] != "for" {
		return false
	}
	switch st.low[k-1] {
	case "bid", "race", "run", "running", "campaign", "campaigning", "candidacy":
		return true
	}
	return false
}

// countWord are the numbers that open an indefinite plural description
// ("by two Moscow companies, A and B").
var countWord = map[string]bool{"two": true, "three": true, "four": true, "five": true, "several": true}

// namesTheOperation reports whether the name at token ti is the name of
// the campaign just mentioned ("influence campaign 'Spamouflage'", "the
// network dubbed Storm-1516"), not its target.
func (st *sentenceState) namesTheOperation(ti int) bool {
	k := ti - 1
	for k >= 0 && !st.toks[k].Word() {
		k--
	}
	if k < 0 {
		return false
	}
	w := st.toks[k].Lower
	if w == "as" {
		return true // "known as Doppelganger" ("as" is no plural of "a")
	}
	switch strings.TrimSuffix(w, "s") {
	case "campaign", "operation", "network", "dubbed", "called", "named", "group":
		return true
	}
	return false
}

func nextWord(toks []text.Token, from int, end int) string {
	for k := from; k < len(toks); k++ {
		if toks[k].Start >= end {
			return toks[k].Lower
		}
	}
	return ""
}

// source finds who acts for trigger i: the nearest actor before it that is
// not in a reporting zone, an aside or an object position; failing that,
// the source of the previous trigger of the sentence.
func (f *Finder) source(st *sentenceState, trigs []trig, i int) {
	t := &trigs[i]
	if t.agentRefs != nil {
		return
	}
	if t.unnamed || i > 0 && trigs[i-1].unnamed && t.start-trigs[i-1].end <= 4 {
		// "no attempt by any state to interfere": no actor to find
		t.blocked, t.unnamed = true, true
		return
	}
	if t.passive {
		return
	}
	if k := t.start - 1; k >= 0 && indefiniteSubject[st.low[k]] && (k == 0 || st.low[k-1] != "and" && st.low[k-1] != "or") && st.refAt[k] == 0 {
		// "one site ran X, while others targeted Y": someone unnamed
		t.blocked, t.unnamed = true, true
		return
	}
	// the previous trigger of the main clause (asides do not count)
	prev := -1
	for k := i - 1; k >= 0; k-- {
		if !isAside(&trigs[k]) && !trigs[k].blocked {
			prev = k
			break
		}
	}
	prevEnd := st.attrEnd
	if prev >= 0 {
		prevEnd = trigs[prev].end
	}
	// "foreign countries interfering in", "websites targeting": a common
	// noun right before a participle is its subject; only a possessive or
	// demonym inside that noun phrase names the actor.
	np := -1 // the last token of a common-noun subject, if any
	if strings.HasSuffix(st.toks[t.start].Lower, "ing") && t.start > 0 {
		p := st.toks[t.start-1]
		if st.refAt[t.start-1] == 0 && p.Word() && !p.Cap() && strings.HasSuffix(p.Lower, "s") && !notNoun[p.Lower] && !durationNoun[p.Lower] && !(contentNoun[p.Lower] && st.publishedBefore(t.start-1)) {
			np = t.start - 1
		}
	}
	// "hackers who attacked", "networks that tried to influence": the
	// antecedent of the relative pronoun
	k := t.start - 1
	for k > 0 && k >= t.start-4 && auxiliary[st.low[k]] {
		k--
	}
	if k > 0 && k < t.start && (st.low[k] == "who" || st.low[k] == "which" || st.low[k] == "that") {
		// "the IRA, which targeted", "the IRA, a troll factory that
		// targeted": a clause set off by a comma describes the name
		// before it, whatever that name's role in the main clause
		if ri := st.relativeAntecedent(k); ri >= 0 {
			t.sources = st.group(ri)
			return
		}
		p := st.toks[k-1]
		// "RT published articles that attacked X": the publisher's own
		// content, whose actor is the subject found below
		ownContent := (contentNoun[p.Lower] || contentItem[p.Lower]) && st.publishedBefore(k-1)
		if p.Word() && !p.Cap() && st.refAt[k-1] == 0 && !notNoun[p.Lower] && st.low[k-1] != "that" && !ownContent {
			np = k - 1
		}
	}
	if np >= 0 {
		for k := np; k >= 0 && k >= np-4; k-- {
			if r := st.refAt[k]; r != 0 {
				ref := st.s.Refs[r-1]
				if ref.Possessive || ref.Demonym {
					t.sources = []int{r - 1}
				}
				break
			}
			if !st.toks[k].Word() {
				break
			}
		}
		// "producing content that denigrates X": the content is the
		// object of the previous act, whose actor it speaks for
		if len(t.sources) == 0 && prev >= 0 && np >= trigs[prev].start && np <= trigs[prev].end+1 && len(trigs[prev].sources) > 0 {
			t.sources = trigs[prev].sources
			t.inherited = true
			return
		}
		// "the main foreign actors that attempted": actors named before
		// ("identified Russia and Iran as ..."); the normal search finds them
		if len(t.sources) == 0 {
			if ri := st.memberOf(np); ri >= 0 {
				// "X was one of several groups targeting": X acts
				t.sources = st.group(ri)
				return
			}
		}
		if len(t.sources) > 0 || !f.actorNoun(st.low[np]) {
			t.blocked = len(t.sources) == 0
			return
		}
	}
	// "praising X's list, headed by Y, and portraying Z": coordinated
	// participles share their subject
	// "used its accounts to attack X, including Y, and to promote Z":
	// coordinated infinitives too
	if i > 0 && (t.start > 0 && st.low[t.start-1] == "and" && sameForm(st.low[trigs[i-1].start], st.low[t.start]) || andTo(st, trigs[i-1].start, t.start)) {
		// "videos that attacked X and praised Y": the same subject, be it
		// a noun that names no actor
		p := &trigs[i-1]
		t.sources, t.blocked = p.sources, p.blocked
		if p.agentRefs != nil && !isAside(p) {
			t.sources = p.agentRefs
		}
		t.inherited = len(t.sources) > 0
		return
	}
	sawFor := false // "sanctioned X for interfering": X acts, not the sanctioner
	for ti := t.start - 1; ti >= st.attrEnd; ti-- {
		if st.skip[ti] || st.inAside(trigs, ti) {
			continue
		}
		if prev >= 0 && ti < prevEnd {
			break
		}
		if (st.low[ti] == "for" || st.low[ti] == "of" || st.low[ti] == "with") && t.start-ti <= 4 {
			sawFor = true
		}
		if sawFor && sanctionVerb[st.low[ti]] {
			break // the object was not named; the subject only punished it
		}
		if st.is(ti, wCharacterise) && ti+1 < t.start && !isBe(st.low[max(ti-1, 0)]) {
			// "X called the statement an attempt to interfere": X judges
			// what another did
			t.judged = ti+2 < t.start && st.low[ti+1] == "the" && (judgedNoun[st.low[ti+2]] || contentNoun[st.low[ti+2]] || contentItem[st.low[ti+2]])
			break
		}
		r := st.refAt[ti]
		if r == 0 {
			continue
		}
		ri := r - 1
		ref := st.s.Refs[ri]
		if !actorType(st.d.Entities[ref.Entity].Type) {
			continue
		}
		if prev >= 0 && containsInt(trigs[prev].targets, ri) {
			break // the object of the previous trigger: the actor carries on
		}
		adjacent := (ref.Demonym || ref.Possessive) && ti+1 < len(st.toks) && (ti+1 == t.start || st.toks[ti+1].Lower == "'s" && ti+2 == t.start)
		// "Russian accounts attacked X", "IRA posts accused": the name
		// before the content that acts is its operator
		// (not "posts on WeChat accounts": a platform is only the venue)
		adjacent = adjacent || st.contentSubject(ti+1, t.start) && st.d.Entities[ref.Entity].Subtype != "platform" && !st.objectPosition(ri)
		// "officers of Unit 74455 hacked X", "hackers from the GRU
		// breached Y": the body whose people acted
		adjacent = adjacent || st.staffOf(ri, ti+1, t.start)
		if !adjacent && (st.inApposition(ri) || st.objectPosition(ri) || ref.Modifier || f.speaker(st, ref) || st.accusedBefore(ri, t.start)) {
			// skip to the start of this ref
			for ti > 0 && st.refAt[ti-1] == r {
				ti--
			}
			continue
		}
		// a demonym right before a name modifies it ("Russian companies SDA")
		t.sources = st.group(ri)
		t.sources = st.dropModifyingDemonyms(t.sources)
		return
	}
	if prev < 0 && st.attrEnd > 1 && st.selfReport(st.attrEnd-2, t.start) {
		// "Wang told officials that he had run accounts to attack X": the
		// person who reports is the one who acted
		for ti := st.attrEnd - 1; ti >= 0; ti-- {
			if r := st.refAt[ti]; r != 0 {
				if st.d.Entities[st.s.Refs[r-1].Entity].Type == kb.TypePerson && !st.objectPosition(r-1) {
					t.sources = []int{r - 1}
					return
				}
			}
		}
	}
	if prev >= 0 {
		p := &trigs[prev]
		if p.agentRefs != nil && p.typ != lexicon.Authorised {
			t.sources = p.agentRefs
		} else {
			t.sources = p.sources
		}
		t.inherited = len(t.sources) > 0
		return
	}
	// "Tehran has denied carrying out operations against the US": who
	// denies is who is accused, and the denial negates nothing
	if st.attrEnd > 0 && denial[st.low[st.attrEnd-1]] {
		for ti := st.attrEnd - 2; ti >= 0; ti-- {
			if st.low[ti] == "," || st.low[ti] == "that" {
				break
			}
			if r := st.refAt[ti]; r != 0 && actorType(st.d.Entities[st.s.Refs[r-1].Entity].Type) {
				t.sources = []int{r - 1}
				return
			}
		}
	}
}

// relativeAntecedent returns the actor ref a non-restrictive relative
// pronoun at token k describes, or -1: the name right before ", which"
// or ", who", or the name before an apposition that the clause
// restricts (", a troll factory that", ", the group which"). The
// apposition is an article and at most four lower-case words.
func (st *sentenceState) relativeAntecedent(k int) int {
	c := k - 1
	if st.low[k] != "that" && c > 0 && st.low[c] == "," {
		return st.actorRefAt(c - 1)
	}
	for c = k - 1; c > 0 && c >= k-5; c-- {
		w := st.toks[c]
		if w.Text == "," {
			break
		}
		if !w.Word() || w.Cap() || st.refAt[c] != 0 {
			return -1
		}
	}
	if c <= 0 || st.low[c] != "," || c+1 >= k || !(st.low[c+1] == "a" || st.low[c+1] == "an" || st.low[c+1] == "the") {
		return -1
	}
	return st.actorRefAt(c - 1)
}

// actorRefAt returns the ref of an actor whose name ends at token ti, or
// -1; demonyms and modifiers name no actor of their own.
func (st *sentenceState) actorRefAt(ti int) int {
	r := st.refAt[ti]
	if r == 0 {
		return -1
	}
	ref := st.s.Refs[r-1]
	if ref.Demonym || ref.Modifier || ref.End != st.toks[ti].End || !actorType(st.d.Entities[ref.Entity].Type) {
		return -1
	}
	return r - 1
}

// selfReport reports a personal pronoun subject ("he", "she") between a
// speaker at token from and a trigger at token to, right after "that" or a
// reporting verb: the speaker reports an act of his own.
func (st *sentenceState) selfReport(from, to int) bool {
	for k := from + 1; k < to; k++ {
		if st.low[k] == "he" || st.low[k] == "she" {
			p := st.low[k-1]
			return p == "that" || p == "said" || p == "says" || p == "told" || p == "admitted" || p == "claimed" || p == "officials" || p == "investigators" || p == "reporters"
		}
	}
	return false
}

// denial verbs make their subject the accused.
var denial = map[string]bool{"denied": true, "denies": true, "deny": true, "rejected": true}

// speaker reports whether a ref is who tells ("the Treasury said, and
// ...", "Microsoft had informed"): a reporter is not an actor of what it
// reports.
func (f *Finder) speaker(st *sentenceState, ref resolve.Ref) bool {
	return f.speaks(st.toks, ref)
}

func (f *Finder) speaks(toks []text.Token, ref resolve.Ref) bool {
	k := tokenIndex(toks, ref.End)
	// "(SITE) Task Force said": the rest of the speaker's name
	for n := 0; k < len(toks) && n < 3 && (toks[k].Text == ")" || toks[k].Cap()); n++ {
		k++
	}
	for k < len(toks) && (auxiliary[toks[k].Lower] && toks[k].Lower != "to" || toks[k].Lower == "also") {
		k++
	}
	// "X claimed responsibility for the attack": a claim of one's own act
	if k+1 < len(toks) && toks[k+1].Lower == "responsibility" {
		return false
	}
	return k < len(toks) && f.lex.ReportVerbs[toks[k].Lower] && !nounLike[toks[k].Lower]
}

// afterPreposition reports a ref governed by a preposition ("about the
// war in Gaza", "linked to the Iranian government" is not one: "to" is
// left out, as attribution names the operator).
func afterPreposition(toks []text.Token, ref resolve.Ref) bool {
	k := tokenIndex(toks, ref.Start) - 1
	for k >= 0 && (toks[k].Lower == "the" || toks[k].Lower == "a") {
		k--
	}
	if k < 0 {
		return false
	}
	switch toks[k].Lower {
	case "in", "on", "at", "against", "about", "of", "for", "with", "from", "into", "over", "toward", "towards", "across":
		return true
	case "to":
		// "aid to Ukraine"; but "linked to Russia", "attributed the
		// activity to X" name the operator
		for j := k - 1; j >= 0 && j >= k-4; j-- {
			switch toks[j].Lower {
			case "linked", "tied", "traced", "attributed", "attributes", "connected", "close", "loyal", "belonging", "belonged", "belong":
				return false
			}
		}
		return true
	}
	return false
}

// isAside reports an authorising aside ("under the direction of X,", "at
// X's direction"): its refs authorise, they do not act.
func isAside(t *trig) bool {
	return t.typ == lexicon.Authorised && t.agentRefs != nil && t.aside[1] > t.aside[0]
}

func (f *Finder) actorNoun(w string) bool { return f.actorNouns.Match(w) }

// auxiliary words may stand between a relative pronoun and its verb.
var auxiliary = map[string]bool{"to": true, "tried": true, "sought": true, "attempted": true, "aimed": true,
	"seeking": true, "trying": true, "continued": true, "began": true, "helped": true, "worked": true,
	"would": true, "will": true, "could": true, "can": true, "may": true, "might": true, "also": true,
	"had": true, "has": true, "have": true, "been": true, "allegedly": true, "reportedly": true}

// nounLike are reporting verbs that are more often nouns ("false claims").
var nounLike = map[string]bool{"claims": true, "reports": true, "states": true, "notes": true, "names": true,
	"points": true, "details": true, "tracks": true, "named": true, "found": true, "believe": true}

// notNoun lists words ending in s that are not plural nouns.
var notNoun = map[string]bool{"is": true, "was": true, "has": true, "this": true, "its": true, "his": true,
	"us": true, "as": true, "thus": true, "has been": true, "does": true, "was's": true, "across": true,
	"always": true, "perhaps": true, "less": true, "unless": true, "whereas": true, "news": true,
	"towards": true, "afterwards": true, "besides": true, "hers": true, "ours": true, "yours": true,
	"theirs": true, "nevertheless": true, "sometimes": true, "regardless": true, "various": true,
	"previous": true, "serious": true, "numerous": true, "ambitious": true, "obvious": true}

func (st *sentenceState) dropModifyingDemonyms(g []int) []int {
	out := g[:0:0]
	for k, ri := range g {
		r := st.s.Refs[ri]
		if r.Demonym && k+1 < len(g) && !st.s.Refs[g[k+1]].Demonym && st.s.Refs[g[k+1]].Start-r.End < 14 {
			continue
		}
		out = append(out, ri)
	}
	return out
}

func (st *sentenceState) inAside(trigs []trig, ti int) bool {
	for _, t := range trigs {
		if t.aside[1] > t.aside[0] && ti >= t.aside[0] && ti < t.aside[1] {
			return true
		}
	}
	return false
}

// inApposition reports whether ref ri sits in ", a group tied to X," after
// another name.
func (st *sentenceState) inApposition(ri int) bool {
	r := st.s.Refs[ri]
	toks := st.toks
	ti := tokenIndex(toks, r.Start)
	for k := ti - 1; k >= 0 && k >= ti-8; k-- {
		if toks[k].Text == "," {
			// ", a group tied to X,", ", Moscow's state broadcasters,"
			if k+1 < len(toks) && (toks[k+1].Lower == "a" || toks[k+1].Lower == "an" || k+1 == ti && r.Possessive) {
				return k > 0 && st.refAt[k-1] != 0
			}
			return false
		}
	}
	return false
}

// objectPosition reports whether ref ri is the object of a preposition
// ("in the US", "against Biden", "under EU sanctions").
func (st *sentenceState) objectPosition(ri int) bool {
	r := st.s.Refs[ri]
	ti := tokenIndex(st.toks, r.Start)
	k := ti - 1
	for k >= 0 && (st.toks[k].Lower == "the" || st.toks[k].Lower == "its") {
		k--
	}
	if k < 0 {
		return false
	}
	if (st.toks[k].Lower == "and" || st.toks[k].Lower == "or" || st.toks[k].Lower == ",") && suchAsBefore(st.low, k) {
		// "outlets such as The Washington Post and Fox News": the second
		// name stands where the first does
		for _, g := range st.group(ri) {
			if g < ri && st.examplesOf(g) {
				return true
			}
		}
	}
	if st.examplesOf(ri) {
		return true // "outlets such as X"
	}
	switch st.toks[k].Lower {
	case "told", "tells", "tell", "telling", "informed", "briefed", "assured", "urged", "warned", "asked", "reminded":
		// "told Australian officials he had ...": the addressee
		return true
	case "in", "on", "at", "against", "about", "of", "for", "with", "to", "from", "under", "into", "over", "within", "including", "like", "toward", "towards", "between", "among", "across", "via", "than":
		if st.toks[k].Lower == "of" && k > 0 && staffNoun[st.toks[k-1].Lower] {
			return false // "two employees of RT": the body they act for
		}
		if (st.toks[k].Lower == "in" || st.toks[k].Lower == "from") && k > 0 && origin[st.toks[k-1].Lower] {
			return false // "a network originating in Turkey": where it is run from
		}
		if st.toks[k].Lower == "to" && k > 1 && operatorLink[st.toks[k-1].Lower] {
			switch st.toks[k-2].Lower {
			case "it", "they", "officials", "investigators", "researchers", "was", "were", "been", "is", "are":
				// "an operation that it linked to China", "the network
				// was tied to Iran": the operator ("proxies linked to
				// Russian intelligence" stays an object)
				return false
			}
		}
		return !r.Possessive || st.toks[k].Lower == "within"
	}
	return false
}

// suchAsBefore reports "such as" in the dozen words before token k.
func suchAsBefore(low []string, k int) bool {
	for i := k - 1; i > 0 && i >= k-12; i-- {
		if low[i] == "as" && low[i-1] == "such" {
			return true
		}
	}
	return false
}

// accusedBefore reports "The posts accused Moore of antisemitism,
// portrayed Blackburn ...": the accused of an earlier clause is not who
// acts in a later one (in "accused Moscow of trying to topple ..." the act
// is the accusation's own and Moscow its actor).
func (st *sentenceState) accusedBefore(ri, trig int) bool {
	k := tokenIndex(st.toks, st.s.Refs[ri].Start) - 1
	for n := 0; n < 2 && k > 0 && st.toks[k].Cap() && st.refAt[k] == 0; n++ {
		k-- // a title: "accused Representative Anna Keller"
	}
	if k < 0 {
		return false
	}
	switch st.low[k] {
	case "accused", "accuses", "accusing", "accuse":
	default:
		return false
	}
	for j := k + 1; j < trig; j++ {
		if st.low[j] == "," || st.low[j] == "and" || st.low[j] == ";" {
			return true
		}
	}
	return false
}

// examplesOf reports a ref right after "such as" ("imitated outlets such
// as X"): an example of a noun, not an actor.
func (st *sentenceState) examplesOf(ri int) bool {
	k := tokenIndex(st.toks, st.s.Refs[ri].Start) - 1
	for k >= 0 && st.toks[k].Lower == "the" {
		k--
	}
	return k > 0 && st.toks[k].Lower == "as" && st.toks[k-1].Lower == "such"
}

// narrativeNoun after a name makes it the voice, not the target:
// "promoted Kremlin narratives", "repeated Russian talking points".
var narrativeNoun = map[string]bool{"narratives": true, "narrative": true, "propaganda": true, "talking": true,
	"messaging": true, "disinformation": true, "line": true, "lines": true, "positions": true, "views": true}

// voice reports entity types whose "narratives" are their own line ("Kremlin
// narratives"); a party's or a person's talking points are promoted for them.
func voice(typ string) bool { return typ == kb.TypeState || typ == kb.TypeAgency }

// staffNoun are people acting for a body: "employees of RT".
var staffNoun = map[string]bool{"employees": true, "employee": true, "staff": true, "officers": true,
	"officer": true, "agents": true, "agent": true, "operatives": true, "operative": true, "members": true,
	"member": true, "hackers": true, "affiliates": true, "proxies": true, "associates": true}

// origin words say where an operation is run from.
var origin = map[string]bool{"originating": true, "originated": true, "run": true, "operating": true,
	"operated": true, "directed": true, "coordinated": true, "controlled": true, "emanating": true}

// operatorLink verbs tie an operation to who ran it: "linked to X",
// "attributed the activity to X".
var operatorLink = map[string]bool{"linked": true, "tied": true, "traced": true, "attributed": true,
	"attributes": true, "attributing": true, "blamed": true, "connected": true}

// attributedTo returns the actors a sentence names as behind what was
// just described: "It attributed the activity to X", "officials linked
// the campaign to X and Y". Only a pronoun or an operation noun may stand
// between the verb and "to".
func (f *Finder) attributedTo(d *resolve.Doc, si int) []int {
	s := &d.Sentences[si]
	toks := s.Tokens
	for k, t := range toks {
		if (t.Lower == "hallmarks" || t.Lower == "fingerprints" || t.Lower == "signature") && k+2 < len(toks) && toks[k+1].Lower == "of" && k > 1 && (toks[k-1].Lower == "the" || toks[k-1].Lower == "all") {
			// "the clip carried the hallmarks of Storm-1516": X made it
			return refsFrom(d, s, toks[k+1].End)
		}
		if !f.operatorLinks.MayHave(t.Lower) || !operatorLink[t.Lower] {
			continue
		}
		j := k + 1
		ok := false
		for ; j < len(toks) && j <= k+4; j++ {
			w := toks[j].Lower
			if w == "to" || w == "on" && t.Lower == "blamed" {
				break
			}
			if w == "it" || w == "them" || f.lex.OperationNouns[w] {
				ok = true
			}
		}
		if j == k+1 && j < len(toks) && k > 0 {
			switch toks[k-1].Lower {
			case "they", "it", "researchers", "investigators", "officials", "analysts":
				ok = true // "websites they attributed to the network"
			}
		}
		if !ok || j >= len(toks) || j > k+4 {
			continue
		}
		// "websites they attributed to the network": the operator the
		// last sentences named
		if j+2 < len(toks) && toks[j+1].Lower == "the" && len(f.describedTypes(toks[j+2].Lower)) > 0 && tokenIndex(toks, refStartAfter(s, toks[j].End)) != j+2 {
			if e := f.earlierOperator(d, si, f.describedTypes(toks[j+2].Lower)); e >= 0 {
				return []int{e}
			}
		}
		return refsFrom(d, s, toks[j].End)
	}
	return nil
}

// describedTypes are the entity types "the <noun>" may refer back to: an
// actor noun's, or for an operation noun ("the network") the
// organisation that is it.
func (f *Finder) describedTypes(noun string) []string {
	if t := f.lex.ActorRefs[noun]; len(t) > 0 {
		return t
	}
	if f.lex.OperationNouns[noun] {
		return []string{kb.TypeOrganisation}
	}
	return nil
}

// refStartAfter is where the first ref at or after byte pos starts, or -1.
func refStartAfter(s *resolve.Sentence, pos int) int {
	for _, r := range s.Refs {
		if r.Start >= pos {
			return r.Start
		}
	}
	return -1
}

// earlierOperator is the nearest entity of one of types named in the
// five sentences before si that may run an operation (no platform,
// party, outlet or research group), or -1.
func (f *Finder) earlierOperator(d *resolve.Doc, si int, types []string) int {
	for sj := si - 1; sj >= 0 && sj >= si-5; sj-- {
		refs := d.Sentences[sj].Refs
		for k := len(refs) - 1; k >= 0; k-- {
			r := refs[k]
			e := d.Entities[r.Entity]
			if r.Demonym || r.Modifier || !slices.Contains(types, e.Type) || e.Subtype == "platform" || notOperator[e.Subtype] || e.Type == kb.TypeState {
				continue
			}
			return r.Entity
		}
	}
	return -1
}

// refsFrom returns the actor named first after byte pos in sentence s,
// with those coordinated to it by "and".
func refsFrom(d *resolve.Doc, s *resolve.Sentence, pos int) []int {
	var out []int
	for _, r := range s.Refs {
		if r.Start < pos {
			continue
		}
		e := d.Entities[r.Entity]
		if !actorType(e.Type) || e.Subtype == "platform" || r.Modifier {
			break
		}
		out = append(out, r.Entity)
		if len(out) > 0 && !strings.Contains(d.Text[r.End:min(len(d.Text), r.End+6)], " and ") {
			break
		}
	}
	return dedupInts(out)
}

func tokenIndex(toks []text.Token, pos int) int {
	return sort.Search(len(toks), func(i int) bool { return toks[i].Start >= pos })
}

// continues reports whether a sentence without its own actor continues the
// previous one: it opens with a pronoun or a definite description of the
// operation, or its trigger is passive.
func (f *Finder) continues(st *sentenceState, t *trig) bool {
	if t.passive {
		return true
	}
	toks := st.toks
	if len(toks) == 0 {
		return false
	}
	w := toks[0].Lower
	switch w {
	case "it", "they", "he", "she", "its", "their", "his", "her":
		return true
	case "the", "this", "that", "these", "those", "such":
		if len(toks) > 1 {
			for k := 1; k < len(toks) && k < 4; k++ {
				switch strings.TrimSuffix(toks[k].Lower, "s") {
				case "network", "campaign", "operation", "group", "effort", "activitie", "activity", "actor", "site", "account", "hacker", "attacker", "operative", "collective", "plan", "provocation":
					return true
				}
			}
		}
	}
	// "Dubbed X, the campaign ...", "Defendants' operation included"
	for k := 0; k < len(toks) && k < t.start; k++ {
		switch strings.TrimSuffix(strings.TrimSuffix(toks[k].Lower, "'"), "s") {
		case "network", "campaign", "operation", "defendant", "operative", "hacker", "actor", "group":
			return true
		}
	}
	return false
}

func (f *Finder) hedges(st *sentenceState) []string {
	var out []string
	low := st.low
	for i := range low {
		if !st.is(i, wHedge) && !f.hedgePrefixed(low[i]) {
			continue
		}
		for _, h := range f.lex.Hedges {
			if h.Match(low[i:]) {
				out = append(out, strings.Join(low[i:i+len(h)], " "))
				break
			}
		}
	}
	return dedupStrings(out)
}

// hedgePrefixed reports whether w starts with the prefix a hedge pattern
// opens with ("attempt*"); the exact first words are the wHedge class.
func (f *Finder) hedgePrefixed(w string) bool {
	for _, p := range f.hedgeCues.prefix {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// negated looks for a negation cue in the few words before the trigger.
func (f *Finder) negated(st *sentenceState, t *trig) bool {
	from := t.start - 4
	if from < st.attrEnd {
		from = st.attrEnd
	}
	if from < 0 {
		from = 0
	}
	end := t.start
	if t.end-t.start > 2 {
		end = t.end - 1 // "was not involved": the cue inside the phrase
	}
	low := st.low[from:end]
	for k := range low {
		if !f.words.anyNegation && !st.is(from+k, wNegation) {
			continue // no cue opens with this word
		}
		for _, n := range f.lex.Negations {
			if n.Match(low[k:]) {
				return true
			}
		}
	}
	return false
}

func (f *Finder) sentenceNegated(st *sentenceState) bool {
	low := st.low
	for i := range low {
		if !st.is(i, wSentNeg) {
			continue
		}
		for _, n := range f.lex.SentenceNegations {
			if n.Match(low[i:]) {
				return true
			}
		}
	}
	return false
}

// inNegationScope reports whether a sentence-wide negation cue reaches
// trigger t: a cue after it ("ran operations but opted not to deploy
// them") always does; a cue before it ("found no evidence that X had
// interfered") only within its clause, up to "though", "but", "while" or
// a semicolon.
func (f *Finder) inNegationScope(st *sentenceState, t *trig) bool {
	low := st.low
	reach := false
	for i := range low {
		if !st.is(i, wSentNeg) {
			continue
		}
		for _, n := range f.lex.SentenceNegations {
			if !n.Match(low[i:]) {
				continue
			}
			if i >= t.start {
				// "ran operations but opted not to deploy them" reaches
				// back; "..., though officials had not seen X" does not
				cut := false
				for k := t.end; k < i; k++ {
					if clauseBoundary[low[k]] && low[k] != "but" && low[k] != "yet" {
						cut = true
						break
					}
				}
				if !cut {
					return true
				}
				continue
			}
			reach = true
			for k := i + len(n); k < t.start; k++ {
				if clauseBoundary[low[k]] {
					reach = false
					break
				}
			}
			if reach {
				return true
			}
		}
	}
	return reach
}

// determiner words make a following participle an adjective.
var determiner = map[string]bool{"the": true, "a": true, "an": true, "its": true, "their": true, "his": true, "her": true}

// clauseBoundary words end the scope of a negation cue before them.
var clauseBoundary = map[string]bool{"though": true, "although": true, "but": true, "while": true,
	"whereas": true, "however": true, "yet": true, ";": true, "even": true, "despite": true}

// sameForm reports two verbs of the same form ("praising ... and
// portraying", "hacked ... and leaked").
func sameForm(a, b string) bool {
	for _, suf := range []string{"ing", "ed"} {
		if strings.HasSuffix(a, suf) && strings.HasSuffix(b, suf) {
			return true
		}
	}
	return false
}

// notOperator are organisation kinds that rarely run an operation: what
// "the group" or "the association" refers back to is not one of them.
var notOperator = map[string]bool{"party": true, "media": true, "news-agency": true, "research": true,
	"think-tank": true, "intergovernmental": true, "company": true, "ngo": true, "movement": true}

// sanctionVerb are what governments do to an actor "for" its acts.
var sanctionVerb = map[string]bool{"sanctioned": true, "charged": true,
	"indicted": true, "designated": true, "fined": true, "punished": true, "blacklisted": true, "expelled": true,
	"banned": true, "arrested": true, "convicted": true, "blamed": true, "accused": true, "accuses": true,
	"prosecuted": true, "sentenced": true, "suspended": true, "removed": true}

// accuseVerb are what content does when it accuses someone.
var accuseVerb = map[string]bool{"accused": true, "accuses": true, "accuse": true, "blamed": true, "blames": true, "branded": true, "brands": true}

// contentSays are what content does when it carries a claim.
var contentSays = map[string]bool{"warning": true, "saying": true, "suggesting": true, "arguing": true,
	"insisting": true, "asserting": true, "implying": true, "claimed": true, "suggested": true, "alleged": true,
	"said": true, "asserted": true, "warned": true, "argued": true, "implied": true}

// contentItem are single pieces of content ("one fabricated article
// claimed that ...").
var contentItem = map[string]bool{"article": true, "post": true, "video": true, "clip": true, "story": true,
	"commentary": true, "editorial": true, "broadcast": true, "message": true, "meme": true, "headline": true}

// contentNoun and published: "published commentaries denouncing X",
// "ran articles praising Y": the publisher acts through its content.
var contentNoun = map[string]bool{"commentaries": true, "articles": true, "stories": true, "reports": true,
	"videos": true, "posts": true, "messages": true, "clips": true, "editorials": true, "op-eds": true,
	"pieces": true, "broadcasts": true, "segments": true, "cartoons": true, "memes": true, "pages": true,
	"accounts": true, "sites": true, "websites": true, "channels": true, "ads": true, "adverts": true,
	"advertisements": true}

var published = map[string]bool{"published": true, "publishes": true, "ran": true, "run": true, "runs": true,
	"aired": true, "broadcast": true, "posted": true, "shared": true, "produced": true, "of": true, "issued": true,
	"with": true, "share": true, "spread": true, "post": true, "publish": true, "repost": true, "circulate": true,
	"bought": true, "buy": true, "placed": true, "wrote": true, "write": true, "writes": true, "written": true,
	"generated": true, "generate": true, "created": true, "create": true, "churned": true, "pushed": true,
	"uploaded": true, "distributed": true, "circulated": true, "released": true, "made": true}

// publishedBefore reports a publishing verb shortly before the content
// noun at ti ("ran dozens of Facebook pages attacking X").
func (st *sentenceState) publishedBefore(ti int) bool {
	for k := ti - 1; k >= 0 && k >= ti-4; k-- {
		if published[st.low[k]] && st.low[k] != "of" || k == ti-1 && st.low[k] == "of" {
			return true
		}
	}
	return false
}

// relative reports whether the words between two triggers make the
// second a relative clause on the first's object ("producing content
// that denigrates X").
func relative(st *sentenceState, a, b int) bool {
	if b <= a || b-a > 3 {
		return false
	}
	w := st.low[b-1]
	return w == "that" || w == "which"
}

// purpose reports whether the words between two triggers join them as a
// purpose clause ("spread X to undermine Y"): a "to" and no comma.
func purpose(st *sentenceState, a, b int) bool {
	to := false
	for k := a; k < b && k < len(st.toks); k++ {
		switch st.toks[k].Lower {
		case "to":
			to = true
		case ",", ";", "and":
			return false
		}
	}
	return to
}

func containsInt(a []int, x int) bool {
	for _, y := range a {
		if y == x {
			return true
		}
	}
	return false
}

func sameInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// dedupInts returns a's distinct values in order of first occurrence.
// The lists are short: a scan of out is cheaper than a map.
func dedupInts(a []int) []int {
	var out []int
	for _, x := range a {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// dedupStrings is dedupInts for strings.
func dedupStrings(a []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// executedBy are participles that hand an act to whoever carried it out:
// "the intrusion was carried out by X", "the campaign was conducted by X".
var executedBy = map[string]bool{"carried": true, "conducted": true, "perpetrated": true, "committed": true,
	"executed": true, "performed": true, "undertaken": true, "staged": true, "mounted": true}

// executorOf returns the "by" agent of a passive that follows an act named
// at the head of its clause ("The hacking of X and Y was carried out by
// Z"), or nil. Only articles, possessives and modifiers may stand before
// the trigger, and no other verb between it and the passive.
func (st *sentenceState) executorOf(t *trig) []int {
	from := max(st.attrEnd, 0)
	for k := t.start - 1; k >= from; k-- {
		if w := st.low[k]; w == "," || w == ":" || w == ";" {
			from = k + 1
			break
		}
	}
	if t.start-from > 4 {
		return nil
	}
	toks := st.toks
	for k := t.end; k < len(toks) && k < t.end+30; k++ {
		w := st.low[k]
		if w == ";" || w == "that" || w == "which" || w == "who" || w == "—" {
			return nil
		}
		if !isBe(w) {
			continue
		}
		m := k + 1
		if m < len(toks) && strings.HasSuffix(st.low[m], "ly") {
			m++ // "was reportedly carried out by"
		}
		if m >= len(toks) || !executedBy[st.low[m]] {
			return nil
		}
		m++
		if m < len(toks) && st.low[m] == "out" {
			m++
		}
		if m >= len(toks) || st.low[m] != "by" {
			return nil
		}
		for n := m + 1; n < len(toks) && n < m+5; n++ {
			if r := st.refAt[n]; r != 0 {
				if actorType(st.d.Entities[st.s.Refs[r-1].Entity].Type) {
					return st.group(r - 1)
				}
				return nil
			}
		}
		return nil
	}
	return nil
}

// insertedReport returns the index of the comma that opens a reporting
// clause set inside another ("Russia, the official said, remains ..."),
// the reporting verb being toks[v] and followed by a comma; 0 when the
// report is not inserted after a subject that names an actor.
func (st *sentenceState) insertedReport(v int) int {
	if v+1 >= len(st.toks) || st.low[v+1] != "," {
		return 0
	}
	for c := v - 1; c > 0 && c >= v-8; c-- {
		if st.low[c] != "," {
			continue
		}
		for k := c - 1; k >= 0 && k >= c-6; k-- {
			if r := st.refAt[k]; r != 0 && actorType(st.d.Entities[st.s.Refs[r-1].Entity].Type) {
				return c
			}
		}
		if c <= 4 && (st.low[0] == "the" || st.low[0] == "this") {
			return c // "The network, he added, was directed by X"
		}
		return 0
	}
	return 0
}

// skipped reports whether the token at byte position pos is marked to be
// skipped (a reporting clause or an aside).
func (st *sentenceState) skipped(pos int) bool {
	if st.skip == nil {
		return false
	}
	ti := tokenIndex(st.toks, pos)
	return ti >= 0 && ti < len(st.skip) && st.skip[ti]
}

// personTitle words stand before a name in a list of people ("Senator X
// of Ohio and Representative Y").
var personTitle = map[string]bool{"senator": true, "sen.": true, "representative": true, "rep.": true,
	"congressman": true, "congresswoman": true, "governor": true, "gov.": true, "mayor": true,
	"lawmaker": true, "deputy": true, "mp": true, "candidate": true, "president": true, "minister": true}

// stripQualifiers drops what may stand between coordinated names without
// breaking the list: a place after a name ("Barry Moore of Alabama, ...")
// and a title before the next ("... and Senator Marco Rubio").
func stripQualifiers(gap string) string {
	if strings.IndexFunc(gap, func(r rune) bool { return r >= 'A' && r <= 'Z' }) < 0 {
		return gap // places and titles are capitalised
	}
	f := strings.Fields(gap)
	if len(f) < 2 {
		return gap
	}
	i := 0
	if f[0] == "of" {
		k := 1
		for k < len(f) && isCapWord(strings.TrimRight(f[k], ",")) {
			k++
			if strings.HasSuffix(f[k-1], ",") {
				break
			}
		}
		if k > 1 {
			if strings.HasSuffix(f[k-1], ",") {
				f[k-1] = ","
				i = k - 1
			} else {
				i = k
			}
		}
	}
	j := len(f)
	for j > i+1 && isCapWord(f[j-1]) && personTitle[strings.ToLower(f[j-1])] {
		j--
	}
	if i == 0 && j == len(f) {
		return gap
	}
	return " " + strings.Join(f[i:j], " ") + " "
}

func isCapWord(w string) bool {
	return w != "" && w[0] >= 'A' && w[0] <= 'Z'
}

// venue reports whether the ref at token ti is a platform named as the
// place where something happened ("recruited on Telegram", "posted via
// TikTok"), not what was acted on.
func (st *sentenceState) venue(ti int, ref resolve.Ref) bool {
	if st.d.Entities[ref.Entity].Subtype != "platform" || ti == 0 {
		return false
	}
	switch st.low[ti-1] {
	case "on", "via", "across", "through":
		return true
	}
	return false
}

// durationNoun words before a participle say how long, not who: "X has
// spent months attacking Y".
var durationNoun = map[string]bool{"months": true, "weeks": true, "years": true, "days": true, "hours": true,
	"decades": true}

// pretended reports whether a trigger only says how someone was made to
// look ("to make X look as if it were buying votes", "as though X had
// paid"): the act is the smear's content, not a deed of X.
func (st *sentenceState) pretended(t *trig) bool {
	for k := t.start - 1; k > 0 && k >= t.start-5; k-- {
		if st.low[k-1] == "as" && (st.low[k] == "if" || st.low[k] == "though") {
			return true
		}
	}
	return false
}

// characterise verbs put a name on what someone else did: their subject
// is a judge, not the actor ("the ministry called the statement an
// attempt to interfere").
var characterise = map[string]bool{"called": true, "calls": true, "branded": true, "brands": true,
	"labelled": true, "labeled": true, "termed": true, "described": true, "describes": true, "denounced": true,
	"denounces": true, "condemned": true, "condemns": true, "decried": true}

// questionOf reports whether the name at token ti is what a referendum
// asks about ("the referendum on joining the European Union"), not a
// target.
func (st *sentenceState) questionOf(ti int) bool {
	k := ti - 1
	for k > 0 && (st.low[k] == "the" || st.low[k] == "joining" || st.low[k] == "leaving" || st.low[k] == "membership" || st.low[k] == "of" || st.low[k] == "in") {
		k--
	}
	if k < 1 || st.low[k] != "on" && st.low[k] != "about" && st.low[k] != "over" {
		return false
	}
	r := st.refAt[k-1]
	return r != 0 && st.d.Entities[st.s.Refs[r-1].Entity].Type == resolve.TypeElection
}

// writtenContent nouns before an evaluative participle make it a claim
// spread about its object ("articles attacking X", "posts praising Y").
var writtenContent = map[string]bool{"articles": true, "posts": true, "comments": true, "messages": true,
	"stories": true, "editorials": true, "commentaries": true, "cartoons": true, "memes": true, "videos": true,
	"clips": true, "segments": true, "broadcasts": true, "op-eds": true, "tweets": true}

// claimNoun names content put about someone.
var claimNoun = map[string]bool{"claims": true, "allegations": true, "rumours": true, "rumors": true, "accusations": true, "smears": true, "stories": true, "posts": true, "memes": true}

// withClaims reports "with claims", "with false allegations" shortly
// after position from.
func withClaims(low []string, from int) bool {
	for k := from; k < len(low) && k < from+8; k++ {
		if low[k] == "," || low[k] == "and" {
			return false
		}
		if low[k] == "with" {
			for m := k + 1; m < len(low) && m <= k+3; m++ {
				if claimNoun[low[m]] {
					return true
				}
			}
			return false
		}
	}
	return false
}

// evaluative participles judge their object rather than act on it.
var evaluative = map[string]bool{"attacking": true, "criticising": true, "criticizing": true, "smearing": true,
	"mocking": true, "denigrating": true, "disparaging": true, "praising": true, "portraying": true,
	"ridiculing": true, "vilifying": true, "demonising": true, "demonizing": true}

// unnamedAgent words open a "by" agent that names no one in particular.
var unnamedAgent = map[string]bool{"any": true, "anyone": true, "anybody": true, "someone": true,
	"somebody": true, "another": true, "other": true, "others": true, "unknown": true, "unidentified": true}
