package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
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
	shard     string
	inputs    inputOptions
	extractor extractorOptions

	cfg   config.Config
	stdin io.Reader
}

// AddFlags defines the command's own flags.
func (o *extractOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVar(&o.format, "format", "jsonl", "output format: jsonl (the extraction contract), table (for reading) or html (one self-contained page drawing the graph, as the picture command)")
	f.StringVar(&o.shard, "shard", "", "extract only shard `i/n` (1 <= i <= n) of the inputs, chosen before they are read: by url for JSON and JSON Lines records that have one, else by path (path:line, path#n); see docs/extraction.md")
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
	shardI, shardN, err := parseShard(opts.shard)
	if err != nil {
		return err
	}
	shard := article.Shard{Index: shardI, Count: shardN}
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
		Workers:         x.workers,
		Shard:           shard,
		OnSkip: func(s article.Skip) {
			if !opts.inputs.quiet {
				fmt.Fprintf(g.stderr, "skip %s\n", s)
			}
		},
	})
	var failed article.Summary
	sum, err := extractOrdered(ctx, x, r, args, func(res extract.Result) error { return write(out, res) }, func(a article.Article, err error) {
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

// extractOrdered reads the articles under paths with r and runs x over
// them on r's workers (article.Process): each worker reads, cleans and
// parses an input, then extracts it, so reading costs no goroutine of its
// own. consume gets the results in input order. An article on which the
// extractor fails internally, or which the language model could not
// answer (see isSkip), goes to skipped and the run goes on; skipped, like
// consume and the reader's OnSkip, is called in input order from the
// calling goroutine, so what a run reports does not depend on the number
// of workers.
func extractOrdered(ctx context.Context, x extract.Extractor, r *article.Reader, paths []string, consume func(extract.Result) error, skipped func(article.Article, error)) (article.Summary, error) {
	type outcome struct {
		res extract.Result
		err error
	}
	return article.Process(ctx, r, paths, func(ctx context.Context, a article.Article) outcome {
		res, err := x.Extract(ctx, a)
		return outcome{res, err}
	}, func(a article.Article, o outcome) error {
		switch {
		case isSkip(o.err):
			// Named and counted, never fatal: the other articles still come out.
			skipped(a, o.err)
			return nil
		case o.err != nil:
			return fmt.Errorf("extract %s: %w", strings.Join(a.Sources, ", "), o.err)
		}
		return consume(o.res)
	})
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
