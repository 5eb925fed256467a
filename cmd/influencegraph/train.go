package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/influencegraph/influencegraph/extract/gold"
	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/extract/learn"
	"github.com/influencegraph/influencegraph/extract/relation"
	"github.com/influencegraph/influencegraph/extract/relation/model"
	"github.com/influencegraph/influencegraph/extract/rulebased"
)

// trainOptions are the flags of `influencegraph train`.
type trainOptions struct {
	gold         []string
	samples      []string
	writeSamples string
	out          string
	folds        int
	kbFiles      []string
	opts         model.Options
	eval         []string
	gate         bool
	givenNames   bool
	// elections learns the chooser of an unnamed election's country.
	elections bool
}

func (o *trainOptions) AddFlags(f *pflag.FlagSet) {
	f.StringArrayVar(&o.gold, "gold", nil, "folder of annotated articles (NAME.txt beside NAME.gold.json); repeatable")
	f.StringArrayVar(&o.samples, "samples", nil, "samples file (--write-samples made it) to learn from as well; repeatable")
	f.StringVar(&o.writeSamples, "write-samples", "", "write the --gold folders' samples (features and labels, no text) to this file")
	f.StringVarP(&o.out, "out", "o", "", "model file to write (omit to only cross-validate)")
	f.IntVar(&o.folds, "folds", 5, "cross-validation folds by article, which also choose the threshold (0: keep 0.5)")
	f.StringArrayVar(&o.kbFiles, "kb", nil, "extra knowledge-base file (TSV); repeatable")
	f.StringArrayVar(&o.eval, "eval", nil, "folder of annotated articles to score the trained model on (never trained on); repeatable")
	f.IntVar(&o.opts.Epochs, "epochs", model.DefaultOptions.Epochs, "passes over the training examples")
	f.Float64Var(&o.opts.Rate, "rate", model.DefaultOptions.Rate, "AdaGrad learning rate")
	f.Float64Var(&o.opts.L2, "l2", model.DefaultOptions.L2, "L2 regularisation")
	f.IntVar(&o.opts.MinCount, "min-count", model.DefaultOptions.MinCount, "drop features seen in fewer candidates")
	f.Uint64Var(&o.opts.Seed, "seed", model.DefaultOptions.Seed, "seed of the example order")
	f.BoolVar(&o.elections, "election-chooser", true, "also learn which country an election the text names without one belongs to, and the year of one it dates nowhere (the rules pick them otherwise)")
	f.BoolVar(&o.givenNames, "given-names", false, "learn the words that open people's names from the --gold folders' Person entities instead of the relation model, and write them to --out (make names)")
	f.BoolVar(&o.gate, "gate", false, "learn the relevance gate instead of the relation model: articles with a gold relation are on topic, the others and generated everyday news off topic; --folds chooses its threshold, --eval reports what it keeps")
}

func newTrainCommand(g *globalOptions) *cobra.Command {
	var opts trainOptions
	cmd := &cobra.Command{
		Use:   "train --gold DIR... [--samples FILE...] [--out FILE]",
		Short: "Learn the relation model from annotated articles, with cross-validation",
		Long: `train runs the offline pipeline over annotated articles (NAME.txt beside
NAME.gold.json, the format of the evaluation set's gold files), labels every
candidate pair of entities from the annotations, and learns the relation
model. With --folds K it first cross-validates by article, prints the scores
per threshold, and keeps the threshold with the best F1 at precision of at
least 0.65. The same folders and options give the same file, byte for byte.

--write-samples keeps what learning reads of the --gold folders (each
candidate's features and labels, and the gold relations as keys, but no
text) in a file that --samples reads back: annotations that may not be
shared can still be learned from where they are not.

  influencegraph train --gold my-annotations/ --out my-model.json
  influencegraph extract --model my-model.json articles/`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runTrain(cmd.Context(), g, opts)
		},
	}
	opts.AddFlags(cmd.Flags())
	return cmd
}

// thresholds are the decision thresholds cross-validation tries: finer
// where the best F1 at precision 0.65 has fallen (0.25-0.45).
var thresholds = []float64{0.2, 0.225, 0.25, 0.275, 0.3, 0.325, 0.35, 0.375, 0.4, 0.425, 0.45, 0.475, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8}

func runTrain(ctx context.Context, g *globalOptions, opts trainOptions) error {
	if len(opts.gold) == 0 && len(opts.samples) == 0 {
		return fmt.Errorf("no --gold folder or --samples file: name at least one folder of annotated articles")
	}
	if opts.folds == 1 || opts.folds < 0 {
		return fmt.Errorf("--folds %d: want 0 (no cross-validation) or at least 2", opts.folds)
	}
	if opts.gate {
		return runTrainGate(ctx, g, opts)
	}
	if opts.givenNames {
		return runTrainGivenNames(g, opts)
	}
	k, err := kb.Load(opts.kbFiles...)
	if err != nil {
		return err
	}
	x, err := rulebased.New(k)
	if err != nil {
		return err
	}
	// The samples files come first: their election choices teach the
	// chooser the gold folders are analysed with.
	var extra []*learn.Sample
	var extraData []model.Source
	var sources []source
	for _, path := range opts.samples {
		more, src, err := learn.ReadSamplesFile(path)
		if err != nil {
			return err
		}
		sources = append(sources, source{filepath.ToSlash(path), more})
		extra = append(extra, more...)
		src.Dir = filepath.ToSlash(path)
		extraData = append(extraData, src)
	}
	var (
		docs     []*learn.Doc
		skipped  []error
		choosers learn.Choosers
	)
	if opts.elections {
		docs, choosers, skipped, err = learn.BuildCrossFitted(ctx, x, opts.gold, learn.ElectionChoices(extra), opts.opts)
	} else {
		docs, skipped, err = learn.Build(ctx, x, opts.gold)
	}
	if err != nil {
		return err
	}
	for _, s := range skipped {
		fmt.Fprintf(g.stderr, "skip %v\n", s)
	}
	var data []model.Source
	for _, dir := range opts.gold {
		n, sum, err := gold.Digest(dir)
		if err != nil {
			return err
		}
		data = append(data, model.Source{Dir: filepath.ToSlash(dir), Articles: n, SHA256: sum})
	}
	samples := learn.Samples(docs)
	if opts.writeSamples != "" {
		if err := writeWith(opts.writeSamples, func(w io.Writer) error { return learn.WriteSamples(w, data, samples) }); err != nil {
			return err
		}
		fmt.Fprintf(g.stderr, "wrote %s (%d articles)\n", opts.writeSamples, len(samples))
	}
	if len(samples) > 0 && len(sources) > 0 {
		sources = append([]source{{"the --gold folders", samples}}, sources...)
	}
	samples = append(samples, extra...)
	data = append(data, extraData...)
	var reach learn.Reach
	for _, a := range samples {
		reach.Add(a.Reach)
	}
	fmt.Fprintf(g.stderr, "%d annotated articles, %d skipped; %d required relations: %s\n",
		len(samples), len(skipped), reach.Total(), formatReach(reach))
	// each source on its own: a samples file's reach is what the code
	// that wrote it found, while the folders' is this build's
	for _, s := range sources {
		var r learn.Reach
		for _, a := range s.samples {
			r.Add(a.Reach)
		}
		fmt.Fprintf(g.stderr, "  %s: %d articles, %d required relations: %s\n", s.name, len(s.samples), r.Total(), formatReach(r))
	}
	th := [model.NumTypes]float64{0.5, 0.5, 0.5}
	if opts.folds > 0 {
		cv, err := learn.CrossValidate(samples, opts.folds, opts.opts, thresholds)
		if err != nil {
			return err
		}
		rows := []string{"rules (no model)"}
		scores := []learn.Scores{learn.ScoreRules(samples)}
		for i, t := range cv.Thresholds {
			rows = append(rows, fmt.Sprintf("model, threshold %.3f", t))
			scores = append(scores, cv.At[i])
		}
		th = cv.Chosen
		rows = append(rows, fmt.Sprintf("model, thresholds %s *", formatThresholds(th)))
		scores = append(scores, cv.Scores)
		fmt.Fprintf(g.stdout, "%d-fold cross-validation by article (* kept: per-type thresholds, best F1 at precision >= %.2f):\n", cv.Folds, learn.MinPrecision)
		if err := learn.WriteTable(g.stdout, rows, scores); err != nil {
			return err
		}
		if len(sources) > 0 {
			rows, scores := []string{}, []learn.Scores{}
			for _, s := range sources {
				only := map[*learn.Sample]bool{}
				for _, a := range s.samples {
					only[a] = true
				}
				rows = append(rows, fmt.Sprintf("%s *", s.name))
				scores = append(scores, cv.ScoreOf(th, only))
			}
			fmt.Fprintf(g.stdout, "by source, at the kept thresholds:\n")
			if err := learn.WriteTable(g.stdout, rows, scores); err != nil {
				return err
			}
		}
		fmt.Fprintf(g.stdout, "calibration (held-out relations by the model's probability: right / decided):\n ")
		for _, b := range cv.Calibration([]float64{0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1}) {
			if b.Decided > 0 {
				fmt.Fprintf(g.stdout, " %.1f-%.1f: %.2f (%d)", b.Lo, b.Hi, float64(b.Right)/float64(b.Decided), b.Decided)
			}
		}
		fmt.Fprintln(g.stdout)
	}
	m, err := learn.Train(samples, opts.opts)
	if err != nil {
		return err
	}
	m.Thresholds, m.Data = th, data
	m.ElectionCountry, m.ElectionYear = choosers.Country, choosers.Year
	if len(opts.eval) > 0 {
		edocs, eskipped, err := learn.Build(ctx, x.WithElectionChoosers(choosers.Country, choosers.Year), opts.eval)
		if err != nil {
			return err
		}
		for _, s := range eskipped {
			fmt.Fprintf(g.stderr, "skip %v\n", s)
		}
		fmt.Fprintf(g.stdout, "\nheld-out evaluation on %d articles:\n", len(edocs))
		if err := learn.WriteTable(g.stdout, []string{"rules (no model)", "model, thresholds " + formatThresholds(th)},
			[]learn.Scores{learn.ScoreRules(learn.Samples(edocs)), learn.Score(x.Finder(), m, edocs)}); err != nil {
			return err
		}
	}
	if opts.out == "" {
		return nil
	}
	if err := writeWith(opts.out, m.Write); err != nil {
		return err
	}
	fmt.Fprintf(g.stderr, "wrote %s (%s, %d features, thresholds %s)\n", opts.out, m.Version, len(m.Features), formatThresholds(th))
	return nil
}

// writeWith writes what write gives to path, atomically: a model or
// samples file is whole or absent.
func writeWith(path string, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	return writeFileAtomic(path, buf.Bytes())
}

// formatThresholds names each type's threshold: "AU 0.50, TA 0.40, AM 0.60".
func formatThresholds(th [model.NumTypes]float64) string {
	parts := make([]string, len(th))
	for i, t := range relation.Types {
		parts[i] = fmt.Sprintf("%s %.3f", t[:2], th[i])
	}
	return strings.Join(parts, ", ")
}

// source is one source of samples train learns from: the articles of
// the --gold folders, or a samples file.
type source struct {
	name    string
	samples []*learn.Sample
}

func formatReach(r learn.Reach) string {
	pct := func(n int) float64 { return 100 * float64(n) / float64(max(r.Total(), 1)) }
	return fmt.Sprintf("candidates reach %d (%.1f%%); an end not found %d (%.1f%%); ends too far apart %d (%.1f%%)",
		r.Reached, pct(r.Reached), r.MissingEntity, pct(r.MissingEntity), r.TooFar, pct(r.TooFar))
}

// writeFileAtomic writes b to path through a temporary file in the same
// folder, synced and renamed over it, so a reader never sees half a file
// (a model, a load's summary). The file is readable by all, as
// os.WriteFile with 0644 would make it.
func writeFileAtomic(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return fmt.Errorf("write %q: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // nothing to remove after the rename
	_, err = tmp.Write(b)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("write %q: %w", path, err)
	}
	return nil
}
