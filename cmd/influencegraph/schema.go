package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/influencegraph/influencegraph/config"
	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/schema"
)

// schemaShowOptions are the flags of schema show.
type schemaShowOptions struct {
	format string
}

func (o *schemaShowOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVar(&o.format, "format", "text", "text (labels, properties, relationships), cypher (the DDL) or mermaid (the README picture)")
}

func newSchemaCommand(g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "Show the graph model or apply it to Neo4j",
		Long: `The graph model: node labels, relationship types, properties, constraints and
indexes, with a schema version recorded in the database. "schema apply" creates
what is missing (IF NOT EXISTS) and migrates an older database forward; load
does the same by itself when needed.`,
	}
	var show schemaShowOptions
	showCmd := &cobra.Command{
		Use:   "show",
		Short: "Print the graph model",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSchemaShow(g.stdout, show)
		},
	}
	show.AddFlags(showCmd.Flags())
	applyCmd := &cobra.Command{
		Use:   "apply",
		Short: "Create the constraints and indexes and migrate the database to this version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := g.loadConfig(cmd)
			if err != nil {
				return err
			}
			return runSchemaApply(cmd.Context(), g, cfg.Neo4j)
		},
	}
	addNeo4jFlags(applyCmd)
	cmd.AddCommand(showCmd, applyCmd)
	return cmd
}

func runSchemaShow(w io.Writer, opts schemaShowOptions) error {
	m := schema.Default()
	var out string
	switch opts.format {
	case "text":
		out = m.String()
	case "mermaid":
		out = m.Mermaid()
	case "cypher":
		var b strings.Builder
		for _, mig := range m.Migrations() {
			fmt.Fprintf(&b, "// version %d: %s\n", mig.Version, mig.Description)
			for _, s := range append(mig.DDL, mig.Data...) {
				b.WriteString(s + ";\n")
			}
		}
		out = b.String()
	default:
		return fmt.Errorf("unknown --format %q (want text, cypher or mermaid)", opts.format)
	}
	_, err := io.WriteString(w, out)
	return err
}

func runSchemaApply(ctx context.Context, g *globalOptions, cfg config.Neo4j) error {
	client, err := graph.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer client.Close(context.WithoutCancel(ctx))
	st, err := graph.ApplySchema(ctx, client.Driver(), client.Database(), schema.Default())
	if err != nil {
		return err
	}
	if len(st.Applied) == 0 {
		_, err = fmt.Fprintf(g.stdout, "schema: database %q already at version %d; nothing to do\n", client.Database(), st.Version)
		return err
	}
	_, err = fmt.Fprintf(g.stdout, "schema: database %q migrated to version %d (applied %v)\n", client.Database(), st.Version, st.Applied)
	return err
}
