package browsertest

import (
	"net"
	"os/exec"
	"strings"
	"testing"
)

// HTTPPortEnv is the HTTP port of the local Neo4j, for scripts/neo4j and
// docker-compose.yml alike (7474 when unset).
const HTTPPortEnv = "IG_NEO4J_HTTP_PORT"

// browserURL says where Neo4j Browser is served for a server on boltHost:
// BrowserURLEnv when set, else that host on the HTTP port scripts/neo4j and
// docker-compose.yml use (HTTPPortEnv, 7474 by default), as
// `scripts/neo4j browser-url` prints it and `make demo` shows it.
func browserURL(boltHost string, getenv func(string) string) string {
	if u := getenv(BrowserURLEnv); u != "" {
		return u
	}
	port := getenv(HTTPPortEnv)
	if port == "" {
		port = "7474"
	}
	return "http://" + net.JoinHostPort(boltHost, port) + "/browser/"
}

func TestBrowserURL(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		host string
		want string
	}{
		{"default port", nil, "127.0.0.1", "http://127.0.0.1:7474/browser/"},
		{"the local server's port", map[string]string{HTTPPortEnv: "17474"}, "127.0.0.1", "http://127.0.0.1:17474/browser/"},
		{"another host", map[string]string{HTTPPortEnv: "8474"}, "neo4j.example", "http://neo4j.example:8474/browser/"},
		{"override wins", map[string]string{BrowserURLEnv: "https://b.example/browser/", HTTPPortEnv: "8474"}, "127.0.0.1", "https://b.example/browser/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := browserURL(tt.host, func(k string) string { return tt.env[k] }); got != tt.want {
				t.Errorf("browserURL = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestBrowserURLFollowsLocalServer checks that the test, scripts/neo4j and
// `make demo` agree on where the local server's Browser is when
// IG_NEO4J_HTTP_PORT moves it off 7474.
func TestBrowserURLFollowsLocalServer(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash to run scripts/neo4j")
	}
	env := map[string]string{HTTPPortEnv: "17999"}
	want := browserURL("127.0.0.1", func(k string) string { return env[k] })

	script := exec.Command("bash", "../scripts/neo4j", "browser-url")
	script.Env = append(script.Environ(), HTTPPortEnv+"=17999")
	out, err := script.Output()
	if err != nil {
		t.Fatalf("scripts/neo4j browser-url: %v", err)
	}
	if got := strings.TrimSpace(string(out)); got != want {
		t.Errorf("scripts/neo4j browser-url = %q, the browser test uses %q", got, want)
	}

	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("no make to read the demo recipe")
	}
	demo := exec.Command("make", "-n", "--no-print-directory", "-C", "..", "demo")
	out, err = demo.Output()
	if err != nil {
		t.Fatalf("make -n demo: %v", err)
	}
	recipe := string(out)
	if strings.Contains(recipe, ":7474") || !strings.Contains(recipe, "scripts/neo4j browser-url") {
		t.Errorf("make demo does not print the Browser URL from scripts/neo4j browser-url:\n%s", recipe)
	}
}
