// Package browser holds what Neo4j Browser is given: the style sheet
// (style.grass) and a guide through the query library (Guide), with the
// handler `influencegraph browser` serves them with and the commands that
// load them (Commands).
package browser

import (
	_ "embed"
	"encoding/json"
	"regexp"
	"strings"
)

// Style is style.grass: a colour and a caption for every label of the
// graph model, and captions for relationship types. Neo4j Browser's GraSS
// parser knows no comments, so the file has none; this package documents it.
//
//go:embed style.grass
var Style string

var ruleRE = regexp.MustCompile(`(?s)([^{}]+?)\s*\{((?:[^{}"]|"[^"]*")*)\}`)

// Rules parses GraSS the way Neo4j Browser does, into selector → property
// → value with the quotes taken off ("node.State" → "caption" → "{name}").
// This is also the form Neo4j Browser keeps in its local storage
// ("neo4j.grass").
func Rules(grass string) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, m := range ruleRE.FindAllStringSubmatch(grass, -1) {
		props := map[string]string{}
		for _, decl := range splitOutsideQuotes(m[2]) {
			k, v, ok := strings.Cut(decl, ":")
			if !ok {
				continue
			}
			props[strings.TrimSpace(k)] = strings.Trim(strings.TrimSpace(v), `"'`)
		}
		out[strings.Join(strings.Fields(m[1]), "")] = props
	}
	return out
}

// splitOutsideQuotes splits declarations at the semicolons that are not
// inside a quoted value.
func splitOutsideQuotes(s string) []string {
	var out []string
	quoted, start := false, 0
	for i, c := range s {
		switch {
		case c == '"':
			quoted = !quoted
		case c == ';' && !quoted:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// StorageJSON is the style as Neo4j Browser keeps it in local storage
// ("neo4j.grass"): the rules as a JSON object in the order of the file,
// which is the order Neo4j Browser applies them in (later rules win).
func StorageJSON(grass string) string {
	rules := Rules(grass)
	var b strings.Builder
	b.WriteByte('{')
	seen := map[string]bool{}
	for _, m := range ruleRE.FindAllStringSubmatch(grass, -1) {
		sel := strings.Join(strings.Fields(m[1]), "")
		if seen[sel] {
			continue
		}
		seen[sel] = true
		if len(seen) > 1 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(sel)
		v, _ := json.Marshal(rules[sel])
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.String()
}
