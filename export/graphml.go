package export

import (
	"bufio"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/schema"
)

// GraphML writes s as GraphML, which Gephi and yEd open. Every node has
// the attributes labels (":Entity:State", as Neo4j's own GraphML export
// writes them), label (its name, an article's title or a claim's
// sentence: what the tools show) and its properties; every edge its type
// (also as label) and properties. Lists are written as JSON arrays, since
// GraphML has no list type. Node ids are entity ids as they are
// ("state:RU") and "article:ID" or "claim:ID" for the others.
func GraphML(w io.Writer, s graph.Snapshot, m schema.Model) error {
	return WriteGraphML(context.Background(), w, FromSnapshot(s), m)
}

// WriteGraphML writes the graph src streams as GraphML (see GraphML),
// element by element: the attribute keys come first, from the property
// names src reports for each group, then the nodes and the edges as src
// yields them, so memory stays flat whatever the graph's size.
func WriteGraphML(ctx context.Context, w io.Writer, src Source, m schema.Model) error {
	groups, err := src.NodeGroups(ctx)
	if err != nil {
		return err
	}
	types, err := src.RelTypes(ctx)
	if err != nil {
		return err
	}
	nodeProps, edgeProps := map[string]any{}, map[string]any{}
	for _, labels := range groups {
		props, err := src.NodeProperties(ctx, labels)
		if err != nil {
			return err
		}
		maps.Copy(nodeProps, props)
	}
	for _, t := range types {
		props, err := src.RelProperties(ctx, t)
		if err != nil {
			return err
		}
		maps.Copy(edgeProps, props)
	}
	nodeKeys := keys(m, "node", nodeProps)
	edgeKeys := keys(m, "edge", edgeProps)
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, `<?xml version="1.0" encoding="UTF-8"?>`)
	fmt.Fprintln(bw, `<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">`)
	for _, k := range append(nodeKeys, edgeKeys...) {
		fmt.Fprintf(bw, "  <key id=%q for=%q attr.name=%s attr.type=%q/>\n", k.id, k.kind, attr(k.name), k.typ)
	}
	fmt.Fprintln(bw, `  <graph id="influencegraph" edgedefault="directed">`)
	for _, labels := range groups {
		err := src.EachNode(ctx, labels, func(n graph.Node) error {
			id := nodeID(n.Labels, n.Properties[schema.PropID])
			fmt.Fprintf(bw, "    <node id=%s>", attr(id))
			data(bw, nodeKeys, func(name string) any {
				switch name {
				case "labels":
					return ":" + strings.Join(n.Labels, ":")
				case "label":
					return caption(n)
				}
				return n.Properties[name]
			})
			_, err := fmt.Fprintln(bw, "</node>")
			return err
		})
		if err != nil {
			return err
		}
	}
	i := 0
	for _, t := range types {
		rt, _ := relType(m, t)
		err := src.EachRel(ctx, t, func(e graph.Edge) error {
			fmt.Fprintf(bw, "    <edge id=\"e%d\" source=%s target=%s>", i,
				attr(nodeID([]string{rt.From}, e.Start)), attr(nodeID([]string{rt.To}, e.End)))
			i++
			data(bw, edgeKeys, func(name string) any {
				if name == "type" || name == "label" {
					return e.Type
				}
				return e.Properties[name]
			})
			_, err := fmt.Fprintln(bw, "</edge>")
			return err
		})
		if err != nil {
			return err
		}
	}
	fmt.Fprintln(bw, "  </graph>")
	fmt.Fprintln(bw, "</graphml>")
	return bw.Flush()
}

// nodeID is a node's GraphML id: unique across the whole file.
func nodeID(labels []string, id any) string {
	s := fmt.Sprint(id)
	switch {
	case slices.Contains(labels, schema.Article):
		return "article:" + s
	case slices.Contains(labels, schema.Claim):
		return "claim:" + s
	}
	return s
}

// caption is what a graph tool shows on a node.
func caption(n graph.Node) any {
	for _, k := range []string{schema.PropName, "title", "sentence", schema.PropID} {
		if v, ok := n.Properties[k]; ok && v != nil {
			return v
		}
	}
	return nil
}

type key struct {
	id, kind, name, typ string
}

// keys declares the attributes of one kind of element: the fixed ones,
// then every property found, typed by the model.
func keys(m schema.Model, kind string, props map[string]any) []key {
	var out []key
	fixed := []string{"labels", "label"}
	if kind == "edge" {
		fixed = []string{"type", "label"}
	}
	for _, f := range fixed {
		out = append(out, key{name: f, typ: "string"})
		delete(props, f)
	}
	names := make([]string, 0, len(props))
	for k := range props {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		out = append(out, key{name: k, typ: graphmlType(modelType(m, k, props[k]))})
	}
	// d for data; distinct from the edge ids e0, e1...
	prefix := "dn"
	if kind == "edge" {
		prefix = "de"
	}
	for i := range out {
		out[i].id = fmt.Sprintf("%s%d", prefix, i)
		out[i].kind = kind
	}
	return out
}

// modelType is the Cypher type of a property: from the model when it
// declares the name, else from the value.
func modelType(m schema.Model, name string, v any) string {
	for _, n := range m.Nodes {
		for _, p := range n.Properties {
			if p.Name == name {
				return p.Type
			}
		}
	}
	for _, r := range m.Rels {
		for _, p := range r.Properties {
			if p.Name == name {
				return p.Type
			}
		}
	}
	return cypherType(v)
}

func graphmlType(cypher string) string {
	switch cypher {
	case "INTEGER":
		return "long"
	case "FLOAT":
		return "double"
	case "BOOLEAN":
		return "boolean"
	default:
		return "string"
	}
}

func data(w *bufio.Writer, ks []key, get func(string) any) {
	for _, k := range ks {
		v := get(k.name)
		if v == nil {
			continue
		}
		var text string
		switch x := v.(type) {
		case []string, []any:
			b, _ := json.Marshal(x)
			text = string(b)
		default:
			text = fmt.Sprint(x)
		}
		fmt.Fprintf(w, "<data key=%q>", k.id)
		xml.EscapeText(w, []byte(text))
		w.WriteString("</data>")
	}
}

// attr quotes s as an XML attribute value.
func attr(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	xml.EscapeText(&b, []byte(s))
	b.WriteByte('"')
	return b.String()
}
