package export

import (
	"context"
	"slices"
	"strings"

	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/schema"
)

// Source is a graph read group by group: the node groups (one per set of
// labels) and the relationship types, each streamed element by element in
// a stable order. The writers of this package hold one element at a time
// (and the property names of one group), so their memory does not grow
// with the graph when the source's does not. *graph.Client is the
// streaming source (the database, read through ordered cursors);
// FromSnapshot adapts a graph already in memory.
type Source interface {
	// NodeGroups returns the label sets of the nodes, each sorted, in the
	// order of a graph.Snapshot.
	NodeGroups(ctx context.Context) ([][]string, error)
	// NodeProperties names the properties the nodes of a group carry,
	// each with one of its values.
	NodeProperties(ctx context.Context, labels []string) (map[string]any, error)
	// EachNode calls fn with every node of a group, by id.
	EachNode(ctx context.Context, labels []string, fn func(graph.Node) error) error
	// RelTypes returns the relationship types, sorted.
	RelTypes(ctx context.Context) ([]string, error)
	// RelProperties names the properties the relationships of a type
	// carry, each with one of its values.
	RelProperties(ctx context.Context, typ string) (map[string]any, error)
	// EachRel calls fn with every relationship of a type, by start id, end
	// id and key.
	EachRel(ctx context.Context, typ string, fn func(graph.Edge) error) error
}

var _ Source = (*graph.Client)(nil)

// FromSnapshot is the Source of a graph held in memory (what `export
// --from` builds from extract's output). The snapshot's nodes and edges
// are expected in Snapshot order, as graph.SnapshotOf and Client.Snapshot
// give them.
func FromSnapshot(s graph.Snapshot) Source { return snapshotSource{s} }

type snapshotSource struct{ s graph.Snapshot }

func (src snapshotSource) NodeGroups(context.Context) ([][]string, error) {
	var out [][]string
	for _, n := range src.s.Nodes {
		if !slices.ContainsFunc(out, func(l []string) bool { return slices.Equal(l, n.Labels) }) {
			out = append(out, n.Labels)
		}
	}
	slices.SortStableFunc(out, func(a, b []string) int { return strings.Compare(strings.Join(a, ":"), strings.Join(b, ":")) })
	return out, nil
}

func (src snapshotSource) NodeProperties(_ context.Context, labels []string) (map[string]any, error) {
	out := map[string]any{}
	for _, n := range src.s.Nodes {
		if slices.Equal(n.Labels, labels) {
			for k, v := range n.Properties {
				if v != nil {
					out[k] = v
				}
			}
		}
	}
	return out, nil
}

func (src snapshotSource) EachNode(_ context.Context, labels []string, fn func(graph.Node) error) error {
	for _, n := range src.s.Nodes {
		if slices.Equal(n.Labels, labels) {
			if err := fn(n); err != nil {
				return err
			}
		}
	}
	return nil
}

func (src snapshotSource) RelTypes(context.Context) ([]string, error) {
	var out []string
	for _, e := range src.s.Edges {
		if !slices.Contains(out, e.Type) {
			out = append(out, e.Type)
		}
	}
	slices.Sort(out)
	return out, nil
}

func (src snapshotSource) RelProperties(_ context.Context, typ string) (map[string]any, error) {
	out := map[string]any{}
	for _, e := range src.s.Edges {
		if e.Type == typ {
			for k, v := range e.Properties {
				if v != nil {
					out[k] = v
				}
			}
		}
	}
	return out, nil
}

func (src snapshotSource) EachRel(_ context.Context, typ string, fn func(graph.Edge) error) error {
	for _, e := range src.s.Edges {
		if e.Type == typ {
			if err := fn(e); err != nil {
				return err
			}
		}
	}
	return nil
}

// Actors keeps, of src, the entities and the actor relationships between
// them (AUTHORISED, TARGETED, AMPLIFIED): the graph an analyst lays out in
// Gephi, streamed as src is.
func Actors(src Source) Source { return actorSource{src} }

type actorSource struct{ Source }

func (a actorSource) NodeGroups(ctx context.Context) ([][]string, error) {
	groups, err := a.Source.NodeGroups(ctx)
	return slices.DeleteFunc(groups, func(l []string) bool { return !slices.Contains(l, schema.Entity) }), err
}

func (a actorSource) RelTypes(ctx context.Context) ([]string, error) {
	types, err := a.Source.RelTypes(ctx)
	actor := schema.ActorTypes()
	return slices.DeleteFunc(types, func(t string) bool { return !slices.Contains(actor, t) }), err
}
