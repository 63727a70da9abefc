package preview

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"testing"
	"time"
)

// serveForTest runs Serve on a loopback port until the test ends.
func serveForTest(t *testing.T, s *Server) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- Serve(ctx, ln, s.Handler()) }()
	t.Cleanup(func() {
		cancel()
		if err := <-errc; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return ln.Addr().String()
}

// keepAlive opens a connection, gets one page over it and leaves it open.
func keepAlive(t *testing.T, addr string) (net.Conn, *bufio.Reader) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if _, err := io.WriteString(c, "GET /style.css HTTP/1.1\r\nHost: "+addr+"\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return c, br
}

// closedByServer reports whether the server closed c: a read ends with EOF
// (or a reset) rather than the read deadline.
func closedByServer(c net.Conn, br *bufio.Reader, wait time.Duration) bool {
	c.SetReadDeadline(time.Now().Add(wait))
	_, err := br.ReadByte()
	return err != nil && !errors.Is(err, os.ErrDeadlineExceeded)
}

func setLimits(t *testing.T, idle time.Duration, conns int) {
	oldIdle, oldConns := idleTimeout, maxConns
	idleTimeout, maxConns = idle, conns
	t.Cleanup(func() { idleTimeout, maxConns = oldIdle, oldConns })
}

// An idle keep-alive connection is closed after idleTimeout (issue 24:
// they were kept forever, and about 20,000 exhausted the descriptors).
func TestIdleConnectionClosed(t *testing.T) {
	setLimits(t, 200*time.Millisecond, 256)
	s := New(site(t))
	s.Published("b1", nil)
	addr := serveForTest(t, s)
	c, br := keepAlive(t, addr)
	if !closedByServer(c, br, waitLimit) {
		t.Fatal("an idle keep-alive connection is still open")
	}
}

// A connection that never sends its request headers is closed too.
func TestSilentConnectionClosed(t *testing.T) {
	old := headerTimeout
	headerTimeout = 200 * time.Millisecond
	t.Cleanup(func() { headerTimeout = old })
	s := New(site(t))
	addr := serveForTest(t, s)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	io.WriteString(c, "GET / HTTP/1.1\r\n") // and then nothing
	if !closedByServer(c, bufio.NewReader(c), waitLimit) {
		t.Fatal("a connection without request headers is still open")
	}
}

// Over maxConns, idle connections are closed to make room (the oldest
// idle first), and a new client is still served.
func TestConnectionsCapped(t *testing.T) {
	setLimits(t, time.Hour, 4)
	s := New(site(t))
	s.Published("b1", nil)
	addr := serveForTest(t, s)
	type kept struct {
		c  net.Conn
		br *bufio.Reader
	}
	var idle []kept
	for range 10 {
		c, br := keepAlive(t, addr)
		idle = append(idle, kept{c, br})
	}
	resp, err := http.Get("http://" + addr + "/")
	if err != nil {
		t.Fatalf("a new client after 10 idle connections: %v", err)
	}
	resp.Body.Close()
	// Each connection over the limit closed one idle connection when it
	// arrived, so the closed ones read EOF at once; a connection counts
	// as idle only once its response is written, so which ones went
	// depends on the moment: 11 connections, 4 kept.
	closed := 0
	for _, k := range idle {
		if closedByServer(k.c, k.br, 500*time.Millisecond) {
			closed++
		}
	}
	if closed < 6 {
		t.Errorf("%d of 10 idle connections closed, want at least 6", closed)
	}
}

// An event stream is a request in progress: the idle timeout does not
// end it, and pings keep flowing past it.
func TestEventsSurviveIdleTimeout(t *testing.T) {
	setLimits(t, 100*time.Millisecond, 256)
	s := New(site(t))
	s.ping = 50 * time.Millisecond
	s.Published("b1", nil)
	addr := serveForTest(t, s)
	c := connect(t, "http://"+addr)
	c.next()
	for pings := 0; pings < 10; {
		ev := <-c.events
		if ev.name == "" {
			t.Fatalf("stream closed after %d pings", pings)
		}
		if ev.name == "ping" {
			pings++
		}
	}
}
