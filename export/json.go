package export

import (
	"bufio"
	"context"
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
	return WriteJSON(context.Background(), w, FromSnapshot(s))
}

// WriteJSON writes the graph src streams as JSON (see JSON), one element
// at a time, so memory stays flat whatever the graph's size.
func WriteJSON(ctx context.Context, w io.Writer, src Source) error {
	groups, err := src.NodeGroups(ctx)
	if err != nil {
		return err
	}
	types, err := src.RelTypes(ctx)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	type node struct {
		ID         any            `json:"id"`
		Labels     []string       `json:"labels"`
		Properties map[string]any `json:"properties"`
	}
	first := true
	// line writes one element, after a comma unless it is the first.
	line := func(v any, what func() string) error {
		b, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("encode %s: %w", what(), err)
		}
		if !first {
			bw.WriteString(",")
		}
		first = false
		bw.WriteString("\n")
		_, err = bw.Write(b)
		return err
	}
	bw.WriteString(`{"nodes": [`)
	for _, labels := range groups {
		err := src.EachNode(ctx, labels, func(n graph.Node) error {
			id := n.Properties[schema.PropID]
			return line(node{ID: id, Labels: n.Labels, Properties: n.Properties}, func() string { return fmt.Sprintf("node %v", id) })
		})
		if err != nil {
			return err
		}
	}
	bw.WriteString("],\n\"relationships\": [")
	first = true
	for _, t := range types {
		err := src.EachRel(ctx, t, func(e graph.Edge) error {
			return line(e, func() string { return fmt.Sprintf("relationship %s %s->%s", e.Type, e.Start, e.End) })
		})
		if err != nil {
			return err
		}
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
