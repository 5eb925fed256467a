package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/influencegraph/influencegraph/config"
	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/graph/graphtest"
)

func TestBulkLoadErrors(t *testing.T) {
	fixture := analystsFixture(t)
	isolate(t)
	home := t.TempDir()
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"dry run", []string{"--dry-run"}, "has no --dry-run"},
		{"shard", []string{"--shard", "1/2"}, "takes no --shard"},
		{"no neo4j-admin", []string{"--neo4j-home", home}, "no neo4j-admin in " + filepath.Join(home, "bin")},
		{"bad neo4j-admin", []string{"--neo4j-admin", filepath.Join(home, "nothing-here")}, "nothing-here"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("PATH", home) // no neo4j-admin on PATH either
			_, errOut, code := runCommand(t, append([]string{"load", "--bulk"}, append(tt.args, fixture)...)...)
			if code == 0 || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want a failure saying %q", code, errOut, tt.want)
			}
		})
	}
}

// TestNeo4jBulkLoad runs `load --bulk` end to end with the neo4j-admin of
// the Neo4j that scripts/neo4j fetched, on a Neo4j home of its own: it is
// refused while a Neo4j answers at the configured URI (the test server),
// imports the fixture into the stopped home, is refused a second time
// since the database exists, replaces it with --replace-database, and
// finally starts a server on that home (scripts/neo4j) and counts what the
// database holds. Skipped without Java or the jars, except under CI=true.
func TestNeo4jBulkLoad(t *testing.T) {
	admin := adminWrapper(t)
	running := graphtest.Config(t)
	fixture := analystsFixture(t)
	script, err := filepath.Abs("../../scripts/neo4j")
	if err != nil {
		t.Fatal(err)
	}
	isolate(t)
	home := filepath.Join(t.TempDir(), "neo4j")
	if err := os.MkdirAll(filepath.Join(home, "conf"), 0o755); err != nil {
		t.Fatal(err)
	}
	conf := fmt.Sprintf("server.directories.data=%s\n", filepath.Join(home, "data"))
	if err := os.WriteFile(filepath.Join(home, "conf", "neo4j.conf"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	bulk := []string{"load", "--bulk", "--neo4j-admin", admin, "--neo4j-home", home, "--quiet"}

	// The test server answers: refused, nothing written.
	useNeo4j(t, running)
	if _, errOut, code := runCommand(t, append(bulk, fixture)...); code == 0 || !strings.Contains(errOut, "Neo4j is running at "+running.URI) {
		t.Fatalf("with Neo4j running: exit %d, stderr %q; want a refusal", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(home, "data")); err == nil {
		t.Fatalf("a refused bulk load wrote %s", filepath.Join(home, "data"))
	}

	// Nothing listens at the configured address: the import runs.
	bolt, http := freePort(t), freePort(t)
	t.Setenv("NEO4J_URI", "bolt://127.0.0.1:"+strconv.Itoa(bolt))
	t.Setenv("NEO4J_PASSWORD", "not-needed")
	t.Setenv("NEO4J_PASSWORD_FILE", "")
	csv := filepath.Join(t.TempDir(), "csv")
	out, errOut, code := runCommand(t, append(bulk, "--csv-dir", csv, fixture)...)
	if code != 0 || !strings.Contains(out, "Imported 36 nodes and 57 relationships into database \"neo4j\"") {
		t.Fatalf("bulk load: exit %d, stdout %q, stderr:\n%s", code, out, errOut)
	}
	if strings.Contains(errOut, "not-needed") {
		t.Errorf("the password is in the output:\n%s", errOut)
	}
	if files, _ := filepath.Glob(filepath.Join(csv, "*.csv")); len(files) != 26 {
		t.Errorf("--csv-dir holds %d files, want 26", len(files))
	}

	// The database exists now: refused, then replaced on request.
	if _, errOut, code := runCommand(t, append(bulk, fixture)...); code == 0 || !strings.Contains(errOut, "the database already exists") {
		t.Fatalf("second bulk load: exit %d, stderr %q; want a refusal", code, errOut)
	}
	if out, errOut, code := runCommand(t, append(bulk, "--replace-database", fixture)...); code != 0 || !strings.Contains(out, "Imported 36 nodes") {
		t.Fatalf("bulk load --replace-database: exit %d, stdout %q, stderr:\n%s", code, out, errOut)
	}

	// Start a server on the imported store and count.
	cfg := startNeo4j(t, script, home, bolt, http)
	ctx := context.Background()
	c, err := graph.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	for cypher, want := range map[string]int64{
		"MATCH (n) RETURN count(n) AS n":                                                        36,
		"MATCH ()-[r]->() RETURN count(r) AS n":                                                 57,
		"MATCH (:Person {id: 'person:vladimir-putin'})-[r:AUTHORISED]->() RETURN count(r) AS n": 1,
	} {
		res, err := c.Query(ctx, cypher, nil)
		if err != nil {
			t.Fatal(err)
		}
		if n, _ := res.Records[0].Get("n"); n != want {
			t.Errorf("%s = %v, want %d", cypher, n, want)
		}
	}
	useNeo4j(t, cfg)
	if _, errOut, code := runCommand(t, "schema", "apply"); code != 0 {
		t.Errorf("schema apply on the imported database: exit %d: %s", code, errOut)
	}
}

// startNeo4j starts a Neo4j on home with scripts/neo4j (stopped when the
// test ends) and returns the settings to reach it.
func startNeo4j(t *testing.T, script, home string, bolt, http int) config.Neo4j {
	t.Helper()
	env := append(os.Environ(), "IG_NEO4J_HOME="+home, "IG_NEO4J_BOLT_PORT="+strconv.Itoa(bolt),
		"IG_NEO4J_HTTP_PORT="+strconv.Itoa(http), "IG_NEO4J_HEAP=512m", "IG_NEO4J_PAGECACHE=64m", "NEO4J_PASSWORD=",
		"IG_NEO4J_START_TIMEOUT=600") // a loaded machine took over 180 s
	run := func(args ...string) []byte {
		cmd := exec.Command(script, args...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("scripts/neo4j %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return out
	}
	t.Cleanup(func() { run("stop") })
	run("start")
	return config.Neo4j{URI: "bolt://127.0.0.1:" + strconv.Itoa(bolt), Username: "neo4j",
		PasswordFile: filepath.Join(home, "password"), Database: "neo4j"}
}

func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// adminWrapper writes a neo4j-admin script that runs the AdminTool of the
// Neo4j jars scripts/neo4j fetched (its cache holds the jars, not the
// distribution's bin/), as bin/neo4j-admin would, with NEO4J_HOME and
// NEO4J_CONF from the environment.
func adminWrapper(t *testing.T) string {
	t.Helper()
	missing := func(format string, args ...any) {
		t.Helper()
		msg := fmt.Sprintf(format, args...)
		if graphtest.Required() {
			t.Fatalf("%s; load --bulk must be tested here (run scripts/neo4j fetch)", msg)
		}
		t.Skipf("%s; skipping (run scripts/neo4j fetch)", msg)
	}
	cache := os.Getenv("IG_NEO4J_CACHE")
	if cache == "" {
		base := os.Getenv("XDG_CACHE_HOME")
		if base == "" {
			h, _ := os.UserHomeDir()
			base = filepath.Join(h, ".cache")
		}
		cache = filepath.Join(base, "influencegraph")
	}
	version := os.Getenv("IG_NEO4J_VERSION")
	if version == "" {
		version = "5.26.30" // scripts/neo4j's default
	}
	lib := filepath.Join(cache, "neo4j-"+version, "lib")
	if _, err := os.Stat(filepath.Join(lib, ".complete")); err != nil {
		missing("no Neo4j %s jars in %s", version, cache)
	}
	java := ""
	for _, h := range []string{os.Getenv("IG_NEO4J_JAVA_HOME"), os.Getenv("JAVA_HOME")} {
		if p := filepath.Join(h, "bin", "java"); h != "" && isExecutable(p) {
			java = p
			break
		}
	}
	if java == "" {
		p, err := exec.LookPath("java")
		if err != nil {
			missing("no java")
		}
		java = p
	}
	script := fmt.Sprintf(`#!/bin/sh
: "${NEO4J_CONF:=$NEO4J_HOME/conf}"
export NEO4J_CONF
exec %s -Xmx256m -cp %s org.neo4j.cli.AdminTool "$@" --threads=2 --max-off-heap-memory=256m
`, shQuote(java), shQuote(filepath.Join(lib, "*")))
	p := filepath.Join(t.TempDir(), "neo4j-admin")
	if err := os.WriteFile(p, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func isExecutable(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir() && st.Mode()&0o111 != 0
}

func shQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
