package openai

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/hearth-app/hearth/engine"
)

// Server answers OpenAI API requests with a Backend.
type Server struct {
	backend engine.Backend
	token   string
	opts    Options
	limits  Limits
	log     *slog.Logger
	queue   *queue
	mux     *http.ServeMux
}

// New returns a Server generating with backend and accepting requests that
// carry token.
func New(backend engine.Backend, token string, opts Options) (*Server, error) {
	if token == "" {
		return nil, errors.New("openai: an API token is required")
	}
	log := opts.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	lim := opts.Limits.withDefaults()
	s := &Server{backend: backend, token: token, opts: opts, limits: lim, log: log,
		queue: newQueue(lim.Generators, lim.MaxQueued), mux: http.NewServeMux()}
	s.mux.HandleFunc("GET /v1/models", s.models)
	s.mux.HandleFunc("POST /v1/chat/completions", s.chat)
	s.mux.HandleFunc("POST /v1/completions", s.completions)
	s.mux.HandleFunc("POST /v1/embeddings", s.embeddings)
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "invalid_request_error", "unknown_url", fmt.Sprintf("Unknown request URL: %s %s.", r.Method, r.URL.Path))
	})
	return s, nil
}

// handle checks where the request is addressed and comes from, the token,
// the lock and the body's size, then routes it.
func (s *Server) handle(g hostGuard, rw http.ResponseWriter, r *http.Request) {
	w := newDeadlineWriter(rw, s.limits.WriteTimeout)
	if msg := g.check(r); msg != "" {
		writeError(w, http.StatusForbidden, "invalid_request_error", "forbidden", msg)
		return
	}
	if !s.authorized(r) {
		writeError(w, http.StatusUnauthorized, "invalid_request_error", "invalid_api_key",
			"Missing or incorrect API key: pass Hearth's token (printed by `hearth serve`) as a bearer token.")
		return
	}
	if s.locked(w) {
		return
	}
	if r.ContentLength > s.limits.MaxBody {
		tooLarge(w, s.limits.MaxBody)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.limits.MaxBody)
	start := time.Now()
	s.mux.ServeHTTP(w, r)
	s.log.Info("request", "method", r.Method, "path", r.URL.Path, "duration", time.Since(start))
}

// locked answers 423 and reports true while Options.Locked says so.
func (s *Server) locked(w http.ResponseWriter) bool {
	if s.opts.Locked == nil || !s.opts.Locked() {
		return false
	}
	writeError(w, http.StatusLocked, "invalid_request_error", "locked",
		"Hearth is locked: unlock it in its window, then try again.")
	return true
}

// authorized compares the bearer token in constant time.
func (s *Server) authorized(r *http.Request) bool {
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(s.token)) == 1
}

// Serve answers requests on l until ctx is done, then stops accepting and
// gives running requests a few seconds to finish. Only requests addressed
// to l's address are answered (see hostGuard), and at most
// Limits.MaxConns connections are open at once.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	g := newHostGuard(l.Addr())
	hs := &http.Server{
		Handler:           http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { s.handle(g, w, r) }),
		ReadHeaderTimeout: s.limits.HeaderTimeout,
		IdleTimeout:       s.limits.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelDebug),
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(limitConns(l, s.limits.MaxConns)) }()
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
