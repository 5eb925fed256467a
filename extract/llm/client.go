package llm

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/shared"

	"github.com/influencegraph/influencegraph/extract"
)

// Reasons an article is skipped because the model gave no usable answer:
// the keys of Stats.Failures.
const (
	FailTimeout     = "timeout"
	FailUnreachable = "server unreachable"
	FailRateLimited = "rate limited (429) after retries"
	FailServer      = "server error (5xx) after retries"
	FailRefused     = "request refused"
	FailInvalidJSON = "answer not valid JSON after a repair"
	FailEmpty       = "empty answer"
)

// ErrEndpoint marks a failure that no article can avoid: the endpoint
// refuses the key or does not know the model. It stops the run.
var ErrEndpoint = errors.New("language model endpoint refused the request")

// chat sends chat-completion requests through openai-go, whose client
// retries 429 and 5xx replies and connection errors with exponential
// back-off, honouring Retry-After (and Retry-After-Ms). It bounds the
// requests in flight and remembers what the server turned out not to
// support.
type chat struct {
	client      openai.Client
	model       string
	baseURL     string
	maxTokens   int
	temperature float64
	sem         chan struct{}
	// plainJSON is set once the server rejected a json_schema response
	// format: from then on requests ask for plain JSON mode.
	plainJSON atomic.Bool
	// completionTokens is set once the server rejected max_tokens (newer
	// OpenAI models want max_completion_tokens).
	completionTokens atomic.Bool
}

func newChat(o Options) *chat {
	opts := []option.RequestOption{
		option.WithBaseURL(o.BaseURL),
		option.WithAPIKey(string(o.APIKey)),
		option.WithMaxRetries(o.MaxRetries),
		option.WithRequestTimeout(o.Timeout),
	}
	if o.HTTPClient != nil {
		opts = append(opts, option.WithHTTPClient(o.HTTPClient))
	}
	n := max(1, o.MaxConcurrency)
	return &chat{client: openai.NewClient(opts...), model: o.Model, baseURL: o.BaseURL, maxTokens: o.MaxTokens,
		temperature: o.Temperature, sem: make(chan struct{}, n)}
}

// reply is one answer of the model with what it cost.
type reply struct {
	content             string
	tokensIn, tokensOut int64
	requests            int
}

// complete asks for one answer. Errors that cost only this article wrap
// failure; ErrEndpoint stops the run; a cancelled ctx is returned as is.
func (c *chat) complete(ctx context.Context, msgs []openai.ChatCompletionMessageParamUnion) (reply, error) {
	select {
	case c.sem <- struct{}{}:
	case <-ctx.Done():
		return reply{}, ctx.Err()
	}
	defer func() { <-c.sem }()
	var rep reply
	for attempt := 0; ; attempt++ {
		params := openai.ChatCompletionNewParams{Model: shared.ChatModel(c.model), Messages: msgs,
			Temperature: openai.Float(c.temperature)}
		if c.maxTokens > 0 {
			if c.completionTokens.Load() {
				params.MaxCompletionTokens = openai.Int(int64(c.maxTokens))
			} else {
				params.MaxTokens = openai.Int(int64(c.maxTokens))
			}
		}
		schemaMode := !c.plainJSON.Load()
		if schemaMode {
			params.ResponseFormat = openai.ChatCompletionNewParamsResponseFormatUnion{OfJSONSchema: &shared.ResponseFormatJSONSchemaParam{
				JSONSchema: shared.ResponseFormatJSONSchemaJSONSchemaParam{Name: "relations", Strict: openai.Bool(true), Schema: answerSchema()}}}
		} else {
			params.ResponseFormat = openai.ChatCompletionNewParamsResponseFormatUnion{OfJSONObject: &shared.ResponseFormatJSONObjectParam{}}
		}
		// count every attempt, openai-go's retries included
		count := option.WithMiddleware(func(r *http.Request, next option.MiddlewareNext) (*http.Response, error) {
			rep.requests++
			return next(r)
		})
		resp, err := c.client.Chat.Completions.New(ctx, params, count)
		if err == nil {
			rep.tokensIn += resp.Usage.PromptTokens
			rep.tokensOut += resp.Usage.CompletionTokens
			if len(resp.Choices) == 0 || strings.TrimSpace(resp.Choices[0].Message.Content) == "" {
				return rep, &failure{reason: FailEmpty}
			}
			rep.content = resp.Choices[0].Message.Content
			return rep, nil
		}
		var apiErr *openai.Error
		if attempt < 2 && errors.As(err, &apiErr) && (apiErr.StatusCode == http.StatusBadRequest || apiErr.StatusCode == http.StatusUnprocessableEntity) {
			// Adapt once to what the server supports, then ask again.
			msg := strings.ToLower(apiErr.Message + " " + apiErr.Param)
			switch {
			case strings.Contains(msg, "max_tokens") && !c.completionTokens.Load():
				c.completionTokens.Store(true)
				continue
			case schemaMode:
				c.plainJSON.Store(true)
				continue
			}
		}
		return rep, c.classify(ctx, err)
	}
}

// classify turns a request error into a failure of the article, an
// endpoint error that stops the run, or the caller's cancellation. The
// messages never carry the request (its headers hold the API key).
func (c *chat) classify(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	var apiErr *openai.Error
	if errors.As(err, &apiErr) {
		code := apiErr.StatusCode
		switch {
		case code == http.StatusUnauthorized || code == http.StatusForbidden:
			return fmt.Errorf("%w: %s answered %d %s: check llm.api_key_file or INFLUENCEGRAPH_LLM_API_KEY",
				ErrEndpoint, c.baseURL, code, http.StatusText(code))
		case code == http.StatusNotFound:
			return fmt.Errorf("%w: %s answered 404 Not Found: is %q a model it serves, and does llm.base_url end in /v1?",
				ErrEndpoint, c.baseURL, c.model)
		case code == http.StatusTooManyRequests:
			return &failure{reason: FailRateLimited}
		case code >= 500:
			return &failure{reason: FailServer, detail: fmt.Sprintf("%d %s", code, http.StatusText(code))}
		}
		return &failure{reason: FailRefused, detail: fmt.Sprintf("%d %s", code, http.StatusText(code))}
	}
	var netErr net.Error
	var urlErr *url.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &netErr) && netErr.Timeout()):
		return &failure{reason: FailTimeout}
	case errors.As(err, &netErr) || errors.As(err, &urlErr):
		return &failure{reason: FailUnreachable, detail: scrub(err.Error())}
	}
	// Neither the server nor the network: a request this program could
	// not make, which no retry or other article mends.
	return fmt.Errorf("language model request: %w", err)
}

// scrub keeps a transport error's message to its last clause ("connection
// refused"), which carries neither a URL with a key nor a header.
func scrub(msg string) string {
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		return msg[i+2:]
	}
	return msg
}

// failure is why an article got no usable answer.
type failure struct {
	reason string
	detail string
}

// Unwrap makes every failure an extract.ErrSkipArticle: it costs the
// article, not the run.
func (f *failure) Unwrap() error { return extract.ErrSkipArticle }

func (f *failure) Error() string {
	if f.detail != "" {
		return "language model: " + f.reason + ": " + f.detail
	}
	return "language model: " + f.reason
}
