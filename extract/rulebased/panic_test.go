package rulebased

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/influencegraph/influencegraph/extract/article"
)

// TestExtractPanicKeepsStack: a rule that panics costs its article, and
// the error keeps the stack the panic was raised on. An Extractor without
// a resolver panics inside the resolver.
func TestExtractPanicKeepsStack(t *testing.T) {
	broken := &Extractor{}
	a := article.Article{ID: "a", Sources: []string{"a.txt"}, Text: "Russia interfered in the 2024 election."}
	_, err := broken.Extract(context.Background(), a)
	_, aerr := broken.Analyse(a)
	for name, err := range map[string]error{"Extract": err, "Analyse": aerr} {
		if !errors.Is(err, ErrInternal) {
			t.Fatalf("%s: err = %v, want ErrInternal", name, err)
		}
		var pe *PanicError
		if !errors.As(err, &pe) {
			t.Fatalf("%s: err = %T, want a *PanicError", name, err)
		}
		stack := string(pe.Stack)
		for _, frame := range []string{"resolve.(*Resolver).Resolve", "rulebased.(*Extractor)." + name, "resolve/resolve.go:"} {
			if !strings.Contains(stack, frame) {
				t.Errorf("%s: stack lacks %q:\n%s", name, frame, stack)
			}
		}
		if msg := err.Error(); strings.Contains(msg, "\n") || !strings.HasPrefix(msg, "internal extractor error: ") {
			t.Errorf("%s: message %q, want one line opening with the sentinel", name, msg)
		}
	}
}
