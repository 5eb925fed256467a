// Package llmtest is an OpenAI-compatible chat-completions server for
// tests: no model runs, the answers are scripted (recorded answers we
// wrote) or made up from the prompt by a rule. It also records what it was
// sent, so a test can check the requests (the key in the Authorization
// header, the response format asked for).
package llmtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// Reply is one scripted answer to a chat-completion request.
type Reply struct {
	// Status is the HTTP status; 0 means 200.
	Status int `json:"status,omitempty"`
	// RetryAfter is sent as the Retry-After header.
	RetryAfter string `json:"retry_after,omitempty"`
	// Answer is marshalled to JSON and sent as the message content.
	Answer json.RawMessage `json:"answer,omitempty"`
	// Content is sent as the message content as it is (for answers that
	// are not JSON).
	Content string `json:"content,omitempty"`
	// Delay holds the reply back (a duration such as "2s"), to make the
	// client time out.
	Delay string `json:"delay,omitempty"`
	// RejectSchema answers 400 to a request asking for a json_schema
	// response format, as servers without structured output do.
	RejectSchema bool `json:"reject_schema,omitempty"`
}

// Request is what the server was sent.
type Request struct {
	Authorization  string
	ResponseFormat string
	Messages       []Message
	At             time.Time
}

// Message is one message of a request.
type Message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// Server is a running fake endpoint. BaseURL ends in /v1, like a real
// endpoint's.
type Server struct {
	BaseURL string

	mu       sync.Mutex
	replies  []Reply
	answer   func(user string) string
	requests []Request
}

// Scripted starts a server that answers the n-th request with replies[n],
// and every later one with the last reply.
func Scripted(t testing.TB, replies ...Reply) *Server {
	t.Helper()
	s := &Server{replies: replies}
	s.start(t)
	return s
}

// Func starts a server that answers every request with answer(user
// message of the request).
func Func(t testing.TB, answer func(user string) string) *Server {
	t.Helper()
	s := &Server{answer: answer}
	s.start(t)
	return s
}

func (s *Server) start(t testing.TB) {
	srv := httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(srv.Close)
	s.BaseURL = srv.URL + "/v1"
}

// Requests returns what the server was sent so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
		http.Error(w, `{"error":{"message":"no such route"}}`, http.StatusNotFound)
		return
	}
	body, _ := io.ReadAll(r.Body)
	var req struct {
		Model          string    `json:"model"`
		Messages       []Message `json:"messages"`
		ResponseFormat struct {
			Type string `json:"type"`
		} `json:"response_format"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		http.Error(w, `{"error":{"message":"bad json"}}`, http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	n := len(s.requests)
	s.requests = append(s.requests, Request{Authorization: r.Header.Get("Authorization"),
		ResponseFormat: req.ResponseFormat.Type, Messages: req.Messages, At: time.Now()})
	var rep Reply
	if s.answer == nil {
		if len(s.replies) > 0 {
			rep = s.replies[min(n, len(s.replies)-1)]
		}
	} else {
		user := ""
		for _, m := range req.Messages {
			if m.Role == "user" {
				user = m.Content
				break
			}
		}
		rep = Reply{Content: s.answer(user)}
	}
	s.mu.Unlock()

	if rep.Delay != "" {
		d, _ := time.ParseDuration(rep.Delay)
		select {
		case <-time.After(d):
		case <-r.Context().Done():
			return
		}
	}
	w.Header().Set("Content-Type", "application/json")
	if rep.RejectSchema && req.ResponseFormat.Type == "json_schema" {
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprint(w, `{"error":{"message":"response_format json_schema is not supported","type":"invalid_request_error","param":"response_format"}}`)
		return
	}
	if rep.RetryAfter != "" {
		w.Header().Set("Retry-After", rep.RetryAfter)
	}
	if rep.Status != 0 && rep.Status != http.StatusOK {
		w.WriteHeader(rep.Status)
		fmt.Fprintf(w, `{"error":{"message":"scripted status %d","type":"server_error"}}`, rep.Status)
		return
	}
	content := rep.Content
	if len(rep.Answer) > 0 {
		content = string(rep.Answer)
	}
	resp := map[string]any{
		"id": fmt.Sprintf("chatcmpl-%d", n), "object": "chat.completion", "created": 1700000000, "model": req.Model,
		"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
			"message": map[string]any{"role": "assistant", "content": content}}},
		"usage": map[string]any{"prompt_tokens": len(body) / 4, "completion_tokens": len(content) / 4,
			"total_tokens": len(body)/4 + len(content)/4},
	}
	json.NewEncoder(w).Encode(resp)
}

// Entity is one line of the entity table of a prompt.
type Entity struct{ ID, Type, Name string }

// ParsePrompt reads the entity table and the article text out of the
// user message of prompt v1.
func ParsePrompt(user string) ([]Entity, string) {
	var ents []Entity
	if _, rest, ok := strings.Cut(user, "Entities (id, type, name, other names):\n"); ok {
		table, _, _ := strings.Cut(rest, "\n\n")
		for _, line := range strings.Split(table, "\n") {
			f := strings.Split(line, "\t")
			if len(f) >= 3 {
				ents = append(ents, Entity{ID: f[0], Type: f[1], Name: f[2]})
			}
		}
	}
	text := ""
	if _, rest, ok := strings.Cut(user, "<<<ARTICLE\n"); ok {
		text, _, _ = strings.Cut(rest, "\nARTICLE>>>")
	}
	return ents, text
}

// Generic answers any article as a plausible model would: a TARGETED
// relation from the first state, agency, organisation or person named in
// a sentence of the body to the first election (or else another entity),
// with that sentence as evidence; no relation when there is no such pair.
func Generic(user string) string {
	ents, text := ParsePrompt(user)
	type rel struct {
		Type     string `json:"type"`
		Source   string `json:"source"`
		Target   string `json:"target"`
		Negated  bool   `json:"negated"`
		Evidence string `json:"evidence"`
	}
	out := struct {
		Relations   []rel    `json:"relations"`
		NewEntities []any    `json:"new_entities"`
		NotEntities []string `json:"not_entities"`
	}{Relations: []rel{}, NewEntities: []any{}, NotEntities: []string{}}
	var target *Entity
	for i, e := range ents {
		if e.Type == "Election" {
			target = &ents[i]
			break
		}
	}
	for _, e := range ents {
		if e.Type == "Election" || (target != nil && e.ID == target.ID) {
			continue
		}
		sent := sentenceWith(text, e.Name)
		if sent == "" {
			continue
		}
		t := target
		if t == nil {
			for i, o := range ents {
				if o.ID != e.ID {
					t = &ents[i]
					break
				}
			}
		}
		if t == nil {
			break
		}
		out.Relations = append(out.Relations, rel{Type: "TARGETED", Source: e.ID, Target: t.ID, Evidence: sent})
		break
	}
	b, _ := json.Marshal(out)
	return string(b)
}

// sentenceWith returns the first sentence of text (cut at ". " and line
// ends) that contains name.
func sentenceWith(text, name string) string {
	i := strings.Index(text, name)
	if i < 0 {
		return ""
	}
	start := strings.LastIndexAny(text[:i], "\n")
	if k := strings.LastIndex(text[:i], ". "); k > start {
		start = k + 1
	}
	start++
	end := len(text)
	if k := strings.IndexAny(text[i:], "\n"); k >= 0 {
		end = i + k
	}
	if k := strings.Index(text[i:end], ". "); k >= 0 {
		end = i + k + 1
	}
	return strings.TrimSpace(text[start:end])
}
