package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/influencegraph/influencegraph/config"
	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/queries"
)

// queryOptions are the flags of the query command.
type queryOptions struct {
	list   bool
	cypher bool
	params []string
	format string
	width  int
}

func (o *queryOptions) AddFlags(f *pflag.FlagSet) {
	f.BoolVar(&o.list, "list", false, "list the queries of the library with their parameters")
	f.BoolVar(&o.cypher, "cypher", false, "print the query's Cypher (ready for Neo4j Browser) instead of running it")
	f.StringArrayVarP(&o.params, "param", "p", nil, "set a parameter, `key=value` (repeatable); the others take their defaults")
	f.StringVar(&o.format, "format", "table", "output format: table, json or csv")
	f.IntVar(&o.width, "width", 60, "in a table, cut longer cells to this many characters (0: never)")
}

func newQueryCommand(g *globalOptions) *cobra.Command {
	var opts queryOptions
	cmd := &cobra.Command{
		Use:   "query NAME [--param key=value]...",
		Short: "Run a named query of the analysts' library against Neo4j",
		Long: `Run one of the library's named Cypher queries against Neo4j and print its
result as a table, JSON or CSV. ` + "`query --list`" + ` lists the queries and their
parameters; ` + "`query NAME --cypher`" + ` prints one ready to paste into Neo4j Browser.`,
		Example: `  influencegraph query --list
  influencegraph query election-targeters --param election=election:US-2020-presidential
  influencegraph query proxy-network -p state=state:RU -p depth=2 --format json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if opts.list {
				return cobra.NoArgs(cmd, args)
			}
			if len(args) != 1 {
				return fmt.Errorf("name one query (see influencegraph query --list)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.list {
				return listQueries(g.stdout)
			}
			q, err := queries.Get(args[0])
			if err != nil {
				return err
			}
			if opts.cypher {
				_, err := io.WriteString(g.stdout, q.Cypher)
				return err
			}
			cfg, err := g.loadConfig(cmd)
			if err != nil {
				return err
			}
			return runQuery(cmd.Context(), g, opts, q, cfg.Neo4j)
		},
	}
	opts.AddFlags(cmd.Flags())
	addNeo4jFlags(cmd)
	return cmd
}

// runQuery binds the parameters, checks the format before connecting, runs
// q and prints the result.
func runQuery(ctx context.Context, g *globalOptions, opts queryOptions, q queries.Query, cfg config.Neo4j) error {
	values := map[string]string{}
	for _, kv := range opts.params {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return fmt.Errorf("--param %q: want key=value", kv)
		}
		values[k] = v
	}
	params, err := q.Bind(values)
	if err != nil {
		return err
	}
	var write func(io.Writer, graph.Table) error
	switch opts.format {
	case "table":
		write = func(w io.Writer, t graph.Table) error { return writeQueryTable(w, t, opts.width) }
	case "json":
		write = writeQueryJSON
	case "csv":
		write = writeQueryCSV
	default:
		return fmt.Errorf("--format %q: want table, json or csv", opts.format)
	}
	client, err := graph.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer client.Close(context.WithoutCancel(ctx))
	t, err := client.ReadTable(ctx, q.Cypher, params)
	if err != nil {
		return fmt.Errorf("query %s: %w", q.Name, err)
	}
	if err := write(g.stdout, t); err != nil {
		return err
	}
	if opts.format == "table" {
		rows := "rows"
		if len(t.Rows) == 1 {
			rows = "row"
		}
		fmt.Fprintf(g.stderr, "%d %s\n", len(t.Rows), rows)
	}
	return nil
}

func listQueries(w io.Writer) error {
	all, err := queries.List()
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tPARAMETERS (defaults)\tPURPOSE")
	for _, q := range all {
		var ps []string
		for _, p := range q.Params {
			if p.Required {
				ps = append(ps, p.Name+" (required)")
			} else {
				ps = append(ps, fmt.Sprintf("%s=%v", p.Name, p.Default))
			}
		}
		params := strings.Join(ps, " ")
		if params == "" {
			params = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", q.Name, params, q.Summary)
	}
	return tw.Flush()
}

// queryCell renders one value for a table or CSV: lists joined with "; ",
// nothing for null, maps and graph values as JSON.
func queryCell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = queryCell(e)
		}
		return strings.Join(parts, "; ")
	case map[string]any, graph.Node, graph.Relationship:
		b, err := json.Marshal(x)
		if err != nil {
			return fmt.Sprint(x)
		}
		return string(b)
	default:
		return fmt.Sprint(x)
	}
}

func writeQueryTable(w io.Writer, t graph.Table, width int) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(t.Columns, "\t"))
	for _, r := range t.Rows {
		cells := make([]string, len(r))
		for i, v := range r {
			s := strings.NewReplacer("\t", " ", "\n", " ").Replace(queryCell(v))
			if width > 0 && utf8.RuneCountInString(s) > width {
				s = string([]rune(s)[:width-1]) + "…"
			}
			cells[i] = s
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	return tw.Flush()
}

// writeQueryJSON writes the rows as a JSON array of objects whose keys keep the
// query's column order.
func writeQueryJSON(w io.Writer, t graph.Table) error {
	var b strings.Builder
	b.WriteString("[")
	for i, r := range t.Rows {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  {")
		for j, col := range t.Columns {
			if j > 0 {
				b.WriteString(", ")
			}
			k, _ := json.Marshal(col)
			v, err := json.Marshal(r[j])
			if err != nil {
				return fmt.Errorf("encode column %s: %w", col, err)
			}
			b.Write(k)
			b.WriteString(": ")
			b.Write(v)
		}
		b.WriteString("}")
	}
	if len(t.Rows) > 0 {
		b.WriteString("\n")
	}
	b.WriteString("]\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func writeQueryCSV(w io.Writer, t graph.Table) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Columns); err != nil {
		return err
	}
	for _, r := range t.Rows {
		rec := make([]string, len(r))
		for i, v := range r {
			rec[i] = queryCell(v)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
