package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// allCommands returns root and every command under it.
func allCommands(root *cobra.Command) []*cobra.Command {
	out := []*cobra.Command{root}
	for _, c := range root.Commands() {
		out = append(out, allCommands(c)...)
	}
	return out
}

// TestOneSpellingOfOut: every command that writes to a file or folder
// takes it as --out; --output survives only as a hidden, deprecated alias.
func TestOneSpellingOfOut(t *testing.T) {
	root := newRootCommand(&globalOptions{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}})
	for _, c := range allCommands(root) {
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if f.Name != "output" {
				return
			}
			if !f.Hidden || len(f.Annotations[deprecatedFor]) == 0 || c.Flags().Lookup("out") == nil {
				t.Errorf("%s has a visible --output flag; the spelling is --out", c.CommandPath())
			}
		})
	}
}

func TestDeprecatedOutputAlias(t *testing.T) {
	isolate(t)
	_, in := extractedFile(t, 1)
	out := filepath.Join(t.TempDir(), "graph.html")
	stdout, stderr, code := runCommand(t, "picture", "--output", out, in)
	if code != 0 || stdout != "" {
		t.Fatalf("picture --output: exit %d, stdout %q, stderr %s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "--output is deprecated; use --out") {
		t.Errorf("no deprecation warning on stderr: %q", stderr)
	}
	if b, err := os.ReadFile(out); err != nil || !bytes.Contains(b, []byte("<!DOCTYPE html>")) {
		t.Errorf("picture --output wrote no page: %v", err)
	}
}

// TestHelpNamesOnlyFilesInTheRepository: a command's help may point at a
// document only if the repository has it (extract --help once cited a
// guidelines file that lives outside it).
func TestHelpNamesOnlyFilesInTheRepository(t *testing.T) {
	root := newRootCommand(&globalOptions{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}})
	doc := regexp.MustCompile(`[\w./-]+\.md\b`)
	for _, c := range allCommands(root) {
		text := c.Short + "\n" + c.Long + "\n" + c.Example + "\n" + c.Flags().FlagUsages()
		if strings.Contains(text, "../") {
			t.Errorf("%s --help names a path outside the repository:\n%s", c.CommandPath(), text)
		}
		for _, name := range doc.FindAllString(text, -1) {
			if _, err := os.Stat(filepath.Join("..", "..", name)); err != nil {
				t.Errorf("%s --help names %s, which the repository does not have", c.CommandPath(), name)
			}
		}
	}
}
