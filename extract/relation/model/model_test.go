package model

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

func examples() []Example {
	return []Example{
		{Features: []string{"bias", "trig:TA", "types:State>Election"}, Labels: [NumTypes]int8{0, 1, 0}},
		{Features: []string{"bias", "trig:TA", "types:State>Person"}, Labels: [NumTypes]int8{0, 1, -1}},
		{Features: []string{"bias", "report", "types:State>Election"}, Labels: [NumTypes]int8{0, 0, 0}},
		{Features: []string{"bias", "report", "types:Agency>State"}, Labels: [NumTypes]int8{0, 0, 0}},
		{Features: []string{"bias", "trig:AM", "types:State>Person"}, Labels: [NumTypes]int8{0, 0, 1}},
		{Features: []string{"bias", "trig:AM", "once"}, Labels: [NumTypes]int8{0, 0, 1}},
	}
}

func TestTrainIsDeterministicAndLearns(t *testing.T) {
	write := func() []byte {
		m, err := Train(examples(), DefaultOptions)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := m.Write(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	a, b := write(), write()
	if !bytes.Equal(a, b) {
		t.Fatal("two trainings on the same examples gave different files")
	}
	m, err := Read(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(m.Version, "relation-lr-") {
		t.Errorf("version %q", m.Version)
	}
	if m.Weight(0, "once") != 0 {
		t.Errorf("a feature seen once (under min_count) has a weight")
	}
	pos := m.Prob(1, []string{"bias", "trig:TA", "types:State>Election"})
	neg := m.Prob(1, []string{"bias", "report", "types:State>Election"})
	if pos <= neg {
		t.Errorf("TARGETED: trigger example scores %.3f, report example %.3f", pos, neg)
	}
	if got := m.Prob(2, []string{"bias", "trig:AM"}); got <= m.Prob(2, []string{"bias", "report"}) {
		t.Errorf("AMPLIFIED did not learn its trigger: %.3f", got)
	}
}

func TestScoreIDsAgreesWithScore(t *testing.T) {
	m, err := Train(examples(), DefaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	feats := []string{"bias", "trig:TA", "types:State>Election", "unknown"}
	var ids []int
	for _, f := range feats {
		if i, ok := m.HashIndex().Lookup(NewHash().Add(f)); ok {
			ids = append(ids, int(i))
		}
	}
	for ty := 0; ty < NumTypes; ty++ {
		if a, b := m.Score(ty, feats), m.ScoreIDs(ty, ids); a != b {
			t.Errorf("type %d: Score %v, ScoreIDs %v", ty, a, b)
		}
	}
	if NewHash().Add("trig:").Add("TA") != NewHash().Add("trig:TA") {
		t.Error("a hash over parts differs from the hash of the joined name")
	}
}

func TestReadRejects(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"not json", "{", "decode"},
		{"unknown field", `{"version":"v","features":[],"weights":[[],[],[]],"extra":1}`, "unknown field"},
		{"no version", `{"features":[],"weights":[[],[],[]]}`, "no version"},
		{"short weights", `{"version":"v","features":["a","b"],"weights":[[1,2],[1],[1,2]]}`, "type 1 has 1 weights for 2 features"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Read = %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

func TestDefaultModelLoads(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Features) == 0 || len(m.Data) == 0 {
		t.Errorf("the shipped model has %d features and %d data folders", len(m.Features), len(m.Data))
	}
	for ty, th := range m.Thresholds {
		if th <= 0 || th >= 1 {
			t.Errorf("threshold of type %d is %v", ty, th)
		}
	}
}

// TestChooserLearnsAndTravelsWithTheModel trains a chooser on choices
// whose right candidate is the one the text puts the election in, and
// checks that it chooses so, and that a model file keeps it.
func TestChooserLearnsAndTravelsWithTheModel(t *testing.T) {
	var choices []Choice
	for i := 0; i < 40; i++ {
		right := i % 3
		c := Choice{Labels: make([]int8, 3)}
		for k := 0; k < 3; k++ {
			f := []string{"bias", "cc:" + string(rune('A'+(i+k)%5))}
			if k == right {
				f = append(f, "same-sentence-in")
				c.Labels[k] = 1
			} else if k == 0 {
				f = append(f, "rule")
			}
			c.Features = append(c.Features, f)
		}
		choices = append(choices, c)
	}
	ch, err := TrainChooser(choices, DefaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range [][][]string{
		{{"bias", "rule"}, {"bias", "same-sentence-in"}},
		{{"bias", "same-sentence-in"}, {"bias"}, {"bias", "rule"}},
	} {
		got := 0 // the candidate scoring highest, as resolve chooses
		for i := range tc {
			if ch.Score(tc[i]) > ch.Score(tc[got]) {
				got = i
			}
		}
		if !slices.Contains(tc[got], "same-sentence-in") {
			t.Errorf("chose %d of %q, want the candidate the text places the election in", got, tc)
		}
	}

	m, err := Train([]Example{{Features: []string{"a"}, Labels: [NumTypes]int8{1, 0, 0}}}, DefaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	var without, with bytes.Buffer
	if err := m.Write(&without); err != nil {
		t.Fatal(err)
	}
	m.ElectionCountry, m.ElectionYear = ch, ch
	if err := m.Write(&with); err != nil {
		t.Fatal(err)
	}
	back, err := Read(bytes.NewReader(with.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if back.ElectionCountry == nil || back.ElectionCountry.Score([]string{"same-sentence-in"}) != ch.Score([]string{"same-sentence-in"}) {
		t.Errorf("the chooser did not survive Write and Read")
	}
	if back.ElectionYear == nil || back.ElectionYear.Score([]string{"same-sentence-in"}) != ch.Score([]string{"same-sentence-in"}) {
		t.Errorf("the year chooser did not survive Write and Read")
	}
	if v, err := Read(bytes.NewReader(without.Bytes())); err != nil || v.Version == back.Version {
		t.Errorf("a model with a chooser has the version of one without (%v)", err)
	}
	if _, err := Read(strings.NewReader(`{"version":"v","features":[],"weights":[[],[],[]],"election_country":{"features":["a","b"],"weights":[1]}}`)); err == nil || !strings.Contains(err.Error(), "chooser has 1 weights for 2 features") {
		t.Errorf("Read of a chooser with too few weights = %v", err)
	}
	if _, err := Read(strings.NewReader(`{"version":"v","features":[],"weights":[[],[],[]],"election_year":{"features":["b","a"],"weights":[1,2]}}`)); err == nil || !strings.Contains(err.Error(), "not sorted") {
		t.Errorf("Read of a year chooser with unsorted features = %v", err)
	}
}
