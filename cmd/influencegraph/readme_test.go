package main

import (
	"os"
	"strings"
	"testing"
)

// readmeOutput returns what the README shows a console command printing:
// the lines after "$ command" in a console block, up to the next prompt or
// the end of the block.
func readmeOutput(t testing.TB, command string) string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	for i, l := range lines {
		if l != "$ "+command {
			continue
		}
		var out []string
		for _, o := range lines[i+1:] {
			if strings.HasPrefix(o, "$ ") || strings.HasPrefix(o, "```") {
				break
			}
			out = append(out, o)
		}
		return strings.Join(out, "\n") + "\n"
	}
	t.Fatalf("README.md shows no %q", "$ "+command)
	return ""
}

// trimLines removes trailing blanks from each line (tabwriter pads the
// last column; editors strip it).
func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// TestREADMEQueryList runs the README's `query --list` example: the README
// shows exactly what the command prints.
func TestREADMEQueryList(t *testing.T) {
	want := readmeOutput(t, "influencegraph query --list")
	isolate(t)
	got, errOut, code := runCommand(t, "query", "--list")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if trimLines(got) != trimLines(want) {
		t.Errorf("query --list prints\n%s\nthe README shows\n%s", got, want)
	}
}
