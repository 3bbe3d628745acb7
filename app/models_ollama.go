package app

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"time"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/engine/ollama"
)

// ollamaHostSetting is the sealed setting naming the Ollama server the
// window uses; unset means OLLAMA_HOST, else 127.0.0.1:11434.
const ollamaHostSetting = "ollama/host"

// ollamaTimeout bounds each call to the Ollama server from the window.
const ollamaTimeout = 2 * time.Second

// OllamaStatus is the state of the Ollama server the window is set to use.
type OllamaStatus struct {
	Host      string   `json:"host"`
	Custom    bool     `json:"custom"` // the host was set in Hearth, not taken from OLLAMA_HOST
	Remote    bool     `json:"remote"` // the host is another machine: chats with its models go there
	Reachable bool     `json:"reachable"`
	Version   string   `json:"version,omitempty"`
	Models    []string `json:"models"`
	Error     string   `json:"error,omitempty"`
}

// ollamaHostFor returns the host the window uses and whether it was set in
// Hearth.
func (s *ModelsService) ollamaHostFor() (string, bool) {
	return windowOllamaHost(s.settings)
}

// windowOllamaHost returns the Ollama server the window's services use: the
// host set in Hearth, else OLLAMA_HOST, else 127.0.0.1:11434; custom says
// whether it was set in Hearth.
func windowOllamaHost(settings vaultSettings) (host string, custom bool) {
	v, ok, err := settings.get(ollamaHostSetting)
	if err != nil || !ok || len(v) == 0 {
		return ollamaHost(), false
	}
	return string(v), true
}

// OllamaStatus asks the Ollama server for its version and models.
func (s *ModelsService) OllamaStatus() OllamaStatus {
	host, custom := s.ollamaHostFor()
	ctx, cancel := context.WithTimeout(context.Background(), ollamaTimeout)
	defer cancel()
	probe := probeOllama(ctx, host)
	st := OllamaStatus{Host: host, Custom: custom, Remote: !loopbackHost(host), Reachable: probe.Running, Version: probe.Version, Error: probe.Error, Models: []string{}}
	if !st.Reachable {
		return st
	}
	for _, m := range s.listOllama(ctx, host) {
		st.Models = append(st.Models, m.Name)
	}
	return st
}

// SetOllamaHost sets the Ollama server ("" goes back to OLLAMA_HOST or
// 127.0.0.1:11434) and returns its status.
func (s *ModelsService) SetOllamaHost(host string) (OllamaStatus, error) {
	if host == "" {
		if err := s.settings.remove(ollamaHostSetting); err != nil {
			return OllamaStatus{}, err
		}
		return s.OllamaStatus(), nil
	}
	u, err := ollama.ParseHost(host)
	if err != nil {
		return OllamaStatus{}, errors.New("that is not a server address: write it like 127.0.0.1:11434 or http://host:port")
	}
	if !loopbackHost(u.String()) {
		msg := fmt.Sprintf("Your chats with Ollama models will go to %s, another machine: every message of those chats is sent there.\n\nUse this server?", u.Host)
		if err := confirm(s.dialogs, "Send your chats to another machine?", msg); err != nil {
			return OllamaStatus{}, err
		}
	}
	if err := s.settings.put(ollamaHostSetting, []byte(u.String())); err != nil {
		return OllamaStatus{}, err
	}
	return s.OllamaStatus(), nil
}

// ollamaModels lists the Ollama server's models as installed ones, or none
// when it does not answer.
func (s *ModelsService) ollamaModels() []InstalledModel {
	host, _ := s.ollamaHostFor()
	ctx, cancel := context.WithTimeout(context.Background(), ollamaTimeout)
	defer cancel()
	var out []InstalledModel
	for _, m := range s.listOllama(ctx, host) {
		out = append(out, InstalledModel{Name: m.Name, Backend: backendOllama, Source: hostOf(host), Size: m.Size,
			Architecture: m.Architecture, Quantization: m.Quantization, ContextLength: m.ContextLength})
	}
	return out
}

// listOllama returns the models of the server at host, or nil.
func (s *ModelsService) listOllama(ctx context.Context, host string) []engine.ModelInfo {
	b, err := ollama.New(host)
	if err != nil {
		return nil
	}
	models, err := b.List(ctx)
	if err != nil {
		return nil
	}
	return models
}

// hostOf returns the host:port of a server's URL, or the URL itself.
func hostOf(server string) string {
	if u, err := url.Parse(server); err == nil && u.Host != "" {
		return u.Host
	}
	return server
}

// loopbackHost says whether the Ollama server at host (a URL) runs on this
// machine: localhost or a loopback address. Other names count as remote
// without being resolved (a name's address can change under us).
func loopbackHost(host string) bool {
	u, err := url.Parse(host)
	if err != nil {
		return false
	}
	name := u.Hostname()
	if name == "localhost" || name == "localhost." {
		return true
	}
	ip := net.ParseIP(name)
	return ip != nil && ip.IsLoopback()
}
