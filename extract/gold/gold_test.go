package gold

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/influencegraph/influencegraph/extract"
)

func TestCheckDevFiles(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/eval/dev/*.gold.json")
	if len(files) == 0 {
		t.Skip("no dev set beside the repository")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if errs := Check(b, true); errs != nil {
			t.Errorf("%s: %v", f, errs)
		}
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name, data string
		want       []string
	}{
		{"good", `{"entities":[{"key":"ru","type":"State","name":"Russia","iso2":"RU"},{"key":"e","type":"Election","name":"x","country":null,"year":2020,"kind":"general"}],"relations":[{"type":"TARGETED","source":"ru","target":"e","negated":false}]}`, nil},
		{"not json", `{`, []string{"not JSON"}},
		{"repeated key", `{"entities":[{"key":"a","type":"Person","name":"A"},{"key":"a","type":"Person","name":"B"}]}`, []string{"entities: missing or repeated key a"}},
		{"bad type", `{"entities":[{"key":"a","type":"Company","name":"A"}]}`, []string{"a: bad type Company"}},
		{"no name", `{"entities":[{"key":"a","type":"Person"}]}`, []string{"a: no name"}},
		{"state without iso2", `{"entities":[{"key":"a","type":"State","name":"A"}]}`, []string{"a: State without iso2"}},
		{"election", `{"entities":[{"key":"e","type":"Election","name":"x","year":"2020","kind":"big"}]}`, []string{"e: Election year not int", "e: Election without country field", "e: bad election kind big"}},
		{"relation", `{"entities":[],"optional_relations":[{"type":"FUNDED","source":"a","target":"b","negated":"no"}]}`, []string{"optional_relations: bad type FUNDED", "optional_relations: FUNDED source a is no entity key", "optional_relations: FUNDED target b is no entity key", "optional_relations: negated not bool"}},
	}
	for _, tt := range tests {
		got := Check([]byte(tt.data), true)
		if len(got) != len(tt.want) {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
			continue
		}
		for i := range got {
			if !strings.HasPrefix(got[i], tt.want[i]) {
				t.Errorf("%s: %q, want %q", tt.name, got[i], tt.want[i])
			}
		}
	}
	if got := Check([]byte(`{}`), false); !reflect.DeepEqual(got, []string{"no .txt beside it"}) {
		t.Errorf("no text: %q", got)
	}
}

func TestFromResult(t *testing.T) {
	pub := "2024-10-30"
	res := extract.Result{
		Article: extract.ArticleRecord{ID: "a", Published: &pub},
		Entities: []extract.EntityRecord{
			{ID: "state:RU", Type: "State", Name: "Russia", ISO2: "RU", Aliases: []string{"Moscow"}},
			{ID: "agency:ru-gru", Type: "Agency", Name: "GRU", Country: "RU"},
			{ID: "election:XX-2024-general", Type: "Election", Name: "2024 general election", Year: 2024, ElectionKind: "general"},
		},
		Relations: []extract.RelationRecord{{Type: "TARGETED", Source: "agency:ru-gru", Target: "election:XX-2024-general", Evidence: "The GRU targeted the vote."}},
	}
	g := FromResult(res, "a.txt")
	b, err := json.Marshal(g)
	if err != nil {
		t.Fatal(err)
	}
	if errs := Check(b, true); errs != nil {
		t.Fatalf("FromResult gives a file Check refuses: %v\n%s", errs, b)
	}
	for _, want := range []string{`"country":null,"year":2024,"kind":"general"`, `"iso2":"RU"`, `"key":"agency:ru-gru","type":"Agency","name":"GRU","country":"RU"`, `"optional_relations":[]`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("%s lacks %s", b, want)
		}
	}
}
