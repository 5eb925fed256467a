package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestContext(t *testing.T) {
	long := strings.Repeat("Filler words go here. ", 40) // 880 bytes
	tests := []struct {
		name, text, evidence string
		want                 string
	}{
		{"whole short text", "First one. The evidence sentence. Last one.", "The evidence sentence.",
			"First one. The evidence sentence. Last one."},
		{"cut at sentences", long + "The “evidence” sentence. " + long, "The “evidence” sentence.",
			"" /* checked below */},
		{"lines", "Headline\n\nBody one.\nThe evidence.\nTail.", "The evidence.", "Headline\n\nBody one.\nThe evidence.\nTail."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			i := strings.Index(tc.text, tc.evidence)
			span := Span{i, i + len(tc.evidence)}
			got, start := Context(tc.text, span)
			if tc.text[start:start+len(got)] != got {
				t.Fatalf("context %q is not the text at %d", got, start)
			}
			if !strings.Contains(got, tc.evidence) || start > span[0] || start+len(got) < span[1] {
				t.Fatalf("context %q does not hold the evidence", got)
			}
			if !utf8.ValidString(got) {
				t.Fatalf("context %q cuts a character", got)
			}
			if tc.want != "" && got != tc.want {
				t.Errorf("context = %q, want %q", got, tc.want)
			}
			if tc.want == "" {
				if span[0]-start > ContextBytes || start+len(got)-span[1] > ContextBytes {
					t.Errorf("context reaches beyond %d bytes: %d before, %d after", ContextBytes, span[0]-start, start+len(got)-span[1])
				}
				if !strings.HasPrefix(got, "Filler") || !strings.HasSuffix(got, "here.") {
					t.Errorf("context %q is not cut at sentence boundaries", got)
				}
			}
		})
	}
	if got, start := Context("short", Span{3, 99}); got != "" || start != 0 {
		t.Errorf("out-of-range span: %q, %d", got, start)
	}
}
