package graph

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/influencegraph/influencegraph/config"
)

// The kinds of connection failure Classify recognises. Test for them with
// errors.Is; none of them is worth retrying without a change of
// configuration or of the server.
var (
	ErrBadURI           = errors.New("the Neo4j URI cannot be used")
	ErrNotListening     = errors.New("nothing is listening at the Neo4j address")
	ErrUnreachable      = errors.New("the Neo4j server cannot be reached")
	ErrNotBolt          = errors.New("the server does not speak Bolt")
	ErrTLSMismatch      = errors.New("the URI's TLS setting does not match the server")
	ErrCertificate      = errors.New("the server's TLS certificate is not trusted")
	ErrUnauthorized     = errors.New("the Neo4j server rejected the username or password")
	ErrForbidden        = errors.New("the Neo4j user lacks a permission")
	ErrDatabaseNotFound = errors.New("the Neo4j database does not exist")
	ErrNoPassword       = errors.New("the Neo4j password cannot be read")
)

// ConnectError says in plain words why influencegraph could not use Neo4j
// and what to do about it. Kind is one of the Err* values above; Err is the
// driver's own error, kept for errors.As and for debugging.
type ConnectError struct {
	Kind     error
	URI      string
	Database string
	// Problem says what is wrong, Fix what to do.
	Problem string
	Fix     string
	Err     error
}

func (e *ConnectError) Error() string {
	fix := e.Fix
	if fix != "" {
		fix = strings.ToLower(fix[:1]) + fix[1:]
	}
	return fmt.Sprintf("cannot use Neo4j at %s: %s; %s", e.URI, e.Problem, fix)
}

// Unwrap gives errors.Is and errors.As both the kind and the driver error.
func (e *ConnectError) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}

// IsRetryable reports whether an operation that failed with err may succeed
// if tried again unchanged: never for a classified connection problem (a
// wrong password stays wrong), otherwise as the driver says.
func IsRetryable(err error) bool {
	var ce *ConnectError
	if errors.As(err, &ce) {
		return false
	}
	var n4j *neo4j.Neo4jError
	if errors.As(err, &n4j) && n4j.HasSecurityCode() {
		return false
	}
	return neo4j.IsRetryable(err)
}

// Classify turns a driver error met while connecting to or querying cfg's
// server into a *ConnectError when it recognises the cause, and returns
// any other error (a Cypher error, say) unchanged.
//
// The driver hides the causes of connection failures in types without
// Unwrap, so beside the public Neo4jError codes, Classify reads the text of
// the error for the standard library's messages (connection refused, x509,
// tls:, EOF).
func Classify(err error, cfg config.Neo4j) error {
	if err == nil {
		return nil
	}
	var already *ConnectError
	if errors.As(err, &already) || errors.Is(err, context.Canceled) {
		return err
	}
	ce := &ConnectError{URI: cfg.URI, Database: cfg.Database, Err: err}
	user := cfg.Username
	msg := strings.ToLower(err.Error())
	encrypted := strings.Contains(schemeOf(cfg.URI), "+s")

	var n4j *neo4j.Neo4jError
	var badAuth *neo4j.InvalidAuthenticationError
	switch {
	case errors.As(err, &n4j) && n4j.Code == "Neo.ClientError.Database.DatabaseNotFound":
		ce.Kind = ErrDatabaseNotFound
		ce.Problem = fmt.Sprintf("database %q does not exist", cfg.Database)
		ce.Fix = "Set neo4j.database (NEO4J_DATABASE) to an existing database, or create it (CREATE DATABASE needs Enterprise; Community has only \"neo4j\")"
	case errors.As(err, &n4j) && n4j.Code == "Neo.ClientError.Security.AuthenticationRateLimit":
		ce.Kind = ErrUnauthorized
		ce.Problem = fmt.Sprintf("too many failed logins for user %q; the server refuses to try again for now", user)
		ce.Fix = "Fix the password (neo4j.password_file or NEO4J_PASSWORD_FILE), then wait a few seconds before retrying"
	case errors.As(err, &n4j) && n4j.Code == "Neo.ClientError.Security.CredentialsExpired":
		ce.Kind = ErrUnauthorized
		ce.Problem = fmt.Sprintf("the password of user %q has expired", user)
		ce.Fix = "Change it in Neo4j Browser or cypher-shell (ALTER CURRENT USER SET PASSWORD FROM ... TO ...) and update the password file"
	case errors.As(err, &badAuth),
		errors.As(err, &n4j) && n4j.Code == "Neo.ClientError.Security.Unauthorized":
		ce.Kind = ErrUnauthorized
		ce.Problem = fmt.Sprintf("the username %q or its password is wrong", user)
		if cfg.Password == "" && cfg.PasswordFile == "" {
			ce.Problem = fmt.Sprintf("no password is configured for user %q", user)
		}
		ce.Fix = "Put the password in a file and name it with neo4j.password_file or NEO4J_PASSWORD_FILE (for the local server: eval \"$(scripts/neo4j env)\"); check with `influencegraph config`"
	case errors.As(err, &n4j) && n4j.Code == "Neo.ClientError.Security.Forbidden":
		ce.Kind = ErrForbidden
		ce.Problem = fmt.Sprintf("user %q may not do this on database %q (%s)", user, cfg.Database, n4j.Msg)
		ce.Fix = "Grant the user the needed role (e.g. GRANT ROLE editor TO ...) or use another user"
	case errors.As(err, &n4j):
		return err
	case strings.Contains(msg, "uri scheme") && strings.Contains(msg, "not supported"),
		strings.Contains(msg, "routing context is not supported"):
		ce.Kind = ErrBadURI
		ce.Problem = fmt.Sprintf("the URI is not usable (%s)", err)
		ce.Fix = "Use neo4j://host:7687, neo4j+s://host for TLS (Aura), or bolt:// for a single server"
	case strings.Contains(msg, "server responded http"):
		ce.Kind = ErrNotBolt
		ce.Problem = "an HTTP server answered, not Bolt: the URI names the HTTP port"
		ce.Fix = "Use the Bolt port, usually 7687 (e.g. neo4j://127.0.0.1:7687)"
	case strings.Contains(msg, "connection refused"):
		ce.Kind = ErrNotListening
		ce.Problem = fmt.Sprintf("nothing is listening at %s (connection refused)", hostPort(cfg.URI))
		ce.Fix = "Start Neo4j (for the local one: scripts/neo4j start) or set neo4j.uri (NEO4J_URI) to where it runs"
	case strings.Contains(msg, "no such host"), strings.Contains(msg, "server misbehaving"):
		ce.Kind = ErrUnreachable
		ce.Problem = fmt.Sprintf("the host name in %s cannot be resolved", cfg.URI)
		ce.Fix = "Check the host name in neo4j.uri (NEO4J_URI)"
	case strings.Contains(msg, "x509:") || strings.Contains(msg, "certificate"):
		ce.Kind = ErrCertificate
		ce.Problem = "the server's TLS certificate is not trusted (" + rootCause(err) + ")"
		ce.Fix = "For a self-signed certificate use neo4j+ssc:// or bolt+ssc://; otherwise install the CA certificate on this machine"
	case encrypted && (strings.Contains(msg, "tls:") || strings.Contains(msg, "eof") ||
		strings.Contains(msg, "remote end closed the connection") ||
		strings.Contains(msg, "connection reset") || strings.Contains(msg, "handshake")):
		ce.Kind = ErrTLSMismatch
		ce.Problem = "the URI asks for TLS but the server did not answer with TLS (" + rootCause(err) + ")"
		ce.Fix = "Use neo4j:// or bolt:// for a server without TLS (such as the local one), or enable TLS for Bolt on the server"
	case !encrypted && (strings.Contains(msg, "eof") || strings.Contains(msg, "connection reset") ||
		strings.Contains(msg, "remote end closed the connection") ||
		strings.Contains(msg, "broken pipe")):
		ce.Kind = ErrTLSMismatch
		ce.Problem = "the server closed the connection during the Bolt handshake; it probably requires TLS (" + rootCause(err) + ")"
		ce.Fix = "Use neo4j+s:// (or neo4j+ssc:// for a self-signed certificate); Aura always needs neo4j+s://"
	case strings.Contains(msg, "i/o timeout"), strings.Contains(msg, "deadline exceeded"),
		strings.Contains(msg, "no route to host"), strings.Contains(msg, "network is unreachable"),
		strings.Contains(msg, "timeout while waiting for connection"):
		ce.Kind = ErrUnreachable
		ce.Problem = fmt.Sprintf("no answer from %s within the time allowed", hostPort(cfg.URI))
		ce.Fix = "Check the address and any firewall; raise neo4j.connect_timeout if the network is slow"
	default:
		return err
	}
	return ce
}

func schemeOf(uri string) string {
	u, err := url.Parse(uri)
	if err != nil {
		return ""
	}
	return u.Scheme
}

func hostPort(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Host == "" {
		return uri
	}
	if u.Port() == "" {
		return u.Host + ":7687"
	}
	return u.Host
}

// rootCause returns the last part of a chain of "a: b: c" messages, the
// part the standard library wrote.
func rootCause(err error) string {
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 && i+2 < len(s) {
		return s[i+2:]
	}
	return s
}
