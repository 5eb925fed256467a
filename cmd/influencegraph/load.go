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
	"path/filepath"
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
	"github.com/influencegraph/influencegraph/review"
	"github.com/influencegraph/influencegraph/schema"
)

// loadOptions are the flags of the load command.
type loadOptions struct {
	dryRun      bool
	summaryJSON string
	shard       string
	progress    string
	inputs      inputOptions
	extractor   extractorOptions
	bulk        bulkOptions

	cfg   config.Config
	stdin io.Reader
}

func (o *loadOptions) AddFlags(f *pflag.FlagSet) {
	f.BoolVar(&o.dryRun, "dry-run", false, "report what would change, write nothing (each batch is run and rolled back)")
	f.StringVar(&o.summaryJSON, "summary-json", "", "also write the summary as JSON to `FILE`, replaced on every run, failed ones included, or - for standard output (for cron logs and monitoring)")
	f.StringVar(&o.shard, "shard", "", "load only shard `i/n` (1 <= i <= n) of the documents, chosen before articles are read: by url for JSON and JSON Lines records (and extract's output) that have one, else by path (path:line, path#n); see docs/loading.md")
	f.StringVar(&o.progress, "progress", progressAuto, "progress display: auto (a bar on a terminal, lines otherwise), bar, lines or none")
	o.inputs.AddFlags(f)
	o.extractor.AddFlags(f)
	o.bulk.AddFlags(f)
}

func newLoadCommand(g *globalOptions) *cobra.Command {
	opts := loadOptions{extractor: extractorOptions{gate: true}}
	cmd := &cobra.Command{
		Use:   "load PATH...",
		Short: "Extract articles and load the graph into Neo4j, idempotently",
		Long: `Load articles into Neo4j. PATHs are articles (files, directories, globs, as for
extract), which are extracted in-process, or the JSON Lines written by extract
(a file, or - for standard input), recognised by their content.

Loading is idempotent: unchanged articles are skipped, a re-extracted article
replaces what it said before, and a corrected article (same url, or same source
path, new text) replaces its earlier version. The schema is applied first when
the database is older. An interrupted load is finished by running it again.

Articles the relevance gate takes for news on another subject are neither
extracted nor loaded: they are named and counted as off-topic, which leaves
the status ok (--keep-off-topic loads them too). Bad input (an unreadable file, a malformed line of extract's output, an
article the extractor fails on) is skipped, named on standard error, and
counted; the rest is loaded. A PATH that does not exist stops the run.

A summary goes to standard error, and with --summary-json as JSON to a file
(written on every run, failed ones included, and replaced atomically) or to
standard output (-). Its status is "ok" (everything read was loaded,
duplicates and earlier versions of a document aside), "partial" (the load
finished, but some input was skipped: see inputs and articles.skipped_reasons;
--strict then exits with status 3) or "failed" (the run stopped, error says
why; the counts are what was committed).

With --bulk, a first load of a large backlog goes through neo4j-admin
database import full instead of Bolt: Neo4j must be stopped (nothing may
answer at the configured URI) and the database must not exist
(--replace-database replaces it). The graph is built in memory, written as
CSV files and imported; then start Neo4j and run influencegraph schema apply.`,
		Example: `  influencegraph load examples/
  influencegraph load --extractor cascade --llm-when 'confidence<0.6' articles/
  influencegraph extract articles/ | influencegraph load -
  influencegraph load --shard 2/4 --summary-json /var/log/influencegraph/load.json extracted.jsonl
  influencegraph load --bulk --neo4j-home /opt/neo4j extracted.jsonl`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withLoadReport(g, opts.summaryJSON, func(rep *loadReport) error {
				cfg, err := g.loadConfig(cmd)
				if err != nil {
					return err
				}
				opts.cfg = cfg
				opts.stdin = cmd.InOrStdin()
				return runLoad(cmd.Context(), g, opts, args, rep)
			})
		},
	}
	opts.AddFlags(cmd.Flags())
	addNeo4jFlags(cmd)
	addConfigFlag(cmd, "load.batch_size", "batch-size")
	addConfigFlag(cmd, "load.evidence_cap", "evidence-cap")
	addConfigFlag(cmd, "extract.workers", "workers")
	addConfigFlag(cmd, "input.max_bytes", "max-bytes")
	addConfigFlag(cmd, "extract.model", "model")
	addConfigFlag(cmd, "extract.keep_off_topic", "keep-off-topic")
	addConfigFlag(cmd, "analyst.review_file", "review-file")
	addConfigFlag(cmd, "analyst.identity_file", "identity-file")
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

// The statuses of a load's JSON summary.
const (
	// statusOK: everything read was loaded (duplicates and earlier
	// versions of a document aside).
	statusOK = "ok"
	// statusPartial: the load finished, but some input was skipped (or,
	// with --extractor cascade, kept the offline result because the model
	// failed); --strict then exits with status 3.
	statusPartial = "partial"
	// statusFailed: the run stopped; error says why, and the counts are
	// what was committed before.
	statusFailed = "failed"
)

// loadReport is the JSON written by --summary-json.
type loadReport struct {
	graph.Summary
	// Inputs counts what was left out before loading: files, lines of
	// extract's output and articles skipped, by reason, and duplicates.
	Inputs inputCounts `json:"inputs"`
	Status string      `json:"status"`
	Error  string      `json:"error,omitempty"`
	// Schema is the database's schema version after the run.
	Schema int `json:"schema_version,omitempty"`
	// LLM and Cascade report what the language model was asked, with
	// --extractor llm or cascade.
	LLM     *llm.Stats     `json:"llm,omitempty"`
	Cascade *cascade.Stats `json:"cascade,omitempty"`
	// Review is what applying the review file changed, when one is set.
	Review *graph.ReviewSummary `json:"review,omitempty"`

	// skips decide between ok and partial.
	skips skipCounts
}

// inputCounts is the inputs section of the JSON summary.
type inputCounts struct {
	Skipped        int            `json:"skipped"`
	SkippedReasons map[string]int `json:"skipped_reasons,omitempty"`
	Duplicates     int            `json:"duplicates"`
}

func inputCountsOf(s article.Summary) inputCounts {
	c := inputCounts{Skipped: s.SkippedTotal(), Duplicates: s.Duplicates}
	for r, n := range s.Skipped {
		if n > 0 {
			if c.SkippedReasons == nil {
				c.SkippedReasons = map[string]int{}
			}
			c.SkippedReasons[string(r)] = n
		}
	}
	return c
}

// finish sets the status from the run's outcome: --strict's exit status
// 3 leaves it partial, any other error makes it failed.
func (r *loadReport) finish(err error) {
	var exit *exitError
	switch {
	case err != nil && !(errors.As(err, &exit) && exit.code == 3 && r.skips.any()):
		r.Status, r.Error = statusFailed, err.Error()
	case r.skips.any():
		r.Status = statusPartial
	default:
		r.Status = statusOK
	}
}

// withLoadReport runs a load that fills in a report, then writes the
// report to path whatever the outcome, so that monitoring never sees the
// summary of an earlier run: a file is replaced atomically, - is standard
// output, "" writes nothing. A path that cannot be written is refused
// before anything is done.
func withLoadReport(g *globalOptions, path string, run func(*loadReport) error) error {
	if err := checkSummaryPath(path); err != nil {
		return err
	}
	var rep loadReport
	err := run(&rep)
	rep.finish(err)
	if path == "" {
		return err
	}
	werr := writeReport(g.stdout, path, rep)
	switch {
	case werr == nil:
	case err == nil:
		err = werr
	default:
		fmt.Fprintf(g.stderr, "influencegraph: %v\n", werr)
	}
	return err
}

// checkSummaryPath refuses a --summary-json that cannot be written: a
// directory, or a file in a directory that does not exist.
func checkSummaryPath(path string) error {
	if path == "" || path == "-" {
		return nil
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return fmt.Errorf("--summary-json %q is a directory", path)
	}
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("--summary-json %q: %w", path, err)
	}
	if !st.IsDir() {
		return fmt.Errorf("--summary-json %q: %q is not a directory", path, dir)
	}
	return nil
}

// writeReport writes r as JSON to path, or to stdout for "-". A file is
// written beside path and renamed over it, so a reader sees the old
// summary or the new one, never a part.
func writeReport(stdout io.Writer, path string, r loadReport) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return fmt.Errorf("write summary: %w", err)
	}
	b = append(b, '\n')
	if path == "-" {
		if _, err := stdout.Write(b); err != nil {
			return fmt.Errorf("write summary to standard output: %w", err)
		}
		return nil
	}
	if err := writeFileAtomic(path, b); err != nil {
		return fmt.Errorf("summary: %w", err)
	}
	return nil
}

// Values of --progress.
const (
	progressAuto  = "auto"
	progressBar   = "bar"
	progressLines = "lines"
	progressNone  = "none"
)

func checkProgress(mode string) error {
	switch mode {
	case progressAuto, progressBar, progressLines, progressNone:
		return nil
	}
	return fmt.Errorf("unknown --progress %q (want auto, bar, lines or none)", mode)
}

func runLoad(ctx context.Context, g *globalOptions, opts loadOptions, args []string, report *loadReport) error {
	if opts.bulk.enabled {
		return runBulkLoad(ctx, g, opts, args, report)
	}
	g = withLockedStderr(g)
	// Every flag and PATH is checked before connecting: a mistake costs
	// nothing and says so at once.
	shardI, shardN, err := parseShard(opts.shard)
	if err != nil {
		return err
	}
	if err := checkProgress(opts.progress); err != nil {
		return err
	}
	if _, err := opts.extractor.validate(); err != nil {
		return err
	}
	if err := checkPaths(args); err != nil {
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

	rules, err := loadIdentity(opts.cfg)
	if err != nil {
		return err
	}
	rejections, err := review.Load(opts.cfg.Analyst.ReviewFile)
	if err != nil {
		return err
	}

	prog := newLoadProgress(g.stderr, opts.progress)
	loader := graph.NewLoader(driver, db, graph.LoadOptions{
		Identity:    rules,
		BatchSize:   opts.cfg.Load.BatchSize,
		EvidenceCap: opts.cfg.Load.EvidenceCap,
		DryRun:      opts.dryRun,
		Progress:    prog.update,
	})
	// Shards are chosen here, before the loader: articles before they are
	// read (article.Shard), extract's records by graph.InShard.
	in := &loadInput{g: g, opts: opts, shard: article.Shard{Index: shardI, Count: shardN}}
	sum, err := loader.Load(ctx, in.results(ctx, args))
	prog.finish()
	mergeSummary(&in.read, in.failed)
	if shardN > 1 {
		sum.Shard = fmt.Sprintf("%d/%d", shardI, shardN)
		sum.Articles.OtherShard = in.read.OtherShard
		in.read.OtherShard = 0 // said once, in the load's summary
	}
	if in.read.Read > 0 || in.read.SkippedTotal() > 0 {
		fmt.Fprintln(g.stderr, formatSummary(in.read))
	}
	fmt.Fprint(g.stderr, sum.String())
	// Every load applies the review file, so a rejection survives the
	// articles it concerns being loaded again.
	if err == nil && !opts.dryRun && opts.cfg.Analyst.ReviewFile != "" {
		rs, rerr := graph.ApplyReview(ctx, driver, db, rejections.Rejected, opts.cfg.Load.EvidenceCap)
		if rerr != nil {
			err = rerr
		} else {
			fmt.Fprintln(g.stderr, rs.String())
			report.Review = &rs
		}
	}
	in.x.printSummary(g.stderr)
	if in.x != nil && in.x.llm != nil {
		st := in.x.llm.Stats()
		report.LLM = &st
		if in.x.cascade != nil {
			cs := in.x.cascade.Stats()
			report.Cascade = &cs
		}
	}
	report.Summary, report.Inputs = sum, inputCountsOf(in.read)
	report.skips = readSkips(in.read)
	for r, n := range sum.Articles.SkippedReasons {
		if r != graph.SkipSameArticle && r != graph.SkipEarlierVersion {
			report.skips.add(r, n)
		}
	}
	report.skips.fellBack = in.x.fellBack()
	if err == nil && opts.inputs.strict {
		err = report.skips.strictError()
	}
	return err
}

// loadInput turns the command's PATHs into one stream of extraction
// results, in the order given: JSON Lines of extract are decoded, anything
// else is read as articles and extracted in-process.
type loadInput struct {
	g     *globalOptions
	opts  loadOptions
	shard article.Shard
	// read counts the inputs read, and skipped by reason: by the article
	// reader, and lines of extract's output (the loader's goroutine);
	// failed the articles the extractor failed on (its workers).
	read, failed article.Summary
	// x is the extractor, built when the first input that is not JSON
	// Lines is met.
	x *extractorRun
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
					if err == nil && in.shard.Count > 1 && !graph.InShard(r.Article, in.shard.Index, in.shard.Count) {
						in.read.OtherShard++
						continue
					}
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
					MaxBytes:        in.opts.cfg.Input.MaxBytes,
					Stdin:           stdin,
					AllowNonEnglish: in.opts.inputs.allowNonEnglish,
					Workers:         x.workers,
					Shard:           in.shard,
					OnSkip: func(s article.Skip) {
						if !in.opts.inputs.quiet {
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
			return graph.ReadRecordsSkipping(stdin, "standard input", in.skipRecord), func() {}, nil
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
	return graph.ReadRecordsSkipping(bufio.NewReaderSize(f, 1<<20), arg, in.skipRecord), func() { f.Close() }, nil
}

// skipRecord names and counts a line of extract's output that was not
// loaded.
func (in *loadInput) skipRecord(s graph.RecordSkip) {
	addSkip(&in.read, article.Reason(s.Reason))
	if !in.opts.inputs.quiet {
		fmt.Fprintf(in.g.stderr, "skip %s\n", s)
	}
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
		sum, err := extractOrdered(ctx, x, reader, []string{path}, func(r extract.Result) error {
			select {
			case results <- r:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}, func(a article.Article, err error) {
			reason := extractionSkipReason(err)
			addSkip(&in.failed, reason)
			if !in.opts.inputs.quiet {
				fmt.Fprintf(in.g.stderr, "skip %s: %s: %s\n", strings.Join(a.Sources, ", "), reason, failure(err, in.g.debug))
			}
		})
		mergeSummary(&in.read, sum)
		errc <- err
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
	if mode == progressAuto {
		mode = progressLines
		if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			mode = progressBar
		}
	}
	switch mode {
	case progressBar:
		p.bar = progressbar.NewOptions(-1, progressbar.OptionSetWriter(w), progressbar.OptionSetDescription("loading"),
			progressbar.OptionShowCount(), progressbar.OptionSetItsString("articles"), progressbar.OptionShowIts(),
			progressbar.OptionSpinnerType(14), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100*time.Millisecond))
	case progressLines:
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
