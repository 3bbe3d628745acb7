package mcp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/hearth-app/hearth/plugins/tool"
	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// maxTools bounds the tools of one server (a hostile one could page
// through tools without end).
const maxTools = 1000

// server is one configured server: started on demand, stopped when idle.
type server struct {
	m   *Manager
	cfg Config
	log *ringLog

	mu   sync.Mutex
	conn *conn
	busy int
	idle *time.Timer
}

// pins returns the tools as the user accepted them.
func (s *server) pins() []Pin {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cfg.Pins
}

// setPins replaces the accepted tools.
func (s *server) setPins(p []Pin) {
	s.mu.Lock()
	s.cfg.Pins = p
	s.mu.Unlock()
}

// session returns the running session, starting the server if needed; the
// caller must call release when done.
func (s *server) session(ctx context.Context) (*conn, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.idle != nil {
		s.idle.Stop()
	}
	if s.conn != nil && s.conn.dead() {
		go s.conn.close()
		s.conn = nil
	}
	if s.conn == nil {
		c, err := dial(ctx, s.cfg, s.m.opts, s.log)
		if err != nil {
			return nil, fmt.Errorf("MCP server %s (%s): %w", s.cfg.Name, s.cfg.Target(), err)
		}
		s.conn = c
	}
	s.busy++
	return s.conn, nil
}

// release ends a use; the last one arms the idle timer.
func (s *server) release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.busy--
	if s.busy == 0 && s.conn != nil {
		s.idle = time.AfterFunc(s.m.opts.IdleTimeout, s.stopIfIdle)
	}
}

// stopIfIdle stops the server when nobody is using it.
func (s *server) stopIfIdle() {
	s.mu.Lock()
	if s.busy > 0 || s.conn == nil {
		s.mu.Unlock()
		return
	}
	c := s.conn
	s.conn = nil
	s.mu.Unlock()
	c.close()
}

// stop stops the server now, whatever it is doing.
func (s *server) stop() {
	s.mu.Lock()
	c := s.conn
	s.conn = nil
	if s.idle != nil {
		s.idle.Stop()
	}
	s.mu.Unlock()
	if c != nil {
		c.close()
	}
}

// drop forgets a session that failed, so the next use starts afresh.
func (s *server) drop(c *conn) {
	s.mu.Lock()
	if s.conn == c {
		s.conn = nil
	}
	s.mu.Unlock()
	c.close()
}

// listPins lists the server's tools as pins, within StartTimeout: a
// server that never answers tools/list fails like one that never starts.
func (s *server) listPins(ctx context.Context) ([]Pin, error) {
	ctx, cancel := context.WithTimeout(ctx, s.m.opts.StartTimeout)
	defer cancel()
	c, err := s.session(ctx)
	if err != nil {
		return nil, err
	}
	defer s.release()
	var pins []Pin
	for t, err := range c.session.Tools(ctx, nil) {
		if err != nil {
			return nil, s.failure(c, "list tools", err)
		}
		if len(pins) == maxTools {
			s.drop(c)
			return nil, fmt.Errorf("MCP server %s: list tools: it has more than %d tools", s.cfg.Name, maxTools)
		}
		pins = append(pins, pinOf(fromSDK(s.cfg.Name, t)))
	}
	return pins, nil
}

// call runs a tool on the server.
func (s *server) call(ctx context.Context, name string, args json.RawMessage) (tool.Result, error) {
	c, err := s.session(ctx)
	if err != nil {
		return tool.Result{}, err
	}
	defer s.release()
	r, err := c.session.CallTool(ctx, &sdk.CallToolParams{Name: name, Arguments: args})
	if err != nil {
		return tool.Result{}, s.failure(c, "call "+name, err)
	}
	return toResult(r, s.m.opts.MaxResult), nil
}

// failure turns a session error into one sentence. Unless the server
// answered with a JSON-RPC error, the session is dropped: the next use
// starts the server afresh.
func (s *server) failure(c *conn, op string, err error) error {
	prefix := fmt.Sprintf("MCP server %s: %s", s.cfg.Name, op)
	var rpc *jsonrpc.Error
	if errors.As(err, &rpc) {
		return fmt.Errorf("%s: the server answered with an error: %s", prefix, oneLine(rpc.Message, 300))
	}
	defer s.drop(c)
	switch {
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("%s: cancelled: %w", prefix, err)
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("%s: no answer in time: %w", prefix, err)
	case c.flood.tripped.Load():
		return fmt.Errorf("%s: stopped: it sent more than %d notifications or requests a second", prefix, s.m.opts.MaxNotificationsPerSecond)
	case strings.Contains(err.Error(), "exceeded the configured maximum") || errors.Is(err, errTooLarge) || c.tooLarge.Load():
		return fmt.Errorf("%s: the server sent a message over the %d-byte limit", prefix, s.m.opts.MaxMessage)
	case isMalformed(err):
		return fmt.Errorf("%s: the server sent malformed JSON-RPC: %s", prefix, oneLine(err.Error(), 300))
	case c.exitedWithin(time.Second) && c.exitErr != nil:
		return fmt.Errorf("%s: the server stopped during the call (%v); see its log: hearth mcp log %s", prefix, c.exitErr, s.cfg.Name)
	}
	return fmt.Errorf("%s: the connection failed: %s", prefix, oneLine(err.Error(), 300))
}

// isMalformed reports a message that did not decode.
func isMalformed(err error) bool {
	var syn *json.SyntaxError
	msg := err.Error()
	return errors.As(err, &syn) || strings.Contains(msg, "invalid character") ||
		strings.Contains(msg, "invalid trailing data") || strings.Contains(msg, "cannot unmarshal")
}

// oneLine flattens s onto one line of at most n bytes.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > n {
		s = cutUTF8(s, n) + "…"
	}
	return s
}
