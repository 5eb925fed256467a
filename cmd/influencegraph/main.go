// Command influencegraph reads articles about foreign interference in
// elections, extracts who did what to whom, and loads the graph into Neo4j.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

// run builds the command tree, executes it and maps the outcome to an exit
// code; it is the only place that decides how the process ends.
func run(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	root := newRootCommand(&globalOptions{stdout: os.Stdout, stderr: os.Stderr})
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	var exit *exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		if exit.msg != "" {
			fmt.Fprintln(os.Stderr, "influencegraph:", exit.msg)
		}
		return exit.code
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(os.Stderr, "influencegraph: interrupted")
		return 130
	default:
		fmt.Fprintln(os.Stderr, "influencegraph:", err)
		return 1
	}
}

// exitError carries a specific exit code out of a command.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }
