package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/hearth-app/hearth/plugins/manager"
)

// PluginsService is bound to the window's Plugins view: the installed
// WebAssembly plugins (install from a zip, a URL or the registry; enable,
// disable, remove), their audit log, developer mode and the registry. It
// shares the chat's plugin manager, so a plugin an answer loaded is the
// one listed here.
//
// An install is shown in two steps: ChooseZip or FromURL reads the zip and
// returns what it asks for (manager.Prompt) for the view to show; Install
// then installs exactly that zip (by its sha256) after the person says yes
// once more in a native dialog, which the page can neither draw nor
// answer.
type PluginsService struct {
	plugins *manager.Manager
	dialogs dialogs

	mu      sync.Mutex
	pending pendingZip
}

// pendingZip is the zip last shown to the person, waiting for Install.
type pendingZip struct {
	sha256 string
	zip    []byte
	origin string
}

// NewPluginsService returns the plugins service over the chat's plugin
// manager; installs and developer mode are confirmed through dlg.
func NewPluginsService(chat *ChatService, dlg dialogs) *PluginsService {
	return &PluginsService{plugins: chat.tools.plugins, dialogs: dlg}
}

// PluginRegistry is the registry as the Plugins view shows it.
type PluginRegistry struct {
	URL        string `json:"url"`
	PublicKey  string `json:"publicKey"`
	LastSerial uint64 `json:"lastSerial"`
	Refreshed  string `json:"refreshed"`
}

// List returns the installed plugins, in install order.
func (s *PluginsService) List() ([]manager.Plugin, error) {
	return s.plugins.List(context.Background())
}

// ChooseZip asks for a plugin zip in a native dialog and returns what it
// asks for; an empty ID means the person cancelled.
func (s *PluginsService) ChooseZip() (manager.Prompt, error) {
	path, err := s.dialogs.OpenFile("Install a plugin", "*.zip")
	if err != nil || path == "" {
		return manager.Prompt{}, err
	}
	zip, err := readCapped(path, manager.DefaultMaxZip)
	if err != nil {
		return manager.Prompt{}, err
	}
	return s.inspect(zip, "file")
}

// FromURL downloads a plugin zip (https only) and returns what it asks for.
func (s *PluginsService) FromURL(url string) (manager.Prompt, error) {
	zip, err := s.plugins.Download(context.Background(), strings.TrimSpace(url))
	if err != nil {
		return manager.Prompt{}, err
	}
	return s.inspect(zip, url)
}

// inspect checks zip and keeps it for Install.
func (s *PluginsService) inspect(zip []byte, origin string) (manager.Prompt, error) {
	p, err := s.plugins.Inspect(context.Background(), zip)
	if err != nil {
		return manager.Prompt{}, err
	}
	s.mu.Lock()
	s.pending = pendingZip{sha256: p.SHA256, zip: zip, origin: origin}
	s.mu.Unlock()
	return p, nil
}

// Install installs the zip last shown, whose sha256 the view passes back,
// after the person confirms in a native dialog.
func (s *PluginsService) Install(sha256 string) (manager.Plugin, error) {
	s.mu.Lock()
	p := s.pending
	s.mu.Unlock()
	if p.sha256 == "" || p.sha256 != sha256 {
		return manager.Plugin{}, errors.New("choose the plugin again: the one shown is no longer waiting")
	}
	pl, err := s.plugins.Install(context.Background(), p.zip, s.approver(sha256))
	if err == nil {
		s.mu.Lock()
		s.pending = pendingZip{}
		s.mu.Unlock()
	}
	return pl, err
}

// InstallID installs the newest version of a plugin the registry offers,
// after the person confirms what it asks for in a native dialog.
func (s *PluginsService) InstallID(id string) (manager.Plugin, error) {
	return s.plugins.InstallID(context.Background(), strings.TrimSpace(id), s.approver(""))
}

// approver confirms an install in a native dialog that shows what the
// plugin asks for; with sha256 set, only that exact zip.
func (s *PluginsService) approver(sha256 string) manager.Approver {
	return manager.ApproverFunc(func(_ context.Context, p manager.Prompt) (bool, error) {
		if sha256 != "" && p.SHA256 != sha256 {
			return false, nil
		}
		var b strings.Builder
		printPrompt(&b, p)
		title := "Install this plugin?"
		if p.Update {
			title = "Update this plugin?"
		}
		err := confirm(s.dialogs, title, b.String())
		if errors.Is(err, errNotConfirmed) {
			return false, nil
		}
		return err == nil, err
	})
}

// Enable lets a plugin's tools be used again.
func (s *PluginsService) Enable(id string) error { return s.plugins.Enable(context.Background(), id) }

// Disable stops a plugin's tools from being used; it stays installed.
func (s *PluginsService) Disable(id string) error { return s.plugins.Disable(context.Background(), id) }

// Remove forgets a plugin, its grants and its secrets.
func (s *PluginsService) Remove(id string) error { return s.plugins.Remove(context.Background(), id) }

// Audit returns what plugins did and were refused, newest first.
func (s *PluginsService) Audit() ([]manager.AuditEntry, error) {
	log, err := s.plugins.Audit(context.Background())
	if log == nil {
		log = []manager.AuditEntry{}
	}
	return log, err
}

// DevMode says whether unsigned plugins may be installed.
func (s *PluginsService) DevMode() (bool, error) { return s.plugins.DevMode(context.Background()) }

// SetDevMode turns developer mode on (after a native confirmation) or off.
func (s *PluginsService) SetDevMode(on bool) error {
	if on {
		msg := "Unsigned plugins could then be installed: nobody vouches for their code, and they are marked " +
			manager.UnsignedLabel + ". Turn this on only to test plugins you are writing."
		if err := confirm(s.dialogs, "Turn on developer mode?", msg); err != nil {
			return err
		}
	}
	return s.plugins.SetDevMode(context.Background(), on)
}

// Registry returns the plugin registry and its last verified serial.
func (s *PluginsService) Registry() (PluginRegistry, error) {
	r, err := s.plugins.Registry(context.Background())
	if err != nil {
		return PluginRegistry{}, err
	}
	out := PluginRegistry{URL: r.URL, PublicKey: r.PublicKey, LastSerial: r.LastSerial}
	if !r.Refreshed.IsZero() {
		out.Refreshed = r.Refreshed.UTC().Format("2006-01-02T15:04:05Z")
	}
	return out, nil
}

// SetRegistry chooses the registry at url signed by publicKey, after a
// native confirmation (Hearth will then fetch from it).
func (s *PluginsService) SetRegistry(url, publicKey string) error {
	url, publicKey = strings.TrimSpace(url), strings.TrimSpace(publicKey)
	msg := fmt.Sprintf("Hearth will read the list of plugins from\n\n%s\n\nand trust it only when it is signed by the key\n\n%s", url, publicKey)
	if err := confirm(s.dialogs, "Use this plugin registry?", msg); err != nil {
		return err
	}
	return s.plugins.SetRegistry(context.Background(), url, publicKey)
}

// Refresh reads the registry's signed index and disables the plugins
// whose version it revoked.
func (s *PluginsService) Refresh() (manager.RefreshReport, error) {
	return s.plugins.Refresh(context.Background())
}
