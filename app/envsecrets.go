package app

import (
	"context"
	"os"
)

// secretEnvNames are the environment variables that may carry passphrases
// or an API key.
func secretEnvNames() []string {
	return []string{"HEARTH_PASSPHRASE", "HEARTH_NEW_PASSPHRASE", apiKeyEnv}
}

// envSecrets are the passphrases a command was given in its environment,
// by variable name.
type envSecrets map[string]string

type envSecretsKey struct{}

// takeEnvSecrets reads the passphrase variables and removes them from the
// process environment at once, so that no process Hearth starts (an Ollama
// server, MCP servers) inherits them. The values live on only in the
// returned map, for the command that needs them.
func takeEnvSecrets() envSecrets {
	s := envSecrets{}
	for _, name := range secretEnvNames() {
		if v, ok := os.LookupEnv(name); ok {
			s[name] = v
			os.Unsetenv(name)
		}
	}
	return s
}

// withEnvSecrets returns ctx carrying the secrets taken from the
// environment, for every store opening within one command.
func withEnvSecrets(ctx context.Context, s envSecrets) context.Context {
	return context.WithValue(ctx, envSecretsKey{}, s)
}

// envSecret returns the passphrase variable name: from those Run took out
// of the environment (carried by ctx) or, for a context that carries none,
// from the environment, which it then removes.
func envSecret(ctx context.Context, name string) (string, bool) {
	if s, ok := ctx.Value(envSecretsKey{}).(envSecrets); ok {
		v, ok := s[name]
		return v, ok
	}
	v, ok := os.LookupEnv(name)
	os.Unsetenv(name)
	return v, ok
}
