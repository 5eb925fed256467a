package article

import (
	"strings"
	"unicode"
)

// stopwords holds, per language, words so frequent that their share of a
// text tells the language apart. Words shared between languages ("a", "en",
// "die") still work: only the counts are compared.
var stopwords = map[string][]string{
	"English":    {"the", "and", "of", "to", "in", "is", "that", "for", "it", "was", "on", "with", "as", "by", "from", "have", "has", "are", "this", "be", "said", "which", "were", "not", "an", "or", "its", "their", "they"},
	"French":     {"le", "la", "les", "de", "des", "et", "un", "une", "du", "est", "que", "qui", "dans", "pour", "pas", "sur", "au", "aux", "avec", "par", "il", "elle", "ce", "sont", "ont", "été", "plus", "mais"},
	"German":     {"der", "die", "das", "und", "ist", "nicht", "mit", "von", "den", "dem", "zu", "ein", "eine", "auf", "für", "sich", "auch", "wird", "wurde", "es", "im", "nach", "bei", "aus", "dass", "sind", "hat", "einer"},
	"Spanish":    {"el", "la", "los", "las", "de", "del", "y", "en", "que", "un", "una", "por", "con", "para", "es", "se", "no", "al", "lo", "como", "más", "su", "sus", "fue", "ha", "pero", "este", "esta"},
	"Italian":    {"il", "lo", "la", "gli", "le", "di", "del", "della", "che", "e", "è", "un", "una", "per", "con", "non", "sono", "nel", "nella", "anche", "ha", "si", "ai", "dei", "delle", "alla", "più", "questo"},
	"Portuguese": {"o", "a", "os", "as", "de", "do", "da", "dos", "das", "e", "que", "em", "um", "uma", "para", "com", "não", "por", "no", "na", "se", "mais", "foi", "ao", "é", "pelo", "pela", "seu"},
	"Dutch":      {"de", "het", "een", "en", "van", "is", "dat", "niet", "op", "te", "zijn", "met", "voor", "die", "er", "aan", "ook", "als", "bij", "door", "wordt", "werd", "naar", "om", "nog", "maar", "heeft", "uit"},
	"Romanian":   {"și", "în", "de", "la", "cu", "pe", "că", "este", "nu", "din", "o", "un", "care", "mai", "pentru", "să", "se", "a", "fost", "au", "sunt", "ale", "lui", "prin", "sau", "dar", "această", "acest"},
	"Polish":     {"i", "w", "na", "z", "się", "nie", "do", "że", "to", "jest", "o", "jak", "po", "przez", "od", "dla", "za", "już", "tym", "jego", "ale", "oraz", "co", "był", "była", "są", "czy", "także"},
}

// Language detection settings: below minLangWords the text is too short to
// judge; English must reach englishFloor of the words unless another
// language clearly beats it.
const (
	minLangWords  = 30
	maxLangWords  = 2000
	englishFloor  = 0.10
	scriptLatinOK = 0.5
)

// detectNonEnglish reports the likely language of text when it is not
// English. It is cheap: it looks at the script of the letters, then at the
// share of each language's stop words among the first words.
func detectNonEnglish(text string) (string, bool) {
	latin, letters := 0, 0
	scripts := map[string]int{}
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		switch {
		case r < 0x250 || unicode.Is(unicode.Latin, r):
			latin++
		case unicode.Is(unicode.Cyrillic, r):
			scripts["Russian or another Cyrillic-script language"]++
		case unicode.Is(unicode.Arabic, r):
			scripts["Arabic or Persian"]++
		case unicode.Is(unicode.Han, r):
			scripts["Chinese or Japanese"]++
		case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
			scripts["Japanese"]++
		case unicode.Is(unicode.Hangul, r):
			scripts["Korean"]++
		case unicode.Is(unicode.Greek, r):
			scripts["Greek"]++
		case unicode.Is(unicode.Hebrew, r):
			scripts["Hebrew"]++
		case unicode.Is(unicode.Devanagari, r):
			scripts["Hindi or another Devanagari-script language"]++
		case unicode.Is(unicode.Georgian, r):
			scripts["Georgian"]++
		case unicode.Is(unicode.Armenian, r):
			scripts["Armenian"]++
		case unicode.Is(unicode.Thai, r):
			scripts["Thai"]++
		default:
			scripts["an unknown non-Latin-script language"]++
		}
	}
	if letters < 50 {
		return "", false
	}
	if float64(latin) < scriptLatinOK*float64(letters) {
		best, n := "", 0
		for s, c := range scripts {
			if c > n || c == n && s < best {
				best, n = s, c
			}
		}
		return best, true
	}

	counts := map[string]int{}
	words := 0
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		if words >= maxLangWords {
			break
		}
		words++
		w = strings.ToLower(w)
		for lang, list := range stopwordSets {
			if list[w] {
				counts[lang]++
			}
		}
	}
	if words < minLangWords {
		return "", false
	}
	en := counts["English"]
	best, n := "English", en
	for lang, c := range counts {
		if c > n || c == n && lang < best && lang != "English" && c > en {
			best, n = lang, c
		}
	}
	if best == "English" {
		return "", false
	}
	// English needs only to be a plausible second: quotes and names in other
	// languages are common in English reporting.
	if float64(en) >= englishFloor*float64(words) && float64(n) < 1.5*float64(en) {
		return "", false
	}
	return best, true
}

// stopwordSets is stopwords as sets, built once: read-only after init.
var stopwordSets = func() map[string]map[string]bool {
	sets := make(map[string]map[string]bool, len(stopwords))
	for lang, list := range stopwords {
		set := make(map[string]bool, len(list))
		for _, w := range list {
			set[w] = true
		}
		sets[lang] = set
	}
	return sets
}()

// englishCode reports whether a declared language (a code such as "en",
// "en-GB", "eng", or a name) is English.
func englishCode(lang string) bool {
	l := strings.ToLower(strings.TrimSpace(lang))
	return l == "en" || l == "eng" || l == "english" || strings.HasPrefix(l, "en-") || strings.HasPrefix(l, "en_")
}
