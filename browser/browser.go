// Package browser holds the Neo4j Browser style sheet (style.grass), so
// that tests and tools can apply the same file the README tells analysts to
// drag into Neo4j Browser.
package browser

import _ "embed"

// Style is style.grass: a colour and a caption for every label of the
// graph model, and captions for relationship types. Neo4j Browser's GraSS
// parser knows no comments, so the file has none; this package documents it.
//
//go:embed style.grass
var Style string
