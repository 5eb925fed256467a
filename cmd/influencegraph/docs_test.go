package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// docPages are the documentation pages, paths from the repository root.
func docPages(t testing.TB) []string {
	t.Helper()
	pages, err := filepath.Glob("../../docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	pages = append([]string{"../../README.md"}, pages...)
	if len(pages) < 7 {
		t.Fatalf("documentation pages %q: want README.md and at least six in docs/", pages)
	}
	return pages
}

// docCommand is an influencegraph command line written in a page.
type docCommand struct {
	page string
	line int
	text string
}

var (
	codeSpan = regexp.MustCompile("`([^`]+)`")
	// shellOps split a console line into the commands it runs.
	shellOps = regexp.MustCompile(`\s(\|\||&&|\||;|>|2>|<)\s|\s#.*$`)
)

// docCommands finds the influencegraph command lines of a page: the lines
// of code blocks that start with "$ ", or with the program's name outside
// console blocks (a synopsis; in a console block that is output), backslash continuations joined, and inline code spans that
// start with the program's name. Mermaid, Cypher, YAML and JSON blocks are
// not command lines.
func docCommands(t testing.TB, page string) []docCommand {
	t.Helper()
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	var cmds []docCommand
	add := func(line int, text string) {
		for _, seg := range shellOps.Split(text, -1) {
			if strings.Contains(seg, "influencegraph") {
				cmds = append(cmds, docCommand{page, line, strings.TrimSpace(seg)})
			}
		}
	}
	lines := strings.Split(string(b), "\n")
	fence, lang := false, ""
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if strings.HasPrefix(strings.TrimSpace(l), "```") {
			fence, lang = !fence, strings.TrimPrefix(strings.TrimSpace(l), "```")
			continue
		}
		if !fence {
			// A span may go on to the next line; read paragraphs whole.
			para, start := l, i
			for i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" && !strings.HasPrefix(strings.TrimSpace(lines[i+1]), "```") {
				i++
				para += " " + lines[i]
			}
			for _, m := range codeSpan.FindAllStringSubmatch(para, -1) {
				if s := strings.Join(strings.Fields(m[1]), " "); strings.HasPrefix(s, "influencegraph ") {
					add(start+1, s)
				}
			}
			continue
		}
		switch lang {
		case "mermaid", "cypher", "yaml", "json":
			continue
		}
		text, start := l, i
		for strings.HasSuffix(text, "\\") && i+1 < len(lines) {
			i++
			text = strings.TrimSuffix(text, "\\") + " " + strings.TrimSpace(lines[i])
		}
		switch {
		case strings.HasPrefix(text, "$ "):
			add(start+1, strings.TrimPrefix(text, "$ "))
		case lang != "console" && strings.HasPrefix(text, "influencegraph "):
			add(start+1, text)
		}
	}
	return cmds
}

var flagToken = regexp.MustCompile(`^(--?)([a-zA-Z][-a-zA-Z0-9]*)`)

// checkDocCommand finds the command a documented line runs in the command
// tree and checks every flag written on it. It returns the command's path,
// or "" when the line does not run influencegraph (another program that
// takes an influencegraph path, say).
func checkDocCommand(errorf func(string, ...any), root *cobra.Command, c docCommand) string {
	fields := strings.Fields(c.text)
	// Skip leading VAR=value assignments; the program comes next.
	for len(fields) > 0 && strings.Contains(fields[0], "=") && !strings.HasPrefix(fields[0], "-") {
		fields = fields[1:]
	}
	if len(fields) == 0 || (fields[0] != "influencegraph" && !strings.HasSuffix(fields[0], "/influencegraph")) {
		return ""
	}
	cmd := root
	descend := true
	for _, f := range fields[1:] {
		f = strings.Trim(f, "[]'\"")
		if m := flagToken.FindStringSubmatch(f); m != nil {
			descend = false
			name := m[2]
			var ok bool
			if m[1] == "--" {
				ok = cmd.Flag(name) != nil
			} else {
				ok = len(name) == 1 && (cmd.Flags().ShorthandLookup(name) != nil || cmd.InheritedFlags().ShorthandLookup(name) != nil)
			}
			if !ok {
				errorf("%s:%d: %q: %s has no flag %s", c.page, c.line, c.text, cmd.CommandPath(), m[0])
			}
			continue
		}
		if !descend {
			continue
		}
		var next *cobra.Command
		for _, sub := range cmd.Commands() {
			if sub.Name() == f || sub.HasAlias(f) {
				next = sub
			}
		}
		if next == nil {
			if cmd == root {
				errorf("%s:%d: %q: influencegraph has no command %q", c.page, c.line, c.text, f)
				return ""
			}
			descend = false // a positional argument
			continue
		}
		cmd = next
		cmd.InitDefaultHelpFlag()
	}
	return cmd.CommandPath()
}

// TestDocCommandsExist checks the command lines of README.md and docs/*.md
// against the command tree: every `influencegraph SUBCOMMAND` is a
// registered command and every flag written on it is one of its flags.
func TestDocCommandsExist(t *testing.T) {
	root := newRootCommand(&globalOptions{})
	root.InitDefaultHelpFlag()
	root.InitDefaultVersionFlag()
	seen := map[string]bool{}
	n := 0
	for _, page := range docPages(t) {
		for _, c := range docCommands(t, page) {
			if p := checkDocCommand(t.Errorf, root, c); p != "" {
				seen[p] = true
				n++
			}
		}
	}
	t.Logf("%d command lines checked", n)
	// The pages show most of the program: a parser that found nothing
	// would pass vacuously.
	for _, want := range []string{"influencegraph extract", "influencegraph load", "influencegraph query",
		"influencegraph export", "influencegraph config", "influencegraph doctor", "influencegraph train",
		"influencegraph articles", "influencegraph picture", "influencegraph schema show"} {
		if !seen[want] {
			t.Errorf("no page shows %q (found %d command lines)", want, n)
		}
	}
}

// TestDocCommandChecker shows that the checker catches what it is for.
func TestDocCommandChecker(t *testing.T) {
	root := newRootCommand(&globalOptions{})
	for _, text := range []string{"influencegraph lode x", "influencegraph load --bogus x", "influencegraph query -Z x",
		"influencegraph schema show --bogus"} {
		failed := false
		checkDocCommand(func(string, ...any) { failed = true }, root, docCommand{"test", 1, text})
		if !failed {
			t.Errorf("%q passes the check", text)
		}
	}
	for _, text := range []string{"bin/influencegraph load --dry-run x", "NEO4J_PASSWORD_FILE=f influencegraph config --batch-size 5",
		"influencegraph export -o g.json --format json", "influencegraph --version", "influencegraph query x -p a=b --help"} {
		checkDocCommand(func(f string, a ...any) { t.Errorf("%q: "+f, append([]any{text}, a...)...) }, root, docCommand{"test", 1, text})
	}
}

var (
	mdLink    = regexp.MustCompile(`\]\(([^)\s]+)\)`)
	slugDrop  = regexp.MustCompile(`[^\p{L}\p{N} _-]`)
	headingRE = regexp.MustCompile(`^#{1,6} (.+)$`)
)

// anchors returns the GitHub anchors of a page's headings (code blocks
// aside: a "# comment" there is no heading).
func anchors(t testing.TB, page string) map[string]bool {
	t.Helper()
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	fence := false
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "```") {
			fence = !fence
			continue
		}
		if m := headingRE.FindStringSubmatch(l); m != nil && !fence {
			s := strings.ToLower(slugDrop.ReplaceAllString(m[1], ""))
			out[strings.ReplaceAll(s, " ", "-")] = true
		}
	}
	return out
}

// TestDocLinks checks every relative link of README.md and docs/*.md: the
// file it names exists, and so does the heading its #anchor names.
func TestDocLinks(t *testing.T) {
	n := 0
	for _, page := range docPages(t) {
		b, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range mdLink.FindAllStringSubmatch(string(b), -1) {
			link := m[1]
			if strings.Contains(link, "://") || strings.HasPrefix(link, "mailto:") {
				continue
			}
			n++
			file, anchor, _ := strings.Cut(link, "#")
			target := page
			if file != "" {
				target = filepath.Join(filepath.Dir(page), filepath.FromSlash(file))
				if _, err := os.Stat(target); err != nil {
					t.Errorf("%s links to %s: %v", page, link, err)
					continue
				}
			}
			if anchor != "" && strings.HasSuffix(target, ".md") && !anchors(t, target)[anchor] {
				t.Errorf("%s links to %s: %s has no heading with anchor #%s", page, link, target, anchor)
			}
		}
	}
	if n < 10 {
		t.Errorf("found %d relative links, want the README's links to every page", n)
	}
}
