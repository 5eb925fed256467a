package main

import (
	"context"
	"strings"
	"testing"

	"github.com/influencegraph/influencegraph/extract/article"
	"github.com/influencegraph/influencegraph/extract/rulebased"
)

// TestFailureStackOnlyWithDebug: the skip of an article the extractor
// panicked on is one line, and carries the panic's stack with --debug.
func TestFailureStackOnlyWithDebug(t *testing.T) {
	// An Extractor without a resolver panics inside the resolver.
	_, err := (&rulebased.Extractor{}).Extract(context.Background(), article.Article{Text: "Russia interfered in the 2024 election."})
	if err == nil {
		t.Fatal("the broken extractor did not fail")
	}
	plain := failure(err, false)
	if strings.Contains(plain, "\n") || !strings.Contains(plain, "internal extractor error") {
		t.Errorf("without --debug: %q, want the error's one line", plain)
	}
	debug := failure(err, true)
	if !strings.HasPrefix(debug, plain+"\n") || !strings.Contains(debug, "resolve.(*Resolver).Resolve") || !strings.Contains(debug, "goroutine ") {
		t.Errorf("with --debug: %q, want the error then the stack", debug)
	}
}

func TestDebugFlag(t *testing.T) {
	isolate(t)
	if _, errOut, code := runCommand(t, "--debug", "extract", writeArticles(t, 1)); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
}
