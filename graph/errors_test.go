package graph

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/influencegraph/influencegraph/config"
)

// These tests need no Neo4j: fake servers stand in for the failures, and
// the errors Neo4j sends are built by hand.

func TestClassifyNeo4jErrors(t *testing.T) {
	cfg := config.Neo4j{URI: "neo4j://db.example:7687", Username: "ana", Password: "x", Database: "graph"}
	tests := []struct {
		code     string
		want     error
		wantText string
	}{
		{"Neo.ClientError.Security.Unauthorized", ErrUnauthorized, `the username "ana" or its password is wrong`},
		{"Neo.ClientError.Security.AuthenticationRateLimit", ErrUnauthorized, "too many failed logins"},
		{"Neo.ClientError.Security.CredentialsExpired", ErrUnauthorized, "has expired"},
		{"Neo.ClientError.Security.Forbidden", ErrForbidden, `user "ana" may not do this on database "graph"`},
		{"Neo.ClientError.Database.DatabaseNotFound", ErrDatabaseNotFound, `database "graph" does not exist`},
		{"Neo.ClientError.Statement.SyntaxError", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			in := fmt.Errorf("run: %w", &neo4j.Neo4jError{Code: tt.code, Msg: "from the server"})
			got := Classify(in, cfg)
			if tt.want == nil {
				if got != in {
					t.Fatalf("Classify changed a query error: %v", got)
				}
				return
			}
			if !errors.Is(got, tt.want) {
				t.Fatalf("Classify = %v, want kind %v", got, tt.want)
			}
			var n4j *neo4j.Neo4jError
			if !errors.As(got, &n4j) || n4j.Code != tt.code {
				t.Errorf("the driver's error is lost in %v", got)
			}
			if !strings.Contains(got.Error(), tt.wantText) || !strings.Contains(got.Error(), cfg.URI) {
				t.Errorf("message %q lacks %q or the URI", got, tt.wantText)
			}
			if IsRetryable(got) {
				t.Errorf("IsRetryable(%v) = true", got)
			}
		})
	}
	if Classify(nil, cfg) != nil {
		t.Error("Classify(nil) != nil")
	}
	if err := Classify(context.Canceled, cfg); err != context.Canceled {
		t.Errorf("Classify(context.Canceled) = %v", err)
	}
}

func TestClassifyNoPassword(t *testing.T) {
	cfg := config.Neo4j{URI: "bolt://127.0.0.1:7687", Username: "neo4j"}
	err := Classify(&neo4j.Neo4jError{Code: "Neo.ClientError.Security.Unauthorized"}, cfg)
	if !errors.Is(err, ErrUnauthorized) || !strings.Contains(err.Error(), `no password is configured for user "neo4j"`) {
		t.Errorf("got %v", err)
	}
}

// TestOpenFailures dials fake servers and checks that each failure is
// named for what it is.
func TestOpenFailures(t *testing.T) {
	cert := selfSignedCert(t)
	plainClose := serve(t, nil, func(c net.Conn) {})
	tlsHandshake := serve(t, &tls.Config{Certificates: cert}, func(c net.Conn) {
		_ = c.(*tls.Conn).Handshake()
	})
	// An HTTP server answers the Bolt handshake with an HTTP status line,
	// as Neo4j's own HTTP port does.
	httpPort := serve(t, nil, func(c net.Conn) {
		_, _ = c.Read(make([]byte, 20))
		_, _ = io.WriteString(c, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
	})
	refused := freePort(t)

	tests := []struct {
		name, uri string
		want      error
		wantText  string
	}{
		{"nothing listening", "bolt://" + refused, ErrNotListening, "nothing is listening at " + refused},
		{"nothing listening, routing", "neo4j://" + refused, ErrNotListening, "connection refused"},
		{"TLS asked, server plain", "bolt+s://" + plainClose, ErrTLSMismatch, "asks for TLS"},
		{"TLS asked with routing, server plain", "neo4j+ssc://" + plainClose, ErrTLSMismatch, "use neo4j:// or bolt://"},
		{"plain asked, server TLS", "bolt://" + tlsHandshake, ErrTLSMismatch, "requires TLS"},
		{"self-signed certificate", "bolt+s://" + tlsHandshake, ErrCertificate, "neo4j+ssc://"},
		{"HTTP port", "bolt://" + httpPort, ErrNotBolt, "HTTP"},
		{"unknown scheme", "http://" + refused, ErrBadURI, `scheme "http"`},
		{"unknown host", "bolt://no-such-host.invalid:7687", ErrUnreachable, "cannot be resolved"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := config.Neo4j{URI: tt.uri, Username: "neo4j", Password: "secret", Database: "neo4j", ConnectTimeout: 2 * time.Second}
			c, err := Open(context.Background(), cfg)
			if err == nil {
				c.Close(context.Background())
				t.Fatal("Open succeeded")
			}
			if tt.want == ErrUnreachable && errors.Is(err, ErrNotBolt) {
				t.Skipf("this network answers unknown hosts itself: %v", err)
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("Open: %v\nwant kind %q", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("message %q lacks %q", err, tt.wantText)
			}
			if strings.Contains(err.Error(), "secret") {
				t.Errorf("message %q shows the password", err)
			}
		})
	}
}

func TestOpenPasswordFile(t *testing.T) {
	cfg := config.Neo4j{URI: "bolt://" + freePort(t), Username: "neo4j", PasswordFile: t.TempDir() + "/missing", Database: "neo4j"}
	_, err := Open(context.Background(), cfg)
	if !errors.Is(err, ErrNoPassword) || !strings.Contains(err.Error(), "missing") {
		t.Errorf("Open with a missing password file: %v", err)
	}
}

// serve accepts connections on 127.0.0.1 until the test ends, handing each
// to handle and then closing it; with tlsCfg it speaks TLS.
func serve(t testing.TB, tlsCfg *tls.Config, handle func(net.Conn)) string {
	t.Helper()
	var l net.Listener
	var err error
	if tlsCfg != nil {
		l, err = tls.Listen("tcp", "127.0.0.1:0", tlsCfg)
	} else {
		l, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				_ = c.SetDeadline(time.Now().Add(5 * time.Second))
				handle(c)
			}()
		}
	}()
	return l.Addr().String()
}

// freePort returns an address on which nothing listens.
func freePort(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// selfSignedCert borrows httptest's certificate, which no system trusts.
func selfSignedCert(t testing.TB) []tls.Certificate {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	srv.StartTLS()
	defer srv.Close()
	return srv.TLS.Certificates
}
