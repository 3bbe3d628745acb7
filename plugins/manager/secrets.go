package manager

import (
	"context"
	"fmt"
	"slices"
)

// Bounds on a plugin's secrets.
const (
	maxSecrets     = 64
	maxSecretKey   = 128
	maxSecretValue = 64 << 10
)

func secretKey(id, key string) string { return "plugins/" + id + "/secret/" + key }

// Secret returns the plugin's secret key.
func (m *Manager) Secret(ctx context.Context, id, key string) (string, bool, error) {
	if err := checkSecretKey(key); err != nil {
		return "", false, err
	}
	b, ok, err := m.st.Get(ctx, secretKey(id, key))
	return string(b), ok, err
}

// SetSecret stores the plugin's secret key, sealed.
func (m *Manager) SetSecret(ctx context.Context, id, key, value string) error {
	if err := checkSecretKey(key); err != nil {
		return err
	}
	if len(value) > maxSecretValue {
		return fmt.Errorf("a secret holds at most %d KiB", maxSecretValue>>10)
	}
	return m.secretNames(ctx, id, func(names []string) ([]string, error) {
		if !slices.Contains(names, key) {
			if len(names) >= maxSecrets {
				return nil, fmt.Errorf("a plugin keeps at most %d secrets", maxSecrets)
			}
			names = append(names, key)
		}
		return names, m.st.Put(ctx, secretKey(id, key), []byte(value))
	})
}

// DeleteSecret removes the plugin's secret key; a missing one is not an
// error.
func (m *Manager) DeleteSecret(ctx context.Context, id, key string) error {
	if err := checkSecretKey(key); err != nil {
		return err
	}
	return m.secretNames(ctx, id, func(names []string) ([]string, error) {
		return slices.DeleteFunc(names, func(s string) bool { return s == key }), m.st.Delete(ctx, secretKey(id, key))
	})
}

// secretNames changes the list of the plugin's secret names with fn.
func (m *Manager) secretNames(ctx context.Context, id string, fn func([]string) ([]string, error)) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	r, err := loadRecord(ctx, m.st, id)
	if err != nil {
		return err
	}
	names, err := fn(r.Secrets)
	if err != nil {
		return err
	}
	r.Secrets = names
	return saveRecord(ctx, m.st, r)
}

// checkSecretKey refuses an empty or overlong secret name.
func checkSecretKey(key string) error {
	if key == "" || len(key) > maxSecretKey {
		return fmt.Errorf("a secret's name must have 1 to %d bytes", maxSecretKey)
	}
	return nil
}
