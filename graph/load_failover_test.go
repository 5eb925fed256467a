package graph_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	neo4jconfig "github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/influencegraph/influencegraph/config"
	"github.com/influencegraph/influencegraph/graph"
	"github.com/influencegraph/influencegraph/graph/graphtest"
)

// flakyProxy forwards TCP connections to Neo4j and can cut them all and
// refuse new ones, which is what a loader sees when Neo4j restarts.
type flakyProxy struct {
	target string
	ln     net.Listener
	mu     sync.Mutex
	down   bool
	conns  []net.Conn
}

func startProxy(t *testing.T, target string) *flakyProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &flakyProxy{target: target, ln: ln}
	t.Cleanup(func() { ln.Close(); p.setDown(true) })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			p.mu.Lock()
			down := p.down
			if !down {
				p.conns = append(p.conns, c)
			}
			p.mu.Unlock()
			if down {
				c.Close()
				continue
			}
			go p.pipe(c)
		}
	}()
	return p
}

func (p *flakyProxy) pipe(c net.Conn) {
	s, err := net.Dial("tcp", p.target)
	if err != nil {
		c.Close()
		return
	}
	p.mu.Lock()
	p.conns = append(p.conns, s)
	p.mu.Unlock()
	go func() { io.Copy(s, c); s.Close() }()
	io.Copy(c, s)
	c.Close()
}

// setDown cuts every connection and refuses new ones (true), or accepts
// them again (false).
func (p *flakyProxy) setDown(down bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = down
	if down {
		for _, c := range p.conns {
			c.Close()
		}
		p.conns = nil
	}
}

// proxiedDriver connects to the test Neo4j through p with a short retry
// budget, so that giving up is quick.
func proxiedDriver(t *testing.T, cfg config.Neo4j, p *flakyProxy) neo4j.DriverWithContext {
	t.Helper()
	pw := cfg.Password
	if pw == "" && cfg.PasswordFile != "" {
		var err error
		if pw, err = config.ReadPasswordFile(cfg.PasswordFile); err != nil {
			t.Fatal(err)
		}
	}
	d, err := neo4j.NewDriverWithContext("bolt://"+p.ln.Addr().String(), neo4j.BasicAuth(cfg.Username, pw, ""),
		func(c *neo4jconfig.Config) {
			c.MaxTransactionRetryTime = 2 * time.Second
			c.SocketConnectTimeout = time.Second
			c.ConnectionAcquisitionTimeout = 2 * time.Second
		})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close(context.Background()) })
	return d
}

// TestNeo4jLoadSurvivesNeo4jGoingAway cuts the connection to Neo4j in the
// middle of a load: a short outage is retried and the load completes; a
// lasting one makes the load fail saying what it committed, and running
// it again finishes the job. Either way the database ends as after an
// undisturbed load.
func TestNeo4jLoadSurvivesNeo4jGoingAway(t *testing.T) {
	cfg := graphtest.Config(t)
	driver, db := testDB(t)
	u, err := url.Parse(cfg.URI)
	if err != nil {
		t.Fatal(err)
	}
	input := synthResults(40, 6, 5)
	load(t, graph.NewLoader(driver, db, graph.LoadOptions{BatchSize: 40}), input...)
	want := dump(t, driver, db, false)

	t.Run("short outage is retried", func(t *testing.T) {
		cleanDB(t, driver, db)
		p := startProxy(t, u.Host)
		batches := 0
		l := graph.NewLoader(proxiedDriver(t, cfg, p), db, graph.LoadOptions{BatchSize: 40, RetryWaits: []time.Duration{time.Second, 2 * time.Second},
			Progress: func(graph.Summary) {
				if batches++; batches == 2 {
					p.setDown(true)
					time.AfterFunc(1500*time.Millisecond, func() { p.setDown(false) })
				}
			}})
		if _, err := l.Load(context.Background(), seq(input...)); err != nil {
			t.Fatalf("load through a short outage: %v", err)
		}
		diffDumps(t, dump(t, driver, db, false), want)
	})

	t.Run("lasting outage fails, re-run completes", func(t *testing.T) {
		cleanDB(t, driver, db)
		p := startProxy(t, u.Host)
		batches := 0
		l := graph.NewLoader(proxiedDriver(t, cfg, p), db, graph.LoadOptions{BatchSize: 40, RetryWaits: []time.Duration{100 * time.Millisecond},
			Progress: func(graph.Summary) {
				if batches++; batches == 2 {
					p.setDown(true)
				}
			}})
		_, err := l.Load(context.Background(), seq(input...))
		var le *graph.LoadError
		if !errors.As(err, &le) || le.Summary.Batches != 2 {
			t.Fatalf("load through a lasting outage returned %v, want a LoadError after 2 batches", err)
		}
		p.setDown(false)
		s, err := l.Load(context.Background(), seq(input...))
		if err != nil {
			t.Fatalf("re-run: %v", err)
		}
		if s.Articles.Unchanged == 0 || s.Articles.New == 0 {
			t.Errorf("re-run = %+v, want the committed articles unchanged and the rest new", s.Articles)
		}
		diffDumps(t, dump(t, driver, db, false), want)
	})
}
