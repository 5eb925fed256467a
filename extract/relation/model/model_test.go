package model

import (
	"bytes"
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
		if i, ok := m.HashIndex()[uint64(NewHash().Add(f))]; ok {
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
