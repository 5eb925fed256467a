package export

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Admin is a neo4j-admin to run an Import with: the executable, and the
// Neo4j home whose database it writes.
type Admin struct {
	// Command is the neo4j-admin executable.
	Command string
	// Home is the NEO4J_HOME the command runs with ("" leaves the
	// environment as it is: the executable's own installation).
	Home string
}

// FindAdmin finds neo4j-admin: command when given, else bin/neo4j-admin
// in home (NEO4J_HOME's value when home is ""), else the one on PATH.
func FindAdmin(command, home string) (Admin, error) {
	if home == "" {
		home = os.Getenv("NEO4J_HOME")
	}
	a := Admin{Command: command, Home: home}
	if command != "" {
		p, err := exec.LookPath(command)
		if err != nil {
			return a, fmt.Errorf("neo4j-admin %q: %w", command, err)
		}
		a.Command = p
		return a, nil
	}
	if home != "" {
		p := filepath.Join(home, "bin", "neo4j-admin")
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			a.Command = p
			return a, nil
		}
	}
	p, err := exec.LookPath("neo4j-admin")
	if err != nil {
		where := "on PATH"
		if home != "" {
			where = fmt.Sprintf("in %s or on PATH", filepath.Join(home, "bin"))
		}
		return a, fmt.Errorf("no neo4j-admin %s: name it with --neo4j-admin, or the Neo4j installation with --neo4j-home (or NEO4J_HOME)", where)
	}
	a.Command = p
	return a, nil
}

// ErrDatabaseExists is returned by Admin.Check when the database to
// import into already exists: neo4j-admin database import full writes a
// new database only.
var ErrDatabaseExists = errors.New("the database already exists")

// DatabaseDir is the store folder of database in the home: under
// server.directories.data of its neo4j.conf (NEO4J_CONF's when set), else
// under home/data. It is "" when the home is not known.
func (a Admin) DatabaseDir(database string) string {
	if a.Home == "" {
		return ""
	}
	data := filepath.Join(a.Home, "data")
	conf := os.Getenv("NEO4J_CONF")
	if conf == "" {
		conf = filepath.Join(a.Home, "conf")
	}
	if f, err := os.Open(filepath.Join(conf, "neo4j.conf")); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			k, v, ok := strings.Cut(strings.TrimSpace(sc.Text()), "=")
			if ok && strings.TrimSpace(k) == "server.directories.data" {
				data = strings.TrimSpace(v)
				if !filepath.IsAbs(data) {
					data = filepath.Join(a.Home, data)
				}
			}
		}
		f.Close()
	}
	return filepath.Join(data, "databases", database)
}

// Check fails with ErrDatabaseExists, naming its folder, when database
// already has a store in the home (and replace is false).
func (a Admin) Check(database string, replace bool) error {
	dir := a.DatabaseDir(database)
	if dir == "" || replace {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) == 0 {
		return nil
	}
	return fmt.Errorf("database %q in %s: %w; neo4j-admin database import full only creates databases: "+
		"import into another database name, or replace this one, losing what it holds, with --replace-database", database, dir, ErrDatabaseExists)
}

// Import runs `neo4j-admin database import full` on im's files, with
// --overwrite-destination when replace is set, passing the command's
// output to out. A failure carries the last lines of that output.
// neo4j-admin needs no password: none is passed.
func (a Admin) Import(ctx context.Context, im Import, replace bool, out io.Writer) error {
	args := append([]string{}, im.Args[:len(im.Args)-1]...)
	if replace {
		args = append(args, "--overwrite-destination=true")
	}
	args = append(args, im.Args[len(im.Args)-1])
	cmd := exec.CommandContext(ctx, a.Command, args...)
	cmd.Env = os.Environ()
	if a.Home != "" {
		cmd.Env = append(cmd.Env, "NEO4J_HOME="+a.Home)
	}
	tail := &tailBuffer{max: 4096}
	cmd.Stdout = io.MultiWriter(out, tail)
	cmd.Stderr = io.MultiWriter(out, tail)
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s database import full: %w\n%s", a.Command, err, strings.TrimSpace(tail.String()))
	}
	return nil
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	max int
	b   []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.b = append(t.b, p...)
	if len(t.b) > t.max {
		t.b = append(t.b[:0], t.b[len(t.b)-t.max:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string { return string(t.b) }
