package main

import (
	"context"
	"fmt"
	"os/user"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/influencegraph/influencegraph/config"
	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/identity"
	"github.com/influencegraph/influencegraph/review"
)

// reviewOptions are the flags of review reject.
type reviewOptions struct {
	why, by string
}

func (o *reviewOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVar(&o.why, "why", "", "why the claim is wrong (required)")
	f.StringVar(&o.by, "by", "", "who rejects it (default: the user name)")
}

func newReviewCommand(g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "review",
		Short: "Reject claims an analyst found wrong, and list them",
		Long: `An analyst who finds an edge's evidence wrong rejects the claim behind it
(its id is in edge-evidence's claim column). Rejections are kept in the
review file (analyst.review_file, --review-file), which every load applies:
a rejected claim stays in the graph, marked with who, why and when, and no
longer counts for its relation (articles, outlets, evidence); a relation
left with no claim disappears. Taking a rejection out of the file (review
restore, or by hand) brings the claim back at the next load.`,
		Example: `  influencegraph review reject '4aee16553d6bf3fe|person:ilan-shor|TARGETED|election:MD-2024-referendum|asserted' --why "the sentence is a denial"
  influencegraph review list`,
	}
	cmd.AddCommand(newReviewRejectCommand(g), newReviewRestoreCommand(g), newReviewListCommand(g))
	return cmd
}

// reviewFile returns the configured review file, or an error saying how
// to set one.
func reviewFile(cfg config.Config) (string, error) {
	if cfg.Analyst.ReviewFile == "" {
		return "", fmt.Errorf("no review file: set analyst.review_file in the configuration file (or --review-file, or INFLUENCEGRAPH_ANALYST_REVIEW_FILE)")
	}
	return cfg.Analyst.ReviewFile, nil
}

// reviewConfig loads the configuration of a review subcommand and the
// review file it names.
func reviewConfig(g *globalOptions, cmd *cobra.Command) (config.Config, string, error) {
	cfg, err := g.loadConfig(cmd)
	if err != nil {
		return config.Config{}, "", err
	}
	path, err := reviewFile(cfg)
	return cfg, path, err
}

func newReviewRejectCommand(g *globalOptions) *cobra.Command {
	var opts reviewOptions
	cmd := &cobra.Command{
		Use:   "reject CLAIM-ID --why TEXT",
		Short: "Reject a claim: write it to the review file and apply the file to Neo4j",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, path, err := reviewConfig(g, cmd)
			if err != nil {
				return err
			}
			by := opts.by
			if by == "" {
				if u, err := user.Current(); err == nil {
					by = u.Username
				}
			}
			r := review.Rejection{Claim: args[0], By: by, Why: opts.why, At: time.Now().UTC().Truncate(time.Second)}
			if err := review.Reject(path, r); err != nil {
				return err
			}
			fmt.Fprintf(g.stderr, "review: rejected %s in %s\n", r.Claim, path)
			return applyReviewFile(cmd.Context(), g, cfg, path)
		},
	}
	opts.AddFlags(cmd.Flags())
	addNeo4jFlags(cmd)
	addConfigFlag(cmd, "analyst.review_file", "review-file")
	return cmd
}

func newReviewRestoreCommand(g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "restore CLAIM-ID",
		Short: "Take a rejection back: remove it from the review file and apply the file to Neo4j",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, path, err := reviewConfig(g, cmd)
			if err != nil {
				return err
			}
			found, err := review.Unreject(path, args[0])
			if err != nil {
				return err
			}
			if !found {
				return fmt.Errorf("claim %q is not rejected in %s", args[0], path)
			}
			fmt.Fprintf(g.stderr, "review: restored %s in %s\n", args[0], path)
			return applyReviewFile(cmd.Context(), g, cfg, path)
		},
	}
	addNeo4jFlags(cmd)
	addConfigFlag(cmd, "analyst.review_file", "review-file")
	return cmd
}

// applyReviewFile applies the review file to Neo4j at once, so the analyst
// sees the change without loading anything.
func applyReviewFile(ctx context.Context, g *globalOptions, cfg config.Config, path string) error {
	f, err := review.Load(path)
	if err != nil {
		return err
	}
	client, err := graph.Open(ctx, cfg.Neo4j)
	if err != nil {
		return fmt.Errorf("%w (the review file is written; the next load applies it)", err)
	}
	defer client.Close(context.WithoutCancel(ctx))
	s, err := graph.ApplyReview(ctx, client.Driver(), client.Database(), f.Rejected, cfg.Load.EvidenceCap)
	if err != nil {
		return err
	}
	fmt.Fprintln(g.stderr, s.String())
	return nil
}

func newReviewListCommand(g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the rejected claims the graph holds, with who rejected them and why",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := g.loadConfig(cmd)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			client, err := graph.Open(ctx, cfg.Neo4j)
			if err != nil {
				return err
			}
			defer client.Close(context.WithoutCancel(ctx))
			rows, err := graph.RejectedClaims(ctx, client.Driver(), client.Database())
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(g.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "CLAIM\tRELATION\tBY\tAT\tWHY\tSENTENCE")
			for _, r := range rows {
				fmt.Fprintf(tw, "%s\t%s %s %s\t%s\t%s\t%s\t%s\n", r.Claim, r.Source, r.Type, r.Target, r.By, r.At, cut(r.Why, 60), cut(r.Sentence, 60))
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			fmt.Fprintf(g.stdout, "%d rejected\n", len(rows))
			if cfg.Analyst.ReviewFile != "" {
				f, err := review.Load(cfg.Analyst.ReviewFile)
				if err != nil {
					return err
				}
				if n := len(f.Rejected) - len(rows); n > 0 {
					fmt.Fprintf(g.stderr, "review: %d rejections of %s are not in the graph yet (the next load applies them)\n", n, cfg.Analyst.ReviewFile)
				}
			}
			return nil
		},
	}
	addNeo4jFlags(cmd)
	addConfigFlag(cmd, "analyst.review_file", "review-file")
	return cmd
}

// cut shortens s to n characters, with an ellipsis.
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// loadIdentity reads the analysts' identity file and gives it the
// knowledge base (the built-in one and extract.knowledge_base), which
// misspelt person names are matched against.
func loadIdentity(cfg config.Config) (*identity.Rules, error) {
	rules, err := identity.Load(cfg.Analyst.IdentityFile)
	if err != nil {
		return nil, err
	}
	k, err := kb.Load(cfg.Extract.KnowledgeBase...)
	if err != nil {
		return nil, err
	}
	return rules.WithKnowledgeBase(k), nil
}
