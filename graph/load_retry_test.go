package graph

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func TestRetryableDecidesWhatALoadRetries(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"connection lost", &neo4j.ConnectivityError{Inner: errors.New("connection reset by peer")}, true},
		{"deadlock", &neo4j.Neo4jError{Code: "Neo.TransientError.Transaction.DeadlockDetected"}, true},
		{"driver gave up retrying", fmt.Errorf("batch: %w", &neo4j.TransactionExecutionLimit{Cause: "timeout"}), true},
		{"wrong password", &neo4j.Neo4jError{Code: "Neo.ClientError.Security.Unauthorized"}, false},
		{"wrong password, classified", &ConnectError{Kind: ErrUnauthorized}, false},
		{"bad statement", &neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError"}, false},
		{"interrupted", context.Canceled, false},
	}
	for _, tt := range tests {
		if got := retryable(tt.err); got != tt.want {
			t.Errorf("%s: retryable(%v) = %v, want %v", tt.name, tt.err, got, tt.want)
		}
	}
}

// TestLoadErrorSaysWhatWasCommitted checks that a stopped load says what
// was committed, and advises a re-run only where one can help.
func TestLoadErrorSaysWhatWasCommitted(t *testing.T) {
	tests := []struct {
		name  string
		err   error
		rerun bool
	}{
		{"connection lost", &neo4j.ConnectivityError{Inner: errors.New("connection refused")}, true},
		{"driver gave up retrying", &neo4j.TransactionExecutionLimit{Cause: "timeout", Errors: []error{errors.New("connection refused")}}, true},
		{"interrupted", fmt.Errorf("connection refused while waiting: %w", context.Canceled), true},
		{"bad statement", &neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError", Msg: "connection refused"}, false},
		{"input that cannot be read", fmt.Errorf("read input: %w", errors.New("extracted.jsonl: connection refused")), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := &LoadError{Summary: Summary{Batches: 3, Articles: Articles{New: 40, Unchanged: 2}}, Err: tt.err}
			msg := err.Error()
			for _, want := range []string{"3 batches", "42 articles committed", "connection refused"} {
				if !strings.Contains(msg, want) {
					t.Errorf("LoadError %q lacks %q", msg, want)
				}
			}
			if got := strings.Contains(msg, "re-run the same command to finish"); got != tt.rerun || err.Rerun() != tt.rerun {
				t.Errorf("LoadError %q: advises a re-run %v, Rerun() %v; want %v", msg, got, err.Rerun(), tt.rerun)
			}
		})
	}
}
