package learn

import (
	"context"
	"reflect"
	"testing"

	"github.com/influencegraph/influencegraph/extract/gold"
	"github.com/influencegraph/influencegraph/extract/relation/model"
	"github.com/influencegraph/influencegraph/extract/resolve"
)

func TestElectionChoicesLabelledByTheGold(t *testing.T) {
	us := "US"
	g := gold.File{
		Entities:         []gold.Entity{{Key: "us2020", Type: "Election", Country: &us, Year: 2020}},
		OptionalEntities: []gold.Entity{},
	}
	f := [][]string{{"cc:RU"}, {"cc:US"}}
	tests := []struct {
		name string
		ch   resolve.CountryChoice
		want []model.Choice
	}{
		{"the gold's country is right", resolve.CountryChoice{Countries: []string{"RU", "US"}, Features: f, Year: 2020},
			[]model.Choice{{Features: f, Labels: []int8{0, 1}}}},
		{"an undated mention matches any year", resolve.CountryChoice{Countries: []string{"RU", "US"}, Features: f},
			[]model.Choice{{Features: f, Labels: []int8{0, 1}}}},
		{"another year is no election of the gold", resolve.CountryChoice{Countries: []string{"RU", "US"}, Features: f, Year: 2016}, nil},
		{"no right candidate teaches nothing", resolve.CountryChoice{Countries: []string{"RU", "CN"}, Features: f}, nil},
		{"only right candidates teach nothing", resolve.CountryChoice{Countries: []string{"US"}, Features: f[1:]}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := electionChoices(g, []resolve.CountryChoice{tt.ch}); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("electionChoices = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestBuildCrossFitted checks that the cross-fitted build analyses the
// same articles, keeps the rules' election choices to learn from, and
// returns the chooser learned from them and the extra choices.
func TestBuildCrossFitted(t *testing.T) {
	x, docs := build(t)
	one := model.Choice{Features: [][]string{{"bias", "rule"}, {"bias", "extra-only-feature"}}, Labels: []int8{0, 1}}
	extra := []model.Choice{one, one} // a feature must be seen twice to be kept
	got, ch, skipped, err := BuildCrossFitted(context.Background(), x, []string{"testdata/gold"}, Choices{Country: extra}, model.DefaultOptions)
	if err != nil || len(skipped) > 0 {
		t.Fatalf("BuildCrossFitted: %v, skipped %v", err, skipped)
	}
	if len(got) != len(docs) {
		t.Fatalf("%d docs, Build gave %d", len(got), len(docs))
	}
	for i := range got {
		if got[i].Name != docs[i].Name || !reflect.DeepEqual(got[i].Elections, docs[i].Elections) || !reflect.DeepEqual(got[i].Years, docs[i].Years) {
			t.Errorf("%s: elections %v, want the rules' %v", got[i].Name, got[i].Elections, docs[i].Elections)
		}
	}
	if ch.Country == nil || ch.Country.Score([]string{"extra-only-feature"}) <= 0 {
		t.Errorf("the chooser did not learn from the extra choices")
	}
}

func TestYearChoicesLabelledByTheGold(t *testing.T) {
	md := "MD"
	g := gold.File{
		Entities:         []gold.Entity{{Key: "md2024", Type: "Election", Country: &md, Year: 2024}},
		OptionalEntities: []gold.Entity{{Key: "md2021", Type: "Election", Country: &md, Year: 2021}},
	}
	f := [][]string{{"later:0"}, {"later:1"}, {"later:2"}}
	tests := []struct {
		name string
		ch   resolve.YearChoice
		want []model.Choice
	}{
		{"the gold's year is right", resolve.YearChoice{Country: "MD", Years: []int{2025, 2024}, Features: f[:2]},
			[]model.Choice{{Features: f[:2], Labels: []int8{0, 1}}}},
		{"an optional election's year is right too", resolve.YearChoice{Country: "MD", Years: []int{2024, 2021, 2016}, Features: f},
			[]model.Choice{{Features: f, Labels: []int8{1, 1, 0}}}},
		{"another country's election is no election of the gold", resolve.YearChoice{Country: "RO", Years: []int{2025, 2024}, Features: f[:2]}, nil},
		{"only right years teach nothing", resolve.YearChoice{Country: "MD", Years: []int{2024}, Features: f[:1]}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := yearChoices(g, []resolve.YearChoice{tt.ch}); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("yearChoices = %v, want %v", got, tt.want)
			}
		})
	}
}
