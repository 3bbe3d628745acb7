// Command hearth is Hearth, a private AI assistant that lives on the user's own
// computer. With no arguments it opens the desktop window; with a subcommand it
// runs headless (see `hearth --help`).
package main

import (
	"embed"
	"os"

	"github.com/hearth-app/hearth/app"
)

var (
	//go:embed all:frontend/dist
	ui embed.FS
	//go:embed build/appicon.png
	icon []byte
)

func main() {
	os.Exit(app.Main(os.Args[1:], app.Assets{UI: ui, Icon: icon}))
}
