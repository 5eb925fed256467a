package main

import (
	"context"
	"fmt"
	"math"
	"text/tabwriter"

	"github.com/influencegraph/influencegraph/extract/article"
	"github.com/influencegraph/influencegraph/extract/relevance"
)

// gateKinds are the kinds of training article, in the order the tables
// list them.
var gateKinds = []string{relevance.KindRelation, relevance.KindGeneratedOn, relevance.KindNearMiss, relevance.KindGenerated}

// runTrainGate learns the relevance gate (`train --gate`): it
// cross-validates by article, chooses the threshold that keeps every
// held-out on-topic article with a margin, prints what the gate keeps of
// each kind, and writes the model trained on everything to --out.
func runTrainGate(ctx context.Context, g *globalOptions, opts trainOptions) error {
	ro := relevance.DefaultOptions
	if opts.folds == 0 {
		return fmt.Errorf("--gate needs cross-validation to choose its threshold: --folds at least 2")
	}
	if len(opts.gold) == 0 {
		return fmt.Errorf("--gate learns from --gold folders (the text is read), not --samples")
	}
	ro.Folds = opts.folds
	docs, err := relevance.LoadGold(ctx, opts.gold)
	if err != nil {
		return err
	}
	docs = append(docs, relevance.Generated(ro.Generated, ro.GeneratedOn, ro.GeneratedSeed)...)
	m, held, err := relevance.Build(docs, ro)
	if err != nil {
		return err
	}
	fmt.Fprintf(g.stdout, "relevance gate: %d-fold cross-validation by article, threshold %.3f (%.1f log-odds below the lowest held-out on-topic article)\n",
		ro.Folds, m.Threshold, ro.Margin)
	kept := map[string][2]int{}
	lowest := math.Inf(1)
	for _, h := range held {
		c := kept[h.Doc.Kind]
		c[1]++
		if 1/(1+math.Exp(-h.LogOdds)) >= m.Threshold {
			c[0]++
		}
		kept[h.Doc.Kind] = c
		if h.Doc.OnTopic() {
			lowest = min(lowest, h.LogOdds)
		}
	}
	if err := writeKept(g, kept); err != nil {
		return err
	}
	var tp, fp int
	for k, c := range kept {
		if k == relevance.KindRelation || k == relevance.KindGeneratedOn {
			tp += c[0]
		} else {
			fp += c[0]
		}
	}
	fmt.Fprintf(g.stdout, "precision on this mix %.3f; lowest held-out on-topic log-odds %.2f\n", float64(tp)/float64(max(tp+fp, 1)), lowest)
	if len(opts.eval) > 0 {
		var edocs []relevance.Doc
		for _, dir := range opts.eval {
			ds, err := relevance.LoadGold(ctx, []string{dir})
			if err != nil {
				// Only reported on: a folder that cannot be read costs its
				// figures, not the model.
				fmt.Fprintf(g.stderr, "skip --eval %s: %v\n", dir, err)
				continue
			}
			edocs = append(edocs, ds...)
		}
		ekept := map[string][2]int{}
		for _, d := range edocs {
			dec := m.Decide(article.Article{Title: d.Title, Text: d.Text})
			c := ekept[d.Kind]
			c[1]++
			if dec.Keep {
				c[0]++
			} else if d.OnTopic() {
				fmt.Fprintf(g.stderr, "turned away an article with a relation: %s (relevance %.3f)\n", d.Name, dec.Probability)
			}
			ekept[d.Kind] = c
		}
		fmt.Fprintf(g.stdout, "\nheld-out evaluation on %d articles (never trained or tuned on):\n", len(edocs))
		if err := writeKept(g, ekept); err != nil {
			return err
		}
	}
	if opts.out == "" {
		return nil
	}
	if err := writeWith(opts.out, m.Write); err != nil {
		return err
	}
	fmt.Fprintf(g.stderr, "wrote %s (%s, %d weights, threshold %.3f)\n", opts.out, m.Version, len(m.Weights), m.Threshold)
	return nil
}

// writeKept prints how many articles of each kind the gate kept.
func writeKept(g *globalOptions, kept map[string][2]int) error {
	tw := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "KIND\tARTICLES\tKEPT\t")
	for _, k := range gateKinds {
		c, ok := kept[k]
		if !ok {
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t(%.1f%%)\n", k, c[1], c[0], 100*float64(c[0])/float64(max(c[1], 1)))
	}
	return tw.Flush()
}
