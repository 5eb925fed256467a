package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/pflag"

	"github.com/influencegraph/influencegraph/config"
	"github.com/influencegraph/influencegraph/export"
	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/schema"
)

// bulkOptions are the flags of `load --bulk`.
type bulkOptions struct {
	enabled bool
	admin   string
	home    string
	csvDir  string
	replace bool
}

func (o *bulkOptions) AddFlags(f *pflag.FlagSet) {
	f.BoolVar(&o.enabled, "bulk", false, "first load of a large backlog into a stopped Neo4j: extract, write CSV files and run neo4j-admin database import full")
	f.StringVar(&o.admin, "neo4j-admin", "", "with --bulk: the neo4j-admin `PATH` (default: bin/neo4j-admin of --neo4j-home, else neo4j-admin on PATH)")
	f.StringVar(&o.home, "neo4j-home", "", "with --bulk: the Neo4j installation `DIR` whose database is written (default: NEO4J_HOME)")
	f.StringVar(&o.csvDir, "csv-dir", "", "with --bulk: keep the CSV files in `DIR` (default: a temporary folder, removed afterwards)")
	f.BoolVar(&o.replace, "replace-database", false, "with --bulk: replace the database if it exists, losing what it holds (neo4j-admin --overwrite-destination)")
}

// runBulkLoad is `load --bulk`: the articles are extracted (or extract's
// output read) and built into the graph a load would write, written as
// neo4j-admin CSV files, and imported by neo4j-admin into the configured
// database of a stopped Neo4j. Neo4j must not be answering at the
// configured URI, and the database must not exist unless --replace-database.
func runBulkLoad(ctx context.Context, g *globalOptions, opts loadOptions, args []string, report *loadReport) error {
	g = withLockedStderr(g)
	b := opts.bulk
	switch {
	case opts.dryRun:
		return fmt.Errorf("--bulk writes a new database with neo4j-admin and has no --dry-run: export --format neo4j-admin writes the files without importing them")
	case opts.shard != "":
		return fmt.Errorf("--bulk imports every document into a new database at once: it takes no --shard")
	case opts.cfg.Analyst.ReviewFile != "":
		return fmt.Errorf("--bulk does not apply the review file's rejected claims (%s): load through Bolt without --bulk", opts.cfg.Analyst.ReviewFile)
	}
	if _, err := opts.extractor.validate(); err != nil {
		return err
	}
	if err := checkPaths(args); err != nil {
		return err
	}
	admin, err := export.FindAdmin(b.admin, b.home)
	if err != nil {
		return fmt.Errorf("load --bulk: %w", err)
	}
	database := opts.cfg.Neo4j.Database
	if database == "" {
		database = "neo4j"
	}
	if err := admin.Check(database, b.replace); err != nil {
		return fmt.Errorf("load --bulk: %w", err)
	}
	if err := checkStopped(ctx, opts.cfg.Neo4j); err != nil {
		return err
	}
	dir := b.csvDir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "influencegraph-bulk-")
		if err != nil {
			return fmt.Errorf("load --bulk: %w", err)
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}

	rules, err := loadIdentity(opts.cfg)
	if err != nil {
		return err
	}
	// The graph is built in memory: an actor relationship aggregates the
	// claims of every article, so none can be written before all are read.
	in := &loadInput{g: g, opts: opts}
	s, err := graph.SnapshotWith(in.results(ctx, args), opts.cfg.Load.EvidenceCap, rules)
	mergeSummary(&in.read, in.failed)
	if in.read.Read > 0 || in.read.SkippedTotal() > 0 {
		fmt.Fprintln(g.stderr, formatSummary(in.read))
	}
	in.x.printSummary(g.stderr)
	report.Inputs = inputCountsOf(in.read)
	report.skips = readSkips(in.read)
	if err != nil {
		return fmt.Errorf("load --bulk: %w", err)
	}
	im, err := export.WriteNeoAdmin(ctx, export.FromSnapshot(s), schema.Default(), dir, database)
	if err != nil {
		return fmt.Errorf("load --bulk: write the CSV files: %w", err)
	}
	fmt.Fprintf(g.stderr, "bulk: wrote %d nodes and %d relationships as CSV to %s; running %s\n", im.Nodes, im.Relationships, dir, admin.Command)
	if err := admin.Import(ctx, im, b.replace, g.stderr); err != nil {
		return fmt.Errorf("load --bulk: %w", err)
	}
	fmt.Fprintf(g.stdout, `Imported %d nodes and %d relationships into database %q.
Start Neo4j, then run `+"`influencegraph schema apply`"+` to create the constraints and indexes;
later loads add to the graph as usual.
`, im.Nodes, im.Relationships, database)
	if err == nil && opts.inputs.strict {
		return report.skips.strictError()
	}
	return nil
}

// checkStopped fails when a Neo4j answers at the configured URI:
// neo4j-admin database import needs the database stopped. A server that
// answers but refuses the credentials is running all the same.
func checkStopped(ctx context.Context, cfg config.Neo4j) error {
	client, err := graph.Open(ctx, cfg)
	if err == nil {
		client.Close(context.WithoutCancel(ctx))
	} else if errors.Is(err, graph.ErrNotListening) || errors.Is(err, graph.ErrUnreachable) ||
		errors.Is(err, graph.ErrBadURI) || errors.Is(err, graph.ErrNoPassword) {
		return nil
	}
	return fmt.Errorf("load --bulk: Neo4j is running at %s: stop it first (neo4j-admin database import writes the store files of a stopped server), "+
		"or load through Bolt without --bulk", cfg.URI)
}
