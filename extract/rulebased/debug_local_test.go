package rulebased

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/influencegraph/influencegraph/extract/article"
	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/extract/relation"
)

func TestDebugLocal(t *testing.T) {
	p := os.Getenv("DEBUG_FILE")
	if p == "" {
		t.Skip()
	}
	k, _ := kb.Builtin()
	x, _ := New(k)
	r := article.NewReader(article.Options{})
	r.Read(context.Background(), []string{p}, func(a article.Article) error {
		d := x.resolver.Resolve(resolveInput(a))
		for si, s := range d.Sentences {
			fmt.Printf("S%d h=%v: %q\n", si, s.Heading, a.Text[s.Start:s.End])
			for _, m := range s.Mentions {
				if m.Entry >= 0 || m.Type != "" {
					fmt.Printf("    unk %q type=%s rule=%s\n", a.Text[m.Start:m.End], m.Type, m.Rule)
				}
			}
			for _, rf := range s.Refs {
				fmt.Printf("    ref %q -> %s actor=%v dem=%v mod=%v pos=%v\n", a.Text[rf.Start:rf.End], d.Entities[rf.Entity].ID, rf.Actor, rf.Demonym, rf.Modifier, rf.Possessive)
			}
		}
		for _, rl := range x.finder.Find(d) {
			fmt.Printf("REL %s %s -> %s neg=%v rule=%s trig=%q S%d\n", rl.Type, d.Entities[rl.Source].ID, d.Entities[rl.Target].ID, rl.Negated, rl.Rule, rl.Trigger, rl.Sentence)
		}
		return nil
	})
	_ = relation.Relation{}
}
