package queries_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/influencegraph/influencegraph/graph/graphtest"
)

// evidenceFixture is three short articles written for the tests
// (testdata/evidence.jsonl) whose claims say who asserts them, whether
// they are stated or inferred and whether they report an attempt, with
// the text around each sentence: Russia's claims about the 2024 US
// election asserted by the ODNI and the United States, about Moldova's
// referendum by Ukraine and its SBU; Iran's attempt asserted by
// Microsoft; the GRU's inferred ones; and one claim in the form of an
// earlier extract (a clause, no asserter, no basis, no context).
const evidenceFixture = "testdata/evidence.jsonl"

// TestNeo4jEvidenceQueries runs the library on the evidence fixture: the
// stated/inferred filters, the asserter filters, and the quote.
func TestNeo4jEvidenceQueries(t *testing.T) {
	c := graphtest.Ready(t)
	if sum := graphtest.LoadFile(t, c, evidenceFixture); sum.Articles.New != 3 || sum.Relations.Created != 6 {
		t.Fatalf("load %s = %+v, want 3 new articles and 6 relations", evidenceFixture, sum)
	}
	tests := []struct {
		query  string
		params map[string]string
		want   []row
	}{
		{"election-targeters", map[string]string{"election": "election:US-2024-presidential"}, []row{
			// one stated claim (e1) and one inferred (e2): stated
			{"actor": "Russia", "articles": int64(2), "basis": "stated", "attempted": false},
			{"actor": "GRU", "articles": int64(1), "basis": "inferred"},
			{"actor": "Iran", "articles": int64(1), "basis": "stated", "attempted": true, "hedged": false},
		}},
		{"election-targeters", map[string]string{"election": "election:US-2024-presidential", "basis": "stated"}, []row{
			{"actor": "Russia"}, {"actor": "Iran"},
		}},
		{"election-targeters", map[string]string{"election": "election:US-2024-presidential", "basis": "inferred"}, []row{
			{"actor": "GRU"},
		}},
		{"actor-activity", map[string]string{"actor": "agency:ru-gru", "basis": "inferred"}, []row{
			{"target_id": "election:US-2024-presidential", "basis": "inferred"},
			{"target_id": "election:MD-2024-referendum", "basis": "inferred"},
		}},
		{"actor-activity", map[string]string{"actor": "agency:ru-gru", "basis": "stated"}, nil},
		// a claim that does not say counts as stated
		{"amplifiers", map[string]string{"target": "person:kamala-harris", "basis": "stated"}, []row{
			{"amplifier": "Iran", "basis": "stated"},
		}},
		// an attempt is not a hedge
		{"hedged-only", nil, nil},
		{"asserters", nil, []row{
			{"source": "Russia", "target": "2024 Moldovan constitutional referendum", "articles": int64(2),
				"asserters": l("Security Service of Ukraine", "Ukraine"), "asserter_countries": l("UA"), "unattributed": int64(0),
				"asserted_by": l("Security Service of Ukraine", "Ukraine")},
			{"source": "Russia", "target": "2024 United States presidential election", "articles": int64(2),
				"asserters": l("Office of the Director of National Intelligence", "United States"), "asserter_countries": l("US")},
			{"source": "GRU", "target": "2024 Moldovan constitutional referendum", "asserters": l(), "asserter_countries": l(),
				"unattributed": int64(1), "asserted_by": l(), "basis": "inferred"},
			{"source": "GRU", "target": "2024 United States presidential election", "asserter_countries": l("US")},
			// an earlier extract's clause stays the asserter
			{"source": "Iran", "relation": "AMPLIFIED", "target": "Kamala Harris", "unattributed": int64(1),
				"asserted_by": l("A report released on Monday said")},
			{"source": "Iran", "relation": "TARGETED", "asserters": l("Microsoft"), "asserter_countries": l("US")},
		}},
		// asserted only by Russia's rivals given as countries
		{"asserters", map[string]string{"countries": "us"}, []row{
			{"source": "Russia", "target": "2024 United States presidential election"},
			{"source": "GRU", "target": "2024 United States presidential election"},
			{"source": "Iran", "target": "2024 United States presidential election"},
		}},
		{"asserters", map[string]string{"countries": "UA, GB"}, []row{
			{"source": "Russia", "target": "2024 Moldovan constitutional referendum"},
		}},
		// only by one government: Microsoft is no government
		{"asserters", map[string]string{"one_government": "true"}, []row{
			{"source": "Russia", "target": "2024 Moldovan constitutional referendum", "asserter_countries": l("UA")},
			{"source": "Russia", "target": "2024 United States presidential election", "asserter_countries": l("US")},
			{"source": "GRU", "target": "2024 United States presidential election"},
		}},
		{"asserters", map[string]string{"one_government": "true", "basis": "stated", "type": "targeted"}, []row{
			{"source": "Russia", "target": "2024 Moldovan constitutional referendum"},
			{"source": "Russia", "target": "2024 United States presidential election"},
		}},
		{"edge-evidence", map[string]string{"source": "state:RU", "type": "TARGETED", "target": "election:US-2024-presidential"}, []row{
			{"article": "e1", "asserted_by": "Office of the Director of National Intelligence", "asserter_id": "agency:us-odni",
				"cue": "said", "basis": "stated", "attempted": false, "attribution": "The ODNI said"},
			{"article": "e2", "asserted_by": "United States", "asserter_id": "state:US", "cue": "accused", "basis": "inferred"},
		}},
		{"edge-evidence", map[string]string{"source": "agency:ru-gru", "type": "TARGETED", "target": "election:MD-2024-referendum"}, []row{
			{"article": "e3", "asserted_by": nil, "cue": "added", "attribution": "he added"},
		}},
		// show me the sentence: the context around it, the url, and the
		// offsets checked in Cypher (the “quotes” are several bytes each)
		{"quote", map[string]string{"source": "state:RU", "type": "TARGETED", "target": "election:US-2024-presidential"}, []row{
			{"url": "https://example.org/herald/2024/10/odni", "offsets_ok": true, "basis": "stated",
				"before":     "US officials name the states behind attacks on the 2024 vote\n\nOfficials briefed reporters on Tuesday. ",
				"sentence":   "The ODNI said Russia targeted the 2024 election with “fake” videos.",
				"after":      " Iran attempted to hack the 2024 election campaigns, according to Microsoft. The GRU ran a network of fake news sites, the ODNI said.",
				"span_start": int64(102), "span_end": int64(173)},
			{"url": "https://example.org/daily/2024/10/accuses", "offsets_ok": true, "basis": "inferred", "asserter": "United States",
				"sentence": "The United States accused Moscow of a wide campaign. It ran through the 2024 election season."},
		}},
		{"quote", map[string]string{"source": "state:IR", "type": "AMPLIFIED", "target": "person:kamala-harris"}, []row{
			{"url": "https://example.org/wire/2024/11/kyiv", "offsets_ok": nil, "before": nil, "after": nil,
				"sentence": "A report released on Monday said Iran spread claims about Kamala Harris."},
		}},
	}
	ctx := context.Background()
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.query, tt.params), func(t *testing.T) {
			checkQuery(t, ctx, c, tt.query, tt.params, tt.want)
		})
	}
}
