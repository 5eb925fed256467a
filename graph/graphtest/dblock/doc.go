// Package dblock lets tests that write to the shared test Neo4j take turns,
// within one test binary and across the parallel go test processes of
// `go test ./...`. It imports nothing from influencegraph, so the graph
// package's own tests can use it too; graphtest.Fresh takes it for you.
//
// Take it once per top-level test with Hold(t, Key(uri, database)); it is
// released when the test ends.
package dblock

import (
	"net"
	"net/url"
)

// Key names the lock of one database of one server. The scheme is left out
// and localhost counts as 127.0.0.1, so neo4j://localhost and
// bolt://127.0.0.1:7687 share a lock.
func Key(uri, database string) string {
	host, port := uri, "7687"
	if u, err := url.Parse(uri); err == nil && u.Host != "" {
		host = u.Hostname()
		if u.Port() != "" {
			port = u.Port()
		}
	}
	if host == "localhost" || host == "::1" {
		host = "127.0.0.1"
	}
	if database == "" {
		database = "neo4j"
	}
	return net.JoinHostPort(host, port) + "/" + database
}
