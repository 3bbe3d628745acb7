package app

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/plugins/mcp"
	"github.com/spf13/cobra"
)

func newChatCommand(stdio IO) *cobra.Command {
	var (
		gen     generationFlags
		system  string
		noTools bool
	)
	c := &cobra.Command{
		Use:   "chat --model PATH|NAME",
		Short: "Chat with a model in the terminal; the conversation is kept in the encrypted store",
		Long: "Chat with a model in the terminal. Each line you type is a message; the answer streams back.\n" +
			"Type /new to start a new conversation and /exit (or Ctrl-D) to leave. The conversation is\n" +
			"kept in the encrypted store. The model may call the tools the window's chat offers (see\n" +
			"hearth tools list); a call that needs your approval is asked about here, and refused when\n" +
			"the input is not a terminal. --no-tools offers none.",
		Args: exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			if err := requireFlags(c, "model"); err != nil {
				return err
			}
			if _, err := gen.engine.over(c.Name(), standardEngine()); err != nil {
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
			if gen.embedded() {
				e, err := gen.engine.engineFromStore(c.Context(), c.Name(), st)
				if err != nil {
					return err
				}
				b = newEmbeddedBackendOver(c.Context(), st, e, stdio.Err)
			}
			s := &chatSession{backend: b, gen: gen, system: system}
			if !noTools {
				ts, err := openTools(c.Context(), st, mcp.Options{}, stdio.Err)
				if err != nil {
					fmt.Fprintf(stdio.Err, "hearth: warning: no tools in this chat: %s\n", oneLine(err))
				} else {
					defer ts.Close(context.WithoutCancel(c.Context()))
					s.tools = &terminalTools{reg: ts.Registry, err: stdio.Err, interactive: isTerminal(stdio.In)}
				}
			}
			return contextHint(s.run(c.Context(), stdio, st, c.OutOrStdout()))
		},
	}
	gen.register(c.Flags())
	c.Flags().StringVar(&system, "system", "", "a system prompt")
	c.Flags().BoolVar(&noTools, "no-tools", false, "offer the model no tools (built-ins, MCP servers, plugins)")
	return c
}

// run reads the person's lines and answers each, until /exit or the end
// of the input.
func (s *chatSession) run(ctx context.Context, stdio IO, st *memory.Store, out io.Writer) error {
	in := bufio.NewScanner(stdio.In)
	in.Buffer(make([]byte, 64*1024), 1<<20)
	if s.tools != nil {
		s.tools.lines = in
	}
	fmt.Fprintf(stdio.Err, "Chatting with %s (%s). /new starts over, /exit leaves.\n", s.gen.model, s.gen.backend)
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
		if err := s.answer(ctx, st, line, out); err != nil {
			return err
		}
		if ctx.Err() != nil {
			return nil
		}
	}
	fmt.Fprintln(stdio.Err)
	return in.Err()
}

// answer stores the person's line, streams the answer to out (calling
// tools on the way) and stores it with its tool calls.
func (s *chatSession) answer(ctx context.Context, st *memory.Store, line string, out io.Writer) error {
	user := engine.Message{Role: "user", Content: line}
	conv, leaf, err := saveExchange(ctx, st, s.conv, s.leaf, s.gen.model, []engine.Message{user})
	if err != nil {
		return err
	}
	s.conv, s.leaf = conv, leaf
	answer, calls, err := s.generate(ctx, line, out)
	endLine(out, answer)
	if err != nil {
		return err
	}
	m, err := st.AddMessage(context.WithoutCancel(ctx), s.conv, s.leaf, memory.Message{Role: memory.RoleAssistant, Text: answer, Model: s.gen.model, ToolCalls: calls})
	if err != nil {
		return fmt.Errorf("save conversation: %w", err)
	}
	s.leaf = m.ID
	s.history = append(s.history, user, engine.Message{Role: "assistant", Content: answer})
	return nil
}

// generate streams the answer to line, escaped for the terminal
// (terminalWriter). A model that fails with tools
// offered before it said anything is asked again without them: an Ollama
// model whose template knows no tools refuses a request that has some.
func (s *chatSession) generate(ctx context.Context, line string, w io.Writer) (string, []memory.ToolCall, error) {
	out := newTerminalWriter(w)
	defer out.Flush()
	req := s.request(line)
	turn := s.tools.turn(ctx, s.conv, &req)
	answer, calls, _, err := runToolRounds(ctx, s.backend, req, out, turn)
	if err == nil || turn == nil || answer != "" || len(calls) > 0 {
		return answer, calls, err
	}
	fmt.Fprintf(s.tools.err, "hearth: answering without tools: %s\n", oneLine(err))
	answer, _, err = streamAnswer(ctx, s.backend, s.request(line), out)
	return answer, nil, err
}

// chatSession is one terminal conversation: what was said, where it is
// stored, and the tools the model may call (nil: none).
type chatSession struct {
	backend engine.Backend
	gen     generationFlags
	system  string
	tools   *terminalTools
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
