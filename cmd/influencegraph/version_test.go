package main

import (
	"regexp"
	"testing"
)

// TestVersionFlag: --version (and -v) print what the version command
// prints, and exit 0.
func TestVersionFlag(t *testing.T) {
	want, _, code := runCommand(t, "version")
	if code != 0 || !regexp.MustCompile(`^influencegraph \S+ \(go[^,]+, \w+/\w+\)\n$`).MatchString(want) {
		t.Fatalf("version printed %q, exit %d", want, code)
	}
	for _, flag := range []string{"--version", "-v"} {
		got, errOut, code := runCommand(t, flag)
		if code != 0 || got != want {
			t.Errorf("%s printed %q (exit %d, stderr %q), want %q", flag, got, code, errOut, want)
		}
	}
}
