package browser

import (
	"regexp"
	"strings"
	"testing"

	"github.com/influencegraph/influencegraph/schema"
)

// rules parses GraSS as Neo4j Browser does, closely enough for the checks:
// selector { name: value; ... }.
func rules(t testing.TB, grass string) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	for _, m := range regexp.MustCompile(`(?s)([^{}]+?)\s*\{([^{}]*(?:"[^"]*"[^{}]*)*)\}`).FindAllStringSubmatch(grass, -1) {
		sel := strings.TrimSpace(m[1])
		props := map[string]string{}
		for _, decl := range strings.Split(m[2], ";") {
			k, v, ok := strings.Cut(decl, ":")
			if ok {
				props[strings.TrimSpace(k)] = strings.TrimSpace(v)
			}
		}
		out[sel] = props
	}
	return out
}

// Every label and relationship type of the model has its own colour and a
// caption, so Neo4j Browser invents none.
func TestStyleCoversTheModel(t *testing.T) {
	if strings.Contains(Style, "/*") || strings.Contains(Style, "'") {
		t.Fatalf("style.grass has a comment or an apostrophe, which Neo4j Browser's GraSS parser misreads")
	}
	r := rules(t, Style)
	m := schema.Default()
	colours := map[string]string{}
	for _, n := range m.Nodes {
		p, ok := r["node."+n.Label]
		if !ok {
			t.Errorf("no style for label %s", n.Label)
			continue
		}
		if p["color"] == "" || p["caption"] == "" {
			t.Errorf("label %s: colour %q caption %q, want both", n.Label, p["color"], p["caption"])
		}
		if other, dup := colours[p["color"]]; dup {
			t.Errorf("labels %s and %s share colour %s", other, n.Label, p["color"])
		}
		colours[p["color"]] = n.Label
		for _, ref := range regexp.MustCompile(`\{([^{}]+)\}`).FindAllStringSubmatch(p["caption"], -1) {
			if !hasProperty(n, ref[1]) {
				t.Errorf("label %s: caption names %q, which it does not have", n.Label, ref[1])
			}
		}
	}
	for _, rel := range m.Rels {
		if p, ok := r["relationship."+rel.Type]; !ok || p["caption"] != `"<type>"` {
			t.Errorf("relationship %s: caption %q, want \"<type>\"", rel.Type, p["caption"])
		}
	}
	if got := r["node.Election"]["caption"]; got != `"{country} {year} {kind}"` {
		t.Errorf("elections are captioned %s, want them to read like US 2020 presidential", got)
	}
}

func hasProperty(n schema.NodeType, name string) bool {
	for _, p := range n.Properties {
		if p.Name == name {
			return true
		}
	}
	return false
}
