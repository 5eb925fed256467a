package schema

import (
	"os"
	"strings"
	"testing"
)

func TestDDLIsIdempotentAndNamedOnce(t *testing.T) {
	m := Default()
	seen := map[string]bool{}
	for _, mig := range m.Migrations() {
		if mig.Description == "" {
			t.Errorf("migration %d has no description", mig.Version)
		}
		for _, s := range mig.DDL {
			if strings.HasPrefix(s, "DROP ") {
				if !strings.HasSuffix(s, " IF EXISTS") {
					t.Errorf("DDL %q is not idempotent", s)
				}
				continue
			}
			if !strings.Contains(s, "IF NOT EXISTS") {
				t.Errorf("DDL %q is not idempotent", s)
			}
			name := strings.Fields(s)[2]
			if seen[name] {
				t.Errorf("schema object %q defined twice", name)
			}
			seen[name] = true
		}
	}
	if got, want := len(seen), len(m.Constraints)+len(m.Indexes); got != want {
		t.Errorf("migrations create %d objects, model has %d", got, want)
	}
}

func TestDroppedConstraintsAreGoneFromTheModel(t *testing.T) {
	m := Default()
	for _, d := range m.Drops {
		if d.Version < 2 || d.Version > m.Version {
			t.Errorf("drop of %s in version %d, model at %d", d.Name, d.Version, m.Version)
		}
		for _, c := range m.Constraints {
			if c.Name == d.Name {
				t.Errorf("constraint %s is both in the model and dropped", d.Name)
			}
		}
		if !strings.Contains(strings.Join(m.Migrations()[d.Version-1].DDL, "\n"), d.DDL()) {
			t.Errorf("migration %d does not drop %s", d.Version, d.Name)
		}
		if strings.Contains(m.String(), " "+d.Name+" ") {
			t.Errorf("schema show still lists %s", d.Name)
		}
	}
}

func TestConstraintsAndIndexesNameKnownLabels(t *testing.T) {
	m := Default()
	labels := map[string]bool{Entity: true}
	for _, n := range m.Nodes {
		labels[n.Label] = true
	}
	rels := map[string]bool{}
	for _, r := range m.Rels {
		rels[r.Type] = true
	}
	for _, c := range m.Constraints {
		if !labels[c.Label] {
			t.Errorf("constraint %s on unknown label %q", c.Name, c.Label)
		}
	}
	for _, ix := range m.Indexes {
		if ix.Rel && !rels[ix.Label] || !ix.Rel && !labels[ix.Label] {
			t.Errorf("index %s on unknown label or type %q", ix.Name, ix.Label)
		}
	}
}

func TestPending(t *testing.T) {
	m := Default()
	tests := []struct {
		from int
		want int
	}{{0, Version}, {Version, 0}, {Version + 3, 0}}
	for _, tt := range tests {
		if got := len(m.Pending(tt.from)); got != tt.want {
			t.Errorf("Pending(%d) = %d migrations, want %d", tt.from, got, tt.want)
		}
	}
}

func TestEntityLabelAndActorType(t *testing.T) {
	tests := []struct {
		in     string
		entity bool
		actor  bool
	}{
		{"State", true, false},
		{"Election", true, false},
		{"Article", false, false},
		{"State) DETACH DELETE (n", false, false},
		{"AUTHORISED", false, true},
		{"MENTIONS", false, false},
		{"authorised", false, false},
	}
	for _, tt := range tests {
		if _, ok := EntityLabel(tt.in); ok != tt.entity {
			t.Errorf("EntityLabel(%q) ok = %v, want %v", tt.in, ok, tt.entity)
		}
		if _, ok := ActorType(tt.in); ok != tt.actor {
			t.Errorf("ActorType(%q) ok = %v, want %v", tt.in, ok, tt.actor)
		}
	}
}

func TestRelationKeyDistinguishesNegation(t *testing.T) {
	a := RelationKey("state:RU", Targeted, "election:US-2020-presidential", false)
	b := RelationKey("state:RU", Targeted, "election:US-2020-presidential", true)
	if a == b {
		t.Fatalf("negated and asserted relations share key %q", a)
	}
}

func TestPrintedModelNamesEverything(t *testing.T) {
	m := Default()
	out, mer := m.String(), m.Mermaid()
	for _, want := range []string{State, Agency, Organisation, Person, Election, Article, Claim, Authorised, Targeted, Amplified, Mentions, States, "evidence_articles"} {
		if !strings.Contains(out, want) {
			t.Errorf("String() lacks %q", want)
		}
		if want != "evidence_articles" && !strings.Contains(mer, want) {
			t.Errorf("Mermaid() lacks %q", want)
		}
	}
	if !strings.HasPrefix(mer, "```mermaid\nflowchart") {
		t.Errorf("Mermaid() does not open a mermaid block: %q", mer[:20])
	}
}

// TestReadmePictureIsCurrent keeps the model picture of docs/loading.md
// (section "The model") derived from the model: regenerate it with
// `influencegraph schema show --format mermaid`.
func TestReadmePictureIsCurrent(t *testing.T) {
	b, err := os.ReadFile("../docs/loading.md")
	if err != nil {
		t.Skipf("no docs/loading.md: %v", err)
	}
	if !strings.Contains(string(b), Default().Mermaid()) {
		t.Errorf("docs/loading.md lacks the current model picture; paste the output of `influencegraph schema show --format mermaid` into \"The model\"")
	}
}
