package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestParseShard(t *testing.T) {
	tests := []struct {
		in      string
		i, n    int
		wantErr bool
	}{
		{"", 0, 0, false},
		{"1/1", 1, 1, false},
		{"2/4", 2, 4, false},
		{"0/4", 0, 0, true},
		{"5/4", 0, 0, true},
		{"2", 0, 0, true},
		{"a/b", 0, 0, true},
		{"1/0", 0, 0, true},
	}
	for _, tt := range tests {
		i, n, err := parseShard(tt.in)
		if (err != nil) != tt.wantErr || i != tt.i || n != tt.n {
			t.Errorf("parseShard(%q) = %d, %d, %v; want %d, %d, error %v", tt.in, i, n, err, tt.i, tt.n, tt.wantErr)
		}
	}
}

func TestSchemaShowFormats(t *testing.T) {
	tests := []struct {
		format, want string
		wantErr      bool
	}{
		{"text", "(:State:Entity)", false},
		{"cypher", "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;", false},
		{"mermaid", "```mermaid", false},
		{"yaml", "", true},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		err := runSchemaShow(&out, schemaShowOptions{format: tt.format})
		if (err != nil) != tt.wantErr || !strings.Contains(out.String(), tt.want) {
			t.Errorf("schema show --format %s: err %v, output lacks %q", tt.format, err, tt.want)
		}
	}
}
