package openai

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

// decodeAll runs decodeStream over s and returns the text and what the
// stream said by its end.
func decodeAll(s string) (string, *streamEnd, error) {
	var sb strings.Builder
	end, err := decodeStream(strings.NewReader(s), func(p string) error { sb.WriteString(p); return nil }, nil)
	return sb.String(), end, err
}

func TestDecodeStream(t *testing.T) {
	tests := []struct {
		name, in, text, finish string
		done                   bool
		prompt, completion     int
	}{
		{"chat", "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"}}]}\n\n" +
			"data: {\"choices\":[{\"delta\":{\"content\":\"lo\"},\"finish_reason\":null}]}\n\n" +
			"data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n" +
			"data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}\n\ndata: [DONE]\n\n",
			"Hello", "stop", true, 3, 2},
		{"text completion", "data: {\"choices\":[{\"text\":\"Once\"}]}\n\ndata: {\"choices\":[{\"text\":\" upon\",\"finish_reason\":\"length\"}]}\n\ndata: [DONE]\n\n",
			"Once upon", "length", true, 0, 0},
		{"crlf, comments and other fields", ": keep-alive\r\nevent: message\r\nid: 7\r\ndata: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\r\n\r\ndata: [DONE]\r\n\r\n",
			"a", "", true, 0, 0},
		{"data on two lines", "data: {\"choices\":[{\"delta\":\ndata: {\"content\":\"x\"}}]}\n\ndata: [DONE]\n\n", "x", "", true, 0, 0},
		{"other choices ignored", "data: {\"choices\":[{\"index\":1,\"delta\":{\"content\":\"no\"}},{\"index\":0,\"delta\":{\"content\":\"yes\"}}]}\n\n", "yes", "", false, 0, 0},
		{"ends without done", "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n", "a", "", false, 0, 0},
		{"event cut off by the end is dropped", "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"b\"}}]}\n", "a", "", false, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, end, err := decodeAll(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if text != tt.text || end.finish != tt.finish || end.done != tt.done || end.promptTokens != tt.prompt || end.completionTokens != tt.completion {
				t.Errorf("text %q finish %q done %v usage %d/%d", text, end.finish, end.done, end.promptTokens, end.completionTokens)
			}
		})
	}
}

func TestDecodeStreamRefuses(t *testing.T) {
	long := "data: " + strings.Repeat("x", MaxLine+10) + "\n\n"
	many := strings.Repeat("data: "+strings.Repeat("y", 1000)+"\n", MaxEvent/1000+2) + "\n"
	tests := []struct {
		name, in string
		want     error
	}{
		{"a line too long", long, errLineTooLong},
		{"an event too large", many, errEventTooLong},
		{"not JSON", "data: hello\n\n", errMalformed},
		{"too many tool calls", toolStream(65), errTooManyCalls},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, _, err := decodeAll(tt.in); !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
		})
	}
	_, _, err := decodeAll("data: {\"error\":{\"message\":\"model crashed\\nbadly\"}}\n\n")
	var sf *streamFailure
	if !errors.As(err, &sf) || sf.msg != "model crashed badly" {
		t.Errorf("an error event gave %v", err)
	}
}

// toolStream is a stream of n tool calls, one per event.
func toolStream(n int) string {
	var sb strings.Builder
	for i := range n {
		sb.WriteString("data: {\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":" + strconv.Itoa(i) + ",\"id\":\"c" + strconv.Itoa(i) + "\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}}]}\n\n")
	}
	return sb.String() + "data: [DONE]\n\n"
}

func TestToolCallsFromDeltas(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // name + " " + arguments of each call
	}{
		{"OpenAI: id and name first, arguments in pieces",
			`{"choices":[{"delta":{"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"get_weather","arguments":""}}]}}]}` + "\n" +
				`{"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\": "}}]}}]}` + "\n" +
				`{"choices":[{"delta":{"tool_calls":[{"index":1,"id":"call_b","function":{"name":"get_time","arguments":"{}"}}]}}]}` + "\n" +
				`{"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]}}]}`,
			[]string{`get_weather {"city": "Paris"}`, `get_time {}`}},
		{"whole calls in chunks of their own, numbered alike",
			`{"choices":[{"delta":{"tool_calls":[{"index":0,"id":"call_1","function":{"name":"a","arguments":"{\"x\":1}"}}]}}]}` + "\n" +
				`{"choices":[{"delta":{"tool_calls":[{"index":0,"id":"call_2","function":{"name":"b","arguments":"{\"y\":2}"}}]}}]}`,
			[]string{`a {"x":1}`, `b {"y":2}`}},
		{"no index, name repeated, no arguments",
			`{"choices":[{"delta":{"tool_calls":[{"id":"c","function":{"name":"ping"}}]}}]}` + "\n" +
				`{"choices":[{"delta":{"tool_calls":[{"function":{"name":"ping","arguments":""}}]}}]}`,
			[]string{`ping {}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var in strings.Builder
			for _, l := range strings.Split(tt.in, "\n") {
				in.WriteString("data: " + l + "\n\n")
			}
			_, end, err := decodeAll(in.String() + "data: [DONE]\n\n")
			if err != nil {
				t.Fatal(err)
			}
			calls, err := end.calls.finish()
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range calls {
				got = append(got, c.Name+" "+string(c.Arguments))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("calls %q, want %q", got, tt.want)
			}
		})
	}
	for _, bad := range []string{
		`{"choices":[{"delta":{"tool_calls":[{"index":0,"id":"c","function":{"name":"f","arguments":"{\"x\": "}}]}}]}`,
		`{"choices":[{"delta":{"tool_calls":[{"index":0,"id":"c","function":{"name":"f","arguments":"[1]"}}]}}]}`,
		`{"choices":[{"delta":{"tool_calls":[{"index":0,"id":"c","function":{"arguments":"{}"}}]}}]}`,
	} {
		_, end, err := decodeAll("data: " + bad + "\n\ndata: [DONE]\n\n")
		if err != nil {
			t.Fatal(err)
		}
		if calls, err := end.calls.finish(); err == nil {
			t.Errorf("%s: accepted as %+v", bad, calls)
		}
	}
}

// FuzzDecodeStream: whatever a server sends, decoding ends with text,
// calls or an error, within the bounds, and never panics.
func FuzzDecodeStream(f *testing.F) {
	f.Add("data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n")
	f.Add(toolStream(2))
	f.Add("data: {\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"a\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"\"}}]}}]}\n\n")
	f.Add("data: {\"error\":\"boom\"}\n\n")
	f.Add(": comment\r\ndata:x\r\ndata\r\n\r\n")
	f.Add("data: {\"choices\":[{\"text\":\"a\"}],\"usage\":{\"prompt_tokens\":-1}}\n\n")
	f.Fuzz(func(t *testing.T, s string) {
		var n int
		end, err := decodeStream(strings.NewReader(s), func(p string) error { n += len(p); return nil }, nil)
		if n > len(s) {
			t.Fatalf("%d bytes of text from %d bytes of stream", n, len(s))
		}
		if err == nil {
			calls, _ := end.calls.finish()
			if len(calls) > maxToolCalls {
				t.Fatalf("%d calls", len(calls))
			}
		}
	})
}
