package resolve

import "testing"

func TestRefYear(t *testing.T) {
	tests := []struct {
		name             string
		text, title, url string
		year             int
		firm             bool
	}{
		{"nothing dated", "The vote is near.", "", "", 0, false},
		{"the latest, named most and twice", "In 2019 they met. In 2024 the vote; by March 2024 it was over.", "", "", 2024, true},
		{"the latest, named once", "In 2019 and 2019 they met; the 2024 vote is near.", "", "", 2024, false},
		{"named once but in the title", "The vote in 2024.", "Ahead of the 2024 vote", "", 2024, true},
		{"in the url", "The vote in 2023.", "", "https://example.org/2023/05/vote", 2023, true},
		{"named most is an earlier year", "2016, 2016 and 2016 again; then 2020 and 2020.", "", "", 2020, false},
		{"not a year", "Storm-2035 and room 20490; in 2012 and 2012.", "", "", 2012, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			year, firm := refYear(tt.text, tt.title, tt.url)
			if year != tt.year || firm != tt.firm {
				t.Errorf("refYear = %d, %v; want %d, %v", year, firm, tt.year, tt.firm)
			}
		})
	}
}
