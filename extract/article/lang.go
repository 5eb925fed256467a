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

// maxScriptRunes bounds the letters looked at for the script check.
const maxScriptRunes = 20000

// detectNonEnglish reports the likely language of text when it is not
// English. It is cheap: it looks at the script of the letters, then at the
// share of each language's stop words among the first words.
func detectNonEnglish(text string) (string, bool) {
	latin, letters := 0, 0
	scripts := map[string]int{}
	for _, r := range text {
		if letters >= maxScriptRunes {
			break
		}
		if r < 0x80 {
			if r|0x20 >= 'a' && r|0x20 <= 'z' {
				letters++
				latin++
			}
			continue
		}
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if s := scriptName(r); s == "" {
			latin++
		} else {
			scripts[s]++
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

	var counts [len(languages)]int
	words := 0
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		if words >= maxLangWords {
			break
		}
		words++
		if len(w) > 12 {
			continue
		}
		if mask := stopwordMask[strings.ToLower(w)]; mask != 0 {
			for i := range languages {
				if mask&(1<<i) != 0 {
					counts[i]++
				}
			}
		}
	}
	if words < minLangWords {
		return "", false
	}
	en := counts[0]
	best, n := 0, en
	for i := 1; i < len(languages); i++ {
		if counts[i] > n {
			best, n = i, counts[i]
		}
	}
	if best == 0 {
		return "", false
	}
	// English needs only to be a plausible second: quotes and names in other
	// languages are common in English reporting.
	if float64(en) >= englishFloor*float64(words) && float64(n) < 1.5*float64(en) {
		return "", false
	}
	return languages[best], true
}

// scriptName names the language family of a non-Latin letter, "" for Latin.
func scriptName(r rune) string {
	switch {
	case r < 0x250 || unicode.Is(unicode.Latin, r):
		return ""
	case unicode.Is(unicode.Cyrillic, r):
		return "Russian or another Cyrillic-script language"
	case unicode.Is(unicode.Arabic, r):
		return "Arabic or Persian"
	case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
		return "Japanese"
	case unicode.Is(unicode.Han, r):
		return "Chinese or Japanese"
	case unicode.Is(unicode.Hangul, r):
		return "Korean"
	case unicode.Is(unicode.Greek, r):
		return "Greek"
	case unicode.Is(unicode.Hebrew, r):
		return "Hebrew"
	case unicode.Is(unicode.Devanagari, r):
		return "Hindi or another Devanagari-script language"
	case unicode.Is(unicode.Georgian, r):
		return "Georgian"
	case unicode.Is(unicode.Armenian, r):
		return "Armenian"
	case unicode.Is(unicode.Thai, r):
		return "Thai"
	}
	return "an unknown non-Latin-script language"
}

// languages are the languages of stopwords, English first; stopwordMask
// maps each stop word to the set of languages (bit i: languages[i]) it
// belongs to. Both are built once and only read.
var languages = [...]string{"English", "French", "German", "Spanish", "Italian", "Portuguese", "Dutch", "Romanian", "Polish"}

var stopwordMask = func() map[string]uint16 {
	m := make(map[string]uint16)
	for i, lang := range languages {
		for _, w := range stopwords[lang] {
			m[w] |= 1 << i
		}
	}
	return m
}()

// englishCode reports whether a declared language (a code such as "en",
// "en-GB", "eng", or a name) is English.
func englishCode(lang string) bool {
	l := strings.ToLower(strings.TrimSpace(lang))
	return l == "en" || l == "eng" || l == "english" || strings.HasPrefix(l, "en-") || strings.HasPrefix(l, "en_")
}
