package schema

import (
	"fmt"
	"strings"
)

// String prints the model for people: labels with their properties,
// relationship types with their endpoints, then constraints and indexes.
// `influencegraph schema show` prints it.
func (m Model) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "influencegraph graph model, schema version %d\n\nNodes\n", m.Version)
	for _, n := range m.Nodes {
		labels := ":" + n.Label
		for _, l := range n.Labels {
			labels += ":" + l
		}
		fmt.Fprintf(&b, "  (%s)  %s\n", labels, n.Doc)
		for _, p := range n.Properties {
			fmt.Fprintf(&b, "      %-16s %-13s %s\n", p.Name, p.Type, p.Doc)
		}
	}
	b.WriteString("\nRelationships\n")
	for _, r := range m.Rels {
		fmt.Fprintf(&b, "  (:%s)-[:%s]->(:%s)  %s\n", r.From, r.Type, r.To, r.Doc)
		if r.Actor && r.Type != m.Rels[0].Type {
			b.WriteString("      (same properties as " + m.Rels[0].Type + ")\n")
			continue
		}
		for _, p := range r.Properties {
			fmt.Fprintf(&b, "      %-18s %-13s %s\n", p.Name, p.Type, p.Doc)
		}
	}
	b.WriteString("\nConstraints and indexes\n")
	for _, mig := range m.Migrations() {
		for _, s := range mig.DDL {
			if strings.HasPrefix(s, "CREATE ") {
				fmt.Fprintf(&b, "  %s\n", s)
			}
		}
	}
	return b.String()
}

// Mermaid draws the model as a Mermaid flowchart for docs/loading.md: entity
// labels, the actor relationships between them, and the provenance path
// Article -> Claim that backs each actor relationship.
func (m Model) Mermaid() string {
	var b strings.Builder
	b.WriteString("```mermaid\nflowchart LR\n")
	var entities []string
	for _, n := range m.Nodes {
		if n.EntityType != "" {
			entities = append(entities, n.Label)
		}
	}
	fmt.Fprintf(&b, "    subgraph %s[\":%s\"]\n", Entity, Entity)
	for _, l := range entities {
		n, _ := m.Node(l)
		var props []string
		for _, p := range n.Properties {
			props = append(props, p.Name)
		}
		fmt.Fprintf(&b, "        %s[\":%s<br/><small>%s</small>\"]\n", l, l, strings.Join(props, ", "))
	}
	b.WriteString("    end\n")
	for _, r := range m.Rels {
		if r.Type == PartOf {
			fmt.Fprintf(&b, "    %s -- \"%s (derived from country)\" --> %s\n", r.From, r.Type, r.To)
		}
		if r.Actor {
			fmt.Fprintf(&b, "    %s -- \"%s {articles, evidence, first_reported, ...}\" --> %s\n", Entity, r.Type, Entity)
		}
	}
	a, _ := m.Node(Article)
	c, _ := m.Node(Claim)
	fmt.Fprintf(&b, "    %s[\":%s<br/><small>%s</small>\"]\n", Article, Article, propNames(a, 6))
	fmt.Fprintf(&b, "    %s[\":%s<br/><small>%s</small>\"]\n", Claim, Claim, propNames(c, 9))
	fmt.Fprintf(&b, "    %s -- \"%s {count}\" --> %s\n", Article, Mentions, Entity)
	fmt.Fprintf(&b, "    %s -- %s --> %s\n", Article, States, Claim)
	fmt.Fprintf(&b, "    %s -. \"relation = key of the edge it backs\" .-> %s\n", Claim, Entity)
	b.WriteString("```\n")
	return b.String()
}

func propNames(n NodeType, max int) string {
	var names []string
	for i, p := range n.Properties {
		if i == max {
			names = append(names, "...")
			break
		}
		names = append(names, p.Name)
	}
	return strings.Join(names, ", ")
}
