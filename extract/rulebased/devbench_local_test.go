package rulebased

import (
	"context"
	"testing"

	"github.com/influencegraph/influencegraph/extract/article"
)

func BenchmarkDevLocal(b *testing.B) {
	x := testExtractor(b)
	var arts []article.Article
	article.NewReader(article.Options{}).Read(context.Background(), []string{"/work/shared/eval/dev"}, func(a article.Article) error { arts = append(arts, a); return nil })
	var size int64
	for _, a := range arts {
		size += int64(len(a.Text))
	}
	b.SetBytes(size)
	cpu0 := cpuTime()
	n := 0
	for b.Loop() {
		n++
		for _, a := range arts {
			x.Extract(context.Background(), a)
		}
	}
	b.ReportMetric(float64(size)*float64(n)/1e6/(cpuTime()-cpu0).Seconds(), "MB/cpu-s")
}
