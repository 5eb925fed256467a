package config

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// FieldError says which key holds an unusable value and why. Read fills in
// Origin so that the message names the file, variable or flag to fix.
type FieldError struct {
	Key    string
	Origin Origin
	Msg    string
}

func (e *FieldError) Error() string {
	if e.Origin.Kind == "" {
		return fmt.Sprintf("%s: %s", e.Key, e.Msg)
	}
	return fmt.Sprintf("%s (from %s): %s", e.Key, e.Origin, e.Msg)
}

func fieldErr(key, format string, args ...any) *FieldError {
	return &FieldError{Key: key, Msg: fmt.Sprintf(format, args...)}
}

// Schemes lists the URI schemes the Neo4j driver accepts. The +s variants
// use TLS with a verified certificate, +ssc accepts a self-signed one.
func Schemes() []string {
	return []string{"neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc"}
}

// Validate checks every section and returns all problems found, each a
// *FieldError, joined.
func (c Config) Validate() error {
	return errors.Join(c.Neo4j.Validate(), c.Input.Validate(), c.Extract.Validate(), c.Load.Validate(), c.LLM.Validate())
}

// Validate checks that the URI can be dialled by the driver and the names
// are plausible. It does not need a password: a server without
// authentication takes none.
func (n Neo4j) Validate() error {
	var errs []error
	if n.URI == "" {
		errs = append(errs, fieldErr("neo4j.uri", "must be set, e.g. neo4j://127.0.0.1:7687"))
	} else if !strings.Contains(n.URI, "://") {
		errs = append(errs, fieldErr("neo4j.uri", "%q has no scheme; write e.g. neo4j://%s", n.URI, n.URI))
	} else if u, err := url.Parse(n.URI); err != nil {
		errs = append(errs, fieldErr("neo4j.uri", "%q is not a URI: %v", n.URI, unwrapURLError(err)))
	} else {
		switch {
		case u.Scheme == "" || !contains(Schemes(), u.Scheme):
			errs = append(errs, fieldErr("neo4j.uri", "scheme %q in %q is not supported; use one of %s://",
				u.Scheme, n.URI, strings.Join(Schemes(), "://, ")))
		case u.Host == "" || u.Hostname() == "":
			errs = append(errs, fieldErr("neo4j.uri", "%q has no host, e.g. neo4j://127.0.0.1:7687", n.URI))
		case u.User != nil:
			errs = append(errs, fieldErr("neo4j.uri", "must not carry a user or password; use neo4j.username and neo4j.password_file"))
		case u.Path != "" && u.Path != "/":
			errs = append(errs, fieldErr("neo4j.uri", "%q has a path %q; the database is chosen with neo4j.database", n.URI, u.Path))
		case strings.HasPrefix(u.Scheme, "bolt") && u.RawQuery != "":
			errs = append(errs, fieldErr("neo4j.uri", "%q: a routing context (?...) needs a neo4j:// scheme", n.URI))
		}
	}
	if strings.TrimSpace(n.Username) == "" {
		errs = append(errs, fieldErr("neo4j.username", "must be set, e.g. neo4j"))
	}
	if n.Database != strings.TrimSpace(n.Database) || strings.ContainsAny(n.Database, " \t\n`") {
		errs = append(errs, fieldErr("neo4j.database", "%q is not a database name", n.Database))
	}
	if n.ConnectTimeout <= 0 {
		errs = append(errs, fieldErr("neo4j.connect_timeout", "must be positive, got %s", n.ConnectTimeout))
	} else if n.ConnectTimeout > 10*time.Minute {
		errs = append(errs, fieldErr("neo4j.connect_timeout", "%s is longer than 10m", n.ConnectTimeout))
	}
	return errors.Join(errs...)
}

// Validate checks the article size limit.
func (in Input) Validate() error {
	if in.MaxBytes <= 0 {
		return fieldErr("input.max_bytes", "must be at least 1, got %d", in.MaxBytes)
	}
	return nil
}

// Validate checks the number of workers.
func (e Extract) Validate() error {
	var errs []error
	if e.Workers < 1 || e.Workers > 1024 {
		errs = append(errs, fieldErr("extract.workers", "must be between 1 and 1024, got %d", e.Workers))
	}
	for _, f := range e.KnowledgeBase {
		if strings.TrimSpace(f) == "" {
			errs = append(errs, fieldErr("extract.knowledge_base", "contains an empty file name"))
			break
		}
	}
	if strings.TrimSpace(e.Model) == "" {
		errs = append(errs, fieldErr("extract.model", "is empty: want %q, %q or the path of a model file", ModelBuiltin, ModelNone))
	}
	return errors.Join(errs...)
}

// Validate checks the batch size and the evidence cap.
func (l Load) Validate() error {
	var errs []error
	if l.BatchSize < 1 || l.BatchSize > 100_000 {
		errs = append(errs, fieldErr("load.batch_size", "must be between 1 and 100000, got %d", l.BatchSize))
	}
	if l.EvidenceCap < 1 {
		errs = append(errs, fieldErr("load.evidence_cap", "must be at least 1, got %d", l.EvidenceCap))
	}
	return errors.Join(errs...)
}

// Validate checks the language-model settings that are given. An empty
// endpoint or model is no error here, since most runs need no model; see
// Require.
func (l LLM) Validate() error {
	var errs []error
	if l.BaseURL != "" {
		if u, err := url.Parse(l.BaseURL); err != nil {
			errs = append(errs, fieldErr("llm.base_url", "%q is not a URL: %v", l.BaseURL, unwrapURLError(err)))
		} else {
			switch {
			case u.Scheme != "http" && u.Scheme != "https":
				errs = append(errs, fieldErr("llm.base_url", "scheme %q in %q is not supported; use http:// or https://, e.g. http://127.0.0.1:11434/v1", u.Scheme, l.BaseURL))
			case u.Hostname() == "":
				errs = append(errs, fieldErr("llm.base_url", "%q has no host, e.g. http://127.0.0.1:11434/v1", l.BaseURL))
			case u.User != nil:
				errs = append(errs, fieldErr("llm.base_url", "must not carry a user or password; put the key in llm.api_key_file"))
			case u.RawQuery != "" && strings.Contains(strings.ToLower(u.RawQuery), "key"):
				errs = append(errs, fieldErr("llm.base_url", "must not carry a key; put it in llm.api_key_file"))
			}
		}
	}
	if strings.TrimSpace(l.Model) != l.Model {
		errs = append(errs, fieldErr("llm.model", "%q has white space around it", l.Model))
	}
	if l.Timeout <= 0 || l.Timeout > time.Hour {
		errs = append(errs, fieldErr("llm.timeout", "must be between 1s and 1h, got %s", l.Timeout))
	}
	if l.MaxConcurrency < 1 || l.MaxConcurrency > 256 {
		errs = append(errs, fieldErr("llm.max_concurrency", "must be between 1 and 256, got %d", l.MaxConcurrency))
	}
	if l.MaxTokens < 1 || l.MaxTokens > 1_000_000 {
		errs = append(errs, fieldErr("llm.max_tokens", "must be between 1 and 1000000, got %d", l.MaxTokens))
	}
	if l.Temperature < 0 || l.Temperature > 2 {
		errs = append(errs, fieldErr("llm.temperature", "must be between 0 and 2, got %g", l.Temperature))
	}
	return errors.Join(errs...)
}

// Require reports what is missing to ask a language model at all: the
// endpoint and the model.
func (l LLM) Require() error {
	var errs []error
	if l.BaseURL == "" {
		errs = append(errs, fieldErr("llm.base_url", "must be set to use a language model: the endpoint up to /v1, e.g. http://127.0.0.1:11434/v1 for Ollama (or set INFLUENCEGRAPH_LLM_BASE_URL)"))
	}
	if l.Model == "" {
		errs = append(errs, fieldErr("llm.model", "must be set to use a language model, e.g. qwen2.5:14b (or set INFLUENCEGRAPH_LLM_MODEL)"))
	}
	return errors.Join(errs...)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
