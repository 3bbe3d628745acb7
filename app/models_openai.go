package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hearth-app/hearth/engine"
	oaiclient "github.com/hearth-app/hearth/engine/openai"
)

// The OpenAI-compatible server (llama-server, vLLM, LM Studio, LocalAI,
// exo, another Hearth) is kept in two sealed settings: its address, and
// its API key when it needs one. Both are set only by ConnectServer, after
// the person confirmed (for another machine) and the server answered.
const (
	openaiURLSetting = "openai/url"
	openaiKeySetting = "openai/key"
)

// openaiTimeout bounds each call to the server from the Models view.
const openaiTimeout = 10 * time.Second

// openaiPrefix marks a model that runs on the OpenAI-compatible server
// ("openai:qwen2.5-7b").
const openaiPrefix = "openai:"

// OpenAIServer is the state of the OpenAI-compatible server Hearth is
// connected to, as the Models view shows it.
type OpenAIServer struct {
	Connected bool     `json:"connected"`
	URL       string   `json:"url,omitempty"`  // http://192.168.1.20:8080/v1
	Host      string   `json:"host,omitempty"` // 192.168.1.20:8080
	HasKey    bool     `json:"hasKey"`         // a key is kept (never shown)
	Remote    bool     `json:"remote"`         // another machine: chats go there
	Plain     bool     `json:"plain"`          // http, not https: readable on the way
	Reachable bool     `json:"reachable"`
	Models    []string `json:"models"`
	Error     string   `json:"error,omitempty"`
}

// openaiServer is the server set in Hearth: its address and key.
type openaiServer struct{ url, key string }

// settingGetter reads a sealed setting: its value, and whether it is set.
type settingGetter func(name string) ([]byte, bool, error)

// readOpenAIServer returns the server kept in the settings, and whether
// there is one.
func readOpenAIServer(get settingGetter) (openaiServer, bool, error) {
	u, ok, err := get(openaiURLSetting)
	if err != nil || !ok || len(u) == 0 {
		return openaiServer{}, false, err
	}
	k, _, err := get(openaiKeySetting)
	if err != nil {
		return openaiServer{}, false, err
	}
	return openaiServer{url: string(u), key: string(k)}, true, nil
}

// backend returns the engine backend for the server.
func (s openaiServer) backend() (*oaiclient.Backend, error) {
	return oaiclient.New(oaiclient.Config{URL: s.url, APIKey: s.key})
}

// errNoOpenAIServer is the error of an "openai:" model when no server is set.
var errNoOpenAIServer = &oaiclient.Error{Msg: "no OpenAI-compatible server is connected: connect one in Models", Kind: engine.ErrBackendDown}

// openaiBackendFor returns the backend of the server the window is
// connected to.
func openaiBackendFor(v *Vault) func() (engine.Backend, error) {
	return func() (engine.Backend, error) {
		srv, ok, err := readOpenAIServer(vaultSettings{vault: v}.get)
		switch {
		case err != nil:
			return nil, err
		case !ok:
			return nil, errNoOpenAIServer
		}
		return srv.backend()
	}
}

// OpenAIStatus asks the connected server for its models.
func (s *ModelsService) OpenAIStatus() (OpenAIServer, error) {
	srv, ok, err := readOpenAIServer(s.settings.get)
	if err != nil || !ok {
		return OpenAIServer{Models: []string{}}, err
	}
	b, err := srv.backend()
	if err != nil {
		return OpenAIServer{Models: []string{}}, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), openaiTimeout)
	defer cancel()
	return serverStatus(ctx, b, srv.key != ""), nil
}

// serverStatus describes the server b and lists its models.
func serverStatus(ctx context.Context, b *oaiclient.Backend, hasKey bool) OpenAIServer {
	u, _ := oaiclient.ParseURL(b.URL())
	st := OpenAIServer{Connected: true, URL: b.URL(), Host: b.Host(), HasKey: hasKey,
		Remote: !oaiclient.Loopback(u), Plain: u.Scheme == "http", Models: []string{}}
	models, err := b.List(ctx)
	if err != nil {
		st.Error = userSentence(err)
		return st
	}
	st.Reachable = true
	for _, m := range models {
		st.Models = append(st.Models, m.Name)
	}
	return st
}

// ConnectServer connects Hearth to the OpenAI-compatible server at url,
// with key (empty when the server needs none). A server on another machine
// is confirmed first in a native dialog that says the chats go there (and,
// over http, that they travel readable); then the server must answer with
// its models before the address and the key are kept, sealed.
func (s *ModelsService) ConnectServer(url, key string) (OpenAIServer, error) {
	u, err := oaiclient.ParseURL(url)
	if err != nil {
		return OpenAIServer{}, err
	}
	if u.Scheme == "http" && oaiclient.PublicIP(u) {
		return OpenAIServer{}, fmt.Errorf("Hearth speaks plain http only to this computer and private networks: use https for %s", u.Host)
	}
	if !oaiclient.Loopback(u) {
		if err := confirm(s.dialogs, "Send your chats to another machine?", remoteQuestion(u.Host, u.Scheme == "http")); err != nil {
			return OpenAIServer{}, err
		}
	}
	b, err := oaiclient.New(oaiclient.Config{URL: u.String(), APIKey: key})
	if err != nil {
		return OpenAIServer{}, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), openaiTimeout)
	defer cancel()
	st := serverStatus(ctx, b, key != "")
	if !st.Reachable {
		return OpenAIServer{}, errors.New(st.Error)
	}
	return st, s.keepServer(b.URL(), key)
}

// remoteQuestion is what the person confirms before chats go to host.
func remoteQuestion(host string, plain bool) string {
	msg := fmt.Sprintf("Your chats with this server's models will go to %s, another machine: every message of those chats, and the documents and memories Hearth adds to them, is sent there.", host)
	if plain {
		msg += "\n\nThe address starts with http, not https: anyone on the network between here and there can read them."
	}
	return msg + "\n\nUse this server?"
}

// keepServer stores the address and the key (sealed, as every setting).
func (s *ModelsService) keepServer(url, key string) error {
	if err := s.settings.put(openaiURLSetting, []byte(url)); err != nil {
		return err
	}
	if key == "" {
		return s.settings.remove(openaiKeySetting)
	}
	return s.settings.put(openaiKeySetting, []byte(key))
}

// DisconnectServer forgets the server and its key.
func (s *ModelsService) DisconnectServer() error {
	if err := s.settings.remove(openaiKeySetting); err != nil {
		return err
	}
	return s.settings.remove(openaiURLSetting)
}

// openaiModels lists the server's models as installed ones, or none when
// no server is connected or it does not answer.
func (s *ModelsService) openaiModels() []InstalledModel {
	srv, ok, err := readOpenAIServer(s.settings.get)
	if err != nil || !ok {
		return nil
	}
	b, err := srv.backend()
	if err != nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), ollamaTimeout)
	defer cancel()
	models, err := b.List(ctx)
	if err != nil {
		return nil
	}
	out := make([]InstalledModel, 0, len(models))
	for _, m := range models {
		out = append(out, InstalledModel{Name: m.Name, Backend: backendOpenAI, Source: b.Host()})
	}
	return out
}

// userSentence is the sentence an error shows the person: an engine
// backend's own sentence when it has one (without the operation prefixes
// of the log), else the error's text.
func userSentence(err error) string {
	if oe, ok := errors.AsType[*oaiclient.Error](err); ok {
		return oe.Msg
	}
	return err.Error()
}
