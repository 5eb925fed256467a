package graphtest

import (
	"context"
	"fmt"
	"net"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

func TestParseExports(t *testing.T) {
	out := []byte(`export NEO4J_URI=neo4j://127.0.0.1:7687
export NEO4J_USERNAME=neo4j
export NEO4J_PASSWORD_FILE=/home/ana/state\ dir/neo4j-5.26/password
export QUOTED="a b"
not an export line
`)
	want := map[string]string{
		"NEO4J_URI":           "neo4j://127.0.0.1:7687",
		"NEO4J_USERNAME":      "neo4j",
		"NEO4J_PASSWORD_FILE": "/home/ana/state dir/neo4j-5.26/password",
		"QUOTED":              "a b",
	}
	if got := parseExports(out); !reflect.DeepEqual(got, want) {
		t.Errorf("parseExports:\n got %v\nwant %v", got, want)
	}
}

func TestSettingsFromEnvironment(t *testing.T) {
	t.Setenv("NEO4J_URI", "bolt://neo4j-env:7687")
	t.Setenv("INFLUENCEGRAPH_NEO4J_URI", "bolt://ig-env:7687")
	t.Setenv("NEO4J_PASSWORD", "pw")
	t.Setenv("INFLUENCEGRAPH_NEO4J_PASSWORD", "")
	t.Setenv("NEO4J_PASSWORD_FILE", "/ignored/when/a/password/is/set")
	t.Setenv("NEO4J_DATABASE", "")
	t.Setenv("INFLUENCEGRAPH_NEO4J_DATABASE", "")
	cfg, explicit, err := settings()
	if err != nil {
		t.Fatal(err)
	}
	if !explicit || cfg.URI != "bolt://ig-env:7687" || cfg.Password != "pw" || cfg.PasswordFile != "" || cfg.Database != "neo4j" {
		t.Errorf("settings() = %+v, explicit %v", cfg, explicit)
	}
}

func TestRequired(t *testing.T) {
	for _, tt := range []struct {
		ci, req string
		want    bool
	}{
		{"", "", false}, {"true", "", true}, {"", "1", true}, {"false", "0", false},
	} {
		t.Setenv("CI", tt.ci)
		t.Setenv(RequireEnv, tt.req)
		if got := Required(); got != tt.want {
			t.Errorf("CI=%q %s=%q: Required() = %v", tt.ci, RequireEnv, tt.req, got)
		}
	}
}

// TestNeo4jFresh checks that Fresh hands out an empty database.
func TestNeo4jFresh(t *testing.T) {
	c := Fresh(t)
	ctx := context.Background()
	if _, err := c.Write(ctx, "CREATE (:GraphtestProbe {id: $id})", map[string]any{"id": "fresh"}); err != nil {
		t.Fatal(err)
	}
	Clean(t, c)
	res, err := c.Query(ctx, "MATCH (n) RETURN count(n) AS n", nil)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.Records[0].Get("n"); n != int64(0) {
		t.Errorf("%v nodes after Clean", n)
	}
}

// recorder stands in for a test to see whether Config skips or fails.
type recorder struct {
	testing.TB
	skipped, failed string
}

func (r *recorder) Helper()        {}
func (r *recorder) Cleanup(func()) {}
func (r *recorder) Skipf(format string, args ...any) {
	r.skipped = fmt.Sprintf(format, args...)
	runtime.Goexit()
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func TestConfigWithoutNeo4j(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	free := l.Addr().String()
	l.Close()

	run := func(env map[string]string) *recorder {
		for k, v := range env {
			t.Setenv(k, v)
		}
		r := &recorder{TB: t}
		done := make(chan struct{})
		go func() {
			defer close(done)
			Config(r)
		}()
		<-done
		return r
	}
	// With the local default (no NEO4J_URI) at a dead port: skip, or fail
	// under CI.
	t.Setenv("NEO4J_URI", "")
	t.Setenv("INFLUENCEGRAPH_NEO4J_URI", "")
	t.Setenv("IG_NEO4J_BOLT_PORT", strings.TrimPrefix(free, "127.0.0.1:"))
	r := run(map[string]string{"CI": "", RequireEnv: ""})
	if r.skipped == "" || r.failed != "" {
		t.Errorf("outside CI: skipped %q, failed %q; want a skip", r.skipped, r.failed)
	}
	r = run(map[string]string{"CI": "true"})
	if r.failed == "" || !strings.Contains(r.failed, "must run here") {
		t.Errorf("under CI: skipped %q, failed %q; want a failure", r.skipped, r.failed)
	}
	// An explicitly named server that is down fails even outside CI.
	r = run(map[string]string{"CI": "", "NEO4J_URI": "bolt://" + free})
	if r.failed == "" || !strings.Contains(r.failed, "nothing is listening") {
		t.Errorf("explicit URI: skipped %q, failed %q; want a failure naming the problem", r.skipped, r.failed)
	}
}
