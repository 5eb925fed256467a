package graph

import (
	"context"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	neo4jconfig "github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/influencegraph/influencegraph/config"
)

// Client holds the one driver of a run, connected and checked, and the
// database every query goes to. It is safe for concurrent use.
type Client struct {
	driver neo4j.DriverWithContext
	// cfg is the configuration without the password, for error messages.
	cfg config.Neo4j
}

// Open creates the driver for cfg, then checks that the server answers,
// accepts the credentials and has the database, so that a wrong setting
// fails here with a *ConnectError saying what to fix rather than in the
// middle of a load. The password is cfg.Password, or else the first line of
// cfg.PasswordFile; with neither, Open connects without authentication.
func Open(ctx context.Context, cfg config.Neo4j) (*Client, error) {
	if cfg.ConnectTimeout <= 0 {
		cfg.ConnectTimeout = config.Default().Neo4j.ConnectTimeout
	}
	if err := cfg.Validate(); err != nil {
		return nil, &ConnectError{Kind: ErrBadURI, URI: cfg.URI, Database: cfg.Database,
			Problem: err.Error(), Fix: "Fix the Neo4j settings; `influencegraph config` shows where each comes from", Err: err}
	}
	password := cfg.Password
	if password == "" && cfg.PasswordFile != "" {
		pw, err := config.ReadPasswordFile(cfg.PasswordFile)
		if err != nil {
			return nil, &ConnectError{Kind: ErrNoPassword, URI: cfg.URI, Database: cfg.Database,
				Problem: err.Error(), Fix: "Set neo4j.password_file (NEO4J_PASSWORD_FILE) to a readable file holding the password", Err: err}
		}
		password = pw
	}
	token := neo4j.NoAuth()
	if password != "" {
		token = neo4j.BasicAuth(cfg.Username, password, "")
		cfg.Password = config.Redacted
	}
	timeout := cfg.ConnectTimeout
	driver, err := neo4j.NewDriverWithContext(cfg.URI, token, func(c *neo4jconfig.Config) {
		c.SocketConnectTimeout = timeout
		c.ConnectionAcquisitionTimeout = 2 * timeout
		c.UserAgent = "influencegraph/" + neo4j.UserAgent
	})
	if err != nil {
		return nil, Classify(fmt.Errorf("create driver: %w", err), cfg)
	}
	c := &Client{driver: driver, cfg: cfg}
	if err := c.verify(ctx, 3*timeout); err != nil {
		_ = driver.Close(ctx)
		return nil, err
	}
	return c, nil
}

// verify connects and runs a trivial query on the configured database,
// which is what finds a missing database: VerifyConnectivity alone only
// reaches the server's default one.
func (c *Client) verify(ctx context.Context, limit time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	if err := c.driver.VerifyConnectivity(ctx); err != nil {
		return c.classify(err)
	}
	if _, err := c.Query(ctx, "RETURN 1 AS ok", nil); err != nil {
		return err
	}
	return nil
}

// Close releases the driver's connections.
func (c *Client) Close(ctx context.Context) error {
	return c.driver.Close(ctx)
}

// Driver returns the driver, for code (the loader) that manages its own
// sessions and transactions.
func (c *Client) Driver() neo4j.DriverWithContext { return c.driver }

// Database returns the name of the database every query goes to ("" is
// the server's default database).
func (c *Client) Database() string { return c.cfg.Database }

// URI returns the URI the client connected to.
func (c *Client) URI() string { return c.cfg.URI }

// Query runs a read query, retried by the driver on transient failures, and
// returns all its records. Values always go in params, never in cypher.
func (c *Client) Query(ctx context.Context, cypher string, params map[string]any) (*neo4j.EagerResult, error) {
	res, err := neo4j.ExecuteQuery(ctx, c.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(c.cfg.Database), neo4j.ExecuteQueryWithReadersRouting())
	return res, c.classify(err)
}

// Write runs a write query in one managed, retried transaction.
func (c *Client) Write(ctx context.Context, cypher string, params map[string]any) (*neo4j.EagerResult, error) {
	res, err := neo4j.ExecuteQuery(ctx, c.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(c.cfg.Database), neo4j.ExecuteQueryWithWritersRouting())
	return res, c.classify(err)
}

// ExecuteWrite runs work in a managed write transaction on the client's
// database; the driver retries it on transient failures, so work must be
// safe to run more than once.
func (c *Client) ExecuteWrite(ctx context.Context, work neo4j.ManagedTransactionWork) (any, error) {
	session := c.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: c.cfg.Database, AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)
	res, err := session.ExecuteWrite(ctx, work)
	return res, c.classify(err)
}

// ServerInfo describes the server: what doctor prints.
type ServerInfo struct {
	// Address is the server that answered, host:port.
	Address string
	// Agent is the server's Bolt agent string, e.g. "Neo4j/5.26.0".
	Agent string
	// Protocol is the Bolt protocol version, e.g. "5.4".
	Protocol string
	// Version is the Neo4j kernel version, e.g. "5.26.0" or "2025.10.1".
	Version string
	// Edition is "community" or "enterprise".
	Edition string
	// APOC reports whether APOC procedures are installed; APOCVersion is
	// apoc.version() when they are.
	APOC        bool
	APOCVersion string
}

// ServerInfo asks the server what it is and whether APOC is installed.
func (c *Client) ServerInfo(ctx context.Context) (ServerInfo, error) {
	var info ServerInfo
	si, err := c.driver.GetServerInfo(ctx)
	if err != nil {
		return info, fmt.Errorf("server info: %w", c.classify(err))
	}
	info.Address = si.Address()
	info.Agent = si.Agent()
	info.Protocol = fmt.Sprintf("%d.%d", si.ProtocolVersion().Major, si.ProtocolVersion().Minor)

	res, err := c.Query(ctx, `CALL dbms.components() YIELD name, versions, edition
WHERE name = $kernel RETURN versions[0] AS version, edition`, map[string]any{"kernel": "Neo4j Kernel"})
	if err != nil {
		return info, fmt.Errorf("server version: %w", err)
	}
	if len(res.Records) == 0 {
		return info, fmt.Errorf("server version: dbms.components() lists no Neo4j Kernel")
	}
	info.Version, _ = recordString(res.Records[0], "version")
	info.Edition, _ = recordString(res.Records[0], "edition")

	res, err = c.Query(ctx, `SHOW PROCEDURES YIELD name WHERE name STARTS WITH $prefix RETURN count(*) AS n`,
		map[string]any{"prefix": "apoc."})
	if err != nil {
		return info, fmt.Errorf("list procedures: %w", err)
	}
	if n, _ := res.Records[0].Get("n"); n != nil && n != int64(0) {
		info.APOC = true
		if res, err := c.Query(ctx, "RETURN apoc.version() AS v", nil); err == nil && len(res.Records) > 0 {
			info.APOCVersion, _ = recordString(res.Records[0], "v")
		}
	}
	return info, nil
}

func (c *Client) classify(err error) error {
	return Classify(err, c.cfg)
}

func recordString(r *neo4j.Record, key string) (string, bool) {
	v, ok := r.Get(key)
	if !ok {
		return "", false
	}
	s, ok := v.(string)
	return s, ok
}
