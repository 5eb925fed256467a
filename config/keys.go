package config

import (
	"reflect"
	"sort"
	"strings"
)

// EnvPrefix starts the environment variable of every key: neo4j.uri is
// INFLUENCEGRAPH_NEO4J_URI, load.batch_size is INFLUENCEGRAPH_LOAD_BATCH_SIZE.
const EnvPrefix = "INFLUENCEGRAPH_"

// ConfigFileEnv names a configuration file, like --config.
const ConfigFileEnv = EnvPrefix + "CONFIG"

// Variables with the prefix that are not configuration keys: the Makefile
// and the tests read them. Read knows them, so setting one draws no
// "not a configuration variable" warning; the packages that read them
// use these constants.
const (
	// RequireNeo4jEnv makes a missing Neo4j fail the integration tests
	// rather than skip them (make test sets it).
	RequireNeo4jEnv = EnvPrefix + "REQUIRE_NEO4J"
	// TestAllowWipeEnv lets the tests empty a database on another machine.
	TestAllowWipeEnv = EnvPrefix + "TEST_ALLOW_WIPE"
	// BrowserURLEnv tells the browser test where Neo4j Browser is served.
	BrowserURLEnv = EnvPrefix + "NEO4J_BROWSER_URL"
	// UpdateDocsEnv makes the browser test rewrite docs/browser.png (make docs).
	UpdateDocsEnv = EnvPrefix + "UPDATE_DOCS"
)

// OtherEnv lists the INFLUENCEGRAPH_* variables that are not configuration
// keys: ConfigFileEnv and the test and Makefile variables above.
func OtherEnv() []string {
	return []string{ConfigFileEnv, RequireNeo4jEnv, TestAllowWipeEnv, BrowserURLEnv, UpdateDocsEnv}
}

// neo4jEnv maps keys to the variable names the Neo4j tools (and, for the
// API key, the OpenAI tools) use. They are read after the INFLUENCEGRAPH_*
// name, so INFLUENCEGRAPH_NEO4J_URI wins over NEO4J_URI when both are set.
var neo4jEnv = map[string]string{
	"llm.api_key":         "OPENAI_API_KEY",
	"neo4j.uri":           "NEO4J_URI",
	"neo4j.username":      "NEO4J_USERNAME",
	"neo4j.password":      "NEO4J_PASSWORD",
	"neo4j.password_file": "NEO4J_PASSWORD_FILE",
	"neo4j.database":      "NEO4J_DATABASE",
}

// descriptions says in a few words what each key means; `influencegraph
// config`, flag help and the README use them.
var descriptions = map[string]string{
	"neo4j.uri":              "Bolt URI of Neo4j (neo4j://, neo4j+s://, neo4j+ssc://, bolt://, bolt+s://, bolt+ssc://)",
	"neo4j.username":         "Neo4j user",
	"neo4j.password":         "Neo4j password (prefer password_file; never on the command line)",
	"neo4j.password_file":    "file whose first line is the Neo4j password",
	"neo4j.database":         "Neo4j database to read and write",
	"neo4j.connect_timeout":  "how long opening a connection to Neo4j may take (e.g. 5s)",
	"input.max_bytes":        "largest article accepted, in bytes",
	"extract.workers":        "articles extracted in parallel",
	"extract.knowledge_base": "extra knowledge-base files (comma-separated in the environment)",
	"extract.model":          "relation model: builtin (the shipped one), none (rules alone) or a file from influencegraph train",
	"extract.keep_off_topic": "extract and load every article, also those the relevance gate takes for other news",
	"load.batch_size":        "rows sent to Neo4j in one UNWIND statement",
	"load.evidence_cap":      "most evidence sentences kept on one relationship",
	"llm.base_url":           "OpenAI-compatible endpoint of the language model, up to /v1 (e.g. http://127.0.0.1:11434/v1 for Ollama)",
	"llm.model":              "model name the endpoint serves (e.g. qwen2.5:14b, gpt-4o-mini)",
	"llm.api_key":            "API key of the endpoint (environment only; prefer api_key_file; never printed)",
	"llm.api_key_file":       "file whose first line is the API key",
	"llm.timeout":            "how long one request to the model may take (e.g. 2m)",
	"llm.max_concurrency":    "requests to the model in flight at once",
	"llm.max_tokens":         "longest answer asked for, in tokens",
	"llm.temperature":        "sampling temperature (0 for the most repeatable answers)",
	"analyst.review_file":    "analysts' review file: the claims they rejected, applied by every load",
	"analyst.identity_file":  "analysts' identity file: entities they merged or split, applied by every load",
	"llm.cache_dir":          "directory of cached answers (default: the user cache directory; off: no cache)",
}

// Key describes one configuration key.
type Key struct {
	// Name is the dotted key, as written in the file: "load.batch_size".
	Name string
	// Env lists the environment variables read for the key, the one that
	// wins first.
	Env []string
	// Description says what the key means.
	Description string

	index []int
	typ   reflect.Type
}

// Keys lists every configuration key in the order of the Config struct.
// The list is derived from the struct's mapstructure tags, so a field added
// to Config is a key with an environment variable at once.
func Keys() []Key {
	var keys []Key
	ct := reflect.TypeOf(Config{})
	for i := 0; i < ct.NumField(); i++ {
		sect := ct.Field(i)
		sname := tagName(sect)
		for j := 0; j < sect.Type.NumField(); j++ {
			f := sect.Type.Field(j)
			name := sname + "." + tagName(f)
			env := []string{EnvPrefix + strings.ToUpper(strings.ReplaceAll(name, ".", "_"))}
			if alias, ok := neo4jEnv[name]; ok {
				env = append(env, alias)
			}
			keys = append(keys, Key{
				Name:        name,
				Env:         env,
				Description: descriptions[name],
				index:       []int{i, j},
				typ:         f.Type,
			})
		}
	}
	return keys
}

// LookupKey returns the key with the given dotted name.
func LookupKey(name string) (Key, bool) {
	for _, k := range Keys() {
		if k.Name == name {
			return k, true
		}
	}
	return Key{}, false
}

// sections lists the top-level names of the configuration file.
func sections() []string {
	var s []string
	ct := reflect.TypeOf(Config{})
	for i := 0; i < ct.NumField(); i++ {
		s = append(s, tagName(ct.Field(i)))
	}
	sort.Strings(s)
	return s
}

func tagName(f reflect.StructField) string {
	if tag, _, _ := strings.Cut(f.Tag.Get("mapstructure"), ","); tag != "" {
		return tag
	}
	return strings.ToLower(f.Name)
}

// field returns the addressable field of c that holds key k.
func (k Key) field(c *Config) reflect.Value {
	return reflect.ValueOf(c).Elem().FieldByIndex(k.index)
}

// suggest returns the known name closest to an unknown one, or "" when none
// is close enough to be a likely typo.
func suggest(unknown string, known []string) string {
	best, bestDist := "", 4
	for _, k := range known {
		if d := editDistance(unknown, k); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
