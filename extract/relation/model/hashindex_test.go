package model

import (
	"fmt"
	"testing"
)

func TestHashIndexFindsWhatItHolds(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000, 5000} {
		x := newHashIndex(n)
		for i := 0; i < n; i++ {
			x.add(NewHash().Add(fmt.Sprint("feature-", i)), int32(i))
		}
		for i := 0; i < n; i++ {
			if v, ok := x.Lookup(NewHash().Add(fmt.Sprint("feature-", i))); !ok || v != int32(i) {
				t.Fatalf("n=%d: feature-%d: got %d, %v", n, i, v, ok)
			}
		}
		for i := n; i < n+1000; i++ {
			if v, ok := x.Lookup(NewHash().Add(fmt.Sprint("feature-", i))); ok {
				t.Fatalf("n=%d: feature-%d, never added, found at %d", n, i, v)
			}
		}
	}
}
