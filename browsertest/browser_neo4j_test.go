// Package browsertest checks in a real browser what analysts see: headless
// Chromium drives the local Neo4j Browser, connects, applies the project's
// style sheet, runs a query from the library and looks for the drawn graph.
// It has tests only.
package browsertest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/influencegraph/influencegraph/browser"
	"github.com/influencegraph/influencegraph/config"
	"github.com/influencegraph/influencegraph/extract/extracttest"
	"github.com/influencegraph/influencegraph/graph/graphtest"
	"github.com/influencegraph/influencegraph/queries"
)

// BrowserURLEnv overrides where Neo4j Browser is served (see browserURL).
const BrowserURLEnv = config.BrowserURLEnv

// screenshot and guideShot are the pictures of Neo4j Browser in
// docs/analysts.md: a library query drawn, and the guide as Browser opens. The test rewrites
// it only when UpdateDocsEnv is set (make docs), so that running the tests
// leaves the working tree as it was; otherwise the picture goes to the
// test's temporary directory.
const (
	screenshot    = "../docs/browser.png"
	guideShot     = "../docs/browser-guide.png"
	UpdateDocsEnv = config.UpdateDocsEnv
)

// chromium finds Debian's Chromium; without it the test skips, except
// where Neo4j is required (CI=true, make test), where it fails.
func chromium(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "no chromium on PATH (apt-get install chromium; make test installs it)"
	if graphtest.Required() {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// password reads the test server's password from the configuration or its
// password file; it is only ever typed into the page.
func password(t testing.TB, cfg config.Neo4j) string {
	t.Helper()
	if cfg.Password != "" || cfg.PasswordFile == "" {
		return cfg.Password
	}
	f, err := os.Open(cfg.PasswordFile)
	if err != nil {
		t.Fatalf("read password: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan()
	return strings.TrimSpace(sc.Text())
}

// TestNeo4jBrowserDrawsLibraryQuery connects Neo4j Browser to the local
// server with the examples loaded, loads the style and the guide with the
// commands `influencegraph browser` prints (checking the guide shows a
// slide per query), runs the
// library's election-graph query and checks that the graph view draws its
// nodes, with the style's election caption; it saves docs/browser.png.
func TestNeo4jBrowserDrawsLibraryQuery(t *testing.T) {
	exe := chromium(t)
	cfg := graphtest.Config(t)
	c := graphtest.Ready(t)
	graphtest.Load(t, c, graphtest.Results(extracttest.Extract(t, "../examples")))

	bolt, err := url.Parse(cfg.URI)
	if err != nil || bolt.Host == "" {
		t.Fatalf("NEO4J_URI %q: %v", cfg.URI, err)
	}
	browserURL := browserURL(bolt.Hostname(), os.Getenv)
	q, err := queries.Get("election-graph")
	if err != nil {
		t.Fatal(err)
	}

	base, auto := guide(t, cfg.URI)

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true),
		chromedp.WindowSize(1400, 900))
	// The whole browser session is bounded, and each step gets its own
	// shorter deadline so that a stuck step still leaves the browser alive
	// to dump the page.
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Second)
	defer cancel()
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	ctx, cancelTab := chromedp.NewContext(ctx)
	defer cancelTab()

	step := func(what string, a chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, cancel := context.WithTimeout(ctx, 40*time.Second)
		defer cancel()
		if _, err := chromedp.Run(sctx, a); err != nil {
			dumpPage(t, ctx)
			t.Fatalf("%s: %v", what, err)
		}
	}
	// run types a command into the editor and runs it.
	run := func(what, command string) {
		t.Helper()
		step(what+": focus editor", chromedp.Click(chromedp.CSS(`[data-testid="activeEditor"] textarea`)))
		step(what+": type", func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
			_, err := cdp.Call(ctx, tg, input.InsertText, input.InsertTextParams{Text: command})
			return chromedp.Void{}, err
		})
		step(what+": run", chromedp.Click(chromedp.CSS(`[data-testid="editor-Run"]`)))
	}

	// waitText waits until the page shows text, polling its body.
	waitText := func(what, text string) {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for {
			ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf("document.body.innerText.includes(%q)", text)))
			if err == nil && ok {
				return
			}
			if time.Now().After(deadline) {
				dumpPage(t, ctx)
				t.Fatalf("%s: no %q on the page after 30s (%v)", what, text, err)
			}
			time.Sleep(250 * time.Millisecond)
		}
	}

	// The first action starts the browser, which lives as long as the
	// context of that call: so it runs on ctx itself.
	if _, err := chromedp.Run(ctx, chromedp.Navigate(browserURL)); err != nil {
		t.Fatalf("open Neo4j Browser at %s: %v", browserURL, err)
	}
	step("connect form", chromedp.WaitVisible(chromedp.CSS(`[data-testid="password"]`)))
	addr, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`[data-testid="boltaddress"]`)))
	if err != nil {
		t.Fatalf("read bolt address: %v", err)
	}
	if addr != bolt.Host {
		step("select bolt address", chromedp.Click(chromedp.CSS(`[data-testid="boltaddress"]`)))
		step("clear bolt address", chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
		step("type bolt address", chromedp.SendKeys(chromedp.CSS(`[data-testid="boltaddress"]`), bolt.Host))
	}
	step("type user", chromedp.SendKeys(chromedp.CSS(`[data-testid="username"]`), cfg.Username))
	step("type password", chromedp.SendKeys(chromedp.CSS(`[data-testid="password"]`), password(t, cfg)))
	step("connect", chromedp.Click(chromedp.CSS(`[data-testid="connect"]`)))
	step("connected", chromedp.WaitNotPresent(chromedp.CSS(`[data-testid="password"]`)))

	// The style and the guide as `influencegraph browser` serves them.
	// The local server's browser.post_connect_cmd loads them on
	// connecting; another server gets the two commands it prints, typed.
	qs, err := queries.List()
	if err != nil {
		t.Fatal(err)
	}
	if !auto {
		styleCmd, playCmd, _ := browser.Commands(base)
		dismissUsageBanner(t, ctx)
		run("style", styleCmd)
		run("guide", playCmd)
	}
	waitText("style applied", "node.Election")
	waitText("guide shown", "influencegraph query --list")
	waitText("guide shown: a slide per query", fmt.Sprintf("1 / %d", len(qs)+1))
	dismissUsageBanner(t, ctx)
	step("guide settles", chromedp.Sleep(time.Second))
	save(t, ctx, guideShot)

	run("param", ":param election => 'election:US-2020-presidential'")
	// :param evaluates its value with a query of its own: a query sent
	// before that answers would find the parameter missing.
	waitText("param set", "Successfully set your parameter")
	run("query", q.Cypher)
	step("graph drawn", chromedp.WaitVisible(chromedp.CSS(`svg g.node`)))
	dismissUsageBanner(t, ctx)
	step("layout settles", chromedp.Sleep(3*time.Second))

	nodes, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid="frame"] svg g.node').length`))
	if err != nil {
		t.Fatalf("count nodes: %v", err)
	}
	captions, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll('[data-testid="frame"] svg g.node text')).map(e => e.textContent)`))
	if err != nil {
		t.Fatalf("read captions: %v", err)
	}
	relCaptions, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll('[data-testid="frame"] svg g.relationship text')).map(e => e.textContent)`))
	if err != nil {
		t.Fatalf("read relationship captions: %v", err)
	}
	out := save(t, ctx, screenshot)
	t.Logf("%d nodes drawn, captions %q; screenshot %s", nodes, captions, out)
	if nodes == 0 {
		dumpPage(t, ctx)
		t.Fatalf("the graph view drew no nodes")
	}
	joined := strings.Join(strings.Fields(strings.Join(captions, " ")), " ")
	for _, want := range []string{"Iran", "US 2020 presidential", "Vladimir Putin"} {
		if !strings.Contains(joined, want) {
			t.Errorf("no node captioned %q among %q (is the style applied?)", want, captions)
		}
	}
	if strings.Contains(joined, "…") {
		t.Errorf("a caption is cut: %q", captions)
	}
	// the library's election graph states all four of its relationships
	if !slices.Contains(relCaptions, "TARGETED stated") || !slices.Contains(relCaptions, "AUTHORISED stated") {
		t.Errorf("relationship captions %q, want \"TARGETED stated\" and \"AUTHORISED stated\" among them", relCaptions)
	}
}

// save takes a screenshot of the page as docs/NAME when UpdateDocsEnv is
// set, else in the test's temporary directory, and returns where it went.
func save(t *testing.T, ctx context.Context, doc string) string {
	t.Helper()
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	out := filepath.Join(t.TempDir(), filepath.Base(doc))
	if os.Getenv(UpdateDocsEnv) != "" {
		out = doc
	}
	if err := os.WriteFile(out, shot, 0o644); err != nil {
		t.Errorf("save screenshot: %v", err)
	}
	return out
}

// guide returns where Browser gets the style and the guide, and whether the
// server loads them itself on connecting. For the local scripts/neo4j server
// (the one at `scripts/neo4j uri`) that is `scripts/neo4j guide-url`, named by
// its browser.post_connect_cmd: what start serves there must be this
// build's guide, and when nothing serves it (no bin/influencegraph yet) the
// test serves it there itself. Any other server gets a guide served on a
// free localhost port, to be loaded by hand.
func guide(t *testing.T, uri string) (base string, auto bool) {
	t.Helper()
	qs, err := queries.List()
	if err != nil {
		t.Fatal(err)
	}
	want := browser.Guide(qs)
	addr := "127.0.0.1:0"
	if local := scriptOutput(t, "uri"); local == uri {
		base, auto = scriptOutput(t, "guide-url"), true
		u, err := url.Parse(base)
		if err != nil {
			t.Fatalf("scripts/neo4j guide-url %q: %v", base, err)
		}
		if got, err := fetch(base + "/guide.html"); err == nil {
			style, err := fetch(base + "/style.grass")
			if got != want || err != nil || style != browser.Style {
				t.Fatalf("%s does not serve this build's guide and style: run make build, then scripts/neo4j start restarts it", base)
			}
			return base, auto
		}
		addr = net.JoinHostPort("127.0.0.1", u.Port())
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: browser.Handler(want), ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	if !auto {
		// Browser fetches guides only from allowed hosts; localhost is
		// one by default.
		base = fmt.Sprintf("http://localhost:%d", ln.Addr().(*net.TCPAddr).Port)
	}
	return base, auto
}

// scriptOutput runs scripts/neo4j with one argument and returns its output.
func scriptOutput(t *testing.T, arg string) string {
	t.Helper()
	out, err := exec.Command("bash", "../scripts/neo4j", arg).Output()
	if err != nil {
		t.Fatalf("scripts/neo4j %s: %v", arg, err)
	}
	return strings.TrimSpace(string(out))
}

// fetch GETs a URL and returns its body.
func fetch(u string) (string, error) {
	resp, err := http.Get(u)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	return string(b), nil
}

// dismissUsageBanner closes Neo4j Browser's notice about collecting usage
// data, when it shows, so the screenshot shows the graph alone.
func dismissUsageBanner(t testing.TB, ctx context.Context) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	// The notice is a text span followed by its close span (an "x"
	// drawn by CSS), in Neo4j Browser 5.
	_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
  const text = Array.from(document.querySelectorAll('span')).find(s =>
    s.textContent.startsWith('To help make Neo4j Browser better'));
  const close = text && text.nextElementSibling;
  if (!close) return false;
  close.click();
  return true;
})()`))
	if err != nil {
		t.Logf("dismiss the usage notice: %v", err)
	}
}

// dumpPage saves the page's HTML next to the test's temporary files, for
// finding out what changed in a new Neo4j Browser.
func dumpPage(t testing.TB, ctx context.Context) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	html, err := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("html")))
	if shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		p := filepath.Join(os.TempDir(), fmt.Sprintf("neo4j-browser-%d.png", time.Now().UnixNano()))
		if os.WriteFile(p, shot, 0o644) == nil {
			t.Logf("screenshot saved to %s", p)
		}
	}
	if err != nil && !errors.Is(err, context.DeadlineExceeded) {
		t.Logf("dump page: %v", err)
		return
	}
	p := filepath.Join(os.TempDir(), fmt.Sprintf("neo4j-browser-%d.html", time.Now().UnixNano()))
	if err := os.WriteFile(p, []byte(html), 0o644); err == nil {
		t.Logf("page saved to %s", p)
	}
}
