package rulebased

import (
	"context"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/influencegraph/influencegraph/extract/article"
	"github.com/influencegraph/influencegraph/extract/relation/model"
	"github.com/influencegraph/influencegraph/extract/synth"
)

// corpus is synth.Interference: n generated articles in the style of
// election-interference reporting, the same on every run.
func corpus(n int) []article.Article { return synth.Interference(n) }

// BenchmarkExtract measures extraction throughput (MB/s of article text,
// one goroutine) on generated corpora of two sizes: the bytes allocated
// per article stay the same, memory does not grow with the corpus.
func BenchmarkExtract(b *testing.B) {
	rules := testExtractor(b)
	m, err := model.Default()
	if err != nil {
		b.Fatal(err)
	}
	for _, v := range []struct {
		name string
		x    *Extractor
	}{{"model", rules.WithModel(m)}, {"rules", rules}} {
		b.Run("extractor="+v.name, func(b *testing.B) { benchmarkExtract(b, v.x) })
	}
}

func benchmarkExtract(b *testing.B, x *Extractor) {
	for _, n := range []int{100, 1000} {
		arts := corpus(n)
		var size int64
		for _, a := range arts {
			size += int64(len(a.Text))
		}
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			ctx := context.Background()
			cpu0 := cpuTime()
			iters, mentions, relations := 0, 0, 0
			for b.Loop() {
				iters++
				for _, a := range arts {
					res, err := x.Extract(ctx, a)
					if err != nil {
						b.Fatal(err)
					}
					if iters == 1 {
						for _, e := range res.Entities {
							mentions += len(e.Mentions)
						}
						relations += len(res.Relations)
					}
				}
			}
			// MB per CPU-second: throughput per core, independent of how
			// busy the machine is (wall-clock MB/s is reported as usual).
			if cpu := (cpuTime() - cpu0).Seconds(); cpu > 0 {
				b.ReportMetric(float64(size)*float64(iters)/1e6/cpu, "MB/cpu-s")
			}
			// The corpus's density, to compare with real articles (about a
			// dozen entity mentions and two or three relations per KB).
			b.ReportMetric(float64(size)/float64(n), "bytes/article")
			b.ReportMetric(float64(mentions)*1e3/float64(size), "mentions/KB")
			b.ReportMetric(float64(relations)*1e3/float64(size), "relations/KB")
		})
	}
}

// cpuTime is the user and system CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
