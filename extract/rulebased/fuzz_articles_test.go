package rulebased

import (
	"strings"
	"testing"

	"github.com/influencegraph/influencegraph/extract/article"
)

// planReader hands out the choices a fuzz plan makes, one byte each;
// past its end every choice is the first.
type planReader struct {
	plan []byte
	i    int
}

func (p *planReader) pick(options []string) string {
	if p.i >= len(p.plan) {
		return options[0]
	}
	b := p.plan[p.i]
	p.i++
	return options[int(b)%len(options)]
}

// shapedArticle builds the text file of a news article from plan: a
// header or none, a headline, a dateline, then sentences made of the
// words that steer the election rules (election nouns, singular and
// plural, with and without an article, at a sentence's start or inside
// it; years; month dates; "last year", "next month"; countries; actors).
// Every plan gives an article, so the fuzzer explores the arrangements of
// real articles rather than random bytes.
func shapedArticle(plan []byte) string {
	p := &planReader{plan: plan}
	headers := []string{
		"",
		"title: %H\npublished: %P\n\n",
		"title: %H\n\n",
		"published: %P\n\n",
	}
	published := []string{"2025-09-02", "2024-01-01", "2024-12-31", "2023-06-15", "2020-11-03", "", "not a date", "1999-02-30"}
	headlines := []string{
		"Ruritania votes under a cloud",
		"Russia accused of meddling in Moldova's election",
		"Iran-backed hackers targeted the 2024 campaign",
		"Officials warn of interference ahead of vote",
		"Polls open amid fears of disinformation",
		"Elections approaching in Georgia",
		"Last year's vote was hacked, report says",
		"2024: the year of elections",
	}
	datelines := []string{
		"",
		"MOSCOW, March 3 (Reuters) - ",
		"WASHINGTON — ",
		"CHISINAU, Moldova (AP) — ",
		"Berlin, 12 Feb: ",
		"LONDON: ",
		"Oct. 26 — ",
	}
	openers := []string{
		"", "The ", "the ", "Presidential ", "Parliamentary ", "Legislative ", "Snap ", "Early ",
		"Last year's ", "Next year's ", "This year's ", "Sunday's ", "Regional ", "Local ",
		"European ", "Upcoming ", "Recent ", "Moldova's ", "Russia's ", "The 2024 ", "2020 ",
		"Disputed ", "Two ", "Both ", "Such ", "Those ", "Future ", "November ", "Last ", "Next ",
		"The country's ", "An unnamed country's ", "US ", "Taiwan's ", "Municipal ", "General ",
	}
	nouns := []string{
		"election", "elections", "vote", "votes", "polls", "referendum", "referendums", "ballots",
		"midterms", "primaries", "runoff", "runoffs", "election campaigns", "elections'", "Elections",
	}
	afters := []string{
		"", "", " in Moldova", " in 2024", " of 2020", " in the United States", " last year",
		" next year", " on October 3, 2025", " in November", " this week", " worldwide", " 2022",
		" next month", " in the Philippines", " of that year",
	}
	predicates := []string{
		" are scheduled for October 3, 2025.",
		" were targeted by Russia.",
		" took place last year.",
		", officials said.",
		" were marred by a disinformation campaign funded by Iran.",
		" are due next month.",
		" will be held in 2026.",
		" approaching in Ruritania worry the observers of the Baltic Watch group.",
		" matter.",
		".",
		" in which China interfered, the report said.",
	}
	others := []string{
		"Russia has funded a network of websites that attacked the ruling party, the group said.",
		"China denied the claims on Tuesday.",
		"The Internet Research Agency amplified the posts, according to Meta.",
		"Last year, Iran targeted the campaign of Donald Trump.",
		"In 2016, Russia interfered in the US presidential election.",
		"Officials said on Monday that the count had been delayed.",
		"2024 was a year of elections.",
		"“It was an attack on our democracy,” she said.",
		"Voters in the north,",
		"",
	}
	prefixes := []string{"", "", "", "In March, ", "But ", "Observers said ", "Since then, ", "He said "}
	seps := []string{" ", "\n\n", "\n", " "}

	var b strings.Builder
	header := p.pick(headers)
	headline := p.pick(headlines)
	header = strings.ReplaceAll(header, "%H", headline)
	header = strings.ReplaceAll(header, "%P", p.pick(published))
	b.WriteString(header)
	if header == "" || !strings.Contains(header, "title:") {
		b.WriteString(headline + "\n")
	}
	b.WriteString(p.pick(datelines))
	for n := 0; n < 12 && p.i < len(p.plan); n++ {
		switch p.pick([]string{"election", "election", "other"}) {
		case "election":
			b.WriteString(p.pick(prefixes))
			b.WriteString(p.pick(openers))
			b.WriteString(p.pick(nouns))
			b.WriteString(p.pick(afters))
			b.WriteString(p.pick(predicates))
		default:
			b.WriteString(p.pick(others))
		}
		b.WriteString(p.pick(seps))
	}
	return b.String()
}

// FuzzArticleShaped feeds the extractor articles built from the words
// and shapes of real reporting (see shapedArticle): it must not panic, and
// its spans must lie inside the text. It is the target that finds a rule
// tripping over an arrangement real articles make, such as a plural
// election noun opening a sentence.
func FuzzArticleShaped(f *testing.F) {
	f.Add([]byte{1, 0, 0, 1, 0, 1, 0, 0, 3, 0, 2, 1, 1}, "")
	f.Add([]byte{0, 3, 2, 2, 0, 1, 9, 4, 2, 1, 2, 3, 1, 1, 0, 1}, "2024-10-01")
	f.Add([]byte{2, 1, 4, 0, 1, 6, 3, 1, 0, 0, 2, 5, 0, 1, 1, 0, 3}, "2025-09-02")
	x := testExtractor(f)
	f.Fuzz(func(t *testing.T, plan []byte, published string) {
		text := shapedArticle(plan)
		a := article.ParseText(text)
		a.ID, a.Sources = "fuzz", []string{"fuzz.txt"}
		if published != "" {
			a.Published = published
		}
		checkExtract(t, x, a)
	})
}
