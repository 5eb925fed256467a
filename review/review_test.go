package review

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const claim = "4aee16553d6bf3fe|state:RU|TARGETED|election:MD-2024-referendum|asserted"

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, file, want string }{
		{"claim id without its parts", "rejected:\n  - claim: 4aee16553d6bf3fe\n    why: wrong\n", `claim id "4aee16553d6bf3fe" is not ARTICLE|SOURCE|TYPE|TARGET|asserted`},
		{"no reason", "rejected:\n  - claim: " + claim + "\n", "why is needed"},
		{"twice", "rejected:\n  - claim: " + claim + "\n    why: a\n  - claim: " + claim + "\n    why: b\n", "rejected twice"},
		{"unknown key", "rejected:\n  - claim: " + claim + "\n    reason: a\n", "field reason not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Parse([]byte(tt.file)); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse = %v, want an error saying %q", err, tt.want)
			}
		})
	}
}

func TestRejectAndUnreject(t *testing.T) {
	path := filepath.Join(t.TempDir(), "review.yaml")
	if f, err := Load(path); err != nil || len(f.Rejected) != 0 {
		t.Fatalf("Load of a file not written yet = %v, %v; want an empty review", f, err)
	}
	at := time.Date(2026, 12, 7, 1, 2, 3, 0, time.UTC)
	if err := Reject(path, Rejection{Claim: claim, By: "jane", Why: "a denial", At: at}); err != nil {
		t.Fatal(err)
	}
	// Rejecting again replaces the entry rather than adding one.
	if err := Reject(path, Rejection{Claim: claim, By: "jane", Why: "the sentence is a denial", At: at}); err != nil {
		t.Fatal(err)
	}
	f, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	want := Rejection{Claim: claim, By: "jane", Why: "the sentence is a denial", At: at}
	if len(f.Rejected) != 1 || f.Rejected[0] != want {
		t.Fatalf("review file holds %+v, want only %+v", f.Rejected, want)
	}
	if f.Rejected[0].Article() != "4aee16553d6bf3fe" || f.Rejected[0].Relation() != "state:RU|TARGETED|election:MD-2024-referendum|asserted" {
		t.Errorf("article %q, relation %q", f.Rejected[0].Article(), f.Rejected[0].Relation())
	}
	if err := Reject(path, Rejection{Claim: claim}); err == nil || !strings.Contains(err.Error(), "--why") {
		t.Errorf("a rejection without a reason = %v, want an error asking for --why", err)
	}
	if found, err := Unreject(path, claim); !found || err != nil {
		t.Fatalf("Unreject = %v, %v", found, err)
	}
	if found, err := Unreject(path, claim); found || err != nil {
		t.Errorf("Unreject of a claim no longer rejected = %v, %v; want not found", found, err)
	}
	b, _ := os.ReadFile(path)
	if strings.Contains(string(b), claim) {
		t.Errorf("file still names the claim:\n%s", b)
	}
}
