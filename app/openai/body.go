package openai

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// decode reads a JSON request body into v within the read timeout,
// answering 413, 408 or 400 when it cannot. The deadline is the body's
// alone: net/http clears it once the body is read, when it starts watching
// for the client going away (TestLongStreamOutlivesTimeouts).
func (s *Server) decode(w http.ResponseWriter, r *http.Request, v any) bool {
	rc := http.NewResponseController(w)
	rc.SetReadDeadline(time.Now().Add(s.limits.ReadTimeout))
	b, err := io.ReadAll(r.Body)
	if err != nil {
		w.Header().Set("Connection", "close") // the rest of the body is not worth waiting for
	}
	var tooBig *http.MaxBytesError
	var netErr net.Error
	switch {
	case errors.As(err, &tooBig):
		tooLarge(w, s.limits.MaxBody)
		return false
	case errors.As(err, &netErr) && netErr.Timeout():
		writeError(w, http.StatusRequestTimeout, "invalid_request_error", "", "The request body did not arrive in time.")
		return false
	case err != nil:
		badRequest(w, "The request body could not be read.")
		return false
	}
	if err := json.Unmarshal(b, v); err != nil {
		badRequest(w, "The request body is not valid JSON for this endpoint: "+err.Error())
		return false
	}
	return true
}

// tooLarge answers 413 for a body over max bytes.
func tooLarge(w http.ResponseWriter, max int64) {
	w.Header().Set("Connection", "close")
	writeError(w, http.StatusRequestEntityTooLarge, "invalid_request_error", "request_too_large",
		fmt.Sprintf("The request body is larger than Hearth's limit of %d bytes.", max))
}
