package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/influencegraph/influencegraph/extract/gold"
	"github.com/influencegraph/influencegraph/extract/learn"
	"github.com/influencegraph/influencegraph/extract/relation/model"
)

// goldDir is the small annotated set of the learn package, written by us.
func goldDir(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "extract", "learn", "testdata", "gold"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestTrainCommandIsDeterministic(t *testing.T) {
	gold := goldDir(t)
	isolate(t)
	out := t.TempDir()
	var files [2][]byte
	for i := range files {
		path := filepath.Join(out, "m"+string(rune('0'+i))+".json")
		stdout, stderr, code := runCommand(t, "train", "--gold", gold, "--folds", "2", "--out", path)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if !strings.Contains(stdout, "2-fold cross-validation by article") || !strings.Contains(stdout, "rules (no model)") {
			t.Errorf("no cross-validation table:\n%s", stdout)
		}
		if !strings.Contains(stderr, "candidates reach 7 (87.5%)") {
			t.Errorf("no reach line: %s", stderr)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		files[i] = b
	}
	if string(files[0]) != string(files[1]) {
		t.Fatal("the same folder and options gave two different model files")
	}
	var m struct {
		Data []struct {
			Dir      string
			Articles int
		}
		ElectionCountry *struct{ Features []string } `json:"election_country"`
		ElectionYear    *struct{ Features []string } `json:"election_year"`
	}
	if err := json.Unmarshal(files[0], &m); err != nil || len(m.Data) != 1 || m.Data[0].Articles != 8 {
		t.Errorf("model data %+v (%v)", m.Data, err)
	}
	// t7 names an election without its country: the model learns to
	// choose it
	if m.ElectionCountry == nil || len(m.ElectionCountry.Features) == 0 {
		t.Errorf("the model has no election-country chooser: %+v", m.ElectionCountry)
	}
	// t8 dates its election nowhere and has no date: the model learns to
	// choose its year
	if m.ElectionYear == nil || len(m.ElectionYear.Features) == 0 {
		t.Errorf("the model has no election-year chooser: %+v", m.ElectionYear)
	}
}

// Learning from folders and a samples file, train reports each source
// on its own: a samples file's reach is that of the code that wrote it.
func TestTrainReportsEachSource(t *testing.T) {
	gold := goldDir(t)
	isolate(t)
	samples := filepath.Join(t.TempDir(), "s.samples.json.gz")
	if _, stderr, code := runCommand(t, "train", "--gold", gold, "--folds", "0", "--write-samples", samples); code != 0 {
		t.Fatalf("write samples: exit %d: %s", code, stderr)
	}
	stdout, stderr, code := runCommand(t, "train", "--gold", gold, "--samples", samples, "--folds", "2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"16 annotated articles", "the --gold folders: 8 articles", filepath.ToSlash(samples) + ": 8 articles"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(stdout, "by source, at the kept thresholds:") || !strings.Contains(stdout, "the --gold folders *") {
		t.Errorf("no table by source:\n%s", stdout)
	}
}

func TestTrainRejects(t *testing.T) {
	isolate(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"train"}, "no --gold folder"},
		{[]string{"train", "--gold", t.TempDir()}, "no *.gold.json files"},
		{[]string{"train", "--gold", t.TempDir(), "--folds", "1"}, "--folds 1"},
	} {
		_, stderr, code := runCommand(t, tc.args...)
		if code == 0 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want an error containing %q", tc.args, code, stderr, tc.want)
		}
	}
}

func TestExtractWithAUserModel(t *testing.T) {
	gold := goldDir(t)
	isolate(t)
	path := filepath.Join(t.TempDir(), "mine.json")
	if _, stderr, code := runCommand(t, "train", "--gold", gold, "--folds", "0", "--out", path); code != 0 {
		t.Fatalf("train: exit %d: %s", code, stderr)
	}
	var version struct{ Version string }
	b, _ := os.ReadFile(path)
	if err := json.Unmarshal(b, &version); err != nil || version.Version == "" {
		t.Fatalf("model version: %v", err)
	}
	dir := writeArticles(t, 3)
	relations := func(args ...string) []map[string]any {
		t.Helper()
		stdout, stderr, code := runCommand(t, append([]string{"extract", "--quiet"}, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		var out []map[string]any
		sc := bufio.NewScanner(strings.NewReader(stdout))
		for sc.Scan() {
			var r map[string]any
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatal(err)
			}
			if r["kind"] == "relation" {
				out = append(out, r)
			}
		}
		return out
	}
	mine := relations("--model", path, dir)
	if len(mine) == 0 {
		t.Fatal("the user model kept no relation")
	}
	for _, r := range mine {
		if r["relation_model"] != version.Version {
			t.Errorf("relation decided by %v, want %s", r["relation_model"], version.Version)
		}
		if why, _ := r["why"].([]any); len(why) == 0 {
			t.Errorf("relation without why: %v", r)
		}
	}
	for _, r := range relations("--model", "none", dir) {
		if _, ok := r["relation_model"]; ok {
			t.Errorf("--model none: a relation names a model: %v", r)
		}
	}
	_, stderr, code := runCommand(t, "extract", "--model", filepath.Join(t.TempDir(), "missing.json"), dir)
	if code == 0 || !strings.Contains(stderr, "missing.json") {
		t.Errorf("a missing model file: exit %d, stderr %q", code, stderr)
	}
}

// TestShippedModelIsWhatMakeModelBuilds rebuilds the shipped relation
// model as make model does, from ../shared/eval/train and the samples file
// it records, and compares the files byte for byte. CI has ../shared, so
// there a missing or changed folder fails the test; elsewhere it skips.
func TestShippedModelIsWhatMakeModelBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("rebuilding the model takes a while")
	}
	missing := t.Skipf
	if os.Getenv("CI") == "true" {
		missing = t.Fatalf
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	shipped, err := os.ReadFile(filepath.Join(root, "extract", "relation", "model", "relation.json"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.Read(bytes.NewReader(shipped))
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"train", "--out", filepath.Join(t.TempDir(), "rebuilt.json"),
		"--epochs", strconv.Itoa(m.Options.Epochs), "--rate", strconv.FormatFloat(m.Options.Rate, 'g', -1, 64),
		"--l2", strconv.FormatFloat(m.Options.L2, 'g', -1, 64), "--min-count", strconv.Itoa(m.Options.MinCount),
		"--seed", strconv.FormatUint(m.Options.Seed, 10)}
	for _, src := range m.Data {
		path := filepath.Join(root, filepath.FromSlash(src.Dir))
		n, sum, flag, err := digestOf(path)
		if err != nil {
			missing("shipped model not rebuilt: it learned from %s, which is not here (%v)", src.Dir, err)
			return
		}
		if n != src.Articles || sum != src.SHA256 {
			missing("shipped model not rebuilt: %s holds %d articles (digest %.12s), the model learned from %d (%.12s): run make model",
				src.Dir, n, sum, src.Articles, src.SHA256)
			return
		}
		args = append(args, flag, src.Dir)
	}
	t.Chdir(root)
	if _, stderr, code := runCommand(t, args...); code != 0 {
		t.Fatalf("train: exit %d: %s", code, stderr)
	}
	rebuilt, err := os.ReadFile(args[2])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(rebuilt, shipped) {
		t.Fatalf("make model builds a different file from the shipped extract/relation/model/relation.json: run make model and commit it")
	}
}

// digestOf is the article count and digest a model records of what it
// learned from: a folder of annotated articles (--gold) or a samples file
// (--samples).
func digestOf(path string) (n int, sum, flag string, err error) {
	fi, err := os.Stat(path)
	if err != nil {
		return 0, "", "", err
	}
	if fi.IsDir() {
		n, sum, err = gold.Digest(path)
		return n, sum, "--gold", err
	}
	samples, src, err := learn.ReadSamplesFile(path)
	if err != nil {
		return 0, "", "", err
	}
	return len(samples), src.SHA256, "--samples", nil
}

// TestSamplesFileIsWhatMakeSamplesBuilds rewrites the shipped samples file
// from the folders it records, when they are here with the same content
// (they live outside the repository, so CI has not got them), and
// compares the bytes: a change to the features must come with make
// samples and make model.
func TestSamplesFileIsWhatMakeSamplesBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("rebuilding the samples takes a while")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(root, "extract", "relation", "model", "extra.samples.json.gz")
	shipped, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data, err := learn.SamplesData(path)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "samples.json.gz")
	args := []string{"train", "--folds", "0", "--write-samples", out}
	for _, src := range data {
		n, sum, err := gold.Digest(filepath.Join(root, filepath.FromSlash(src.Dir)))
		if err != nil || n != src.Articles || sum != src.SHA256 {
			t.Skipf("samples not rebuilt: %s is not here as it was (%d articles, %v)", src.Dir, n, err)
		}
		args = append(args, "--gold", src.Dir)
	}
	t.Chdir(root)
	if _, stderr, code := runCommand(t, args...); code != 0 {
		t.Fatalf("train: exit %d: %s", code, stderr)
	}
	rebuilt, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(rebuilt, shipped) {
		t.Fatalf("make samples builds a different file from the shipped %s: run make samples and make model, and commit them", path)
	}
}

// TestGivenNamesFileIsWhatMakeNamesBuilds relearns the shipped given names
// from the folders the file records, when they are all here with the same
// content (most live outside the repository, so CI has not got them), and
// compares the bytes.
func TestGivenNamesFileIsWhatMakeNamesBuilds(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(root, "extract", "lexicon", "data", "givennames.learned.txt")
	shipped, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"train", "--given-names", "--out", filepath.Join(t.TempDir(), "names.txt")}
	for _, line := range strings.Split(string(shipped), "\n") {
		f := strings.Fields(strings.TrimPrefix(line, "# from "))
		if !strings.HasPrefix(line, "# from ") || len(f) != 3 {
			continue
		}
		n, sum, err := gold.Digest(filepath.Join(root, filepath.FromSlash(f[0])))
		if err != nil || strconv.Itoa(n) != f[1] || sum != f[2] {
			t.Skipf("given names not relearned: %s is not here as it was (%d articles, %v)", f[0], n, err)
		}
		args = append(args, "--gold", f[0])
	}
	if len(args) == 4 {
		t.Fatalf("%s names no folder it was learned from", path)
	}
	t.Chdir(root)
	if _, stderr, code := runCommand(t, args...); code != 0 {
		t.Fatalf("train --given-names: exit %d: %s", code, stderr)
	}
	rebuilt, err := os.ReadFile(args[3])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(rebuilt, shipped) {
		t.Fatalf("make names builds a different file from the shipped %s: run make names, make samples and make model, and commit them", path)
	}
}
