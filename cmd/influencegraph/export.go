package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/influencegraph/influencegraph/config"
	"github.com/influencegraph/influencegraph/export"
	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/schema"
)

// exportOptions are the flags of the export command.
type exportOptions struct {
	format     string
	out        string
	from       string
	actorsOnly bool
}

func (o *exportOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVar(&o.format, "format", "", "neo4j-admin (CSV files and the import command), graphml or json")
	f.StringVarP(&o.out, "out", "o", "-", "the folder for neo4j-admin's files, or the `FILE` for graphml and json (- is standard output)")
	f.StringVar(&o.from, "from", "", "export the JSON Lines that influencegraph extract wrote to `FILE` (- is standard input) instead of the database")
	f.BoolVar(&o.actorsOnly, "actors-only", false, "only the entities and the AUTHORISED, TARGETED and AMPLIFIED relationships between them")
}

func newExportCommand(g *globalOptions) *cobra.Command {
	var opts exportOptions
	cmd := &cobra.Command{
		Use:   "export --format neo4j-admin|graphml|json [--out DIR|FILE] [--from FILE|-]",
		Short: "Write the graph as neo4j-admin import files, GraphML or JSON",
		Long: `Write the graph, from the Neo4j database or straight from extract's JSON Lines
(--from), as:

  neo4j-admin  CSV files (a header and a data file per label and relationship
               type) for neo4j-admin database import full, the fastest way to
               bulk-load a very large corpus into an empty database; the
               import command is printed
  graphml      one GraphML file, for Gephi and yEd
  json         one JSON file: {"nodes": [...], "relationships": [...]}

Both sources give the same graph: the one loading the input would write.
From the database the graph is streamed, one label or relationship type at a
time through ordered cursors, so memory stays flat whatever its size; --from
builds it in memory first (an actor relationship aggregates the claims of
every article), about 3 KB per relation record.`,
		Example: `  influencegraph extract articles/ > extracted.jsonl
  influencegraph export --from extracted.jsonl --format neo4j-admin --out import/
  influencegraph export --format graphml --actors-only --out graph.graphml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := g.loadConfig(cmd)
			if err != nil {
				return err
			}
			return runExport(cmd.Context(), g, opts, cfg, cmd.InOrStdin())
		},
	}
	opts.AddFlags(cmd.Flags())
	addNeo4jFlags(cmd)
	addConfigFlag(cmd, "load.evidence_cap", "evidence-cap")
	addConfigFlag(cmd, "analyst.identity_file", "identity-file")
	return cmd
}

func runExport(ctx context.Context, g *globalOptions, opts exportOptions, cfg config.Config, stdin io.Reader) error {
	switch opts.format {
	case "neo4j-admin":
		if opts.out == "-" || opts.out == "" {
			return fmt.Errorf("--format neo4j-admin writes several files: name a folder with --out DIR")
		}
	case "graphml", "json":
	case "":
		return fmt.Errorf("say which format with --format neo4j-admin, graphml or json")
	default:
		return fmt.Errorf("--format %q: want neo4j-admin, graphml or json", opts.format)
	}
	src, source, done, err := exportSource(ctx, opts, cfg, stdin)
	if err != nil {
		return err
	}
	defer done()
	if opts.actorsOnly {
		src = export.Actors(src)
	}
	m := schema.Default()
	if opts.format == "neo4j-admin" {
		im, err := export.WriteNeoAdmin(ctx, src, m, opts.out, cfg.Neo4j.Database)
		if err != nil {
			return fmt.Errorf("export neo4j-admin from %s: %w", source, err)
		}
		fmt.Fprintf(g.stdout, `Wrote %d files with %d nodes and %d relationships from %s to %s.
Stop Neo4j, then import them into an empty database (add --overwrite-destination to replace one) with:

%s

Then start Neo4j and run `+"`influencegraph schema apply`"+` to create the constraints and indexes.
`, len(im.Files), im.Nodes, im.Relationships, source, opts.out, im.Command())
		return nil
	}
	w := g.stdout
	var f *os.File
	if opts.out != "-" {
		if f, err = os.Create(opts.out); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		defer f.Close()
		w = f
	}
	counted := &countingSource{Source: src}
	if opts.format == "graphml" {
		err = export.WriteGraphML(ctx, w, counted, m)
	} else {
		err = export.WriteJSON(ctx, w, counted)
	}
	if err != nil {
		return fmt.Errorf("export %s from %s: %w", opts.format, source, err)
	}
	if f != nil {
		if err := f.Close(); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		fmt.Fprintf(g.stderr, "wrote %d nodes and %d relationships from %s to %s\n", counted.nodes, counted.rels, source, opts.out)
	}
	return nil
}

// countingSource counts the elements a writer reads.
type countingSource struct {
	export.Source
	nodes, rels int
}

func (c *countingSource) EachNode(ctx context.Context, labels []string, fn func(graph.Node) error) error {
	return c.Source.EachNode(ctx, labels, func(n graph.Node) error { c.nodes++; return fn(n) })
}

func (c *countingSource) EachRel(ctx context.Context, typ string, fn func(graph.Edge) error) error {
	return c.Source.EachRel(ctx, typ, func(e graph.Edge) error { c.rels++; return fn(e) })
}

// exportSource opens the graph to export and says where it comes from:
// --from's extract output, built in memory (its relationships aggregate
// claims from every article, so the whole graph is needed before the
// first line is written), or else the database, streamed. done releases
// it.
func exportSource(ctx context.Context, opts exportOptions, cfg config.Config, stdin io.Reader) (src export.Source, source string, done func(), err error) {
	if opts.from != "" {
		r, name := stdin, "standard input"
		if opts.from != "-" {
			f, err := os.Open(opts.from)
			if err != nil {
				return nil, "", nil, fmt.Errorf("export: %w", err)
			}
			defer f.Close()
			r, name = f, opts.from
		}
		rules, err := loadIdentity(cfg)
		if err != nil {
			return nil, "", nil, err
		}
		s, err := graph.SnapshotWith(graph.ReadRecords(r, name), cfg.Load.EvidenceCap, rules)
		if err != nil {
			return nil, "", nil, fmt.Errorf("export %s: %w", name, err)
		}
		return export.FromSnapshot(s), name, func() {}, nil
	}
	client, err := graph.Open(ctx, cfg.Neo4j)
	if err != nil {
		return nil, "", nil, err
	}
	return client, "Neo4j " + cfg.Neo4j.URI, func() { client.Close(context.WithoutCancel(ctx)) }, nil
}
