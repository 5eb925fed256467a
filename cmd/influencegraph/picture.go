package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/influencegraph/influencegraph/picture"
)

// pictureOptions are the flags of `influencegraph picture`.
type pictureOptions struct {
	title       string
	maxEvidence int
	out         string
}

func (o *pictureOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVar(&o.title, "title", "influencegraph", "heading and title of the page")
	f.IntVar(&o.maxEvidence, "max-evidence", picture.DefaultMaxEvidence, "evidence sentences kept per relation, earliest first (-1: all)")
	f.StringVarP(&o.out, "out", "o", "-", "`FILE` to write the page to (-: standard output)")
	addDeprecatedAlias(f, "output", "out")
}

func newPictureCommand(g *globalOptions) *cobra.Command {
	var opts pictureOptions
	cmd := &cobra.Command{
		Use:   "picture [FILE.jsonl|-]...",
		Short: "Draw extract output as one self-contained HTML page (no Neo4j needed)",
		Long: `picture reads the JSON Lines that "influencegraph extract" writes (files, or
standard input with "-" or no argument) and writes one HTML page that draws
the entities and relations, merged across articles and coloured by type, with
the evidence sentences on hover and click. The page needs no network.

  influencegraph extract articles/ | influencegraph picture > graph.html`,
		RunE: func(cmd *cobra.Command, args []string) error {
			warnDeprecatedAliases(cmd, g.stderr)
			return runPicture(cmd.Context(), opts, g, cmd.InOrStdin(), args)
		},
	}
	opts.AddFlags(cmd.Flags())
	return cmd
}

func runPicture(ctx context.Context, opts pictureOptions, g *globalOptions, stdin io.Reader, args []string) error {
	if len(args) == 0 {
		args = []string{"-"}
	}
	pg := picture.NewGraph()
	for _, name := range args {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := readPictureInput(pg, name, stdin); err != nil {
			return err
		}
	}
	w := g.stdout
	if opts.out != "-" {
		f, err := os.Create(opts.out)
		if err != nil {
			return fmt.Errorf("picture: %w", err)
		}
		defer f.Close()
		w = f
		if err := pg.WriteHTML(w, picture.Options{Title: opts.title, MaxEvidence: opts.maxEvidence}); err != nil {
			return fmt.Errorf("picture %s: %w", opts.out, err)
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("picture %s: %w", opts.out, err)
		}
		return nil
	}
	return pg.WriteHTML(w, picture.Options{Title: opts.title, MaxEvidence: opts.maxEvidence})
}

// readPictureInput merges one JSON Lines input ("-" is standard input).
func readPictureInput(pg *picture.Graph, name string, stdin io.Reader) error {
	r := stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return fmt.Errorf("picture: %w", err)
		}
		defer f.Close()
		r = f
	}
	if err := pg.ReadJSONLines(r); err != nil {
		return fmt.Errorf("picture %s: %w", name, err)
	}
	return nil
}
