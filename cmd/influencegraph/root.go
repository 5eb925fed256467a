package main

import (
	"io"

	"github.com/spf13/cobra"
)

// globalOptions holds what every command shares: the config file named on
// the command line and the output streams (tests swap them).
type globalOptions struct {
	configFile string
	stdout     io.Writer
	stderr     io.Writer

	// debug adds the stack of an internal extractor error to its skip.
	debug bool
}

func newRootCommand(g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "influencegraph",
		Short: "Extract who did what to whom in election-interference reporting, and load it into Neo4j",
		Long: `influencegraph reads news articles and reports about foreign interference in
elections, extracts states, agencies, organisations, people and elections and
the AUTHORISED, TARGETED and AMPLIFIED relations between them, each with its
evidence, and loads them idempotently into Neo4j.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		// --version prints what the version command prints.
		Version: versionString(),
	}
	cmd.SetVersionTemplate("influencegraph {{.Version}}\n")
	cmd.InitDefaultVersionFlag()
	cmd.Flags().Lookup("version").Usage = "print the version, as the version command does"
	cmd.SetOut(g.stdout)
	cmd.SetErr(g.stderr)
	cmd.PersistentFlags().StringVar(&g.configFile, "config", "", "configuration file (default: ./influencegraph.yaml or $XDG_CONFIG_HOME/influencegraph/influencegraph.yaml)")
	cmd.PersistentFlags().BoolVar(&g.debug, "debug", false, "print the stack of an internal extractor error with the skip that names the article, for a bug report")

	cmd.AddCommand(
		newVersionCommand(g),
		newConfigCommand(g),
		newDoctorCommand(g),
		newArticlesCommand(g),
		newExtractCommand(g),
		newPictureCommand(g),
		newQueryCommand(g),
		newReviewCommand(g),
		newBrowserCommand(g),
		newExportCommand(g),
		newLoadCommand(g),
		newTrainCommand(g),
		newSchemaCommand(g),
		newLabelCommand(g),
	)
	return cmd
}
