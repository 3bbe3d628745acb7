//go:build wasip1

package sdk

import (
	"encoding/json"
	"unsafe"
)

// inbound holds the buffers the host asked for with hearth_alloc until the
// call that reads them; outbound holds the last answer until the host has
// copied it (the host copies before it calls again).
var (
	inbound  [][]byte
	outbound []byte
)

//go:wasmexport hearth_api_version
func hearthAPIVersion() int32 { return APIVersion }

//go:wasmexport hearth_alloc
func hearthAlloc(size int32) int32 {
	if size <= 0 {
		return 0
	}
	buf := make([]byte, size)
	inbound = append(inbound, buf)
	return int32(uintptr(unsafe.Pointer(unsafe.SliceData(buf))))
}

//go:wasmexport hearth_call
func hearthCall(namePtr, nameLen, argsPtr, argsLen int32) int64 {
	name := string(takeInbound(namePtr, nameLen))
	args := json.RawMessage(takeInbound(argsPtr, argsLen))
	inbound = nil
	outbound = runTool(name, args)
	if len(outbound) == 0 {
		return 0
	}
	ptr := uintptr(unsafe.Pointer(unsafe.SliceData(outbound)))
	return int64(ptr)<<32 | int64(len(outbound))
}

// takeInbound finds the buffer the host wrote at ptr; a pointer that is
// not one of ours reads as empty.
func takeInbound(ptr, n int32) []byte {
	for _, buf := range inbound {
		if int32(uintptr(unsafe.Pointer(unsafe.SliceData(buf)))) == ptr && n >= 0 && int(n) <= len(buf) {
			return buf[:n]
		}
	}
	return nil
}

//go:wasmimport hearth log
func importLog(ptr unsafe.Pointer, n uint32)

//go:wasmimport hearth take
func importTake(ptr unsafe.Pointer, n uint32) uint32

//go:wasmimport hearth memory_search
func importMemorySearch(ptr unsafe.Pointer, n uint32) uint64

//go:wasmimport hearth memory_write
func importMemoryWrite(ptr unsafe.Pointer, n uint32) uint64

//go:wasmimport hearth net_fetch
func importNetFetch(ptr unsafe.Pointer, n uint32) uint64

//go:wasmimport hearth llm_generate
func importGenerate(ptr unsafe.Pointer, n uint32) uint64

//go:wasmimport hearth notify
func importNotify(ptr unsafe.Pointer, n uint32) uint64

//go:wasmimport hearth secret_get
func importSecretGet(ptr unsafe.Pointer, n uint32) uint64

//go:wasmimport hearth secret_set
func importSecretSet(ptr unsafe.Pointer, n uint32) uint64

//go:wasmimport hearth secret_delete
func importSecretDelete(ptr unsafe.Pointer, n uint32) uint64

//go:wasmimport hearth files_pick
func importFilesPick(ptr unsafe.Pointer, n uint32) uint64

// hostFunctions are the imports of module hearth that answer with JSON.
var hostFunctions = map[string]func(unsafe.Pointer, uint32) uint64{
	"memory_search": importMemorySearch,
	"memory_write":  importMemoryWrite,
	"net_fetch":     importNetFetch,
	"llm_generate":  importGenerate,
	"notify":        importNotify,
	"secret_get":    importSecretGet,
	"secret_set":    importSecretSet,
	"secret_delete": importSecretDelete,
	"files_pick":    importFilesPick,
}

// hostCall calls a host function with a request and takes its answer.
func hostCall(function string, request []byte) (status uint32, answer []byte) {
	packed := hostFunctions[function](unsafe.Pointer(unsafe.SliceData(request)), uint32(len(request)))
	status, n := uint32(packed>>32), uint32(packed)
	answer = make([]byte, n)
	if n > 0 {
		answer = answer[:importTake(unsafe.Pointer(unsafe.SliceData(answer)), n)]
	}
	return status, answer
}

func hostLog(text string) {
	if text == "" {
		return
	}
	importLog(unsafe.Pointer(unsafe.StringData(text)), uint32(len(text)))
}
