// Package synth generates news articles in our own words, the same on
// every run, for benchmarks and for training the relevance gate: reports
// of election interference (Interference) and the everyday news around
// them (News: sport, markets, weather, health, science, courts, culture,
// travel, local politics), which a news stream carries thirty times more
// of. No text here is copied from any publication.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/influencegraph/influencegraph/extract/article"
)

// Interference generates n articles in the style of election-interference
// reporting, written in our own words: a headline, some page furniture,
// a body of 2 to 8 KB (as real articles are) drawn from sentence
// patterns dense in names (about a dozen entity mentions per KB, as in
// the annotated articles), and a footer. Names, dates, lengths and
// sentence order vary, so no two articles are identical; the corpus is
// the same on every run.
func Interference(n int) []article.Article { return InterferenceSeed(n, 2024) }

// InterferenceSeed is Interference with another seed: another stream of
// articles of the same kind.
func InterferenceSeed(n int, seed uint64) []article.Article {
	states := []string{"Russia", "Iran", "China", "North Korea", "Belarus", "Turkey"}
	capitals := []string{"Moscow", "Tehran", "Beijing", "Pyongyang", "Minsk", "Ankara"}
	demonyms := []string{"Russian", "Iranian", "Chinese", "North Korean", "Belarusian", "Turkish"}
	agencies := []string{"the GRU", "the FSB", "the Ministry of State Security", "the Islamic Revolutionary Guard Corps", "the SVR", "the Kremlin"}
	targets := []string{"Moldova", "Germany", "France", "Taiwan", "Romania", "Georgia", "Poland", "Ukraine", "the United States", "Canada"}
	kinds := []string{"parliamentary", "presidential", "local"}
	people := []string{"Vladimir Putin", "Joe Biden", "Donald Trump", "Maia Sandu", "Emmanuel Macron", "Kamala Harris", "Olaf Scholz", "Ali Khamenei"}
	orgs := []string{"Internet Research Agency", "Social Design Agency", "APT28", "Storm-1516", "Harbor Light Media Group", "Doppelganger"}
	outlets := []string{"RT", "Sputnik", "CGTN", "Press TV"}
	firsts := []string{"Dmitri", "Arkady", "Lena", "Pavel", "Irina", "Tomas", "Yusuf", "Mirela", "Karim", "Oksana", "Vadim"}
	lasts := []string{"Olenko", "Varesh", "Kostrin", "Malevic", "Dunayev", "Sorrell", "Petrakis", "Hollin", "Zarev", "Moravek", "Tesslar", "Brankov", "Quillan"}
	firms := []string{"Bluewater Analytics", "Northgate Consulting", "Silver Fern Media", "Copperline Digital", "Eastbridge Partners"}
	// Sentence patterns: {S} state, {C} its capital, {D} its demonym, {A} an
	// agency, {T} target country, {P} and {Q} people, {O} an organisation,
	// {R} an outlet, {N} a new name, {F} a new firm, {Y} a year, {K} a kind
	// of election. Some carry relations, some only names, some neither.
	patterns := []string{
		"According to a report released on Tuesday by {T}'s electoral authorities, {P} authorised influence operations intended to help allies win the {Y} {T} {K} election.",
		"The {O}, a group tied to {S}'s intelligence services, reportedly spread false claims about {Q} and targeted opposition lawmakers with fake videos, officials said.",
		"While {S} considered running a second campaign, it opted not to deploy it, the assessment found.",
		"Analysts at the Atlantic Observatory Institute said the network did not reach large audiences.",
		"Investigators named {N}, a former lawmaker, as the operation's coordinator.",
		"{N} denied the charges in a statement to Reuters on Wednesday.",
		"{A} directed hackers who broke into the email accounts of campaign staff working for {Q}, prosecutors in {T} said.",
		"The operation was ordered by {P}, according to a declassified intelligence assessment.",
		"{D} state media outlets such as {R} amplified the leaked material within hours, researchers at the Stanford Internet Observatory found.",
		"Officials in {C} have repeatedly denied any involvement in the {Y} vote.",
		"{F}, a public relations company registered in Cyprus, paid influencers to promote narratives favourable to {S}.",
		"The campaign sought to discredit {Q} and to depress turnout among young voters ahead of the {K} election in {T}.",
		"Meta said it had removed more than 300 accounts linked to the {O} that posed as local news pages.",
		"{D} operatives allegedly targeted voters in {T} with messages claiming that the ballots had been rigged.",
		"Electoral officials in {T} said there was no evidence that votes had been changed.",
		"Turnout reached 61 percent, the highest figure since the current electoral system was adopted.",
		"The foreign ministry in {C} called the accusations baseless and said {S} does not interfere in the affairs of other countries.",
		"{P} met {Q} in Geneva in June, where the two leaders discussed arms control and trade.",
		"Prices for bread and fuel rose sharply over the summer, and the cost of living dominated the final weeks of the race.",
		"A spokesman for {A} declined to comment when contacted by journalists.",
		"The {O} also amplified posts by {N}, a blogger who had praised {P} for years.",
		"Lawmakers in {T} voted last month to open a formal inquiry into the funding of the campaign.",
		"{S} and its allies attempted to influence the outcome through covert payments to fringe parties, the report concluded.",
		"Microsoft said a group it tracks as {O} had impersonated journalists to approach election officials in {T}.",
		"The Treasury Department sanctioned {N} and {F} in {Y} for their role in the scheme.",
		"Observers from the Organization for Security and Co-operation in Europe described the {K} election as competitive but marred by disinformation.",
	}
	out := make([]article.Article, n)
	for i := range out {
		rnd := rand.New(rand.NewPCG(seed, uint64(i)))
		pick := func(xs []string) string { return xs[rnd.IntN(len(xs))] }
		si := rnd.IntN(len(states))
		s, t, k := states[si], pick(targets), pick(kinds)
		p, q := pick(people), pick(people)
		year := 2016 + rnd.IntN(9)
		fill := strings.NewReplacer("{S}", s, "{C}", capitals[si], "{D}", demonyms[si], "{A}", agencies[si],
			"{T}", t, "{P}", p, "{Q}", q, "{O}", pick(orgs), "{R}", pick(outlets),
			"{N}", pick(firsts)+" "+pick(lasts), "{F}", pick(firms), "{Y}", strconv.Itoa(year), "{K}", k)
		title := fmt.Sprintf("%s accused of meddling in %s vote", s, t)
		var b strings.Builder
		fmt.Fprintf(&b, "%s\n\nSkip to content\n  • Home\n  • World News\n\n", title)
		want := 2000 + rnd.IntN(6000) // body bytes, 2 to 8 KB
		for b.Len() < want {
			for j := range 2 + rnd.IntN(3) { // a paragraph
				if j > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(fill.Replace(pick(patterns)))
			}
			b.WriteString("\n\n")
		}
		b.WriteString("Related News:\n  • Markets rally on rate hopes\n  • Storm hits coastal towns\n\nWe use cookies on our website to give you the best experience.\n")
		out[i] = article.Article{ID: fmt.Sprintf("bench%d-%05d", seed, i), Sources: []string{fmt.Sprintf("bench/%d/%05d.txt", seed, i)},
			Title: title, Published: fmt.Sprintf("%d-06-01", year+1), Text: b.String()}
	}
	return out
}
