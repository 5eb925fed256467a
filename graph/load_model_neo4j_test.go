package graph_test

import (
	"slices"
	"testing"

	"github.com/influencegraph/influencegraph/graph"
)

// A claim keeps what decided it: the relation model's version and the
// features that weighed most, or the language model, its prompt and the
// extractor's name.
func TestNeo4jClaimsRecordWhatDecidedThem(t *testing.T) {
	driver, db := testDB(t)
	l := graph.NewLoader(driver, db, graph.LoadOptions{BatchSize: 10, EvidenceCap: 5})
	a := assessment("m1", "https://example.org/model")
	a.Relations[0].RelationModel = "relation-lr-0123456789ab"
	a.Relations[0].Why = []string{"rule:AUTHORISED", "order:ab"}
	a.Relations[1].Extractor, a.Relations[1].Model, a.Relations[1].PromptVersion = "llm", "qwen2.5:14b", "v1"
	load(t, l, a)
	rows := query(t, driver, db, `MATCH (c:Claim {article: $a})
		RETURN c.type AS type, c.target AS target, c.relation_model AS rm, c.why AS why,
		       c.extractor AS x, c.llm_model AS lm, c.prompt_version AS pv
		ORDER BY type, target`, map[string]any{"a": "m1"})
	got := map[string]map[string]any{}
	for _, r := range rows {
		got[r["type"].(string)+" "+r["target"].(string)] = r
	}
	first := got["AUTHORISED "+us2020]
	if first["rm"] != "relation-lr-0123456789ab" {
		t.Errorf("relation_model = %v", first["rm"])
	}
	why, _ := first["why"].([]any)
	if !slices.Equal(why, []any{"rule:AUTHORISED", "order:ab"}) {
		t.Errorf("why = %v", first["why"])
	}
	second := got["AUTHORISED "+biden]
	if second["x"] != "llm" || second["lm"] != "qwen2.5:14b" || second["pv"] != "v1" || second["rm"] != nil {
		t.Errorf("llm claim: %v", second)
	}
}
