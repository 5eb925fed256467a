package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/influencegraph/influencegraph/schema"
)

// streamFetchSize is how many records the driver pulls from the server at
// a time while a graph is streamed: what bounds the memory a streaming
// export holds, whatever the size of the graph.
const streamFetchSize = 500

// The methods below read the graph group by group, in the order of a
// Snapshot (node groups by their sorted labels, then by id; relationship
// types sorted, then by start id, end id and key), holding a bounded
// number of records at a time: what the streaming exports read. Internal
// properties (those starting with "_") and the schema-version node are
// left out, as in Snapshot. The groups are read one after the other, each
// in its own query: a graph changing meanwhile (a load running) may be
// exported half before and half after a batch.

// NodeGroups returns the label sets of the nodes of the database (each
// sorted), ordered as a Snapshot orders its nodes.
func (c *Client) NodeGroups(ctx context.Context) ([][]string, error) {
	t, err := c.ReadTable(ctx, fmt.Sprintf(`MATCH (n) WHERE NOT n:%s RETURN DISTINCT labels(n) AS labels`, quote(schema.Meta)), nil)
	if err != nil {
		return nil, fmt.Errorf("read node labels: %w", err)
	}
	var out [][]string
	for _, r := range t.Rows {
		labels := stringList(r[0])
		slices.Sort(labels)
		out = append(out, labels)
	}
	slices.SortFunc(out, func(a, b []string) int { return strings.Compare(strings.Join(a, ":"), strings.Join(b, ":")) })
	return out, nil
}

// NodeProperties returns the names of the properties that nodes with
// exactly the given labels carry, each with one of its values (which says
// its type).
func (c *Client) NodeProperties(ctx context.Context, labels []string) (map[string]any, error) {
	return c.properties(ctx, fmt.Sprintf(`MATCH (%%s%s) WHERE size(labels(%%[1]s)) = $count`, strings.ReplaceAll(labelPattern(labels), "%", "%%")),
		map[string]any{"count": len(labels)}, strings.Join(labels, ":"))
}

// RelTypes returns the relationship types in use, sorted.
func (c *Client) RelTypes(ctx context.Context) ([]string, error) {
	t, err := c.ReadTable(ctx, `CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType`, nil)
	if err != nil {
		return nil, fmt.Errorf("read relationship types: %w", err)
	}
	var out []string
	for _, r := range t.Rows {
		typ, _ := r[0].(string)
		// The count store answers at once; a type no longer used is left out.
		n, err := c.ReadTable(ctx, fmt.Sprintf(`MATCH ()-[r:%s]->() RETURN count(r) AS n`, quote(typ)), nil)
		if err != nil {
			return nil, fmt.Errorf("count relationships %s: %w", typ, err)
		}
		if k, _ := n.Rows[0][0].(int64); k > 0 {
			out = append(out, typ)
		}
	}
	slices.Sort(out)
	return out, nil
}

// RelProperties returns the names of the properties relationships of type
// typ carry, each with one of its values.
func (c *Client) RelProperties(ctx context.Context, typ string) (map[string]any, error) {
	return c.properties(ctx, fmt.Sprintf(`MATCH ()-[%%s:%s]->() WHERE true`, strings.ReplaceAll(quote(typ), "%", "%%")), nil, typ)
}

// properties lists the public property keys of the elements that match
// finds, with a value of each, in one query. match is a pattern with %s
// for the element's variable, ending in a WHERE clause.
func (c *Client) properties(ctx context.Context, match string, params map[string]any, what string) (map[string]any, error) {
	cypher := fmt.Sprintf(`%s UNWIND keys(e) AS key WITH DISTINCT key WHERE NOT key STARTS WITH '_'
CALL { WITH key %s AND s[key] IS NOT NULL RETURN s[key] AS value LIMIT 1 }
RETURN key, value`, fmt.Sprintf(match, "e"), fmt.Sprintf(match, "s"))
	t, err := c.ReadTable(ctx, cypher, params)
	if err != nil {
		return nil, fmt.Errorf("read the properties of %s: %w", what, err)
	}
	out := make(map[string]any, len(t.Rows))
	for _, r := range t.Rows {
		key, _ := r[0].(string)
		out[key] = r[1]
	}
	return out, nil
}

// EachNode calls fn with every node that has exactly the given labels, by
// id, reading them through one ordered cursor so that only a few hundred
// are in memory at a time. fn's error stops the reading and is returned
// as it is.
func (c *Client) EachNode(ctx context.Context, labels []string, fn func(Node) error) error {
	cypher := fmt.Sprintf(`MATCH (n%s) WHERE size(labels(n)) = $count WITH n ORDER BY n.%s RETURN properties(n) AS props`,
		labelPattern(labels), schema.PropID)
	sorted := slices.Sorted(slices.Values(labels))
	return c.stream(ctx, cypher, map[string]any{"count": len(labels)}, strings.Join(labels, ":"), func(r *neo4j.Record) error {
		props, _ := plain(r.Values[0]).(map[string]any)
		return fn(Node{Labels: sorted, Properties: public(props)})
	})
}

// EachRel calls fn with every relationship of type typ, ordered by the ids
// of its start and end nodes and its key, through one ordered cursor. fn's
// error stops the reading and is returned as it is.
func (c *Client) EachRel(ctx context.Context, typ string, fn func(Edge) error) error {
	cypher := fmt.Sprintf(`MATCH (a)-[r:%s]->(b) WITH a.%[2]s AS start, b.%[2]s AS end, r ORDER BY start, end, r.%[3]s
RETURN start, end, properties(r) AS props`, quote(typ), schema.PropID, schema.PropKey)
	return c.stream(ctx, cypher, nil, typ, func(r *neo4j.Record) error {
		start, _ := r.Values[0].(string)
		end, _ := r.Values[1].(string)
		props, _ := plain(r.Values[2]).(map[string]any)
		return fn(Edge{Type: typ, Start: start, End: end, Properties: public(props)})
	})
}

// stream runs one read query in an explicit transaction (not retried: fn
// may already have written what it was given) and hands its records to fn
// as the driver pulls them, streamFetchSize at a time.
func (c *Client) stream(ctx context.Context, cypher string, params map[string]any, what string, fn func(*neo4j.Record) error) error {
	session := c.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: c.cfg.Database,
		AccessMode: neo4j.AccessModeRead, FetchSize: streamFetchSize})
	defer session.Close(context.WithoutCancel(ctx))
	tx, err := session.BeginTransaction(ctx)
	if err != nil {
		return fmt.Errorf("read %s: %w", what, c.classify(err))
	}
	defer tx.Close(context.WithoutCancel(ctx))
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return fmt.Errorf("read %s: %w", what, c.classify(err))
	}
	for res.Next(ctx) {
		if err := fn(res.Record()); err != nil {
			return err
		}
	}
	if err := res.Err(); err != nil {
		return fmt.Errorf("read %s: %w", what, c.classify(err))
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("read %s: %w", what, c.classify(err))
	}
	return nil
}

// labelPattern is ":`A`:`B`".
func labelPattern(labels []string) string {
	var b strings.Builder
	for _, l := range labels {
		b.WriteString(":" + quote(l))
	}
	return b.String()
}

// quote backquotes a label or type name read from the database.
func quote(name string) string {
	return "`" + strings.ReplaceAll(name, "`", "``") + "`"
}

func stringList(v any) []string {
	xs, _ := v.([]any)
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
