package main

import (
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/jifen-dev/jifen/internal/preview"
)

// TestServeAllowsItsAddrHost: the preview answers the host --addr names,
// and this computer's name only when it listens on every interface
// (issue 14 F6).
func TestServeAllowsItsAddrHost(t *testing.T) {
	hostname, _ := os.Hostname()
	for _, tt := range []struct {
		addr  string
		bound net.IP
		host  string
		ok    bool
	}{
		{"jifen-pc:8080", net.IPv4(127, 0, 0, 1), "jifen-pc", true},
		{"127.0.0.1:8080", net.IPv4(127, 0, 0, 1), "jifen-pc", false},
		{"127.0.0.1:8080", net.IPv4(127, 0, 0, 1), hostname, false},
		{"0.0.0.0:8080", net.IPv4zero, hostname, true},
		{"0.0.0.0:8080", net.IPv4zero, "evil.example", false},
	} {
		srv := preview.New(t.TempDir())
		allowHosts(srv, tt.addr, &net.TCPAddr{IP: tt.bound, Port: 8080})
		ts := httptest.NewServer(srv.Handler())
		req, _ := http.NewRequest("HEAD", ts.URL+"/", nil)
		req.Host = tt.host + ":8080"
		resp, err := http.DefaultClient.Do(req)
		ts.Close()
		if err != nil {
			t.Fatal(err)
		}
		if got := resp.StatusCode != http.StatusForbidden; got != tt.ok && !(tt.host == "" || strings.Contains(tt.host, "localhost")) {
			t.Errorf("--addr %s, Host %s: status %d, want answered = %v", tt.addr, tt.host, resp.StatusCode, tt.ok)
		}
	}
}
