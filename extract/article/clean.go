package article

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Cleaned is a text page with its furniture removed.
type Cleaned struct {
	// Title is the headline: the one given, or the one detected above the
	// byline and date of a scraped page.
	Title string
	// Paragraphs are the body paragraphs in order, without the headline.
	Paragraphs []string
	// Published is the date line nearest the headline or byline, as
	// YYYY-MM-DD, or "".
	Published string
	// Place is the place a stripped dateline named ("PODGORICA" in
	// "PODGORICA, May 9 - ..."), as written, or "".
	Place string
}

// Body joins the paragraphs with blank lines.
func (c Cleaned) Body() string { return strings.Join(c.Paragraphs, "\n\n") }

// kind classifies a line of a text page.
type kind int

const (
	kBlank     kind = iota
	kFurniture      // navigation, notices, teasers, credits: dropped wherever found
	kEnd            // the article is over: "Next Post", "Tags:", "Leave a comment"
	kSideList       // a site-wide list follows: "Most Read", "Latest posts"
	kList           // a list of links to other stories follows: "Related News:"
	kDate           // a date on a line of its own
	kByline         // "By Jane Doe", "Jane Doe by Jane Doe"
	kShort          // a short line: headline, subhead, label, menu item
	kProse          // a paragraph of running text
)

// pline is one line of a text page with its features.
type pline struct {
	text   string
	kind   kind
	bullet bool // it began with a list mark
	words  int
	date   string // for kDate
	norm   string // normLine(text), for comparisons
}

// Thresholds of the line classifier.
const (
	proseWords      = 12 // a sentence-terminated line this long is prose
	longProseWords  = 25 // a line this long is prose even without punctuation
	standfirstWords = 10 // a line between headline and body this long is kept
	headlineMin     = 3  // words in a headline
	headlineMax     = 30
	navRun          = 3 // this many short lines in a row form a menu or link list
)

var (
	bulletRe = regexp.MustCompile(`^(?:[•·●▪■◦‣∙►▶»*]|[-–—](?:\s)|\d{1,2}[.)]\s)\s*`)
	// A line that is only furniture, whatever its surroundings.
	furnitureLineRe = regexp.MustCompile(`(?i)^(?:` + strings.Join([]string{
		`skip to (?:main )?(?:content|navigation|menu)(?:\s*skip to (?:main )?(?:content|navigation|menu))*`,
		`(?:sign in|log ?in|log out|register|sign up|subscribe(?: now)?|subscribe to [\w .]+|menu|search|close|home|magazine|advertisement|advert|sponsored(?: content)?)`,
		`(?:advertise with us|contact us|about us|our team|careers|terms(?: of (?:use|service))?(?: and conditions)?|privacy(?: policy)?|cookies?(?: policy)?|cookie settings.*|(?:privacy|cookie)s? (?:and|&) (?:cookies?|privacy) polic(?:y|ies)\.?)`,
		`(?:accept(?: all)?(?: cookies)?|reject(?: all)?|save (?:&|and) accept|manage (?:cookies|preferences|consent)|privacy overview|necessary|non-necessary|always enabled|functional|analytics|performance)`,
		`(?:no results?|view all(?: results?)?|see all|show more|load more|read more|continue reading|more info|print|email|comments?|\d+ comments?|leave a (?:comment|reply))`,
		`(?:impact shorts|watch(?: now| live)?|listen(?: to this article)?|play video|video|audio|live|trending(?: now)?|popular(?: now)?|top stories|editor'?s? picks?)`,
		`(?:share(?: this)?(?: article| story| post)?(?: on)?:?|share via.*|copy link|link copied)`,
		`(?:this article is more than \d+ \w+ old)`,
		`(?:(?:published|updated|posted|last updated)\s*:?\s*)?(?:\d+|an?|one) (?:second|minute|hour|day|week|month|year)s? ago`,
		`\(?(?:(?:additional )?reporting|writing|editing|compiled|translated|produced) by (?:(?-i:\p{Lu}[\p{L}.'’-]*)|,|;|and|&|in|\s|(?:(?:additional )?reporting|writing|editing) by)+\)?\.?`,
		`[\p{L} .,'’&-]{0,100} contributed (?:to )?(?:this|the) (?:report|story|article)\.?`,
		`(?:image|photo|video) (?:source|caption|credit),.*`,
		`our standards:.*`,
		`click here.*`,
		`follow (?:us|@?[\w.]+) on (?:twitter|x|facebook|instagram|telegram|linkedin|youtube|threads|bluesky)\b.*`,
		`(?:\d+ min(?:ute)?s? read)`,
		`(?:advertisement\s*-\s*scroll to continue.*)`,
		`(?:\(?with inputs? from [\w ,&]+\)?\.?)`,
		`(?:(?:photo|image|picture|illustration|composite|graphic|video|file photo)(?: credit)?s?\s*:.*)`,
	}, "|") + `)$`)
	// Phrases that mark a line as furniture wherever they sit in it.
	furnitureAnyRe = regexp.MustCompile(`(?i)(?:\[email[\s\x{a0}]*protected\]|all rights reserved|©|\(c\) \d{4}|\bcopyright\b\s*(?:©|\d{4}|\(c\))|javascript (?:is )?(?:disabled|required)|enable javascript|your browser does not support)`)
	// Cookie and consent notices: cookies plus a word of the genre.
	cookieRe  = regexp.MustCompile(`(?i)\bcookies?\b`)
	consentRe = regexp.MustCompile(`(?i)\b(?:website|browser|consent|accept|opt-out|preferences|browsing experience|third-party|analytics|gdpr)\b`)
	// Promotion of the outlet itself.
	promoRe = regexp.MustCompile(`(?i)^(?:you can now write for|join our (?:newsletter|community|channel)|sign up (?:for|to) (?:our|the) |get the latest [\w ]* (?:in your inbox|delivered)|download (?:our|the) app|follow us on|subscribe to our|support (?:our|independent) journalism|become a (?:member|subscriber)|already a subscriber|we use cookies|this website uses cookies|story continues below|continue reading the main story|get (?:the|our) [\w ]*newsletter|[\w ,]*\bin your inbox\b)`)
	// Lines after which the article is over.
	endRe = regexp.MustCompile(`(?i)^(?:next post|previous post|next article|previous article|next story|previous story|tags?\s*:.*|topics?\s*:.*|filed under\s*:?.*|about the author|leave a (?:comment|reply)|\d* ?comments?|discussion|(?:post a|add a|write a) comment)$`)
	// Lines that open a site-wide list (most read, latest posts) or a
	// footer; prose after them is body again only if two paragraphs follow.
	sideListRe = regexp.MustCompile(`(?i)^(?:latest (?:posts?|news|stories|articles|updates)|most (?:read|popular|viewed|shared|commented)|more info|browse [\w ]+|follow [\w .]+|join our newsletter|newsletter|trending(?: now| stories)?|popular (?:now|stories|posts)|editor'?s? picks?|top stories|in case you missed it|more (?:top )?stories)\s*:?$`)
	// Lines that open a list of links to other stories.
	listRe = regexp.MustCompile(`(?i)^(?:related(?: news| stories| articles| posts| content| coverage| reading| topics)?|read also|also read|read more|see also|more (?:news|stories|from [\w .]+)|you (?:may|might) also (?:like|be interested in)|recommended(?: for you| stories)?|more on this(?: story| topic)?|further reading|don'?t miss|must read)\s*:?$`)
	// One-line teasers for other stories or videos: "Also read: ...",
	// "RELATED STORY | ...", "Watch | ...", "... – video".
	teaserRe       = regexp.MustCompile(`(?i)^(?:related(?: story| article| news| video| content)?|read(?: also| more)?|also read|see also|watch|video|listen|podcast|recommended|must read|don'?t miss|more|opinion|analysis|explainer|live|breaking)\s*[|:]\s*\S`)
	teaserTailRe   = regexp.MustCompile(`(?i)\s[–—-]\s*(?:video|audio|podcast|live|in pictures|gallery)$`)
	readMoreOnRe   = regexp.MustCompile(`(?i)^(?:read|see|find) (?:more|the full (?:story|article)) (?:on|at|from) \S.{0,60}$`)
	inlineTeaserRe = regexp.MustCompile(`(?i)\b(?:watch|video)\s*\|[^×\n]{1,300}×\s*`)
	// Furniture glued to the start of a paragraph by careless copying.
	gluedPrefixRe = regexp.MustCompile(`^(?:View All|Read More|Show More|Advertisement|ADVERTISEMENT|Skip to (?:main )?content)(\p{Lu})`)
	// Bylines: "By Jane Doe", "Jane Doe by Jane Doe", "Written by ...".
	bylineRe = regexp.MustCompile(`^(?i:by|written by|words by|reporting by|text by)\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,4}(?:\s*(?:,|and|&)\s*\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})*\s*$|^\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}\s+by\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}$`)
	// A person's name alone (two to four capitalised words), a byline when
	// it stands next to a date line.
	nameRe = regexp.MustCompile(`^\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]*){1,3}$`)
	// Section labels under a headline: "in World News".
	sectionRe = regexp.MustCompile(`^in \p{Lu}[\p{L}&,' -]{1,40}$`)
	// Machine tokens: hashes, slugs, bare URLs.
	tokenRe = regexp.MustCompile(`^(?:[0-9a-fA-F]{16,}|[\w]+(?:[-_][\w]+){2,}|https?://\S+|www\.\S+|@\w+|#\w+)$`)
	// Social network names alone on a line form a share bar.
	socialRe = regexp.MustCompile(`(?i)^(?:(?:facebook|twitter|x|youtube|linkedin|instagram|whatsapp|telegram|reddit|pinterest|tiktok|email|e-mail|print|copy link|flipboard|threads|bluesky|mastodon)[\s|,·•/]*)+$`)
	// A dateline opening the first paragraph: "WASHINGTON –", "Brussels
	// (Brussels Morning)", "LONDON, Oct 21 (Reuters) -".
	datelinePrefixRe = regexp.MustCompile(`^(?:\p{Lu}[\p{Lu}\p{Ll}.'’]*(?:[ -]\p{Lu}[\p{Lu}\p{Ll}.'’]*){0,3}(?:,\s*\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*){0,2})?(?:,\s*[\p{L}.]+\s+\d{1,2})?\s*(?:\([^()]{1,40}\))?\s*[–—-]\s+|\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)?\s+\([^()]{2,40}\)\s+)(\p{Lu}|["“‘'])`)
)

// sentenceEnd reports whether s ends like a sentence.
func sentenceEnd(s string) bool {
	s = strings.TrimRight(s, " ")
	for len(s) > 0 {
		r, size := utf8.DecodeLastRuneInString(s)
		switch r {
		case '"', '”', '’', '\'', ')', ']', '»':
			s = s[:len(s)-size]
			continue
		case '.', '!', '?', '…', ':', ';':
			return true
		}
		return false
	}
	return false
}

// normLine is the comparison form of a line: lower case letters and digits
// separated by single spaces.
func normLine(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0x80 { // ASCII fast path
			i++
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			default:
				space = true
				continue
			}
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteByte(c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		} else {
			space = true
		}
	}
	return b.String()
}

// tidyLine trims a raw line and replaces the invisible characters copying
// from web pages leaves behind.
func tidyLine(s string) string {
	plain := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || s[i] == '\t' {
			plain = false
			break
		}
	}
	if !plain && strings.ContainsAny(s, "\u00a0\u200b\u200c\u200d\u2060\ufeff\t\u202f\u2009") {
		s = strings.Map(func(r rune) rune {
			switch r {
			case '\u00a0', '\t', '\u202f', '\u2009':
				return ' '
			case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
				return -1
			}
			return r
		}, s)
	}
	return strings.TrimSpace(s)
}

// splitLines cuts text into tidy lines and joins hard-wrapped ones: a line
// that does not end a sentence followed by one that starts in lower case
// continues it. Joined pieces are gathered and concatenated once, so a long
// wrapped paragraph costs linear time.
func splitLines(text string) []pline {
	raw := strings.Split(strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n"), "\n")
	out := make([]pline, 0, len(raw))
	var pieces []string // the pieces of out[len(out)-1] while it grows
	joined := 0         // its length so far
	flush := func() {
		if len(pieces) > 1 {
			out[len(out)-1].text = strings.Join(pieces, " ")
		}
		pieces, joined = pieces[:0], 0
	}
	for _, r := range raw {
		t := tidyLine(r)
		l := pline{text: t}
		if loc := bulletRe.FindStringIndex(t); loc != nil && loc[1] < len(t) {
			l.bullet = true
			l.text = strings.TrimSpace(t[loc[1]:])
		}
		if n := len(out); n > 0 && l.text != "" && !l.bullet && out[n-1].text != "" && !out[n-1].bullet {
			last := pieces[len(pieces)-1]
			first, _ := utf8.DecodeRuneInString(l.text)
			if unicode.IsLower(first) && !sentenceEnd(last) && joined > 40 {
				pieces = append(pieces, l.text)
				joined += 1 + len(l.text)
				continue
			}
		}
		flush()
		out = append(out, l)
		pieces, joined = append(pieces, l.text), len(l.text)
	}
	flush()
	return out
}

// classify sets each line's kind from its own features.
func classify(lines []pline) {
	for i := range lines {
		l := &lines[i]
		l.text = stripInline(l.text)
		l.words = len(strings.Fields(l.text))
		l.kind = classifyLine(l.text, l.words, l.bullet)
		if l.kind != kBlank && l.kind != kFurniture {
			l.norm = normLine(l.text)
		}
		if l.kind == kShort && l.words <= 10 && strings.ContainsAny(l.text, "0123456789") {
			if d, ok := dateline(l.text); ok {
				l.kind, l.date = kDate, d
			}
		}
	}
}

// stripInline removes furniture glued into a line: a leading "View All"
// left by copying, an inline video teaser ending in "×".
func stripInline(t string) string {
	if t == "" {
		return t
	}
	if strings.ContainsAny(t[:1], "VRSA") {
		t = gluedPrefixRe.ReplaceAllString(t, "$1")
	}
	if strings.Contains(t, "×") && strings.Contains(t, "|") {
		t = strings.TrimSpace(inlineTeaserRe.ReplaceAllString(t, ""))
	}
	return t
}

// classifyLine judges one line by its own features. The cheap tests guard
// the regular expressions, which are the cleaner's main cost.
func classifyLine(t string, words int, bullet bool) kind {
	if t == "" {
		return kBlank
	}
	if !hasLetter(t) {
		return kFurniture
	}
	lower := strings.ToLower(t)
	short := words <= 12
	switch {
	case short && endRe.MatchString(t):
		return kEnd
	case short && sideListRe.MatchString(t):
		return kSideList
	case words <= 40 && promoRe.MatchString(t):
		return kFurniture
	case short && listRe.MatchString(t):
		return kList
	case words <= 40 && (furnitureStart(lower) || strings.Contains(lower, " contributed ")) && furnitureLineRe.MatchString(t),
		words == 1 && tokenRe.MatchString(t),
		short && socialRe.MatchString(t),
		short && readMoreOnRe.MatchString(t),
		words <= 30 && teaserRe.MatchString(t),
		words <= 25 && teaserTail(lower) && teaserTailRe.MatchString(t),
		words <= 40 && anyFurniture(lower) && furnitureAnyRe.MatchString(t),
		strings.Contains(lower, "cookie") && cookieRe.MatchString(t) && consentRe.MatchString(t):
		return kFurniture
	case short && bylineRe.MatchString(t):
		return kByline
	case isProse(t, words, bullet):
		return kProse
	}
	return kShort
}

// furnitureFirstWords are the first words of furnitureLineRe's phrases.
var furnitureFirstWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`skip sign log register subscribe menu search close home magazine
		advertisement advert sponsored advertise contact about our careers terms privacy cookie cookies
		accept reject save manage necessary non-necessary always functional analytics performance no
		view see show load read continue more print email comment comments leave impact watch listen
		play video audio live trending popular top editor's editors editor share copy link this a an
		one with (with photo photos image images picture pictures illustration composite graphic file
		published updated posted last reporting writing editing additional compiled translated produced
		(reporting (additional click follow`) {
		m[w] = true
	}
	return m
}()

// furnitureStart is a cheap pre-check for furnitureLineRe: the line's
// first word could begin one of its phrases.
func furnitureStart(lower string) bool {
	if lower != "" && lower[0] >= '0' && lower[0] <= '9' {
		return true
	}
	first := lower
	if i := strings.IndexAny(lower, " :"); i >= 0 {
		first = lower[:i]
	}
	return furnitureFirstWords[first]
}

// teaserTail and anyFurniture are cheap pre-checks for teaserTailRe and
// furnitureAnyRe.
func teaserTail(lower string) bool {
	for _, w := range []string{"video", "audio", "podcast", "live", "pictures", "gallery"} {
		if strings.HasSuffix(lower, w) {
			return true
		}
	}
	return false
}

func anyFurniture(lower string) bool {
	for _, w := range []string{"protected]", "rights reserved", "©", "(c)", "copyright", "javascript", "your browser"} {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// sentenceInsideRe finds the end of a sentence inside a line: a word of
// two lower-case letters or more, a full stop, space, a capital ("U.S. 2024"
// is not one).
var sentenceInsideRe = regexp.MustCompile(`\p{Ll}{2}[.!?]["”’]?\s+["“‘]?\p{Lu}`)

// isProse reports whether a line reads as running text rather than a label.
// A list item must end like a sentence, or break into clauses as a
// summary's items do ("..., the company says"), to count: on the annotated
// articles, long items without a full stop hold a quarter of the evidence
// found in list items.
func isProse(t string, words int, bullet bool) bool {
	if bullet {
		return words >= proseWords && (sentenceEnd(t) || strings.Contains(t, ", "))
	}
	if words >= longProseWords {
		return true
	}
	if words < proseWords {
		return false
	}
	return sentenceEnd(t) || sentenceInsideRe.MatchString(t) || strings.Contains(t, ", ")
}

// fragment reports whether a short line reads like the start of a
// sentence cut off (excerpts end so), not like a link or a label: several
// words, some of them in lower case.
func fragment(t string) bool {
	words := strings.Fields(t)
	if len(words) < 6 {
		return false
	}
	lower := 0
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) {
			lower++
		}
	}
	return lower >= 2
}

// markCaptions marks photo captions: a line repeated at once, verbatim or
// with a credit appended ("... (Reuters)", "... Composite: ..."), is a
// caption shown twice by the page. Both copies go, unless the line is a
// finished sentence, when only the repetition goes.
func markCaptions(lines []pline) {
	prev := -1
	for i := range lines {
		if lines[i].kind == kBlank {
			continue
		}
		if prev >= 0 && lines[prev].kind != kFurniture && lines[i].kind != kFurniture {
			a, b := lines[prev].norm, lines[i].norm
			if a != "" && len(a) >= 20 && (a == b || strings.HasPrefix(b, a+" ") && len(b)-len(a) < 60) {
				if !sentenceEnd(lines[prev].text) || lines[prev].kind != kProse {
					lines[prev].kind = kFurniture
				}
				lines[i].kind = kFurniture
			}
		}
		prev = i
	}
}

// markRepeats marks short lines that occur more than once in the page
// (menus shown twice, repeated section labels) as furniture.
func markRepeats(lines []pline) {
	count := make(map[string]int)
	for _, l := range lines {
		if l.kind == kShort || l.bullet && l.kind != kProse {
			count[l.norm]++
		}
	}
	for i := range lines {
		l := &lines[i]
		if (l.kind == kShort || l.bullet && l.kind != kProse) && count[l.norm] > 1 {
			l.kind = kFurniture
		}
	}
}

// markBullets marks list items that are not sentences (menu entries, link
// lists) as furniture.
func markBullets(lines []pline) {
	for i := range lines {
		if lines[i].bullet && lines[i].kind != kProse && lines[i].kind != kBlank {
			lines[i].kind = kFurniture
		}
	}
}

// linkLike reports whether a short line reads like a menu entry or a link
// rather than a short sentence.
func linkLike(l pline) bool {
	return l.kind == kShort && !sentenceEnd(l.text)
}

// markNavRuns marks runs of navRun or more link-like short lines with no
// blank line between them as a menu or a link list. Short sentences break
// a run: pages without blank lines put one-line paragraphs in a row.
func markNavRuns(lines []pline) {
	for i := 0; i < len(lines); {
		if !linkLike(lines[i]) {
			i++
			continue
		}
		j := i
		for j < len(lines) && (linkLike(lines[j]) || lines[j].kind == kFurniture && lines[j].text != "") {
			j++
		}
		shorts := 0
		for k := i; k < j; k++ {
			if lines[k].kind == kShort {
				shorts++
			}
		}
		if shorts >= navRun {
			for k := i; k < j; k++ {
				lines[k].kind = kFurniture
			}
		}
		i = j
	}
}

// CleanText removes the furniture of a copied web page from text and finds
// its headline, body paragraphs and date line. title is the headline when
// already known (from a header), else "".
func CleanText(text, title string) Cleaned {
	lines := splitLines(text)
	classify(lines)
	markCaptions(lines)
	markBullets(lines)
	markRepeats(lines)
	markNavRuns(lines)

	firstProse := -1
	for i, l := range lines {
		if l.kind == kProse {
			firstProse = i
			break
		}
	}
	res := Cleaned{Title: cleanTitle(title)}
	if firstProse < 0 {
		// No running text at all: keep what is not furniture, in case the
		// article is a short note.
		for _, l := range lines {
			if l.kind == kShort || l.kind == kProse {
				if res.Title == "" || normLine(l.text) != normLine(res.Title) {
					res.Paragraphs = append(res.Paragraphs, l.text)
				}
			}
		}
		res.Published = nearestDate(lines, 0)
		return res
	}

	// Where the headline stands: the given title's own line, or the
	// headline detected above the byline and date.
	head := -1
	if res.Title != "" {
		want := normLine(res.Title)
		for i := 0; i <= firstProse; i++ {
			if lines[i].kind != kBlank && lines[i].norm == want {
				head = i
				break
			}
		}
	} else {
		head = detectHeadline(lines, firstProse)
		if head >= 0 {
			res.Title = cleanTitle(lines[head].text)
		}
	}
	if head >= firstProse { // the headline reads like a sentence
		firstProse = -1
		for i := head + 1; i < len(lines); i++ {
			if lines[i].kind == kProse {
				firstProse = i
				break
			}
		}
		if firstProse < 0 {
			firstProse = len(lines)
		}
	}
	anchor := head
	if anchor < 0 {
		anchor = firstProse
	}
	res.Published = nearestDate(lines, anchor)

	// Before the first paragraph: only a standfirst survives, and only
	// below the headline when there is one.
	start := 0
	if head >= 0 {
		start = head + 1
	}
	for i := start; i < firstProse; i++ {
		l := lines[i]
		if l.kind == kShort && l.words >= standfirstWords {
			res.Paragraphs = append(res.Paragraphs, l.text)
		}
	}

	titleNorm := normLine(res.Title)
	// The body: from the first paragraph to the end marker, with furniture,
	// teasers and link lists dropped.
	// inList: after "Related News:" links are skipped until running text
	// comes back; inSide: after "Most Read" it must come back with two
	// paragraphs in a row, or it is a footer blurb.
	inList, inSide := false, false
	lastProse := len(res.Paragraphs) - 1
	for i := firstProse; i < len(lines); i++ {
		l := lines[i]
		switch l.kind {
		case kEnd:
			i = len(lines)
			continue
		case kList:
			inList = true
			continue
		case kSideList:
			inSide = true
			continue
		case kProse:
			if (inList || inSide) && l.bullet {
				continue
			}
			if inSide && !proseFollows(lines, i) {
				continue
			}
			inList, inSide = false, false
			p := l.text
			if len(res.Paragraphs) == 0 || i == firstProse {
				var place string
				p, place = stripDateline(p)
				if res.Place == "" {
					res.Place = place
				}
			}
			res.Paragraphs = append(res.Paragraphs, p)
			lastProse = len(res.Paragraphs) - 1
		case kShort:
			if inList || inSide || i <= firstProse+3 && nameRe.MatchString(l.text) && nextToDate(lines, i) {
				continue
			}
			if titleNorm != "" && l.norm == titleNorm {
				continue
			}
			res.Paragraphs = append(res.Paragraphs, l.text)
		}
	}
	// Short lines after the last paragraph are labels and link text, unless
	// they end a sentence or are one cut off.
	keep := res.Paragraphs[:lastProse+1]
	for _, p := range res.Paragraphs[lastProse+1:] {
		if sentenceEnd(p) || fragment(p) {
			keep = append(keep, p)
		}
	}
	res.Paragraphs = keep
	return res
}

// proseFollows reports whether the next line with words after line i is
// prose too.
func proseFollows(lines []pline, i int) bool {
	for j := i + 1; j < len(lines); j++ {
		switch lines[j].kind {
		case kBlank:
			continue
		case kProse:
			return true
		}
		return false
	}
	return false
}

// nextToDate reports whether a date line stands just above or below line i.
func nextToDate(lines []pline, i int) bool {
	for _, j := range []int{i - 1, i + 1} {
		if j >= 0 && j < len(lines) && lines[j].kind == kDate {
			return true
		}
	}
	return false
}

// detectHeadline looks upwards from the first paragraph, past captions,
// datelines, bylines and section labels, for the headline.
func detectHeadline(lines []pline, firstProse int) int {
	seen := 0
	for i := firstProse - 1; i >= 0 && seen < 12; i-- {
		l := lines[i]
		switch l.kind {
		case kBlank:
			continue
		case kFurniture, kDate, kByline:
			seen++
			continue
		case kEnd, kList, kSideList:
			return -1
		}
		seen++
		if l.bullet || sectionRe.MatchString(l.text) || l.words < headlineMin {
			continue
		}
		if nameRe.MatchString(l.text) && nextToDate(lines, i) {
			continue
		}
		if l.words > headlineMax || strings.HasSuffix(l.text, ".") || strings.HasSuffix(l.text, ":") {
			return -1
		}
		// A caption naming someone in capitals under a headline in sentence
		// case: the headline is the one above.
		if allCapitalised(l.text) {
			if j := lineAbove(lines, i, 3); j >= 0 && headlineShaped(lines[j]) && !allCapitalised(lines[j].text) {
				return j
			}
		}
		// A long line under a shorter headline-shaped one is the standfirst.
		if l.words >= standfirstWords {
			for j := i - 1; j >= 0; j-- {
				if lines[j].kind == kBlank {
					continue
				}
				if h := lines[j]; h.kind == kShort && !h.bullet && h.words >= headlineMin && h.words <= 20 &&
					!sentenceEnd(h.text) && !sectionRe.MatchString(h.text) {
					return j
				}
				break
			}
		}
		return i
	}
	return -1
}

// lineAbove returns the nearest line above i with words that is not
// furniture, looking past at most skip furniture lines, or -1.
func lineAbove(lines []pline, i, skip int) int {
	for j := i - 1; j >= 0; j-- {
		switch lines[j].kind {
		case kBlank:
			continue
		case kFurniture:
			if skip--; skip < 0 {
				return -1
			}
			continue
		}
		return j
	}
	return -1
}

// headlineShaped reports whether a line could be a headline: a short line
// of a few words that does not end a sentence.
func headlineShaped(l pline) bool {
	return l.kind == kShort && !l.bullet && l.words >= headlineMin && l.words <= headlineMax &&
		!strings.HasSuffix(l.text, ".") && !strings.HasSuffix(l.text, ":") && !sectionRe.MatchString(l.text)
}

// allCapitalised reports whether every word of s starts with a capital
// letter or a digit.
func allCapitalised(s string) bool {
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// nearestDate returns the date line closest to line anchor, preferring one
// below it (datelines sit under headlines), or "".
func nearestDate(lines []pline, anchor int) string {
	best, bestDist := "", len(lines)+1
	for i, l := range lines {
		if l.kind != kDate {
			continue
		}
		d := i - anchor
		if d < 0 {
			d = -d*2 + 1 // above the headline: likely the page's print date
		}
		if d < bestDist {
			best, bestDist = l.date, d
		}
	}
	return best
}

// stripDateline removes a dateline from the start of the first paragraph
// and returns the place it named (its words up to the first comma or dash).
func stripDateline(p string) (string, string) {
	if loc := datelinePrefixRe.FindStringSubmatchIndex(p); loc != nil {
		rest := p[loc[2]:]
		if len(strings.Fields(rest)) >= proseWords {
			place := p[:loc[2]]
			if i := strings.IndexAny(place, ",(\u2013\u2014"); i >= 0 {
				place = place[:i]
			}
			place = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(place), "-"))
			return rest, place
		}
	}
	return p, ""
}

// cleanTitle tidies a headline: single spaces, no invisible characters.
func cleanTitle(t string) string {
	return strings.Join(strings.Fields(tidyLine(t)), " ")
}

// stripSiteName drops a trailing site name after a " | " or " - "
// separator from an HTML <title>, when the rest is long enough to stand
// alone.
func stripSiteName(t string) string {
	t = cleanTitle(t)
	for _, sep := range []string{" | ", " – ", " — ", " - "} {
		if i := strings.LastIndex(t, sep); i > 0 {
			head, tail := t[:i], t[i+len(sep):]
			if len(strings.Fields(tail)) <= 4 && len(strings.Fields(head)) >= 4 {
				return head
			}
		}
	}
	return t
}
