package app

import (
	"context"
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"syscall"

	"github.com/hearth-app/hearth/app/openai"
	"github.com/hearth-app/hearth/engine/embedded"
	"github.com/hearth-app/hearth/engine/library"
)

// defaultAPIAddr is where the window's API server listens: the same
// loopback address as `hearth serve`.
const defaultAPIAddr = openai.DefaultAddr

// APIServerStatus tells the window whether the local API server runs, and
// how to reach it.
type APIServerStatus struct {
	Running bool   `json:"running"`
	URL     string `json:"url,omitempty"`   // http://127.0.0.1:PORT/v1
	Token   string `json:"token,omitempty"` // the bearer token clients send
}

// apiServerQuestion is what the person confirms before the API server starts.
const apiServerQuestion = "Programs on this computer that have the API token will be able to chat with your installed models through http://127.0.0.1.\n\nStart the API server?"

// apiServer is a running OpenAI-compatible server.
type apiServer struct {
	url, token string
	stop       context.CancelFunc
	done       chan error
	backend    *embedded.Backend
}

// APIServer reports the local API server's state. The token is left out
// while Hearth is locked.
func (s *SettingsService) APIServer() APIServerStatus {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.apiStatus()
}

func (s *SettingsService) apiStatus() APIServerStatus {
	if s.api == nil {
		return APIServerStatus{}
	}
	st := APIServerStatus{Running: true, URL: s.api.url}
	if s.vault.Unlocked() {
		st.Token = s.api.token
	}
	return st
}

// StartAPIServer serves the OpenAI-compatible API on 127.0.0.1 with the
// embedded engine and the installed models, as `hearth serve` does. When
// its port is taken it fails and says so. While Hearth is locked the
// server answers 423, and its requests never count as the person's
// activity for the auto-lock.
// It needs the person's yes in a native dialog (see confirm.go).
func (s *SettingsService) StartAPIServer() (APIServerStatus, error) {
	if st := s.APIServer(); st.Running {
		return st, nil
	}
	if err := confirm(s.dialogs, "Start the local API server?", apiServerQuestion); err != nil {
		return APIServerStatus{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.api != nil {
		return s.apiStatus(), nil
	}
	if !s.vault.Unlocked() {
		return APIServerStatus{}, ErrLocked
	}
	token, err := openai.LoadOrCreateToken(filepath.Join(s.dataDir, "api-token"))
	if err != nil {
		return APIServerStatus{}, err
	}
	models := apiModels{lib: library.New(filepath.Join(s.dataDir, "models"), apiStore{vault: s.vault})}
	backend := newEngineWithSettings(models, quietSettings(s.vault))
	srv, err := openai.New(backend, token, openai.Options{
		Models: models.Names,
		Locked: func() bool { return !s.vault.Unlocked() },
	})
	if err != nil {
		return APIServerStatus{}, err
	}
	l, err := listenLoopback(s.apiAddr)
	if err != nil {
		return APIServerStatus{}, err
	}
	ctx, stop := context.WithCancel(context.Background())
	a := &apiServer{url: "http://" + l.Addr().String() + "/v1", token: token, stop: stop, done: make(chan error, 1), backend: backend.Backend}
	go func() { a.done <- srv.Serve(ctx, l) }()
	s.api = a
	return s.apiStatus(), nil
}

// listenLoopback listens on addr, a loopback address. A port in use is an
// error that says so: clients are configured with the port, so moving
// silently to another one would break them, or hand them to whatever
// program holds it.
func listenLoopback(addr string) (net.Listener, error) {
	if _, err := openai.CheckAddr(addr, false); err != nil {
		return nil, err
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, listenError(addr, err)
	}
	return l, nil
}

// listenError is the sentence for an address the API server cannot listen
// on.
func listenError(addr string, err error) error {
	if errors.Is(err, syscall.EADDRINUSE) {
		return fmt.Errorf("the API server cannot start: %s is already in use by another program (perhaps `hearth serve`); stop it and try again", addr)
	}
	return fmt.Errorf("the API server could not listen on %s: %w", addr, err)
}

// StopAPIServer stops the local API server and frees the model it loaded.
func (s *SettingsService) StopAPIServer() error {
	s.mu.Lock()
	a := s.api
	s.api = nil
	s.mu.Unlock()
	if a == nil {
		return nil
	}
	a.stop()
	err := <-a.done
	a.backend.Close()
	return err
}
