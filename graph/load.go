package graph

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/influencegraph/influencegraph/extract"
	"github.com/influencegraph/influencegraph/identity"
)

// LoadOptions configure a Loader.
type LoadOptions struct {
	// BatchSize is the most entity and relation records sent in one
	// transaction (an article is never split; a larger one goes alone).
	BatchSize int
	// EvidenceCap is the most evidence sentences kept on one relationship.
	EvidenceCap int
	// DryRun runs every batch and rolls it back: the summary says what
	// would change, and nothing does.
	DryRun bool
	// ShardIndex and ShardCount (1 <= ShardIndex <= ShardCount) restrict
	// the load to one deterministic share of the documents; 0 means all.
	ShardIndex, ShardCount int
	// Progress, when set, is called after every batch with the running
	// summary.
	Progress func(Summary)
	// Identity holds the analysts' merges and splits applied to every
	// article read (nil: none); elections without a country are scoped to
	// their article whatever it holds.
	Identity *identity.Rules
	// RetryWaits are the pauses before retrying a batch the driver's own
	// retries gave up on because Neo4j went away; nil means 2s, 5s, 10s.
	RetryWaits []time.Duration
	// Observe, when set, is called with the time each step of a batch
	// took: each statement (a round trip), "commit", and "batch" for the
	// whole transaction. It runs on the writing goroutine; it is for
	// profiling (the load benchmarks print where a batch's time goes).
	Observe func(Timing)
}

// Timing is the duration of one step of a batch's transaction.
type Timing struct {
	// Step names the statement ("claims", "read provenance", ...),
	// "commit" or "batch".
	Step     string
	Duration time.Duration
}

// Summary is the outcome of a load, for people (String) and monitoring
// (its JSON form).
type Summary struct {
	DryRun   bool     `json:"dry_run"`
	Shard    string   `json:"shard,omitempty"`
	Articles Articles `json:"articles"`
	// Relations counts actor relationships (AUTHORISED, TARGETED, ...).
	Relations Relations `json:"relations"`
	// Records counts the entity and relation records read.
	Records int `json:"records"`
	// Skipped counts records left out, by reason.
	Skipped map[string]int `json:"skipped,omitempty"`
	Graph   Counters       `json:"graph"`
	Batches int            `json:"batches"`
	Seconds float64        `json:"seconds"`
}

// Reasons in Articles.SkippedReasons that are no fault of the input: the
// same article given twice, and an earlier version of a document whose
// corrected version is already loaded. Every other reason is input that
// could not be loaded.
const (
	SkipSameArticle    = "same article twice in the input"
	SkipEarlierVersion = "earlier version of a document already loaded in a corrected version"
)

// Articles counts articles by what happened to them.
type Articles struct {
	Read      int `json:"read"`
	New       int `json:"new"`
	Unchanged int `json:"unchanged"`
	// Updated articles had been loaded with different content; their
	// earlier contribution was replaced.
	Updated int `json:"updated"`
	// Replaced counts earlier versions (same url or source, other text)
	// removed in favour of a corrected one.
	Replaced int `json:"replaced"`
	// OtherShard articles belong to another --shard.
	OtherShard int `json:"other_shard,omitempty"`
	Skipped    int `json:"skipped"`
	// SkippedReasons counts skipped articles by reason.
	SkippedReasons map[string]int `json:"skipped_reasons,omitempty"`
}

// Relations counts actor relationships touched.
type Relations struct {
	Created int `json:"created"`
	// Updated relationships had their provenance recomputed.
	Updated int `json:"updated"`
	Removed int `json:"removed"`
}

// Counters are the driver's update counters summed over a load.
type Counters struct {
	NodesCreated         int `json:"nodes_created"`
	NodesDeleted         int `json:"nodes_deleted"`
	RelationshipsCreated int `json:"relationships_created"`
	RelationshipsDeleted int `json:"relationships_deleted"`
	PropertiesSet        int `json:"properties_set"`
}

func (c *Counters) add(s neo4j.Counters) {
	c.NodesCreated += s.NodesCreated()
	c.NodesDeleted += s.NodesDeleted()
	c.RelationshipsCreated += s.RelationshipsCreated()
	c.RelationshipsDeleted += s.RelationshipsDeleted()
	c.PropertiesSet += s.PropertiesSet()
}

func (c *Counters) merge(o Counters) {
	c.NodesCreated += o.NodesCreated
	c.NodesDeleted += o.NodesDeleted
	c.RelationshipsCreated += o.RelationshipsCreated
	c.RelationshipsDeleted += o.RelationshipsDeleted
	c.PropertiesSet += o.PropertiesSet
}

// String renders the summary for standard error.
func (s Summary) String() string {
	var b strings.Builder
	if s.DryRun {
		b.WriteString("dry run: nothing was written; this is what a load would change\n")
	}
	a := s.Articles
	fmt.Fprintf(&b, "articles: %d read, %d new, %d unchanged, %d updated, %d earlier versions replaced, %d skipped",
		a.Read, a.New, a.Unchanged, a.Updated, a.Replaced, a.Skipped)
	if a.OtherShard > 0 {
		fmt.Fprintf(&b, ", %d in other shards", a.OtherShard)
	}
	b.WriteString("\n")
	for _, r := range sortedKeys(a.SkippedReasons) {
		fmt.Fprintf(&b, "  skipped article: %s: %d\n", r, a.SkippedReasons[r])
	}
	for _, r := range sortedKeys(s.Skipped) {
		fmt.Fprintf(&b, "  skipped record: %s: %d\n", r, s.Skipped[r])
	}
	fmt.Fprintf(&b, "relations: %d created, %d updated, %d removed\n", s.Relations.Created, s.Relations.Updated, s.Relations.Removed)
	g := s.Graph
	fmt.Fprintf(&b, "graph: nodes %d created, %d removed; relationships %d created, %d removed; %d properties set\n",
		g.NodesCreated, g.NodesDeleted, g.RelationshipsCreated, g.RelationshipsDeleted, g.PropertiesSet)
	fmt.Fprintf(&b, "time: %.1fs in %d batches\n", s.Seconds, s.Batches)
	return b.String()
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Loader writes extraction results into Neo4j idempotently. It is safe to
// run several Loaders (in one process or many) over overlapping input at
// once: every write MERGEs on a uniquely constrained id or key or happens
// under the lock of the article it belongs to, and provenance is added to
// or recomputed under the relationship's lock; locks are taken in a fixed
// order, and a deadlock Neo4j detects all the same is retried.
type Loader struct {
	driver   neo4j.DriverWithContext
	database string
	opts     LoadOptions
}

// NewLoader returns a Loader writing to database through driver.
func NewLoader(driver neo4j.DriverWithContext, database string, opts LoadOptions) *Loader {
	if opts.BatchSize <= 0 {
		opts.BatchSize = 1000
	}
	if opts.EvidenceCap <= 0 {
		opts.EvidenceCap = 20
	}
	if opts.RetryWaits == nil {
		opts.RetryWaits = []time.Duration{2 * time.Second, 5 * time.Second, 10 * time.Second}
	}
	return &Loader{driver: driver, database: database, opts: opts}
}

// LoadError is returned when a load stops part-way. Everything counted in
// Summary was committed; when the cause may pass (Rerun), re-running the
// same load finishes the job, since committed articles are recognised as
// unchanged and skipped.
type LoadError struct {
	Summary Summary
	Err     error
}

func (e *LoadError) Error() string {
	a := e.Summary.Articles
	msg := fmt.Sprintf("load stopped after %d batches (%d articles committed: %d new, %d updated, %d unchanged): %v",
		e.Summary.Batches, a.New+a.Updated+a.Unchanged, a.New, a.Updated, a.Unchanged, e.Err)
	if e.Rerun() {
		msg += "; re-run the same command to finish: committed articles are skipped as unchanged"
	}
	return msg
}

// Rerun reports whether running the same load again may finish it: after
// an interruption, a lost connection or a transient database error, not
// after a wrong password, a failing statement or input that cannot be read.
func (e *LoadError) Rerun() bool {
	return errors.Is(e.Err, context.Canceled) || errors.Is(e.Err, context.DeadlineExceeded) || retryable(e.Err)
}

func (e *LoadError) Unwrap() error { return e.Err }

// Load reads results and writes them in batches, one transaction per
// batch. It returns the summary of what was done; on failure the error is
// a *LoadError saying what had been committed.
func (l *Loader) Load(ctx context.Context, results iter.Seq2[extract.Result, error]) (Summary, error) {
	start := time.Now()
	sum := Summary{DryRun: l.opts.DryRun, Skipped: map[string]int{}}
	sum.Articles.SkippedReasons = map[string]int{}
	if l.opts.ShardCount > 1 {
		sum.Shard = fmt.Sprintf("%d/%d", l.opts.ShardIndex, l.opts.ShardCount)
	}
	session := l.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: l.database, AccessMode: neo4j.AccessModeWrite})
	defer session.Close(context.WithoutCancel(ctx))

	seen := map[string]bool{}
	var batch []prepared
	rows := 0
	docs := map[string]bool{}
	fail := func(err error) (Summary, error) {
		sum.Seconds = time.Since(start).Seconds()
		return sum, &LoadError{Summary: sum, Err: err}
	}
	// One batch is written while the next is read and prepared: the
	// database and the loader's own work overlap. Only one write is in
	// flight, so batches still commit in input order, and a document's
	// versions, which never share a batch, are written one after another.
	var inflight chan batchResult
	wait := func() error {
		if inflight == nil {
			return nil
		}
		r := <-inflight
		inflight = nil
		if r.err != nil {
			return r.err
		}
		sum.add(r.out)
		sum.Seconds = time.Since(start).Seconds()
		if l.opts.Progress != nil {
			l.opts.Progress(sum)
		}
		return nil
	}
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := wait(); err != nil {
			return err
		}
		b := batch
		batch, rows = nil, 0
		clear(docs)
		inflight = make(chan batchResult, 1)
		go func(done chan<- batchResult) {
			out, err := l.writeBatchRetrying(ctx, session, b)
			done <- batchResult{out, err}
		}(inflight)
		return nil
	}
	// finish waits for the batch in flight; fail reports what was
	// committed, so it must not run while a write is still going.
	finish := func(err error) (Summary, error) {
		if werr := wait(); werr != nil {
			err = errors.Join(err, werr)
		}
		return fail(err)
	}
	for r, err := range results {
		if err != nil {
			if ferr := flush(); ferr != nil {
				return finish(ferr)
			}
			return finish(fmt.Errorf("read input: %w", err))
		}
		if err := ctx.Err(); err != nil {
			return finish(err)
		}
		sum.Articles.Read++
		if l.opts.ShardCount > 1 && !InShard(r.Article, l.opts.ShardIndex, l.opts.ShardCount) {
			sum.Articles.OtherShard++
			continue
		}
		p, err := prepareWith(r, l.opts.Identity)
		if err != nil {
			sum.Articles.Skipped++
			sum.Articles.SkippedReasons[err.Error()]++
			continue
		}
		if seen[p.id] {
			sum.Articles.Skipped++
			sum.Articles.SkippedReasons[SkipSameArticle]++
			continue
		}
		seen[p.id] = true
		sum.Records += p.records
		for k, n := range p.skipped {
			sum.Skipped[k] += n
		}
		// Two versions of one document never share a batch, so that the
		// later one cleanly replaces the earlier.
		if docs[p.doc] || (rows > 0 && rows+p.records > l.opts.BatchSize) {
			if err := flush(); err != nil {
				return finish(err)
			}
		}
		batch = append(batch, p)
		docs[p.doc] = true
		rows += max(1, p.records)
	}
	if err := flush(); err != nil {
		return finish(err)
	}
	if err := wait(); err != nil {
		return fail(err)
	}
	sum.Seconds = time.Since(start).Seconds()
	return sum, nil
}

// errRollback makes ExecuteWrite roll back a dry-run batch.
var errRollback = errors.New("dry run: roll back")

// writeBatchRetrying writes one batch. The driver's managed transaction
// already retries transient errors (deadlocks, leader changes, brief
// disconnections) with backoff; when it gives up because Neo4j is
// unreachable, this waits longer and tries again a few times. Other errors
// (a wrong password, a bad statement) are returned at once.
func (l *Loader) writeBatchRetrying(ctx context.Context, session neo4j.SessionWithContext, batch []prepared) (batchOutcome, error) {
	for attempt := 0; ; attempt++ {
		out, err := l.writeBatch(ctx, session, batch)
		if err == nil {
			return out, nil
		}
		if attempt >= len(l.opts.RetryWaits) || !retryable(err) {
			return batchOutcome{}, err
		}
		select {
		case <-ctx.Done():
			return batchOutcome{}, err
		case <-time.After(l.opts.RetryWaits[attempt]):
		}
	}
}

type batchResult struct {
	out batchOutcome
	err error
}

// add counts one committed batch.
func (s *Summary) add(out batchOutcome) {
	s.Batches++
	s.Articles.New += out.articles.New
	s.Articles.Unchanged += out.articles.Unchanged
	s.Articles.Updated += out.articles.Updated
	s.Articles.Replaced += out.articles.Replaced
	s.Articles.Skipped += out.articles.Skipped
	for k, n := range out.articles.SkippedReasons {
		s.Articles.SkippedReasons[k] += n
	}
	s.Relations.Created += out.relations.Created
	s.Relations.Updated += out.relations.Updated
	s.Relations.Removed += out.relations.Removed
	s.Graph.merge(out.counters)
}

func retryable(err error) bool {
	var ce *ConnectError
	if errors.As(err, &ce) {
		return false
	}
	var auth *neo4j.InvalidAuthenticationError
	if errors.As(err, &auth) {
		return false
	}
	var n4j *neo4j.Neo4jError
	if errors.As(err, &n4j) && strings.HasPrefix(n4j.Code, "Neo.ClientError.Security.") {
		return false
	}
	var limit *neo4j.TransactionExecutionLimit
	var conn *neo4j.ConnectivityError
	return errors.As(err, &limit) || errors.As(err, &conn) || neo4j.IsRetryable(err)
}

type batchOutcome struct {
	articles  Articles
	relations Relations
	counters  Counters
}

func (l *Loader) writeBatch(ctx context.Context, session neo4j.SessionWithContext, batch []prepared) (batchOutcome, error) {
	var out batchOutcome
	start := time.Now()
	var worked time.Time
	_, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		// The work may run several times; start from zero each time.
		out = batchOutcome{}
		w := &batchWriter{ctx: ctx, tx: tx, cap: l.opts.EvidenceCap, out: &out, observe: l.opts.Observe}
		if err := w.write(batch); err != nil {
			return nil, err
		}
		worked = time.Now()
		if l.opts.DryRun {
			return nil, errRollback
		}
		return nil, nil
	})
	if l.opts.Observe != nil && err == nil {
		l.opts.Observe(Timing{Step: "commit", Duration: time.Since(worked)})
		l.opts.Observe(Timing{Step: "batch", Duration: time.Since(start)})
	}
	if errors.Is(err, errRollback) {
		err = nil
	}
	return out, err
}
