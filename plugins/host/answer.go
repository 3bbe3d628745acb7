package host

import "encoding/json"

// Limits on what crosses the boundary between a plugin and the host.
const (
	// requestLimit caps a request a plugin hands a host function, and the
	// arguments the host hands a tool.
	requestLimit = 1 << 20
	// answerLimit caps an answer the host leaves waiting for a plugin.
	answerLimit = 8 << 20
)

// Failure codes of the ABI.
const (
	codePermissionDenied = "permission_denied"
	codeInvalidRequest   = "invalid_request"
	codeTooLarge         = "too_large"
	codeFailed           = "failed"
)

// Statuses in the high 32 bits of a host function's result.
const (
	statusOK     = 0
	statusFailed = 1
)

// hostError is the answer of a host function that failed: one of the ABI's
// codes and one sentence for the plugin (and, through it, the user).
type hostError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func denied(message string) *hostError {
	return &hostError{Code: codePermissionDenied, Message: message}
}

func invalid(message string) *hostError {
	return &hostError{Code: codeInvalidRequest, Message: message}
}

func tooLarge(message string) *hostError {
	return &hostError{Code: codeTooLarge, Message: message}
}

func failed(message string) *hostError {
	return &hostError{Code: codeFailed, Message: message}
}

// encodeAnswer turns a host function's outcome into the status and JSON
// bytes left waiting for the plugin's take.
func encodeAnswer(answer any, herr *hostError) (status uint32, data []byte) {
	if herr == nil {
		data, err := json.Marshal(answer)
		if err != nil {
			herr = failed("the host could not encode its answer")
		} else if len(data) > answerLimit {
			herr = tooLarge("the answer is larger than the host hands to a plugin")
		} else {
			return statusOK, data
		}
	}
	data, _ = json.Marshal(herr) // a struct of two strings always encodes
	return statusFailed, data
}

// packResult packs a status and a length into a host function's i64.
func packResult(status uint32, n int) uint64 {
	return uint64(status)<<32 | uint64(uint32(n))
}
