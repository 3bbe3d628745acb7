package app

import (
	"reflect"
	"strconv"
	"testing"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/memory"
)

// TestGenerationDefaultsAgree checks that the command line's flags, a new
// chat's settings and the chat loop's request all start from
// engine.DefaultOptions, so that none of them drifts on its own.
func TestGenerationDefaultsAgree(t *testing.T) {
	want := engine.DefaultOptions()
	t.Run("flags", func(t *testing.T) {
		for _, c := range []struct{ name, flag, want string }{
			{"generate", "temperature", fmtFloat(want.Temperature)},
			{"generate", "top-k", strconv.Itoa(want.TopK)},
			{"generate", "top-p", fmtFloat(want.TopP)},
			{"generate", "min-p", fmtFloat(want.MinP)},
			{"generate", "repeat-penalty", fmtFloat(want.RepeatPenalty)},
			{"generate", "max-tokens", strconv.Itoa(want.MaxTokens)},
			{"chat", "temperature", fmtFloat(want.Temperature)},
			{"chat", "max-tokens", strconv.Itoa(want.MaxTokens)},
		} {
			cmd := newGenerateCommand(IO{})
			if c.name == "chat" {
				cmd = newChatCommand(IO{})
			}
			f := cmd.Flags().Lookup(c.flag)
			if f == nil {
				t.Fatalf("%s has no --%s", c.name, c.flag)
			}
			if f.DefValue != c.want {
				t.Errorf("%s --%s defaults to %s, engine.DefaultOptions says %s", c.name, c.flag, f.DefValue, c.want)
			}
		}
	})
	t.Run("settings", func(t *testing.T) {
		g := standardGeneration()
		if g.Temperature != want.Temperature || g.TopP != want.TopP || g.MaxTokens != want.MaxTokens {
			t.Errorf("new chats start with %+v, engine.DefaultOptions is %+v", g, want)
		}
	})
	t.Run("chat request", func(t *testing.T) {
		opts := builtinOptions()
		opts.Model = ollamaPrefix + "m"
		job := answerJob{thread: []memory.Message{{Role: "user", Text: "hi"}}, opts: opts}
		got := (&ChatService{}).buildRequest(job, "m").Options
		if !reflect.DeepEqual(got, want) {
			t.Errorf("a chat with the built-in options asks for %+v, engine.DefaultOptions is %+v", got, want)
		}
	})
}

func fmtFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
