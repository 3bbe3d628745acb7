package app

import "testing"

// Test hooks for the black-box tests of the plugins commands.
var (
	PluginStage = pluginStage
	SigningKey  = signingKey
	KeyID       = keyID
	StageZip    = stageZip
)

// SetPluginLoopbackPort lets plugins' net:fetch reach 127.0.0.1:port for
// the rest of the test.
func SetPluginLoopbackPort(t testing.TB, port int) {
	old := pluginLoopbackPort
	pluginLoopbackPort = port
	t.Cleanup(func() { pluginLoopbackPort = old })
}
