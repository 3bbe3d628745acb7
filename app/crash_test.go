package app

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hearth-app/hearth/memory"
)

// The crash tests start this test binary again as a child that does one
// thing the window does (create the store, restore a backup, write backups
// and exports), SIGKILL it at chosen or random points, and then check that
// Hearth starts into a state it can use, with nothing lost.

const (
	crashChildEnv = "HEARTH_TEST_APP_CHILD"
	crashPass     = "crash test passphrase"
)

// TestAppCrashChild is not a test: it is the child the crash tests kill.
func TestAppCrashChild(t *testing.T) {
	mode := os.Getenv(crashChildEnv)
	if mode == "" {
		t.Skip("child process only")
	}
	home := os.Getenv("HEARTH_TEST_HOME")
	var err error
	switch mode {
	case "create":
		_, err = NewVault(filepath.Join(home, "store"), &recordedEvents{}).Create(context.Background(), crashPass)
	case "restore":
		err = childRestore(home, os.Getenv("HEARTH_TEST_BACKUP"), os.Getenv("HEARTH_TEST_STEP"))
	case "write":
		err = childWrite(home, os.Getenv("HEARTH_TEST_LOOP") != "")
	}
	if err != nil {
		fmt.Println("child:", err)
		os.Exit(3)
	}
	fmt.Println("done")
	os.Exit(0)
}

// childRestore opens the store as the window does and restores backup,
// stopping forever at step when it is one of the swap's steps.
func childRestore(home, backup, step string) error {
	dir := filepath.Join(home, "store")
	if err := recoverStoreDir(dir); err != nil {
		return err
	}
	v := NewVault(dir, &recordedEvents{})
	if err := v.Unlock(context.Background(), memory.Passphrase(crashPass)); err != nil {
		return err
	}
	v.atStep = func(s string) {
		if s == step {
			fmt.Println("at", s)
			select {}
		}
	}
	f, err := os.Open(backup)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = v.Restore(context.Background(), f, crashPass)
	return err
}

// childWrite writes the theme, an export of conversation 1 and a backup
// into home/out, once or (loop) until killed, saying "wrote" after each
// round.
func childWrite(home string, loop bool) error {
	v := NewVault(filepath.Join(home, "store"), &recordedEvents{})
	if err := v.Unlock(context.Background(), memory.Passphrase(crashPass)); err != nil {
		return err
	}
	out := filepath.Join(home, "out")
	settings := &SettingsService{vault: v, dataDir: home}
	chat := NewChatService(v, &recordedEvents{}, &savingDialogs{path: filepath.Join(out, "chat.json")})
	for {
		if err := settings.SetTheme("dark"); err != nil {
			return err
		}
		if _, err := chat.Export(1, 0, "json"); err != nil {
			return err
		}
		if err := settings.backupTo(filepath.Join(out, "hearth.hearthbackup")); err != nil {
			return err
		}
		fmt.Println("wrote")
		if !loop {
			return nil
		}
	}
}

// crashChild is a started child and its output lines.
type crashChild struct {
	cmd   *exec.Cmd
	lines chan string
}

func startCrashChild(t *testing.T, mode, home string, env ...string) *crashChild {
	t.Helper()
	return startCrashCommand(t, exec.Command(os.Args[0], "-test.run=^TestAppCrashChild$"), mode, home, env...)
}

func startCrashCommand(t *testing.T, cmd *exec.Cmd, mode, home string, env ...string) *crashChild {
	t.Helper()
	cmd.Env = append(os.Environ(), append(env, crashChildEnv+"="+mode, "HEARTH_TEST_HOME="+home,
		"HEARTH_OLLAMA_BIN=/nonexistent", "OLLAMA_HOST=127.0.0.1:9")...)
	out, err := cmd.StdoutPipe()
	must(t, err)
	must(t, cmd.Start())
	c := &crashChild{cmd: cmd, lines: make(chan string, 1024)}
	go func() {
		defer close(c.lines)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			c.lines <- sc.Text()
		}
	}()
	return c
}

// waitLine waits for a line starting with prefix; it fails the test when
// the child ends or says something else first.
func (c *crashChild) waitLine(t *testing.T, prefix string) {
	t.Helper()
	timeout := time.After(60 * time.Second)
	for {
		select {
		case l, ok := <-c.lines:
			if !ok {
				c.kill()
				t.Fatalf("child ended before %q", prefix)
			}
			if strings.HasPrefix(l, prefix) {
				return
			}
			if strings.HasPrefix(l, "child:") {
				c.kill()
				t.Fatalf("child failed: %s", l)
			}
		case <-timeout:
			c.kill()
			t.Fatalf("child did not say %q in 60 s", prefix)
		}
	}
}

// kill SIGKILLs the child and waits for it.
func (c *crashChild) kill() {
	_ = c.cmd.Process.Signal(syscall.SIGKILL)
	_ = c.cmd.Wait()
}

// TestKillDuringFirstRun kills the window's first-run creation at random
// points, and as soon as the database file being created appears. Afterwards
// the window must either see no store and create one, or see a store that
// its passphrase unlocks: never a store it offers to unlock and cannot.
func TestKillDuringFirstRun(t *testing.T) {
	rounds := 12
	if testing.Short() {
		rounds = 6
	}
	created := 0
	for i := range rounds {
		home := t.TempDir()
		dir := filepath.Join(home, "store")
		c := startCrashChild(t, "create", home)
		if i%2 == 0 {
			waitForFile(filepath.Join(dir, "hearth.db.creating"), 20*time.Second)
			time.Sleep(time.Duration(rand.IntN(3000)) * time.Microsecond)
		} else {
			time.Sleep(time.Duration(rand.IntN(1500)) * time.Millisecond)
		}
		c.kill()
		if firstRunAfterCrash(t, i, dir) {
			created++
		}
	}
	t.Logf("%d rounds, the store was complete after %d", rounds, created)
}

// waitForFile polls for path until it exists or the time is up.
func waitForFile(path string, limit time.Duration) {
	for end := time.Now().Add(limit); time.Now().Before(end); time.Sleep(200 * time.Microsecond) {
		if _, err := os.Stat(path); err == nil {
			return
		}
	}
}

// firstRunAfterCrash starts as the window starts and checks that the store
// can be used; it reports whether the killed creation had completed.
func firstRunAfterCrash(t *testing.T, round int, dir string) bool {
	t.Helper()
	ctx := context.Background()
	must(t, recoverStoreDir(dir))
	v := NewVault(dir, &recordedEvents{})
	defer v.Close()
	if v.Exists() {
		if err := v.Unlock(ctx, memory.Passphrase(crashPass)); err != nil {
			t.Fatalf("round %d: the window shows the unlock screen, and unlocking fails: %v", round, err)
		}
		return true
	}
	if _, err := v.Create(ctx, crashPass); err != nil {
		t.Fatalf("round %d: the window shows the first-run screen, and creating fails: %v", round, err)
	}
	if entries, _ := os.ReadDir(dir); slices.ContainsFunc(entries, func(e os.DirEntry) bool { return strings.Contains(e.Name(), ".creating") }) {
		t.Fatalf("round %d: the leftovers of the killed creation are still there", round)
	}
	return false
}

// crashStore makes a store in home/store holding memories "alpha" and
// "bravo", a backup in home/out/hearth.hearthbackup taken when it held
// "alpha" only, and one conversation.
func crashStore(t *testing.T, home string) (backup string) {
	t.Helper()
	ctx := context.Background()
	v := NewVault(filepath.Join(home, "store"), &recordedEvents{})
	defer v.Close()
	_, err := v.Create(ctx, crashPass)
	must(t, err)
	add := func(text string) {
		must(t, v.Use(func(st *memory.Store) error {
			_, err := st.AddMemory(ctx, text, memory.Source{})
			return err
		}))
	}
	add("alpha")
	must(t, v.Use(func(st *memory.Store) error {
		c, err := st.CreateConversation(ctx, "crash")
		if err == nil {
			_, err = st.AddMessage(ctx, c.ID, 0, memory.Message{Role: "user", Text: strings.Repeat("a long message ", 4000)})
		}
		return err
	}))
	must(t, os.MkdirAll(filepath.Join(home, "out"), 0o700))
	backup = filepath.Join(home, "out", "hearth.hearthbackup")
	must(t, (&SettingsService{vault: v, dataDir: home}).backupTo(backup))
	add("bravo")
	return backup
}

// copyTree copies the directory src to dst (files and folders only).
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	must(t, filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o700)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o600)
	}))
}

// TestKillDuringRestoreSwap kills a restore at each step of the swap and at
// random times. Afterwards Hearth starts with a store (never the first-run
// screen), which is either the old one or the restored one; in the second
// case the old one is kept aside and opens; no unpacked copy is left.
func TestKillDuringRestoreSwap(t *testing.T) {
	seed := t.TempDir()
	backup := crashStore(t, seed)
	points := []string{"moved aside", "swapped", "", "", "", ""}
	if testing.Short() {
		points = points[:4]
	}
	for i, step := range points {
		home := t.TempDir()
		copyTree(t, seed, home)
		c := startCrashChild(t, "restore", home, "HEARTH_TEST_BACKUP="+backup, "HEARTH_TEST_STEP="+step)
		if step != "" {
			c.waitLine(t, "at "+step)
		} else {
			time.Sleep(time.Duration(rand.IntN(2500)) * time.Millisecond)
		}
		c.kill()
		checkAfterRestoreCrash(t, fmt.Sprintf("round %d (%q)", i, step), home)
	}
}

func checkAfterRestoreCrash(t *testing.T, round, home string) {
	t.Helper()
	dir := filepath.Join(home, "store")
	must(t, recoverStoreDir(dir))
	v := NewVault(dir, &recordedEvents{})
	defer v.Close()
	if !v.Exists() {
		t.Fatalf("%s: the window would offer to create a new store", round)
	}
	must(t, v.Unlock(context.Background(), memory.Passphrase(crashPass)))
	got := vaultMemories(t, v)
	kept, _ := filepath.Glob(dir + ".before-restore-*")
	switch {
	case slices.Equal(got, []string{"alpha", "bravo"}) && len(kept) == 0:
	case slices.Equal(got, []string{"alpha"}) && len(kept) == 1:
		old := NewVault(kept[0], &recordedEvents{})
		defer old.Close()
		must(t, old.Unlock(context.Background(), memory.Passphrase(crashPass)))
		if k := vaultMemories(t, old); !slices.Equal(k, []string{"alpha", "bravo"}) {
			t.Fatalf("%s: the store kept aside holds %v", round, k)
		}
	default:
		t.Fatalf("%s: the store holds %v, %d kept aside", round, got, len(kept))
	}
	if _, err := os.Stat(dir + restoringSuffix); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("%s: the unpacked backup is left: %v", round, err)
	}
}

// vaultMemories lists the texts of the memories in an unlocked vault.
func vaultMemories(t *testing.T, v *Vault) []string {
	t.Helper()
	var out []string
	must(t, v.Use(func(st *memory.Store) error {
		ms, err := st.Memories(context.Background())
		for _, m := range ms {
			out = append(out, m.Text)
		}
		return err
	}))
	slices.Sort(out)
	return out
}

// TestKillDuringBackupAndExport kills a child that writes the theme, an
// export and a backup over and over. Each file is whole afterwards (the
// backup restores, the export parses, ui.json reads), and the store opens
// with the backup's temporary copy gone.
func TestKillDuringBackupAndExport(t *testing.T) {
	home := t.TempDir()
	crashStore(t, home)
	rounds := 6
	if testing.Short() {
		rounds = 3
	}
	for i := range rounds {
		c := startCrashChild(t, "write", home, "HEARTH_TEST_LOOP=1")
		c.waitLine(t, "wrote")
		time.Sleep(time.Duration(rand.IntN(300)) * time.Millisecond)
		c.kill()
		checkWrittenFiles(t, i, home)
	}
}

func checkWrittenFiles(t *testing.T, round int, home string) {
	t.Helper()
	ctx := context.Background()
	f, err := os.Open(filepath.Join(home, "out", "hearth.hearthbackup"))
	must(t, err)
	st, err := memory.Restore(ctx, f, filepath.Join(t.TempDir(), "restored"), memory.Passphrase(crashPass))
	f.Close()
	if err != nil {
		t.Fatalf("round %d: the backup does not restore: %v", round, err)
	}
	st.Close()
	var e memory.Export
	b, err := os.ReadFile(filepath.Join(home, "out", "chat.json"))
	if err != nil || json.Unmarshal(b, &e) != nil || len(e.Messages) != 1 {
		t.Fatalf("round %d: the export is not whole (%d bytes): %v", round, len(b), err)
	}
	if got := (&SettingsService{dataDir: home}).Theme(); got != "dark" {
		t.Fatalf("round %d: ui.json gives theme %q", round, got)
	}
	v := NewVault(filepath.Join(home, "store"), &recordedEvents{})
	defer v.Close()
	must(t, v.Unlock(ctx, memory.Passphrase(crashPass)))
	if _, err := os.Stat(filepath.Join(home, "store", "backup.tmp")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("round %d: the killed backup's copy of the database is left in the store: %v", round, err)
	}
}
