package preview

import (
	"crypto/sha256"
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestSecurityHeaders is issue 14 F6: every answer forbids sniffing,
// framing and referrers; pages carry a CSP that lets run only the site's
// own script files and the injected reload script, by its hash.
func TestSecurityHeaders(t *testing.T) {
	s := New(site(t))
	s.Published("b1", nil)
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	script := reloadScript("b1")
	sum := sha256.Sum256([]byte(strings.TrimSuffix(strings.TrimPrefix(script, "<script>"), "</script>")))
	hash := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	for _, target := range []string{"/", "/style.css", "/2026/q1/notice.pdf", "/missing.html"} {
		resp, err := http.Get(ts.URL + target)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		h := resp.Header
		for k, v := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
			"Referrer-Policy": "no-referrer", "Cross-Origin-Resource-Policy": "same-origin"} {
			if h.Get(k) != v {
				t.Errorf("GET %s: %s = %q, want %q", target, k, h.Get(k), v)
			}
		}
		csp := h.Get("Content-Security-Policy")
		if strings.HasSuffix(target, ".html") || strings.HasSuffix(target, "/") {
			for _, want := range []string{"default-src 'self'", "script-src 'self' " + hash + ";", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"} {
				if !strings.Contains(csp, want) {
					t.Errorf("GET %s: CSP %q lacks %s", target, csp, want)
				}
			}
			if strings.Contains(csp, "unsafe-inline'; img") && strings.Contains(csp, "script-src 'unsafe-inline'") {
				t.Errorf("GET %s: CSP allows inline scripts: %s", target, csp)
			}
		}
	}
}

// TestHostCheck is issue 14 F6: against DNS rebinding, the server answers
// only localhost, IP addresses and the names it was told (the --addr host).
func TestHostCheck(t *testing.T) {
	s := New(site(t))
	s.Published("b1", nil)
	s.AllowHost("jifen-pc")
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	port := ts.URL[strings.LastIndex(ts.URL, ":"):]
	for _, tt := range []struct {
		host string
		ok   bool
	}{
		{"127.0.0.1" + port, true},
		{"localhost" + port, true},
		{"LOCALHOST." + port, true},
		{"[::1]" + port, true},
		{"192.168.1.5" + port, true},
		{"jifen-pc" + port, true},
		{"JIFEN-PC", true},
		{"app.localhost" + port, true},
		{"evil.example" + port, false},
		{"127.0.0.1.nip.io" + port, false},
		{"jifen-pc.evil.example" + port, false},
		{"localhost.evil.example" + port, false},
	} {
		for _, target := range []string{"/", EventsPath} {
			req, _ := http.NewRequest("HEAD", ts.URL+target, nil)
			req.Host = tt.host
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if got := resp.StatusCode != http.StatusForbidden; got != tt.ok {
				t.Errorf("HEAD %s with Host %q: status %d, want answered = %v", target, tt.host, resp.StatusCode, tt.ok)
			}
		}
	}
	if s.hostAllowed("") {
		t.Error("a request without Host answered")
	}
}
