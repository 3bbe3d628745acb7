package app_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/app"
	"github.com/hearth-app/hearth/engine/ollama/ollamatest"
	"github.com/hearth-app/hearth/memory"
)

// TestGenerateAndChatWithOllama runs `hearth generate` and `hearth chat`
// against a real Ollama server and checks the saved history decrypts.
func TestGenerateAndChatWithOllama(t *testing.T) {
	srv := ollamaRef.Need(t)
	home := t.TempDir()
	t.Setenv("HEARTH_HOME", home)
	t.Setenv("HEARTH_PASSPHRASE", "pass")
	t.Setenv("OLLAMA_HOST", srv.Addr)

	code, out, errOut := run(t, "generate", "--backend", "ollama", "--model", ollamatest.StoriesName,
		"--prompt", "Once upon a time", "--raw", "--temperature", "0", "--max-tokens", "30", "--save")
	if code != 0 || len(strings.TrimSpace(out)) == 0 {
		t.Fatalf("generate: exit %d, out %q, err %q", code, out, errOut)
	}
	story := strings.TrimSpace(out)

	var chatOut, chatErr strings.Builder
	code = app.Run(context.Background(),
		[]string{"chat", "--backend", "ollama", "--model", ollamatest.StoriesName, "--temperature", "0", "--max-tokens", "20"},
		app.IO{In: strings.NewReader("Lily went to the park\n/exit\n"), Out: &chatOut, Err: &chatErr})
	if code != 0 || strings.TrimSpace(chatOut.String()) == "" {
		t.Fatalf("chat: exit %d, out %q, err %q", code, chatOut.String(), chatErr.String())
	}

	st, err := memory.Open(context.Background(), home+"/store", memory.Passphrase("pass"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	convs, err := st.Conversations(context.Background())
	if err != nil || len(convs) != 2 {
		t.Fatalf("conversations = %+v, %v; want 2", convs, err)
	}
	for _, c := range convs {
		msgs, err := st.Messages(context.Background(), c.ID)
		if err != nil || len(msgs) != 2 || msgs[0].Role != "user" || msgs[1].Role != "assistant" {
			t.Fatalf("conversation %q: %+v, %v", c.Title, msgs, err)
		}
		if c.Title == "Once upon a time" && strings.TrimSpace(msgs[1].Text) != story {
			t.Errorf("saved answer %q, printed %q", msgs[1].Text, story)
		}
	}
}

func TestGenerateErrors(t *testing.T) {
	t.Setenv("HEARTH_HOME", t.TempDir())
	t.Setenv("OLLAMA_HOST", "127.0.0.1:9")
	tests := []struct {
		name string
		args []string
		code int
		part string
	}{
		{"no model", []string{"generate", "--prompt", "hi"}, 2, "--model"},
		{"no prompt", []string{"generate", "--model", "x"}, 2, "--prompt"},
		{"unknown backend", []string{"generate", "--backend", "gpu", "--model", "x", "--prompt", "hi"}, 2, "unknown backend"},
		{"ollama down", []string{"generate", "--backend", "ollama", "--model", "x", "--prompt", "hi"}, 1, "Ollama"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expectFailure(t, tt.args, tt.code, tt.part)
		})
	}
}
