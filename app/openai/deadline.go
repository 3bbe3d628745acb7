package openai

import (
	"net/http"
	"time"
)

// deadlineWriter gives every write to the client its own deadline. A
// deadline for the whole answer (http.Server.WriteTimeout) would cut a long
// streamed answer that the client reads happily; a deadline per write only
// drops a client that stops reading while the answer is still coming.
type deadlineWriter struct {
	http.ResponseWriter
	rc      *http.ResponseController
	timeout time.Duration
}

func newDeadlineWriter(w http.ResponseWriter, timeout time.Duration) *deadlineWriter {
	d := &deadlineWriter{ResponseWriter: w, rc: http.NewResponseController(w), timeout: timeout}
	d.rc.SetWriteDeadline(time.Time{}) // none left over from an earlier request on the connection
	return d
}

func (d *deadlineWriter) extend() { d.rc.SetWriteDeadline(time.Now().Add(d.timeout)) }

// WriteHeader sends the status line and headers, within the deadline.
func (d *deadlineWriter) WriteHeader(status int) {
	d.extend()
	d.ResponseWriter.WriteHeader(status)
}

// Write writes to the client within the deadline.
func (d *deadlineWriter) Write(p []byte) (int, error) {
	d.extend()
	return d.ResponseWriter.Write(p)
}

// Flush sends what is buffered within the deadline.
func (d *deadlineWriter) Flush() {
	d.extend()
	d.rc.Flush()
}

// Unwrap lets http.ResponseController reach the connection.
func (d *deadlineWriter) Unwrap() http.ResponseWriter { return d.ResponseWriter }
