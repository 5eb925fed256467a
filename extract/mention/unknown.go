package mention

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/extract/lexicon"
	"github.com/influencegraph/influencegraph/extract/text"
)

// threatPrefixes start the names security vendors give threat-actor
// groups ("APT40", "Storm-1516", "UNC1151", "TA453"): a prefix, an
// optional hyphen and one to five digits.
var threatPrefixes = [...]string{"APT", "TA", "UNC", "FIN", "Storm", "DEV", "STORM"}

var connectors = map[string]bool{
	"of": true, "for": true, "on": true, "and": true, "de": true, "du": true, "la": true,
	"al": true, "bin": true, "von": true, "van": true, "der": true, "the": true, "&": true,
	"dela": true, "del": true, "della": true, "dos": true, "das": true, "ibn": true,
}

// Namer finds capitalised names the knowledge base does not know.
type Namer struct {
	lex *lexicon.Lexicon
	// titles type a following name as a person; strip words are only
	// removed from the front of a name ("First Deputy Chief of Staff").
	titles, strip map[string]bool
	// personTitles are the one-word titles ("Senator", "Representative"):
	// after "and" they open the next person of a list, not the rest of a
	// name.
	personTitles map[string]bool
}

// NewNamer returns a namer using the lexicon's titles, heads, appositions,
// given names and non-names.
func NewNamer(lex *lexicon.Lexicon) *Namer {
	n := &Namer{lex: lex, titles: map[string]bool{}, strip: map[string]bool{}, personTitles: map[string]bool{}}
	for _, t := range lex.Titles {
		if len(t) == 1 {
			n.personTitles[strings.TrimSuffix(t[0], ".")] = true
		}
		for _, w := range t {
			n.titles[strings.TrimSuffix(w, ".")] = true
			n.strip[strings.TrimSuffix(w, ".")] = true
		}
	}
	for _, w := range []string{"first", "acting", "under", "former", "special", "senior", "assistant",
		"executive", "general", "staff", "of", "the", "deputy", "then-candidate", "then", "chief", "global",
		"threat", "intelligence", "national", "security", "foreign", "interior", "defence", "defense", "state",
		"affairs", "then-president", "late", "incumbent", "cyber", "new", "democratic", "republican", "nominee"} {
		n.strip[w] = true
	}
	return n
}

// IsTitle reports whether the lower-case word is a title or role word
// ("spokesman", "journalists").
func (n *Namer) IsTitle(w string) bool {
	w = strings.TrimSuffix(w, ".")
	return n.titles[w] || len(w) > 4 && strings.HasSuffix(w, "s") && n.titles[w[:len(w)-1]]
}

// titledNext reports whether the words from k on are a person's title,
// with the words that may stand in it ("former", "Vice", "Republican"),
// and then a name: after "and", the next person of a list.
func (n *Namer) titledNext(toks []text.Token, k int) bool {
	titled := false
	for end := k + 4; k < len(toks) && k < end; k++ {
		w := strings.TrimSuffix(toks[k].Lower, ".")
		if !n.strip[w] {
			break
		}
		titled = titled || n.personTitles[w] || len(w) > 4 && n.personTitles[strings.TrimSuffix(w, "s")]
	}
	return titled && k < len(toks) && toks[k].Cap()
}

// Unknown returns the capitalised names in toks that no known mention
// covers, typed where the context allows (Type "" otherwise). known must
// be sorted by Start. heading says the sentence is a headline, where
// capitals mark nothing.
func (n *Namer) Unknown(src string, toks []text.Token, known []Mention, heading bool) []Mention {
	return n.UnknownScratch(src, toks, known, heading, &Scratch{})
}

// Scratch is memory lent to UnknownScratch by a caller that names many
// sentences, so that it is allocated once, not per sentence.
type Scratch struct {
	cover []int
	out   []Mention
}

// UnknownScratch is Unknown working in sc: the mentions it returns are
// valid until the next call with the same sc.
func (n *Namer) UnknownScratch(src string, toks []text.Token, known []Mention, heading bool, sc *Scratch) []Mention {
	cover := sc.ints(len(toks)) // known mention index + 1
	k := 0
	for i, t := range toks {
		for k < len(known) && known[k].End <= t.Start {
			k++
		}
		if k < len(known) && known[k].Start <= t.Start && t.End <= known[k].End {
			cover[i] = k + 1
		}
	}
	out := sc.out[:0]
	defer func() { sc.out = out[:0] }()
	i := 0
	for i < len(toks) {
		t := toks[i]
		if cover[i] != 0 && i+1 < len(toks) && cover[i+1] != cover[i] && n.stateInName(known, src, toks, cover, i) && (i == 0 || !toks[i-1].Cap()) {
			// "Bratislava Policy Lab", "Prague Security Studies Institute"
			j := n.skipMention(toks, cover, i)
			if j < len(toks) && cover[j] != 0 && known[cover[j]-1].Type == kb.TypeState && toks[j].Cap() {
				j = n.skipMention(toks, cover, j) // "Australian Chinese Bulletin"
			}
			for j < len(toks) && cover[j] == 0 && toks[j].Word() && (toks[j].Cap() || connectors[toks[j].Lower] && j+1 < len(toks) && toks[j+1].Cap()) {
				j++
			}
			m := Mention{Start: t.Start, End: toks[j-1].End, Entry: -1, Kind: KindUnknown, Type: n.headType(toks[i:j]), Rule: "head"}
			if m.Type == kb.TypeAgency {
				m.Country = "" // tied to the state by the resolver
			}
			out = append(out, n.withAcronym(src, toks, j, m))
			i = j
			continue
		}
		if cover[i] != 0 || !t.Word() || !nameStart(t) {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) {
			u := toks[j]
			if cover[j] != 0 && j+1 < len(toks) && n.stateInName(known, src, toks, cover, j) {
				// "Prosperity Moldova Foundation": a state's name inside a
				// longer name that ends in a head word
				j = n.skipMention(toks, cover, j)
				continue
			}
			if cover[j] != 0 || !u.Word() {
				break
			}
			if strings.IndexByte(u.Text, '-') > 0 && u.Cap() && !nameStart(u) {
				break // "The Manila-based Digital Integrity Observatory": an adjective, then the name
			}
			if nameWord(u) || n.numberedName(toks[j-1], u) {
				j++
				continue
			}
			if u.Lower == "and" && (j+1 < len(toks) && n.lex.GivenNames[toks[j+1].Text] || n.lex.GivenNames[toks[i].Text] && n.headType(toks[i:j]) == "") {
				break // two people: "Zhao Guangzong and Ni Gaobin"
			}
			if u.Lower == "and" && j-i >= 2 && surnameForm(toks[j-1].Text) && n.headType(toks[i:j]) == "" && j+2 < len(toks) && nameWord(toks[j+1]) && nameWord(toks[j+2]) {
				break // two people: "Arkady Belov and Timur Zaslavsky"
			}
			if u.Lower == "and" && j-i >= 2 && n.lex.Heads[toks[j-1].Text] != "" && n.headedNameAt(toks, cover, j+1) {
				break // two organisations: "Argent Media Lab and Novoplan Group"
			}
			if u.Lower == "and" && n.titledNext(toks, j+1) {
				break // "... of Nevada and Senator John Brandt", "and Vice President Harris": the next person
			}
			// "Bank of Moldova" joins, "Hu Xijin on Thursday" does not: a
			// connector before a date ends the name
			if connectors[u.Lower] && j+1 < len(toks) && cover[j+1] == 0 && nameWord(toks[j+1]) && toks[j+1].Word() && !text.IsDateWord(toks[j+1].Lower) {
				j++
				continue
			}
			break
		}
		// A given name glued to a known single word: "Lisa Monaco".
		if j < len(toks) && cover[j] != 0 && n.lex.GivenNames[toks[j-1].Text] {
			m := known[cover[j]-1]
			if m.Kind != KindDemonym && strings.IndexByte(src[m.Start:m.End], ' ') < 0 && m.Type != kb.TypePerson {
				j2 := j + 1
				for j2 < len(toks) && cover[j2] == cover[j] {
					j2++
				}
				g := j - 1
				if g > i {
					out = append(out, n.typeSeq(src, toks, cover, known, i, g, heading)...)
				}
				out = append(out, Mention{Start: toks[g].Start, End: toks[j2-1].End, Entry: -1, Kind: KindUnknown, Type: kb.TypePerson, Rule: "given-name"})
				i = j2
				continue
			}
		}
		out = append(out, n.typeSeq(src, toks, cover, known, i, j, heading)...)
		i = j
	}
	out = mergeAcronymSpans(src, out)
	// Coordination types an untyped name like its neighbour: "Zhao
	// Guangzong and Ni Gaobin", "companies SDA, Structura, and ANO Dialog".
	for k := range out {
		if out[k].Type != "" {
			continue
		}
		// "Eduard Shishmakov and Vladimir Popov": a person's name after
		// "and" makes the name before it a person's too
		if k+1 < len(out) && out[k+1].Type == kb.TypePerson && strings.IndexByte(src[out[k].Start:out[k].End], ' ') > 0 {
			if gap := strings.TrimSpace(src[out[k].End:out[k+1].Start]); gap == "and" || gap == "or" {
				out[k].Type, out[k].Rule = kb.TypePerson, "coordination-before"
				continue
			}
		}
		for _, o := range known {
			coordinatedType(src, o, &out[k])
		}
		for _, o := range out[:k] {
			coordinatedType(src, o, &out[k])
		}
	}
	return out
}

// ints returns sc's int buffer resized to n zeros.
func (sc *Scratch) ints(n int) []int {
	if cap(sc.cover) < n {
		sc.cover = make([]int, n, 2*n)
	}
	sc.cover = sc.cover[:n]
	clear(sc.cover)
	return sc.cover
}

// coordinatedType gives m the type of the typed name o when only a
// coordination stands between them ("Zhao Guangzong and Ni Gaobin").
func coordinatedType(src string, o Mention, m *Mention) {
	if o.End > m.Start || o.Type == "" || o.Kind == KindDemonym {
		return
	}
	gap := strings.TrimSpace(src[o.End:m.Start])
	if g := strings.TrimSpace(strings.Trim(gap, "\"“”")); g != gap && (g == "and" || g == "," || g == ", and" || g == "or") {
		gap = g // '"The Real Raila" and "Uhuru for Us"'
	}
	if gap == "and" || gap == "," || gap == ", and" || gap == "or" || strings.HasPrefix(gap, "(") && strings.HasSuffix(gap, ", and") || strings.HasPrefix(gap, "(") && strings.HasSuffix(gap, "),") {
		if m.End == len(src) {
			return // a word cut off where the text ends
		}
		if o.Type == kb.TypePerson && strings.Count(src[m.Start:m.End], " ") >= 1 || o.Type == kb.TypeOrganisation {
			m.Type = o.Type
			m.Rule = "coordination"
		}
	}
}

func (n *Namer) hasGivenName(seq []text.Token) bool {
	for _, t := range seq {
		if n.lex.GivenNames[t.Text] {
			return true
		}
	}
	return false
}

// stateInName reports whether the state or demonym mention covering
// toks[j] sits inside a longer capitalised name with a head word after it.
func (n *Namer) stateInName(known []Mention, src string, toks []text.Token, cover []int, j int) bool {
	if known[cover[j]-1].Type != kb.TypeState {
		return false
	}
	k := n.skipMention(toks, cover, j)
	// "Australian Chinese Bulletin": a second state word inside the name
	if k < len(toks) && cover[k] != 0 && known[cover[k]-1].Type == kb.TypeState && toks[k].Cap() {
		k = n.skipMention(toks, cover, k)
	}
	for ; k < len(toks) && cover[k] == 0 && toks[k].Cap(); k++ {
		switch toks[k].Text {
		case "Embassy", "Consulate", "Mission":
			return false // "the Chinese Embassy in Manila": the resolver's missions
		}
		if _, ok := n.lex.Heads[toks[k].Text]; ok {
			return true
		}
	}
	return false
}

// skipMention returns the index of the first token after the known
// mention covering toks[j].
func (n *Namer) skipMention(toks []text.Token, cover []int, j int) int {
	c := cover[j]
	for j < len(toks) && cover[j] == c {
		j++
	}
	return j
}

func nameStart(t text.Token) bool {
	if !t.Cap() {
		return isThreatActor(t.Text)
	}
	if i := strings.LastIndexByte(t.Text, '-'); i > 0 {
		switch suf := t.Lower[i:]; {
		case suf == "-based", suf == "-linked", suf == "-backed", suf == "-born", suf == "-led", suf == "-run",
			suf == "-style", suf == "-aligned", suf == "-affiliated", strings.HasSuffix(suf, "ed") && suf == strings.ToLower(suf):
			return false // "Prague-based", "Prague-registered": an adjective
		}
	}
	return t.Cap() || isThreatActor(t.Text)
}

// isThreatActor reports a threat-actor group's name (threatPrefixes),
// with byte comparisons: it runs on every token.
func isThreatActor(s string) bool {
	if len(s) < 3 || s[len(s)-1] < '0' || s[len(s)-1] > '9' {
		return false
	}
	for _, p := range threatPrefixes {
		if rest, ok := strings.CutPrefix(s, p); ok {
			rest = strings.TrimPrefix(rest, "-")
			if len(rest) < 1 || len(rest) > 5 {
				return false
			}
			for i := 0; i < len(rest); i++ {
				if rest[i] < '0' || rest[i] > '9' {
					return false
				}
			}
			return true
		}
	}
	return false
}

func nameWord(t text.Token) bool {
	return t.Cap() || particleName(t.Text)
}

// particleName reports an Arabic surname that opens with its article
// ("al-Bashir", "el-Sisi", "ash-Sharaa"): a word of the name, though
// not capitalised.
func particleName(s string) bool {
	i := strings.IndexByte(s, '-')
	if i < 2 || i > 3 || i+1 >= len(s) || s[i+1] < 'A' || s[i+1] > 'Z' {
		return false
	}
	switch s[:i] {
	case "al", "el", "ad", "ed", "as", "ash", "at", "az", "an", "ar", "ul":
		return true
	}
	return false
}

// numberedName reports a number that is part of a name: "Centre 18",
// "Unit 26165", "Channel 4".
func (n *Namer) numberedName(prev, t text.Token) bool {
	r, _ := utf8.DecodeRuneInString(t.Text)
	if !unicode.IsDigit(r) || len(t.Text) > 5 || !isNumberToken(t.Text) {
		return false
	}
	if _, ok := n.lex.Heads[prev.Text]; ok {
		return true
	}
	switch prev.Text {
	case "Unit", "Channel", "Room", "Storm", "Team", "Squad", "Bureau":
		return true
	}
	return false
}

func isNumberToken(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// typeSeq types the capitalised sequence toks[i:j].
func (n *Namer) typeSeq(src string, toks []text.Token, cover []int, known []Mention, i, j int, heading bool) []Mention {
	// "the Democratic Front", "the Northern League": an adjective the
	// lexicon keeps out of names ("Democratic voters") is part of the name
	// when a head word alone follows it.
	if j == i+2 && adjectiveNonName[toks[i].Text] && n.lex.Heads[toks[i+1].Text] != "" && (i == 0 || !toks[i-1].Cap()) {
		return []Mention{n.withAcronym(src, toks, j, Mention{Start: toks[i].Start, End: toks[i+1].End, Entry: -1, Kind: KindUnknown, Type: n.lex.Heads[toks[i+1].Text], Rule: "head"})}
	}
	// "In 2019, The Age and 60 Minutes reported", "told The Age",
	// "reported by The Age": a capitalised "The" inside a sentence
	// belongs to the name of an outlet
	if j-i == 2 && toks[i].Text == "The" && i > 0 && !n.lex.NonNames[toks[i+1].Text] &&
		(toks[i-1].Text == "," && n.reportsNext(toks, j) || toks[i-1].Lower == "told" || toks[i-1].Lower == "by" && i > 1 && n.lex.ReportVerbs[toks[i-2].Lower]) {
		return []Mention{{Start: toks[i].Start, End: toks[j-1].End, Entry: -1, Kind: KindUnknown, Type: kb.TypeOrganisation, Rule: "the-outlet"}}
	}
	// Leading non-names and titles are context, not name.
	hadTitle := false
	title := ""
	// "General Police Inspectorate", "National Press Club": words that
	// would be stripped as titles belong to an organisation's name
	i0 := i
	for i0 < j && (n.lex.NonNames[toks[i0].Text] || connectors[toks[i0].Lower]) {
		i0++
	}
	if i0 < j && !n.strip[strings.TrimSuffix(toks[i0].Lower, ".")] {
		i0 = j // nothing to protect
	}
	keep := i0 < j && n.headType(toks[i0:j]) != "" && !n.hasGivenName(toks[i0:j]) &&
		(!n.titles[strings.TrimSuffix(toks[i0].Lower, ".")] || n.lex.Heads[toks[j-1].Text] != "")
	for i < j && (n.lex.NonNames[toks[i].Text] || !keep && n.strip[strings.TrimSuffix(toks[i].Lower, ".")]) {
		if n.IsTitle(toks[i].Lower) && !connectors[toks[i].Lower] {
			hadTitle = true
			title = toks[i].Lower
		}
		i++
	}
	for i < j && connectors[toks[i].Lower] {
		i++
	}
	for j > i && connectors[toks[j-1].Lower] {
		j--
	}
	if i >= j {
		return nil
	}
	// Trailing non-names ("Friday") are not part of a name, nor the
	// connector they leave ("President Biden and Republican senators").
	for j > i+1 && n.lex.NonNames[toks[j-1].Text] {
		j--
	}
	for j > i+1 && connectors[toks[j-1].Lower] {
		j--
	}
	seq := toks[i:j]
	m := Mention{Start: seq[0].Start, End: seq[len(seq)-1].End, Entry: -1, Kind: KindUnknown}
	if len(seq) == 1 && lowerCompound(seq[0].Text) {
		m.Rule = "untyped" // "Chinese-language", "Kremlin-backed": an adjective
		return []Mention{m}
	}
	if i > 0 && toks[i-1].Cap() && !nameStart(toks[i-1]) && len(seq) >= 2 && n.headType(seq) == "" && !n.hasGivenName(seq) && !n.surnameShaped(seq) {
		// "the Manila-based Digital Integrity Observatory": a place the
		// name is based in, or who backs it, describes a body
		m.Type = kb.TypeOrganisation
		m.Rule = "based"
		return []Mention{n.withAcronym(src, toks, j, m)}
	}
	if documentName(seq) {
		m.Rule = "untyped" // "Digital Services Act": a law, which does nothing
		return []Mention{m}
	}
	// Threat-actor names.
	for _, t := range seq {
		if isThreatActor(t.Text) {
			mm := Mention{Start: t.Start, End: t.End, Entry: -1, Kind: KindUnknown, Type: kb.TypeOrganisation, Rule: "threat-actor"}
			if len(seq) > 1 {
				mm.Aliases = append(mm.Aliases, src[m.Start:m.End])
			}
			return []Mention{mm}
		}
	}
	if !hadTitle && i > 0 {
		// lower-case titles before the name: "spokesman Maximilian Kall"
		for b := i - 1; b >= 0 && b >= i-2; b-- {
			w := toks[b].Lower
			if w == "–" || w == "-" || w == "," {
				continue
			}
			if n.IsTitle(w) || strings.HasSuffix(w, "man") && n.IsTitle(w) {
				hadTitle = true
				title = w
			} else if roleBefore[w] && len(seq) >= 2 && len(seq) <= 3 {
				hadTitle = true // "his rival Raila Odinga"
				title = w
			}
			break
		}
	}
	qi := i // the quoted name's first word: '"The Real Raila"' keeps its "The"
	if qi >= 3 && toks[qi-1].Lower == "the" && isOpenQuote(toks[qi-2].Text) {
		qi--
	}
	if qi >= 2 && isOpenQuote(toks[qi-1].Text) && j < len(toks) && isCloseQuote(toks[j].Text) {
		if qi == i && toks[i-2].Cap() && j+1 < len(toks) && toks[j+1].Cap() {
			m.Rule = "nickname" // Bo "Nick" Zhao
			return []Mention{m}
		}
		b := qi - 2
		if toks[b].Text == "," && b > 0 && quotedPlural[toks[b-1].Lower] {
			b-- // 'two websites, "The Real Raila" and ...'
		}
		switch w := toks[b].Lower; {
		case quotedPlural[w], w == "called", w == "named", w == "dubbed", w == "titled", w == "itself", w == "page", w == "account", w == "channel",
			w == "group", w == "campaign", w == "network", w == "outlet", w == "site", w == "website", w == "brand", w == "operation", w == "movement":
			m.Type = kb.TypeOrganisation
			m.Rule = "quoted:" + w
			m.Start = toks[qi].Start
			return []Mention{m}
		}
	}
	// "Chief Cabinet Secretary Yoshimasa Hayashi": a capitalised title
	// inside the sequence, then two or three name words, is a role and
	// the person holding it.
	for g := len(seq) - 3; g >= 0 && g >= len(seq)-4; g-- {
		if !n.personTitles[strings.TrimSuffix(seq[g].Lower, ".")] || connectors[seq[g].Lower] {
			continue // one title word, not a plural ("Foreign Agents Registration Act")
		}
		rest := seq[g+1:]
		ok := true
		for _, t := range rest {
			if !t.Cap() || connectors[t.Lower] || n.lex.Heads[t.Text] != "" || n.IsTitle(t.Lower) || n.lex.NonNames[t.Text] {
				ok = false
				break
			}
		}
		if ok {
			return []Mention{{Start: rest[0].Start, End: rest[len(rest)-1].End, Entry: -1, Kind: KindUnknown, Type: kb.TypePerson, Rule: "title:" + seq[g].Lower}}
		}
		break
	}
	// A given name inside the sequence starts a person's name.
	for g := 0; g < len(seq); g++ {
		if !n.lex.GivenNames[seq[g].Text] {
			continue
		}
		if g == 0 && len(seq) == 1 && j < len(toks) && cover[j] != 0 && known[cover[j]-1].Type == kb.TypePerson {
			break // "Robert Fico": the known person's own first name
		}
		if g+1 < len(seq) || (g == 0 && len(seq) == 1 && (hadTitle || !isSentenceStart(toks, i))) {
			if n.headType(seq[g:]) != "" && g+1 < len(seq) {
				break
			}
			end := m.End
			for k := g + 1; k < len(seq); k++ {
				if seq[k].Lower == "of" || seq[k].Lower == "and" || seq[k].Lower == "for" {
					end = seq[k-1].End // "Barry Moore of Alabama"
					break
				}
			}
			p := Mention{Start: seq[g].Start, End: end, Entry: -1, Kind: KindUnknown, Type: kb.TypePerson, Rule: "given-name"}
			out := []Mention{p}
			if g > 0 {
				if pre := n.typeSeq(src, toks, cover, known, i, i+g, heading); len(pre) > 0 && pre[0].Type != kb.TypePerson {
					out = append(pre, p)
				}
			}
			return out
		}
	}
	if ht := n.headType(seq); ht != "" && len(seq) == 1 && n.lex.Heads[seq[0].Text] != "" {
		m.Rule = "untyped" // "Foundation", "Department" alone name nothing
		return []Mention{m}
	} else if ht != "" && !(hadTitle && len(seq) <= 3 && ht == "") {
		m.Type = ht
		m.Rule = "head"
		if ht == kb.TypeAgency {
			m.Type = kb.TypeAgency
		}
		return []Mention{n.withAcronym(src, toks, j, m)}
	}
	if hadTitle && len(seq) <= 4 && title != "" {
		m.Type = kb.TypePerson
		m.Rule = "title:" + title
		return []Mention{m}
	}
	if len(seq) >= 3 && len(seq) <= 4 && isInitial(seq[1].Text) {
		m.Type = kb.TypePerson
		m.Rule = "initial"
		return []Mention{m}
	}
	// A quoted name after "called", "a page", "the network": 'a page
	// called "The Real Raila"'.
	if i >= 2 && isOpenQuote(toks[i-1].Text) && j < len(toks) && isCloseQuote(toks[j].Text) {
		switch toks[i-2].Lower {
		case "called", "named", "dubbed", "titled", "page", "pages", "account", "accounts", "channel",
			"group", "campaign", "network", "outlet", "site", "website", "brand", "operation", "movement":
			m.Type = kb.TypeOrganisation
			m.Rule = "quoted:" + toks[i-2].Lower
			return []Mention{m}
		}
	}
	// Context before: "the far-right group Proud Boys", "firm Flashpoint".
	if i > 0 {
		b := i - 1
		if toks[b].Text == "," && b > 0 {
			b-- // "the firm's parent company, SCL,"
		}
		w := toks[b].Lower
		if b > 0 && w == "as" && toks[b-1].Lower == "known" {
			w = "known as"
		}
		if (w == "called" || w == "named" || w == "dubbed") && b > 0 && orgNoun[toks[b-1].Lower] {
			w = "dubbed" // "a WeChat account called Australian Chinese Bulletin"
		}
		if t, ok := n.lex.Appositions[w]; ok && !toks[b].Cap() {
			m.Type = t
			m.Rule = "apposition:" + w
			return []Mention{n.withAcronym(src, toks, j, m)}
		}
	}
	// Context after: "X party", "X, a ... company", "X said", "X, head of".
	if j < len(toks) {
		nx := toks[j]
		if t, ok := n.lex.Appositions[nx.Lower]; ok && !nx.Cap() && afterNoun[nx.Lower] {
			m.Type = t
			m.Rule = "apposition-after:" + nx.Lower
			return []Mention{m}
		}
		if nx.Text == "," && j+1 < len(toks) {
			a := toks[j+1].Lower
			if a == "a" || a == "an" || a == "the" {
				for b := j + 2; b < len(toks) && b < j+8; b++ {
					w := toks[b].Lower
					if w == "," || w == "." {
						break
					}
					if t, ok := n.lex.Appositions[w]; ok {
						m.Type = t
						m.Rule = "apposition:" + w
						if (w == "agency" || w == "ministry" || w == "service") && b > j+2 && toks[b-1].Lower == "government" {
							m.Type = kb.TypeAgency
						}
						return []Mention{m}
					}
					if (n.IsTitle(w) || personNoun[w]) && len(seq) >= 2 && len(seq) <= 3 && n.headType(seq) == "" {
						m.Type = kb.TypePerson
						m.Rule = "apposition-title:" + w
						return []Mention{m}
					}
				}
			} else if j+2 < len(toks) && toks[j+2].Text == "," && age(toks[j+1].Text) && len(seq) >= 2 && len(seq) <= 3 && n.headType(seq) == "" {
				// "Wang Liqiang, 27, told officials": an age in apposition
				m.Type = kb.TypePerson
				m.Rule = "age"
				return []Mention{m}
			} else if a == "who" && j+3 < len(toks) && isBe(toks[j+2].Lower) && len(seq) >= 2 && len(seq) <= 3 && n.headType(seq) == "" {
				// "Milo Djukanovic, who was prime minister at the time"
				for b := j + 3; b < len(toks) && b < j+6; b++ {
					if n.IsTitle(toks[b].Lower) {
						m.Type = kb.TypePerson
						m.Rule = "relative-title:" + toks[b].Lower
						return []Mention{m}
					}
				}
			} else if n.IsTitle(a) && len(seq) >= 2 && len(seq) <= 3 {
				m.Type = kb.TypePerson
				m.Rule = "apposition-title:" + a
				return []Mention{m}
			}
		}
		if n.lex.ReportVerbs[nx.Lower] && len(seq) >= 2 && len(seq) <= 3 && n.headType(seq) == "" && (nx.Lower == "said" || nx.Lower == "says" || nx.Lower == "told" || nx.Lower == "wrote" || nx.Lower == "added" || nx.Lower == "noted" || nx.Lower == "described") {
			m.Type = kb.TypePerson
			m.Rule = "speaker"
			return []Mention{m}
		}
	}
	if i > 0 && len(seq) >= 2 && len(seq) <= 3 {
		b := i - 1
		if toks[b].Lower == "," && b > 0 {
			b--
		}
		if toks[b].Lower == "said" || toks[b].Lower == "says" {
			m.Type = kb.TypePerson
			m.Rule = "speaker"
			return []Mention{m}
		}
	}
	if !heading && n.surnameShaped(seq) {
		m.Type = kb.TypePerson
		m.Rule = "surname-form"
		return []Mention{m}
	}
	if heading || (len(seq) == 1 && isSentenceStart(toks, i)) {
		m.Rule = "untyped"
		return []Mention{m}
	}
	m.Rule = "untyped"
	return []Mention{m}
}

// mergeAcronymSpans joins the pieces of one long name that its acronym
// spells out: "Center for Monitoring, Analysis and Strategy (CeMAS)" is
// found as "Center for Monitoring" and "Analysis and Strategy"; the
// capitals of "CeMAS" match the initials of the whole, so it is one name.
func mergeAcronymSpans(src string, out []Mention) []Mention {
	for k := 1; k < len(out); k++ {
		m := out[k]
		after := src[m.End:]
		if !strings.HasPrefix(after, " (") {
			continue
		}
		close := strings.IndexByte(after, ')')
		if close < 3 || close > 14 {
			continue
		}
		acr := after[2:close]
		if !isAcronym(acr) {
			continue
		}
		caps := acronymCaps(acr)
		if len(caps) < 3 || initials(src[m.Start:m.End]) == caps {
			continue
		}
		for p := k - 1; p >= 0 && p >= k-3; p-- {
			if !nameGap(src[out[p].End:out[p+1].Start]) {
				break
			}
			if initials(src[out[p].Start:m.End]) != caps {
				continue
			}
			joined := Mention{Start: out[p].Start, End: m.End, Entry: -1, Kind: KindUnknown, Type: out[p].Type, Rule: "acronym-span", Aliases: []string{acr}}
			if joined.Type == "" {
				joined.Type = m.Type
			}
			out = append(append(out[:p], joined), out[k+1:]...)
			k = p
			break
		}
	}
	return out
}

// nameGap reports whether the text between two pieces of a name holds
// only commas, connectors and capitalised words ("", Analysis and "").
func nameGap(g string) bool {
	if len(g) == 0 || len(g) > 40 {
		return false
	}
	for _, w := range strings.FieldsFunc(g, func(r rune) bool { return r == ' ' || r == ',' }) {
		switch w {
		case "and", "for", "of", "the", "&", "on", "in":
			continue
		}
		if c := w[0]; c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

// acronymCaps returns the upper-case letters of an acronym ("CeMAS": "CMAS").
func acronymCaps(a string) string {
	var b strings.Builder
	for _, c := range a {
		if c >= 'A' && c <= 'Z' {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// initials returns the first letters of the capitalised words of s.
func initials(s string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '-' }) {
		if c := w[0]; c >= 'A' && c <= 'Z' {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// headedNameAt reports whether a name of two or more capitalised words
// ending in a head word ("Novoplan Group") starts at toks[k].
func (n *Namer) headedNameAt(toks []text.Token, cover []int, k int) bool {
	e := k
	for e < len(toks) && cover[e] == 0 && toks[e].Word() && nameWord(toks[e]) {
		e++
	}
	return e-k >= 2 && n.lex.Heads[toks[e-1].Text] != ""
}

// lowerCompound reports a hyphenated word whose last part is a
// lower-case word ("Chinese-language", "Moscow-based").
func lowerCompound(w string) bool {
	k := strings.LastIndexByte(w, '-')
	if k <= 0 || k+2 > len(w) {
		return false
	}
	for _, c := range w[k+1:] {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// age reports a number of two digits from 16 to 99, as newswire gives
// a person's age after the name.
func age(w string) bool {
	return len(w) == 2 && w[0] >= '1' && w[0] <= '9' && w[1] >= '0' && w[1] <= '9' && w >= "16"
}

func isBe(w string) bool {
	return w == "is" || w == "was" || w == "are" || w == "were"
}

// adjectiveNonName are the adjectives the non-names list keeps out of
// names, which still open a name made of one head word.
var adjectiveNonName = map[string]bool{"Democratic": true, "Republican": true, "Western": true, "Eastern": true,
	"Northern": true, "Southern": true}

// orgNoun are nouns whose "called X" names an organisation, not a person.
var orgNoun = map[string]bool{"account": true, "accounts": true, "page": true, "pages": true, "channel": true,
	"group": true, "network": true, "company": true, "firm": true, "outlet": true, "website": true, "site": true,
	"operation": true, "campaign": true, "organisation": true, "organization": true, "association": true,
	"movement": true, "party": true, "newspaper": true, "platform": true, "app": true, "agency": true}

// afterNoun are apposition nouns that type the name right before them
// ("the Georgian Dream party", "the AzTV channel", "Ensemble coalition").
var afterNoun = map[string]bool{"party": true, "group": true, "movement": true, "network": true, "campaign": true,
	"channel": true, "outlet": true, "broadcaster": true, "newspaper": true, "website": true, "coalition": true,
	"alliance": true, "initiative": true, "association": true, "foundation": true, "consultancy": true}

// personNoun are nouns that describe a person in an apposition ("Xu
// Jianmin, a Chinese national").
// documentName reports a name of two or more words that ends in a word
// for a law or a text and holds no "of" or "for" ("Digital Services
// Act", "Foreign Influence Transparency Bill"): what it names is no
// actor, though a head word such as "Services" sits inside it. "Institute
// of Law" keeps its head.
func documentName(seq []text.Token) bool {
	if len(seq) < 2 {
		return false
	}
	switch seq[len(seq)-1].Text {
	case "Act", "Bill", "Law", "Directive", "Regulation", "Treaty", "Code", "Accord", "Amendment":
	default:
		return false
	}
	for _, t := range seq {
		if t.Lower == "of" || t.Lower == "for" || t.Lower == "on" {
			return false
		}
	}
	return true
}

// quotedPlural are plural nouns for outlets and groups that may stand
// before a list of quoted names: 'two websites, "The Real Raila" and
// "Uhuru for Us"'.
var quotedPlural = map[string]bool{"pages": true, "accounts": true, "channels": true, "sites": true, "websites": true,
	"blogs": true, "outlets": true, "groups": true, "campaigns": true, "networks": true, "brands": true, "movements": true}

// roleBefore are lower-case nouns for a person's relation to others or
// trade that, right before a name of two or three words, say it is a
// person's: "his rival Raila Odinga", "the blogger Ana Vlasie".
var roleBefore = map[string]bool{
	"rival": true, "challenger": true, "opponent": true, "predecessor": true, "successor": true, "incumbent": true,
	"ally": true, "aide": true, "associate": true, "wife": true, "husband": true, "son": true, "daughter": true,
	"brother": true, "sister": true, "blogger": true, "journalist": true, "activist": true, "oligarch": true,
	"tycoon": true, "influencer": true, "politician": true, "lawmaker": true, "businessman": true,
	"businesswoman": true, "commentator": true, "presenter": true, "lawyer": true, "defendant": true, "suspect": true,
}

var personNoun = map[string]bool{"national": true, "citizen": true, "resident": true, "businessman": true,
	"businesswoman": true, "man": true, "woman": true, "native": true, "emigre": true, "émigré": true}

func isOpenQuote(s string) bool  { return s == "\"" || s == "“" || s == "‘" || s == "'" }
func isCloseQuote(s string) bool { return s == "\"" || s == "”" || s == "’" || s == "'" }

// withAcronym adds a following "(ACRONYM)" as an alias.
func (n *Namer) withAcronym(src string, toks []text.Token, j int, m Mention) Mention {
	if j+2 < len(toks) && toks[j].Text == "(" && toks[j+2].Text == ")" && isAcronym(toks[j+1].Text) {
		m.Aliases = append(m.Aliases, toks[j+1].Text)
	}
	return m
}

func (n *Namer) headType(seq []text.Token) string {
	t := ""
	for _, w := range seq {
		if h, ok := n.lex.Heads[w.Text]; ok {
			if t == "" || h == kb.TypeAgency {
				t = h
			}
		}
	}
	return t
}

func isSentenceStart(toks []text.Token, i int) bool {
	for b := i - 1; b >= 0; b-- {
		w := toks[b].Text
		if w == "\"" || w == "“" || w == "‘" || w == "'" || w == "(" {
			continue
		}
		return false
	}
	return true
}

func isInitial(s string) bool {
	return len(s) == 2 && s[1] == '.' && s[0] >= 'A' && s[0] <= 'Z'
}

func isAcronym(s string) bool {
	if len(s) < 2 || len(s) > 8 {
		return false
	}
	up := 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			up++
		} else if !unicode.IsLower(r) && !unicode.IsDigit(r) && r != '.' && r != '-' {
			return false
		}
	}
	return up >= 2
}

// IsAcronym reports whether s looks like an acronym ("SDA", "AfD").
func IsAcronym(s string) bool { return isAcronym(s) }

// surnameSuffixes end family names in the languages of the states this
// field reports on most (Slavic, Baltic, Caucasian, Romanian, Turkic):
// "Shishmakov", "Zaslavsky", "Medvedchuk", "Gvaramia" does not, but
// "Kobakhidze", "Ivanishvili", "Georgescu", "Aliyev" do.
var surnameSuffixes = []string{
	"ov", "ova", "ev", "eva", "yov", "enko", "sky", "skiy", "skyi", "skaya", "ski", "ska", "vich", "vych",
	"ovic", "evic", "ović", "ević", "chuk", "czuk", "shvili", "dze", "yan", "escu", "eanu", "oglu", "oğlu", "zade",
}

// surnameForm reports whether a capitalised word has the shape of a
// family name by its ending.
func surnameForm(w string) bool {
	if len(w) < 5 || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	for _, r := range w[1:] {
		if !unicode.IsLower(r) {
			return false // "GRU", "McCarthy"-like mixed forms say nothing
		}
	}
	for _, s := range surnameSuffixes {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// surnameShaped reports a name of two or three plain capitalised words
// ending in a family-name form and holding no head or title word: a
// person whose given name the lexicon does not know ("Eduard
// Shishmakov", "Timur Zaslavsky").
func (n *Namer) surnameShaped(seq []text.Token) bool {
	if len(seq) < 2 || len(seq) > 3 || !surnameForm(seq[len(seq)-1].Text) || n.headType(seq) != "" {
		return false
	}
	for _, t := range seq {
		if !t.Cap() || connectors[t.Lower] || n.lex.Heads[t.Text] != "" || n.IsTitle(t.Lower) || n.lex.NonNames[t.Text] {
			return false
		}
		for _, r := range t.Text {
			if !unicode.IsLetter(r) && r != '-' {
				return false
			}
		}
	}
	return true
}

// reportsNext reports whether a reporting verb follows toks[j] within
// its clause, after at most one coordinated name ("The Age and 60
// Minutes reported").
func (n *Namer) reportsNext(toks []text.Token, j int) bool {
	for k := j; k < len(toks) && k < j+5; k++ {
		w := toks[k].Lower
		if w == "," || w == "." || w == ";" {
			return false
		}
		if n.lex.ReportVerbs[w] {
			return true
		}
	}
	return false
}
