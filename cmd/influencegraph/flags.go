package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// deprecatedFor annotates a hidden alias with the name of the flag it
// stands for.
const deprecatedFor = "influencegraph_deprecated_for"

// addDeprecatedAlias defines the hidden flag --alias setting what the
// already defined --name sets: every command writes to --out, and an older
// spelling keeps working for scripts that use it. warnDeprecatedAliases
// says so when it is used.
func addDeprecatedAlias(f *pflag.FlagSet, alias, name string) {
	target := f.Lookup(name)
	if target == nil {
		panic(fmt.Sprintf("alias --%s of an undefined flag --%s", alias, name))
	}
	f.Var(target.Value, alias, "deprecated: use --"+name)
	a := f.Lookup(alias)
	a.Hidden = true
	a.Annotations = map[string][]string{deprecatedFor: {name}}
}

// warnDeprecatedAliases writes a warning on w for each deprecated alias
// given on cmd's command line. (pflag's own MarkDeprecated would print it
// on standard output, where it would mix with the command's output.)
func warnDeprecatedAliases(cmd *cobra.Command, w io.Writer) {
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if to := f.Annotations[deprecatedFor]; len(to) > 0 {
			fmt.Fprintf(w, "influencegraph: warning: --%s is deprecated; use --%s\n", f.Name, to[0])
		}
	})
}
