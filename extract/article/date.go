package article

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Years accepted as publication years: anything else is a misread number.
const (
	minYear = 1990
	maxYear = 2100
)

var months = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
	"october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

const monthRe = `(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`

var (
	// 2023-10-21, 2023/10/21, 2023.10.21 (optionally followed by a time).
	isoDateRe = regexp.MustCompile(`\b((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})\b`)
	// 17 March 2021, 06 May 2017, 17th of March, 2021.
	dmyRe = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+(` + monthRe + `),?\s+((?:19|20)\d\d)\b`)
	// October 21, 2023; Oct. 21 2023.
	mdyRe = regexp.MustCompile(`(?i)\b(` + monthRe + `)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b`)
	// 21/10/2023 is ambiguous (day or month first) and read only when one
	// reading is impossible.
	slashRe = regexp.MustCompile(`\b(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b`)

	// Dates in URL paths: /2020/10/21/, /2023/feb/15/, -20201021-.
	urlDateRe      = regexp.MustCompile(`/((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})(?:/|$)`)
	urlMonthDateRe = regexp.MustCompile(`(?i)/((?:19|20)\d\d)/(` + monthRe + `)/(\d{1,2})(?:/|$)`)
	urlCompactRe   = regexp.MustCompile(`[-_/]((?:19|20)\d\d)(\d\d)(\d\d)(?:[-_/.]|$)`)
)

// mkDate validates a year, month and day and renders YYYY-MM-DD.
func mkDate(y int, m time.Month, d int) (string, bool) {
	if y < minYear || y > maxYear || m < 1 || m > 12 || d < 1 || d > 31 {
		return "", false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d { // 31 February
		return "", false
	}
	return t.Format("2006-01-02"), true
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func monthOf(s string) time.Month {
	return months[strings.TrimSuffix(strings.ToLower(s), ".")]
}

// dateIn finds the first date written out in s and returns it as YYYY-MM-DD
// with the byte range it covers.
func dateIn(s string) (date string, start, end int, ok bool) {
	best := -1
	try := func(loc []int, y, m, d string, month time.Month) {
		if loc == nil || (best >= 0 && loc[0] >= best) {
			return
		}
		if month == 0 {
			month = time.Month(atoi(m))
		}
		if v, good := mkDate(atoi(y), month, atoi(d)); good {
			date, start, end, best, ok = v, loc[0], loc[1], loc[0], true
		}
	}
	if m := isoDateRe.FindStringSubmatchIndex(s); m != nil {
		try(m[:2], s[m[2]:m[3]], s[m[4]:m[5]], s[m[6]:m[7]], 0)
	}
	if m := dmyRe.FindStringSubmatchIndex(s); m != nil {
		try(m[:2], s[m[6]:m[7]], "", s[m[2]:m[3]], monthOf(s[m[4]:m[5]]))
	}
	if m := mdyRe.FindStringSubmatchIndex(s); m != nil {
		try(m[:2], s[m[6]:m[7]], "", s[m[4]:m[5]], monthOf(s[m[2]:m[3]]))
	}
	if m := slashRe.FindStringSubmatchIndex(s); m != nil {
		a, b := atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]])
		switch {
		case a > 12 && b <= 12: // day first
			try(m[:2], s[m[6]:m[7]], s[m[4]:m[5]], s[m[2]:m[3]], 0)
		case b > 12 && a <= 12: // month first
			try(m[:2], s[m[6]:m[7]], s[m[2]:m[3]], s[m[4]:m[5]], 0)
		}
	}
	return date, start, end, ok
}

// timeLayouts are the machine-readable forms met in headers, metadata and
// JSON fields.
var timeLayouts = []string{
	time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04",
	"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05-0700", time.RFC1123Z, time.RFC1123, time.RFC822Z,
	time.RFC822, time.RFC850, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
}

// normaliseDate reads a publication date written in any common form and
// returns it as YYYY-MM-DD. The date is the one written: a time zone does
// not move it to another day.
func normaliseDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return mkDate(t.Year(), t.Month(), t.Day())
		}
	}
	d, _, _, ok := dateIn(s)
	return d, ok
}

// dateFromURL reads a date from a URL path.
func dateFromURL(u string) (string, bool) {
	if u == "" {
		return "", false
	}
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	if m := urlDateRe.FindStringSubmatch(u); m != nil {
		if d, ok := mkDate(atoi(m[1]), time.Month(atoi(m[2])), atoi(m[3])); ok {
			return d, true
		}
	}
	if m := urlMonthDateRe.FindStringSubmatch(u); m != nil {
		if d, ok := mkDate(atoi(m[1]), monthOf(m[2]), atoi(m[3])); ok {
			return d, true
		}
	}
	if m := urlCompactRe.FindStringSubmatch(u); m != nil {
		if d, ok := mkDate(atoi(m[1]), time.Month(atoi(m[2])), atoi(m[3])); ok {
			return d, true
		}
	}
	return "", false
}

// datelineWords may stand beside a date on a line of its own without making
// it a sentence: weekdays, "updated", time zones and the like.
var datelineWords = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "mon": true, "tue": true, "tues": true, "wed": true,
	"thu": true, "thur": true, "thurs": true, "fri": true, "sat": true, "sun": true,
	"published": true, "updated": true, "posted": true, "on": true, "at": true, "last": true,
	"first": true, "modified": true, "date": true, "am": true, "pm": true, "a.m.": true,
	"p.m.": true, "gmt": true, "utc": true, "bst": true, "cet": true, "cest": true,
	"est": true, "edt": true, "pst": true, "pdt": true, "ist": true, "et": true,
	"pt": true, "|": true, "-": true, "–": true, "—": true, "·": true, "•": true, "/": true,
}

// dateline reports whether line is a date standing on its own ("17 March
// 2021", "Saturday 06 May 2017 16:36 BST", "Published: 2023-10-21") rather
// than a sentence that mentions a date.
func dateline(line string) (string, bool) {
	d, start, end, ok := dateIn(line)
	if !ok {
		return "", false
	}
	rest := line[:start] + " " + line[end:]
	extra := 0
	for _, w := range strings.Fields(rest) {
		w = strings.ToLower(strings.Trim(w, ",:;()"))
		if w == "" || datelineWords[w] || isClock(w) {
			continue
		}
		extra++
	}
	if extra > 3 {
		return "", false
	}
	return d, true
}

// isClock reports whether w looks like a time of day: 16:36, 4.36pm, 09:00:00.
func isClock(w string) bool {
	w = strings.TrimSuffix(strings.TrimSuffix(w, "am"), "pm")
	if w == "" {
		return false
	}
	digits := 0
	for _, c := range w {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == ':' || c == '.':
		default:
			return false
		}
	}
	return digits >= 3 && strings.ContainsAny(w, ":.")
}
