package app

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/hearth-app/hearth/plugins/manager"
	"github.com/hearth-app/hearth/plugins/manifest"
	"golang.org/x/term"
)

// installApprover shows an install's prompt and answers it: yes with
// --yes (the prompt is still printed on w), on a terminal the person's
// answer, and otherwise no, with a sentence naming what the plugin asks
// for.
func installApprover(stdio IO, w io.Writer, yes bool) manager.Approver {
	return manager.ApproverFunc(func(ctx context.Context, p manager.Prompt) (bool, error) {
		if yes {
			printPrompt(w, p)
			return true, nil
		}
		f, ok := stdio.In.(*os.File)
		if !ok || !term.IsTerminal(int(f.Fd())) {
			return false, refusal(p)
		}
		printPrompt(stdio.Err, p)
		fmt.Fprint(stdio.Err, "Install? [y/N]: ")
		line, _ := bufio.NewReader(f).ReadString('\n')
		a := strings.ToLower(strings.TrimSpace(line))
		return a == "y" || a == "yes", nil
	})
}

// refusal is the sentence of an install refused for want of an answer.
func refusal(p manager.Prompt) error {
	asks := "asks for " + capabilityList(p.Capabilities)
	if p.Update && p.Wider {
		asks = "asks for more than you granted: " + changeList(p.Diff)
	}
	return fmt.Errorf("%s %s %s; run hearth plugins install in a terminal to answer, or add --yes to accept", p.ID, p.Version, asks)
}

// printPrompt shows what a plugin asks for.
func printPrompt(w io.Writer, p manager.Prompt) {
	fmt.Fprintf(w, "Plugin %s %s, %q by %s (%s)\n", p.ID, p.Version, p.Name, p.Author, p.License)
	if p.Description != "" {
		fmt.Fprintf(w, "  %s\n", firstLine(p.Description))
	}
	switch {
	case p.Unsigned:
		fmt.Fprintf(w, "  %s: nobody vouches for this code\n", strings.ToUpper(manager.UnsignedLabel))
	case p.NewKey:
		fmt.Fprintf(w, "  signed by key %s, new: accepting pins it, and updates must be signed by it\n", p.KeyID)
	default:
		fmt.Fprintf(w, "  signed by key %s, the one you accepted before\n", p.KeyID)
	}
	if p.Update {
		fmt.Fprintf(w, "  update from %s\n", p.FromVersion)
		for _, ch := range p.Diff {
			fmt.Fprintf(w, "    %s\n", changeLine(ch))
		}
	}
	fmt.Fprintf(w, "  may: %s\n", capabilityList(p.Capabilities))
	for _, c := range p.Capabilities {
		fmt.Fprintf(w, "    %s: %s\n", capabilityName(c), firstLine(c.Reason))
	}
	for _, t := range p.Tools {
		fmt.Fprintf(w, "  tool %-28s %s\n", t.Name, firstLine(t.Description))
	}
}

// capabilityList names capabilities, with their hosts.
func capabilityList(cs []manifest.Capability) string {
	if len(cs) == 0 {
		return "no capabilities (it computes only)"
	}
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = capabilityName(c)
	}
	return strings.Join(names, ", ")
}

// capabilityName is a capability with its hosts, as in "net:fetch
// (example.com)".
func capabilityName(c manifest.Capability) string {
	if len(c.Hosts) == 0 {
		return c.Name
	}
	return c.Name + " (" + strings.Join(c.Hosts, ", ") + ")"
}

// changeList names the widening changes of a diff.
func changeList(diff []manifest.Change) string {
	var out []string
	for _, ch := range diff {
		if ch.Kind != "removed" {
			out = append(out, changeLine(ch))
		}
	}
	return strings.Join(out, ", ")
}

// changeLine shows one change of an update.
func changeLine(ch manifest.Change) string {
	switch ch.Kind {
	case "added":
		return "+ " + capabilityName(manifest.Capability{Name: ch.Capability, Hosts: ch.Hosts})
	case "removed":
		return "- " + ch.Capability
	}
	return "+ " + ch.Capability + " hosts " + strings.Join(ch.Hosts, ", ")
}
