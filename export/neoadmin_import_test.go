package export_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/influencegraph/influencegraph/export"
	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/graph/graphtest"
	"github.com/influencegraph/influencegraph/schema"
)

// TestNeo4jAdminImport imports the neo4j-admin files of the fixture with
// neo4j-admin itself, from the Neo4j that scripts/neo4j fetched from Maven,
// into a fresh database in a temporary home (the running server's data is
// never touched), and checks the node, relationship and property counts
// neo4j-admin reports against the snapshot. It is skipped when no Java or
// Neo4j jars are found, except under CI=true (graphtest.Required), where
// it fails.
func TestNeo4jAdminImport(t *testing.T) {
	adminImport(t, snapshot(t))
}

// TestNeo4jAdminImportFromDatabase does the same with the fixture loaded
// into the local Neo4j and exported from there, load times included.
func TestNeo4jAdminImportFromDatabase(t *testing.T) {
	adminTool(t) // skip before touching the database when there is no neo4j-admin
	c := graphtest.Ready(t)
	graphtest.LoadFile(t, c, fixture)
	ctx := context.Background()
	s, err := c.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Nodes) != 36 || len(s.Edges) != 57 { // 56 from the articles, 1 PART_OF
		t.Fatalf("database snapshot has %d nodes and %d relationships, want 36 and 57", len(s.Nodes), len(s.Edges))
	}
	adminImport(t, s)
}

// adminImport writes s as neo4j-admin files, imports them into a fresh
// database in a temporary home and checks the counts neo4j-admin reports.
func adminImport(t *testing.T, s graph.Snapshot) {
	t.Helper()
	java, lib := adminTool(t)
	dir := t.TempDir()
	im, err := export.NeoAdmin(s, schema.Default(), filepath.Join(dir, "csv"), "neo4j")
	if err != nil {
		t.Fatal(err)
	}
	home := filepath.Join(dir, "home")
	for _, d := range []string{"conf", "data", "logs"} {
		if err := os.MkdirAll(filepath.Join(home, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	conf := fmt.Sprintf("server.directories.data=%s\nserver.directories.logs=%s\n", filepath.Join(home, "data"), filepath.Join(home, "logs"))
	if err := os.WriteFile(filepath.Join(home, "conf", "neo4j.conf"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(dir, "import.report")
	args := append([]string{"-Xmx256m", "-cp", filepath.Join(lib, "*"), "org.neo4j.cli.AdminTool"}, im.Args...)
	args = append(args, "--report-file="+report, "--threads=2", "--max-off-heap-memory=512m")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, java, args...)
	cmd.Dir = home
	cmd.Env = append(os.Environ(), "NEO4J_HOME="+home, "NEO4J_CONF="+filepath.Join(home, "conf"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("neo4j-admin import failed: %v\n%s", err, out)
	}
	// IMPORT DONE in 3s 558ms.
	// Imported:
	//   36 nodes
	//   57 relationships
	//   564 properties
	counts := map[string]int{}
	for _, m := range regexp.MustCompile(`(?m)^\s+(\d+) (nodes|relationships|properties)\s*$`).FindAllStringSubmatch(string(out), -1) {
		counts[m[2]], _ = strconv.Atoi(m[1])
	}
	want := map[string]int{"nodes": len(s.Nodes), "relationships": len(s.Edges), "properties": properties(s)}
	for k, n := range want {
		if counts[k] != n {
			t.Errorf("neo4j-admin imported %d %s, want %d\n%s", counts[k], k, n, out)
		}
	}
	if b, err := os.ReadFile(report); err == nil && len(strings.TrimSpace(string(b))) > 0 {
		t.Errorf("import report lists bad entries:\n%s", b)
	}
}

// properties counts the properties the files carry: every non-empty
// value (an empty list is written as nothing, so it is not imported).
func properties(s graph.Snapshot) int {
	n := 0
	count := func(props map[string]any) {
		for _, v := range props {
			switch x := v.(type) {
			case nil:
			case []string:
				if len(x) > 0 {
					n++
				}
			case []any:
				if len(x) > 0 {
					n++
				}
			default:
				n++
			}
		}
	}
	for _, node := range s.Nodes {
		count(node.Properties)
	}
	for _, e := range s.Edges {
		count(e.Properties)
	}
	return n
}

// adminTool finds a Java and the jars of a Neo4j 5.x that scripts/neo4j
// fetched: IG_NEO4J_LIB names the lib folder outright; otherwise the
// newest 5.x under the script's cache (IG_NEO4J_CACHE, else
// $XDG_CACHE_HOME/influencegraph or ~/.cache/influencegraph), or exactly
// IG_NEO4J_VERSION when set. Java is IG_NEO4J_JAVA_HOME's, JAVA_HOME's or
// the one on PATH.
func adminTool(t testing.TB) (java, lib string) {
	t.Helper()
	missing := func(format string, args ...any) {
		t.Helper()
		msg := fmt.Sprintf(format, args...)
		if graphtest.Required() {
			t.Fatalf("%s; the neo4j-admin round trip must run here (run scripts/neo4j fetch)", msg)
		}
		t.Skipf("%s; skipping (run scripts/neo4j fetch)", msg)
	}
	lib = os.Getenv("IG_NEO4J_LIB")
	if lib == "" {
		cache := os.Getenv("IG_NEO4J_CACHE")
		if cache == "" {
			base := os.Getenv("XDG_CACHE_HOME")
			if base == "" {
				home, _ := os.UserHomeDir()
				base = filepath.Join(home, ".cache")
			}
			cache = filepath.Join(base, "influencegraph")
		}
		pattern := "neo4j-5.*"
		if v := os.Getenv("IG_NEO4J_VERSION"); v != "" {
			pattern = "neo4j-" + v
		}
		dirs, _ := filepath.Glob(filepath.Join(cache, pattern, "lib", ".complete"))
		slices.SortFunc(dirs, compareVersions)
		if len(dirs) == 0 {
			missing("no Neo4j 5.x jars in %s", cache)
		}
		lib = filepath.Dir(dirs[len(dirs)-1])
	}
	if _, err := os.Stat(lib); err != nil {
		missing("no Neo4j jars: %v", err)
	}
	for _, home := range []string{os.Getenv("IG_NEO4J_JAVA_HOME"), os.Getenv("JAVA_HOME")} {
		if home != "" {
			if p := filepath.Join(home, "bin", "java"); isFile(p) {
				return p, lib
			}
		}
	}
	java, err := exec.LookPath("java")
	if err != nil {
		missing("no java on PATH")
	}
	return java, lib
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// compareVersions orders .../neo4j-5.26.30/lib/.complete paths by version.
func compareVersions(a, b string) int {
	num := func(p string) []int {
		v := strings.TrimPrefix(filepath.Base(filepath.Dir(filepath.Dir(p))), "neo4j-")
		var out []int
		for _, f := range strings.Split(v, ".") {
			n, _ := strconv.Atoi(f)
			out = append(out, n)
		}
		return out
	}
	return slices.Compare(num(a), num(b))
}
