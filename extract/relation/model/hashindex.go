package model

// HashIndex maps the Hash of a feature name to the feature's index. It is
// an open-addressing table kept at most a quarter full: extraction looks
// up every feature of every candidate here, and a probe into one flat
// array is several times cheaper than a lookup in a general map.
type HashIndex struct {
	keys  []Hash
	vals  []int32 // -1: empty slot
	shift uint
}

func newHashIndex(n int) *HashIndex {
	size, bits := 8, uint(3)
	for size < 4*n {
		size, bits = size*2, bits+1
	}
	x := &HashIndex{keys: make([]Hash, size), vals: make([]int32, size), shift: 64 - bits}
	for i := range x.vals {
		x.vals[i] = -1
	}
	return x
}

// slot is where the probe for h starts: the top bits of h times a
// Fibonacci constant, which spreads FNV's weak low bits.
func (x *HashIndex) slot(h Hash) int { return int(uint64(h) * 0x9e3779b97f4a7c15 >> x.shift) }

// Lookup returns the index of the feature whose name hashes to h.
func (x *HashIndex) Lookup(h Hash) (int32, bool) {
	mask := len(x.keys) - 1
	for i := x.slot(h); ; i = (i + 1) & mask {
		switch v := x.vals[i]; {
		case v < 0:
			return 0, false
		case x.keys[i] == h:
			return v, true
		}
	}
}

func (x *HashIndex) add(h Hash, v int32) {
	mask := len(x.keys) - 1
	i := x.slot(h)
	for x.vals[i] >= 0 {
		i = (i + 1) & mask
	}
	x.keys[i], x.vals[i] = h, v
}
