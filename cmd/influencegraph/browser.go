package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/influencegraph/influencegraph/browser"
	"github.com/influencegraph/influencegraph/queries"
)

// browserOptions are the flags of the browser command.
type browserOptions struct {
	addr      string
	printOnly bool
	out       string
}

func (o *browserOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVar(&o.addr, "addr", "localhost:7480", "address to serve the style and the guide on (host:port; Browser allows guides from localhost)")
	f.BoolVar(&o.printOnly, "print", false, "only print the commands for --addr, serve nothing")
	f.StringVar(&o.out, "out", "", "write style.grass and guide.html to this directory instead of serving them")
}

func newBrowserCommand(g *globalOptions) *cobra.Command {
	var opts browserOptions
	cmd := &cobra.Command{
		Use:   "browser",
		Short: "Serve the Neo4j Browser style and query-library guide, and print the commands that load them",
		Long: `Neo4j Browser applies a style sheet with ":style URL" and shows a guide with
":play URL". This command serves both (browser/style.grass, and a guide with
a slide per query of the library) on --addr, prints the two commands to
paste into Browser, and the neo4j.conf setting (browser.post_connect_cmd)
that runs them on every connection. It works for any server, local, remote
or Aura: the files are fetched by the web browser on your machine, and
Browser allows guides from localhost by default (scripts/neo4j start runs
it for the local server, whose post_connect_cmd names it). --out writes the files
for hosting elsewhere (add that host to the server's
browser.remote_content_hostname_whitelist).`,
		Example: `  influencegraph browser
  influencegraph browser --print
  influencegraph browser --out /srv/www/influencegraph`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runBrowser(cmd.Context(), g, opts)
		},
	}
	opts.AddFlags(cmd.Flags())
	return cmd
}

func runBrowser(ctx context.Context, g *globalOptions, opts browserOptions) error {
	qs, err := queries.List()
	if err != nil {
		return err
	}
	guide := browser.Guide(qs)
	if opts.out != "" {
		if err := os.MkdirAll(opts.out, 0o755); err != nil {
			return fmt.Errorf("browser: %w", err)
		}
		for name, body := range map[string]string{"style.grass": browser.Style, "guide.html": guide} {
			if err := os.WriteFile(filepath.Join(opts.out, name), []byte(body), 0o644); err != nil {
				return fmt.Errorf("browser: %w", err)
			}
		}
		fmt.Fprintf(g.stderr, "wrote style.grass and guide.html to %s; serve them over http(s) and use :style URL/style.grass and :play URL/guide.html\n", opts.out)
		return nil
	}
	if _, _, err := net.SplitHostPort(opts.addr); err != nil {
		return fmt.Errorf("--addr %q: want host:port, e.g. localhost:7480", opts.addr)
	}
	style, play, post := browser.Commands("http://" + opts.addr)
	fmt.Fprintf(g.stdout, "Paste into Neo4j Browser, one after the other:\n  %s\n  %s\nOr have the server run them on every connection (neo4j.conf):\n  %s\n", style, play, post)
	if opts.printOnly {
		return nil
	}
	ln, err := net.Listen("tcp", opts.addr)
	if err != nil {
		return fmt.Errorf("browser: %w", err)
	}
	srv := &http.Server{Handler: browser.Handler(guide), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	fmt.Fprintf(g.stderr, "serving the style and the guide on http://%s (Ctrl-C stops)\n", ln.Addr())
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("browser: %w", err)
	}
	return nil
}
