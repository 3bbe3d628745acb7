package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/hearth-app/hearth/plugins/manager"
	"github.com/hearth-app/hearth/plugins/registry"
)

// PluginsService is bound to the window's Plugins view: the installed
// WebAssembly plugins (enable, disable, remove), installs from a file or
// from the registry through the permission sheet, the registry itself and
// the audit log of the plugins' host calls. It shares the chat's plugin
// manager, so a plugin installed here is offered to the next answer.
//
// An install takes two calls, so that the page never names what gets
// installed: InspectFile (the file comes from a native dialog Go opens),
// InspectURL (the address is confirmed in a native dialog) or
// InspectRegistry runs every check and returns the sheet with a token, and
// Install(token) installs exactly the zip the sheet described. The zip
// stays in Go between the two calls. Install itself asks once more in a
// native dialog, which the page can neither draw nor answer.
type PluginsService struct {
	plugins *manager.Manager
	dialogs dialogs
	sheets  *pendingSheets
}

// NewPluginsService returns the plugins service over the chat's plugin
// manager; removing a plugin, choosing a registry, turning developer mode
// on, downloading from an address and every install are confirmed
// through dlg.
func NewPluginsService(chat *ChatService, dlg dialogs) *PluginsService {
	return &PluginsService{plugins: chat.tools.plugins, dialogs: dlg, sheets: newPendingSheets(time.Now)}
}

// InstallSheet is the permission sheet of an install: everything the
// plugin asks for, and the token that installs it.
type InstallSheet struct {
	// Token installs exactly this zip with Install; "" when the person
	// cancelled the file dialog.
	Token  string         `json:"token"`
	Prompt manager.Prompt `json:"prompt"`
	// From says where the zip came from: its file name, or "registry".
	From string `json:"from"`
}

// RegistryView is the registry the person chose and what its last
// verified index offers.
type RegistryView struct {
	URL       string           `json:"url"`
	PublicKey string           `json:"publicKey"`
	Serial    uint64           `json:"serial"`
	Refreshed string           `json:"refreshed"`
	Expires   string           `json:"expires"`
	Plugins   []RegistryPlugin `json:"plugins"`
}

// RegistryPlugin is one plugin the registry's index lists.
type RegistryPlugin struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Author      string `json:"author"`
	// Latest is the newest version offered; "" when every version was
	// yanked or revoked.
	Latest string `json:"latest"`
	// Installed is the installed version, "" when not installed.
	Installed string `json:"installed"`
}

// errSheetGone is an Install whose token is unknown, used or too old.
var errSheetGone = errors.New("this install sheet is no longer valid: choose the plugin again")

// errSheetStale is an Install whose plugin is no longer what the sheet
// showed (another version was installed meanwhile, or the registry now
// serves another file).
var errSheetStale = errors.New("the plugin is no longer what the sheet showed, so nothing was installed: look at it again")

// maxPluginZip is the largest plugin file the window reads.
const maxPluginZip = manager.DefaultMaxZip

// List returns the installed plugins, in the order they were installed.
func (s *PluginsService) List() ([]manager.Plugin, error) {
	ps, err := s.plugins.List(context.Background())
	if ps == nil {
		ps = []manager.Plugin{}
	}
	return ps, pluginSentence(err)
}

// InspectFile asks for a plugin zip in a native file dialog, runs every
// check of an install on it and returns its sheet; nothing is installed.
// The sheet's token is "" when the person cancelled the dialog.
func (s *PluginsService) InspectFile() (InstallSheet, error) {
	path, err := s.dialogs.OpenFile("Choose a Hearth plugin", "*.zip")
	if err != nil || path == "" {
		return InstallSheet{}, err
	}
	zip, err := readCapped(path, maxPluginZip)
	if err != nil {
		return InstallSheet{}, err
	}
	p, err := s.plugins.Inspect(context.Background(), zip)
	if err != nil {
		return InstallSheet{}, pluginSentence(err)
	}
	from := filepath.Base(path)
	return InstallSheet{Token: s.sheets.add(pendingSheet{zip: zip, prompt: p, from: from}), Prompt: p, From: from}, nil
}

// InspectURL downloads a plugin zip from an https URL, once the person
// confirms the address in a native dialog (the page chose it), runs every
// check of an install on it and returns its sheet; nothing is installed.
func (s *PluginsService) InspectURL(url string) (InstallSheet, error) {
	url = strings.TrimSpace(url)
	if url == "" {
		return InstallSheet{}, errors.New("give the plugin's https address")
	}
	msg := fmt.Sprintf("Hearth will download the plugin at\n\n%s\n\nand show you what it asks for before anything is installed.", url)
	if err := confirm(s.dialogs, "Download this plugin?", msg); err != nil {
		return InstallSheet{}, err
	}
	ctx := context.Background()
	zip, err := s.plugins.Download(ctx, url)
	if err != nil {
		return InstallSheet{}, pluginSentence(err)
	}
	p, err := s.plugins.Inspect(ctx, zip)
	if err != nil {
		return InstallSheet{}, pluginSentence(err)
	}
	return InstallSheet{Token: s.sheets.add(pendingSheet{zip: zip, prompt: p, from: url}), Prompt: p, From: url}, nil
}

// InspectRegistry downloads the newest version of plugin id that the
// registry offers, runs every check of an install on it and returns its
// sheet; nothing is installed. Like every registry install it refreshes
// the index first (so a revoked version is never shown as installable).
func (s *PluginsService) InspectRegistry(id string) (InstallSheet, error) {
	var shown manager.Prompt
	seen := manager.ApproverFunc(func(_ context.Context, p manager.Prompt) (bool, error) {
		shown = p
		return false, nil
	})
	_, err := s.plugins.InstallID(context.Background(), id, seen)
	if shown.ID == "" {
		return InstallSheet{}, pluginSentence(err)
	}
	ps := pendingSheet{registryID: id, prompt: shown, from: "registry"}
	return InstallSheet{Token: s.sheets.add(ps), Prompt: shown, From: ps.from}, nil
}

// Install installs the plugin of the sheet token, as the sheet showed it,
// once the person says yes in a native dialog that repeats what it asks
// for: page script can call any bound method, so the sheet's Install
// button alone is not the person's yes. A sheet installs once; a no
// leaves it waiting.
func (s *PluginsService) Install(token string) (manager.Plugin, error) {
	ps, ok := s.sheets.get(token)
	if !ok {
		return manager.Plugin{}, errSheetGone
	}
	if err := confirm(s.dialogs, installTitle(ps.prompt), installQuestion(ps)); err != nil {
		return manager.Plugin{}, err // the sheet stays: the person may still say yes
	}
	if _, ok := s.sheets.take(token); !ok {
		return manager.Plugin{}, errSheetGone
	}
	same := manager.ApproverFunc(func(_ context.Context, p manager.Prompt) (bool, error) {
		if !samePrompt(p, ps.prompt) {
			return false, errSheetStale
		}
		return true, nil
	})
	ctx := context.Background()
	if ps.registryID == "" {
		p, err := s.plugins.Install(ctx, ps.zip, same)
		return p, pluginSentence(err)
	}
	p, err := s.plugins.InstallID(ctx, ps.registryID, same)
	return p, pluginSentence(err)
}

// Cancel forgets the sheet token: the person closed it without installing.
func (s *PluginsService) Cancel(token string) { s.sheets.take(token) }

// Enable lets the plugin's tools be offered and called again.
func (s *PluginsService) Enable(id string) error {
	return pluginSentence(s.plugins.Enable(context.Background(), id))
}

// Disable stops the plugin and keeps it, its grants and its secrets.
func (s *PluginsService) Disable(id string) error {
	return pluginSentence(s.plugins.Disable(context.Background(), id))
}

// Remove forgets the plugin, its grants and its secrets, once the person
// confirms it in a native dialog.
func (s *PluginsService) Remove(id string) error {
	ctx := context.Background()
	p, err := s.plugins.Get(ctx, id)
	if err != nil {
		return pluginSentence(err)
	}
	msg := fmt.Sprintf("Remove the plugin %s (%s %s)? Its tools, the calls you allowed always and the secrets it keeps go with it.", p.Name, p.ID, p.Version)
	if err := confirm(s.dialogs, "Remove the plugin?", msg); err != nil {
		return err
	}
	return pluginSentence(s.plugins.Remove(ctx, id))
}

// Audit returns the plugins' host calls, allowed or denied, newest first.
func (s *PluginsService) Audit() ([]manager.AuditEntry, error) {
	log, err := s.plugins.Audit(context.Background())
	if log == nil {
		log = []manager.AuditEntry{}
	}
	return log, pluginSentence(err)
}

// DevMode says whether unsigned plugins may be installed.
func (s *PluginsService) DevMode() (bool, error) {
	on, err := s.plugins.DevMode(context.Background())
	return on, pluginSentence(err)
}

// SetDevMode turns developer mode on (after a yes in a native dialog) or
// off.
func (s *PluginsService) SetDevMode(on bool) error {
	if on {
		msg := "Unsigned plugins can then be installed. Nobody vouches for their code: turn this on only for plugins you build yourself."
		if err := confirm(s.dialogs, "Turn developer mode on?", msg); err != nil {
			return err
		}
	}
	return pluginSentence(s.plugins.SetDevMode(context.Background(), on))
}

// Registry returns the registry settings and the plugins its last
// verified index offers.
func (s *PluginsService) Registry() (RegistryView, error) {
	ctx := context.Background()
	rs, err := s.plugins.Registry(ctx)
	if err != nil {
		return RegistryView{}, pluginSentence(err)
	}
	installed, err := s.plugins.List(ctx)
	if err != nil {
		return RegistryView{}, pluginSentence(err)
	}
	return registryView(rs, installed), nil
}

// SetRegistry chooses the registry at url whose index is signed by
// publicKey, once the person confirms both in a native dialog.
func (s *PluginsService) SetRegistry(url, publicKey string) error {
	url, publicKey = strings.TrimSpace(url), strings.TrimSpace(publicKey)
	if url == "" || publicKey == "" {
		return errors.New("give the registry's URL and its public key")
	}
	msg := fmt.Sprintf("Hearth will download the plugin index from\n\n%s\n\nand trust it only when it is signed by the key\n\n%s", url, publicKey)
	if err := confirm(s.dialogs, "Use this plugin registry?", msg); err != nil {
		return err
	}
	return pluginSentence(s.plugins.SetRegistry(context.Background(), url, publicKey))
}

// Refresh downloads and verifies the registry's index; installed versions
// it revoked are disabled.
func (s *PluginsService) Refresh() (manager.RefreshReport, error) {
	rep, err := s.plugins.Refresh(context.Background())
	return rep, pluginSentence(err)
}

// registryView lists what the index in rs offers beside what is installed.
func registryView(rs manager.RegistrySettings, installed []manager.Plugin) RegistryView {
	v := RegistryView{URL: rs.URL, PublicKey: rs.PublicKey, Serial: rs.LastSerial, Plugins: []RegistryPlugin{}}
	if !rs.Refreshed.IsZero() {
		v.Refreshed = rs.Refreshed.Format(time.RFC3339)
	}
	var ix registry.Index
	if len(rs.Index) == 0 || json.Unmarshal(rs.Index, &ix) != nil {
		return v // verified when it was stored; one that no longer reads offers nothing
	}
	v.Expires = ix.Expires.Format(time.RFC3339)
	versions := map[string]string{}
	for _, p := range installed {
		versions[p.ID] = p.Version
	}
	for _, e := range ix.Plugins {
		rp := RegistryPlugin{ID: e.ID, Name: e.Name, Description: e.Description, Author: e.Author, Installed: versions[e.ID]}
		if _, latest, ok := ix.Latest(e.ID); ok {
			rp.Latest = latest.Version
		}
		v.Plugins = append(v.Plugins, rp)
	}
	return v
}

// installTitle is the title of the native confirmation of an install.
func installTitle(p manager.Prompt) string {
	if p.Update {
		return fmt.Sprintf("Update %s to %s?", p.Name, p.Version)
	}
	return fmt.Sprintf("Install %s %s?", p.Name, p.Version)
}

// installQuestion is the native confirmation of an install: what the
// sheet showed, as the command line prints it, and where it came from.
func installQuestion(ps pendingSheet) string {
	var b strings.Builder
	printPrompt(&b, ps.prompt)
	fmt.Fprintf(&b, "From: %s", ps.from)
	return b.String()
}

// samePrompt says whether an install asks exactly what the sheet showed.
func samePrompt(a, b manager.Prompt) bool {
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && string(ja) == string(jb)
}

// pluginSentence is err as the one sentence the window shows.
func pluginSentence(err error) error {
	if err == nil || errors.Is(err, errSheetStale) {
		return err
	}
	return errors.New(bounded(strings.ReplaceAll(err.Error(), "\n", " "), 300))
}
