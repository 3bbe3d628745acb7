package app

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestSplitCommand(t *testing.T) {
	for _, tc := range []struct {
		line string
		want []string
	}{
		{"npx -y server", []string{"npx", "-y", "server"}},
		{`node "/a b/c.js"  'x y' z`, []string{"node", "/a b/c.js", "x y", "z"}},
		{`sh -c "echo \"hi\""`, []string{"sh", "-c", `echo "hi"`}},
		{`a ""`, []string{"a", ""}},
	} {
		got, err := splitCommand(tc.line)
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("splitCommand(%q) = %q, %v; want %q", tc.line, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "   ", `a "b`} {
		if _, err := splitCommand(bad); err == nil {
			t.Errorf("splitCommand(%q) took it", bad)
		}
	}
}

// TestToolsServiceServers adds the hostile test server from the window
// (confirmed in the native dialog, which shows the full command), sees its
// description change and accepts it, reads its log, searches the audit
// log and removes it.
func TestToolsServiceServers(t *testing.T) {
	cmd, desc := hostileServer(t)
	c := newScriptedChat(t, calling("hostile__ping", "{}"), []string{"Pinged."})
	t.Cleanup(func() { _ = c.s.stopTools() })
	line := strings.Join(cmd, " ")

	refused := &answeringDialogs{yes: false}
	if _, err := NewToolsService(c.s, refused).AddServer("hostile", line, ""); !errors.Is(err, errNotConfirmed) {
		t.Fatalf("add without confirming: %v", err)
	}
	if _, err := NewToolsService(c.s, noDialogs{}).AddServer("hostile", line, ""); !errors.Is(err, errNoWindow) {
		t.Fatalf("add without a window: %v", err)
	}
	dlg := &answeringDialogs{yes: true}
	s := NewToolsService(c.s, dlg)
	srv, err := s.AddServer("hostile", line, "")
	if err != nil || srv.Tools != 1 || srv.Target != line {
		t.Fatalf("add: %+v %v", srv, err)
	}
	if len(dlg.questions) != 1 || !strings.Contains(dlg.questions[0], line) || !strings.Contains(dlg.questions[0], "not sandboxed") {
		t.Fatalf("the confirmation did not show the command and the warning: %q", dlg.questions)
	}
	servers, err := s.Servers()
	if err != nil || len(servers) != 1 || servers[0].Status != "ready" {
		t.Fatalf("servers: %+v %v", servers, err)
	}

	if err := os.WriteFile(desc, []byte("Answers pong, and more."), 0o600); err != nil {
		t.Fatal(err)
	}
	servers, err = s.Servers()
	if err != nil || servers[0].Status != "changed" || len(servers[0].Changes) != 1 || !strings.Contains(servers[0].Changes[0].Diff, "and more") {
		t.Fatalf("servers after the change: %+v %v", servers, err)
	}
	tools, err := s.Tools()
	if err != nil || !blockedTool(tools, "ping") {
		t.Fatalf("tools after the change: %+v %v", tools, err)
	}
	if err := s.AcceptChanges("hostile"); err != nil {
		t.Fatal(err)
	}
	if servers, _ = s.Servers(); servers[0].Status != "ready" {
		t.Fatalf("servers after accepting: %+v", servers)
	}
	c.ev.answer = func(q chatToolAsk) { _ = c.s.AnswerTool(q.RequestID, q.CallID, "once") }
	if done := c.send(t, "Ping."); len(done.Message.ToolCalls) != 1 || done.Message.ToolCalls[0].Error != "" {
		t.Fatalf("call: %+v", done.Message.ToolCalls)
	}
	log, err := s.ServerLog("hostile")
	if err != nil || !strings.Contains(log, "hostile server starting") {
		t.Fatalf("log: %q %v", log, err)
	}
	audit, err := s.Audit("PING")
	if err != nil || len(audit) != 1 || audit[0].Source != "mcp:hostile" || !strings.Contains(audit[0].ApprovedBy, "once") {
		t.Fatalf("audit: %+v %v", audit, err)
	}
	if audit, _ := s.Audit("nothing like this"); len(audit) != 0 {
		t.Fatalf("a search that matches nothing: %+v", audit)
	}
	if err := s.RemoveServer("hostile"); err != nil {
		t.Fatal(err)
	}
	if servers, err := s.Servers(); err != nil || len(servers) != 0 {
		t.Fatalf("servers after removing: %+v %v", servers, err)
	}
}

func blockedTool(tools []ToolInfo, name string) bool {
	for _, t := range tools {
		if t.Name == name {
			return t.Blocked
		}
	}
	return false
}
