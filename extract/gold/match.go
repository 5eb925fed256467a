package gold

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Article is an annotated article: the path of its text and its gold file.
type Article struct {
	Name string // the file stem, "c1-001"
	Text string // path of NAME.txt
	Gold File
}

// Load reads every NAME.gold.json of dir that has a NAME.txt beside it,
// in name order. A gold file without its text is an error: it names an
// article that cannot be read.
func Load(dir string) ([]Article, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.gold.json"))
	if err != nil {
		return nil, fmt.Errorf("list gold files in %q: %w", dir, err)
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("no *.gold.json files in %q", dir)
	}
	sort.Strings(paths)
	out := make([]Article, 0, len(paths))
	for _, p := range paths {
		stem := strings.TrimSuffix(filepath.Base(p), ".gold.json")
		txt := filepath.Join(dir, stem+".txt")
		if _, err := os.Stat(txt); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("gold file %q has no article %q beside it", p, txt)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("read gold file: %w", err)
		}
		var f File
		if err := json.Unmarshal(b, &f); err != nil {
			return nil, fmt.Errorf("gold file %q: %w", p, err)
		}
		out = append(out, Article{Name: stem, Text: txt, Gold: f})
	}
	return out, nil
}

// SysEntity is what matching needs of an extracted entity.
type SysEntity struct {
	ID, Type, Name string
	Aliases        []string
	ISO2, Country  string
	Year           int
}

// Triple is a relation between gold keys (or "?id" for a system entity
// that matches none).
type Triple struct {
	Source, Type, Target string
	Negated              bool
}

// Match maps each system entity id to the gold key it denotes, as the
// scorer does: typed and one-to-one against the required entities first,
// then typed against the optional ones, then by name alone. It also
// counts, as the scorer does, the system entities that matched a
// required one (tp) and those that matched none with their type (fp).
func Match(g File, sys []SysEntity) (keys map[string]string, tp, fp int) {
	keys = make(map[string]string, len(sys))
	used := make(map[string]bool)
	for _, e := range sys {
		hit := ""
		for _, ge := range g.Entities {
			if !used[ge.Key] && ge.Type == e.Type && sameThing(e, ge) {
				hit = ge.Key
				break
			}
		}
		if hit != "" {
			used[hit] = true
			keys[e.ID] = hit
			tp++
			continue
		}
		opt := false
		for _, oe := range g.OptionalEntities {
			if oe.Type == e.Type && sameThing(e, oe) {
				keys[e.ID] = oe.Key
				opt = true
				break
			}
		}
		if !opt {
			fp++
		}
	}
	for _, e := range sys {
		if _, ok := keys[e.ID]; ok {
			continue
		}
		for _, ge := range append(append([]Entity(nil), g.Entities...), g.OptionalEntities...) {
			if sameThing(e, ge) {
				keys[e.ID] = ge.Key
				break
			}
		}
	}
	return keys, tp, fp
}

// Triples returns the required and optional relations of g as triples;
// an optional one that is also required is only required.
func Triples(g File) (required, optional map[Triple]bool) {
	required, optional = map[Triple]bool{}, map[Triple]bool{}
	for _, r := range g.Relations {
		if core(r.Type) {
			required[Triple{r.Source, r.Type, r.Target, r.Negated}] = true
		}
	}
	for _, r := range g.OptionalRelations {
		t := Triple{r.Source, r.Type, r.Target, r.Negated}
		if core(r.Type) && !required[t] {
			optional[t] = true
		}
	}
	return required, optional
}

func core(t string) bool { return t == "AUTHORISED" || t == "TARGETED" || t == "AMPLIFIED" }

func sameThing(e SysEntity, g Entity) bool {
	if g.Type == "Election" && e.Type == "Election" && e.Year != 0 {
		gc := ""
		if g.Country != nil {
			gc = strings.ToUpper(*g.Country)
		}
		return e.Year == g.Year && strings.ToUpper(e.Country) == gc
	}
	if g.Type == "State" && e.ISO2 != "" && g.ISO2 != "" {
		return strings.EqualFold(e.ISO2, g.ISO2)
	}
	gn := names(g.Name, g.Aliases)
	for _, n := range names(e.Name, e.Aliases) {
		for _, m := range gn {
			if n == m {
				return true
			}
		}
	}
	return false
}

func names(name string, aliases []string) []string {
	out := make([]string, 0, 1+len(aliases))
	for _, s := range append([]string{name}, aliases...) {
		if n := Norm(s); n != "" {
			out = append(out, n)
		}
	}
	return out
}

var (
	possessive = regexp.MustCompile(`'s\b`)
	nonWord    = regexp.MustCompile(`[^\p{L}\p{N}_\s]`)
	spaces     = regexp.MustCompile(`\s+`)
)

// Norm is the scorer's name normalisation: accents and case folded,
// possessives and punctuation dropped, a leading "the" removed.
func Norm(s string) string {
	s = norm.NFKD.String(s)
	s = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, s)
	s = strings.ReplaceAll(strings.ToLower(s), "\u2019", "'")
	s = possessive.ReplaceAllString(s, "")
	s = nonWord.ReplaceAllString(s, " ")
	s = strings.TrimSpace(spaces.ReplaceAllString(s, " "))
	return strings.TrimPrefix(s, "the ")
}

// Digest is a hash of the annotated articles of dir (every NAME.txt and
// NAME.gold.json, by name), with their number: a model records the
// digests of the folders it learned from, so a rebuild can tell it has
// the same data.
func Digest(dir string) (articles int, sum string, err error) {
	arts, err := Load(dir)
	if err != nil {
		return 0, "", err
	}
	h := sha256.New()
	for _, a := range arts {
		for _, p := range []string{a.Text, strings.TrimSuffix(a.Text, ".txt") + ".gold.json"} {
			b, err := os.ReadFile(p)
			if err != nil {
				return 0, "", fmt.Errorf("digest: %w", err)
			}
			fmt.Fprintf(h, "%s %d\n", filepath.Base(p), len(b))
			h.Write(b)
		}
	}
	return len(arts), hex.EncodeToString(h.Sum(nil)), nil
}
