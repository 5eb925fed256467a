//go:build unix

package dblock

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// lockWait bounds the wait for another test's lock; a longer wait means a
// test took the lock twice (Fresh in a subtest of a Fresh test).
const lockWait = 5 * time.Minute

// Hold takes an exclusive lock on a file named for key in the temporary
// directory, released when the test ends. flock locks belong to the open
// file, so tests in one process and tests in other go test processes
// exclude each other alike.
func Hold(t testing.TB, key string) {
	t.Helper()
	sum := sha256.Sum256([]byte(key))
	path := filepath.Join(os.TempDir(), fmt.Sprintf("influencegraph-neo4j-test-%x.lock", sum[:8]))
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		t.Fatalf("graphtest: lock %s: %v", path, err)
	}
	deadline := time.Now().Add(lockWait)
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			break
		}
		if err != syscall.EWOULDBLOCK && err != syscall.EINTR {
			f.Close()
			t.Fatalf("graphtest: lock %s: %v", path, err)
		}
		if time.Now().After(deadline) {
			f.Close()
			t.Fatalf("graphtest: waited %s for the Neo4j test lock %s; is Fresh called twice in one test?", lockWait, path)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Cleanup(func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	})
}
