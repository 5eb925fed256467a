package article

import (
	"strings"
	"testing"
)

func TestDetectNonEnglish(t *testing.T) {
	tests := []struct {
		name, text, want string // want "" means English (kept)
	}{
		{"english", readFixture(t, "text/plain.txt") + readFixture(t, "text/url_date.txt"), ""},
		{"english quoting french", strings.Repeat("The minister said the plan was sound and that the count would go ahead. ", 4) +
			`"Nous ne laisserons pas faire," she added in French, before the press conference ended.`, ""},
		{"french", readFixture(t, "text/french.txt"), "French"},
		{"german", strings.Repeat("Die Regierung hat am Dienstag mitgeteilt, dass mehrere Webseiten mit einer Kampagne verbunden sind, die sich gegen die Wahl richtet und nicht aufhört. ", 3), "German"},
		{"spanish", strings.Repeat("El gobierno dijo el martes que varias páginas estaban vinculadas a una campaña de desinformación contra las elecciones y que no se detendrá. ", 3), "Spanish"},
		{"russian", strings.Repeat("Центральная избирательная комиссия сообщила о попытке взлома сайта. ", 5), "Russian or another Cyrillic-script language"},
		{"too short to judge", "Le gouvernement a annoncé une enquête.", ""},
		{"names only", strings.Repeat("Vladimir Putin Donald Trump Joe Biden ", 20), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, non := detectNonEnglish(tt.text)
			if got != tt.want || non != (tt.want != "") {
				t.Errorf("detectNonEnglish = %q, %v; want %q", got, non, tt.want)
			}
		})
	}
}
