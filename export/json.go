package export

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/schema"
)

// JSON writes s as one JSON object, one node or relationship a line:
//
//	{"nodes": [
//	{"id": "state:RU", "labels": ["Entity", "State"], "properties": {...}},
//	...],
//	"relationships": [
//	{"type": "TARGETED", "start": "state:RU", "end": "election:US-2020-presidential", "properties": {...}},
//	...]}
//
// start and end are the id properties of the nodes at each end.
func JSON(w io.Writer, s graph.Snapshot) error {
	bw := bufio.NewWriter(w)
	type node struct {
		ID         any            `json:"id"`
		Labels     []string       `json:"labels"`
		Properties map[string]any `json:"properties"`
	}
	bw.WriteString(`{"nodes": [`)
	for i, n := range s.Nodes {
		b, err := json.Marshal(node{ID: n.Properties[schema.PropID], Labels: n.Labels, Properties: n.Properties})
		if err != nil {
			return fmt.Errorf("encode node %v: %w", n.Properties[schema.PropID], err)
		}
		if i > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n")
		bw.Write(b)
	}
	bw.WriteString("],\n\"relationships\": [")
	for i, e := range s.Edges {
		b, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("encode relationship %s %s->%s: %w", e.Type, e.Start, e.End, err)
		}
		if i > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n")
		bw.Write(b)
	}
	bw.WriteString("]}\n")
	return bw.Flush()
}

// ActorsOnly keeps the entities and the actor relationships between them
// (AUTHORISED, TARGETED, AMPLIFIED) and drops articles, claims and
// mentions: the graph an analyst lays out in Gephi. Provenance stays on
// the relationships.
func ActorsOnly(s graph.Snapshot) graph.Snapshot {
	var out graph.Snapshot
	for _, n := range s.Nodes {
		if slices.Contains(n.Labels, schema.Entity) {
			out.Nodes = append(out.Nodes, n)
		}
	}
	actor := schema.ActorTypes()
	for _, e := range s.Edges {
		if slices.Contains(actor, e.Type) {
			out.Edges = append(out.Edges, e)
		}
	}
	return out
}
