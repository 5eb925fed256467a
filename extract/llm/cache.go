package llm

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// cache keeps the model's answers on disk, one small JSON file per
// question (see cacheKey), so a re-run or a reload asks nothing and gives
// the same graph. It holds the answers and what identifies the question,
// never the request: no API key, no headers. Files are written whole
// (temporary file, then rename), so concurrent runs sharing the directory
// see an entry complete or not at all.
type cache struct {
	dir string
}

// cacheEntry is one question's answers: the first, and the repaired one
// when the first needed a repair.
type cacheEntry struct {
	Model         string   `json:"model"`
	PromptVersion string   `json:"prompt_version"`
	TextHash      string   `json:"text_hash"`
	Answers       []string `json:"answers"`
}

func (c *cache) path(key string) string {
	return filepath.Join(c.dir, key[:2], key+".json")
}

// get returns the entry for key; a missing or unreadable entry is a miss.
func (c *cache) get(key string) (cacheEntry, bool) {
	if c == nil {
		return cacheEntry{}, false
	}
	b, err := os.ReadFile(c.path(key))
	if err != nil {
		return cacheEntry{}, false
	}
	var e cacheEntry
	if json.Unmarshal(b, &e) != nil || len(e.Answers) == 0 {
		return cacheEntry{}, false
	}
	return e, true
}

func (c *cache) put(key string, e cacheEntry) error {
	if c == nil {
		return nil
	}
	p := c.path(key)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return fmt.Errorf("llm cache: %w", err)
	}
	b, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("llm cache: %w", err)
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return fmt.Errorf("llm cache: %w", err)
	}
	_, werr := f.Write(append(b, '\n'))
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("llm cache: %w", err)
	}
	if err := os.Rename(f.Name(), p); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("llm cache: %w", err)
	}
	return nil
}

// openCache prepares dir ("" for no cache).
func openCache(dir string) (*cache, error) {
	if dir == "" {
		return nil, nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("llm cache directory %s: %w", dir, err)
	}
	return &cache{dir: dir}, nil
}
