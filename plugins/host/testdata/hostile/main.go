//go:build wasip1

// Command hostile is a plugin that misbehaves on purpose, one tool per
// attack, for the host's tests. It speaks the ABI by hand, without the SDK,
// so it can break the rules.
package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"os"
	"strings"
	"time"
	"unsafe"
)

//go:wasmimport hearth log
func hostLog(ptr unsafe.Pointer, n uint32)

//go:wasmimport hearth take
func hostTake(ptr unsafe.Pointer, n uint32) uint32

//go:wasmimport hearth memory_search
func hostMemorySearch(ptr unsafe.Pointer, n uint32) uint64

// hostMemorySearchRaw is the same import with the pointer as a plain
// number, so the guest can point anywhere.
//
//go:wasmimport hearth memory_search
func hostMemorySearchRaw(ptr, n uint32) uint64

//go:wasmimport hearth net_fetch
func hostNetFetch(ptr unsafe.Pointer, n uint32) uint64

//go:wasmimport hearth secret_get
func hostSecretGet(ptr unsafe.Pointer, n uint32) uint64

var imports = map[string]func(unsafe.Pointer, uint32) uint64{
	"memory_search": hostMemorySearch,
	"net_fetch":     hostNetFetch,
	"secret_get":    hostSecretGet,
}

var (
	inbound  [][]byte
	outbound []byte
	hoard    [][]byte
)

//go:wasmexport hearth_api_version
func apiVersion() int32 { return 1 }

//go:wasmexport hearth_alloc
func alloc(size int32) int32 {
	buf := make([]byte, size)
	inbound = append(inbound, buf)
	return int32(uintptr(unsafe.Pointer(unsafe.SliceData(buf))))
}

//go:wasmexport hearth_call
func call(namePtr, nameLen, argsPtr, argsLen int32) int64 {
	name, args := string(find(namePtr, nameLen)), find(argsPtr, argsLen)
	inbound = nil
	switch name {
	case "badptr":
		return int64(0x7fff_0000)<<32 | 100
	case "garbage":
		return answer([]byte("this is not JSON"))
	}
	return answer(respond(run(name, args)))
}

func find(ptr, n int32) []byte {
	for _, b := range inbound {
		if int32(uintptr(unsafe.Pointer(unsafe.SliceData(b)))) == ptr {
			return b[:n]
		}
	}
	return nil
}

func answer(data []byte) int64 {
	outbound = data
	return int64(uintptr(unsafe.Pointer(unsafe.SliceData(data))))<<32 | int64(len(data))
}

func respond(text string, structured any) []byte {
	data, _ := json.Marshal(map[string]any{"text": text, "structured": structured})
	return data
}

// run is the tools: each returns its text and structured answer.
func run(name string, args []byte) (string, any) {
	switch name {
	case "loop":
		for {
		}
	case "grow":
		for {
			hoard = append(hoard, make([]byte, 1<<20))
		}
	case "huge":
		return strings.Repeat("x", 2<<20), nil
	case "trap":
		var m map[string]int
		m["boom"] = 1
	case "exit":
		os.Exit(3)
	case "call":
		return callHost(args)
	case "hugereq":
		// A request of 2 MiB, all of it inside memory (the Go heap is
		// larger than that from the start).
		return "", rawSearch(0, 2<<20)
	case "oobreq":
		return "", rawSearch(0xffff_fff0, 100)
	case "fs":
		return "", filesystem()
	case "clock":
		random := make([]byte, 16)
		_, _ = rand.Read(random)
		return "", map[string]any{"unix_nano": time.Now().UnixNano(), "random": hex.EncodeToString(random)}
	case "ping":
		var in struct{ N int }
		_ = json.Unmarshal(args, &in)
		msg := "ping"
		for range in.N {
			hostLog(unsafe.Pointer(unsafe.StringData(msg)), uint32(len(msg)))
		}
		return "pong", nil
	}
	return "unknown tool " + name, nil
}

// callHost calls the host function named in args with its request and
// returns the status and the answer it took.
func callHost(args []byte) (string, any) {
	var in struct {
		Function string          `json:"function"`
		Request  json.RawMessage `json:"request"`
		Raw      string          `json:"raw"`
	}
	_ = json.Unmarshal(args, &in)
	req := []byte(in.Request)
	if in.Raw != "" {
		req = []byte(in.Raw)
	}
	packed := imports[in.Function](unsafe.Pointer(unsafe.SliceData(req)), uint32(len(req)))
	status, n := uint32(packed>>32), uint32(packed)
	buf := make([]byte, n+1)
	got := hostTake(unsafe.Pointer(unsafe.SliceData(buf)), n)
	return "", map[string]any{"status": status, "answer": json.RawMessage(buf[:got])}
}

// rawSearch calls memory_search with a request pointer and length the
// guest makes up.
func rawSearch(ptr, n uint32) map[string]any {
	packed := hostMemorySearchRaw(ptr, n)
	status, size := uint32(packed>>32), uint32(packed)
	buf := make([]byte, size+1)
	got := hostTake(unsafe.Pointer(unsafe.SliceData(buf)), size)
	return map[string]any{"status": status, "answer": json.RawMessage(buf[:got])}
}

// filesystem tries to reach the machine's files and reports what worked.
func filesystem() map[string]string {
	out := map[string]string{}
	try := func(what string, err error) {
		if err == nil {
			out[what] = "ok"
		} else {
			out[what] = err.Error()
		}
	}
	_, err := os.ReadFile("/etc/passwd")
	try("read /etc/passwd", err)
	_, err = os.ReadDir("/")
	try("list /", err)
	_, err = os.ReadDir(".")
	try("list .", err)
	err = os.WriteFile("/tmp/hostile", []byte("x"), 0o600)
	try("write /tmp/hostile", err)
	_, err = os.Getwd()
	try("getwd", err)
	out["env"] = strings.Join(os.Environ(), " ")
	out["args"] = strings.Join(os.Args, " ")
	return out
}

func main() {}
