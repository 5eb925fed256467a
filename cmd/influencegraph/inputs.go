package main

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/extract/article"
	"github.com/influencegraph/influencegraph/extract/relevance"
)

// inputOptions are the flags articles, extract and load share about their
// inputs: which to keep, whether to name the ones skipped, and whether a
// skip fails the run.
type inputOptions struct {
	strict          bool
	allowNonEnglish bool
	quiet           bool
}

// AddFlags defines --strict, --allow-non-english and --quiet.
func (o *inputOptions) AddFlags(f *pflag.FlagSet) {
	f.BoolVar(&o.strict, "strict", false, "exit with status 3 when any input was skipped, for any reason: bad or unreadable input, an article the extractor failed on or the language model could not answer (duplicates and earlier versions of a document excepted)")
	f.BoolVar(&o.allowNonEnglish, "allow-non-english", false, "keep articles the language check takes for another language")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "do not name skipped inputs on standard error; the summary still counts them")
}

// Skip reasons beyond the article reader's, for articles that were read
// but not extracted.
const (
	// reasonExtractionFailed: the extractor failed on the article.
	reasonExtractionFailed article.Reason = "extraction-failed"
	// reasonModelFailed: the language model gave no usable answer.
	reasonModelFailed article.Reason = "model-failed"
	// reasonOffTopic: the relevance gate took the article for news on
	// another subject. It is a choice, not a failure: --strict and a
	// load's status leave it aside, as they do duplicates.
	reasonOffTopic article.Reason = "off-topic"
)

// extractionSkipReason says why the extractor's error err cost an article.
func extractionSkipReason(err error) article.Reason {
	if errors.Is(err, relevance.ErrOffTopic) {
		return reasonOffTopic
	}
	if errors.Is(err, extract.ErrSkipArticle) {
		return reasonModelFailed
	}
	return reasonExtractionFailed
}

// checkPaths returns an error naming every PATH that does not exist: a
// mistyped path or an unmounted volume must fail the run, not pass as a run
// with nothing to do. "-" is standard input; a glob pattern may match
// nothing (that is counted as a skipped input).
func checkPaths(paths []string) error {
	var errs []error
	for _, p := range paths {
		if p == "-" {
			continue
		}
		_, err := os.Stat(p)
		if errors.Is(err, fs.ErrNotExist) && !strings.ContainsAny(p, "*?[") {
			errs = append(errs, fmt.Errorf("path %q does not exist", p))
		}
	}
	return errors.Join(errs...)
}

// addSkip counts one skipped input in s.
func addSkip(s *article.Summary, r article.Reason) {
	if s.Skipped == nil {
		s.Skipped = map[article.Reason]int{}
	}
	s.Skipped[r]++
}

// mergeSummary adds the counts of b to a.
func mergeSummary(a *article.Summary, b article.Summary) {
	a.Read += b.Read
	a.Duplicates += b.Duplicates
	a.OtherShard += b.OtherShard
	for r, n := range b.Skipped {
		if a.Skipped == nil {
			a.Skipped = map[article.Reason]int{}
		}
		a.Skipped[r] += n
	}
}

// skipCounts is what a run left out, by reason: inputs, lines and articles
// skipped, duplicates and earlier versions of a document excepted. It is
// what --strict fails on and what makes a load's status "partial".
type skipCounts struct {
	reasons map[string]int
	// fellBack counts articles that kept the offline result because the
	// language model failed (--extractor cascade): loaded, but not as
	// asked.
	fellBack int
}

func (s *skipCounts) add(reason string, n int) {
	if n == 0 {
		return
	}
	if s.reasons == nil {
		s.reasons = map[string]int{}
	}
	s.reasons[reason] += n
}

func (s skipCounts) total() int {
	n := 0
	for _, c := range s.reasons {
		n += c
	}
	return n
}

// any reports whether anything was left out or fell back.
func (s skipCounts) any() bool { return s.total()+s.fellBack > 0 }

// strictError is the error --strict turns a run with skips into: exit
// status 3, saying what was skipped and why.
func (s skipCounts) strictError() error {
	if !s.any() {
		return nil
	}
	var parts []string
	if n := s.total(); n > 0 {
		var reasons []string
		for _, r := range slices.Sorted(maps.Keys(s.reasons)) {
			reasons = append(reasons, fmt.Sprintf("%s %d", r, s.reasons[r]))
		}
		parts = append(parts, fmt.Sprintf("%d input(s) skipped (%s)", n, strings.Join(reasons, ", ")))
	}
	if s.fellBack > 0 {
		parts = append(parts, fmt.Sprintf("%d article(s) kept the offline result: the language model gave no usable answer", s.fellBack))
	}
	return &exitError{code: 3, msg: "--strict: " + strings.Join(parts, "; ")}
}

// readSkips are the skips of an article reader's summary, off-topic
// articles aside: the gate turning news on other subjects away is what
// it is for.
func readSkips(sum article.Summary) skipCounts {
	var s skipCounts
	for r, n := range sum.Skipped {
		if r != reasonOffTopic {
			s.add(string(r), n)
		}
	}
	return s
}
