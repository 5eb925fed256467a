package article

import "testing"

func TestDatelinePlace(t *testing.T) {
	body := " - A court on Thursday convicted fourteen people of planning violence on the day of the vote, in a case watched closely abroad.\n"
	tests := []struct {
		name, in, want string
	}{
		{"capital and date", "title: Court rules\n\nPODGORICA, May 9" + body, "PODGORICA"},
		{"capital only", "title: Court rules\n\nWASHINGTON" + body, "WASHINGTON"},
		{"agency credit", "title: Court rules\n\nBrussels (Reuters)" + body, "Brussels"},
		{"no dateline", "title: Court rules\n\nA court on Thursday convicted fourteen people of planning violence on the day of the vote, in a case watched closely abroad.\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := ParseText(tt.in)
			if a.Place != tt.want {
				t.Errorf("Place = %q, want %q (text %q)", a.Place, tt.want, a.Text)
			}
		})
	}
}
