package relation

import (
	"sort"
	"strconv"
	"strings"

	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/extract/relation/model"
	"github.com/influencegraph/influencegraph/extract/resolve"
	"github.com/influencegraph/influencegraph/extract/text"
)

// The features a model sees are strings named "family:value". Each
// family is one small function below; a candidate's vector is the set of
// everything they say of it anywhere in the article: the article-level
// features and those of each of its meetings. The decoder scores the
// meetings one by one again to tell which sentence weighed most.

// Featurized is a candidate with its features, as training sees it: the
// article-level ones and the union of its meetings' (sorted, unique).
type Featurized struct {
	Candidate
	Features []string
}

// emitter receives the features the functions below name, each given
// in parts. Training collects them as strings (set); deciding hashes the
// parts and looks the hash up in the model's index, keeping the indices
// of known features once each (ids), so a feature costs no allocation.
type emitter struct {
	buf []byte
	set map[string]struct{}

	index *model.HashIndex
	mark  []uint32 // mark[i] == gen: feature i already kept
	gen   uint32
	ids   []int
	// fixed are the hashes of fixedNames, once computed (nil before).
	fixed *[len(fixedNames)]model.Hash
}

func newSetEmitter() *emitter { return &emitter{set: map[string]struct{}{}} }

func (e *emitter) emit(parts ...string) {
	if e.index != nil {
		h := model.NewHash()
		for _, p := range parts {
			h = h.Add(p)
		}
		e.emitHash(h)
		return
	}
	e.buf = e.buf[:0]
	for _, p := range parts {
		e.buf = append(e.buf, p...)
	}
	if _, ok := e.set[string(e.buf)]; !ok {
		e.set[string(e.buf)] = struct{}{}
	}
}

// emitHash keeps the feature whose name hashes to h, if the model knows
// it: emit, for a name whose hash was begun before.
func (e *emitter) emitHash(h model.Hash) {
	if i, ok := e.index.Lookup(h); ok && e.mark[i] != e.gen {
		e.mark[i] = e.gen
		e.ids = append(e.ids, int(i))
	}
}

// add keeps ids, found by an earlier lookup, as emit keeps one.
func (e *emitter) add(ids []int) {
	for _, i := range ids {
		if e.mark[i] != e.gen {
			e.mark[i] = e.gen
			e.ids = append(e.ids, i)
		}
	}
}

// reset empties the emitter for the next candidate or meeting.
func (e *emitter) reset() {
	if e.index != nil {
		e.gen++
		if e.gen == 0 { // wrapped: old marks could match again
			clear(e.mark)
			e.gen = 1
		}
		e.ids = e.ids[:0]
		return
	}
	clear(e.set)
}

// sorted returns the collected strings, sorted.
func (e *emitter) sorted() []string {
	out := make([]string, 0, len(e.set))
	for k := range e.set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// pairPrefixes begin the names of the features of a candidate's ends
// and of the pair as a whole (end, roleFeatures, pairFeatures): all but
// those of its meetings.
var pairPrefixes = [...]string{"asub:", "bsub:", "astate:", "a:home", "b:home", "aid:", "bid:", "bkind:",
	"amentions:", "bmentions:", "arank:", "brank:", "b:focal-election", "a:asserter", "b:asserter",
	"a:rule-", "b:rule-", "types:", "pair:", "country:", "a:foreign", "ameet:", "samesent:",
	"rule:", "rule-", "rrev:", "rrev-"}

// PairFeature reports whether a feature is one of a candidate's ends or
// of the pair as a whole, not of one of its meetings: the features the
// decider reads first, to skip a candidate no meeting could lift to a
// threshold (model.Model.MeetingBound).
func PairFeature(feature string) bool {
	if feature == "bias" {
		return true
	}
	for _, p := range pairPrefixes {
		if strings.HasPrefix(feature, p) {
			return true
		}
	}
	return false
}

// Lexical reports whether a feature holds words of the article's text
// (those around and between the two ends), rather than what the
// pipeline made of it.
func Lexical(feature string) bool {
	family, _, _ := strings.Cut(feature, ":")
	switch family {
	case "left", "right", "btw":
		return true
	}
	return false
}

// featureCtx is what the feature functions read about one meeting.
type featureCtx struct {
	f *Finder
	d *resolve.Doc
	m Meeting
	e *emitter
}

// featurizer runs the feature functions over the candidates of one
// article.
type featurizer struct {
	f    *Finder
	d    *resolve.Doc
	tags *tagCache
	// roles is what the rules said of each entity.
	roles roles
	// rank[i] is how many entities of entity i's type are named more
	// often than it.
	rank []int
	// ends holds the ids of each end's own features (endFeatures) once
	// looked up: endAt[side][i] is where entity i's, as source (0) or
	// target (1), lie in ends ({-1, -1} before they are).
	ends  []int
	endAt [2][][2]int32
	// pairHead[i] is the hash of "pair:", entity i's id and ">", the part
	// of a pair feature its source gives, once computed (0 before): an
	// article's candidates share sources, and ids are long. typesHead[i]
	// is the same for "types:", entity i's type and ">".
	pairHead, typesHead []model.Hash
}

func newFeaturizer(f *Finder, d *resolve.Doc, cands []Candidate) *featurizer {
	z := &featurizer{tags: new(tagCache)}
	z.reset(f, d, cands)
	return z
}

// reset readies z for the candidates of d, keeping the memory its tag
// cache holds.
func (z *featurizer) reset(f *Finder, d *resolve.Doc, cands []Candidate) {
	z.f, z.d = f, d
	z.roles = resized(z.roles, len(d.Entities))
	for _, c := range cands {
		for _, r := range c.Rules {
			if r.Source == c.Source {
				z.roles.add(r)
			}
		}
	}
	z.tags.reset(f, d)
	z.ends = z.ends[:0]
	for side := range z.endAt {
		z.endAt[side] = resized(z.endAt[side], len(d.Entities))
		for i := range z.endAt[side] {
			z.endAt[side][i] = [2]int32{-1, -1}
		}
	}
	z.pairHead = resized(z.pairHead, len(d.Entities))
	z.typesHead = resized(z.typesHead, len(d.Entities))
	z.rank = resized(z.rank, len(d.Entities))
	for i, e := range d.Entities {
		for _, o := range d.Entities {
			if o.Type == e.Type && len(o.Mentions) > len(e.Mentions) {
				z.rank[i]++
			}
		}
	}
}

func rankBucket(r int) string {
	switch r {
	case 0:
		return "1"
	case 1:
		return "2"
	}
	return "3+"
}

// candidate emits every feature of c: those of each end alone, those of
// the pair, and those of each meeting.
func (z *featurizer) candidate(c *Candidate, e *emitter) {
	z.pair(c, e)
	z.meetings(c, e)
}

// pair emits the features of c's ends and of the pair as a whole.
func (z *featurizer) pair(c *Candidate, e *emitter) {
	z.end(source, c.Source, e)
	z.end(target, c.Target, e)
	z.pairFeatures(c, e)
}

// meetings emits the features of c's meetings.
func (z *featurizer) meetings(c *Candidate, e *emitter) {
	for _, m := range c.Meetings {
		z.meeting(m, e)
	}
}

// The sides an end stands on.
const (
	source = iota
	target
)

// end emits the features of entity i as the source or the target. They
// are the same in every candidate the entity is in, so deciding looks
// them up once per article: the ids the first lookup keeps are kept for
// the next. Their names differ from the other side's and from those of
// the pair and the meetings, so the first lookup keeps every one the
// model knows, whatever the emitter already holds.
func (z *featurizer) end(side, i int, e *emitter) {
	if e.index == nil {
		z.endFeatures(side, i, e)
		return
	}
	if at := z.endAt[side][i]; at[0] >= 0 {
		e.add(z.ends[at[0]:at[1]])
		return
	}
	start := len(e.ids)
	z.endFeatures(side, i, e)
	at := [2]int32{int32(len(z.ends)), 0}
	z.ends = append(z.ends, e.ids[start:]...)
	at[1] = int32(len(z.ends))
	z.endAt[side][i] = at
}

// endFeatures are what an end is alone: its subtype, whether it is of
// the article's country, its id, how often and how much more than its
// like it is named, what the rules made of it anywhere in the article.
func (z *featurizer) endFeatures(side, i int, e *emitter) {
	d := z.d
	x := d.Entities[i]
	p := "a"
	if side == target {
		p = "b"
	}
	if x.Subtype != "" {
		e.emit(p, "sub:", x.Subtype)
	}
	if side == source && x.Type == kb.TypeState {
		e.emit("astate:", x.ISO2)
	}
	if d.Home != "" && countryOf(x) == d.Home {
		e.emit(p, ":home")
	}
	e.emit(p, "id:", x.ID)
	if side == target && x.ElectionKind != "" {
		e.emit("bkind:", x.ElectionKind)
	}
	e.emit(p, "mentions:", bucket(len(x.Mentions)))
	// the one named most is most often the one that acts, or the
	// election that was targeted
	e.emit(p, "rank:", rankBucket(z.rank[i]))
	if side == target && x.Type == resolve.TypeElection && isFocal(d, i) {
		e.emit("b:focal-election")
	}
	roleFeatures(z.roles[i], side, e)
}

// meeting emits the features of one meeting.
func (z *featurizer) meeting(m Meeting, e *emitter) {
	fc := featureCtx{f: z.f, d: z.d, m: m, e: e}
	meetingFeatures(&fc, z.tags)
}

// Featurize computes the features of every candidate of d as strings,
// for training and cross-validation.
func (f *Finder) Featurize(d *resolve.Doc, cands []Candidate) []Featurized {
	out := make([]Featurized, len(cands))
	z := newFeaturizer(f, d, cands)
	e := newSetEmitter()
	for i := range cands {
		e.reset()
		z.candidate(&cands[i], e)
		out[i] = Featurized{Candidate: cands[i], Features: e.sorted()}
	}
	return out
}

// roles are what the rules said of each entity anywhere in the
// article, one byte per entity: the types of relation it is the source
// of (bits 0-2, in the order of Types) and the target of (bits 3-5), and
// whether it asserts a claim ("X said", bit 6): who reports a fact is
// seldom who did it.
type roles []uint8

const asserterBit = 1 << 6

func (r roles) add(rl Relation) {
	if rl.AttributedTo >= 0 {
		r[rl.AttributedTo] |= asserterBit
	}
	for t, typ := range Types {
		if rl.Type == typ {
			r[rl.Source] |= 1 << t
			r[rl.Target] |= 1 << (t + 3)
		}
	}
}

// roleFeatures say whether the rules made the source a source and the
// target a target of anything in the article, and the reverse, given
// the end's roles r.
func roleFeatures(r uint8, side int, e *emitter) {
	// the bits of the types it is the source of, then those of the
	// reverse, by the side it stands on
	p, as, mine, other, theirs := "a", 0, "source", 3, "target"
	if side == target {
		p, as, mine, other, theirs = "b", 3, "target", 0, "source"
	}
	if r&asserterBit != 0 {
		e.emit(p, ":asserter")
	}
	for t, typ := range Types { // in order: a model sums in emission order
		if r&(1<<(t+as)) != 0 {
			e.emit(p, ":rule-", mine, ":", typ)
		}
	}
	if r&(7<<other) != 0 {
		e.emit(p, ":rule-", theirs)
	}
}

// pairFeatures are what a candidate is as a whole: the types and
// countries of its ends, how often they meet, what the rules said.
func (z *featurizer) pairFeatures(c *Candidate, e *emitter) {
	d := z.d
	a, b := d.Entities[c.Source], d.Entities[c.Target]
	z.emitHeaded(e, z.typesHead, c.Source, "types:", a.Type, b.Type)
	e.emitFixed(fixedBias)
	// the pair itself: the same actors and targets recur from one
	// article to the next (Russia and the 2016 US election), and what the
	// annotated articles said of them is the best prior there is
	z.emitHeaded(e, z.pairHead, c.Source, "pair:", a.ID, b.ID)
	ca, cb := countryOf(a), countryOf(b)
	switch {
	case ca != "" && ca == cb:
		e.emitFixed(fixedCountrySame)
	case ca != "" && cb != "":
		e.emitFixed(fixedCountryDiffer)
	default:
		e.emitFixed(fixedCountryUnknown)
	}
	if ca != "" && cb != "" && ca != cb && ca != d.Home {
		e.emitFixed(fixedForeign)
	}
	e.emitFixed(fixedMeet + bucketIndex(c.Met))
	same := 0
	for _, m := range c.Meetings {
		if m.SA == m.SB {
			same++
		}
	}
	e.emitFixed(fixedSameSentence + bucketIndex(same))
	if c.Apart {
		// a pair met only far apart, and how far
		m := c.Meetings[0]
		e.emitFixed(fixedApart)
		e.emitFixed(fixedApart + 1 + gapIndex(max(m.SA-m.SB, m.SB-m.SA)))
	}
	for _, r := range c.Rules {
		dir := "rule"
		if r.Source != c.Source {
			dir = "rrev"
		}
		name, _, _ := strings.Cut(r.Rule, ":")
		e.emit(dir, ":", r.Type)
		e.emit(dir, ":", r.Type, ":", name)
		e.emit(dir, "-types:", r.Type, ":", a.Type, ">", b.Type)
		if r.Negated {
			e.emit(dir, "-neg:", r.Type)
		}
		if len(r.Hedges) > 0 || r.Attempted { // the model learnt attempts ("sought to") as hedges
			e.emit(dir, "-hedged")
		}
	}
}

// emitHeaded emits family+a+">"+b, the hash of its head (all but b)
// kept in heads[i] once computed (0 before).
func (z *featurizer) emitHeaded(e *emitter, heads []model.Hash, i int, family, a, b string) {
	if e.index == nil {
		e.emit(family, a, ">", b)
		return
	}
	h := heads[i]
	if h == 0 {
		h = model.NewHash().Add(family).Add(a).Add(">")
		heads[i] = h
	}
	e.emitHash(h.Add(b))
}

// meetingFeatures are what one meeting says: where the two stand, the
// words and triggers between them, who reports.
func meetingFeatures(fc *featureCtx, tags *tagCache) {
	m := fc.m
	e := fc.e
	d := fc.d
	ta, tb := d.Entities[m.A.Entity].Type, d.Entities[m.B.Entity].Type
	refFeatures(source, m.A, e)
	refFeatures(target, m.B, e)
	if d.Sentences[m.SA].Heading {
		e.emitFixed(fixedHeading)
	}
	if m.SA != m.SB {
		crossFeatures(fc, tags, ta, tb)
		return
	}
	s := &d.Sentences[m.SA]
	tg, cls := tags.of(m.SA), tags.classOf(m.SA)
	ia, ib := tokenAt(s.Tokens, m.A.Start), tokenAt(s.Tokens, m.B.Start)
	ea, eb := tokenAt(s.Tokens, m.A.End-1), tokenAt(s.Tokens, m.B.End-1)
	lo, hi := ea+1, ib // between the two, in text order
	order := "ab"
	if ib < ia {
		order = "ba"
		lo, hi = eb+1, ia
	}
	e.emit("order:", order)
	e.emit("dist:", distBucket(hi-lo))
	if ia == firstRefToken(s) {
		e.emitFixed(fixedFirstA)
	}
	var btw []string
	sawTrig := false
	for k := lo; k < hi && k < len(s.Tokens); k++ {
		w := s.Tokens[k].Lower
		if hi-lo <= 3 {
			btw = append(btw, w)
		}
		for _, t := range tg[k] {
			sawTrig = true
			e.emit("trig:", order, ":", t)
			e.emit("trig-types:", order, ":", t[:2], ":", ta, ">", tb)
			e.emit("trig-dist:", order, ":", t[:2], ":", distBucket(hi-lo))
			if m.A.Demonym {
				e.emit("trig-demonym:", order, ":", t[:2])
			}
			if s.Heading {
				e.emit("trig-heading:", order, ":", t[:2])
			}
		}
		if cls[k]&wReportVerb != 0 {
			e.emit("report:", order)
		}
		if isNegation(w) {
			e.emit("neg:between")
		}
	}
	if !sawTrig {
		e.emit("notrig:", order)
	}
	if len(btw) > 0 && len(btw) <= 3 {
		e.emit("btw:", order, ":", strings.Join(btw, "_"))
	}
	// the words just outside the pair (the second word to the right, once
	// a feature too, helped no fold)
	first, last := min(ia, ib), max(ea, eb)
	if first > 0 {
		e.emit("left:", s.Tokens[first-1].Lower)
	}
	if last+1 < len(s.Tokens) {
		e.emit("right:", s.Tokens[last+1].Lower)
		for _, t := range tg[last+1] {
			e.emit("rtrig:", order, ":", t)
		}
	}
	// a reporting verb right after the source: "X said", "X accused"
	if ea+1 < len(s.Tokens) && cls[ea+1]&wReportVerb != 0 {
		e.emit("a:says")
	}
	if eb+1 < len(s.Tokens) && cls[eb+1]&wReportVerb != 0 {
		e.emit("b:says")
	}
	if ia > 0 && s.Tokens[ia-1].Lower == "by" {
		e.emit("a:by")
	}
	if ia > 1 && s.Tokens[ia-2].Lower == "according" && s.Tokens[ia-1].Lower == "to" {
		e.emit("a:according-to")
	}
	// other entities named between the two: the further the clause
	// wanders, the less the pair is its subject and object
	others := 0
	from, to := min(m.A.End, m.B.End), max(m.A.Start, m.B.Start)
	for _, r := range s.Refs {
		if r.Start >= from && r.End <= to && r.Entity != m.A.Entity && r.Entity != m.B.Entity {
			others++
		}
	}
	e.emit("others-between:", bucket(others))
	for _, f := range tags.sentence(m.SA) {
		e.emit(f)
	}
}

// crossFeatures are those of a meeting across two adjacent sentences:
// the triggers after the source in its sentence and before the target in
// the next.
func crossFeatures(fc *featureCtx, tags *tagCache, ta, tb string) {
	m := fc.m
	e := fc.e
	e.emitFixed(fixedCross)
	sa, sb := &fc.d.Sentences[m.SA], &fc.d.Sentences[m.SB]
	ea := tokenAt(sa.Tokens, m.A.End-1)
	ib := tokenAt(sb.Tokens, m.B.Start)
	if m.SB-m.SA > 1 || m.SA-m.SB > 1 {
		e.emitFixed(fixedCrossFar)
	}
	if m.SA < m.SB {
		e.emitFixed(fixedCrossForward)
		emitTypes(e, "xtrig-a:", tags.suffix(m.SA, ea+1), ta, tb)
		emitTypes(e, "xtrig-b:", tags.prefix(m.SB, ib), ta, tb)
	} else {
		e.emitFixed(fixedCrossBack)
	}
	if ib == firstRefToken(sb) {
		e.emitFixed(fixedFirstB)
	}
}

// typeCodes are the two-letter codes of Types, by bit of a typeMask.
var typeCodes = [...]string{"AU", "TA", "AM"}

// emitTypes emits prefix+code+":"+ta+">"+tb for each type in mask.
func emitTypes(e *emitter, prefix string, mask uint8, ta, tb string) {
	for i, c := range typeCodes {
		if mask&(1<<i) != 0 {
			e.emit(prefix, c, ":", ta, ">", tb)
		}
	}
}

// refFeatures say how a mention stands: as an actor, a modifier ("US
// officials"), a possessor, a demonym.
func refFeatures(side int, r resolve.Ref, e *emitter) {
	at := fixedRef + 4*side
	if r.Actor {
		e.emitFixed(at + refActor)
	}
	if r.Modifier {
		e.emitFixed(at + refModifier)
	}
	if r.Possessive {
		e.emitFixed(at + refPossessive)
	}
	if r.Demonym {
		e.emitFixed(at + refDemonym)
	}
}

// tagCache holds, per sentence, the trigger tags of each token: for
// every trigger phrase starting at the token, "TY:phrase" with TY the
// first two letters of its type.
type tagCache struct {
	f *Finder
	d *resolve.Doc
	// per sentence, computed when first asked (done[si])
	tags  [][][]string
	class [][]wordClass // each token's word class, with tags
	whole [][]string
	masks []sentMasks
	done  []uint8 // bits: 1 tags, 2 whole, 4 masks
	// low is of's scratch, shared by one article's sentences.
	low []string
	// rows and bits are where of and maskOf carve each sentence's
	// per-token slices from, kept from one article to the next; next and
	// nextBit are how much of them this article has used.
	rows          [][]string
	classes       []wordClass
	bits          []uint8
	next, nextBit int
}

// sentMasks hold, for each token k of a sentence, the bits of the types
// of the triggers starting before k (before[k]) and at or after k
// (after[k]); each has one entry more than the sentence has tokens.
type sentMasks struct{ before, after []uint8 }

// prefix is the mask of the trigger types starting before token k of
// sentence si.
func (tc *tagCache) prefix(si, k int) uint8 {
	m := tc.maskOf(si).before
	return m[min(max(k, 0), len(m)-1)]
}

// suffix is the mask of the trigger types starting at or after token k
// of sentence si.
func (tc *tagCache) suffix(si, k int) uint8 {
	m := tc.maskOf(si).after
	return m[min(max(k, 0), len(m)-1)]
}

func (tc *tagCache) maskOf(si int) sentMasks {
	if tc.done[si]&4 != 0 {
		return tc.masks[si]
	}
	tags := tc.of(si)
	n := len(tags)
	if tc.nextBit+2*(n+1) > len(tc.bits) {
		tc.bits, tc.nextBit = make([]uint8, max(2*len(tc.bits), 4*(n+1), 1024)), 0
	}
	b := tc.bits[tc.nextBit : tc.nextBit+2*(n+1)]
	tc.nextBit += len(b)
	clear(b)
	m := sentMasks{before: b[: n+1 : n+1], after: b[n+1:]}
	for k, ts := range tags {
		m.before[k+1] = m.before[k]
		for _, t := range ts {
			m.before[k+1] |= typeBit(t)
		}
	}
	for k := n - 1; k >= 0; k-- {
		m.after[k] = m.after[k+1]
		for _, t := range tags[k] {
			m.after[k] |= typeBit(t)
		}
	}
	tc.masks[si], tc.done[si] = m, tc.done[si]|4
	return m
}

func typeBit(tag string) uint8 {
	switch tag[:2] {
	case "AU":
		return 1
	case "TA":
		return 2
	}
	return 4
}

// reset readies tc for d's sentences, keeping its memory.
func (tc *tagCache) reset(f *Finder, d *resolve.Doc) {
	n := len(d.Sentences)
	tc.f, tc.d = f, d
	tc.tags, tc.class, tc.whole, tc.masks, tc.done = resized(tc.tags, n), resized(tc.class, n), resized(tc.whole, n), resized(tc.masks, n), resized(tc.done, n)
	tc.next, tc.nextBit = 0, 0
}

// resized is s with length n and every element zero, reusing its array
// when it is large enough.
func resized[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

func (tc *tagCache) of(si int) [][]string {
	if tc.done[si]&1 != 0 {
		return tc.tags[si]
	}
	toks := tc.d.Sentences[si].Tokens
	low := tc.low[:0]
	for _, t := range toks {
		low = append(low, t.Lower)
	}
	tc.low = low
	if tc.next+len(toks) > len(tc.rows) {
		size := max(2*len(tc.rows), 2*len(toks), 256)
		tc.rows, tc.classes, tc.next = make([][]string, size), make([]wordClass, size), 0
	}
	out := tc.rows[tc.next : tc.next+len(toks) : tc.next+len(toks)]
	class := tc.classes[tc.next : tc.next+len(toks) : tc.next+len(toks)]
	tc.next += len(toks)
	for i, w := range low {
		out[i], class[i] = out[i][:0], 0
		in := tc.f.words.info(w)
		if in != nil {
			class[i] = in.class
		}
		for _, t := range tc.f.candidatesOf(w, in) {
			if t.Phrase.Match(low[i:]) {
				out[i] = append(out[i], t.Tag)
			}
		}
	}
	tc.tags[si], tc.class[si], tc.done[si] = out, class, tc.done[si]|1
	return out
}

// classOf is the word class of each token of sentence si.
func (tc *tagCache) classOf(si int) []wordClass {
	tc.of(si)
	return tc.class[si]
}

// sentence returns the features of sentence si as a whole: the types
// of the triggers it holds, whether it negates or denies.
func (tc *tagCache) sentence(si int) []string {
	if tc.done[si]&2 != 0 {
		return tc.whole[si]
	}
	var out []string
	var seen uint8 // typeBit of each type seen
	for _, ts := range tc.of(si) {
		for _, t := range ts {
			if b := typeBit(t); seen&b == 0 {
				seen |= b
				out = append(out, sentenceTrig[b])
			}
		}
	}
	neg, denial := false, false
	for _, t := range tc.d.Sentences[si].Tokens {
		neg = neg || isNegation(t.Lower)
		denial = denial || t.Lower == "denied" || t.Lower == "denies" || t.Lower == "rejected"
	}
	if neg {
		out = append(out, "neg:sentence")
	}
	if denial {
		out = append(out, "denial")
	}
	tc.whole[si], tc.done[si] = out, tc.done[si]|2
	return out
}

// sentenceTrig are the features of a sentence holding a trigger of each
// type, by typeBit.
var sentenceTrig = [...]string{1: "strig:AU", 2: "strig:TA", 4: "strig:AM"}

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

// The features named alike in every article, by index into fixedNames:
// deciding hashes them once per emitter (emitter.fixed), not once per
// candidate or meeting.
const (
	fixedBias = iota
	fixedCountrySame
	fixedCountryDiffer
	fixedCountryUnknown
	fixedForeign
	fixedHeading
	fixedFirstA
	fixedFirstB
	fixedCross
	fixedCrossFar
	fixedCrossForward
	fixedCrossBack
	fixedRef                                  // + side*4 + refActor, refModifier, ...
	fixedMeet         = fixedRef + 8          // + bucketIndex
	fixedSameSentence = fixedMeet + 5         // + bucketIndex
	fixedApart        = fixedSameSentence + 5 // then + 1 + gapIndex
)

// The ways a mention stands, in the order of fixedNames' ref features.
const (
	refActor = iota
	refModifier
	refPossessive
	refDemonym
)

var fixedNames = [...]string{"bias", "country:same", "country:differ", "country:unknown", "a:foreign",
	"heading", "a:first", "b:first", "cross", "cross:far", "cross:forward", "cross:back",
	"a:actor", "a:modifier", "a:possessive", "a:demonym", "b:actor", "b:modifier", "b:possessive", "b:demonym",
	"ameet:0", "ameet:1", "ameet:2", "ameet:3-4", "ameet:5+",
	"samesent:0", "samesent:1", "samesent:2", "samesent:3-4", "samesent:5+",
	"pair:apart", "pair:apart-gap:2-3", "pair:apart-gap:4-7", "pair:apart-gap:8+"}

// emitFixed emits the feature fixedNames[k].
func (e *emitter) emitFixed(k int) {
	if e.index == nil {
		e.emit(fixedNames[k])
		return
	}
	if e.fixed == nil {
		e.fixed = new([len(fixedNames)]model.Hash)
		for i, n := range fixedNames {
			e.fixed[i] = model.NewHash().Add(n)
		}
	}
	e.emitHash(e.fixed[k])
}

// gapIndex buckets how many sentences apart a pair meets, in the order
// of fixedNames' apart-gap features.
func gapIndex(n int) int {
	switch {
	case n <= 3:
		return 0
	case n <= 7:
		return 1
	}
	return 2
}

// bucketIndex is the index of bucket(n) among its values, in the order
// of fixedNames.
func bucketIndex(n int) int {
	if n <= 2 {
		return n
	}
	if n <= 4 {
		return 3
	}
	return 4
}

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
