// Package queries holds the analysts' library of named Cypher queries.
//
// Each query is a .cypher file in this directory, embedded in the binary so
// that `influencegraph query NAME` runs it, and kept copy-paste ready for
// Neo4j Browser. Its header, the comment lines before the first line of
// Cypher, says what it is:
//
//	// name: proxy-network            (the file's name without .cypher)
//	// summary: One sentence that `query --list` prints; continuation
//	//   lines are indented.
//	// param: depth int = 2 -- what it means, on one line
//	//
//	// Any other prose: what the query counts and what it leaves out.
//	//
//	// Neo4j Browser: set the parameters first, then run the query.
//	// :param depth => 2
//
// Parameter types are string, int, float and bool; a parameter without
// "= default" is required. Tests check that every declared parameter is used and has its :param
// line, that every label, relationship type and property named exists in
// schema/, and that every query has asserted results on the fixture in
// testdata/ and runs on the bundled examples against a real Neo4j. To add a
// query, add its file and a case in TestNeo4jLibrary.
package queries
