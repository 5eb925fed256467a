package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/influencegraph/influencegraph/config"
	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/extract/article"
	"github.com/influencegraph/influencegraph/extract/cascade"
	"github.com/influencegraph/influencegraph/extract/llm"
	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/schema"
)

// loadOptions are the flags of the load command.
type loadOptions struct {
	dryRun      bool
	summaryJSON string
	shard       string
	quiet       bool
	progress    string
	extractor   extractorOptions

	cfg   config.Config
	stdin io.Reader
}

func (o *loadOptions) AddFlags(f *pflag.FlagSet) {
	f.BoolVar(&o.dryRun, "dry-run", false, "report what would change, write nothing (each batch is run and rolled back)")
	f.StringVar(&o.summaryJSON, "summary-json", "", "also write the summary as JSON to `FILE` (for cron logs and monitoring)")
	f.StringVar(&o.shard, "shard", "", "load only shard `i/n` (1 <= i <= n) of the documents, split by a hash of their url or source")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "do not name skipped inputs on standard error")
	f.StringVar(&o.progress, "progress", "auto", "progress display: auto (a bar on a terminal, lines otherwise), bar, lines or none")
	o.extractor.AddFlags(f)
}

func newLoadCommand(g *globalOptions) *cobra.Command {
	var opts loadOptions
	cmd := &cobra.Command{
		Use:   "load PATH...",
		Short: "Extract articles and load the graph into Neo4j, idempotently",
		Long: `Load articles into Neo4j. PATHs are articles (files, directories, globs, as for
extract), which are extracted in-process, or the JSON Lines written by extract
(a file, or - for standard input), recognised by their content.

Loading is idempotent: unchanged articles are skipped, a re-extracted article
replaces what it said before, and a corrected article (same url, or same source
path, new text) replaces its earlier version. The schema is applied first when
the database is older. A summary goes to standard error, and with
--summary-json to a file. An interrupted load is finished by running it again.`,
		Example: `  influencegraph load examples/
  influencegraph load --extractor cascade --llm-when 'confidence<0.6' articles/
  influencegraph extract articles/ | influencegraph load -
  influencegraph load --shard 2/4 --summary-json /var/log/influencegraph/load.json extracted.jsonl`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := g.loadConfig(cmd)
			if err != nil {
				return err
			}
			opts.cfg = cfg
			opts.stdin = cmd.InOrStdin()
			return runLoad(cmd.Context(), g, opts, args)
		},
	}
	opts.AddFlags(cmd.Flags())
	addNeo4jFlags(cmd)
	addConfigFlag(cmd, "load.batch_size", "batch-size")
	addConfigFlag(cmd, "load.evidence_cap", "evidence-cap")
	addConfigFlag(cmd, "extract.workers", "workers")
	addConfigFlag(cmd, "input.max_bytes", "max-bytes")
	addConfigFlag(cmd, "extract.model", "model")
	return cmd
}

// parseShard reads "i/n".
func parseShard(s string) (i, n int, err error) {
	if s == "" {
		return 0, 0, nil
	}
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return 0, 0, fmt.Errorf("--shard %q: want i/n with 1 <= i <= n, e.g. 1/4", s)
	}
	return i, n, nil
}

// loadReport is the JSON written by --summary-json.
type loadReport struct {
	graph.Summary
	Status string `json:"status"`
	Error  string `json:"error,omitempty"`
	// Schema is the database's schema version after the run.
	Schema int `json:"schema_version,omitempty"`
	// LLM and Cascade report what the language model was asked, with
	// --extractor llm or cascade.
	LLM     *llm.Stats     `json:"llm,omitempty"`
	Cascade *cascade.Stats `json:"cascade,omitempty"`
}

func runLoad(ctx context.Context, g *globalOptions, opts loadOptions, args []string) error {
	g = withLockedStderr(g)
	shardI, shardN, err := parseShard(opts.shard)
	if err != nil {
		return err
	}
	// Connect before reading anything: an unreachable server or a wrong
	// password stops the run here, with nothing done.
	client, err := graph.Open(ctx, opts.cfg.Neo4j)
	if err != nil {
		return err
	}
	defer client.Close(context.WithoutCancel(ctx))
	driver, db := client.Driver(), client.Database()

	report := loadReport{}
	version, err := graph.SchemaVersion(ctx, driver, db)
	if err != nil {
		return err
	}
	switch {
	case version < schema.Version && opts.dryRun:
		fmt.Fprintf(g.stderr, "schema: database at version %d, a load would migrate it to %d\n", version, schema.Version)
	case version < schema.Version:
		st, err := graph.ApplySchema(ctx, driver, db, schema.Default())
		if err != nil {
			return err
		}
		fmt.Fprintf(g.stderr, "schema: migrated database %q from version %d to %d\n", db, version, st.Version)
		version = st.Version
	case version > schema.Version:
		return fmt.Errorf("database %q has schema version %d, newer than this influencegraph's %d: upgrade influencegraph", db, version, schema.Version)
	}
	report.Schema = version

	prog := newLoadProgress(g.stderr, opts.progress)
	loader := graph.NewLoader(driver, db, graph.LoadOptions{
		BatchSize:   opts.cfg.Load.BatchSize,
		EvidenceCap: opts.cfg.Load.EvidenceCap,
		DryRun:      opts.dryRun,
		ShardIndex:  shardI,
		ShardCount:  shardN,
		Progress:    prog.update,
	})
	in := &loadInput{g: g, opts: opts}
	sum, err := loader.Load(ctx, in.results(ctx, args))
	prog.finish()
	if in.read.Read > 0 || in.read.SkippedTotal() > 0 {
		fmt.Fprintln(g.stderr, formatSummary(in.read))
	}
	fmt.Fprint(g.stderr, sum.String())
	in.x.printSummary(g.stderr)
	if in.x != nil && in.x.llm != nil {
		st := in.x.llm.Stats()
		report.LLM = &st
		if in.x.cascade != nil {
			cs := in.x.cascade.Stats()
			report.Cascade = &cs
		}
	}
	if err == nil {
		err = strictError(opts.extractor, in.skipped, in.x.fellBack())
	}
	report.Summary, report.Status = sum, "ok"
	if err != nil {
		report.Status, report.Error = "failed", err.Error()
	}
	if opts.summaryJSON != "" {
		if werr := writeReport(opts.summaryJSON, report); werr != nil && err == nil {
			err = werr
		}
	}
	return err
}

func writeReport(path string, r loadReport) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("write summary: %w", err)
	}
	return nil
}

// loadInput turns the command's PATHs into one stream of extraction
// results, in the order given: JSON Lines of extract are decoded, anything
// else is read as articles and extracted in-process.
type loadInput struct {
	g    *globalOptions
	opts loadOptions
	read article.Summary
	// x is the extractor, built when the first input that is not JSON
	// Lines is met; skipped counts the articles it failed on.
	x       *extractorRun
	skipped int
}

func (in *loadInput) results(ctx context.Context, args []string) iter.Seq2[extract.Result, error] {
	return func(yield func(extract.Result, error) bool) {
		var reader *article.Reader
		stdin := bufio.NewReaderSize(in.opts.stdin, 1<<20)
		for _, arg := range args {
			recs, closeFn, err := in.openRecords(arg, stdin)
			if err != nil {
				yield(extract.Result{}, err)
				return
			}
			if recs != nil {
				for r, err := range recs {
					if !yield(r, err) || err != nil {
						closeFn()
						return
					}
				}
				closeFn()
				continue
			}
			if in.x == nil {
				x, err := newExtractor(ctx, in.opts.cfg, in.opts.extractor)
				if err != nil {
					yield(extract.Result{}, err)
					return
				}
				in.x = x
				reader = article.NewReader(article.Options{
					MaxBytes: in.opts.cfg.Input.MaxBytes,
					Stdin:    stdin,
					OnSkip: func(s article.Skip) {
						if !in.opts.quiet {
							fmt.Fprintf(in.g.stderr, "skip %s\n", s)
						}
					},
				})
			}
			if !in.extractPath(ctx, in.x, reader, arg, yield) {
				return
			}
		}
	}
}

// openRecords returns a decoder when arg holds extract's JSON Lines, nil
// when it is to be read as articles.
func (in *loadInput) openRecords(arg string, stdin *bufio.Reader) (iter.Seq2[extract.Result, error], func(), error) {
	if arg == "-" {
		head, _ := stdin.Peek(64 << 10)
		if graph.LooksLikeRecords(head) {
			return graph.ReadRecords(stdin, "standard input"), func() {}, nil
		}
		return nil, nil, nil
	}
	st, err := os.Stat(arg)
	if err != nil || !st.Mode().IsRegular() {
		return nil, nil, nil // directories, globs and errors are the article reader's
	}
	f, err := os.Open(arg)
	if err != nil {
		return nil, nil, nil
	}
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, head)
	if !graph.LooksLikeRecords(head[:n]) {
		f.Close()
		return nil, nil, nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("read %s: %w", arg, err)
	}
	return graph.ReadRecords(bufio.NewReaderSize(f, 1<<20), arg), func() { f.Close() }, nil
}

// extractPath reads the articles under one path and extracts them on the
// configured workers, yielding results in input order.
func (in *loadInput) extractPath(ctx context.Context, x *extractorRun, reader *article.Reader, path string, yield func(extract.Result, error) bool) bool {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	results := make(chan extract.Result)
	errc := make(chan error, 1)
	go func() {
		defer close(results)
		errc <- extractOrdered(ctx, x, x.workers, func(emit func(article.Article) error) error {
			sum, err := reader.Read(ctx, []string{path}, emit)
			in.read.Read += sum.Read
			in.read.Duplicates += sum.Duplicates
			if in.read.Skipped == nil {
				in.read.Skipped = map[article.Reason]int{}
			}
			for k, v := range sum.Skipped {
				in.read.Skipped[k] += v
			}
			return err
		}, func(r extract.Result) error {
			select {
			case results <- r:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}, func(a article.Article, err error) {
			in.skipped++
			fmt.Fprintf(in.g.stderr, "skip %s: extraction failed: %s\n", strings.Join(a.Sources, ", "), failure(err, in.g.debug))
		})
	}()
	for r := range results {
		if !yield(r, nil) {
			cancel()
			for range results {
			}
			return false
		}
	}
	if err := <-errc; err != nil && !errors.Is(err, context.Canceled) {
		return yield(extract.Result{}, err)
	}
	return true
}

// loadProgress shows how a load is going: a bar on a terminal, a line
// every few seconds otherwise (cron, systemd and Kubernetes logs).
type loadProgress struct {
	w        io.Writer
	bar      *progressbar.ProgressBar
	lines    bool
	last     time.Time
	lastSeen graph.Summary
}

func newLoadProgress(w io.Writer, mode string) *loadProgress {
	p := &loadProgress{w: w}
	if mode == "auto" {
		mode = "lines"
		if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			mode = "bar"
		}
	}
	switch mode {
	case "bar":
		p.bar = progressbar.NewOptions(-1, progressbar.OptionSetWriter(w), progressbar.OptionSetDescription("loading"),
			progressbar.OptionShowCount(), progressbar.OptionSetItsString("articles"), progressbar.OptionShowIts(),
			progressbar.OptionSpinnerType(14), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100*time.Millisecond))
	case "lines":
		p.lines = true
	}
	return p
}

func (p *loadProgress) update(s graph.Summary) {
	p.lastSeen = s
	switch {
	case p.bar != nil:
		p.bar.Set(s.Articles.Read)
	case p.lines && time.Since(p.last) >= 5*time.Second:
		p.last = time.Now()
		a := s.Articles
		fmt.Fprintf(p.w, "load: %d articles read (%d new, %d updated, %d unchanged), %d batches, %.0fs\n",
			a.Read, a.New, a.Updated, a.Unchanged, s.Batches, s.Seconds)
	}
}

func (p *loadProgress) finish() {
	if p.bar != nil {
		p.bar.Finish()
		fmt.Fprintln(p.w)
	}
}
