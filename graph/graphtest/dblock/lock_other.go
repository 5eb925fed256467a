//go:build !unix

package dblock

import "testing"

// Hold does nothing where flock is missing: run the integration packages
// one at a time there (go test -p 1).
func Hold(t testing.TB, key string) {}
