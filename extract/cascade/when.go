package cascade

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/influencegraph/influencegraph/extract"
)

// DefaultWhen sends an article to the model when the offline extractor
// found a relation it is unsure of, or found an election but no relation
// at all (the articles the rules most often get wrong).
const DefaultWhen = "min_confidence<0.6 or relations==0 and elections>0"

// Variables returns the measures of an offline result a condition may
// test. A later stage (a relevance score) adds its own here and in
// Measure.
func Variables() []string {
	return []string{"min_confidence", "max_confidence", "relations", "entities", "elections", "actors"}
}

// Measure returns the measures of an offline result: the lowest and the
// highest relation confidence (1 and 0 when there is no relation, so an
// article without relations is never "unsure"), the number of relations
// and of entities, of Election entities, and of actors (states, agencies,
// organisations, people).
func Measure(res extract.Result) map[string]float64 {
	m := map[string]float64{"min_confidence": 1, "max_confidence": 0,
		"relations": float64(len(res.Relations)), "entities": float64(len(res.Entities))}
	for i, r := range res.Relations {
		if i == 0 || r.Confidence < m["min_confidence"] {
			m["min_confidence"] = r.Confidence
		}
		m["max_confidence"] = max(m["max_confidence"], r.Confidence)
	}
	for _, e := range res.Entities {
		if e.Type == "Election" {
			m["elections"]++
		} else {
			m["actors"]++
		}
	}
	return m
}

// Condition decides from the measures of an offline result whether the
// article goes to the language model.
type Condition struct {
	src string
	// or of ands
	terms [][]comparison
	all   bool
}

type comparison struct {
	variable string
	op       string
	value    float64
}

// String is the condition as written.
func (c Condition) String() string { return c.src }

// Match reports whether the measures m satisfy the condition.
func (c Condition) Match(m map[string]float64) bool {
	if c.all {
		return true
	}
	for _, and := range c.terms {
		ok := true
		for _, cmp := range and {
			if !cmp.holds(m[cmp.variable]) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func (cmp comparison) holds(v float64) bool {
	switch cmp.op {
	case "<":
		return v < cmp.value
	case "<=":
		return v <= cmp.value
	case ">":
		return v > cmp.value
	case ">=":
		return v >= cmp.value
	case "==":
		return v == cmp.value
	case "!=":
		return v != cmp.value
	}
	return false
}

// ParseCondition reads a condition of the --llm-when flag:
//
//	always | never | TERM {or TERM}
//	TERM = COMPARISON {and COMPARISON}
//	COMPARISON = VARIABLE OP NUMBER, OP one of < <= > >= == !=
//
// "and" binds tighter than "or"; "any" means always; || and && may stand
// for or and and. VARIABLE is one of Variables ("confidence" is
// min_confidence), e.g. "confidence<0.6", "relations==0 and elections>0".
func ParseCondition(s string) (Condition, error) {
	c := Condition{src: s}
	toks, err := tokens(s)
	if err != nil {
		return c, err
	}
	switch {
	case len(toks) == 0:
		return c, fmt.Errorf("--llm-when: empty condition; write e.g. %q, always or never", DefaultWhen)
	case len(toks) == 1 && (toks[0] == "always" || toks[0] == "any"):
		c.all = true
		return c, nil
	case len(toks) == 1 && toks[0] == "never":
		return c, nil
	}
	var and []comparison
	for i := 0; i < len(toks); {
		if i+3 > len(toks) {
			return c, fmt.Errorf("--llm-when %q: incomplete comparison at %q; write VARIABLE OP NUMBER, e.g. confidence<0.6", s, strings.Join(toks[i:], " "))
		}
		name, op, num := toks[i], toks[i+1], toks[i+2]
		if name == "confidence" {
			name = "min_confidence"
		}
		if !slices.Contains(Variables(), name) {
			return c, fmt.Errorf("--llm-when %q: unknown variable %q; use one of %s", s, toks[i], strings.Join(Variables(), ", "))
		}
		if !slices.Contains([]string{"<", "<=", ">", ">=", "==", "!="}, op) {
			return c, fmt.Errorf("--llm-when %q: %q is not a comparison; use <, <=, >, >=, == or !=", s, op)
		}
		v, err := strconv.ParseFloat(num, 64)
		if err != nil {
			return c, fmt.Errorf("--llm-when %q: %q is not a number", s, num)
		}
		and = append(and, comparison{variable: name, op: op, value: v})
		i += 3
		if i == len(toks) {
			break
		}
		switch toks[i] {
		case "and", "&&":
		case "or", "||":
			c.terms = append(c.terms, and)
			and = nil
		default:
			return c, fmt.Errorf("--llm-when %q: want and or or after a comparison, got %q", s, toks[i])
		}
		i++
		if i == len(toks) {
			return c, fmt.Errorf("--llm-when %q: ends in %q", s, toks[i-1])
		}
	}
	c.terms = append(c.terms, and)
	return c, nil
}

// tokens splits a condition into words, numbers and operators.
func tokens(s string) ([]string, error) {
	var out []string
	for i := 0; i < len(s); {
		r := rune(s[i])
		switch {
		case unicode.IsSpace(r):
			i++
		case unicode.IsLetter(r) || r == '_':
			j := i
			for j < len(s) && (unicode.IsLetter(rune(s[j])) || s[j] == '_') {
				j++
			}
			out = append(out, strings.ToLower(s[i:j]))
			i = j
		case unicode.IsDigit(r) || r == '.' || r == '-':
			j := i + 1
			for j < len(s) && (unicode.IsDigit(rune(s[j])) || s[j] == '.') {
				j++
			}
			out = append(out, s[i:j])
			i = j
		case strings.ContainsRune("<>=!&|", r):
			j := i + 1
			if j < len(s) && strings.ContainsRune("=&|", rune(s[j])) {
				j++
			}
			out = append(out, s[i:j])
			i = j
		default:
			return nil, fmt.Errorf("--llm-when %q: unexpected %q", s, string(r))
		}
	}
	return out, nil
}
