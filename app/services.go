package app

// services are the Go objects bound to the window, and what they share: the
// vault holding the encrypted store and the events sent to the window.
type services struct {
	events   *windowEvents
	vault    *Vault
	system   *SystemService
	vaultS   *VaultService
	chat     *ChatService
	models   *ModelsService
	memory   *MemoryService
	settings *SettingsService
	docs     *DocumentsService
	tools    *ToolsService
	plugins  *PluginsService
}

// newServices builds the window's services over the data directory.
func newServices() (*services, error) {
	dir, err := storeDir()
	if err != nil {
		return nil, err
	}
	if err := recoverStoreDir(dir); err != nil {
		return nil, err
	}
	ev := &windowEvents{}
	v := NewVault(dir, ev)
	dlg := e2eDialogs(newWindowDialogs(ev))
	chat := NewChatService(v, ev, dlg)
	docs := NewDocumentsService(v, ev, dlg)
	docs.yieldTo(chat)
	return &services{
		events:   ev,
		vault:    v,
		system:   NewSystemService(),
		vaultS:   NewVaultService(v),
		chat:     chat,
		tools:    NewToolsService(chat, dlg),
		plugins:  NewPluginsService(chat, dlg),
		models:   NewModelsService(v, ev, dlg),
		memory:   NewMemoryService(v),
		settings: NewSettingsService(v, dlg),
		docs:     docs,
	}, nil
}

// bound lists the services whose methods the window may call.
func (s *services) bound() []any {
	return []any{
		s.system,
		s.vaultS,
		s.chat,
		s.models,
		s.memory,
		s.settings,
		s.docs,
		s.tools,
		s.plugins,
	}
}

// close saves and closes what the services hold (the window is closing).
func (s *services) close() {
	s.docs.close()
	_ = s.chat.stopTools()
	_ = s.vault.Close()
}
