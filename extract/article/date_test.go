package article

import "testing"

func TestNormaliseDate(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"2023-10-21", "2023-10-21"},
		{"2023-10-21T23:30:00-05:00", "2023-10-21"}, // the date written, not moved to UTC
		{"2021-04-09T07:30:00Z", "2021-04-09"},
		{"2020-01-02 15:04:05", "2020-01-02"},
		{"Mon, 02 Jan 2006 15:04:05 -0700", "2006-01-02"},
		{"17 March 2021", "2021-03-17"},
		{"17th of March, 2021", "2021-03-17"},
		{"October 21, 2023", "2023-10-21"},
		{"Oct. 21 2023", "2023-10-21"},
		{"Tuesday, October 14, 2025", "2025-10-14"},
		{"Saturday 06 May 2017 16:36 BST", "2017-05-06"},
		{"2023/10/21", "2023-10-21"},
		{"21/10/2023", "2023-10-21"},
		{"10/21/2023", "2023-10-21"},
		{"05/06/2023", ""}, // day or month first: unknown
		{"31 February 2021", ""},
		{"2021", ""},
		{"Dec. 20", ""},
		{"unknown", ""},
		{"1850-01-01", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := normaliseDate(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("normaliseDate(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestDateline(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"17 March 2021", "2021-03-17"},
		{"Saturday 06 May 2017 16:36 BST", "2017-05-06"},
		{"Published: 2023-10-21", "2023-10-21"},
		{"Updated on October 21, 2023 at 4.36pm", "2023-10-21"},
		{"Tuesday, October 14, 2025", "2025-10-14"},
		// Sentences that mention a date are not date lines.
		{"Following an announcement on September 27, 2024, the office designated an individual", ""},
		{"DURHAM, NC - OCTOBER 18 2020: A candidate attended an event at a high school", ""},
		{"Copyright © 2021 Example", ""},
		{"1 year ago", ""},
	}
	for _, tt := range tests {
		got, ok := dateline(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("dateline(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestDateFromURL(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"https://example.com/world/2020/10/21/some-story", "2020-10-21"},
		{"https://example.com/world/2023/feb/15/some-story?CMP=share", "2023-02-15"},
		{"https://example.com/nation/la-na-story-20180216-story.html", "2018-02-16"},
		{"http://example.com/2014/05/26/story/?share=reddit", "2014-05-26"},
		{"https://example.com/stories/664028822-some-story", ""},
		{"https://example.com/news/press-releases/jy2766", ""},
		{"https://example.com/2020/13/45/bad", ""},
		{"https://example.com/story?date=2020/10/21/", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := dateFromURL(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("dateFromURL(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestPrintDateVersusDateline(t *testing.T) {
	// The page header's print date sits far above the headline; the
	// article's date sits under it. The nearer one wins.
	page := "Menu\nMonday, January 8, 2029\nSubscribe\n\nHeadline about an election story here\n\nBy Some Writer\n3 April 2024\n\n" +
		"The opening paragraph of the story says what happened in plain and simple words, as stories do.\n"
	c := CleanText(page, "")
	if c.Published != "2024-04-03" {
		t.Errorf("published = %q, want 2024-04-03 (the dateline, not the print date)", c.Published)
	}
	if c.Title != "Headline about an election story here" {
		t.Errorf("title = %q", c.Title)
	}
}
