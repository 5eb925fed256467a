package graph

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/influencegraph/influencegraph/review"
	"github.com/influencegraph/influencegraph/schema"
)

// ReviewID is the id of the Meta node listing the claims the review file
// rejected when it was last applied, so that a rejection taken out of the
// file is taken back at the next load.
const ReviewID = "review"

// ReviewSummary says what applying the review file changed.
type ReviewSummary struct {
	// Rejected counts claims newly marked rejected (or whose who, why or
	// when changed); Restored, claims no longer rejected.
	Rejected int `json:"rejected"`
	Restored int `json:"restored"`
	// Unchanged counts rejections already applied.
	Unchanged int `json:"unchanged"`
	// Missing lists the rejected claim ids the graph does not hold (not
	// loaded yet, or of an article since corrected).
	Missing []string `json:"missing,omitempty"`
	// Relations counts the actor relationships recomputed or removed.
	Relations Relations `json:"relations"`
}

// String renders the summary the way load prints it.
func (s ReviewSummary) String() string {
	out := fmt.Sprintf("review: %d claims rejected, %d restored, %d unchanged; relations %d updated, %d removed",
		s.Rejected, s.Restored, s.Unchanged, s.Relations.Updated, s.Relations.Removed)
	if len(s.Missing) > 0 {
		out += fmt.Sprintf("; %d rejected claims not in the graph: %s", len(s.Missing), summarizeIDs(s.Missing))
	}
	return out
}

func summarizeIDs(ids []string) string {
	if len(ids) <= 3 {
		return fmt.Sprint(ids)
	}
	return fmt.Sprintf("%v and %d more", ids[:3], len(ids)-3)
}

var (
	// stmtReject marks the claims the review file rejects; changed says
	// whether the mark was missing or said something else.
	stmtReject = fmt.Sprintf(`UNWIND $rows AS row
MATCH (c:%[1]s {%[2]s: row.relation}) USING INDEX c:%[1]s(%[2]s)
WHERE c.article = row.article
WITH c, row, (c.rejected IS NULL OR coalesce(c.rejected_by, '') <> coalesce(row.by, '')
              OR coalesce(c.rejected_why, '') <> row.why
              OR coalesce(toString(c.rejected_at), '') <> coalesce(toString(row.at), '')) AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END |
  SET c.rejected = true, c.rejected_by = row.by, c.rejected_why = row.why, c.rejected_at = row.at)
RETURN row.claim AS claim, changed, c.type AS type, c.source AS source, c.target AS target, c.negated AS negated`,
		schema.Claim, schema.PropRelation)

	// stmtRestore takes the mark off claims no longer rejected.
	stmtRestore = fmt.Sprintf(`UNWIND $rows AS row
MATCH (c:%[1]s {%[2]s: row.relation}) USING INDEX c:%[1]s(%[2]s)
WHERE c.article = row.article AND c.rejected IS NOT NULL
REMOVE c.rejected, c.rejected_by, c.rejected_why, c.rejected_at
RETURN row.claim AS claim, true AS changed, c.type AS type, c.source AS source, c.target AS target, c.negated AS negated`,
		schema.Claim, schema.PropRelation)

	// stmtLockReview locks the review node, when there is one, and
	// reads the claims it last rejected: two reviews applied at once
	// take turns. The relationships they recompute are locked as a
	// load locks them.
	stmtLockReview = fmt.Sprintf(`OPTIONAL MATCH (m:%[1]s {%[2]s: $id})
SET m._lock = true
RETURN coalesce(m.claims, []) AS claims, m IS NOT NULL AS locked`, schema.Meta, schema.PropID)

	stmtUnlockReview = fmt.Sprintf(`MATCH (m:%[1]s {%[2]s: $id})
REMOVE m._lock
RETURN count(*) AS unlocked`, schema.Meta, schema.PropID)

	stmtWriteReview = fmt.Sprintf(`MERGE (m:%[1]s {%[2]s: $id})
WITH m WHERE coalesce(m.claims, []) <> $claims
SET m.claims = $claims`, schema.Meta, schema.PropID)

	// stmtRejected lists the rejected claims in the graph, for review list.
	stmtRejected = fmt.Sprintf(`MATCH (m:%[1]s {%[2]s: $id})
UNWIND m.claims AS id
WITH split(id, '|')[0] AS article, substring(id, size(split(id, '|')[0]) + 1) AS relation, id
MATCH (c:%[3]s {%[4]s: relation}) USING INDEX c:%[3]s(%[4]s)
WHERE c.article = article AND c.rejected
OPTIONAL MATCH (a:%[5]s {%[2]s: article})
RETURN id AS claim, c.type AS type, c.source AS source, c.target AS target, c.negated AS negated,
       c.sentence AS sentence, a.url AS url, c.rejected_by AS by, c.rejected_why AS why, toString(c.rejected_at) AS at
ORDER BY at, claim`, schema.Meta, schema.PropID, schema.Claim, schema.PropRelation, schema.Article)
)

func reviewRow(claim string) map[string]any {
	r := review.Rejection{Claim: claim}
	return map[string]any{"claim": claim, "article": r.Article(), "relation": r.Relation()}
}

// ApplyReview brings the graph in line with the review file: claims it
// rejects are marked (rejected, rejected_by, rejected_why, rejected_at)
// and claims it no longer rejects are unmarked; the relationships they
// support are recomputed from their other claims, or removed when none is
// left. Applying the same file twice changes nothing. The loader calls it
// after every load; `review reject` after writing the file.
func ApplyReview(ctx context.Context, driver neo4j.DriverWithContext, db string, rejections []review.Rejection, evidenceCap int) (ReviewSummary, error) {
	if evidenceCap <= 0 {
		evidenceCap = 20
	}
	session := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db, AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)
	var sum ReviewSummary
	_, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		sum = ReviewSummary{}
		var out batchOutcome
		w := &batchWriter{ctx: ctx, tx: tx, cap: evidenceCap, out: &out}
		locked := false
		recs, err := w.runLocking("lock review", stmtLockReview, map[string]any{"id": ReviewID}, func(recs []*neo4j.Record) int {
			if len(recs) == 1 {
				l, _ := recs[0].Get("locked")
				locked, _ = l.(bool)
			}
			if locked {
				return 1
			}
			return 0
		})
		if err != nil {
			return nil, fmt.Errorf("lock the review: %w", err)
		}
		var before []string
		if len(recs) == 1 {
			l, _ := recs[0].Get("claims")
			for _, x := range l.([]any) {
				before = append(before, x.(string))
			}
		}
		now := make([]string, 0, len(rejections))
		var rows []map[string]any
		for _, r := range rejections {
			row := reviewRow(r.Claim)
			row["by"], row["why"], row["at"] = nonEmpty(r.By), r.Why, nil
			if !r.At.IsZero() {
				row["at"] = r.At.UTC().Truncate(time.Second)
			}
			rows = append(rows, row)
			now = append(now, r.Claim)
		}
		var restore []map[string]any
		for _, id := range before {
			if !slices.Contains(now, id) {
				restore = append(restore, reviewRow(id))
			}
		}
		affected := map[string]relKey{}
		found := map[string]bool{}
		for _, st := range []struct {
			stmt  string
			rows  []map[string]any
			count *int
		}{{stmtReject, rows, &sum.Rejected}, {stmtRestore, restore, &sum.Restored}} {
			if len(st.rows) == 0 {
				continue
			}
			recs, err := w.run("review claims", st.stmt, map[string]any{"rows": st.rows})
			if err != nil {
				return nil, fmt.Errorf("mark reviewed claims: %w", err)
			}
			for _, rec := range recs {
				m := rec.AsMap()
				found[m["claim"].(string)] = true
				if !m["changed"].(bool) {
					sum.Unchanged++
					continue
				}
				*st.count++
				typ, _ := m["type"].(string)
				k := relKey{relType: typ, source: m["source"].(string), target: m["target"].(string)}
				k.negated, _ = m["negated"].(bool)
				k.key = schema.RelationKey(k.source, typ, k.target, k.negated)
				affected[k.key] = k
			}
		}
		for _, id := range now {
			if !found[id] {
				sum.Missing = append(sum.Missing, id)
			}
		}
		if len(affected) > 0 {
			if err := w.writeRelations(nil, nil, affected); err != nil {
				return nil, err
			}
		}
		applied := slices.DeleteFunc(slices.Clone(now), func(id string) bool { return !found[id] })
		slices.Sort(applied)
		// With nothing ever rejected, leave no trace.
		if len(applied) > 0 || len(before) > 0 {
			if _, err := w.run("write review", stmtWriteReview, map[string]any{"id": ReviewID, "claims": applied}); err != nil {
				return nil, fmt.Errorf("record the applied review: %w", err)
			}
		}
		if locked {
			if _, err := w.runLocking("unlock review", stmtUnlockReview, map[string]any{"id": ReviewID}, unlockedCount); err != nil {
				return nil, fmt.Errorf("unlock the review: %w", err)
			}
		}
		sum.Relations = out.relations
		return nil, nil
	})
	if err != nil {
		return ReviewSummary{}, fmt.Errorf("apply the review file: %w", err)
	}
	return sum, nil
}

// RejectedClaim is a rejected claim as the graph holds it.
type RejectedClaim struct {
	Claim, Type, Source, Target, Sentence, URL, By, Why, At string
	Negated                                                 bool
}

// RejectedClaims lists the claims the graph holds marked rejected.
func RejectedClaims(ctx context.Context, driver neo4j.DriverWithContext, db string) ([]RejectedClaim, error) {
	res, err := neo4j.ExecuteQuery(ctx, driver, stmtRejected, map[string]any{"id": ReviewID},
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, fmt.Errorf("list rejected claims: %w", err)
	}
	var out []RejectedClaim
	for _, rec := range res.Records {
		m := rec.AsMap()
		s := func(k string) string { v, _ := m[k].(string); return v }
		neg, _ := m["negated"].(bool)
		out = append(out, RejectedClaim{Claim: s("claim"), Type: s("type"), Source: s("source"), Target: s("target"),
			Sentence: s("sentence"), URL: s("url"), By: s("by"), Why: s("why"), At: s("at"), Negated: neg})
	}
	return out, nil
}
