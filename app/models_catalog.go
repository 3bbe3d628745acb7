package app

import (
	"runtime"
	"slices"

	"github.com/hearth-app/hearth/engine/catalog"
)

// Fit says how a catalog model suits this machine's memory.
type Fit string

// Fits, tight and too big, as the catalog shows them.
const (
	FitFits    Fit = "fits"    // it runs with the memory free now
	FitTight   Fit = "tight"   // the machine has the memory, but other apps would have to give some back
	FitTooBig  Fit = "too-big" // the machine does not have the memory
	FitUnknown Fit = "unknown" // the machine's memory could not be read
)

// fitOf rates m for a machine with total bytes of memory, free of them free
// now, with the rule `hearth doctor` recommends by (catalog.Model.Fits).
func fitOf(m catalog.Model, total, free uint64) Fit {
	switch {
	case total == 0:
		return FitUnknown
	case !m.Fits(total):
		return FitTooBig
	case !m.Fits(free):
		return FitTight
	}
	return FitFits
}

// CatalogModel is a model Hearth can download, with how it suits this
// machine.
type CatalogModel struct {
	Name          string `json:"name"`
	Title         string `json:"title"`
	Description   string `json:"description"`
	Kind          string `json:"kind"` // "chat" or "embedding"
	Parameters    string `json:"parameters"`
	Quantization  string `json:"quantization"`
	License       string `json:"license"`
	Size          int64  `json:"size"`
	RAM           int64  `json:"ram"` // bytes needed to run it
	ContextLength int    `json:"contextLength"`
	Fit           Fit    `json:"fit"`
	Recommended   bool   `json:"recommended"` // one of doctor's picks for this machine
	Installed     bool   `json:"installed"`
}

// Catalog lists the catalog: the recommended chat models first (best
// first), then the rest.
func (s *ModelsService) Catalog() ([]CatalogModel, error) {
	cat, err := catalog.Load()
	if err != nil {
		return nil, err
	}
	total, free := memoryStats()
	recommended := recommend(free, runtime.NumCPU())
	installed := map[string]bool{}
	if entries, err := s.lib.List(); err == nil {
		for _, e := range entries {
			installed[e.Name] = !e.Missing
		}
	}
	var out []CatalogModel
	for _, m := range ordered(cat, cat.Recommend(free, runtime.NumCPU())) {
		out = append(out, CatalogModel{
			Name: m.Name, Title: m.Title, Description: m.Description, Kind: string(m.Kind),
			Parameters: m.Parameters, Quantization: m.Quantization, License: m.License,
			Size: m.Size, RAM: m.RAM, ContextLength: m.ContextLength, Fit: fitOf(m, total, free),
			Recommended: slices.Contains(recommended, m.Name), Installed: installed[m.Name],
		})
	}
	return out, nil
}
