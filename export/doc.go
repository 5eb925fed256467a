// Package export writes the influence graph in formats other tools read:
// CSV files for `neo4j-admin database import full` (the initial bulk load of
// a very large corpus), GraphML for Gephi and yEd, and JSON.
//
// The graph comes either from the loaded database (through graph/) or
// straight from the JSON Lines that `influencegraph extract` writes.
package export
