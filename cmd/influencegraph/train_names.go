package main

import (
	"fmt"
	"io"

	"github.com/influencegraph/influencegraph/extract/gold"
	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/extract/learn"
	"github.com/influencegraph/influencegraph/extract/lexicon"
	"github.com/influencegraph/influencegraph/extract/relation/model"
)

// runTrainGivenNames learns the words that open people's names
// (`train --given-names`) from the --gold folders' Person entities and
// writes them to --out, or lists them when there is none.
func runTrainGivenNames(g *globalOptions, opts trainOptions) error {
	if len(opts.gold) == 0 {
		return fmt.Errorf("--given-names learns from --gold folders, not --samples")
	}
	k, err := kb.Load(opts.kbFiles...)
	if err != nil {
		return err
	}
	lex, err := lexicon.Default()
	if err != nil {
		return err
	}
	var arts []gold.Article
	var sources []model.Source
	for _, dir := range opts.gold {
		a, err := gold.Load(dir)
		if err != nil {
			return err
		}
		n, sum, err := gold.Digest(dir)
		if err != nil {
			return err
		}
		arts = append(arts, a...)
		sources = append(sources, model.Source{Dir: dir, Articles: n, SHA256: sum})
	}
	names := learn.GivenNames(arts, lex, k)
	write := func(w io.Writer) error { return learn.WriteGivenNames(w, sources, names) }
	if opts.out == "" {
		return write(g.stdout)
	}
	if err := writeWith(opts.out, write); err != nil {
		return err
	}
	fmt.Fprintf(g.stderr, "wrote %s (%d given names from %d articles)\n", opts.out, len(names), len(arts))
	return nil
}
