package model

// HashIndex maps the Hash of a feature name to the feature's index. It is
// an open-addressing table kept at most a quarter full: extraction looks
// up every feature of every candidate here, and a probe into one flat
// array is several times cheaper than a lookup in a general map.
type HashIndex struct {
	slots []slot // a key beside its value: one probe, one cache line
	shift uint
}

type slot struct {
	key Hash
	val int32 // -1: empty
}

func newHashIndex(n int) *HashIndex {
	size, bits := 8, uint(3)
	for size < 4*n {
		size, bits = size*2, bits+1
	}
	x := &HashIndex{slots: make([]slot, size), shift: 64 - bits}
	for i := range x.slots {
		x.slots[i].val = -1
	}
	return x
}

// slot is where the probe for h starts: the top bits of h times a
// Fibonacci constant, which spreads FNV's weak low bits.
func (x *HashIndex) slot(h Hash) int { return int(uint64(h) * 0x9e3779b97f4a7c15 >> x.shift) }

// Lookup returns the index of the feature whose name hashes to h.
func (x *HashIndex) Lookup(h Hash) (int32, bool) {
	mask := len(x.slots) - 1
	for i := x.slot(h); ; i = (i + 1) & mask {
		switch s := x.slots[i]; {
		case s.val < 0:
			return 0, false
		case s.key == h:
			return s.val, true
		}
	}
}

func (x *HashIndex) add(h Hash, v int32) {
	mask := len(x.slots) - 1
	i := x.slot(h)
	for x.slots[i].val >= 0 {
		i = (i + 1) & mask
	}
	x.slots[i] = slot{h, v}
}
