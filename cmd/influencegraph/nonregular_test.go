//go:build unix

package main

import (
	"context"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/influencegraph/influencegraph/graph/graphtest"
)

// mkfifo makes a named pipe at dir/name, which nothing will write to.
func mkfifo(t testing.TB, dir, name string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	return p
}

// runWithin is runCommand that fails the test when the command has not
// returned within d, instead of hanging the test binary.
func runWithin(t *testing.T, d time.Duration, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), d)
	defer cancel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		stdout, stderr, code = runCommand(t, args...)
	}()
	select {
	case <-done:
	case <-ctx.Done():
		t.Fatalf("%s still running after %v", strings.Join(args, " "), d)
	}
	return stdout, stderr, code
}

// TestExtractSkipsAFIFO: a named pipe, given as a path or met in a
// folder, is skipped and named instead of blocking the run.
func TestExtractSkipsAFIFO(t *testing.T) {
	isolate(t)
	dir := writeArticles(t, 2)
	inFolder := mkfifo(t, dir, "ab-fifo.txt")
	path := mkfifo(t, t.TempDir(), "fifo.txt")
	out, errOut, code := runWithin(t, 60*time.Second, "extract", path, dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, p := range []string{path, inFolder} {
		if !strings.Contains(errOut, "skip "+p+": not-regular-file: a named pipe") {
			t.Errorf("stderr does not name %s as a named pipe: %q", p, errOut)
		}
	}
	if n := strings.Count(out, `"kind":"article"`); n != 2 {
		t.Errorf("%d articles extracted, want 2", n)
	}
}

// TestNeo4jLoadSkipsAFIFO is the same for load.
func TestNeo4jLoadSkipsAFIFO(t *testing.T) {
	cfg := graphtest.Config(t)
	graphtest.Ready(t)
	isolate(t)
	useNeo4j(t, cfg)
	dir := writeArticles(t, 2)
	path := mkfifo(t, t.TempDir(), "fifo.txt")
	_, errOut, code := runWithin(t, 120*time.Second, "load", "--progress", "none", path, dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "skip "+path+": not-regular-file: a named pipe") {
		t.Errorf("stderr does not name %s as a named pipe: %q", path, errOut)
	}
}
