package rulebased

import (
	"context"
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/influencegraph/influencegraph/extract/article"
)

// corpus generates n articles in the style of election-interference
// reporting, in our own words, varied by their names, dates and
// boilerplate so that no two are identical.
func corpus(n int) []article.Article {
	states := []string{"Russia", "Iran", "China", "North Korea", "Belarus", "Turkey"}
	targets := []string{"Moldova", "Germany", "France", "Taiwan", "Romania", "Georgia", "Poland", "Ukraine"}
	people := []string{"Vladimir Putin", "Joe Biden", "Donald Trump", "Maia Sandu", "Emmanuel Macron", "Kamala Harris"}
	orgs := []string{"Internet Research Agency", "Social Design Agency", "APT28", "Storm-1516", "Harbor Light Media Group"}
	out := make([]article.Article, n)
	for i := range out {
		s, t, p, o := states[i%len(states)], targets[i%len(targets)], people[i%len(people)], orgs[i%len(orgs)]
		year := 2016 + i%9
		var b strings.Builder
		fmt.Fprintf(&b, "%s accused of meddling in %s vote\n\n", s, t)
		fmt.Fprintf(&b, "Skip to content\n  • Home\n  • World News\n\n")
		fmt.Fprintf(&b, "According to a report released on Tuesday by %s's electoral authorities, %s authorised influence operations intended to help allies win the %d %s parliamentary election.\n\n", t, p, year, t)
		fmt.Fprintf(&b, "The %s, a group tied to %s's intelligence services, reportedly spread false claims about %s and targeted opposition lawmakers with fake videos, officials said.\n\n", o, s, p)
		fmt.Fprintf(&b, "While %s considered running a second campaign, it opted not to deploy it, the assessment found. Analysts at the Atlantic Observatory Institute said the network did not reach large audiences.\n\n", s)
		fmt.Fprintf(&b, "Investigators named Dmitri Olenko%d, a former lawmaker, as the operation's coordinator. Olenko%d denied the charges in a statement to Reuters.\n\n", i, i)
		fmt.Fprintf(&b, "Related News:\n  • Markets rally on rate hopes\n  • Storm hits coastal towns\n\nWe use cookies on our website to give you the best experience.\n")
		txt := b.String()
		out[i] = article.Article{ID: fmt.Sprintf("bench%05d", i), Sources: []string{fmt.Sprintf("bench/%05d.txt", i)},
			Title: fmt.Sprintf("%s accused of meddling in %s vote", s, t), Published: fmt.Sprintf("%d-06-01", year), Text: txt}
	}
	return out
}

// BenchmarkExtract measures extraction throughput (MB/s of article text,
// one goroutine) on generated corpora of two sizes: the bytes allocated
// per article stay the same, memory does not grow with the corpus.
func BenchmarkExtract(b *testing.B) {
	x := testExtractor(b)
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
			iters := 0
			for b.Loop() {
				iters++
				for _, a := range arts {
					if _, err := x.Extract(ctx, a); err != nil {
						b.Fatal(err)
					}
				}
			}
			// MB per CPU-second: throughput per core, independent of how
			// busy the machine is (wall-clock MB/s is reported as usual).
			if cpu := (cpuTime() - cpu0).Seconds(); cpu > 0 {
				b.ReportMetric(float64(size)*float64(iters)/1e6/cpu, "MB/cpu-s")
			}
			b.ReportMetric(float64(size)/float64(n), "bytes/article")
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
