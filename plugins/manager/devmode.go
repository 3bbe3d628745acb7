package manager

import "context"

// DevMode says whether developer mode is on: unsigned plugins may be
// installed. It is off unless the user turned it on.
func (m *Manager) DevMode(ctx context.Context) (bool, error) {
	b, ok, err := m.st.Get(ctx, keyDevMode)
	return ok && string(b) == "on", err
}

// SetDevMode turns developer mode on or off. Turning it off leaves the
// unsigned plugins installed, still marked unsigned.
func (m *Manager) SetDevMode(ctx context.Context, on bool) error {
	if !on {
		return m.st.Delete(ctx, keyDevMode)
	}
	return m.st.Put(ctx, keyDevMode, []byte("on"))
}
