package openai

import (
	"bytes"
	"fmt"
	"net"
	"sync"
	"time"
)

// busyAnswer is what a connection over the cap gets before it is closed.
var busyAnswer = func() []byte {
	body := `{"error":{"message":"Hearth's API has too many open connections; close some or try again shortly.","type":"server_error","param":null,"code":"too_many_connections"}}` + "\n"
	return fmt.Appendf(nil, "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 1\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
}()

// connLimiter is a listener that keeps at most cap connections open. A
// connection over the cap is answered 503 and closed by one of a few
// refusers; when they are all busy it is closed at once.
type connLimiter struct {
	net.Listener
	open     chan struct{} // one token per open connection
	refusers chan struct{} // one token per connection being refused
}

// limitConns wraps l so that at most max connections are open at once.
func limitConns(l net.Listener, max int) net.Listener {
	return &connLimiter{Listener: l, open: make(chan struct{}, max), refusers: make(chan struct{}, 4)}
}

// Accept returns the next connection within the cap.
func (l *connLimiter) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		select {
		case l.open <- struct{}{}:
			return &limitedConn{Conn: c, release: func() { <-l.open }}, nil
		default:
			l.refuse(c)
		}
	}
}

// refuse answers c 503 without holding up Accept.
func (l *connLimiter) refuse(c net.Conn) {
	select {
	case l.refusers <- struct{}{}:
	default:
		c.Close()
		return
	}
	go func() {
		defer func() { <-l.refusers }()
		defer c.Close()
		c.SetDeadline(time.Now().Add(time.Second))
		readHead(c) // so that closing does not reset the connection under the answer
		c.Write(busyAnswer)
	}()
}

// readHead reads from c until the end of a request's headers, 8 KiB, or an
// error (such as the deadline).
func readHead(c net.Conn) {
	buf := make([]byte, 8<<10)
	n := 0
	for n < len(buf) {
		k, err := c.Read(buf[n:])
		n += k
		if err != nil || bytes.Contains(buf[:n], []byte("\r\n\r\n")) {
			return
		}
	}
}

// limitedConn gives its place back when closed.
type limitedConn struct {
	net.Conn
	once    sync.Once
	release func()
}

// Close closes the connection and frees its place under the cap.
func (c *limitedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}
