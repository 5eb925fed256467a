package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/influencegraph/influencegraph/extract/article"
)

// topic is one beat of everyday news: headline and sentence patterns.
type topic struct {
	name      string
	titles    []string
	sentences []string
}

// Placeholders of the news patterns: {N} a new person's name, {P} another,
// {C} a city, {K} a country, {T} a sports team, {F} a company, {Y} a year,
// {M} a number, {W} a weekday, {O} a month.
var topics = []topic{
	{"sport", []string{
		"{T} beat rivals {M}-1 to stay top of the table",
		"{N} wins the {C} marathon in a course record",
		"Injury doubt for {N} ahead of the cup final",
		"{K} name squad for the world championships",
	}, []string{
		"{T} came from behind to win {M}-2 on {W} night, with {N} scoring twice in the second half.",
		"The coach said the squad had trained hard all week and deserved the three points.",
		"{N} finished the race in two hours and {M} minutes, ahead of {P} of {K}.",
		"The club confirmed that {N} had signed a three-year contract worth a reported {M} million euros.",
		"Supporters packed the stadium in {C} despite the rain, and the atmosphere was electric.",
		"The referee was criticised after awarding a late penalty that decided the match.",
		"{K} will play {T} in the quarter-finals next month, the federation said.",
		"Members of the supporters' club elected {N} as their new chairman at the annual meeting.",
		"The Russian tennis player {N} reached the semi-finals after a five-set battle with {P}.",
		"Ticket prices for the final have risen by {M} percent since last season.",
		"The team's campaign for the title suffered a setback with a draw against the bottom side.",
		"{N}, who turns {M} next week, said this would be the last season of a long career.",
	}},
	{"markets", []string{
		"Shares in {F} jump after strong quarterly results",
		"Central bank holds rates as inflation eases to {M} percent",
		"{F} to cut {M}00 jobs in restructuring",
		"Oil prices slip as {K} raises output",
	}, []string{
		"Shares in {F} rose {M} percent in early trading after the company beat analysts' forecasts.",
		"The central bank kept its main interest rate unchanged, saying inflation was moving back towards target.",
		"Revenue for the quarter reached {M} billion dollars, up from a year earlier, the company said in a filing.",
		"{N}, chief executive of {F}, told investors that demand in {K} remained strong.",
		"Analysts at {F} expect the economy to grow by about {M} percent next year.",
		"The benchmark index closed higher on {W}, led by technology and energy stocks.",
		"Trade between {K} and China grew steadily, with exports of machinery and cars leading the way.",
		"The company said its marketing campaign for the new phone had lifted sales in Europe.",
		"Bond yields fell after weaker than expected jobs figures were published in {O}.",
		"Shareholders will vote on the proposed merger at a meeting in {C} next month.",
		"The retailer said a data breach by criminal hackers had exposed the card details of some customers.",
		"Russia and Saudi Arabia agreed to extend output cuts, sending crude prices higher.",
	}},
	{"weather", []string{
		"Storm brings heavy rain and flooding to {C}",
		"Heatwave to continue through the weekend, forecasters say",
		"Snow closes roads across the north of {K}",
	}, []string{
		"Forecasters warned of up to {M} millimetres of rain in parts of the region by {W}.",
		"Several roads around {C} were closed after rivers burst their banks overnight.",
		"Temperatures are expected to reach {M} degrees in the south, well above the seasonal average.",
		"Emergency services rescued {M} people from cars stranded in floodwater, a spokesman said.",
		"The national weather service issued an amber warning for strong winds along the coast.",
		"Farmers said the dry spell in {O} had already damaged the wheat harvest.",
		"Residents of {C} were advised to stay indoors and drink plenty of water.",
		"Power was cut to about {M} thousand homes after trees fell on lines.",
		"The storm is expected to move east towards {K} by the end of the week.",
	}},
	{"health", []string{
		"Hospital waiting lists fall for the first time in {M} years",
		"New vaccine campaign targets older adults this winter",
		"Study links daily walking to lower heart risk",
	}, []string{
		"Health officials in {C} launched a vaccination campaign aimed at people over {M}.",
		"The study followed {M} thousand adults for ten years and found a clear link between exercise and heart health.",
		"Doctors at {C} General Hospital said the number of flu cases had doubled since {O}.",
		"{N}, a professor of medicine, said the results were encouraging but needed confirmation.",
		"The health ministry of {K} said it would hire {M}00 more nurses next year.",
		"Waiting times for routine operations have fallen to an average of {M} weeks.",
		"Researchers warned that misleading health advice on social media was confusing patients.",
		"The new clinic will open in {O} and treat about {M}0 patients a day.",
	}},
	{"science", []string{
		"Astronomers spot a distant planet with water vapour",
		"{F} unveils artificial intelligence model for weather forecasts",
		"Ancient settlement found near {C}",
	}, []string{
		"Astronomers using a telescope in {K} detected water vapour in the atmosphere of a planet {M} light years away.",
		"The artificial intelligence system was trained on decades of satellite data, {F} said.",
		"Archaeologists said the settlement was more than {M} thousand years old.",
		"{N}, who led the research, said the team had worked on the project since {Y}.",
		"The findings were published on {W} in a leading scientific journal.",
		"The probe is expected to reach its destination in {Y}, after a journey of several years.",
		"Scientists in {C} said the discovery could change how we understand early farming.",
		"The university received a grant of {M} million euros to continue the work.",
	}},
	{"courts", []string{
		"Man jailed for {M} years over {C} bank robbery",
		"Court rules in favour of tenants in landmark case",
		"Police arrest {M} after burglaries in {C}",
	}, []string{
		"{N}, {M}, was sentenced to prison at {C} Crown Court on {W} after a jury found him guilty.",
		"The judge said the defendant had shown no remorse for the harm he caused.",
		"Police said {M} people had been arrested in connection with a string of burglaries.",
		"The appeals court ruled that the landlord had failed to carry out necessary repairs.",
		"Prosecutors said the gang had stolen goods worth {M} thousand euros over two years.",
		"{P}, a lawyer for the family, said they were relieved by the verdict.",
		"Detectives appealed for witnesses who were near the station on the evening of {O} {M}.",
		"The company was fined after investigators found it had ignored safety warnings.",
	}},
	{"culture", []string{
		"{N} wins top prize at {C} film festival",
		"Museum reopens after {M}-year renovation",
		"Review: a quiet, moving debut novel",
	}, []string{
		"The film, about a family of fishermen in {K}, won the jury's main prize on {W}.",
		"{N} thanked the cast and crew and dedicated the award to her late mother.",
		"The museum in {C} reopened to the public after a renovation costing {M} million euros.",
		"The exhibition brings together more than {M}0 paintings from collections across Europe.",
		"{P}'s debut novel follows three sisters who return to their childhood home.",
		"Tickets for the concert sold out within minutes, the organisers said.",
		"The orchestra will tour {K} and {C} in {O}.",
		"Critics praised the production's staging but found the second act too long.",
		"The singer has millions of followers and is one of the most influential voices of her generation.",
	}},
	{"travel", []string{
		"Airline adds flights from {C} for the summer",
		"Rail strike disrupts travel across {K}",
		"The best walks on the {C} coast",
	}, []string{
		"The airline will run {M} weekly flights between {C} and the islands from {O}.",
		"Passengers faced delays and cancellations as rail workers walked out over pay.",
		"The coastal path offers views of cliffs and beaches and takes about {M} hours to walk.",
		"Tourism officials in {K} expect a record number of visitors this year.",
		"{N}, who runs a guesthouse in {C}, said bookings were already up on last year.",
		"Travellers are advised to check with their operator before setting out.",
		"The new bridge will cut the journey time to the airport by {M} minutes.",
	}},
	{"local", []string{
		"Council approves plan for {M}00 new homes in {C}",
		"{C} residents vote in council by-election",
		"New school to open in {C} in {Y}",
	}, []string{
		"The city council voted {M} to 4 to approve the housing plan after a long debate.",
		"{N} was elected to the council in a by-election on {W}, with turnout of {M} percent.",
		"Voters in the ward went to the polls after the previous councillor resigned.",
		"The mayor of {C}, {P}, said the new homes would ease pressure on rents.",
		"Residents raised concerns about traffic and the loss of green space.",
		"The candidates campaigned on bin collections, potholes and bus services.",
		"The school will have places for {M}00 pupils and is due to open in {Y}.",
		"Opponents of the plan have until {O} to lodge an appeal.",
		"The local election results were announced at the town hall shortly after midnight.",
	}},
	{"tech", []string{
		"{F} launches new phone with longer battery life",
		"App update brings new privacy settings",
		"{F} recalls laptops over battery fault",
	}, []string{
		"The phone goes on sale in {O} and costs about {M}00 euros.",
		"{F} said the update would give users more control over who sees their posts.",
		"The company recalled {M} thousand laptops after reports of batteries overheating.",
		"{N}, an analyst at {F}, said the launch would help the company win back market share.",
		"Influencers were paid to review the device before its launch, the firm confirmed.",
		"The new chip is {M} percent faster than last year's model, according to the maker.",
		"Users in {K} reported problems logging in on {W} morning, which the firm blamed on a software fault.",
	}},
	{"diplomacy", []string{
		"{K} and {C} sign trade deal",
		"Foreign ministers meet to discuss fishing rights",
		"{K} opens new embassy in {C}",
	}, []string{
		"The foreign ministers of {K} and its neighbour signed an agreement to cut tariffs on farm goods.",
		"Talks on fishing quotas ended without agreement and will resume in {O}.",
		"{N}, the ambassador, said the new embassy reflected growing ties between the two countries.",
		"The president of {K} is due to visit China next week to discuss investment in ports.",
		"Officials said the deal would create {M} thousand jobs over five years.",
		"Iran and its neighbours agreed to cooperate on water management along the shared river.",
		"The prime minister welcomed the agreement as a step towards closer trade.",
	}},
}

// Names the news patterns draw from: invented, or common enough to be no
// one in particular.
var (
	newsFirsts    = []string{"Anna", "Marek", "Sofia", "Jonas", "Elena", "Tobias", "Leila", "Rafael", "Ingrid", "Samuel", "Noor", "Petra", "Daniel", "Hana", "Luca"}
	newsLasts     = []string{"Berglund", "Novak", "Ferreira", "Hartmann", "Costa", "Lindqvist", "Moreau", "Kowalczyk", "Aalto", "Brennan", "Silva", "Okafor", "Ventura", "Holm", "Duarte"}
	newsCities    = []string{"Aldmere", "Port Varin", "Kestrel Bay", "Norholm", "Santa Vela", "Bridgeford", "Lowmoor", "Castelbruno", "Ostrava", "Lisbon", "Glasgow", "Lyon", "Bergen", "Porto", "Leeds"}
	newsCountries = []string{"Portugal", "Norway", "Ireland", "Chile", "Kenya", "Canada", "Spain", "Finland", "Austria", "New Zealand", "Japan", "Brazil", "Russia", "China"}
	newsTeams     = []string{"Aldmere Rovers", "Port Varin United", "Kestrel Bay Athletic", "Norholm City", "Lowmoor Wanderers", "Bridgeford Town"}
	newsFirms     = []string{"Halvorsen Group", "Brightwell Systems", "Marlow & Finch", "Northlake Energy", "Corvina Foods", "Tessaly Motors", "Quarry Lane Capital"}
	newsMonths    = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	newsDays      = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
)

// News generates n articles of everyday news that are not about
// influence operations or election interference: one topic each, a
// headline, a body of 1.5 to 6 KB drawn from the topic's sentences (some
// of which use words interference reporting uses too: a club election, a
// marketing campaign, criminal hackers, Russia in a trade story), and the
// page furniture of a news site. Articles with the same seed and index are
// the same on every run; seeds give disjoint-looking streams.
func News(n int, seed uint64) []article.Article {
	out := make([]article.Article, n)
	for i := range out {
		rnd := rand.New(rand.NewPCG(seed, uint64(i)))
		pick := func(xs []string) string { return xs[rnd.IntN(len(xs))] }
		name := func() string { return pick(newsFirsts) + " " + pick(newsLasts) }
		tp := topics[rnd.IntN(len(topics))]
		year := 2015 + rnd.IntN(11)
		fill := func(s string) string {
			return strings.NewReplacer("{N}", name(), "{P}", name(), "{C}", pick(newsCities), "{K}", pick(newsCountries),
				"{T}", pick(newsTeams), "{F}", pick(newsFirms), "{Y}", strconv.Itoa(year+rnd.IntN(3)),
				"{M}", strconv.Itoa(2+rnd.IntN(60)), "{W}", pick(newsDays), "{O}", pick(newsMonths)).Replace(s)
		}
		title := fill(pick(tp.titles))
		var b strings.Builder
		fmt.Fprintf(&b, "%s\n\nSkip to content\n  • Home\n  • %s\n\n", title, strings.ToUpper(tp.name[:1])+tp.name[1:])
		want := 1500 + rnd.IntN(4500)
		for b.Len() < want {
			for j := range 2 + rnd.IntN(3) {
				if j > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(fill(pick(tp.sentences)))
			}
			b.WriteString("\n\n")
		}
		b.WriteString("Most read:\n  • Ten recipes for the weekend\n  • How to save on energy bills\n\nWe use cookies on our website to give you the best experience.\n")
		month := 1 + rnd.IntN(12)
		out[i] = article.Article{ID: fmt.Sprintf("news%d-%05d", seed, i), Sources: []string{fmt.Sprintf("news/%d/%05d.txt", seed, i)},
			URL:   fmt.Sprintf("https://news.example.org/%s/%d/%02d/%05d", tp.name, year, month, i),
			Title: title, Published: fmt.Sprintf("%d-%02d-%02d", year, month, 1+rnd.IntN(28)), Text: b.String()}
	}
	return out
}

// TextFile renders a as a text file the article reader reads back: header
// lines (url, title, published), a blank line, then the body.
func TextFile(a article.Article) string {
	var b strings.Builder
	if a.URL != "" {
		fmt.Fprintf(&b, "url: %s\n", a.URL)
	}
	fmt.Fprintf(&b, "title: %s\n", a.Title)
	if a.Published != "" {
		fmt.Fprintf(&b, "published: %s\n", a.Published)
	}
	b.WriteString("\n")
	b.WriteString(strings.TrimPrefix(a.Text, a.Title+"\n\n"))
	return b.String()
}
