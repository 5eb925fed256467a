package lexicon

import (
	"strings"
	"testing"
)

func TestDefault(t *testing.T) {
	l, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Triggers) < 50 || len(l.GivenNames) < 100 || len(l.ReportVerbs) < 20 {
		t.Fatalf("lists too short: %d triggers, %d given names, %d reporting verbs", len(l.Triggers), len(l.GivenNames), len(l.ReportVerbs))
	}
	for _, tr := range l.Triggers {
		if len(tr.Phrase) == 0 {
			t.Errorf("empty trigger of type %s", tr.Type)
		}
	}
}

func TestPhraseMatch(t *testing.T) {
	tests := []struct {
		phrase string
		words  []string
		want   bool
	}{
		{"influenc*", []string{"influencing", "voters"}, true},
		{"link * to", []string{"link", "biden", "to"}, true},
		{"link * to", []string{"link", "biden"}, false},
		{"sow* discord", []string{"sowing", "discord"}, true},
		{"aimed at", []string{"aimed", "to"}, false},
	}
	for _, tc := range tests {
		if got := phrase(tc.phrase).Match(tc.words); got != tc.want {
			t.Errorf("%q.Match(%q) = %v, want %v", tc.phrase, tc.words, got, tc.want)
		}
	}
}

func TestWordFilter(t *testing.T) {
	set := map[string]bool{"election": true, "vote": true, "polls": true, "": true, "x": true}
	f := NewWordFilter(set)
	for w := range set {
		if !f.MayHave(w) {
			t.Errorf("MayHave(%q) = false for a member", w)
		}
	}
	// Words differing in length, first or last byte from every member are
	// ruled out (the hash of these does not collide with the members').
	for _, w := range []string{"the", "said", "elections", "votes", "poll"} {
		if f.MayHave(w) {
			t.Errorf("MayHave(%q) = true for a word unlike any member", w)
		}
	}
}

// TestWordSet checks WordSet.Match against trying every pattern with
// WordMatch.
func TestWordSet(t *testing.T) {
	lists := [][]string{
		{"official*", "intelligence", "voter*", "-based", "a*", "x"},
		{"*", "hacker*"},
		nil,
	}
	words := []string{"", "official", "officials", "offic", "intelligence", "intelligent", "voters", "-based",
		"based", "a", "apple", "x", "xy", "hackers", "42", "'s", "—"}
	for _, pats := range lists {
		s := NewWordSet(pats)
		for _, w := range words {
			want := false
			for _, p := range pats {
				want = want || WordMatch(p, w)
			}
			if got := s.Match(w); got != want {
				t.Errorf("%q: Match(%q) = %v, want %v", pats, w, got, want)
			}
		}
	}
}

// TestLearnedGivenNamesAreLoaded checks that the given names make names
// learns reach the lexicon beside the hand-written ones.
func TestLearnedGivenNamesAreLoaded(t *testing.T) {
	l, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := files.ReadFile("data/givennames.learned.txt")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		n++
		if !l.GivenNames[line] {
			t.Errorf("learned given name %q is not in the lexicon", line)
		}
	}
	if n == 0 {
		t.Error("no learned given names")
	}
}
