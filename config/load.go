package config

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// FileName is the configuration file looked for in the search directories.
const FileName = "influencegraph.yaml"

// FlagAnnotation marks a flag as setting a configuration key; its value is
// the key's dotted name. See BindFlag.
const FlagAnnotation = "influencegraph_config_key"

// OriginKind says which layer a value came from.
type OriginKind string

// The layers, from the weakest to the strongest.
const (
	FromDefault OriginKind = "default"
	FromFile    OriginKind = "file"
	FromEnv     OriginKind = "env"
	FromFlag    OriginKind = "flag"
)

// rank orders origins by strength; among variables, INFLUENCEGRAPH_* is
// stronger than the NEO4J_* names, as it is for a single key.
func (o Origin) rank() int {
	switch o.Kind {
	case FromFile:
		return 10
	case FromEnv:
		if strings.HasPrefix(o.Name, EnvPrefix) {
			return 25
		}
		return 20
	case FromFlag:
		return 30
	}
	return 0
}

// Origin says where a value came from: the file path, the variable or the
// flag name.
type Origin struct {
	Kind OriginKind
	Name string
}

func (o Origin) String() string {
	switch o.Kind {
	case FromFlag:
		return "flag --" + o.Name
	case FromFile, FromEnv:
		return string(o.Kind) + " " + o.Name
	}
	return string(o.Kind)
}

// Options says where Read looks.
type Options struct {
	// File is the configuration file named with --config. When empty, the
	// file named by INFLUENCEGRAPH_CONFIG is used, else the first
	// influencegraph.yaml found in SearchDirs. A named file must exist.
	File string
	// SearchDirs are searched in order; nil means DefaultSearchDirs().
	SearchDirs []string
	// Flags holds the command's flags; those annotated with BindFlag
	// override the other layers when set on the command line.
	Flags *pflag.FlagSet
}

// DefaultSearchDirs returns the working directory, then
// $XDG_CONFIG_HOME/influencegraph (or ~/.config/influencegraph).
func DefaultSearchDirs() []string {
	dirs := []string{"."}
	if x := os.Getenv("XDG_CONFIG_HOME"); x != "" {
		dirs = append(dirs, filepath.Join(x, "influencegraph"))
	} else if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, ".config", "influencegraph"))
	}
	return dirs
}

// Loaded is the effective configuration and where each value came from.
type Loaded struct {
	Config Config
	// File is the configuration file read, or "" when none was found.
	File string
	// Searched lists the paths looked at when no file was named.
	Searched []string
	// Origins maps each key to the layer its value came from.
	Origins map[string]Origin
	// Warnings lists INFLUENCEGRAPH_* variables that set nothing, most
	// likely misspelt names; `config` and `doctor` print them.
	Warnings []string
}

// Read builds the configuration from, in order of precedence, the flags in
// opts, the environment (INFLUENCEGRAPH_* before NEO4J_*), the
// configuration file and Default(). Unknown keys in the file, values of the
// wrong type and values that fail Validate are errors naming the key and
// where the value came from. When the password comes from a password file,
// the file is read and Config.Neo4j.Password holds its first line.
func Read(opts Options) (Loaded, error) {
	out := Loaded{Origins: map[string]Origin{}}
	path, searched, err := findFile(opts)
	if err != nil {
		return out, err
	}
	out.File, out.Searched = path, searched

	v := viper.New()
	keys := Keys()
	def := Default()
	for _, k := range keys {
		v.SetDefault(k.Name, k.field(&def).Interface())
		if err := v.BindEnv(append([]string{k.Name}, k.Env...)...); err != nil {
			return out, fmt.Errorf("bind environment for %s: %w", k.Name, err)
		}
	}
	flags := map[string]*pflag.Flag{}
	if opts.Flags != nil {
		var bindErr error
		opts.Flags.VisitAll(func(f *pflag.Flag) {
			ann := f.Annotations[FlagAnnotation]
			if len(ann) == 0 {
				return
			}
			flags[ann[0]] = f
			if err := v.BindPFlag(ann[0], f); err != nil && bindErr == nil {
				bindErr = fmt.Errorf("bind flag --%s to %s: %w", f.Name, ann[0], err)
			}
		})
		if bindErr != nil {
			return out, bindErr
		}
	}
	var inFile map[string]bool
	if path != "" {
		settings, err := readFile(path)
		if err != nil {
			return out, err
		}
		inFile = map[string]bool{}
		for sect, m := range settings {
			for k := range m.(map[string]any) {
				inFile[sect+"."+k] = true
			}
		}
		if err := v.MergeConfigMap(settings); err != nil {
			return out, fmt.Errorf("config file %s: %w", path, err)
		}
	}

	var errs []error
	for _, k := range keys {
		origin := Origin{Kind: FromDefault}
		if f, ok := flags[k.Name]; ok && f.Changed {
			origin = Origin{Kind: FromFlag, Name: f.Name}
		} else if env, ok := setEnv(k.Env); ok {
			origin = Origin{Kind: FromEnv, Name: env}
		} else if inFile[k.Name] {
			origin = Origin{Kind: FromFile, Name: path}
		}
		out.Origins[k.Name] = origin
		if err := assign(k.field(&out.Config), v.Get(k.Name)); err != nil {
			errs = append(errs, &FieldError{Key: k.Name, Origin: origin, Msg: err.Error()})
		}
	}
	if len(errs) > 0 {
		return out, errors.Join(errs...)
	}
	if origin := out.Origins["neo4j.password_file"]; origin.Kind == FromFile {
		out.Config.Neo4j.PasswordFile = resolvePath(path, out.Config.Neo4j.PasswordFile)
	}
	if origin := out.Origins["extract.knowledge_base"]; origin.Kind == FromFile {
		for i, f := range out.Config.Extract.KnowledgeBase {
			out.Config.Extract.KnowledgeBase[i] = resolvePath(path, f)
		}
	}
	if origin := out.Origins["extract.model"]; origin.Kind == FromFile {
		if m := out.Config.Extract.Model; m != ModelBuiltin && m != ModelNone {
			out.Config.Extract.Model = resolvePath(path, m)
		}
	}
	if origin := out.Origins["llm.api_key_file"]; origin.Kind == FromFile {
		out.Config.LLM.APIKeyFile = resolvePath(path, out.Config.LLM.APIKeyFile)
	}
	for key, f := range map[string]*string{"analyst.review_file": &out.Config.Analyst.ReviewFile, "analyst.identity_file": &out.Config.Analyst.IdentityFile} {
		if out.Origins[key].Kind == FromFile && *f != "" {
			*f = resolvePath(path, *f)
		}
	}
	if c := out.Config.LLM.CacheDir; out.Origins["llm.cache_dir"].Kind == FromFile && c != CacheOff {
		out.Config.LLM.CacheDir = resolvePath(path, c)
	}
	// From here on every value is in place: the problems left are each
	// about one key, and all of them are reported at once, with the
	// Loaded, so that `config` can show the table with them marked.
	out.Warnings = unknownEnv(os.Environ(), keys)
	if o := out.Origins["llm.api_key"]; o.Kind == FromFile {
		errs = append(errs, &FieldError{Key: "llm.api_key", Origin: o,
			Msg: "an API key is never read from the configuration file; put it in a file of its own named by llm.api_key_file, or in INFLUENCEGRAPH_LLM_API_KEY"})
	}
	if err := out.resolvePassword(); err != nil {
		errs = append(errs, err)
	}
	if err := out.resolveSecret("llm.api_key", "llm.api_key_file", &out.Config.LLM.APIKey, out.Config.LLM.APIKeyFile); err != nil {
		errs = append(errs, err)
	}
	if err := out.Config.Validate(); err != nil {
		errs = append(errs, out.withOrigins(err))
	}
	return out, errors.Join(errs...)
}

// FieldErrors returns the *FieldError values err holds (joined errors
// unwrapped), and whether err is made of nothing else: then the Loaded that
// Read returned with it holds every value, and only the keys named are
// wrong.
func FieldErrors(err error) ([]*FieldError, bool) {
	var out []*FieldError
	only := true
	var walk func(error)
	walk = func(e error) {
		switch x := e.(type) {
		case *FieldError:
			out = append(out, x)
		case interface{ Unwrap() []error }:
			for _, inner := range x.Unwrap() {
				walk(inner)
			}
		default:
			only = false
		}
	}
	if err != nil {
		walk(err)
	}
	return out, only && len(out) > 0
}

// unknownEnv returns a warning for each INFLUENCEGRAPH_* variable in environ
// that Read does not know (neither a key's nor one of OtherEnv). An empty
// variable counts as unset, here as for the keys.
func unknownEnv(environ []string, keys []Key) []string {
	known := OtherEnv()
	for _, k := range keys {
		known = append(known, k.Env[0])
	}
	var warnings []string
	for _, kv := range environ {
		name, value, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(name, EnvPrefix) || value == "" || contains(known, name) {
			continue
		}
		w := name + " is not a configuration variable; it is ignored"
		if s := suggest(name, known); s != "" {
			w += fmt.Sprintf(" (did you mean %s?)", s)
		}
		warnings = append(warnings, w)
	}
	sort.Strings(warnings)
	return warnings
}

// resolvePassword decides between neo4j.password and neo4j.password_file:
// the one set in the stronger layer wins (INFLUENCEGRAPH_* variables being
// stronger than NEO4J_* ones); both in the same layer is an error, since
// one of them is surely stale.
func (l *Loaded) resolvePassword() error {
	return l.resolveSecret("neo4j.password", "neo4j.password_file", &l.Config.Neo4j.Password, l.Config.Neo4j.PasswordFile)
}

// resolveSecret decides between a secret key and the key of the file
// holding it, as resolvePassword says; when the file wins, *secret holds
// its first line.
func (l *Loaded) resolveSecret(key, fileKey string, secret *string, file string) error {
	if file == "" {
		return nil
	}
	po, fo := l.Origins[key], l.Origins[fileKey]
	if *secret != "" {
		switch {
		case po.rank() == fo.rank():
			return &FieldError{Key: key, Origin: po,
				Msg: fmt.Sprintf("is set together with %s (from %s); set only one", fileKey, fo)}
		case po.rank() > fo.rank():
			return nil
		}
	}
	pw, err := ReadPasswordFile(file)
	if err != nil {
		return &FieldError{Key: fileKey, Origin: fo, Msg: err.Error()}
	}
	*secret = pw
	l.Origins[key] = Origin{Kind: fo.Kind, Name: fo.Name}
	return nil
}

// ReadPasswordFile returns the first line of the file, without surrounding
// white space. An empty password is an error: it is never what was meant.
func ReadPasswordFile(path string) (string, error) {
	b, err := os.ReadFile(expandHome(path))
	if err != nil {
		return "", fmt.Errorf("read password file: %w", err)
	}
	line, _, _ := strings.Cut(string(b), "\n")
	line = strings.TrimSpace(line)
	if line == "" {
		return "", fmt.Errorf("password file %s is empty", path)
	}
	return line, nil
}

// withOrigins adds the origin to each FieldError of a Validate error.
func (l *Loaded) withOrigins(err error) error {
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	for _, e := range errs {
		var fe *FieldError
		if errors.As(e, &fe) && fe.Origin.Kind == "" {
			fe.Origin = l.Origins[fe.Key]
		}
	}
	return errors.Join(errs...)
}

// findFile returns the configuration file to read, or "" and the paths
// searched when there is none.
func findFile(opts Options) (string, []string, error) {
	named, how := opts.File, "--config"
	if named == "" {
		named, how = os.Getenv(ConfigFileEnv), ConfigFileEnv
	}
	if named != "" {
		named = expandHome(named)
		st, err := os.Stat(named)
		if err != nil {
			return "", nil, fmt.Errorf("config file %s (named by %s): %w", named, how, err)
		}
		if st.IsDir() {
			return "", nil, fmt.Errorf("config file %s (named by %s) is a directory", named, how)
		}
		return named, nil, nil
	}
	dirs := opts.SearchDirs
	if dirs == nil {
		dirs = DefaultSearchDirs()
	}
	var searched []string
	for _, d := range dirs {
		p := filepath.Join(d, FileName)
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		searched = append(searched, p)
		st, err := os.Stat(p)
		switch {
		case err == nil && !st.IsDir():
			return p, searched, nil
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return "", searched, fmt.Errorf("config file %s: %w", p, err)
		}
	}
	return "", searched, nil
}

// readFile reads the YAML file strictly: every top-level key must be a
// section and every key in a section a known key.
func readFile(path string) (map[string]any, error) {
	fv := viper.New()
	fv.SetConfigFile(path)
	fv.SetConfigType("yaml")
	if err := fv.ReadInConfig(); err != nil {
		return nil, fmt.Errorf("config file %s: %w", path, err)
	}
	known := map[string]bool{}
	var names []string
	for _, k := range Keys() {
		known[k.Name] = true
		names = append(names, k.Name)
	}
	sects := sections()
	out := map[string]any{}
	var errs []error
	raw := fv.AllSettings()
	top := make([]string, 0, len(raw))
	for k := range raw {
		top = append(top, k)
	}
	sort.Strings(top)
	for _, sect := range top {
		val := raw[sect]
		if !contains(sects, sect) {
			errs = append(errs, unknownKey(path, sect, append(sects, names...)))
			continue
		}
		if val == nil {
			continue
		}
		m, ok := val.(map[string]any)
		if !ok {
			errs = append(errs, fmt.Errorf("config file %s: %s must be a mapping of keys (e.g. %s.%s), not %s",
				path, sect, sect, firstKey(names, sect), describe(val)))
			continue
		}
		kept := map[string]any{}
		for k, v := range m {
			full := sect + "." + k
			if !known[full] {
				errs = append(errs, unknownKey(path, full, names))
				continue
			}
			if v == nil {
				continue
			}
			kept[k] = v
		}
		out[sect] = kept
	}
	if len(errs) > 0 {
		sortErrors(errs)
		return nil, errors.Join(errs...)
	}
	return out, nil
}

func unknownKey(path, key string, known []string) error {
	if s := suggest(key, known); s != "" {
		return fmt.Errorf("config file %s: unknown key %q (did you mean %q?)", path, key, s)
	}
	return fmt.Errorf("config file %s: unknown key %q", path, key)
}

func firstKey(names []string, sect string) string {
	for _, n := range names {
		if s, k, _ := strings.Cut(n, "."); s == sect {
			return k
		}
	}
	return "key"
}

func sortErrors(errs []error) {
	sort.Slice(errs, func(i, j int) bool { return errs[i].Error() < errs[j].Error() })
}

// setEnv returns the first variable of names that is set and not empty, the
// same rule viper applies.
func setEnv(names []string) (string, bool) {
	for _, n := range names {
		if v, ok := os.LookupEnv(n); ok && v != "" {
			return n, true
		}
	}
	return "", false
}

// assign converts raw strictly to the type of dst and stores it. Strings
// from the environment or flags are parsed; a YAML value of the wrong kind
// (a list for a number, 1.5 for a count) is an error rather than a guess.
func assign(dst reflect.Value, raw any) error {
	switch dst.Interface().(type) {
	case time.Duration:
		d, err := toDuration(raw)
		if err != nil {
			return err
		}
		dst.SetInt(int64(d))
		return nil
	case []string:
		list, err := toStrings(raw)
		if err != nil {
			return err
		}
		dst.Set(reflect.ValueOf(list))
		return nil
	}
	switch dst.Kind() {
	case reflect.String:
		s, ok := raw.(string)
		if !ok {
			return fmt.Errorf("must be a string, not %s (quote it)", describe(raw))
		}
		dst.SetString(s)
	case reflect.Int, reflect.Int64:
		n, err := toInt(raw)
		if err != nil {
			return err
		}
		if dst.OverflowInt(n) {
			return fmt.Errorf("%d is too large", n)
		}
		dst.SetInt(n)
	case reflect.Float64:
		f, err := toFloat(raw)
		if err != nil {
			return err
		}
		dst.SetFloat(f)
	case reflect.Bool:
		switch b := raw.(type) {
		case bool:
			dst.SetBool(b)
		case string:
			v, err := strconv.ParseBool(strings.TrimSpace(b))
			if err != nil {
				return fmt.Errorf("%q is not true or false", b)
			}
			dst.SetBool(v)
		default:
			return fmt.Errorf("must be true or false, not %s", describe(raw))
		}
	default:
		return fmt.Errorf("unsupported type %s", dst.Type())
	}
	return nil
}

func toInt(raw any) (int64, error) {
	switch n := raw.(type) {
	case int:
		return int64(n), nil
	case int64:
		return n, nil
	case int32:
		return int64(n), nil
	case uint64:
		if n > math.MaxInt64 {
			return 0, fmt.Errorf("%d is too large", n)
		}
		return int64(n), nil
	case float64:
		if n != math.Trunc(n) || math.Abs(n) > math.MaxInt64 {
			return 0, fmt.Errorf("%v is not a whole number", n)
		}
		return int64(n), nil
	case string:
		v, err := strconv.ParseInt(strings.TrimSpace(n), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%q is not a whole number", n)
		}
		return v, nil
	}
	return 0, fmt.Errorf("must be a whole number, not %s", describe(raw))
}

func toFloat(raw any) (float64, error) {
	switch n := raw.(type) {
	case float64:
		return n, nil
	case float32:
		return float64(n), nil
	case int:
		return float64(n), nil
	case int64:
		return float64(n), nil
	case int32:
		return float64(n), nil
	case uint64:
		return float64(n), nil
	case string:
		v, err := strconv.ParseFloat(strings.TrimSpace(n), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, fmt.Errorf("%q is not a number", n)
		}
		return v, nil
	}
	return 0, fmt.Errorf("must be a number, not %s", describe(raw))
}

func toDuration(raw any) (time.Duration, error) {
	switch d := raw.(type) {
	case time.Duration:
		return d, nil
	case string:
		v, err := time.ParseDuration(strings.TrimSpace(d))
		if err != nil {
			return 0, fmt.Errorf("%q is not a duration (write e.g. 5s or 1m30s)", d)
		}
		return v, nil
	case int, int64, float64:
		return 0, fmt.Errorf("%v has no unit (write e.g. 5s or 1m30s)", d)
	}
	return 0, fmt.Errorf("must be a duration such as 5s, not %s", describe(raw))
}

func toStrings(raw any) ([]string, error) {
	switch l := raw.(type) {
	case nil:
		return nil, nil
	case []string:
		return append([]string(nil), l...), nil
	case string:
		var out []string
		for _, s := range strings.Split(l, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		return out, nil
	case []any:
		out := make([]string, 0, len(l))
		for i, e := range l {
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("item %d must be a string, not %s", i+1, describe(e))
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, fmt.Errorf("must be a list of strings, not %s", describe(raw))
}

// describe names the YAML kind of a value for error messages.
func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return fmt.Sprintf("the string %q", x)
	case bool:
		return fmt.Sprintf("the boolean %v", x)
	case int, int64, int32, uint64:
		return fmt.Sprintf("the number %v", x)
	case float64:
		return fmt.Sprintf("the number %v", x)
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	}
	return fmt.Sprintf("a %T", v)
}

// resolvePath makes a path from the configuration file relative to the
// file's directory, as a reader of the file would expect.
func resolvePath(configFile, p string) string {
	p = expandHome(p)
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(filepath.Dir(configFile), p)
}

func expandHome(p string) string {
	if p == "~" || strings.HasPrefix(p, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, p[1:])
		}
	}
	return p
}

// BindFlag marks the flag named flagName in fs as setting key, so Read
// gives it the highest precedence when it is set on the command line.
func BindFlag(fs *pflag.FlagSet, key, flagName string) error {
	if _, ok := LookupKey(key); !ok {
		return fmt.Errorf("bind flag --%s: unknown configuration key %q", flagName, key)
	}
	if fs.Lookup(flagName) == nil {
		return fmt.Errorf("bind flag --%s to %s: no such flag", flagName, key)
	}
	return fs.SetAnnotation(flagName, FlagAnnotation, []string{key})
}

// AddFlag defines a flag of the key's type, with the key's default and
// description, and binds it to the key. The password has no flag on
// purpose: command lines are visible to other users in ps.
func AddFlag(fs *pflag.FlagSet, key, flagName string) error {
	k, ok := LookupKey(key)
	if !ok {
		return fmt.Errorf("add flag --%s: unknown configuration key %q", flagName, key)
	}
	if key == "neo4j.password" {
		return fmt.Errorf("add flag --%s: the password is never taken from the command line; use neo4j.password_file", flagName)
	}
	if key == "llm.api_key" {
		return fmt.Errorf("add flag --%s: the API key is never taken from the command line; use llm.api_key_file", flagName)
	}
	def := Default()
	usage := k.Description + " (" + k.Name + ", $" + k.Env[0] + ")"
	switch d := k.field(&def).Interface().(type) {
	case string:
		fs.String(flagName, d, usage)
	case int:
		fs.Int(flagName, d, usage)
	case int64:
		fs.Int64(flagName, d, usage)
	case bool:
		fs.Bool(flagName, d, usage)
	case float64:
		fs.Float64(flagName, d, usage)
	case time.Duration:
		fs.Duration(flagName, d, usage)
	case []string:
		fs.StringSlice(flagName, d, usage)
	default:
		return fmt.Errorf("add flag --%s: unsupported type %T", flagName, d)
	}
	return BindFlag(fs, key, flagName)
}

// Setting is one line of the effective configuration, ready to print.
type Setting struct {
	Key    string
	Value  string
	Origin Origin
}

// Redacted stands for a password or an API key in printed configuration.
const Redacted = "<redacted>"

// Settings lists every key with its value as text and its origin. The
// password and the API key are shown as Redacted, or as "" when none is
// set.
func (l Loaded) Settings() []Setting {
	var out []Setting
	c := l.Config
	for _, k := range Keys() {
		var val string
		switch x := k.field(&c).Interface().(type) {
		case []string:
			val = strings.Join(x, ",")
		default:
			val = fmt.Sprint(x)
		}
		if (k.Name == "neo4j.password" || k.Name == "llm.api_key") && val != "" {
			val = Redacted
		}
		out = append(out, Setting{Key: k.Name, Value: val, Origin: l.Origins[k.Name]})
	}
	return out
}
