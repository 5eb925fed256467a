package llm

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"strings"
	"text/template"

	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/extract/article"
)

// PromptVersion names the prompt template in use (prompts/v1.tmpl). It is
// part of every cache key and of every relation record the extractor
// writes; a change to the template is a new file and a new version.
const PromptVersion = "v1"

//go:embed prompts/v1.tmpl
var promptTemplate string

// prompt renders the messages of one article's conversation.
type prompt struct {
	tmpl *template.Template
}

func newPrompt() (*prompt, error) {
	t, err := template.New("prompt").Funcs(template.FuncMap{"join": strings.Join}).Parse(promptTemplate)
	if err != nil {
		return nil, fmt.Errorf("parse prompt %s: %w", PromptVersion, err)
	}
	for _, name := range []string{"system", "user", "repair"} {
		if t.Lookup(name) == nil {
			return nil, fmt.Errorf("prompt %s defines no %q template", PromptVersion, name)
		}
	}
	return &prompt{tmpl: t}, nil
}

// promptEntity is one line of the entity table the model names entities
// from.
type promptEntity struct {
	ID, Type, Name string
	Aliases        []string
}

type userData struct {
	Title, Published, URL, Text string
	Entities                    []promptEntity
}

func (p *prompt) render(name string, data any) (string, error) {
	var b bytes.Buffer
	if err := p.tmpl.ExecuteTemplate(&b, name, data); err != nil {
		return "", fmt.Errorf("render prompt %s %s: %w", PromptVersion, name, err)
	}
	return b.String(), nil
}

// system is the part of the prompt every article shares: rules and
// worked examples.
func (p *prompt) system() (string, error) { return p.render("system", nil) }

// user is the article's own part: its header, the entities the offline
// stages resolved, and its text.
func (p *prompt) user(a article.Article, ents []extract.EntityRecord) (string, error) {
	return p.render("user", userData{Title: a.Title, Published: a.Published, URL: a.URL, Text: a.Text,
		Entities: promptEntities(ents)})
}

// repair asks again, naming what was wrong with the previous answer.
func (p *prompt) repair(problems []string) (string, error) { return p.render("repair", problems) }

func promptEntities(ents []extract.EntityRecord) []promptEntity {
	out := make([]promptEntity, 0, len(ents))
	for _, e := range ents {
		pe := promptEntity{ID: e.ID, Type: e.Type, Name: tableCell(e.Name)}
		for _, a := range e.Aliases {
			if a = tableCell(a); a != "" && a != pe.Name {
				pe.Aliases = append(pe.Aliases, a)
			}
		}
		out = append(out, pe)
	}
	return out
}

// tableCell keeps a name on its line of the tab-separated entity table.
func tableCell(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// cacheKey identifies one question: the article text, the model, the
// prompt version and the entity table the model was given (so a
// knowledge-base change that renames an entity asks again rather than
// reuse an answer naming stale ids).
func cacheKey(text, model, user string) string {
	h := sha256.New()
	th := sha256.Sum256([]byte(text))
	uh := sha256.Sum256([]byte(user))
	fmt.Fprintf(h, "influencegraph-llm\x00%x\x00%s\x00%s\x00%x", th, model, PromptVersion, uh)
	return hex.EncodeToString(h.Sum(nil))
}
