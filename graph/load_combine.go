package graph

import (
	"fmt"
	"regexp"
	"strings"
)

// A batch's statements are few but each is a round trip, and at daily
// batch sizes (tens of articles) the round trips, not the writes, took
// most of a batch's time. Statements that do not depend on each other's
// answers are therefore sent together as one: in sequence, each as a
// CALL subquery, or as a UNION of rows.

// stmtPart is one statement of a combined round trip.
type stmtPart struct {
	stmt   string
	params map[string]any
}

var paramName = regexp.MustCompile(`\$([A-Za-z_][A-Za-z0-9_]*)`)

// renamed gives the part's parameters a suffix, so parts can share names.
// A nil list goes as an empty list, not as null: Neo4j caches a plan per
// statement and parameter types, and null is another type than a list,
// so a part that is sometimes empty would otherwise make Neo4j compile
// the statement again (seconds, for a combined one) every time it was.
func (p stmtPart) renamed(i int) (string, map[string]any) {
	stmt := paramName.ReplaceAllString(p.stmt, fmt.Sprintf("$$${1}_%d", i))
	params := make(map[string]any, len(p.params))
	for k, v := range p.params {
		switch l := v.(type) {
		case []map[string]any:
			if l == nil {
				v = []map[string]any{}
			}
		case []string:
			if l == nil {
				v = []string{}
			}
		}
		params[fmt.Sprintf("%s_%d", k, i)] = v
	}
	return stmt, params
}

// inSequence combines statements that return nothing, or one row with an
// "unlocked" count, into one statement running them in order: each later
// one sees what the earlier ones wrote. It returns the sum of the
// unlocked counts as "unlocked".
func inSequence(parts ...stmtPart) (string, map[string]any) {
	var b strings.Builder
	params := map[string]any{}
	var sums []string
	for i, p := range parts {
		stmt, ps := p.renamed(i)
		if strings.HasSuffix(stmt, " AS unlocked") {
			stmt = strings.TrimSuffix(stmt, " AS unlocked") + fmt.Sprintf(" AS unlocked_%d", i)
			sums = append(sums, fmt.Sprintf("unlocked_%d", i))
		}
		fmt.Fprintf(&b, "CALL {\n%s\n}\n", stmt)
		for k, v := range ps {
			params[k] = v
		}
	}
	if len(sums) == 0 {
		sums = []string{"0"}
	}
	fmt.Fprintf(&b, "RETURN %s AS unlocked", strings.Join(sums, " + "))
	return b.String(), params
}

// inUnion combines statements returning the same columns into one
// returning all their rows.
func inUnion(parts ...stmtPart) (string, map[string]any) {
	stmts := make([]string, len(parts))
	params := map[string]any{}
	for i, p := range parts {
		var ps map[string]any
		stmts[i], ps = p.renamed(i)
		for k, v := range ps {
			params[k] = v
		}
	}
	return strings.Join(stmts, "\nUNION ALL\n"), params
}
