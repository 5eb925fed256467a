package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/influencegraph/influencegraph/config"
	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/extract/article"
	"github.com/influencegraph/influencegraph/picture"
)

// extractOptions are the flags of the extract command.
type extractOptions struct {
	format    string
	inputs    inputOptions
	extractor extractorOptions

	cfg   config.Config
	stdin io.Reader
}

// AddFlags defines the command's own flags.
func (o *extractOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVar(&o.format, "format", "jsonl", "output format: jsonl (the extraction contract), table (for reading) or html (one self-contained page drawing the graph, as the picture command)")
	o.inputs.AddFlags(f)
	o.extractor.AddFlags(f)
}

func newExtractCommand(g *globalOptions) *cobra.Command {
	opts := extractOptions{extractor: extractorOptions{gate: true}}
	cmd := &cobra.Command{
		Use:   "extract PATH...",
		Short: "Extract entities and relations from articles as JSON Lines",
		Long: `Read articles from PATHs (files, directories, globs, - for standard input; see
the articles command), and write, for each article in input order, an article
record, its entity records and its relation records, one JSON object per line
(their fields: docs/extraction.md). The rule-based extractor runs offline; the
same input always gives byte-identical output, whatever --workers says.
With --extractor llm the relations come from the language model of the llm
configuration section, checked against the article, and answers are cached;
--extractor cascade asks it only about the articles --llm-when selects.
Articles the relevance gate takes for news on another subject are not
extracted: they are named and counted as off-topic (--keep-off-topic
extracts them too). Skipped inputs are named on standard error and counted
in the summary there, by reason; --strict makes any skip exit with status
3, off-topic articles excepted.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := g.loadConfig(cmd)
			if err != nil {
				return err
			}
			opts.cfg = cfg
			opts.stdin = cmd.InOrStdin()
			return runExtract(cmd.Context(), g, opts, args)
		},
	}
	opts.AddFlags(cmd.Flags())
	addConfigFlag(cmd, "extract.workers", "workers")
	addConfigFlag(cmd, "input.max_bytes", "max-bytes")
	addConfigFlag(cmd, "extract.model", "model")
	addConfigFlag(cmd, "extract.keep_off_topic", "keep-off-topic")
	return cmd
}

func runExtract(ctx context.Context, g *globalOptions, opts extractOptions, args []string) error {
	g = withLockedStderr(g)
	if opts.format != "jsonl" && opts.format != "table" && opts.format != "html" {
		return fmt.Errorf("unknown --format %q (want jsonl, table or html)", opts.format)
	}
	if err := checkPaths(args); err != nil {
		return err
	}
	x, err := newExtractor(ctx, opts.cfg, opts.extractor)
	if err != nil {
		return err
	}
	out := bufio.NewWriterSize(g.stdout, 64<<10)
	write := writeJSONL
	var pic *picture.Graph
	switch opts.format {
	case "table":
		write = writeTable
	case "html":
		pic = picture.NewGraph()
		write = func(_ io.Writer, res extract.Result) error { pic.Add(res); return nil }
	}
	r := article.NewReader(article.Options{
		MaxBytes:        opts.cfg.Input.MaxBytes,
		Stdin:           opts.stdin,
		AllowNonEnglish: opts.inputs.allowNonEnglish,
		OnSkip: func(s article.Skip) {
			if !opts.inputs.quiet {
				fmt.Fprintf(g.stderr, "skip %s\n", s)
			}
		},
	})
	var sum, failed article.Summary
	err = extractOrdered(ctx, x, x.workers, func(emit func(article.Article) error) error {
		var rerr error
		sum, rerr = r.Read(ctx, args, emit)
		return rerr
	}, func(res extract.Result) error { return write(out, res) }, func(a article.Article, err error) {
		reason := extractionSkipReason(err)
		addSkip(&failed, reason)
		if !opts.inputs.quiet {
			fmt.Fprintf(g.stderr, "skip %s: %s: %s\n", strings.Join(a.Sources, ", "), reason, failure(err, g.debug))
		}
	})
	if pic != nil && err == nil {
		err = pic.WriteHTML(out, picture.Options{})
	}
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	mergeSummary(&sum, failed)
	fmt.Fprintln(g.stderr, formatSummary(sum))
	x.printSummary(g.stderr)
	if err != nil || !opts.inputs.strict {
		return err
	}
	skips := readSkips(sum)
	skips.fellBack = x.fellBack()
	return skips.strictError()
}

// extractOrdered runs x over the articles read by produce on workers
// goroutines and hands the results to consume in input order. At most
// 2×workers articles are in flight, so memory stays flat however many
// articles are read.
// An article on which the extractor fails internally, or which the
// language model could not answer (see isSkip), goes to skipped and the
// run goes on; skipped is called from the worker goroutines one at a time.
func extractOrdered(ctx context.Context, x extract.Extractor, workers int, produce func(emit func(article.Article) error) error, consume func(extract.Result) error, skipped func(article.Article, error)) error {
	if workers < 1 {
		workers = 1
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type job struct {
		a   article.Article
		out chan extract.Result
	}
	jobs := make(chan job)
	order := make(chan chan extract.Result, 2*workers)
	var wg sync.WaitGroup
	var errMu, skipMu sync.Mutex
	var firstErr error
	setErr := func(err error) {
		errMu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		errMu.Unlock()
		cancel()
	}
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				res, err := x.Extract(ctx, j.a)
				switch {
				case isSkip(err):
					// Named and counted, never fatal: the other articles still come out.
					skipMu.Lock()
					skipped(j.a, err)
					skipMu.Unlock()
					res = extract.Result{}
				case err != nil:
					setErr(fmt.Errorf("extract %s: %w", strings.Join(j.a.Sources, ", "), err))
				}
				j.out <- res
			}
		}()
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ch := range order {
			res := <-ch
			if ctx.Err() != nil {
				continue // drain
			}
			if res.Article.Kind == "" {
				continue // skipped above
			}
			if err := consume(res); err != nil {
				setErr(err)
			}
		}
	}()
	perr := produce(func(a article.Article) error {
		ch := make(chan extract.Result, 1)
		select {
		case order <- ch:
		case <-ctx.Done():
			return ctx.Err()
		}
		select {
		case jobs <- job{a, ch}:
		case <-ctx.Done():
			ch <- extract.Result{}
			return ctx.Err()
		}
		return nil
	})
	close(jobs)
	wg.Wait()
	close(order)
	<-done
	errMu.Lock()
	defer errMu.Unlock()
	if firstErr != nil {
		return firstErr
	}
	return perr
}

func writeJSONL(w io.Writer, res extract.Result) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(res.Article); err != nil {
		return err
	}
	for _, e := range res.Entities {
		if err := enc.Encode(e); err != nil {
			return err
		}
	}
	for _, r := range res.Relations {
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return nil
}

func writeTable(w io.Writer, res extract.Result) error {
	a := res.Article
	pub := "-"
	if a.Published != nil {
		pub = *a.Published
	}
	fmt.Fprintf(w, "== %s  %s  (%s)\n", a.Source, a.Title, pub)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TYPE\tID\tNAME\tMENTIONS")
	for _, e := range res.Entities {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\n", e.Type, e.ID, e.Name, len(e.Mentions))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RELATION\tSOURCE\tTARGET\tNEG\tCONF\tTRIGGER")
	for _, r := range res.Relations {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%v\t%.2f\t%s\n", r.Type, r.Source, r.Target, r.Negated, r.Confidence, r.Trigger)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w)
	return err
}
