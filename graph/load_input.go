package graph

import (
	"bufio"
	"bytes"
	"encoding/json"
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

// ReadRecords decodes extract's JSON Lines into one Result per article.
// Records of an article follow its article record; a record for another
// article, an unknown kind or malformed JSON is an error naming the line.
func ReadRecords(r io.Reader, name string) iter.Seq2[extract.Result, error] {
	return func(yield func(extract.Result, error) bool) {
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
		var cur *extract.Result
		line := 0
		for sc.Scan() {
			line++
			b := bytes.TrimSpace(sc.Bytes())
			if len(b) == 0 {
				continue
			}
			var head struct {
				Kind    string `json:"kind"`
				Article string `json:"article"`
			}
			if err := json.Unmarshal(b, &head); err != nil {
				yield(extract.Result{}, fmt.Errorf("%s:%d: %w", name, line, err))
				return
			}
			var err error
			switch head.Kind {
			case extract.KindArticle:
				if cur != nil && !yield(*cur, nil) {
					return
				}
				cur = &extract.Result{}
				err = json.Unmarshal(b, &cur.Article)
			case extract.KindEntity, extract.KindRelation:
				switch {
				case cur == nil:
					err = fmt.Errorf("%s record before any article record", head.Kind)
				case head.Article != cur.Article.ID:
					err = fmt.Errorf("%s record of article %q among the records of %q", head.Kind, head.Article, cur.Article.ID)
				case head.Kind == extract.KindEntity:
					var e extract.EntityRecord
					err = json.Unmarshal(b, &e)
					cur.Entities = append(cur.Entities, e)
				default:
					var rel extract.RelationRecord
					err = json.Unmarshal(b, &rel)
					cur.Relations = append(cur.Relations, rel)
				}
			default:
				err = fmt.Errorf("unknown record kind %q", head.Kind)
			}
			if err != nil {
				yield(extract.Result{}, fmt.Errorf("%s:%d: %w", name, line, err))
				return
			}
		}
		if err := sc.Err(); err != nil {
			yield(extract.Result{}, fmt.Errorf("read %s: %w", name, err))
			return
		}
		if cur != nil {
			yield(*cur, nil)
		}
	}
}
