package graph

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"

	"github.com/influencegraph/influencegraph/extract"
)

// LooksLikeRecords reports whether the start of an input is the JSON Lines
// that `influencegraph extract` writes (objects with a "kind" field) rather
// than article text, so `load` can take either without a flag.
func LooksLikeRecords(head []byte) bool {
	for _, line := range bytes.Split(head, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		if line[0] != '{' {
			return false
		}
		var probe struct {
			Kind *string `json:"kind"`
		}
		// The first line may be cut off by the peek; look for the field.
		if err := json.Unmarshal(line, &probe); err != nil {
			return bytes.Contains(line, []byte(`"kind"`))
		}
		return probe.Kind != nil
	}
	return false
}

// Reasons a line of extract's JSON Lines is skipped (RecordSkip.Reason).
// They are stable strings, the same as the article reader's where the
// meaning is the same.
const (
	// RecordMalformedJSON is a line that is not JSON, or a record whose
	// fields do not decode.
	RecordMalformedJSON = "malformed-json"
	// RecordMalformed is a well-formed line that is not a record in its
	// place: an unknown kind, or an entity or relation record outside the
	// records of its article.
	RecordMalformed = "malformed-record"
	// RecordTooLarge is a line longer than MaxRecordLine.
	RecordTooLarge = "too-large"
)

// MaxRecordLine is the longest line of extract's JSON Lines read.
const MaxRecordLine = 64 << 20

// RecordSkip names one line of extract's JSON Lines that was not loaded,
// and why.
type RecordSkip struct {
	// Source is name:line.
	Source string
	Reason string
	Detail string
	// Article is the id of the article left out because of the line: a
	// bad line among an article's records (or its article record) leaves
	// the whole article out, since what it says cannot be known; "" when
	// no article was lost.
	Article string
}

// String renders a skip the way load prints it.
func (s RecordSkip) String() string {
	msg := fmt.Sprintf("%s: %s: %s", s.Source, s.Reason, s.Detail)
	if s.Article != "" {
		msg += fmt.Sprintf(" (article %q left out with it)", s.Article)
	}
	return msg
}

// ReadRecords decodes extract's JSON Lines into one Result per article.
// Records of an article follow its article record; a record for another
// article, an unknown kind or malformed JSON is an error naming the line,
// and ends the sequence. ReadRecordsSkipping goes on instead.
func ReadRecords(r io.Reader, name string) iter.Seq2[extract.Result, error] {
	return ReadRecordsSkipping(r, name, nil)
}

// ReadRecordsSkipping is ReadRecords that skips bad lines, hands each to
// onSkip (name:line and reason) and goes on with the rest; the only errors
// it yields are read errors. An article with a bad line among its records
// is left out whole and named in the skip. A line that is not JSON cannot
// say which article it belonged to: the next good line decides (a record
// of the article being read, or the end of the input, says the line was
// one of its records; a record of another article, that it was that
// article's article record). With onSkip nil it is ReadRecords.
func ReadRecordsSkipping(r io.Reader, name string, onSkip func(RecordSkip)) iter.Seq2[extract.Result, error] {
	return func(yield func(extract.Result, error) bool) {
		rr := recordReader{name: name, onSkip: onSkip, yield: yield}
		rr.run(r)
	}
}

// recordReader is the state of one ReadRecordsSkipping.
type recordReader struct {
	name   string
	onSkip func(RecordSkip)
	yield  func(extract.Result, error) bool

	line int
	cur  *extract.Result
	// pending are bad lines that cannot say which article they belonged
	// to, not reported yet: the next good line decides.
	pending []RecordSkip
	// dropping is the article whose remaining records are left out.
	dropping string
	stopped  bool
}

// skip reports a bad line; without onSkip it ends the sequence with an
// error.
func (rr *recordReader) skip(s RecordSkip) {
	switch {
	case rr.stopped:
		return
	case rr.onSkip == nil:
		rr.yield(extract.Result{}, fmt.Errorf("%s: %s", s.Source, s.Detail))
		rr.stopped = true
	default:
		rr.onSkip(s)
	}
}

// settle reports the pending bad lines, the first naming the article lost
// with them.
func (rr *recordReader) settle(lost string) {
	for i, s := range rr.pending {
		if i == 0 {
			s.Article = lost
		}
		rr.skip(s)
	}
	rr.pending = nil
}

// dropCurrent leaves out the article being read, and its records to come.
func (rr *recordReader) dropCurrent() string {
	if rr.cur == nil {
		return ""
	}
	id := rr.cur.Article.ID
	rr.cur, rr.dropping = nil, id
	return id
}

// emit hands on the article being read.
func (rr *recordReader) emit() {
	if rr.cur != nil && !rr.yield(*rr.cur, nil) {
		rr.stopped = true
	}
	rr.cur = nil
}

func (rr *recordReader) run(r io.Reader) {
	br := bufio.NewReaderSize(r, 1<<20)
	for !rr.stopped {
		b, tooLong, err := readLine(br, MaxRecordLine)
		if len(b) > 0 || tooLong {
			rr.line++
			rr.record(bytes.TrimSpace(b), tooLong)
		} else if err == nil {
			rr.line++
		}
		if rr.stopped {
			return
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			rr.yield(extract.Result{}, fmt.Errorf("read %s: %w", rr.name, err))
			return
		}
	}
	if rr.stopped {
		return
	}
	// A bad line at the end: the input was cut off in the middle of the
	// last article.
	if len(rr.pending) > 0 {
		rr.settle(rr.dropCurrent())
	}
	if !rr.stopped {
		rr.emit()
	}
}

// record reads one line.
func (rr *recordReader) record(b []byte, tooLong bool) {
	src := fmt.Sprintf("%s:%d", rr.name, rr.line)
	if tooLong {
		rr.pending = append(rr.pending, RecordSkip{Source: src, Reason: RecordTooLarge, Detail: fmt.Sprintf("line longer than %d bytes", MaxRecordLine)})
		rr.settleNow()
		return
	}
	if len(b) == 0 {
		return
	}
	var head struct {
		Kind    string `json:"kind"`
		ID      string `json:"id"`
		Article string `json:"article"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		rr.pending = append(rr.pending, RecordSkip{Source: src, Reason: RecordMalformedJSON, Detail: err.Error()})
		rr.settleNow()
		return
	}
	// A good line decides what pending bad lines belonged to.
	if len(rr.pending) > 0 {
		switch {
		case head.Kind != extract.KindEntity && head.Kind != extract.KindRelation:
			rr.settle(rr.dropCurrent()) // cut off: the last records of the current article, probably
		case rr.cur != nil && head.Article == rr.cur.Article.ID:
			rr.settle(rr.dropCurrent())
		default: // the article record of head.Article
			rr.emit()
			rr.dropping = head.Article
			rr.settle(head.Article)
		}
		if rr.stopped {
			return
		}
	}
	var err error
	switch head.Kind {
	case extract.KindArticle:
		rr.emit()
		if rr.stopped {
			return
		}
		rr.dropping = ""
		cur := &extract.Result{}
		if err = json.Unmarshal(b, &cur.Article); err != nil {
			rr.dropping = head.ID
			rr.skip(RecordSkip{Source: src, Reason: RecordMalformedJSON, Detail: err.Error(), Article: head.ID})
			return
		}
		rr.cur = cur
		return
	case extract.KindEntity, extract.KindRelation:
		switch {
		case rr.dropping != "" && head.Article == rr.dropping:
			return // named with the line that cost the article
		case rr.cur == nil:
			err = fmt.Errorf("%s record before any article record", head.Kind)
		case head.Article != rr.cur.Article.ID:
			err = fmt.Errorf("%s record of article %q among the records of %q", head.Kind, head.Article, rr.cur.Article.ID)
		case head.Kind == extract.KindEntity:
			var e extract.EntityRecord
			if derr := json.Unmarshal(b, &e); derr != nil {
				rr.skip(RecordSkip{Source: src, Reason: RecordMalformedJSON, Detail: derr.Error(), Article: rr.dropCurrent()})
				return
			}
			rr.cur.Entities = append(rr.cur.Entities, e)
			return
		default:
			var rel extract.RelationRecord
			if derr := json.Unmarshal(b, &rel); derr != nil {
				rr.skip(RecordSkip{Source: src, Reason: RecordMalformedJSON, Detail: derr.Error(), Article: rr.dropCurrent()})
				return
			}
			rr.cur.Relations = append(rr.cur.Relations, rel)
			return
		}
	default:
		err = fmt.Errorf("unknown record kind %q", head.Kind)
	}
	rr.skip(RecordSkip{Source: src, Reason: RecordMalformed, Detail: err.Error()})
}

// settleNow turns a pending bad line into an error at once when there is
// no onSkip: nothing is left to decide.
func (rr *recordReader) settleNow() {
	if rr.onSkip == nil {
		rr.settle("")
	}
}

// readLine reads one line without its newline. A line longer than max is
// read to its end and discarded: tooLong reports it. err is io.EOF at the
// end of the input.
func readLine(br *bufio.Reader, max int) (line []byte, tooLong bool, err error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > max+1 {
				tooLong, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err != nil:
			return buf, tooLong, err
		}
		return bytes.TrimSuffix(buf, []byte("\n")), tooLong, nil
	}
}
