package llm

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// answer is what the model is asked to return (see prompts/v1.tmpl and
// answerSchema).
type answer struct {
	Relations   []answerRelation `json:"relations"`
	NewEntities []answerEntity   `json:"new_entities"`
	NotEntities []string         `json:"not_entities"`
}

type answerRelation struct {
	Type     string `json:"type"`
	Source   string `json:"source"`
	Target   string `json:"target"`
	Negated  bool   `json:"negated"`
	Evidence string `json:"evidence"`
}

// answerEntity is an entity the model adds to those the offline stages
// found, under a ref of its own ("new:1").
type answerEntity struct {
	Ref     string  `json:"ref"`
	Type    string  `json:"type"`
	Name    string  `json:"name"`
	Country *string `json:"country"`
	Year    *int    `json:"year"`
	Kind    *string `json:"kind"`
}

// parseAnswer reads the model's reply. Servers in plain JSON mode, and
// some models even with a schema, wrap the object in a Markdown fence or a
// sentence; the object is taken from the first "{" to the last "}". Fields
// the schema does not name are ignored, fields of the wrong kind are an
// error.
func parseAnswer(content string) (answer, error) {
	s := strings.TrimSpace(content)
	i, j := strings.IndexByte(s, '{'), strings.LastIndexByte(s, '}')
	if i < 0 || j < i {
		return answer{}, errors.New("the reply holds no JSON object")
	}
	var a answer
	dec := json.NewDecoder(bytes.NewReader([]byte(s[i : j+1])))
	if err := dec.Decode(&a); err != nil {
		return answer{}, fmt.Errorf("the reply is not valid JSON of the asked shape: %w", err)
	}
	return a, nil
}

// answerSchema is the JSON Schema of answer, sent as structured output
// where the server supports it (strict: every property required, none
// other allowed).
func answerSchema() map[string]any {
	str := map[string]any{"type": "string"}
	nullable := func(t string) map[string]any { return map[string]any{"type": []string{t, "null"}} }
	object := func(props map[string]any) map[string]any {
		req := make([]string, 0, len(props))
		for _, k := range sortedKeys(props) {
			req = append(req, k)
		}
		return map[string]any{"type": "object", "additionalProperties": false, "required": req, "properties": props}
	}
	rel := object(map[string]any{
		"type":     map[string]any{"type": "string", "enum": relationTypes()},
		"source":   str,
		"target":   str,
		"negated":  map[string]any{"type": "boolean"},
		"evidence": str,
	})
	ent := object(map[string]any{
		"ref":     str,
		"type":    map[string]any{"type": "string", "enum": entityTypes()},
		"name":    str,
		"country": nullable("string"),
		"year":    nullable("integer"),
		"kind":    nullable("string"),
	})
	return object(map[string]any{
		"relations":    map[string]any{"type": "array", "items": rel},
		"new_entities": map[string]any{"type": "array", "items": ent},
		"not_entities": map[string]any{"type": "array", "items": str},
	})
}
