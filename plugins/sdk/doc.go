// Package sdk is the guest side of Hearth's plugin ABI (plugins/ABI.md) for
// plugins written in Go.
//
// A plugin is a WASI reactor built with
//
//	GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared -o plugin.wasm .
//
// It registers its tools from init (in a c-shared build Go runs init when
// the host calls _initialize; main is never called, but package main still
// needs one):
//
//	func init() {
//		sdk.Tool("convert", convert)
//	}
//
//	func convert(args json.RawMessage) (sdk.Result, error) {
//		var in struct{ Value float64 `json:"value"` }
//		if err := json.Unmarshal(args, &in); err != nil {
//			return sdk.Result{}, err
//		}
//		return sdk.Result{Text: fmt.Sprint(in.Value * 2)}, nil
//	}
//
//	func main() {}
//
// A tool that returns an error answers with is_error set and the error's
// text, which the model and the user see; a tool that panics answers the
// same way instead of crashing the plugin.
//
// The functions that reach the host (SearchMemory, WriteMemory, Fetch,
// Generate, Notify, Secret, SetSecret, DeleteSecret, PickFile) each need the
// capability the manifest asks for and the user granted; without it they
// return an error that matches ErrPermissionDenied. Log writes to the
// plugin's log, which the user can read in Hearth.
//
// The sandbox has no real clock and no real randomness: time.Now reads a
// fake clock that starts at a fixed date, and crypto/rand returns the same
// bytes in every instance. Do not generate keys, nonces or tokens in a
// plugin; keep what must stay secret with SetSecret.
//
// Only the files that import and export WebAssembly functions are built
// for wasip1 alone; on any other platform the package compiles, its host
// functions fail with ErrNotInHost, and tools can be unit-tested by calling
// them directly.
package sdk
