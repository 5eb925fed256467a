package graph

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/influencegraph/influencegraph/schema"
)

// SchemaStatus is what the database says about its schema.
type SchemaStatus struct {
	// Version is the schema version recorded in the database, 0 when none.
	Version int `json:"version"`
	// Want is the version this build writes.
	Want int `json:"want"`
	// Applied lists the migrations run by ApplySchema, oldest first.
	Applied []int `json:"applied,omitempty"`
}

// SchemaVersion reads the schema version recorded on the Meta node; 0
// means the database has never been set up by influencegraph.
func SchemaVersion(ctx context.Context, driver neo4j.DriverWithContext, database string) (int, error) {
	q := fmt.Sprintf("MATCH (m:%s {%s: $id}) RETURN m.%s AS v", schema.Meta, schema.PropID, schema.PropVersion)
	res, err := neo4j.ExecuteQuery(ctx, driver, q, map[string]any{"id": schema.MetaID},
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	if len(res.Records) == 0 {
		return 0, nil
	}
	v, _ := res.Records[0].Get("v")
	n, ok := v.(int64)
	if !ok {
		return 0, fmt.Errorf("read schema version: unexpected value %v", v)
	}
	return int(n), nil
}

// ApplySchema brings the database up to the model's version: it runs every
// pending migration (DDL statements are IF NOT EXISTS, so a half-applied
// migration is simply run again) and then records the version. Applying an
// up-to-date schema changes nothing. A database newer than the model is an
// error: an older influencegraph must not write to it.
func ApplySchema(ctx context.Context, driver neo4j.DriverWithContext, database string, m schema.Model) (SchemaStatus, error) {
	st := SchemaStatus{Want: m.Version}
	v, err := SchemaVersion(ctx, driver, database)
	if err != nil {
		return st, err
	}
	st.Version = v
	if v > m.Version {
		return st, fmt.Errorf("database schema version %d is newer than this influencegraph's (%d): upgrade influencegraph", v, m.Version)
	}
	for _, mig := range m.Pending(v) {
		for _, stmt := range mig.DDL {
			if err := runDDL(ctx, driver, database, stmt); err != nil {
				return st, fmt.Errorf("migrate schema to version %d: %w", mig.Version, err)
			}
		}
		for _, stmt := range mig.Data {
			if _, err := neo4j.ExecuteQuery(ctx, driver, stmt, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(database)); err != nil {
				return st, fmt.Errorf("migrate data to version %d: %w", mig.Version, err)
			}
		}
		// Record each step, never lowering a version another process wrote.
		q := fmt.Sprintf(`MERGE (m:%s {%s: $id})
SET m.%s = CASE WHEN coalesce(m.%s, 0) > $v THEN m.%s ELSE $v END, m.applied_at = datetime()`,
			schema.Meta, schema.PropID, schema.PropVersion, schema.PropVersion, schema.PropVersion)
		if _, err := neo4j.ExecuteQuery(ctx, driver, q, map[string]any{"id": schema.MetaID, "v": int64(mig.Version)},
			neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(database)); err != nil {
			return st, fmt.Errorf("record schema version %d: %w", mig.Version, err)
		}
		st.Applied = append(st.Applied, mig.Version)
		st.Version = mig.Version
	}
	return st, nil
}

// runDDL runs one schema statement in its own transaction. Two processes
// creating the same constraint at once may make one fail with an
// "equivalent schema rule already exists" error; that outcome is what was
// wanted, so the statement is tried once more, when IF NOT EXISTS holds.
func runDDL(ctx context.Context, driver neo4j.DriverWithContext, database, stmt string) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		_, err = neo4j.ExecuteQuery(ctx, driver, stmt, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(database))
		if err == nil {
			return nil
		}
		if ctx.Err() != nil || neo4j.IsConnectivityError(err) {
			break
		}
	}
	return fmt.Errorf("%s: %w", stmt, err)
}
