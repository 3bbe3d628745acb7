package app_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hearth-app/hearth/app"
	"github.com/hearth-app/hearth/engine/ollama/ollamatest"
)

// `hearth serve` with the embedded engine opens the store once, at start:
// requests are answered after the passphrase is gone from the environment
// (the old serve opened the store per request, and would have asked for it
// again). It lists and accepts the library's names, never a path.
func TestServeEmbeddedOpensStoreOnce(t *testing.T) {
	model, err := ollamatest.StoriesModel()
	if err != nil {
		t.Skip(err)
	}
	t.Setenv("HEARTH_HOME", t.TempDir())
	t.Setenv("HEARTH_PASSPHRASE", "serve passphrase")
	if code, out, errs := runCtx(context.Background(), "models", "import", "--name", "stories", model); code != 0 {
		t.Fatalf("import: %d %s %s", code, out, errs)
	}
	addr := freeAddr(t)
	var out, errb lockedBuffer
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- app.Run(ctx, []string{"serve", "--addr", addr}, app.IO{In: strings.NewReader("typed passphrase\n"), Out: &out, Err: &errb})
	}()
	token := waitForToken(t, &out, done)
	os.Unsetenv("HEARTH_PASSPHRASE") // t.Setenv restores it afterwards
	call := func(method, path, body string) (int, string) {
		req, _ := http.NewRequest(method, "http://"+addr+"/v1/"+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	chat := func(model string) string {
		return fmt.Sprintf(`{"model":%q,"max_tokens":8,"temperature":0,"messages":[{"role":"user","content":"Once upon a time"}]}`, model)
	}
	for range 2 {
		if status, body := call("GET", "models", ""); status != 200 || !strings.Contains(body, `"id":"stories"`) || strings.Count(body, `"id"`) != 1 {
			t.Fatalf("GET /v1/models: %d %s", status, body)
		}
		if status, body := call("POST", "chat/completions", chat("stories")); status != 200 || !strings.Contains(body, `"content":`) {
			t.Fatalf("chat: %d %s", status, body)
		}
	}
	status, body := call("POST", "chat/completions", chat(model))
	_, missing := call("POST", "chat/completions", chat(model+".nope"))
	if status != 404 || body != missing || strings.Contains(body, "stories260K") {
		t.Errorf("a model given by its path: %d %s (a missing file: %s)", status, body, missing)
	}
	if strings.Contains(errb.String(), "assphrase") {
		t.Errorf("serve spoke of the passphrase: %q", errb.String())
	}
	stop()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d (stderr %q)", code, errb.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
}
