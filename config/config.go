// Package config holds influencegraph's typed configuration, its defaults
// and its validation. Values come, in order of precedence, from flags, the
// environment, a configuration file and the defaults below.
package config

import (
	"runtime"
	"time"
)

// Config is the whole configuration of one run.
type Config struct {
	Neo4j   Neo4j   `mapstructure:"neo4j"`
	Input   Input   `mapstructure:"input"`
	Extract Extract `mapstructure:"extract"`
	Load    Load    `mapstructure:"load"`
	LLM     LLM     `mapstructure:"llm"`
	Analyst Analyst `mapstructure:"analyst"`
}

// Analyst names the analysts' own files, which every load applies: claims
// they rejected, and entities they merged or split.
type Analyst struct {
	// ReviewFile holds the rejected claims (package review); "" is none.
	ReviewFile string `mapstructure:"review_file"`
	// IdentityFile holds merges and splits of entities (package
	// identity); "" is none.
	IdentityFile string `mapstructure:"identity_file"`
}

// Neo4j says where the graph lives and how to log in.
type Neo4j struct {
	URI      string `mapstructure:"uri"`
	Username string `mapstructure:"username"`
	// Password is never printed; see Redacted.
	Password string `mapstructure:"password"`
	// PasswordFile names a file whose first line is the password, so the
	// password need not sit in the environment or on a command line.
	PasswordFile string `mapstructure:"password_file"`
	Database     string `mapstructure:"database"`
	// ConnectTimeout bounds how long opening a TCP connection to Neo4j may
	// take, so that a wrong address fails fast instead of hanging.
	ConnectTimeout time.Duration `mapstructure:"connect_timeout"`
}

// Input limits what the article reader accepts.
type Input struct {
	// MaxBytes is the largest article text accepted, in bytes.
	MaxBytes int64 `mapstructure:"max_bytes"`
}

// The values of extract.model that name no file.
const (
	ModelBuiltin = "builtin"
	ModelNone    = "none"
)

// Extract configures the extractor.
type Extract struct {
	// Workers is the number of articles extracted in parallel.
	Workers int `mapstructure:"workers"`
	// KnowledgeBase lists extra knowledge-base files that extend or override
	// the built-in one.
	KnowledgeBase []string `mapstructure:"knowledge_base"`
	// Model is the relation model that decides the relations: "builtin"
	// (the model that ships, the default), "none" (the hand-written rules
	// alone) or the path of a model file written by `influencegraph train`.
	Model string `mapstructure:"model"`
	// KeepOffTopic turns the relevance gate off: every article is
	// extracted (and loaded), including those the gate takes for news on
	// another subject.
	KeepOffTopic bool `mapstructure:"keep_off_topic"`
}

// Load configures the Neo4j loader.
type Load struct {
	// BatchSize is the number of rows sent in one UNWIND statement.
	BatchSize int `mapstructure:"batch_size"`
	// EvidenceCap is the most evidence sentences kept on one relationship.
	EvidenceCap int `mapstructure:"evidence_cap"`
}

// LLM says which language model the llm and cascade extractors ask, and
// how. Any OpenAI-compatible chat-completions endpoint will do: OpenAI,
// Azure OpenAI, Ollama, vLLM, llama.cpp's server.
type LLM struct {
	// BaseURL is the endpoint up to and including /v1, e.g.
	// http://127.0.0.1:11434/v1 for Ollama.
	BaseURL string `mapstructure:"base_url"`
	Model   string `mapstructure:"model"`
	// APIKey is taken only from the environment or from APIKeyFile, never
	// from the configuration file or a flag, and never printed; see
	// Redacted.
	APIKey string `mapstructure:"api_key"`
	// APIKeyFile names a file whose first line is the API key.
	APIKeyFile string `mapstructure:"api_key_file"`
	// Timeout bounds one request to the model.
	Timeout        time.Duration `mapstructure:"timeout"`
	MaxConcurrency int           `mapstructure:"max_concurrency"`
	MaxTokens      int           `mapstructure:"max_tokens"`
	Temperature    float64       `mapstructure:"temperature"`
	// CacheDir holds the model's answers; "" is the user cache directory
	// ($XDG_CACHE_HOME/influencegraph/llm), "off" caches nothing.
	CacheDir string `mapstructure:"cache_dir"`
}

// CacheOff as llm.cache_dir turns the answer cache off.
const CacheOff = "off"

// Default returns the configuration used when nothing else is said.
func Default() Config {
	return Config{
		Neo4j: Neo4j{
			URI:      "neo4j://127.0.0.1:7687",
			Username: "neo4j",
			Database: "neo4j",

			ConnectTimeout: 5 * time.Second,
		},
		Input:   Input{MaxBytes: 5 << 20},
		Extract: Extract{Workers: runtime.NumCPU(), Model: ModelBuiltin},
		Load:    Load{BatchSize: 1000, EvidenceCap: 20},
		LLM:     LLM{Timeout: 2 * time.Minute, MaxConcurrency: 4, MaxTokens: 4096},
	}
}
