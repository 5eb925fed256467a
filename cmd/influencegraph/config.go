package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/influencegraph/influencegraph/config"
)

// loadConfig reads the configuration for cmd: its flags bound to keys (see
// addConfigFlag), the environment, the file named by --config or found in
// the search directories, and the defaults. Every command that needs the
// configuration calls it first, in RunE.
func (g *globalOptions) loadConfig(cmd *cobra.Command) (config.Config, error) {
	l, err := g.readConfig(cmd)
	return l.Config, err
}

func (g *globalOptions) readConfig(cmd *cobra.Command) (config.Loaded, error) {
	return config.Read(config.Options{File: g.configFile, Flags: cmd.Flags()})
}

// addConfigFlag defines on cmd a flag named flagName that sets the
// configuration key (e.g. addConfigFlag(cmd, "load.batch_size",
// "batch-size")); its type, default and help come from the key. It panics on
// an unknown key: that is a programming error caught by any test that
// builds the command tree.
func addConfigFlag(cmd *cobra.Command, key, flagName string) {
	if err := config.AddFlag(cmd.Flags(), key, flagName); err != nil {
		panic(err)
	}
}

// bindFlag makes an already defined flag of cmd set the configuration key.
func bindFlag(cmd *cobra.Command, key, flagName string) {
	if err := config.BindFlag(cmd.Flags(), key, flagName); err != nil {
		panic(err)
	}
}

// addNeo4jFlags gives cmd the flags that say which Neo4j to use. There is
// no password flag: command lines are visible to every user in ps; use
// NEO4J_PASSWORD_FILE or neo4j.password_file.
func addNeo4jFlags(cmd *cobra.Command) {
	addConfigFlag(cmd, "neo4j.uri", "neo4j-uri")
	addConfigFlag(cmd, "neo4j.username", "neo4j-user")
	addConfigFlag(cmd, "neo4j.password_file", "neo4j-password-file")
	addConfigFlag(cmd, "neo4j.database", "database")
}

func newConfigCommand(g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Print the effective configuration and where each value comes from",
		Long: `Print the effective configuration: every key, its value and its origin
(default, file PATH, env VARIABLE or flag --NAME). The password and the
language model's API key are redacted.

Values are taken, strongest first, from flags, the environment
(INFLUENCEGRAPH_<SECTION>_<KEY>, then NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD,
NEO4J_PASSWORD_FILE, NEO4J_DATABASE and OPENAI_API_KEY), the file named by --config or
$INFLUENCEGRAPH_CONFIG or found as ./influencegraph.yaml or
$XDG_CONFIG_HOME/influencegraph/influencegraph.yaml, and the defaults.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			l, err := g.readConfig(cmd)
			problems, only := config.FieldErrors(err)
			if err != nil && !only {
				// The file could not be read: there is no table to show.
				return err
			}
			if perr := printConfig(g, l, problems); perr != nil {
				return perr
			}
			return err
		},
	}
	addNeo4jFlags(cmd)
	addConfigFlag(cmd, "extract.workers", "workers")
	addConfigFlag(cmd, "load.batch_size", "batch-size")
	return cmd
}

// printConfig prints the table of settings. Keys with a problem (a
// password file that cannot be read, a value that fails validation) get a
// PROBLEM column saying what is wrong; the caller still fails the command.
func printConfig(g *globalOptions, l config.Loaded, problems []*config.FieldError) error {
	if l.File != "" {
		fmt.Fprintf(g.stdout, "# configuration file: %s\n", l.File)
	} else if len(l.Searched) > 0 {
		fmt.Fprintf(g.stdout, "# no configuration file (looked for %s)\n", strings.Join(l.Searched, ", "))
	}
	for _, w := range l.Warnings {
		fmt.Fprintf(g.stderr, "influencegraph: warning: %s\n", w)
	}
	marks := map[string][]string{}
	for _, p := range problems {
		marks[p.Key] = append(marks[p.Key], p.Msg)
	}
	tw := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
	if len(problems) > 0 {
		fmt.Fprintln(tw, "KEY\tVALUE\tORIGIN\tPROBLEM")
	} else {
		fmt.Fprintln(tw, "KEY\tVALUE\tORIGIN")
	}
	for _, s := range l.Settings() {
		v := s.Value
		if v == "" {
			v = `""`
		}
		switch {
		case len(marks[s.Key]) > 0:
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", s.Key, v, s.Origin, strings.Join(marks[s.Key], "; "))
		case len(problems) > 0:
			// An empty cell keeps the column aligned across rows.
			fmt.Fprintf(tw, "%s\t%s\t%s\t\n", s.Key, v, s.Origin)
		default:
			fmt.Fprintf(tw, "%s\t%s\t%s\n", s.Key, v, s.Origin)
		}
	}
	return tw.Flush()
}
