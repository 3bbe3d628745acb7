package app

import (
	"os"
	"path/filepath"

	"github.com/hearth-app/hearth/plugins/manager"
	"github.com/hearth-app/hearth/plugins/tool"
)

// pluginLoopbackPort lets a plugin's net:fetch reach
// http://127.0.0.1:PORT. It is 0 in every build: only the app's tests set
// it (export_test.go), so that the fetch example can reach an httptest
// server. It is a variable in Go rather than an environment variable or
// a flag because nothing outside this process's own test code can set
// it; an environment variable would let whatever starts Hearth open the
// loopback to every plugin with net:fetch.
var pluginLoopbackPort int

// pluginCacheDir is where the plugin host keeps compiled modules: the
// user's cache folder (hearth/plugins), or "" (in memory) when there is
// none.
func pluginCacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "hearth", "plugins")
}

// newPluginManager returns the plugin manager over the sealed store st;
// services gives each plugin what the app offers it.
func newPluginManager(st tool.Store, services func(id string) manager.AppServices) *manager.Manager {
	return manager.New(st, manager.Options{
		Version:           Version,
		CacheDir:          pluginCacheDir(),
		LoopbackFetchPort: pluginLoopbackPort,
		Services:          services,
	})
}
