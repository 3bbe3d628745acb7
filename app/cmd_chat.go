package app

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/memory"
	"github.com/spf13/cobra"
)

func newChatCommand(stdio IO) *cobra.Command {
	var (
		gen    generationFlags
		system string
	)
	c := &cobra.Command{
		Use:   "chat --model PATH|NAME",
		Short: "Chat with a model in the terminal; the conversation is kept in the encrypted store",
		Long: "Chat with a model in the terminal. Each line you type is a message; the answer streams back.\n" +
			"Type /new to start a new conversation and /exit (or Ctrl-D) to leave. The conversation is\n" +
			"kept in the encrypted store.",
		Args: exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			if err := requireFlags(c, "model"); err != nil {
				return err
			}
			b, err := openBackend(c.Context(), stdio, gen.backend, gen.server)
			if err != nil {
				return err
			}
			st, err := openStore(c.Context(), stdio)
			if err != nil {
				return err
			}
			defer st.Close()
			if gen.backend != backendOllama && gen.backend != backendOpenAI {
				b = newEmbeddedBackendOver(c.Context(), st)
			}
			s := &chatSession{backend: b, gen: gen, system: system}
			in := bufio.NewScanner(stdio.In)
			in.Buffer(make([]byte, 64*1024), 1<<20)
			out := c.OutOrStdout()
			fmt.Fprintf(stdio.Err, "Chatting with %s (%s). /new starts over, /exit leaves.\n", gen.model, gen.backend)
			for fmt.Fprint(stdio.Err, "> "); in.Scan(); fmt.Fprint(stdio.Err, "> ") {
				line := strings.TrimSpace(in.Text())
				switch line {
				case "":
					continue
				case "/exit", "/quit":
					return nil
				case "/new":
					s.reset()
					fmt.Fprintln(stdio.Err, "New conversation.")
					continue
				}
				answer, _, err := streamAnswer(c.Context(), b, s.request(line), out)
				endLine(out, answer)
				if err != nil {
					return err
				}
				if err := s.record(c.Context(), st, line, answer); err != nil {
					return err
				}
				if c.Context().Err() != nil {
					return nil
				}
			}
			fmt.Fprintln(stdio.Err)
			return in.Err()
		},
	}
	gen.register(c.Flags())
	c.Flags().StringVar(&system, "system", "", "a system prompt")
	return c
}

// chatSession is one terminal conversation: what was said, and where it is stored.
type chatSession struct {
	backend engine.Backend
	gen     generationFlags
	system  string
	history []engine.Message
	conv    int64 // conversation id in the store, 0 until the first answer
	leaf    int64 // id of the last stored message
}

func (s *chatSession) reset() { s.history, s.conv, s.leaf = nil, 0, 0 }

// request is the chat so far plus the user's new line.
func (s *chatSession) request(line string) engine.Request {
	var msgs []engine.Message
	if s.system != "" {
		msgs = append(msgs, engine.Message{Role: "system", Content: s.system})
	}
	msgs = append(msgs, s.history...)
	msgs = append(msgs, engine.Message{Role: "user", Content: line})
	return engine.Request{Model: s.gen.model, Messages: msgs, Options: s.gen.opts}
}

// record adds the exchange to the history and the store.
func (s *chatSession) record(ctx context.Context, st *memory.Store, line, answer string) error {
	exchange := []engine.Message{{Role: "user", Content: line}, {Role: "assistant", Content: answer}}
	s.history = append(s.history, exchange...)
	conv, leaf, err := saveExchange(ctx, st, s.conv, s.leaf, s.gen.model, exchange)
	s.conv, s.leaf = conv, leaf
	return err
}
