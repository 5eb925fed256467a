// Package graphtest gives tests a real Neo4j to talk to.
//
// Config and Open find the server from the environment (NEO4J_URI,
// NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_PASSWORD_FILE, NEO4J_DATABASE, each
// also as INFLUENCEGRAPH_NEO4J_*), or else ask scripts/neo4j for the local
// development server (`scripts/neo4j env`). When no server answers, the
// test is skipped with a message, except under CI=true or
// INFLUENCEGRAPH_REQUIRE_NEO4J=1 (set by `make test`), where it fails: the
// integration tests must never pass by not running.
//
// Neo4j Community has a single user database, shared by every test on the
// machine. A test that writes takes it whole with Fresh, which holds a lock
// file for the rest of the test (so tests in other packages, run by go test
// in parallel processes, wait their turn) and starts from an empty
// database. Tests that only connect need no lock. Configuration files
// (influencegraph.yaml) are deliberately not read, so a user's own
// configuration can never send the tests to a production server.
package graphtest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/influencegraph/influencegraph/config"
	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/graph/graphtest/dblock"
)

// RequireEnv makes a missing Neo4j a failure rather than a skip, like CI=true.
const RequireEnv = config.RequireNeo4jEnv

// AllowWipeEnv lets Fresh and Clean empty a database on another machine.
const AllowWipeEnv = config.TestAllowWipeEnv

// Required reports whether tests must fail, not skip, without Neo4j.
func Required() bool {
	for _, name := range []string{"CI", RequireEnv} {
		if v, err := strconv.ParseBool(os.Getenv(name)); err == nil && v {
			return true
		}
	}
	return false
}

// Config returns the connection settings of the test Neo4j, after checking
// that it answers; see the package documentation for where they come from.
func Config(t testing.TB) config.Neo4j {
	t.Helper()
	c, cfg := connect(t)
	_ = c.Close(context.Background())
	return cfg
}

// Open returns a client connected to the test Neo4j, closed when the test
// ends.
func Open(t testing.TB) *graph.Client {
	t.Helper()
	c, _ := connect(t)
	t.Cleanup(func() { _ = c.Close(context.Background()) })
	return c
}

// Fresh returns a client to a database that holds no nodes and that no
// other test on this machine touches until this test ends. Call it once per
// top-level test, not in subtests of a test that already holds it (the
// subtest would wait for its parent's lock).
func Fresh(t testing.TB) *graph.Client {
	t.Helper()
	c := Open(t)
	dblock.Hold(t, dblock.Key(c.URI(), c.Database()))
	Clean(t, c)
	return c
}

// Clean deletes every node and relationship of the client's database.
// Constraints and indexes stay; see DropSchema. It refuses a server that is
// not on this machine unless INFLUENCEGRAPH_TEST_ALLOW_WIPE=1.
func Clean(t testing.TB, c *graph.Client) {
	t.Helper()
	guardWipe(t, c)
	ctx := context.Background()
	for {
		res, err := c.Write(ctx, "MATCH (n) WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS deleted",
			map[string]any{"batch": 10000})
		if err != nil {
			t.Fatalf("graphtest: empty the database: %v", err)
		}
		if n, _ := res.Records[0].Get("deleted"); n == int64(0) {
			return
		}
	}
}

// DropSchema drops every constraint and every index but the token lookup
// indexes Neo4j creates itself, so a test can start without any schema.
func DropSchema(t testing.TB, c *graph.Client) {
	t.Helper()
	guardWipe(t, c)
	ctx := context.Background()
	for _, q := range []struct{ show, drop string }{
		{"SHOW CONSTRAINTS YIELD name RETURN name", "DROP CONSTRAINT %s IF EXISTS"},
		{"SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name", "DROP INDEX %s IF EXISTS"},
	} {
		res, err := c.Query(ctx, q.show, nil)
		if err != nil {
			t.Fatalf("graphtest: %s: %v", q.show, err)
		}
		for _, r := range res.Records {
			name, _ := r.Get("name")
			// Schema names cannot be parameters in every supported version;
			// they come from the server and are quoted.
			stmt := fmt.Sprintf(q.drop, quoteName(fmt.Sprint(name)))
			if _, err := c.Write(ctx, stmt, nil); err != nil {
				t.Fatalf("graphtest: %s: %v", stmt, err)
			}
		}
	}
}

func quoteName(s string) string {
	return "`" + strings.ReplaceAll(s, "`", "``") + "`"
}

// guardWipe stops a test from emptying a database on another machine.
func guardWipe(t testing.TB, c *graph.Client) {
	t.Helper()
	u, err := url.Parse(c.URI())
	if err != nil {
		t.Fatalf("graphtest: %v", err)
	}
	host := u.Hostname()
	if ip := net.ParseIP(host); host == "localhost" || (ip != nil && ip.IsLoopback()) {
		return
	}
	if v, _ := strconv.ParseBool(os.Getenv(AllowWipeEnv)); v {
		return
	}
	t.Fatalf("graphtest: refusing to delete all data of %s (not on this machine); set %s=1 if it is a scratch server", c.URI(), AllowWipeEnv)
}

// connect finds the settings and opens a client, skipping or failing the
// test when there is no server.
func connect(t testing.TB) (*graph.Client, config.Neo4j) {
	t.Helper()
	cfg, explicit, err := settings()
	if err != nil {
		unavailable(t, "graphtest: no Neo4j configured: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := graph.Open(ctx, cfg)
	if err == nil {
		return c, cfg
	}
	// A server that answers but refuses the settings is a real problem
	// whoever runs the tests; so is an explicitly named server that is down.
	if explicit || !(errors.Is(err, graph.ErrNotListening) || errors.Is(err, graph.ErrUnreachable)) {
		t.Fatalf("graphtest: %v", err)
	}
	unavailable(t, "graphtest: no Neo4j at %s (%v)", cfg.URI, err)
	return nil, cfg
}

func unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if Required() {
		t.Fatalf("%s\nNeo4j integration tests must run here (CI=true or %s=1): start it with scripts/neo4j start or set NEO4J_URI", msg, RequireEnv)
	}
	t.Skipf("%s; skipping. Start one with scripts/neo4j start, or set NEO4J_URI (and NEO4J_PASSWORD_FILE)", msg)
}

// settings reads the environment, or else `scripts/neo4j env`. explicit
// says the user named the server.
func settings() (cfg config.Neo4j, explicit bool, err error) {
	env := lookupEnv
	if _, ok := env("NEO4J_URI"); !ok {
		vars, err := scriptEnv()
		if err != nil {
			return cfg, false, err
		}
		env = func(name string) (string, bool) {
			if v, ok := lookupEnv(name); ok {
				return v, true
			}
			v, ok := vars[name]
			return v, ok && v != ""
		}
	} else {
		explicit = true
	}
	def := config.Default().Neo4j
	get := func(name, fallback string) string {
		if v, ok := env(name); ok {
			return v
		}
		return fallback
	}
	cfg = config.Neo4j{
		URI:            get("NEO4J_URI", def.URI),
		Username:       get("NEO4J_USERNAME", def.Username),
		Password:       get("NEO4J_PASSWORD", ""),
		PasswordFile:   get("NEO4J_PASSWORD_FILE", ""),
		Database:       get("NEO4J_DATABASE", def.Database),
		ConnectTimeout: def.ConnectTimeout,
	}
	if cfg.Password != "" {
		cfg.PasswordFile = ""
	}
	return cfg, explicit, nil
}

// lookupEnv reads INFLUENCEGRAPH_<name> and then name, ignoring empty
// values, as config.Read does.
func lookupEnv(name string) (string, bool) {
	for _, n := range []string{config.EnvPrefix + name, name} {
		if v := os.Getenv(n); v != "" {
			return v, true
		}
	}
	return "", false
}

// scriptEnv runs `scripts/neo4j env` from the module root and returns the
// variables it exports.
func scriptEnv() (map[string]string, error) {
	root, err := moduleRoot()
	if err != nil {
		return nil, err
	}
	script := filepath.Join(root, "scripts", "neo4j")
	if _, err := os.Stat(script); err != nil {
		return nil, fmt.Errorf("NEO4J_URI is not set and %s is missing", script)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, script, "env")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("NEO4J_URI is not set and scripts/neo4j env failed: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	return parseExports(out), nil
}

// parseExports reads `export NAME=value` lines as bash's printf %q writes
// them.
func parseExports(out []byte) map[string]string {
	vars := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := strings.TrimPrefix(strings.TrimSpace(sc.Text()), "export ")
		name, value, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		if uq, err := strconv.Unquote(value); err == nil {
			value = uq
		} else if len(value) >= 2 && value[0] == '\'' && value[len(value)-1] == '\'' {
			value = value[1 : len(value)-1]
		} else {
			var b strings.Builder
			for i := 0; i < len(value); i++ {
				if value[i] == '\\' && i+1 < len(value) {
					i++
				}
				b.WriteByte(value[i])
			}
			value = b.String()
		}
		vars[name] = value
	}
	return vars
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("NEO4J_URI is not set and no go.mod above the working directory")
		}
		dir = parent
	}
}
