package browser

import (
	"fmt"
	"html"
	"net/http"
	"strings"

	"github.com/influencegraph/influencegraph/queries"
)

// Guide returns a Neo4j Browser guide (the HTML `:play URL` shows as a
// deck of slides) that walks an analyst through the query library on
// whatever graph Browser is connected to: a first slide on the model and
// the style, then one slide per query, with its purpose, its :param lines
// and the query itself, each runnable with a click.
func Guide(qs []queries.Query) string {
	var b strings.Builder
	b.WriteString(`<article class="guide">
  <carousel class="deck container-fluid">
    <slide class="row-fluid">
      <div class="col-sm-3">
        <h3>influencegraph</h3>
        <p class="lead">Who targeted, authorised or amplified which election, on how many articles.</p>
      </div>
      <div class="col-sm-9">
        <p>Entities (State, Agency, Organisation, Person, Election) are joined by
        <code>AUTHORISED</code>, <code>TARGETED</code> and <code>AMPLIFIED</code> relationships that
        carry their provenance: <code>article_count</code>, <code>outlet_count</code>, first and last
        reported, evidence sentences. Each relationship's claims (<code>:Claim</code>, one per article)
        hold the sentence; claims an analyst rejected are marked and do not count.</p>
        <p>The next slides are the query library (<code>influencegraph query --list</code>).
        Click a block to put it in the editor, then run it: the <code>:param</code> lines first,
        then the query. Change a parameter to ask about your own entities
        (<code>find-entity</code> gives their ids).</p>
        <pre mode="cypher" class="pre-scrollable code runnable">MATCH (n:Entity) UNWIND [l IN labels(n) WHERE l &lt;&gt; 'Entity'] AS label RETURN label, count(*) AS nodes ORDER BY nodes DESC</pre>
      </div>
    </slide>
`)
	for _, q := range qs {
		fmt.Fprintf(&b, `    <slide class="row-fluid">
      <div class="col-sm-3">
        <h3>%s</h3>
        <p class="lead">%s</p>
      </div>
      <div class="col-sm-9">
        <p>%s</p>
`, html.EscapeString(q.Name), html.EscapeString(q.Summary), html.EscapeString(oneParagraph(q.Doc)))
		if len(q.Params) > 0 {
			var ps []string
			for _, p := range q.Params {
				ps = append(ps, p.BrowserParam())
			}
			fmt.Fprintf(&b, "        <pre mode=\"cypher\" class=\"pre-scrollable code runnable\">%s</pre>\n", html.EscapeString(strings.Join(ps, "\n")))
		}
		fmt.Fprintf(&b, "        <pre mode=\"cypher\" class=\"pre-scrollable code runnable\">%s</pre>\n      </div>\n    </slide>\n",
			html.EscapeString(queryBody(q.Cypher)))
	}
	b.WriteString("  </carousel>\n</article>\n")
	return b.String()
}

// queryBody is a library file without its header comments.
func queryBody(cypher string) string {
	lines := strings.Split(cypher, "\n")
	i := 0
	for i < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i]), "//") {
		i++
	}
	return strings.TrimSpace(strings.Join(lines[i:], "\n"))
}

// oneParagraph joins a header's prose into one line.
func oneParagraph(doc string) string {
	return strings.Join(strings.Fields(doc), " ")
}

// Commands returns the two Neo4j Browser commands that apply the style and
// open the guide served at base (http://127.0.0.1:7480), and the setting
// that makes a Neo4j server run them on every connection.
func Commands(base string) (style, play, postConnect string) {
	base = strings.TrimSuffix(base, "/")
	style = ":style " + base + "/style.grass"
	play = ":play " + base + "/guide.html"
	postConnect = "browser.post_connect_cmd=style " + base + "/style.grass; play " + base + "/guide.html"
	return style, play, postConnect
}

// Handler serves the style at /style.grass and the guide at /guide.html,
// readable from any origin: Neo4j Browser fetches them from its own page.
func Handler(guide string) http.Handler {
	mux := http.NewServeMux()
	serve := func(body, contentType string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Access-Control-Allow-Origin", "*")
			w.Header().Set("Access-Control-Allow-Headers", "*")
			w.Header().Set("Access-Control-Allow-Methods", "GET, OPTIONS")
			if r.Method == http.MethodOptions {
				return
			}
			w.Header().Set("Content-Type", contentType)
			fmt.Fprint(w, body)
		}
	}
	mux.Handle("/style.grass", serve(Style, "text/plain; charset=utf-8"))
	mux.Handle("/guide.html", serve(guide, "text/html; charset=utf-8"))
	return mux
}
