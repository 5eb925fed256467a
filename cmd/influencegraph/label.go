package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/influencegraph/influencegraph/config"
	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/extract/article"
	"github.com/influencegraph/influencegraph/extract/gold"
	"github.com/influencegraph/influencegraph/extract/llm"
)

// labelOptions are the flags of the label command.
type labelOptions struct {
	out    string
	quiet  bool
	strict bool

	cfg   config.Config
	stdin io.Reader
}

func (o *labelOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVar(&o.out, "out", "", "write NAME.gold.json and NAME.txt into `DIR` (created if needed)")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "do not name skipped inputs on standard error")
	f.BoolVar(&o.strict, "strict", false, "exit with status 3 when the language model gave no usable answer for an article")
}

func newLabelCommand(g *globalOptions) *cobra.Command {
	var opts labelOptions
	cmd := &cobra.Command{
		Use:   "label PATH... --out DIR",
		Short: "Draft gold annotations with the language model, for a person to check and train on",
		Long: `Read articles from PATHs (as extract does), ask the language model of the llm
configuration section about each, and write into DIR, for each article,
NAME.gold.json in the annotation format train --gold reads and the article
beside it as NAME.txt. Every file is marked "machine_made": true with a note
naming the model and prompt: check and correct it, then remove the mark,
before training on it. A NAME.gold.json without the mark (made by a person)
is never overwritten. Answers are cached as for extract --extractor llm.`,
		Example: `  INFLUENCEGRAPH_LLM_BASE_URL=http://127.0.0.1:11434/v1 INFLUENCEGRAPH_LLM_MODEL=qwen2.5:14b \
    influencegraph label articles/ --out labelled/`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.out == "" {
				return errors.New("label: name the folder to write into with --out DIR")
			}
			cfg, err := g.loadConfig(cmd)
			if err != nil {
				return err
			}
			opts.cfg, opts.stdin = cfg, cmd.InOrStdin()
			return runLabel(cmd.Context(), g, opts, args)
		},
	}
	opts.AddFlags(cmd.Flags())
	addConfigFlag(cmd, "input.max_bytes", "max-bytes")
	return cmd
}

// textKeeper remembers each article's text and sources between the
// extractor's workers and the writer, which gets only results.
type textKeeper struct {
	extract.Extractor
	mu       sync.Mutex
	articles map[string]article.Article
}

func (k *textKeeper) Extract(ctx context.Context, a article.Article) (extract.Result, error) {
	res, err := k.Extractor.Extract(ctx, a)
	if err == nil {
		k.mu.Lock()
		k.articles[res.Article.ID] = a
		k.mu.Unlock()
	}
	return res, err
}

func (k *textKeeper) take(id string) article.Article {
	k.mu.Lock()
	defer k.mu.Unlock()
	a := k.articles[id]
	delete(k.articles, id)
	return a
}

func runLabel(ctx context.Context, g *globalOptions, opts labelOptions, args []string) error {
	g = withLockedStderr(g)
	x, err := newExtractor(ctx, opts.cfg, extractorOptions{name: extractorLLM})
	if err != nil {
		return err
	}
	if err := os.MkdirAll(opts.out, 0o755); err != nil {
		return fmt.Errorf("label: %w", err)
	}
	keep := &textKeeper{Extractor: x, articles: map[string]article.Article{}}
	r := article.NewReader(article.Options{
		MaxBytes: opts.cfg.Input.MaxBytes,
		Stdin:    opts.stdin,
		Workers:  x.workers,
		OnSkip: func(s article.Skip) {
			if !opts.quiet {
				fmt.Fprintf(g.stderr, "skip %s\n", s)
			}
		},
	})
	note := fmt.Sprintf("machine-made by %s, prompt %s: check before training", x.llm.Model(), llm.PromptVersion)
	used := map[string]bool{}
	written, kept := 0, 0
	var skips skipCounts
	sum, err := extractOrdered(ctx, keep, r, args, func(res extract.Result) error {
		a := keep.take(res.Article.ID)
		name := labelName(a, used)
		ok, err := writeLabel(opts.out, name, a, res, note)
		switch {
		case err != nil:
			return err
		case ok:
			written++
		default:
			kept++
			fmt.Fprintf(g.stderr, "label: kept %s.gold.json: it has no \"machine_made\": true, so a person made it\n", name)
		}
		return nil
	}, func(a article.Article, err error) {
		skips.add(string(extractionSkipReason(err)), 1)
		fmt.Fprintf(g.stderr, "skip %s: %s\n", strings.Join(a.Sources, ", "), failure(err, g.debug))
	})
	fmt.Fprintln(g.stderr, formatSummary(sum))
	x.printSummary(g.stderr)
	fmt.Fprintf(g.stderr, "label: %d gold files written to %s", written, opts.out)
	if kept > 0 {
		fmt.Fprintf(g.stderr, ", %d made by a person kept", kept)
	}
	fmt.Fprintln(g.stderr)
	if err != nil {
		return err
	}
	if !opts.strict {
		return nil
	}
	return skips.strictError()
}

// labelName is the NAME of an article's files: its source file's name
// without extension ("path/001.html" is 001; line 7 of "feed.jsonl" is
// feed-7), made unique among used.
func labelName(a article.Article, used map[string]bool) string {
	src := "article"
	if len(a.Sources) > 0 {
		src = a.Sources[0]
	}
	line := ""
	if i := strings.LastIndexByte(src, ':'); i > 0 && isDigits(src[i+1:]) {
		src, line = src[:i], src[i+1:]
	}
	base := filepath.Base(src)
	if i := strings.IndexByte(base, '.'); i > 0 {
		base = base[:i]
	}
	if line != "" {
		base += "-" + line
	}
	if base == "" || base == "-" {
		base = a.ID
	}
	name := base
	for n := 2; used[name]; n++ {
		name = fmt.Sprintf("%s-%d", base, n)
	}
	used[name] = true
	return name
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// writeLabel writes NAME.txt and NAME.gold.json into dir; false means a
// person's NAME.gold.json was there and is kept.
func writeLabel(dir, name string, a article.Article, res extract.Result, note string) (bool, error) {
	goldPath := filepath.Join(dir, name+".gold.json")
	if b, err := os.ReadFile(goldPath); err == nil {
		var prev struct {
			MachineMade bool `json:"machine_made"`
		}
		if json.Unmarshal(b, &prev) != nil || !prev.MachineMade {
			return false, nil
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return false, fmt.Errorf("label: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".txt"), labelText(a), 0o644); err != nil {
		return false, fmt.Errorf("label: %w", err)
	}
	gf := gold.FromResult(res, name+".txt")
	gf.Note, gf.MachineMade = note, true
	b, err := json.MarshalIndent(gf, "", " ")
	if err != nil {
		return false, fmt.Errorf("label %s: %w", name, err)
	}
	if err := os.WriteFile(goldPath, append(b, '\n'), 0o644); err != nil {
		return false, fmt.Errorf("label: %w", err)
	}
	return true, nil
}

// labelText is the article file written beside the gold file: a copy of
// the source when it is a plain-text file, else the text the reader made
// with its header lines, which reads back to the same text (so the
// evidence of the gold file is in it).
func labelText(a article.Article) []byte {
	if len(a.Sources) == 1 && strings.HasSuffix(strings.ToLower(a.Sources[0]), ".txt") {
		if b, err := os.ReadFile(a.Sources[0]); err == nil {
			return b
		}
	}
	var b strings.Builder
	if a.URL != "" {
		fmt.Fprintf(&b, "url: %s\n", a.URL)
	}
	body := a.Text
	if a.Title != "" {
		fmt.Fprintf(&b, "title: %s\n", a.Title)
		body = strings.TrimPrefix(strings.TrimPrefix(body, a.Title), "\n\n")
	}
	if a.Published != "" {
		fmt.Fprintf(&b, "published: %s\n", a.Published)
	}
	b.WriteString("\n")
	b.WriteString(body)
	b.WriteString("\n")
	return []byte(b.String())
}
