package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/influencegraph/influencegraph/extract/article"
)

// articlesOptions are the flags of the articles command.
type articlesOptions struct {
	inputs   inputOptions
	maxBytes int64
	stdin    io.Reader // read for the path "-"
}

// AddFlags defines the command's own flags.
func (o *articlesOptions) AddFlags(f *pflag.FlagSet) {
	o.inputs.AddFlags(f)
}

func newArticlesCommand(g *globalOptions) *cobra.Command {
	var opts articlesOptions
	cmd := &cobra.Command{
		Use:   "articles PATH...",
		Short: "Print the cleaned articles read from PATHs as JSON Lines",
		Long: `Read articles from files, directories (recursively), glob patterns and - (standard
input) — .txt, .html/.htm, .json, .jsonl/.ndjson, any of them gzipped, other
names by their content — remove page furniture, find title and publication
date, and print one JSON object per article: id, sources, url, title,
published, published_from, outlet, text. This is exactly what the extractor
sees.

Skipped inputs (empty, binary, invalid UTF-8, too large, malformed JSON, not
English, not an article, unreadable) are named with their reason on standard
error, and a summary ends the run. Duplicates (the same body twice) are
printed once.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := g.loadConfig(cmd)
			if err != nil {
				return err
			}
			opts.maxBytes = cfg.Input.MaxBytes
			opts.stdin = cmd.InOrStdin()
			return runArticles(cmd.Context(), g, opts, args)
		},
	}
	opts.AddFlags(cmd.Flags())
	addConfigFlag(cmd, "input.max_bytes", "max-bytes")
	return cmd
}

func runArticles(ctx context.Context, g *globalOptions, opts articlesOptions, args []string) error {
	if err := checkPaths(args); err != nil {
		return err
	}
	out := bufio.NewWriterSize(g.stdout, 64<<10)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	r := article.NewReader(article.Options{
		MaxBytes:        opts.maxBytes,
		Stdin:           opts.stdin,
		AllowNonEnglish: opts.inputs.allowNonEnglish,
		OnSkip: func(s article.Skip) {
			if !opts.inputs.quiet {
				fmt.Fprintf(g.stderr, "skip %s\n", s)
			}
		},
	})
	sum, err := r.Read(ctx, args, func(a article.Article) error {
		return enc.Encode(articleLine(a))
	})
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	fmt.Fprintln(g.stderr, formatSummary(sum))
	if err != nil {
		return err
	}
	if opts.inputs.strict {
		return readSkips(sum).strictError()
	}
	return nil
}

// articleJSON is one line of the articles command: the fields the
// extractor works from, every one of them always present (docs/input-formats.md lists
// them), url, published, published_from and outlet null when unknown.
type articleJSON struct {
	ID            string   `json:"id"`
	Sources       []string `json:"sources"`
	URL           *string  `json:"url"`
	Title         string   `json:"title"`
	Published     *string  `json:"published"`
	PublishedFrom *string  `json:"published_from"`
	Outlet        *string  `json:"outlet"`
	Author        string   `json:"author,omitempty"`
	Replacements  int      `json:"replacements,omitempty"`
	Text          string   `json:"text"`
}

func articleLine(a article.Article) articleJSON {
	return articleJSON{
		ID: a.ID, Sources: a.Sources, URL: orNull(a.URL), Title: a.Title,
		Published: orNull(a.Published), PublishedFrom: orNull(a.PublishedFrom), Outlet: orNull(a.Outlet),
		Author: a.Author, Replacements: a.Replacements, Text: a.Text,
	}
}

// orNull returns nil for "", so that an unknown field is written as null.
func orNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// formatSummary renders a read summary: "articles: read 12, skipped 3
// (empty 1, not-article 2), duplicates 1".
func formatSummary(s article.Summary) string {
	var b strings.Builder
	fmt.Fprintf(&b, "articles: read %d, skipped %d", s.Read, s.SkippedTotal())
	if len(s.Skipped) > 0 {
		reasons := make([]string, 0, len(s.Skipped))
		for r := range s.Skipped {
			reasons = append(reasons, string(r))
		}
		sort.Strings(reasons)
		parts := make([]string, len(reasons))
		for i, r := range reasons {
			parts[i] = fmt.Sprintf("%s %d", r, s.Skipped[article.Reason(r)])
		}
		fmt.Fprintf(&b, " (%s)", strings.Join(parts, ", "))
	}
	fmt.Fprintf(&b, ", duplicates %d", s.Duplicates)
	if s.OtherShard > 0 {
		fmt.Fprintf(&b, ", %d left to other shards", s.OtherShard)
	}
	return b.String()
}
