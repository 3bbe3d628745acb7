package app

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/hearth-app/hearth/engine/library"
)

// modelStoreOpener opens the Store the model library records its models in.
type modelStoreOpener func() (library.Store, error)

// openModelStore is the model library's Store for now: plain files under the
// data directory.
//
// TODO(lead): swap for the encrypted store's sealed settings once memory/
// provides them; model paths are user data.
func openModelStore() (library.Store, error) {
	dir, err := DataDir()
	if err != nil {
		return nil, err
	}
	return library.NewFileStore(filepath.Join(dir, "settings")), nil
}

func newModelsCommand(open modelStoreOpener) *cobra.Command {
	_ = open
	return &cobra.Command{
		Use:                "models",
		Short:              "List, download, import and remove models (not implemented yet)",
		DisableFlagParsing: true,
		RunE: func(c *cobra.Command, _ []string) error {
			return fmt.Errorf("%s is not implemented yet", c.CommandPath())
		},
	}
}
