package graph_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/influencegraph/influencegraph/config"
	"github.com/influencegraph/influencegraph/graph"
)

// Open connects once per run; a failure says what to fix, and errors.Is
// tells the kinds apart.
func ExampleOpen() {
	ctx := context.Background()
	cfg := config.Default().Neo4j
	cfg.PasswordFile = "/run/secrets/neo4j-password"

	client, err := graph.Open(ctx, cfg)
	switch {
	case errors.Is(err, graph.ErrUnauthorized):
		fmt.Println("fix the password:", err)
		return
	case err != nil:
		fmt.Println(err)
		return
	}
	defer client.Close(ctx)

	res, err := client.Query(ctx, "MATCH (s:State {name: $name}) RETURN s.id AS id", map[string]any{"name": "Borduria"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range res.Records {
		id, _ := r.Get("id")
		fmt.Println(id)
	}
}
