package app

import "context"

// SystemService is bound to the window: it tells the UI about Hearth and the
// machine it runs on.
type SystemService struct{}

// NewSystemService returns a SystemService.
func NewSystemService() *SystemService { return &SystemService{} }

// Version returns the running build.
func (s *SystemService) Version() BuildInfo { return CurrentBuild() }

// Diagnose returns the same report as `hearth doctor`.
func (s *SystemService) Diagnose() Report { return Diagnose(context.Background()) }
