package graph

import (
	"context"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// Table is the result of a read query as plain Go values, so that callers
// outside graph/ (the query command, exports) never see driver types.
// Values are nil, bool, int64, float64, string, []any, map[string]any, or
// for graph values: a Node or Relationship (paths become a []any of them).
// Temporal values become ISO 8601 strings.
type Table struct {
	Columns []string
	Rows    [][]any
}

// Node is a node returned by a query.
type Node struct {
	Labels     []string       `json:"labels"`
	Properties map[string]any `json:"properties"`
}

// Relationship is a relationship returned by a query.
type Relationship struct {
	Type       string         `json:"type"`
	Properties map[string]any `json:"properties"`
}

// ReadTable runs cypher with params in a managed read transaction (routed
// to a reader in a cluster, retried by the driver on transient failures)
// and returns every record. A write in cypher fails: the library queries
// only read.
func (c *Client) ReadTable(ctx context.Context, cypher string, params map[string]any) (Table, error) {
	session := c.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: c.cfg.Database, AccessMode: neo4j.AccessModeRead})
	defer session.Close(context.WithoutCancel(ctx))
	out, err := session.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, cypher, params)
		if err != nil {
			return nil, err
		}
		keys, err := res.Keys()
		if err != nil {
			return nil, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		t := Table{Columns: keys, Rows: make([][]any, len(recs))}
		for i, r := range recs {
			row := make([]any, len(r.Values))
			for j, v := range r.Values {
				row[j] = plain(v)
			}
			t.Rows[i] = row
		}
		return t, nil
	})
	if err != nil {
		return Table{}, c.classify(err)
	}
	return out.(Table), nil
}

// plain converts a driver value to the plain Go values Table promises.
func plain(v any) any {
	switch x := v.(type) {
	case nil, bool, int64, float64, string:
		return x
	case []byte:
		return string(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plain(e)
		}
		return out
	case map[string]any:
		return plainMap(x)
	case dbtype.Node:
		return Node{Labels: x.Labels, Properties: plainMap(x.Props)}
	case dbtype.Relationship:
		return Relationship{Type: x.Type, Properties: plainMap(x.Props)}
	case dbtype.Path:
		out := make([]any, 0, len(x.Nodes)+len(x.Relationships))
		for i, n := range x.Nodes {
			out = append(out, plain(n))
			if i < len(x.Relationships) {
				out = append(out, plain(x.Relationships[i]))
			}
		}
		return out
	case dbtype.Date:
		return x.Time().Format(time.DateOnly)
	case dbtype.LocalDateTime:
		return x.Time().Format("2006-01-02T15:04:05.999999999")
	case dbtype.LocalTime:
		return x.Time().Format("15:04:05.999999999")
	case dbtype.Time:
		return x.Time().Format("15:04:05.999999999Z07:00")
	case time.Time:
		return x.Format(time.RFC3339Nano)
	case dbtype.Duration:
		return x.String()
	default:
		return fmt.Sprint(x)
	}
}

func plainMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = plain(v)
	}
	return out
}
