package model

import (
	"fmt"
	"sort"
)

// Chooser picks one of the candidates of a choice: a logistic regression
// over each candidate's named features, the highest score winning. The
// relation model carries one for the country of an election the text
// names without one (resolve.CountryScorer), because the relations to an
// election are only as right as the election's identity.
type Chooser struct {
	Features []string  `json:"features"`
	Weights  []float64 `json:"weights"`

	index map[string]int
}

// Choice is one choice to learn from: each candidate's features, and
// its label (1 right, 0 wrong).
type Choice struct {
	Features [][]string `json:"features"`
	Labels   []int8     `json:"labels"`
}

// TrainChooser fits a chooser on the candidates of the choices, each
// candidate an example, with the options of relation models.
func TrainChooser(choices []Choice, opts Options) (*Chooser, error) {
	var exs []Example
	for _, c := range choices {
		for i, f := range c.Features {
			exs = append(exs, Example{Features: f, Labels: [NumTypes]int8{c.Labels[i], -1, -1}})
		}
	}
	m, err := Train(exs, opts)
	if err != nil {
		return nil, err
	}
	c := &Chooser{Features: m.Features, Weights: m.Weights[0]}
	c.buildIndex()
	return c, nil
}

// Score is the chooser's score of one candidate's features.
func (c *Chooser) Score(features []string) float64 {
	s := 0.0
	for _, f := range features {
		if i, ok := c.index[f]; ok {
			s += c.Weights[i]
		}
	}
	return s
}

func (c *Chooser) buildIndex() {
	c.index = make(map[string]int, len(c.Features))
	for i, f := range c.Features {
		c.index[f] = i
	}
}

// check verifies a decoded chooser's shape and indexes it.
func (c *Chooser) check() error {
	if len(c.Weights) != len(c.Features) {
		return fmt.Errorf("chooser has %d weights for %d features", len(c.Weights), len(c.Features))
	}
	if !sort.StringsAreSorted(c.Features) {
		return fmt.Errorf("chooser features are not sorted")
	}
	c.buildIndex()
	return nil
}
