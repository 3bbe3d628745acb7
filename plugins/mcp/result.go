package mcp

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hearth-app/hearth/plugins/tool"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// toResult turns a CallToolResult into the registry's Result: text content
// joined, other content described, structuredContent kept as JSON, and
// everything cut to max bytes.
func toResult(r *sdk.CallToolResult, max int) tool.Result {
	raw, _ := json.Marshal(r)
	out := tool.Result{IsError: r.IsError, Size: len(raw)}
	var sb strings.Builder
	for i, c := range r.Content {
		if i > 0 {
			sb.WriteByte('\n')
		}
		sb.WriteString(describe(c))
	}
	out.Text = sb.String()
	if len(out.Text) > max {
		out.Text, out.Truncated = cutUTF8(out.Text, max)+"\n[… cut: the result was too long]", true
	}
	if r.StructuredContent != nil {
		s, err := json.Marshal(r.StructuredContent)
		if err == nil && len(s) <= max {
			out.Structured = s
		} else {
			out.Truncated = true
		}
	}
	return out
}

// describe renders one content block as text.
func describe(c sdk.Content) string {
	switch c := c.(type) {
	case *sdk.TextContent:
		return c.Text
	case *sdk.ImageContent:
		return fmt.Sprintf("[image %s, %d bytes]", c.MIMEType, len(c.Data))
	case *sdk.AudioContent:
		return fmt.Sprintf("[audio %s, %d bytes]", c.MIMEType, len(c.Data))
	case *sdk.ResourceLink:
		return fmt.Sprintf("[resource link %s]", c.URI)
	case *sdk.EmbeddedResource:
		if c.Resource != nil && c.Resource.Text != "" {
			return c.Resource.Text
		}
		if c.Resource != nil {
			return fmt.Sprintf("[resource %s]", c.Resource.URI)
		}
	}
	return "[content]"
}

// cutUTF8 cuts s to at most n bytes without splitting a character.
func cutUTF8(s string, n int) string {
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
