package export

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/schema"
)

// ArrayDelimiter separates the elements of a list property in the
// neo4j-admin CSV files: the ASCII unit separator, which no text we load
// contains (it is removed from values if it ever does), so evidence
// sentences may hold any punctuation. neo4j-admin is told with
// --array-delimiter=U+001F.
const ArrayDelimiter = "\x1f"

// Import describes a set of neo4j-admin CSV files.
type Import struct {
	// Dir holds the files.
	Dir string
	// Files lists the files written, relative to Dir.
	Files []string
	// Args are the arguments of `neo4j-admin` that import the files into
	// the database named when they were written.
	Args          []string
	Nodes         int
	Relationships int
}

// Command returns the neo4j-admin command line, one option per line,
// ready to paste into a shell.
func (im Import) Command() string {
	var b strings.Builder
	b.WriteString("neo4j-admin")
	for i, a := range im.Args {
		if i < 3 {
			b.WriteString(" " + shellQuote(a))
			continue
		}
		b.WriteString(" \\\n  " + shellQuote(a))
	}
	return b.String()
}

func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_=./,:+@") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// NeoAdmin writes s as the CSV files that `neo4j-admin database import
// full` reads, for the initial bulk load of a corpus too large to load
// through Bolt, into dir (created if needed), and returns the import
// command for database. Each kind of node (one file per entity type,
// articles, claims) and each relationship type gets a header file and a
// data file. Node ids are in the id spaces Entity, Article and Claim, as
// the model's uniqueness constraints are; property types come from the
// model (year:long, aliases:string[]...). After the import, run
// `influencegraph schema apply` to create the constraints and indexes.
func NeoAdmin(s graph.Snapshot, m schema.Model, dir, database string) (Import, error) {
	im := Import{Dir: dir, Nodes: len(s.Nodes), Relationships: len(s.Edges)}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return im, fmt.Errorf("create %s: %w", dir, err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return im, err
	}
	multiline := false
	write := func(kind, name string, header []column, rows [][]string) error {
		h := kind + "-" + name + ".header.csv"
		d := kind + "-" + name + ".csv"
		hdr := make([]string, len(header))
		for i, c := range header {
			hdr[i] = c.header
		}
		if err := writeCSV(filepath.Join(dir, h), [][]string{hdr}); err != nil {
			return err
		}
		if err := writeCSV(filepath.Join(dir, d), rows); err != nil {
			return err
		}
		for _, r := range rows {
			for _, v := range r {
				multiline = multiline || strings.ContainsAny(v, "\r\n")
			}
		}
		im.Files = append(im.Files, h, d)
		im.Args = append(im.Args, fmt.Sprintf("--%s=%s,%s", kind, filepath.Join(abs, h), filepath.Join(abs, d)))
		return nil
	}

	// Nodes, grouped by their type label.
	groups := map[string][]graph.Node{}
	var order []string
	for _, n := range s.Nodes {
		t := typeLabel(n.Labels)
		if t == "" {
			return im, fmt.Errorf("node %v has no label of the model", n.Properties[schema.PropID])
		}
		if _, ok := groups[t]; !ok {
			order = append(order, t)
		}
		groups[t] = append(groups[t], n)
	}
	for _, t := range order {
		nt, _ := m.Node(t)
		cols := columns(nt.Properties, propsOf(groups[t]))
		header := []column{{name: schema.PropID, header: schema.PropID + ":ID(" + idSpace(m, t) + ")"}, {header: ":LABEL"}}
		header = append(header, cols...)
		rows := make([][]string, len(groups[t]))
		for i, n := range groups[t] {
			row := []string{cell(n.Properties[schema.PropID]), strings.Join(n.Labels, ArrayDelimiter)}
			for _, c := range cols {
				row = append(row, cell(n.Properties[c.name]))
			}
			rows[i] = row
		}
		if err := write("nodes", t, header, rows); err != nil {
			return im, err
		}
	}

	// Relationships, one file per type.
	byType := map[string][]graph.Edge{}
	var types []string
	for _, e := range s.Edges {
		if _, ok := byType[e.Type]; !ok {
			types = append(types, e.Type)
		}
		byType[e.Type] = append(byType[e.Type], e)
	}
	slices.Sort(types)
	for _, t := range types {
		rt, ok := relType(m, t)
		if !ok {
			return im, fmt.Errorf("relationship type %q is not in the model", t)
		}
		props := make([]map[string]any, len(byType[t]))
		for i, e := range byType[t] {
			props[i] = e.Properties
		}
		cols := columns(rt.Properties, props)
		header := []column{
			{header: ":START_ID(" + idSpace(m, rt.From) + ")"},
			{header: ":END_ID(" + idSpace(m, rt.To) + ")"},
			{header: ":TYPE"},
		}
		header = append(header, cols...)
		rows := make([][]string, len(byType[t]))
		for i, e := range byType[t] {
			row := []string{e.Start, e.End, e.Type}
			for _, c := range cols {
				row = append(row, cell(e.Properties[c.name]))
			}
			rows[i] = row
		}
		if err := write("relationships", t, header, rows); err != nil {
			return im, err
		}
	}
	im.Args = append([]string{"database", "import", "full"}, im.Args...)
	im.Args = append(im.Args, "--array-delimiter=U+001F")
	if multiline {
		im.Args = append(im.Args, "--multiline-fields=true")
	}
	im.Args = append(im.Args, database)
	return im, nil
}

// typeLabel is the label that says what kind of node it is: the one other
// than Entity.
func typeLabel(labels []string) string {
	for _, l := range labels {
		if l != schema.Entity {
			return l
		}
	}
	return ""
}

// idSpace is the neo4j-admin id space of a label: Entity for every entity
// type (entity ids are unique across types), else the label itself.
func idSpace(m schema.Model, label string) string {
	if nt, ok := m.Node(label); ok && slices.Contains(nt.Labels, schema.Entity) {
		return schema.Entity
	}
	return label
}

func relType(m schema.Model, t string) (schema.RelType, bool) {
	for _, r := range m.Rels {
		if r.Type == t {
			return r, true
		}
	}
	return schema.RelType{}, false
}

type column struct {
	name   string
	header string
}

func propsOf(nodes []graph.Node) []map[string]any {
	out := make([]map[string]any, len(nodes))
	for i, n := range nodes {
		out[i] = n.Properties
	}
	return out
}

// columns lists the property columns of a file: the model's properties
// that some row has (but the id, which has its own column), then any
// other property found, sorted, typed by its values.
func columns(model []schema.Property, rows []map[string]any) []column {
	present := map[string]any{}
	for _, r := range rows {
		for k, v := range r {
			if v != nil {
				present[k] = v
			}
		}
	}
	var cols []column
	for _, p := range model {
		if p.Name == schema.PropID {
			continue
		}
		if _, ok := present[p.Name]; ok {
			cols = append(cols, column{name: p.Name, header: p.Name + adminType(p.Type)})
			delete(present, p.Name)
		}
	}
	delete(present, schema.PropID)
	var extra []string
	for k := range present {
		extra = append(extra, k)
	}
	slices.Sort(extra)
	for _, k := range extra {
		cols = append(cols, column{name: k, header: k + adminType(cypherType(present[k]))})
	}
	return cols
}

// adminType is the neo4j-admin header suffix for a Cypher type.
func adminType(cypher string) string {
	switch cypher {
	case "LIST<STRING>":
		return ":string[]"
	case "INTEGER":
		return ":long"
	case "FLOAT":
		return ":double"
	case "BOOLEAN":
		return ":boolean"
	case "DATETIME":
		return ":datetime"
	default:
		return "" // string
	}
}

func cypherType(v any) string {
	switch v.(type) {
	case int64, int:
		return "INTEGER"
	case float64:
		return "FLOAT"
	case bool:
		return "BOOLEAN"
	case []string, []any:
		return "LIST<STRING>"
	default:
		return "STRING"
	}
}

// cell renders a value for neo4j-admin: lists joined with ArrayDelimiter,
// nothing for null (the property is then absent).
func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return strings.ReplaceAll(x, ArrayDelimiter, " ")
	case []string:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = cell(e)
		}
		return strings.Join(parts, ArrayDelimiter)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = cell(e)
		}
		return strings.Join(parts, ArrayDelimiter)
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return ""
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	default:
		return fmt.Sprint(x)
	}
}

func writeCSV(path string, rows [][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	w := csv.NewWriter(f)
	if err := w.WriteAll(rows); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
