package export

import (
	"context"
	"encoding/csv"
	"fmt"
	"maps"
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
// full` reads: WriteNeoAdmin for a graph already in memory.
func NeoAdmin(s graph.Snapshot, m schema.Model, dir, database string) (Import, error) {
	return WriteNeoAdmin(context.Background(), FromSnapshot(s), m, dir, database)
}

// WriteNeoAdmin writes the graph src streams as the CSV files that
// `neo4j-admin database import full` reads, for the initial bulk load of
// a corpus too large to load through Bolt, into dir (created if needed),
// and returns the import command for database. Each kind of node (one file
// per entity type, articles, claims) and each relationship type gets a
// header file and a data file. Node ids are in the id spaces Entity,
// Article and Claim, as the model's uniqueness constraints are; property
// types come from the model (year:long, aliases:string[]...). Rows are
// written as src yields them, so memory stays flat whatever the graph's
// size. After the import, run `influencegraph schema apply` to create the
// constraints and indexes.
func WriteNeoAdmin(ctx context.Context, src Source, m schema.Model, dir, database string) (Import, error) {
	im := Import{Dir: dir}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return im, fmt.Errorf("create %s: %w", dir, err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return im, err
	}
	multiline := false
	// write writes one header file and one data file, whose rows each
	// calls emit with.
	write := func(kind, name string, header []column, each func(emit func([]string) error) error) error {
		h := kind + "-" + name + ".header.csv"
		d := kind + "-" + name + ".csv"
		hdr := make([]string, len(header))
		for i, c := range header {
			hdr[i] = c.header
		}
		hw, err := createCSV(filepath.Join(dir, h))
		if err != nil {
			return err
		}
		if err := hw.Write(hdr); err != nil {
			hw.f.Close()
			return err
		}
		if err := hw.Close(); err != nil {
			return err
		}
		dw, err := createCSV(filepath.Join(dir, d))
		if err != nil {
			return err
		}
		err = each(func(row []string) error {
			for _, v := range row {
				multiline = multiline || strings.ContainsAny(v, "\r\n")
			}
			return dw.Write(row)
		})
		if err != nil {
			dw.f.Close()
			return err
		}
		if err := dw.Close(); err != nil {
			return err
		}
		im.Files = append(im.Files, h, d)
		im.Args = append(im.Args, fmt.Sprintf("--%s=%s,%s", kind, filepath.Join(abs, h), filepath.Join(abs, d)))
		return nil
	}

	// Nodes, a file per type label.
	groups, err := src.NodeGroups(ctx)
	if err != nil {
		return im, err
	}
	names := map[string]bool{}
	for _, labels := range groups {
		t := typeLabel(labels)
		if t == "" {
			return im, fmt.Errorf("nodes labelled %q have no label of the model", strings.Join(labels, ":"))
		}
		name := t
		if names[name] { // a node with two type labels: a file of its own
			name = strings.Join(slices.DeleteFunc(slices.Clone(labels), func(l string) bool { return l == schema.Entity }), "-")
		}
		names[name] = true
		present, err := src.NodeProperties(ctx, labels)
		if err != nil {
			return im, err
		}
		nt, _ := m.Node(t)
		cols := columns(nt.Properties, present)
		header := []column{{name: schema.PropID, header: schema.PropID + ":ID(" + idSpace(m, t) + ")"}, {header: ":LABEL"}}
		header = append(header, cols...)
		row := make([]string, len(header))
		err = write("nodes", name, header, func(emit func([]string) error) error {
			return src.EachNode(ctx, labels, func(n graph.Node) error {
				row = append(row[:0], cell(n.Properties[schema.PropID]), strings.Join(n.Labels, ArrayDelimiter))
				for _, c := range cols {
					row = append(row, cell(n.Properties[c.name]))
				}
				im.Nodes++
				return emit(row)
			})
		})
		if err != nil {
			return im, err
		}
	}

	// Relationships, one file per type.
	types, err := src.RelTypes(ctx)
	if err != nil {
		return im, err
	}
	for _, t := range types {
		rt, ok := relType(m, t)
		if !ok {
			return im, fmt.Errorf("relationship type %q is not in the model", t)
		}
		present, err := src.RelProperties(ctx, t)
		if err != nil {
			return im, err
		}
		cols := columns(rt.Properties, present)
		header := []column{
			{header: ":START_ID(" + idSpace(m, rt.From) + ")"},
			{header: ":END_ID(" + idSpace(m, rt.To) + ")"},
			{header: ":TYPE"},
		}
		header = append(header, cols...)
		row := make([]string, len(header))
		err = write("relationships", t, header, func(emit func([]string) error) error {
			return src.EachRel(ctx, t, func(e graph.Edge) error {
				row = append(row[:0], e.Start, e.End, e.Type)
				for _, c := range cols {
					row = append(row, cell(e.Properties[c.name]))
				}
				im.Relationships++
				return emit(row)
			})
		})
		if err != nil {
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

// columns lists the property columns of a file: the model's properties
// that some row has (props names them, with a value each) (but the id, which has its own column), then any
// other property found, sorted, typed by its values.
func columns(model []schema.Property, props map[string]any) []column {
	present := maps.Clone(props)
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

// csvFile is a CSV file being written through a buffer.
type csvFile struct {
	f    *os.File
	path string
	*csv.Writer
}

func createCSV(path string) (*csvFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	return &csvFile{f: f, path: path, Writer: csv.NewWriter(f)}, nil
}

// Write writes one row, wrapping an error with the file's name.
func (c *csvFile) Write(row []string) error {
	if err := c.Writer.Write(row); err != nil {
		return fmt.Errorf("write %s: %w", c.path, err)
	}
	return nil
}

// Close flushes the rows and closes the file.
func (c *csvFile) Close() error {
	c.Writer.Flush()
	err := c.Writer.Error()
	if cerr := c.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", c.path, err)
	}
	return nil
}
