package browser

import (
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/influencegraph/influencegraph/schema"
)

// Every label and relationship type of the model has its own colour and a
// caption, so Neo4j Browser invents none.
func TestStyleCoversTheModel(t *testing.T) {
	if strings.Contains(Style, "/*") || strings.Contains(Style, "'") {
		t.Fatalf("style.grass has a comment or an apostrophe, which Neo4j Browser's GraSS parser misreads")
	}
	r := Rules(Style)
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
		// an actor relationship says whether an article states it or the
		// extractor inferred it: "TARGETED inferred". Browser replaces
		// "<type>" only when it is the whole caption, so these name the
		// type themselves.
		want := "<type>"
		if rel.Actor {
			want = rel.Type + " {basis}"
		}
		if p, ok := r["relationship."+rel.Type]; !ok || p["caption"] != want {
			t.Errorf("relationship %s: caption %q, want %q", rel.Type, p["caption"], want)
		}
		for _, ref := range regexp.MustCompile(`\{([^{}]+)\}`).FindAllStringSubmatch(r["relationship."+rel.Type]["caption"], -1) {
			if !slices.ContainsFunc(rel.Properties, func(p schema.Property) bool { return p.Name == ref[1] }) {
				t.Errorf("relationship %s: caption names %q, which it does not have", rel.Type, ref[1])
			}
		}
	}
	if got := r["node.Election"]["caption"]; got != "{country} {year} {kind}" {
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

func TestRules(t *testing.T) {
	got := Rules("node {\n  color: #A5ABB6;\n  caption: \"{name}\";\n}\nnode.Election { caption: \"{country}; {year}\"; }\nrelationship.X{caption:'<type>'}")
	want := map[string]map[string]string{
		"node":           {"color": "#A5ABB6", "caption": "{name}"},
		"node.Election":  {"caption": "{country}; {year}"},
		"relationship.X": {"caption": "<type>"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Rules = %v, want %v", got, want)
	}
}

// An entity's colour is never near an actor relationship's, so an Agency
// node does not read as a TARGETED arrow (they were two oranges).
func TestStyleEntityColoursDifferFromActorRelations(t *testing.T) {
	r := Rules(Style)
	rgb := func(hex string) [3]float64 {
		var c [3]float64
		for i := range c {
			v, err := strconv.ParseUint(strings.TrimPrefix(hex, "#")[2*i:2*i+2], 16, 8)
			if err != nil {
				t.Fatalf("colour %q: %v", hex, err)
			}
			c[i] = float64(v)
		}
		return c
	}
	for _, label := range schema.EntityLabels() {
		for _, rel := range schema.ActorTypes() {
			a, b := rgb(r["node."+label]["color"]), rgb(r["relationship."+rel]["color"])
			if d := math.Sqrt((a[0]-b[0])*(a[0]-b[0]) + (a[1]-b[1])*(a[1]-b[1]) + (a[2]-b[2])*(a[2]-b[2])); d < 60 {
				t.Errorf("%s (%s) and %s (%s) are %.0f apart in RGB, want 60 or more", label, r["node."+label]["color"], rel, r["relationship."+rel]["color"], d)
			}
		}
	}
}
