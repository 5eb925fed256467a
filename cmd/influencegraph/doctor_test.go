package main

import (
	"bytes"
	"context"
	"errors"
	"net"
	"regexp"
	"strings"
	"testing"

	"github.com/influencegraph/influencegraph/config"
	"github.com/influencegraph/influencegraph/graph/graphtest"
)

// runCommand runs the influencegraph command line in-process, as main
// would, and returns what it wrote and its exit code.
func runCommand(t testing.TB, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	root := newRootCommand(&globalOptions{stdout: &out, stderr: &errOut})
	root.SetArgs(args)
	err := root.ExecuteContext(context.Background())
	var exit *exitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		code = exit.code
		errOut.WriteString(exit.msg)
	default:
		code = 1
		errOut.WriteString(err.Error())
	}
	return out.String(), errOut.String(), code
}

// isolate keeps the user's configuration out of a test: no variable set,
// no file found.
func isolate(t testing.TB) {
	t.Helper()
	t.Setenv(config.ConfigFileEnv, "")
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	for _, k := range config.Keys() {
		for _, e := range k.Env {
			t.Setenv(e, "")
		}
	}
	t.Chdir(t.TempDir())
}

// useNeo4j points the environment at the test Neo4j.
func useNeo4j(t testing.TB, cfg config.Neo4j) {
	t.Helper()
	t.Setenv("NEO4J_URI", cfg.URI)
	t.Setenv("NEO4J_USERNAME", cfg.Username)
	t.Setenv("NEO4J_PASSWORD", cfg.Password)
	t.Setenv("NEO4J_PASSWORD_FILE", cfg.PasswordFile)
	t.Setenv("NEO4J_DATABASE", cfg.Database)
}

func TestDoctorNothingListening(t *testing.T) {
	isolate(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	t.Setenv("NEO4J_PASSWORD", "whatever")

	out, errOut, code := runCommand(t, "doctor", "--neo4j-uri", "bolt://"+addr)
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	for _, want := range []string{
		"connection     FAIL  bolt://" + addr,
		"problem: nothing is listening at " + addr + " (connection refused)",
		"fix:     Start Neo4j (for the local one: scripts/neo4j start)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "nothing is listening") {
		t.Errorf("stderr lacks the reason: %q", errOut)
	}
	if strings.Contains(out+errOut, "whatever") {
		t.Error("the password is printed")
	}
}

func TestDoctorBadConfiguration(t *testing.T) {
	isolate(t)
	t.Setenv("NEO4J_URI", "http://127.0.0.1:7474")
	out, _, code := runCommand(t, "doctor")
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	for _, want := range []string{"configuration  FAIL", `neo4j.uri (from env NEO4J_URI): scheme "http"`, "influencegraph config"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestNeo4jDoctorWrongPassword(t *testing.T) {
	cfg := graphtest.Config(t)
	isolate(t)
	cfg.Password, cfg.PasswordFile = "not-the-password", ""
	useNeo4j(t, cfg)

	out, errOut, code := runCommand(t, "doctor")
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	for _, want := range []string{
		"connection     FAIL",
		`problem: the username "` + cfg.Username + `" or its password is wrong`,
		"NEO4J_PASSWORD_FILE",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out+errOut, "not-the-password") {
		t.Error("the password is printed")
	}
}

func TestNeo4jDoctorOK(t *testing.T) {
	cfg := graphtest.Config(t)
	isolate(t)
	useNeo4j(t, cfg)

	out, errOut, code := runCommand(t, "doctor")
	if code != 0 {
		t.Fatalf("exit code %d\n%s%s", code, out, errOut)
	}
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^configuration  ok    no configuration file; password (from|not set)`),
		regexp.MustCompile(`(?m)^connection     ok    ` + regexp.QuoteMeta(cfg.URI)),
		regexp.MustCompile(`(?m)^server         ok    Neo4j (5\.\d+|20\d\d\.\d+)\.\d+\S* (community|enterprise) \(Bolt \d+\.\d+ at `),
		regexp.MustCompile(`(?m)^apoc           (ok    APOC \S+|-     not installed)`),
	} {
		if !want.MatchString(out) {
			t.Errorf("output does not match %s:\n%s", want, out)
		}
	}
}

func TestSupportedVersion(t *testing.T) {
	for v, want := range map[string]bool{
		"5.26.0": true, "5.26.30": true, "2025.10.1": true, "2026.01.0": true,
		"5.25.1": false, "4.4.40": false, "dev": true,
	} {
		if got := supportedVersion(v); got != want {
			t.Errorf("supportedVersion(%q) = %v, want %v", v, got, want)
		}
	}
}
