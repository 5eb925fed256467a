package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/spf13/pflag"

	"github.com/influencegraph/influencegraph/config"
	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/extract/cascade"
	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/extract/llm"
	"github.com/influencegraph/influencegraph/extract/relation/model"
	"github.com/influencegraph/influencegraph/extract/relevance"
	"github.com/influencegraph/influencegraph/extract/rulebased"
)

// Extractor names, the values of --extractor. "rules" is the old name of
// the offline extractor, kept so scripts that name it go on working.
const (
	extractorOffline = "offline"
	extractorRules   = "rules"
	extractorLLM     = "llm"
	extractorCascade = "cascade"
)

// extractorOptions are the flags that choose the extractor; extract, load
// and label share them.
type extractorOptions struct {
	name    string
	llmWhen string
	// gate puts the relevance gate before the extractor, unless
	// extract.keep_off_topic says otherwise: extract and load set it.
	gate bool
}

// AddFlags defines --extractor and --llm-when.
func (o *extractorOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVar(&o.name, "extractor", extractorOffline, "extractor: offline (knowledge base, rules and the relation model of --model), llm (the language model of the llm section, on every article) or cascade (rules on every article, the model on those --llm-when selects)")
	f.StringVar(&o.llmWhen, "llm-when", cascade.DefaultWhen, "with --extractor cascade, which articles go to the model: always, never, or comparisons of min_confidence (alias confidence), max_confidence, relations, entities, elections, actors joined by and/or, e.g. 'confidence<0.6'")
}

// validate checks --extractor and --llm-when, and returns the condition
// --llm-when says, for --extractor cascade. Commands call it before
// reading anything, so a mistyped flag fails at once, even when no article
// comes to be extracted.
func (o extractorOptions) validate() (cascade.Condition, error) {
	switch o.name {
	case extractorOffline, extractorRules, extractorLLM:
		return cascade.Condition{}, nil
	case extractorCascade:
		return cascade.ParseCondition(o.llmWhen)
	}
	return cascade.Condition{}, fmt.Errorf("unknown --extractor %q (want offline, llm or cascade)", o.name)
}

// extractorRun is the extractor chosen for one run and what the summary
// reports of it.
type extractorRun struct {
	extract.Extractor
	// workers is how many articles to extract at once: with a model, at
	// least llm.max_concurrency, so that many requests can be in flight.
	workers int
	llm     *llm.Extractor
	cascade *cascade.Extractor
}

// newExtractor builds the extractor opts name from the configuration: the
// one place that decides what extracts. ctx bounds any I/O construction
// needs (none yet: the model is asked only per article).
func newExtractor(ctx context.Context, cfg config.Config, opts extractorOptions) (*extractorRun, error) {
	when, err := opts.validate()
	if err != nil {
		return nil, err
	}
	k, err := kb.Load(cfg.Extract.KnowledgeBase...)
	if err != nil {
		return nil, err
	}
	rules, err := rulebased.New(k)
	if err != nil {
		return nil, err
	}
	if rules, err = withRelationModel(rules, cfg.Extract.Model); err != nil {
		return nil, err
	}
	run := &extractorRun{Extractor: rules, workers: cfg.Extract.Workers}
	if opts.name == extractorOffline || opts.name == extractorRules {
		return run.withGate(opts.gate && !cfg.Extract.KeepOffTopic)
	}
	if err := cfg.LLM.Require(); err != nil {
		return nil, fmt.Errorf("--extractor %s needs a language model:\n%w", opts.name, err)
	}
	cacheDir, err := llmCacheDir(cfg.LLM.CacheDir)
	if err != nil {
		return nil, err
	}
	x, err := llm.New(rules, k, llm.Options{
		BaseURL:        cfg.LLM.BaseURL,
		Model:          cfg.LLM.Model,
		APIKey:         llm.Secret(cfg.LLM.APIKey),
		Timeout:        cfg.LLM.Timeout,
		MaxConcurrency: cfg.LLM.MaxConcurrency,
		MaxTokens:      cfg.LLM.MaxTokens,
		Temperature:    cfg.LLM.Temperature,
		MaxRetries:     3,
		CacheDir:       cacheDir,
	})
	if err != nil {
		return nil, err
	}
	run.llm, run.Extractor = x, x
	run.workers = max(run.workers, cfg.LLM.MaxConcurrency)
	if opts.name == extractorCascade {
		run.cascade = cascade.New(rules, x, when)
		run.Extractor = run.cascade
	}
	return run.withGate(opts.gate && !cfg.Extract.KeepOffTopic)
}

// withGate puts the shipped relevance gate before the run's extractor
// when on: articles it turns away cost no extraction (nor any request to
// a language model) and are skipped as off-topic.
func (r *extractorRun) withGate(on bool) (*extractorRun, error) {
	if !on {
		return r, nil
	}
	m, err := relevance.Default()
	if err != nil {
		return nil, err
	}
	r.Extractor = relevance.Gate(r.Extractor, m)
	return r, nil
}

// withRelationModel returns x with the relation model that extract.model
// names deciding its relations: builtin (the shipped one), none (the
// rules alone) or a file written by influencegraph train.
func withRelationModel(x *rulebased.Extractor, name string) (*rulebased.Extractor, error) {
	var m *model.Model
	var err error
	switch name {
	case config.ModelNone:
		return x, nil
	case config.ModelBuiltin, "":
		m, err = model.Default()
	default:
		m, err = model.Load(name)
	}
	if err != nil {
		return nil, err
	}
	return x.WithModel(m), nil
}

// llmCacheDir is the directory of cached answers: "" is the user cache
// directory's influencegraph/llm, "off" none.
func llmCacheDir(dir string) (string, error) {
	switch dir {
	case config.CacheOff:
		return "", nil
	case "":
		base, err := os.UserCacheDir()
		if err != nil {
			return "", fmt.Errorf("llm.cache_dir: no user cache directory (%w); set llm.cache_dir, or off", err)
		}
		return filepath.Join(base, "influencegraph", "llm"), nil
	}
	return dir, nil
}

// fellBack counts the articles the cascade sent to the model that kept
// their offline result because the model failed.
func (r *extractorRun) fellBack() int {
	if r == nil || r.cascade == nil {
		return 0
	}
	return r.cascade.Stats().FellBack
}

// printSummary writes the model's counters, when a model was asked.
func (r *extractorRun) printSummary(w io.Writer) {
	if r == nil || r.llm == nil {
		return
	}
	if r.cascade != nil {
		fmt.Fprintln(w, r.cascade.Stats())
	}
	fmt.Fprintln(w, r.llm.Stats())
}

// isSkip reports whether err costs one article rather than the run.
func isSkip(err error) bool {
	return errors.Is(err, rulebased.ErrInternal) || errors.Is(err, extract.ErrSkipArticle) || errors.Is(err, relevance.ErrOffTopic)
}

// failure renders the error an article was skipped for. With debug, the
// stack of a recovered panic follows on the next lines, so that the
// failing line can be found; without, it is the error's one line.
func failure(err error, debug bool) string {
	var pe *rulebased.PanicError
	if !debug || !errors.As(err, &pe) {
		return err.Error()
	}
	return err.Error() + "\n" + strings.TrimRight(string(pe.Stack), "\n")
}

// lockedWriter serialises writes to w: the article reader names skipped
// inputs from its goroutine while the workers and the writer report
// theirs.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// withLockedStderr returns a copy of g whose standard error is safe to
// write from several goroutines.
func withLockedStderr(g *globalOptions) *globalOptions {
	c := *g
	if _, ok := g.stderr.(*lockedWriter); !ok {
		c.stderr = &lockedWriter{w: g.stderr}
	}
	return &c
}
