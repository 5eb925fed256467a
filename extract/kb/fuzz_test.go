package kb

import (
	"strings"
	"testing"
)

// FuzzParseRow feeds arbitrary lines to both row parsers: they must never
// panic, and a row they accept must carry its type's id prefix, no empty
// or duplicated list item, and no alias repeating the name.
func FuzzParseRow(f *testing.F) {
	for _, s := range []string{
		"org:acme\tOrganisation\tAcme\tRU\ttroll-farm\tACME|Acme Ltd\tQ1",
		"agency:ru-acme\tAgency\tAcme Bureau\tRU\tgovernment",
		"state:ZZ\tState\tZedland",
		"ZZ\tZedland\tKingdom of Zedland\tZed|Zeds\tZed City\tQ2",
		"person:a-b\tPerson\t\t\t\tx||y",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		for _, parse := range []func(string) (*Entry, error){parseEntityRow, parseStateRow} {
			e, err := parse(line)
			if err != nil {
				continue
			}
			if !strings.HasPrefix(e.ID, idPrefix[e.Type]) {
				t.Fatalf("accepted id %q for type %q", e.ID, e.Type)
			}
			for i, list := range [][]string{e.Aliases, e.Demonyms, e.Capitals} {
				seen := map[string]bool{}
				for _, a := range list {
					// a demonym may equal the name ("Myanmar"); an alias may not.
					if a == "" || seen[a] || (i == 0 && a == e.Name) {
						t.Fatalf("accepted list %q (name %q)", list, e.Name)
					}
					seen[a] = true
				}
			}
		}
	})
}
