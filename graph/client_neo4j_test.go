package graph_test

import (
	"context"
	"errors"
	"regexp"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/graph/graphtest"
)

// TestNeo4jWriteRead writes a node through the driver to the test Neo4j and
// reads it back.
func TestNeo4jWriteRead(t *testing.T) {
	c := graphtest.Fresh(t)
	ctx := context.Background()

	if _, err := c.Write(ctx, "CREATE (:GraphtestProbe {id: $id, name: $name})",
		map[string]any{"id": "probe-1", "name": "Probe ü"}); err != nil {
		t.Fatalf("write: %v", err)
	}
	res, err := c.Query(ctx, "MATCH (p:GraphtestProbe {id: $id}) RETURN p.name AS name", map[string]any{"id": "probe-1"})
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	if len(res.Records) != 1 {
		t.Fatalf("read %d records, want 1", len(res.Records))
	}
	if name, _ := res.Records[0].Get("name"); name != "Probe ü" {
		t.Errorf("name = %v, want %q", name, "Probe ü")
	}

	got, err := c.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		r, err := tx.Run(ctx, "MATCH (p:GraphtestProbe) SET p.seen = true RETURN count(p) AS n", nil)
		if err != nil {
			return nil, err
		}
		rec, err := r.Single(ctx)
		if err != nil {
			return nil, err
		}
		n, _ := rec.Get("n")
		return n, nil
	})
	if err != nil || got != int64(1) {
		t.Errorf("ExecuteWrite = %v, %v; want 1", got, err)
	}

	graphtest.Clean(t, c)
	res, err = c.Query(ctx, "MATCH (n) RETURN count(n) AS n", nil)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.Records[0].Get("n"); n != int64(0) {
		t.Errorf("%v nodes left after Clean", n)
	}
}

// TestNeo4jServerInfo checks the version and edition the server reports.
func TestNeo4jServerInfo(t *testing.T) {
	c := graphtest.Open(t)
	info, err := c.ServerInfo(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// 5.x LTS, or the calendar versions 2025.x and later.
	if !regexp.MustCompile(`^(5\.\d+|20\d\d\.\d+)\.\d+`).MatchString(info.Version) {
		t.Errorf("version %q is neither 5.x nor 20xx.x", info.Version)
	}
	if info.Edition != "community" && info.Edition != "enterprise" {
		t.Errorf("edition %q", info.Edition)
	}
	if info.Agent == "" || info.Address == "" || info.Protocol == "" {
		t.Errorf("incomplete server info %+v", info)
	}
	if info.APOC != (info.APOCVersion != "") {
		t.Errorf("APOC %v but version %q", info.APOC, info.APOCVersion)
	}
	t.Logf("Neo4j %s %s at %s, Bolt %s, APOC %q", info.Version, info.Edition, info.Address, info.Protocol, info.APOCVersion)
}

// TestNeo4jWrongPassword checks that the server's refusal is classified.
func TestNeo4jWrongPassword(t *testing.T) {
	cfg := graphtest.Config(t)
	cfg.Password, cfg.PasswordFile = "certainly-not-the-password", ""
	c, err := graph.Open(context.Background(), cfg)
	if err == nil {
		c.Close(context.Background())
		t.Fatal("Open succeeded with a wrong password")
	}
	if !errors.Is(err, graph.ErrUnauthorized) || graph.IsRetryable(err) {
		t.Errorf("Open: %v (retryable %v), want ErrUnauthorized, not retryable", err, graph.IsRetryable(err))
	}
}

// TestNeo4jMissingDatabase checks that a missing database is named.
func TestNeo4jMissingDatabase(t *testing.T) {
	cfg := graphtest.Config(t)
	cfg.Database = "nosuchdatabase"
	c, err := graph.Open(context.Background(), cfg)
	if err == nil {
		c.Close(context.Background())
		t.Fatal("Open succeeded with a missing database")
	}
	if !errors.Is(err, graph.ErrDatabaseNotFound) {
		t.Errorf("Open: %v, want ErrDatabaseNotFound", err)
	}
}
