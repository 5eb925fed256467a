package dblock

import (
	"fmt"
	"os"
	"testing"
	"time"
)

func TestKey(t *testing.T) {
	same := [][2]string{
		{"neo4j://localhost", "bolt://127.0.0.1:7687"},
		{"neo4j+s://db.example:7687", "bolt+s://db.example"},
	}
	for _, p := range same {
		if Key(p[0], "neo4j") != Key(p[1], "") {
			t.Errorf("Key(%q) != Key(%q)", p[0], p[1])
		}
	}
	if Key("bolt://127.0.0.1:7687", "neo4j") == Key("bolt://127.0.0.1:7688", "neo4j") {
		t.Error("two ports share a key")
	}
	if Key("bolt://127.0.0.1:7687", "a") == Key("bolt://127.0.0.1:7687", "b") {
		t.Error("two databases share a key")
	}
}

// fakeTB records cleanups so a test can end a holder's "test" itself.
type fakeTB struct {
	testing.TB
	cleanups []func()
}

func (f *fakeTB) Helper()               {}
func (f *fakeTB) Cleanup(fn func())     { f.cleanups = append(f.cleanups, fn) }
func (f *fakeTB) Fatalf(string, ...any) { panic("Fatalf") }
func (f *fakeTB) end() {
	for i := len(f.cleanups) - 1; i >= 0; i-- {
		f.cleanups[i]()
	}
}

// TestHoldExcludes checks that a second holder waits until the first ends.
func TestHoldExcludes(t *testing.T) {
	key := fmt.Sprintf("dblock-test-%d-%d", os.Getpid(), time.Now().UnixNano())
	first, second := &fakeTB{TB: t}, &fakeTB{TB: t}
	Hold(first, key)
	acquired := make(chan struct{})
	go func() {
		Hold(second, key)
		close(acquired)
	}()
	select {
	case <-acquired:
		t.Fatal("second holder got the lock while the first held it")
	case <-time.After(200 * time.Millisecond):
	}
	first.end()
	select {
	case <-acquired:
	case <-time.After(5 * time.Second):
		t.Fatal("second holder did not get the lock after the first released it")
	}
	second.end()
}
