// Package review reads and writes the analysts' review file: the claims
// they rejected, with who, why and when. Every load applies the file to
// the graph (graph.ApplyReview): a rejected claim stays, marked, and no
// longer counts for its relationship.
//
// The file is YAML, meant to be edited by hand or by `influencegraph
// review reject`:
//
//	rejected:
//	  - claim: 4aee16553d6bf3fe|state:RU|TARGETED|election:MD-2024-referendum|asserted
//	    by: jane
//	    why: the sentence reports a denial
//	    at: 2026-12-07T01:00:00Z
package review

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Rejection is one rejected claim.
type Rejection struct {
	// Claim is the claim's id: its article id, "|", and the key of the
	// relation it supports (Claim.id in the graph).
	Claim string `yaml:"claim"`
	By    string `yaml:"by"`
	Why   string `yaml:"why"`
	// At is when it was rejected (RFC 3339).
	At time.Time `yaml:"at"`
}

// Article and Relation split the claim id into its article id and the
// relation key.
func (r Rejection) Article() string  { a, _, _ := strings.Cut(r.Claim, "|"); return a }
func (r Rejection) Relation() string { _, k, _ := strings.Cut(r.Claim, "|"); return k }

// File is the review file.
type File struct {
	Rejected []Rejection `yaml:"rejected"`
}

// Load reads a review file; "" or a file that does not exist yet gives an
// empty review.
func Load(path string) (File, error) {
	if path == "" {
		return File{}, nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return File{}, nil
	}
	if err != nil {
		return File{}, fmt.Errorf("read review file: %w", err)
	}
	f, err := Parse(b)
	if err != nil {
		return File{}, fmt.Errorf("review file %s: %w", path, err)
	}
	return f, nil
}

// Parse decodes and checks a review file: unknown keys, a claim id that is
// not article|source|TYPE|target|asserted-or-negated, a rejection without
// a reason, and a claim rejected twice are errors naming the entry.
func Parse(b []byte) (File, error) {
	var f File
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return File{}, fmt.Errorf("decode: %w", err)
	}
	var errs []error
	seen := map[string]bool{}
	for i, r := range f.Rejected {
		if err := CheckClaimID(r.Claim); err != nil {
			errs = append(errs, fmt.Errorf("rejection %d: %w", i+1, err))
			continue
		}
		if strings.TrimSpace(r.Why) == "" {
			errs = append(errs, fmt.Errorf("rejection %d (%s): why is needed", i+1, r.Claim))
		}
		if seen[r.Claim] {
			errs = append(errs, fmt.Errorf("rejection %d: claim %q rejected twice", i+1, r.Claim))
		}
		seen[r.Claim] = true
	}
	return f, errors.Join(errs...)
}

// CheckClaimID says what is wrong with a claim id, if anything.
func CheckClaimID(id string) error {
	parts := strings.Split(id, "|")
	if len(parts) != 5 || parts[0] == "" || parts[1] == "" || parts[2] == "" || parts[3] == "" ||
		(parts[4] != "asserted" && parts[4] != "negated") {
		return fmt.Errorf("claim id %q is not ARTICLE|SOURCE|TYPE|TARGET|asserted (or negated); edge-evidence prints claim ids", id)
	}
	return nil
}

// Reject adds a rejection to the file at path (creating it), or replaces
// the one of the same claim, and writes it back.
func Reject(path string, r Rejection) error {
	if err := CheckClaimID(r.Claim); err != nil {
		return err
	}
	if strings.TrimSpace(r.Why) == "" {
		return fmt.Errorf("a rejection needs a reason (--why)")
	}
	f, err := Load(path)
	if err != nil {
		return err
	}
	replaced := false
	for i := range f.Rejected {
		if f.Rejected[i].Claim == r.Claim {
			f.Rejected[i], replaced = r, true
		}
	}
	if !replaced {
		f.Rejected = append(f.Rejected, r)
	}
	return f.write(path)
}

// Unreject removes the rejection of a claim; found is false when the file
// holds none.
func Unreject(path, claim string) (found bool, err error) {
	f, err := Load(path)
	if err != nil {
		return false, err
	}
	kept := f.Rejected[:0]
	for _, r := range f.Rejected {
		if r.Claim == claim {
			found = true
			continue
		}
		kept = append(kept, r)
	}
	if !found {
		return false, nil
	}
	f.Rejected = kept
	return true, f.write(path)
}

func (f File) write(path string) error {
	var b bytes.Buffer
	b.WriteString("# influencegraph review file: claims analysts rejected. Every load applies it.\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(f); err != nil {
		return fmt.Errorf("encode review file: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".review-*")
	if err != nil {
		return fmt.Errorf("write review file: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b.Bytes()); err != nil {
		tmp.Close()
		return fmt.Errorf("write review file: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write review file: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write review file: %w", err)
	}
	return nil
}
