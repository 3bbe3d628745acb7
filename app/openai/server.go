package openai

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/hearth-app/hearth/engine"
)

// maxBody bounds a request body.
const maxBody = 16 << 20

// Server answers OpenAI API requests with a Backend.
type Server struct {
	backend engine.Backend
	token   string
	log     *slog.Logger
	mux     *http.ServeMux
}

// New returns a Server generating with backend and accepting requests that
// carry token. log may be nil.
func New(backend engine.Backend, token string, log *slog.Logger) (*Server, error) {
	if token == "" {
		return nil, errors.New("openai: an API token is required")
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{backend: backend, token: token, log: log, mux: http.NewServeMux()}
	s.mux.HandleFunc("GET /v1/models", s.models)
	s.mux.HandleFunc("POST /v1/chat/completions", s.chat)
	s.mux.HandleFunc("POST /v1/completions", s.completions)
	s.mux.HandleFunc("POST /v1/embeddings", s.embeddings)
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "invalid_request_error", "unknown_url", fmt.Sprintf("Unknown request URL: %s %s.", r.Method, r.URL.Path))
	})
	return s, nil
}

// ServeHTTP checks the token and routes the request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.authorized(r) {
		writeError(w, http.StatusUnauthorized, "invalid_request_error", "invalid_api_key",
			"Missing or incorrect API key: pass Hearth's token (printed by `hearth serve`) as a bearer token.")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	start := time.Now()
	s.mux.ServeHTTP(w, r)
	s.log.Info("request", "method", r.Method, "path", r.URL.Path, "duration", time.Since(start))
}

// authorized compares the bearer token in constant time.
func (s *Server) authorized(r *http.Request) bool {
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(s.token)) == 1
}

// Serve answers requests on l until ctx is done, then stops accepting and
// gives running requests a few seconds to finish.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	hs := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute,
		BaseContext: func(net.Listener) context.Context { return ctx }}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil {
		hs.Close()
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// decode reads a JSON request body into v, answering 400 when it cannot.
func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	b, err := io.ReadAll(r.Body)
	if err == nil {
		err = json.Unmarshal(b, v)
	}
	if err != nil {
		badRequest(w, "The request body is not valid JSON for this endpoint: "+err.Error())
		return false
	}
	return true
}

// models lists the backend's models.
func (s *Server) models(w http.ResponseWriter, r *http.Request) {
	list, err := s.backend.List(r.Context())
	if err != nil {
		backendError(w, err)
		return
	}
	type model struct {
		ID      string `json:"id"`
		Object  string `json:"object"`
		Created int64  `json:"created"`
		OwnedBy string `json:"owned_by"`
	}
	data := make([]model, 0, len(list))
	for _, m := range list {
		data = append(data, model{ID: m.Name, Object: "model", OwnedBy: "hearth-" + s.backend.Name()})
	}
	writeJSON(w, http.StatusOK, map[string]any{"object": "list", "data": data})
}
