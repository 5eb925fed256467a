package learn

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/influencegraph/influencegraph/extract/gold"
	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/extract/lexicon"
	"github.com/influencegraph/influencegraph/extract/relation/model"
)

func TestGivenNames(t *testing.T) {
	k, err := kb.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	lex, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	person := func(name string, aliases ...string) gold.Entity {
		return gold.Entity{Type: kb.TypePerson, Name: name, Aliases: aliases}
	}
	tests := []struct {
		name string
		// each article's entities; every article is a different one
		arts [][]gold.Entity
		want []string
	}{
		{"opens a person's name in two articles",
			[][]gold.Entity{{person("Oyelaran Badmus")}, {person("Oyelaran Ekwueme")}}, []string{"Oyelaran"}},
		{"in one article only",
			[][]gold.Entity{{person("Oyelaran Badmus"), person("Oyelaran Ekwueme")}, {person("Tavita Rua")}}, nil},
		{"a name alone is no given name",
			[][]gold.Entity{{person("Oyelaran")}, {person("Oyelaran")}}, nil},
		{"also opens an organisation's name",
			[][]gold.Entity{{person("Oyelaran Badmus")}, {person("Oyelaran Ekwueme")},
				{{Type: kb.TypeOrganisation, Name: "Oyelaran Media Group"}}}, nil},
		{"aliases keep titles and are not read",
			[][]gold.Entity{{person("Tavita Rua", "Senator Tavita Rua")}, {person("Ana Rua", "Senator Ana Rua")}}, nil},
		{"a title, a demonym, a word never a name",
			[][]gold.Entity{{person("Senator Rua"), person("Russian Rua"), person("Monday Rua")},
				{person("Senator Ekwueme"), person("Russian Ekwueme"), person("Monday Ekwueme")}}, nil},
		{"not shaped like a name",
			[][]gold.Entity{{person("JD Vance"), person("Sen. Rua"), person("al-Rua Badmus")},
				{person("JD Rua"), person("Sen. Ekwueme"), person("al-Rua Ekwueme")}}, nil},
		{"a state's one-word name, not a word of a longer one",
			[][]gold.Entity{{person("Jordan Badmus"), person("Salvador Rua")}, {person("Jordan Rua"), person("Salvador Ekwueme")}}, []string{"Salvador"}},
		{"accents, hyphens and apostrophes",
			[][]gold.Entity{{person("Andrés Badmus"), person("Jean-Luc Rua"), person("O'Neil Ekwueme")},
				{person("Andrés Rua"), person("Jean-Luc Badmus"), person("O'Neil Rua")}}, []string{"Andrés", "Jean-Luc", "O'Neil"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var arts []gold.Article
			for i, ents := range tt.arts {
				arts = append(arts, gold.Article{Name: fmt.Sprint("a", i), Text: fmt.Sprintf("a%d.txt", i), Gold: gold.File{Entities: ents}})
			}
			if got := GivenNames(arts, lex, k); !slices.Equal(got, tt.want) {
				t.Errorf("GivenNames = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestWriteGivenNamesNamesItsSources(t *testing.T) {
	var b bytes.Buffer
	src := []model.Source{{Dir: "../annotated", Articles: 12, SHA256: "abc123"}}
	if err := WriteGivenNames(&b, src, []string{"Andrés", "Gleb"}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.Contains(out, "# from ../annotated 12 abc123\n") || !strings.HasSuffix(out, "\nAndrés\nGleb\n") {
		t.Errorf("WriteGivenNames wrote:\n%s", out)
	}
}
