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

func TestLoadErrorSaysWhatWasCommitted(t *testing.T) {
	err := &LoadError{Summary: Summary{Batches: 3, Articles: Articles{New: 40, Unchanged: 2}}, Err: errors.New("connection refused")}
	msg := err.Error()
	for _, want := range []string{"3 batches", "42 articles committed", "re-run the same command to finish", "connection refused"} {
		if !strings.Contains(msg, want) {
			t.Errorf("LoadError %q lacks %q", msg, want)
		}
	}
}
