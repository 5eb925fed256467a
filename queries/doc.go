// Package queries holds the analysts' library of named Cypher queries.
//
// Each query is a .cypher file in this directory whose header comment gives
// its name, purpose and parameters with their types and defaults. The files
// are embedded in the binary so that `influencegraph query NAME` runs them,
// and each stays copy-paste ready for Neo4j Browser (a `:param` line in the
// header sets the parameters there).
package queries
