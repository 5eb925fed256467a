package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"
)

// clearEnv empties every variable Read looks at, so that the machine's
// environment (NEO4J_URI set by `make test`, say) cannot leak into a test.
func clearEnv(t testing.TB) {
	t.Helper()
	t.Setenv(ConfigFileEnv, "")
	for _, k := range Keys() {
		for _, e := range k.Env {
			t.Setenv(e, "")
		}
	}
	// Whatever else the caller's environment holds with the prefix
	// (an empty variable counts as unset).
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, EnvPrefix) {
			t.Setenv(name, "")
		}
	}
}

// readFile runs Read on one testdata file with no flags.
func readTestdata(t testing.TB, name string) (Loaded, error) {
	t.Helper()
	return Read(Options{File: filepath.Join("testdata", name), SearchDirs: []string{}})
}

func TestGoodFiles(t *testing.T) {
	clearEnv(t)
	files, err := filepath.Glob("testdata/*.good.yml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no good files: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			if _, err := readTestdata(t, filepath.Base(f)); err != nil {
				t.Fatalf("Read: %v", err)
			}
		})
	}
}

func TestFullFile(t *testing.T) {
	clearEnv(t)
	got, err := readTestdata(t, "full.good.yml")
	if err != nil {
		t.Fatal(err)
	}
	want := Config{
		Neo4j: Neo4j{
			URI:            "neo4j+s://abcd1234.databases.neo4j.io",
			Username:       "analyst",
			Password:       "s3cret-from-file",
			PasswordFile:   filepath.Join("testdata", "secrets", "neo4j-password"),
			Database:       "interference",
			ConnectTimeout: 15 * time.Second,
		},
		Input: Input{MaxBytes: 1 << 20},
		Extract: Extract{Workers: 3, KnowledgeBase: []string{filepath.Join("testdata", "kb", "extra-agencies.yaml"), "/etc/influencegraph/kb.yaml"},
			Model: filepath.Join("testdata", "models", "mine.json"), KeepOffTopic: true},
		Load: Load{BatchSize: 500, EvidenceCap: 5},
		LLM: LLM{BaseURL: "http://127.0.0.1:11434/v1", Model: "qwen2.5:14b", APIKey: "sk-test-from-file",
			APIKeyFile: filepath.Join("testdata", "secrets", "llm-key"), Timeout: 90 * time.Second, MaxConcurrency: 8,
			MaxTokens: 2048, Temperature: 0.2, CacheDir: filepath.Join("testdata", "cache", "llm")},
		Analyst: Analyst{ReviewFile: filepath.Join("testdata", "review.yaml"), IdentityFile: "/etc/influencegraph/identity.yaml"},
	}
	if !reflect.DeepEqual(got.Config, want) {
		t.Errorf("config:\n got %+v\nwant %+v", got.Config, want)
	}
	for _, k := range Keys() {
		if o := got.Origins[k.Name]; o.Kind != FromFile || o.Name != filepath.Join("testdata", "full.good.yml") {
			t.Errorf("origin of %s = %v, want the file", k.Name, o)
		}
	}
}

func TestEmptyFileGivesDefaults(t *testing.T) {
	clearEnv(t)
	got, err := readTestdata(t, "empty.good.yml")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Config, Default()) {
		t.Errorf("got %+v, want the defaults %+v", got.Config, Default())
	}
	for k, o := range got.Origins {
		if o.Kind != FromDefault {
			t.Errorf("origin of %s = %v, want default", k, o)
		}
	}
}

func TestBadFiles(t *testing.T) {
	clearEnv(t)
	// Each bad file and the message it must produce; every message must
	// also name the file.
	tests := map[string]string{
		"unknown_key.bad.yml":              `unknown key "neo4j.passwrd" (did you mean "neo4j.password"?)`,
		"unknown_section.bad.yml":          `unknown key "graph"`,
		"batch_size_string.bad.yml":        `load.batch_size (from file testdata/batch_size_string.bad.yml): "abc" is not a whole number`,
		"batch_size_float.bad.yml":         `load.batch_size (from file testdata/batch_size_float.bad.yml): 1.5 is not a whole number`,
		"negative_workers.bad.yml":         `extract.workers (from file testdata/negative_workers.bad.yml): must be between 1 and 1024, got -2`,
		"bad_scheme.bad.yml":               `neo4j.uri (from file testdata/bad_scheme.bad.yml): scheme "http" in "http://127.0.0.1:7474" is not supported`,
		"uri_without_scheme.bad.yml":       `neo4j.uri (from file testdata/uri_without_scheme.bad.yml): "127.0.0.1:7687" has no scheme; write e.g. neo4j://127.0.0.1:7687`,
		"uri_credentials.bad.yml":          `neo4j.uri (from file testdata/uri_credentials.bad.yml): must not carry a user or password`,
		"section_scalar.bad.yml":           `neo4j must be a mapping of keys (e.g. neo4j.uri), not the string "bolt://127.0.0.1:7687"`,
		"password_and_file.bad.yml":        `neo4j.password (from file testdata/password_and_file.bad.yml): is set together with neo4j.password_file`,
		"missing_password_file.bad.yml":    `neo4j.password_file (from file testdata/missing_password_file.bad.yml): read password file: open testdata/secrets/no-such-file: no such file or directory`,
		"timeout_without_unit.bad.yml":     `neo4j.connect_timeout (from file testdata/timeout_without_unit.bad.yml): 5 has no unit (write e.g. 5s or 1m30s)`,
		"knowledge_base_scalar.bad.yml":    `extract.knowledge_base (from file testdata/knowledge_base_scalar.bad.yml): must be a list of strings, not the number 5`,
		"database_number.bad.yml":          `neo4j.database (from file testdata/database_number.bad.yml): must be a string, not the number 42 (quote it)`,
		"syntax.bad.yml":                   `config file testdata/syntax.bad.yml: `,
		"llm_api_key_in_file.bad.yml":      `llm.api_key (from file testdata/llm_api_key_in_file.bad.yml): an API key is never read from the configuration file; put it in a file of its own named by llm.api_key_file, or in INFLUENCEGRAPH_LLM_API_KEY`,
		"llm_base_url_scheme.bad.yml":      `llm.base_url (from file testdata/llm_base_url_scheme.bad.yml): scheme "ftp" in "ftp://127.0.0.1:11434/v1" is not supported; use http:// or https://`,
		"llm_base_url_credentials.bad.yml": `llm.base_url (from file testdata/llm_base_url_credentials.bad.yml): must not carry a user or password; put the key in llm.api_key_file`,
		"llm_temperature.bad.yml":          `llm.temperature (from file testdata/llm_temperature.bad.yml): must be between 0 and 2, got 3`,
		"llm_temperature_string.bad.yml":   `llm.temperature (from file testdata/llm_temperature_string.bad.yml): "warm" is not a number`,
		"llm_concurrency.bad.yml":          `llm.max_concurrency (from file testdata/llm_concurrency.bad.yml): must be between 1 and 256, got 0`,
		"model_empty.bad.yml":              `extract.model (from file testdata/model_empty.bad.yml): is empty: want "builtin", "none" or the path of a model file`,
	}
	files, _ := filepath.Glob("testdata/*.bad.yml")
	if len(files) != len(tests) {
		t.Errorf("%d bad files in testdata, %d in the table: keep them in step", len(files), len(tests))
	}
	for name, want := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := readTestdata(t, name)
			if err == nil {
				t.Fatalf("Read succeeded, want an error containing %q", want)
			}
			msg := err.Error()
			if !strings.Contains(msg, want) {
				t.Errorf("error\n  %s\ndoes not contain\n  %s", msg, want)
			}
			if !strings.Contains(msg, filepath.Join("testdata", name)) {
				t.Errorf("error %q does not name the file", msg)
			}
		})
	}
}

func TestPrecedence(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, FileName), `
neo4j:
  uri: bolt://file-host:7687
  username: from-file
  database: filedb
load:
  batch_size: 10
  evidence_cap: 3
extract:
  workers: 2
`)
	newFlags := func(t testing.TB) *pflag.FlagSet {
		t.Helper()
		fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
		for key, name := range map[string]string{"neo4j.uri": "neo4j-uri", "load.batch_size": "batch-size", "neo4j.database": "database"} {
			if err := AddFlag(fs, key, name); err != nil {
				t.Fatal(err)
			}
		}
		return fs
	}

	tests := []struct {
		name  string
		env   map[string]string
		args  []string
		key   string
		want  any
		wantO Origin
	}{
		{"file over default", nil, nil, "neo4j.uri", "bolt://file-host:7687", Origin{FromFile, filepath.Join(dir, FileName)}},
		{"default when not in file", nil, nil, "input.max_bytes", int64(5 << 20), Origin{Kind: FromDefault}},
		{"neo4j env over file", map[string]string{"NEO4J_URI": "bolt://env-host:7687"}, nil, "neo4j.uri", "bolt://env-host:7687", Origin{FromEnv, "NEO4J_URI"}},
		{"influencegraph env over neo4j env", map[string]string{"NEO4J_URI": "bolt://neo4j-env:7687", "INFLUENCEGRAPH_NEO4J_URI": "bolt://ig-env:7687"}, nil, "neo4j.uri", "bolt://ig-env:7687", Origin{FromEnv, "INFLUENCEGRAPH_NEO4J_URI"}},
		{"empty env is unset", map[string]string{"INFLUENCEGRAPH_NEO4J_URI": "", "NEO4J_URI": "bolt://neo4j-env:7687"}, nil, "neo4j.uri", "bolt://neo4j-env:7687", Origin{FromEnv, "NEO4J_URI"}},
		{"flag over env", map[string]string{"INFLUENCEGRAPH_NEO4J_URI": "bolt://ig-env:7687"}, []string{"--neo4j-uri", "bolt://flag-host:7687"}, "neo4j.uri", "bolt://flag-host:7687", Origin{FromFlag, "neo4j-uri"}},
		{"unset flag leaves env", map[string]string{"INFLUENCEGRAPH_LOAD_BATCH_SIZE": "77"}, nil, "load.batch_size", 77, Origin{FromEnv, "INFLUENCEGRAPH_LOAD_BATCH_SIZE"}},
		{"int flag over env", map[string]string{"INFLUENCEGRAPH_LOAD_BATCH_SIZE": "77"}, []string{"--batch-size=5"}, "load.batch_size", 5, Origin{FromFlag, "batch-size"}},
		{"env for a key without flag", map[string]string{"INFLUENCEGRAPH_EXTRACT_WORKERS": "4"}, nil, "extract.workers", 4, Origin{FromEnv, "INFLUENCEGRAPH_EXTRACT_WORKERS"}},
		{"NEO4J_DATABASE", map[string]string{"NEO4J_DATABASE": "envdb"}, nil, "neo4j.database", "envdb", Origin{FromEnv, "NEO4J_DATABASE"}},
		{"env list", map[string]string{"INFLUENCEGRAPH_EXTRACT_KNOWLEDGE_BASE": "a.yaml, b.yaml"}, nil, "extract.knowledge_base", []string{"a.yaml", "b.yaml"}, Origin{FromEnv, "INFLUENCEGRAPH_EXTRACT_KNOWLEDGE_BASE"}},
		{"env duration", map[string]string{"INFLUENCEGRAPH_NEO4J_CONNECT_TIMEOUT": "250ms"}, nil, "neo4j.connect_timeout", 250 * time.Millisecond, Origin{FromEnv, "INFLUENCEGRAPH_NEO4J_CONNECT_TIMEOUT"}},
		{"env float", map[string]string{"INFLUENCEGRAPH_LLM_TEMPERATURE": "0.7"}, nil, "llm.temperature", 0.7, Origin{FromEnv, "INFLUENCEGRAPH_LLM_TEMPERATURE"}},
		{"env base url", map[string]string{"INFLUENCEGRAPH_LLM_BASE_URL": "http://127.0.0.1:8000/v1"}, nil, "llm.base_url", "http://127.0.0.1:8000/v1", Origin{FromEnv, "INFLUENCEGRAPH_LLM_BASE_URL"}},
		{"OPENAI_API_KEY", map[string]string{"OPENAI_API_KEY": "sk-openai"}, nil, "llm.api_key", "sk-openai", Origin{FromEnv, "OPENAI_API_KEY"}},
		{"influencegraph key over OPENAI_API_KEY", map[string]string{"OPENAI_API_KEY": "sk-openai", "INFLUENCEGRAPH_LLM_API_KEY": "sk-ig"}, nil, "llm.api_key", "sk-ig", Origin{FromEnv, "INFLUENCEGRAPH_LLM_API_KEY"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearEnv(t)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			fs := newFlags(t)
			if err := fs.Parse(tt.args); err != nil {
				t.Fatal(err)
			}
			got, err := Read(Options{SearchDirs: []string{dir}, Flags: fs})
			if err != nil {
				t.Fatal(err)
			}
			k, _ := LookupKey(tt.key)
			if v := k.field(&got.Config).Interface(); !reflect.DeepEqual(v, tt.want) {
				t.Errorf("%s = %#v, want %#v", tt.key, v, tt.want)
			}
			if o := got.Origins[tt.key]; o != tt.wantO {
				t.Errorf("origin of %s = %v, want %v", tt.key, o, tt.wantO)
			}
		})
	}
}

func TestEnvErrorNamesVariable(t *testing.T) {
	clearEnv(t)
	t.Setenv("INFLUENCEGRAPH_LOAD_BATCH_SIZE", "lots")
	t.Setenv("NEO4J_URI", "localhost")
	_, err := Read(Options{SearchDirs: []string{}})
	if err == nil {
		t.Fatal("Read succeeded with a malformed batch size")
	}
	for _, want := range []string{
		`load.batch_size (from env INFLUENCEGRAPH_LOAD_BATCH_SIZE): "lots" is not a whole number`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	// A conversion error stops Read before validation; a bad URI alone is
	// reported with its variable.
	t.Setenv("INFLUENCEGRAPH_LOAD_BATCH_SIZE", "")
	_, err = Read(Options{SearchDirs: []string{}})
	if want := `neo4j.uri (from env NEO4J_URI): "localhost" has no scheme`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v does not contain %q", err, want)
	}
}

func TestSearchDirs(t *testing.T) {
	clearEnv(t)
	first, second := t.TempDir(), t.TempDir()
	writeFile(t, filepath.Join(second, FileName), "neo4j:\n  database: second\n")

	got, err := Read(Options{SearchDirs: []string{first, second}})
	if err != nil {
		t.Fatal(err)
	}
	if got.File != filepath.Join(second, FileName) || got.Config.Neo4j.Database != "second" {
		t.Errorf("read %q (database %q), want the file in the second directory", got.File, got.Config.Neo4j.Database)
	}

	writeFile(t, filepath.Join(first, FileName), "neo4j:\n  database: first\n")
	got, err = Read(Options{SearchDirs: []string{first, second}})
	if err != nil || got.Config.Neo4j.Database != "first" {
		t.Errorf("database %q, err %v: the first directory must win", got.Config.Neo4j.Database, err)
	}

	t.Setenv(ConfigFileEnv, filepath.Join(second, FileName))
	got, err = Read(Options{SearchDirs: []string{first, second}})
	if err != nil || got.Config.Neo4j.Database != "second" {
		t.Errorf("database %q, err %v: %s must win over the search", got.Config.Neo4j.Database, err, ConfigFileEnv)
	}

	got, err = Read(Options{File: filepath.Join(first, FileName), SearchDirs: []string{second}})
	if err != nil || got.Config.Neo4j.Database != "first" {
		t.Errorf("database %q, err %v: --config must win over %s", got.Config.Neo4j.Database, err, ConfigFileEnv)
	}

	_, err = Read(Options{File: filepath.Join(first, "missing.yaml")})
	if err == nil || !strings.Contains(err.Error(), "missing.yaml (named by --config)") {
		t.Errorf("missing named file: error %v", err)
	}

	t.Setenv(ConfigFileEnv, "")
	none, err := Read(Options{SearchDirs: []string{t.TempDir()}})
	if err != nil || none.File != "" || len(none.Searched) != 1 {
		t.Errorf("no file: got file %q searched %v err %v", none.File, none.Searched, err)
	}
}

func TestPasswordFile(t *testing.T) {
	dir := t.TempDir()
	pwFile := filepath.Join(dir, "pw")
	writeFile(t, pwFile, "  from-the-file  \nsecond line ignored\n")
	writeFile(t, filepath.Join(dir, FileName), "neo4j:\n  password: from-config-file\n")

	tests := []struct {
		name    string
		env     map[string]string
		want    string
		wantErr string
	}{
		{"env file over config file password", map[string]string{"NEO4J_PASSWORD_FILE": pwFile}, "from-the-file", ""},
		{"env password over config file", map[string]string{"NEO4J_PASSWORD": "from-env"}, "from-env", ""},
		{"both as NEO4J_* variables", map[string]string{"NEO4J_PASSWORD": "from-env", "NEO4J_PASSWORD_FILE": pwFile}, "", "set only one"},
		{"INFLUENCEGRAPH_* file over NEO4J_* password", map[string]string{"NEO4J_PASSWORD": "from-env", "INFLUENCEGRAPH_NEO4J_PASSWORD_FILE": pwFile}, "from-the-file", ""},
		{"INFLUENCEGRAPH_* password over NEO4J_* file", map[string]string{"INFLUENCEGRAPH_NEO4J_PASSWORD": "ig-env", "NEO4J_PASSWORD_FILE": pwFile}, "ig-env", ""},
		{"empty file", map[string]string{"NEO4J_PASSWORD_FILE": filepath.Join(dir, FileName+".empty")}, "", "is empty"},
	}
	writeFile(t, filepath.Join(dir, FileName+".empty"), "\n")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearEnv(t)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			got, err := Read(Options{SearchDirs: []string{dir}})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Config.Neo4j.Password != tt.want {
				t.Errorf("password %q, want %q", got.Config.Neo4j.Password, tt.want)
			}
		})
	}
}

func TestRedaction(t *testing.T) {
	clearEnv(t)
	t.Setenv("NEO4J_PASSWORD", "very-secret-value")
	got, err := Read(Options{SearchDirs: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range got.Settings() {
		if strings.Contains(s.Value, "very-secret-value") {
			t.Errorf("%s shows the password: %q", s.Key, s.Value)
		}
		if s.Key == "neo4j.password" {
			found = true
			if s.Value != Redacted || s.Origin != (Origin{FromEnv, "NEO4J_PASSWORD"}) {
				t.Errorf("password setting = %+v, want %q from env NEO4J_PASSWORD", s, Redacted)
			}
		}
	}
	if !found {
		t.Error("no neo4j.password setting")
	}

	clearEnv(t)
	got, err = Read(Options{SearchDirs: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range got.Settings() {
		if s.Key == "neo4j.password" && s.Value != "" {
			t.Errorf("unset password shown as %q, want empty", s.Value)
		}
	}
}

func TestAPIKey(t *testing.T) {
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "key")
	writeFile(t, keyFile, "sk-from-the-file\n")
	tests := []struct {
		name    string
		env     map[string]string
		want    string
		wantErr string
	}{
		{"file", map[string]string{"INFLUENCEGRAPH_LLM_API_KEY_FILE": keyFile}, "sk-from-the-file", ""},
		{"env key", map[string]string{"INFLUENCEGRAPH_LLM_API_KEY": "sk-env"}, "sk-env", ""},
		{"file over OPENAI_API_KEY", map[string]string{"OPENAI_API_KEY": "sk-openai", "INFLUENCEGRAPH_LLM_API_KEY_FILE": keyFile}, "sk-from-the-file", ""},
		{"both INFLUENCEGRAPH_*", map[string]string{"INFLUENCEGRAPH_LLM_API_KEY": "sk-env", "INFLUENCEGRAPH_LLM_API_KEY_FILE": keyFile}, "", "set only one"},
		{"missing file", map[string]string{"INFLUENCEGRAPH_LLM_API_KEY_FILE": filepath.Join(dir, "nope")}, "", "llm.api_key_file (from env INFLUENCEGRAPH_LLM_API_KEY_FILE): read password file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearEnv(t)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			got, err := Read(Options{SearchDirs: []string{}})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "sk-") {
					t.Errorf("error shows a key: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Config.LLM.APIKey != tt.want {
				t.Errorf("key %q, want %q", got.Config.LLM.APIKey, tt.want)
			}
			for _, s := range got.Settings() {
				if strings.Contains(s.Value, tt.want) {
					t.Errorf("%s shows the key", s.Key)
				}
				if s.Key == "llm.api_key" && s.Value != Redacted {
					t.Errorf("llm.api_key shown as %q, want %q", s.Value, Redacted)
				}
			}
		})
	}
}

func TestLLMRequire(t *testing.T) {
	err := Default().LLM.Require()
	for _, want := range []string{"llm.base_url: must be set to use a language model", "INFLUENCEGRAPH_LLM_BASE_URL", "llm.model: must be set"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Require: %v, want it to contain %q", err, want)
		}
	}
	l := Default().LLM
	l.BaseURL, l.Model = "http://127.0.0.1:11434/v1", "m"
	if err := l.Require(); err != nil {
		t.Errorf("Require with endpoint and model: %v", err)
	}
}

func TestFlags(t *testing.T) {
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	if err := AddFlag(fs, "neo4j.password", "password"); err == nil {
		t.Error("AddFlag accepted a password flag")
	}
	if err := AddFlag(fs, "llm.api_key", "api-key"); err == nil {
		t.Error("AddFlag accepted an API key flag")
	}
	if err := AddFlag(fs, "load.batchsize", "batch-size"); err == nil {
		t.Error("AddFlag accepted an unknown key")
	}
	if err := BindFlag(fs, "load.batch_size", "no-such-flag"); err == nil {
		t.Error("BindFlag accepted a missing flag")
	}
	fs.Int("n", 0, "")
	if err := BindFlag(fs, "load.batch_size", "n"); err != nil {
		t.Errorf("BindFlag: %v", err)
	}
}

func TestKeysDescribed(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range Keys() {
		if k.Description == "" {
			t.Errorf("key %s has no description", k.Name)
		}
		for _, e := range k.Env {
			if seen[e] {
				t.Errorf("variable %s used twice", e)
			}
			seen[e] = true
		}
	}
	for name := range descriptions {
		if _, ok := LookupKey(name); !ok {
			t.Errorf("description for unknown key %s", name)
		}
	}
}

func TestValidateDefault(t *testing.T) {
	if err := Default().Validate(); err != nil {
		t.Errorf("the defaults do not validate: %v", err)
	}
	c := Default()
	c.Load.BatchSize, c.Extract.Workers = 0, 0
	err := c.Validate()
	var fe *FieldError
	if !errors.As(err, &fe) {
		t.Fatalf("Validate error %v is not a FieldError", err)
	}
	for _, want := range []string{"load.batch_size: must be between 1 and 100000, got 0", "extract.workers: must be between 1 and 1024, got 0"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
}

func writeFile(t testing.TB, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestOtherEnvIsKnown sets every non-configuration variable the Makefile
// and the tests read (the browser test's URL among them): none may draw a
// warning, or `config` and `doctor` would warn about the project's own
// variables.
func TestOtherEnvIsKnown(t *testing.T) {
	clearEnv(t)
	for _, name := range OtherEnv() {
		if name != ConfigFileEnv {
			t.Setenv(name, "1")
		}
	}
	t.Setenv("INFLUENCEGRAPH_SOMETHING_EMPTY", "")
	got, err := Read(Options{SearchDirs: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Warnings) > 0 {
		t.Errorf("warnings %q, want none", got.Warnings)
	}
}

// TestRepositoryEnvIsKnown finds every INFLUENCEGRAPH_* name the
// repository uses (code, tests, Makefile, scripts, deploy, README, docs): each
// must be a key's variable or one of OtherEnv, so that no variable the
// project itself documents draws an "unknown variable" warning.
func TestRepositoryEnvIsKnown(t *testing.T) {
	known := map[string]bool{}
	for _, n := range OtherEnv() {
		known[n] = true
	}
	for _, k := range Keys() {
		known[k.Env[0]] = true
	}
	// A name followed by _ (INFLUENCEGRAPH_NEO4J_*, INFLUENCEGRAPH_<SECTION>_<KEY>) is a pattern.
	name := regexp.MustCompile(`(` + EnvPrefix + `[A-Z0-9_]*[A-Z0-9])(_?)`)
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && path != ".." {
				return filepath.SkipDir
			}
			return nil
		}
		// This package's tests use misspelt names on purpose.
		if filepath.Base(filepath.Dir(path)) == "config" && strings.HasSuffix(path, "_test.go") {
			return nil
		}
		ext := filepath.Ext(path)
		if ext != ".go" && ext != ".md" && ext != ".yaml" && ext != ".yml" && ext != ".cron" &&
			ext != ".service" && d.Name() != "Makefile" && filepath.Base(filepath.Dir(path)) != "scripts" {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range name.FindAllStringSubmatch(string(b), -1) {
			if n := m[1]; m[2] == "" && !known[n] {
				t.Errorf("%s names %s, which config does not know: add it to the keys or to OtherEnv", path, n)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestUnknownEnvWarning(t *testing.T) {
	clearEnv(t)
	t.Setenv("INFLUENCEGRAPH_LOAD_BATCHSIZE", "10")
	t.Setenv("INFLUENCEGRAPH_REQUIRE_NEO4J", "1")
	got, err := Read(Options{SearchDirs: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"INFLUENCEGRAPH_LOAD_BATCHSIZE is not a configuration variable; it is ignored (did you mean INFLUENCEGRAPH_LOAD_BATCH_SIZE?)"}
	if !reflect.DeepEqual(got.Warnings, want) {
		t.Errorf("warnings %q, want %q", got.Warnings, want)
	}
}
