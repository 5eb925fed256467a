package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/influencegraph/influencegraph/config"
	"github.com/influencegraph/influencegraph/graph"
)

// doctorTimeout bounds the whole check, so doctor never hangs on a server
// that accepts connections and then says nothing.
const doctorTimeout = time.Minute

func newDoctorCommand(g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "Check the configuration and the connection to Neo4j",
		Long: `Check the configuration, connect to Neo4j, and print the server's version
and edition and whether APOC is installed. When something is wrong, say what
and what to do about it, and exit with status 1.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			l, err := g.readConfig(cmd)
			return runDoctor(cmd.Context(), g.stdout, l, err)
		},
	}
	addNeo4jFlags(cmd)
	return cmd
}

// runDoctor reports each check on out as a line "name  ok|FAIL  detail"
// and, on the first failure, the problem and the fix.
func runDoctor(ctx context.Context, out io.Writer, l config.Loaded, loadErr error) error {
	ctx, cancel := context.WithTimeout(ctx, doctorTimeout)
	defer cancel()
	check := func(name, status, detail string) {
		fmt.Fprintf(out, "%-14s %-5s %s\n", name, status, detail)
	}
	failed := func(what string, err error, problem, fix string) error {
		fmt.Fprintf(out, "  problem: %s\n", problem)
		if fix != "" {
			fmt.Fprintf(out, "  fix:     %s\n", fix)
		}
		return &exitError{code: 1, msg: fmt.Sprintf("doctor: %s: %v", what, err)}
	}

	if loadErr != nil {
		check("configuration", "FAIL", configSource(l))
		return failed("configuration", loadErr, loadErr.Error(),
			"Correct the value named above; `influencegraph config` shows every value and where it comes from")
	}
	n := l.Config.Neo4j
	check("configuration", "ok", configSource(l)+"; password "+passwordSource(l))
	for _, w := range l.Warnings {
		fmt.Fprintf(out, "  warning: %s\n", w)
	}

	target := fmt.Sprintf("%s, user %s, database %s", n.URI, n.Username, n.Database)
	client, err := graph.Open(ctx, n)
	if err != nil {
		check("connection", "FAIL", target)
		var ce *graph.ConnectError
		if errors.As(err, &ce) {
			return failed("connection", err, ce.Problem, ce.Fix)
		}
		return failed("connection", err, err.Error(), "")
	}
	defer client.Close(context.WithoutCancel(ctx))
	check("connection", "ok", target)

	info, err := client.ServerInfo(ctx)
	if err != nil {
		check("server", "FAIL", info.Agent)
		return failed("server", err, err.Error(), "Check that the user may run CALL dbms.components() and SHOW PROCEDURES")
	}
	server := fmt.Sprintf("Neo4j %s %s (Bolt %s at %s)", info.Version, info.Edition, info.Protocol, info.Address)
	if !supportedVersion(info.Version) {
		check("server", "FAIL", server)
		return failed("server", fmt.Errorf("unsupported Neo4j version %s", info.Version),
			fmt.Sprintf("Neo4j %s is too old: influencegraph needs Neo4j 5.26 LTS or 2025.x and later", info.Version),
			"Upgrade the server, or use the local one (scripts/neo4j start)")
	}
	check("server", "ok", server)
	if info.APOC {
		check("apoc", "ok", "APOC "+info.APOCVersion)
	} else {
		check("apoc", "-", "not installed (influencegraph does not need it)")
	}
	fmt.Fprintln(out, "influencegraph can use this Neo4j.")
	return nil
}

// configSource says which configuration file was read.
func configSource(l config.Loaded) string {
	if l.File != "" {
		return "file " + l.File
	}
	return "no configuration file"
}

// passwordSource says where the password came from, never what it is.
func passwordSource(l config.Loaded) string {
	if l.Config.Neo4j.Password == "" {
		return "not set"
	}
	if l.Config.Neo4j.PasswordFile != "" && l.Origins["neo4j.password"] == l.Origins["neo4j.password_file"] {
		return "from file " + l.Config.Neo4j.PasswordFile + " (" + l.Origins["neo4j.password_file"].String() + ")"
	}
	return "from " + l.Origins["neo4j.password"].String()
}

// supportedVersion reports whether a Neo4j version is 5.26 or later (the
// calendar versions 2025.x and on included). An unparsable version passes:
// doctor should not block on a format it does not know.
func supportedVersion(v string) bool {
	parts := strings.SplitN(v, ".", 3)
	if len(parts) < 2 {
		return true
	}
	major, err1 := strconv.Atoi(parts[0])
	minor, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil {
		return true
	}
	return major > 5 || (major == 5 && minor >= 26)
}
