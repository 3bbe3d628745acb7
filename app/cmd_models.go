package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/hearth-app/hearth/engine/catalog"
	"github.com/hearth-app/hearth/engine/download"
	"github.com/hearth-app/hearth/engine/library"
	"github.com/hearth-app/hearth/memory"
)

// modelStoreOpener opens the Store the model library records its models in,
// with a function that closes it.
type modelStoreOpener func(ctx context.Context, stdio IO) (library.Store, func(), error)

// openModelStore is the model library's Store: the encrypted store's sealed
// settings, since which models a user has and where they lie is user data.
func openModelStore(ctx context.Context, stdio IO) (library.Store, func(), error) {
	st, err := openStore(ctx, stdio)
	if err != nil {
		return nil, nil, err
	}
	return sealedSettings{ctx: ctx, st: st}, func() { st.Close() }, nil
}

// sealedSettings is a library.Store over the encrypted store's settings.
type sealedSettings struct {
	ctx context.Context
	st  *memory.Store
}

func (s sealedSettings) Get(key string) ([]byte, error) {
	v, err := s.st.Setting(s.ctx, "library/"+key)
	if errors.Is(err, memory.ErrNotFound) {
		return nil, nil
	}
	return v, err
}

func (s sealedSettings) Put(key string, val []byte) error {
	return s.st.SetSetting(s.ctx, "library/"+key, val)
}

// modelsDir is where downloaded models go.
func modelsDir() (string, error) {
	dir, err := DataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "models"), nil
}

func newModelsCommand(open modelStoreOpener) *cobra.Command {
	c := &cobra.Command{
		Use:   "models",
		Short: "List, download, import and remove models",
		Args:  cobra.ArbitraryArgs,
		RunE:  unknownSubcommand,
	}
	c.AddCommand(newModelsListCommand(open), newModelsPullCommand(open), newModelsImportCommand(open), newModelsRmCommand(open))
	return c
}

// withLibrary opens the library for the duration of run.
func withLibrary(c *cobra.Command, open modelStoreOpener, run func(*library.Library) error) error {
	dir, err := modelsDir()
	if err != nil {
		return err
	}
	store, closeStore, err := open(c.Context(), IO{In: c.InOrStdin(), Out: c.OutOrStdout(), Err: c.ErrOrStderr()})
	if err != nil {
		return err
	}
	defer closeStore()
	return run(library.New(dir, store))
}

func newModelsListCommand(open modelStoreOpener) *cobra.Command {
	var available, asJSON bool
	c := &cobra.Command{
		Use:   "list",
		Short: "List your models, or with --available the catalog's, best for this machine first",
		Args:  exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			if available {
				return listAvailable(c.OutOrStdout(), asJSON)
			}
			return withLibrary(c, open, func(lib *library.Library) error {
				entries, err := lib.List()
				if err != nil {
					return err
				}
				return listInstalled(c.OutOrStdout(), entries, asJSON)
			})
		},
	}
	c.Flags().BoolVar(&available, "available", false, "list the models Hearth can download")
	c.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return c
}

func listInstalled(w io.Writer, entries []library.Entry, asJSON bool) error {
	for i := range entries {
		entries[i].Embedding = isEmbeddingEntry(entries[i])
	}
	if asJSON {
		return writeJSONTo(w, entries)
	}
	if len(entries) == 0 {
		fmt.Fprintln(w, "No models yet. See 'hearth models list --available', then 'hearth models pull NAME'.")
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tKIND\tSIZE\tARCH\tQUANT\tORIGIN\tPATH")
	for _, e := range entries {
		path := e.Path
		if e.Missing {
			path += " (missing)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", terminalText(e.Name), entryKind(e), download.Bytes(e.Size), terminalText(e.Architecture), e.Quantization, e.Origin, terminalText(path))
	}
	return tw.Flush()
}

func listAvailable(w io.Writer, asJSON bool) error {
	cat, err := catalog.Load()
	if err != nil {
		return err
	}
	total, _ := memoryStats()
	recommended := cat.Recommend(total, runtime.NumCPU())
	if asJSON {
		return writeJSONTo(w, cat.Models)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tKIND\tSIZE\tRAM\tLICENSE\tFITS\tDESCRIPTION")
	for _, m := range ordered(cat, recommended) {
		fit := "no"
		if total == 0 {
			fit = "?"
		} else if m.Fits(total) {
			fit = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", m.Name, m.Kind, download.Bytes(m.Size), download.Bytes(m.RAM), m.License, fit, m.Description)
	}
	return tw.Flush()
}

// ordered puts the recommended chat models first, in their order, then the
// rest of the catalog.
func ordered(cat *catalog.Catalog, recommended []catalog.Model) []catalog.Model {
	out := append([]catalog.Model(nil), recommended...)
	seen := map[string]bool{}
	for _, m := range recommended {
		seen[m.Name] = true
	}
	for _, m := range cat.Models {
		if !seen[m.Name] {
			out = append(out, m)
		}
	}
	return out
}

func newModelsPullCommand(open modelStoreOpener) *cobra.Command {
	var opts library.PullOptions
	c := &cobra.Command{
		Use:   "pull NAME|URL",
		Short: "Download a model from the catalog, or a GGUF file from a URL; a re-run resumes",
		Args:  exactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if opts.SHA256 != "" && !download.IsSHA256(strings.ToLower(opts.SHA256)) {
				return usagef("--sha256 %q is not a SHA-256 (64 hex digits)", opts.SHA256)
			}
			return withLibrary(c, open, func(lib *library.Library) error {
				return pull(c, lib, args[0], opts)
			})
		},
	}
	c.Flags().StringVar(&opts.SHA256, "sha256", "", "expected SHA-256 of the file (for a URL)")
	c.Flags().StringVar(&opts.Name, "name", "", "name for the model (default: from the catalog or the file)")
	return c
}

func pull(c *cobra.Command, lib *library.Library, ref string, opts library.PullOptions) error {
	bar := newProgressBar(c.ErrOrStderr())
	opts.Progress = bar.update
	e, err := lib.Pull(c.Context(), ref, opts)
	bar.finish()
	switch {
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("pull %s cancelled; run the same command again to resume", ref)
	case err != nil:
		return err
	}
	out := c.OutOrStdout()
	fmt.Fprintf(out, "Pulled %s (%s) to %s\n", e.Name, download.Bytes(e.Size), e.Path)
	switch {
	case e.Verified:
		fmt.Fprintf(out, "SHA-256 verified: %s\n", e.SHA256)
	case e.ServerDigest:
		fmt.Fprintf(out, "SHA-256 checked against the server's own digest (not independently verified): %s\n", e.SHA256)
	default:
		fmt.Fprintf(out, "No checksum was known, so the file is not verified; its SHA-256 is %s\n", e.SHA256)
	}
	return nil
}

func newModelsImportCommand(open modelStoreOpener) *cobra.Command {
	var name string
	var scan bool
	c := &cobra.Command{
		Use:   "import PATH | --scan",
		Short: "Use a GGUF file where it lies (never copied); --scan lists models other apps keep",
		Args: func(c *cobra.Command, args []string) error {
			if scan {
				return exactArgs(0)(c, args)
			}
			return exactArgs(1)(c, args)
		},
		RunE: func(c *cobra.Command, args []string) error {
			if scan {
				return printScan(c.OutOrStdout())
			}
			return withLibrary(c, open, func(lib *library.Library) error {
				e, err := lib.Import(args[0], name)
				if err != nil {
					return err
				}
				details := strings.Join(nonEmpty(download.Bytes(e.Size), e.Architecture, e.Quantization), ", ")
				fmt.Fprintf(c.OutOrStdout(), "Imported %s (%s) from %s; the file stays where it is.\n", e.Name, details, e.Path)
				return nil
			})
		},
	}
	c.Flags().StringVar(&name, "name", "", "name for the model (default: from the file)")
	c.Flags().BoolVar(&scan, "scan", false, "list the GGUF models of Ollama, LM Studio, Jan and GPT4All")
	return c
}

func printScan(w io.Writer) error {
	home, err := os.UserHomeDir()
	if err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	found, skipped := library.ScanReport(library.Env{Home: home, GOOS: runtime.GOOS, Getenv: os.Getenv})
	for _, s := range skipped {
		fmt.Fprintf(w, "Skipped %s (%s): %s\n", terminalText(s.Path), s.App, terminalText(s.Reason))
	}
	if len(found) == 0 {
		fmt.Fprintln(w, "No models found in the folders of Ollama, LM Studio, Jan or GPT4All.")
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "APP\tNAME\tSIZE\tIMPORT WITH")
	for _, f := range found {
		fmt.Fprintf(tw, "%s\t%s\t%s\thearth models import --name %s %s\n", f.App, terminalText(f.Name), download.Bytes(f.Size), shellQuote(f.Name), terminalText(shellQuote(f.Path)))
	}
	return tw.Flush()
}

// shellQuote quotes a path for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if !strings.ContainsAny(s, " '\"\\$`!*?&;|<>()[]{}#~") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func newModelsRmCommand(open modelStoreOpener) *cobra.Command {
	return &cobra.Command{
		Use:   "rm NAME",
		Short: "Remove a model: delete a downloaded one, forget an imported one",
		Args:  exactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return withLibrary(c, open, func(lib *library.Library) error {
				e, err := lib.Remove(args[0])
				if err != nil {
					return err
				}
				if e.Origin == library.Downloaded {
					fmt.Fprintf(c.OutOrStdout(), "Removed %s and deleted %s.\n", e.Name, e.Path)
				} else {
					fmt.Fprintf(c.OutOrStdout(), "Forgot %s; its file stays at %s.\n", e.Name, e.Path)
				}
				return nil
			})
		},
	}
}

// nonEmpty returns the strings that are not empty.
func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func writeJSONTo(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// progressBar draws download progress on one terminal line, or, when the
// output is not a terminal, prints a line at every tenth of the way. It is
// small on purpose: the download package already smooths speed and time
// left, so all that is left is formatting.
type progressBar struct {
	w        io.Writer
	tty      bool
	last     download.Progress
	lastStep int64
	drawn    bool
}

func newProgressBar(w io.Writer) *progressBar {
	f, ok := w.(*os.File)
	tty := false
	if ok {
		if fi, err := f.Stat(); err == nil {
			tty = fi.Mode()&os.ModeCharDevice != 0
		}
	}
	return &progressBar{w: w, tty: tty, lastStep: -1}
}

func (b *progressBar) update(p download.Progress) {
	b.last = p
	if b.tty {
		fmt.Fprintf(b.w, "\r%s\x1b[K", progressLine(p, 30))
		b.drawn = true
		return
	}
	if p.Total <= 0 {
		return
	}
	if step := p.Done * 10 / p.Total; step > b.lastStep {
		b.lastStep = step
		fmt.Fprintln(b.w, progressLine(p, 0))
	}
}

// finish ends the progress line.
func (b *progressBar) finish() {
	if b.drawn {
		fmt.Fprintln(b.w)
	}
}

// progressLine formats p: "  42% [======>    ] 165.3 MB / 397.8 MB  12.4 MB/s  19s left";
// width 0 leaves the bar out.
func progressLine(p download.Progress, width int) string {
	var sb strings.Builder
	if p.Total > 0 {
		frac := float64(p.Done) / float64(p.Total)
		fmt.Fprintf(&sb, "%4.0f%% ", 100*frac)
		if width > 0 {
			n := int(frac * float64(width))
			sb.WriteString("[" + strings.Repeat("=", n) + strings.Repeat(" ", width-n) + "] ")
		}
		fmt.Fprintf(&sb, "%s / %s", download.Bytes(p.Done), download.Bytes(p.Total))
	} else {
		sb.WriteString(download.Bytes(p.Done))
	}
	if p.Speed > 0 {
		fmt.Fprintf(&sb, "  %s/s", download.Bytes(int64(p.Speed)))
	}
	if p.ETA > 0 {
		fmt.Fprintf(&sb, "  %s left", p.ETA.Round(time.Second))
	}
	if p.Resumed > 0 {
		fmt.Fprintf(&sb, "  (resumed at %s)", download.Bytes(p.Resumed))
	}
	return sb.String()
}
