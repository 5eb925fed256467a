package picture

import (
	"bufio"
	_ "embed"
	"fmt"
	"html/template"
	"io"

	"github.com/influencegraph/influencegraph/extract"
)

// The page and what it bundles. cytoscape.min.js is Cytoscape.js as
// published on npm, at the version pinned in assets/package.json
// (`make assets` refreshes it); its MIT licence is assets/cytoscape.LICENSE.
var (
	//go:embed assets/page.html.tmpl
	pageTemplate string
	//go:embed assets/cytoscape.min.js
	cytoscapeJS string
	//go:embed assets/app.js
	appJS string
	//go:embed assets/style.css
	styleCSS string
)

// DefaultMaxEvidence is how many evidence sentences an edge shows when
// Options.MaxEvidence is zero.
const DefaultMaxEvidence = 20

// Options shape the page.
type Options struct {
	// Title heads the page; empty means "influencegraph".
	Title string
	// MaxEvidence caps the evidence sentences kept per edge, earliest
	// first, so that hub edges reported by thousands of articles keep the
	// page small; 0 means DefaultMaxEvidence, negative means no cap.
	MaxEvidence int
}

// WriteHTML writes the page for the results of any number of articles.
func WriteHTML(w io.Writer, results []extract.Result, opts Options) error {
	g := NewGraph()
	for _, r := range results {
		g.Add(r)
	}
	return g.WriteHTML(w, opts)
}

// WriteHTML writes the page: one HTML document with the drawing library,
// the script and the graph's data inline. Article text reaches the page
// only as JSON inside a script, escaped by html/template so that no
// "</script>" in a sentence can end the script, and the page's script
// shows it with textContent, never as markup.
func (g *Graph) WriteHTML(w io.Writer, opts Options) error {
	tmpl, err := template.New("page").Parse(pageTemplate)
	if err != nil {
		return fmt.Errorf("parse page template: %w", err)
	}
	if opts.Title == "" {
		opts.Title = "influencegraph"
	}
	max := opts.MaxEvidence
	if max == 0 {
		max = DefaultMaxEvidence
	}
	d := g.data(max)
	bw := bufio.NewWriter(w)
	err = tmpl.Execute(bw, struct {
		Title    string
		Nodes    int
		Edges    int
		Articles int
		Data     pageData
		Style    template.CSS
		Library  template.JS
		App      template.JS
	}{
		Title: opts.Title, Nodes: len(d.Nodes), Edges: len(d.Edges), Articles: d.Articles,
		Data:  d,
		Style: template.CSS(styleCSS), Library: template.JS(cytoscapeJS), App: template.JS(appJS),
	})
	if err != nil {
		return fmt.Errorf("write page: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write page: %w", err)
	}
	return nil
}
