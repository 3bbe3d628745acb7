package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/hearth-app/hearth/engine"
)

// SettingsService is bound to the window: theme, default model and
// generation settings, the local API server, the data folder, backup and
// restore. The passphrase and auto-lock are VaultService's.
type SettingsService struct {
	vault    *Vault
	dialogs  dialogs
	settings vaultSettings
	dataDir  string

	mu  sync.Mutex
	api *apiServer // nil while stopped
	// apiAddr is where the API server listens.
	apiAddr string
}

// NewSettingsService returns the settings service over the vault.
func NewSettingsService(vault *Vault, dlg dialogs) *SettingsService {
	return &SettingsService{vault: vault, dialogs: dlg, settings: vaultSettings{vault: vault},
		dataDir: dataDirOf(vault), apiAddr: defaultAPIAddr}
}

// Themes the window can show.
var themes = []string{"system", "light", "dark"}

// uiPrefs are the preferences kept in clear in ui.json, because the window
// needs them before the store is unlocked (the unlock screen has a theme
// too). Nothing in it is personal.
type uiPrefs struct {
	Theme string `json:"theme"`
}

func (s *SettingsService) uiFile() string { return filepath.Join(s.dataDir, "ui.json") }

// Theme returns the window's theme: "system" (the default), "light" or
// "dark". It works while the store is locked.
func (s *SettingsService) Theme() string {
	var p uiPrefs
	b, err := os.ReadFile(s.uiFile())
	if err != nil || json.Unmarshal(b, &p) != nil || !validTheme(p.Theme) {
		return "system"
	}
	return p.Theme
}

func validTheme(t string) bool {
	for _, x := range themes {
		if x == t {
			return true
		}
	}
	return false
}

// SetTheme keeps the window's theme.
func (s *SettingsService) SetTheme(theme string) error {
	if !validTheme(theme) {
		return fmt.Errorf("the theme must be one of %s", strings.Join(themes, ", "))
	}
	b, err := json.Marshal(uiPrefs{Theme: theme})
	if err != nil {
		return err
	}
	if err := os.MkdirAll(s.dataDir, 0o700); err != nil {
		return fmt.Errorf("save theme: %w", err)
	}
	return writeFileReplacing(s.uiFile(), b, 0o600)
}

// DataDir returns the folder Hearth keeps everything in.
func (s *SettingsService) DataDir() string { return s.dataDir }

// OpenDataDir shows the data folder in the file manager.
func (s *SettingsService) OpenDataDir() error { return s.dialogs.ShowFolder(s.dataDir) }

// GenerationDefaults are the sampling settings new chats start with.
type GenerationDefaults struct {
	Temperature float64 `json:"temperature"`
	TopP        float64 `json:"topP"`
	MaxTokens   int     `json:"maxTokens"`
	System      string  `json:"system"` // the system prompt; "" for none
}

// standardGeneration returns the settings a new chat starts with before the
// person changes them: engine.DefaultOptions, as on the command line.
func standardGeneration() GenerationDefaults {
	d := engine.DefaultOptions()
	return GenerationDefaults{Temperature: d.Temperature, TopP: d.TopP, MaxTokens: d.MaxTokens}
}

// check says what is wrong with g, in one sentence.
func (g GenerationDefaults) check() error {
	switch {
	case math.IsNaN(g.Temperature) || g.Temperature < 0 || g.Temperature > 2:
		return errors.New("the temperature must be between 0 and 2")
	case math.IsNaN(g.TopP) || g.TopP <= 0 || g.TopP > 1:
		return errors.New("top-p must be more than 0 and at most 1")
	case g.MaxTokens < 1 || g.MaxTokens > 32768:
		return errors.New("the answer length must be between 1 and 32768 tokens")
	case len(g.System) > 16<<10:
		return errors.New("the system prompt is too long (16 KB at most)")
	}
	return nil
}

// Defaults are the model and generation settings new chats start with.
type Defaults struct {
	Model      string             `json:"model"` // "" when none is chosen
	Generation GenerationDefaults `json:"generation"`
}

// Defaults returns the default model and generation settings.
func (s *SettingsService) Defaults() (Defaults, error) {
	d := Defaults{Generation: standardGeneration()}
	model, _, err := s.settings.get(defaultModelSetting)
	if err != nil {
		return d, err
	}
	d.Model = string(model)
	gen, ok, err := s.settings.get(defaultGenerationSetting)
	if err == nil && ok {
		var g GenerationDefaults
		if json.Unmarshal(gen, &g) == nil && g.check() == nil {
			d.Generation = g
		}
	}
	return d, err
}

// SetDefaultModel sets the model new chats use ("" for none).
func (s *SettingsService) SetDefaultModel(name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return s.settings.remove(defaultModelSetting)
	}
	return s.settings.put(defaultModelSetting, []byte(name))
}

// SetGeneration sets the generation settings new chats use.
func (s *SettingsService) SetGeneration(g GenerationDefaults) error {
	if err := g.check(); err != nil {
		return err
	}
	b, err := json.Marshal(g)
	if err != nil {
		return err
	}
	return s.settings.put(defaultGenerationSetting, b)
}
