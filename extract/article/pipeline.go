package article

import (
	"context"
	"hash/fnv"
	"strings"
	"sync"
)

// Shard selects one deterministic share of the inputs, so that n machines
// reading the same PATHs with shards 1/n … n/n read each input exactly
// once between them. The zero Shard (or Count 1) selects everything.
//
// An input is selected by its key, known before its body is read:
//   - a JSON or JSON Lines record (a file named .json, .jsonl or .ndjson,
//     gzipped or not, or standard input that holds JSON): "url:" and its
//     url field (url, link, canonical_url or uri) when it has one, else
//     "source:" and its source, path:line or path#n. Every shard reads
//     such a file's lines, but decodes no more of a record of another
//     shard than its url, and never cleans or parses its text or HTML;
//   - any other file (text, HTML, or a name that says nothing): "source:"
//     and its path as the walk names it, so a file of another shard is
//     never opened. A file with another name that turns out to hold JSON
//     Lines goes whole to the shard of its path;
//   - text or HTML on standard input: "source:-".
//
// The key is hashed with 64-bit FNV-1a and taken modulo Count, as the
// loader's --shard does with an extracted article's url or source: a JSON
// Lines record with a url falls in the same shard either way. Paths are
// keys as they are spelled, so every shard must be given the same PATHs.
type Shard struct {
	// Index is the shard, 1 <= Index <= Count.
	Index int
	// Count is the number of shards; 0 or 1 selects every input.
	Count int
}

// Selects reports whether the input with key (see ShardKey) belongs to s.
func (s Shard) Selects(key string) bool {
	if s.Count <= 1 {
		return true
	}
	h := fnv.New64a()
	h.Write([]byte(key))
	return int(h.Sum64()%uint64(s.Count)) == s.Index-1
}

// ShardKey is the key Shard selects an input by: its url when known and
// not blank, else its source (path, path:line or path#n).
func ShardKey(url, source string) string {
	if u := strings.TrimSpace(url); u != "" {
		return "url:" + u
	}
	return SourceKey(source)
}

// SourceKey is the key of an input known by its source alone.
func SourceKey(source string) string { return "source:" + source }

// item is one outcome of reading: an article, a skipped input, or an
// input of another shard.
type item struct {
	source string
	a      Article
	ok     bool // a holds an article
	skip   Reason
	detail string
	other  bool // in another shard: neither read nor reported
}

// unit is one piece of reading work, in input order: items known already
// (a skip the walk found), or parse, run on a worker, to find them.
type unit struct {
	items []item
	parse func(context.Context) []item
}

// Process reads the articles under paths as Read does, and runs work on
// each of them, on Options.Workers goroutines (at least one): opening,
// decompressing, decoding JSON, cleaning, parsing HTML, checking the
// language and hashing each input all happen on a worker, and so does
// work, on the article the worker has just read. Only walking the paths,
// splitting JSON and JSON Lines into records, and reading standard input
// happen on one goroutine ahead of the workers.
//
// deliver gets every article with work's result, and Options.OnSkip every
// skipped input, in input order, from the goroutine that called Process:
// the calls are the same, in the same order, whatever the number of
// workers. A duplicate (the same body as an earlier article, earlier in
// input order) is skipped before work runs on it. At most 2×workers inputs
// are in flight, so memory stays flat however many are read. Process
// returns an error only when ctx is cancelled or deliver fails; it then
// stops reading and returns once every goroutine it started has ended.
func Process[T any](ctx context.Context, r *Reader, paths []string, work func(context.Context, Article) T, deliver func(Article, T) error) (Summary, error) {
	r.sum = Summary{Skipped: make(map[Reason]int)}
	workers := max(1, r.opts.Workers)
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// A job is a unit on its way: registered closes once its articles
	// have been checked against the ids seen before (in input order, each
	// job after the previous one), done once its work is over.
	type job struct {
		unit
		prev       <-chan struct{}
		registered chan struct{}
		done       chan struct{}
		results    []T
	}
	jobs := make(chan *job)
	order := make(chan *job, 2*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range jobs {
				if j.parse != nil {
					j.items = j.parse(ctx)
				}
				select {
				case <-j.prev:
				case <-ctx.Done():
					close(j.registered)
					close(j.done)
					continue
				}
				// The chain of registered channels orders these
				// accesses to r.seen: no two jobs are here at once.
				for i := range j.items {
					it := &j.items[i]
					if !it.ok {
						continue
					}
					if first, dup := r.seen[it.a.ID]; dup {
						*it = item{source: it.source, skip: ReasonDuplicate, detail: "same text as " + first}
						continue
					}
					r.seen[it.a.ID] = it.source
				}
				close(j.registered)
				j.results = make([]T, len(j.items))
				for i, it := range j.items {
					if it.ok && ctx.Err() == nil {
						j.results[i] = work(ctx, it.a)
					}
				}
				close(j.done)
			}
		})
	}
	first := make(chan struct{})
	close(first)
	wg.Go(func() {
		defer close(order)
		defer close(jobs)
		prev := (<-chan struct{})(first)
		w := &walker{r: r, submit: func(u unit) error {
			j := &job{unit: u, prev: prev, registered: make(chan struct{}), done: make(chan struct{})}
			prev = j.registered
			select {
			case order <- j:
			case <-ctx.Done():
				return errStop{ctx.Err()}
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				close(j.registered)
				close(j.done)
				return errStop{ctx.Err()}
			}
			return nil
		}}
		_ = w.walk(ctx, paths) // it fails only when ctx is cancelled
	})

	var err error
	for j := range order {
		if err != nil {
			continue // drain, so that the walk ends
		}
		select {
		case <-j.done:
		case <-ctx.Done():
			err = ctx.Err()
			continue
		}
		if ctx.Err() != nil {
			err = ctx.Err()
			continue
		}
		for i, it := range j.items {
			switch {
			case it.other:
				r.sum.OtherShard++
			case it.ok:
				r.sum.Read++
				if derr := deliver(it.a, j.results[i]); derr != nil {
					err = derr
					cancel()
				}
			default:
				r.skip(it.source, it.skip, it.detail)
			}
			if err != nil {
				break
			}
		}
	}
	wg.Wait()
	if err == nil {
		err = parent.Err() // cancelled before anything came out
	}
	return r.sum, err
}
