package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestConfigCommand(t *testing.T) {
	isolate(t)
	dir, _ := os.Getwd()
	file := filepath.Join(dir, "influencegraph.yaml")
	if err := os.WriteFile(file, []byte("neo4j:\n  database: fromfile\nload:\n  evidence_cap: 7\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("NEO4J_PASSWORD", "hunter2-secret")
	t.Setenv("INFLUENCEGRAPH_EXTRACT_WORKERS", "3")

	out, errOut, code := runCommand(t, "config", "--batch-size", "250", "--neo4j-uri", "bolt://db.example:7687")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if strings.Contains(out, "hunter2-secret") {
		t.Errorf("the password is printed:\n%s", out)
	}
	for _, want := range []string{
		`^# configuration file: ` + regexp.QuoteMeta(file) + `$`,
		`^neo4j\.uri +bolt://db\.example:7687 +flag --neo4j-uri$`,
		`^neo4j\.username +neo4j +default$`,
		`^neo4j\.password +<redacted> +env NEO4J_PASSWORD$`,
		`^neo4j\.database +fromfile +file ` + regexp.QuoteMeta(file) + `$`,
		`^extract\.workers +3 +env INFLUENCEGRAPH_EXTRACT_WORKERS$`,
		`^load\.batch_size +250 +flag --batch-size$`,
		`^load\.evidence_cap +7 +file `,
	} {
		if !regexp.MustCompile(`(?m)` + want).MatchString(out) {
			t.Errorf("output does not match %s:\n%s", want, out)
		}
	}
}

func TestConfigCommandUnknownKey(t *testing.T) {
	isolate(t)
	file := filepath.Join(t.TempDir(), "custom.yaml")
	if err := os.WriteFile(file, []byte("load:\n  batchsize: 5\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := runCommand(t, "--config", file, "config")
	if code == 0 {
		t.Fatal("config accepted an unknown key")
	}
	want := "config file " + file + `: unknown key "load.batchsize" (did you mean "load.batch_size"?)`
	if !strings.Contains(errOut, want) {
		t.Errorf("error %q lacks %q", errOut, want)
	}
}

func TestNoPasswordFlag(t *testing.T) {
	root := newRootCommand(&globalOptions{stdout: &strings.Builder{}, stderr: &strings.Builder{}})
	for _, c := range root.Commands() {
		if f := c.Flags().Lookup("neo4j-password"); f != nil {
			t.Errorf("command %s has a --neo4j-password flag; passwords must not be on command lines", c.Name())
		}
	}
}

// TestConfigCommandShowsProblems: `doctor` sends users to `config` when the
// configuration is wrong, so `config` prints the whole table with each
// faulty key marked in a PROBLEM column (the password file that cannot be
// read, a value out of range), says what is wrong on standard error, and
// exits with status 1. A file it cannot read at all (unknown key, syntax)
// leaves no table to show: only the error.
func TestConfigCommandShowsProblems(t *testing.T) {
	isolate(t)
	missing := filepath.Join(t.TempDir(), "no-such-password")
	t.Setenv("NEO4J_PASSWORD_FILE", missing)

	out, errOut, code := runCommand(t, "config", "--batch-size", "0")
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	for _, want := range []string{
		`^KEY +VALUE +ORIGIN +PROBLEM$`,
		`^neo4j\.uri +neo4j://127\.0\.0\.1:7687 +default *$`,
		`^neo4j\.password_file +` + regexp.QuoteMeta(missing) + ` +env NEO4J_PASSWORD_FILE +read password file: open ` + regexp.QuoteMeta(missing) + `: no such file or directory$`,
		`^load\.batch_size +0 +flag --batch-size +must be between 1 and 100000, got 0$`,
		`^load\.evidence_cap +20 +default *$`,
	} {
		if !regexp.MustCompile(`(?m)` + want).MatchString(out) {
			t.Errorf("output does not match %s:\n%s", want, out)
		}
	}
	for _, want := range []string{"neo4j.password_file (from env NEO4J_PASSWORD_FILE): read password file", "load.batch_size (from flag --batch-size)"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
}
