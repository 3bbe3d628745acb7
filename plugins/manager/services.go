package manager

import (
	"context"
	"errors"

	"github.com/hearth-app/hearth/plugins/host"
)

// AppServices is what the app offers a plugin through the host API, apart
// from its secrets, which the manager keeps itself. Every method runs only
// after the host checked the plugin's grant.
type AppServices interface {
	SearchMemory(ctx context.Context, query string, k int) ([]host.Hit, error)
	WriteMemory(ctx context.Context, text string) (id string, err error)
	Generate(ctx context.Context, prompt string, maxTokens int) (string, error)
	Notify(ctx context.Context, title, body string) error
	PickFile(ctx context.Context, title string) (name string, data []byte, ok bool, err error)
}

// errNoService answers a plugin when the app offers nothing.
var errNoService = errors.New("this Hearth offers plugins no such service here")

// noServices is AppServices that offers nothing.
type noServices struct{}

func (noServices) SearchMemory(context.Context, string, int) ([]host.Hit, error) {
	return nil, errNoService
}
func (noServices) WriteMemory(context.Context, string) (string, error) { return "", errNoService }
func (noServices) Generate(context.Context, string, int) (string, error) {
	return "", errNoService
}
func (noServices) Notify(context.Context, string, string) error { return errNoService }
func (noServices) PickFile(context.Context, string) (string, []byte, bool, error) {
	return "", nil, false, errNoService
}

// services is host.Services for one plugin: the app's, plus its secrets.
type services struct {
	AppServices
	m  *Manager
	id string
}

var _ host.Services = services{}

func (s services) Secret(ctx context.Context, key string) (string, bool, error) {
	return s.m.Secret(ctx, s.id, key)
}

func (s services) SetSecret(ctx context.Context, key, value string) error {
	return s.m.SetSecret(ctx, s.id, key, value)
}

func (s services) DeleteSecret(ctx context.Context, key string) error {
	return s.m.DeleteSecret(ctx, s.id, key)
}

// servicesFor returns the host services of the plugin id.
func (m *Manager) servicesFor(id string) host.Services {
	var app AppServices = noServices{}
	if m.opts.Services != nil {
		if s := m.opts.Services(id); s != nil {
			app = s
		}
	}
	return services{AppServices: app, m: m, id: id}
}
