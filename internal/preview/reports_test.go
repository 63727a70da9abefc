package preview

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The committee tree, drafts included, is shown at /reports/ to browsers
// on this computer only; any other client gets 404 there (SPEC §8).
func TestReportsOnlyOnThisComputer(t *testing.T) {
	reports := t.TempDir()
	for name, body := range map[string]string{
		"2025/index.html":          "<html><head><title>2025 工作台</title></head><body>建议等次</body></html>",
		"2026/index.html":          "<html><head><title>2026 工作台</title></head><body>建议等次</body></html>",
		"2026/draft/q3/index.html": "<html><head><title>草稿</title></head><body>未公示草稿</body></html>",
		"2026/draft/q3/notice.pdf": "%PDF-1.4 draft",
		"findings.txt":             "x",
	} {
		p := filepath.Join(reports, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := New(site(t))
	s.ShowReports(reports)
	get := func(remote, p string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", p, nil)
		r.RemoteAddr, r.Host = remote, "127.0.0.1:8080"
		w := httptest.NewRecorder()
		s.Handler().ServeHTTP(w, r)
		return w
	}
	for _, tc := range []struct {
		path   string
		status int
		body   string
	}{
		{"/reports/2026/", 200, "建议等次"},
		{"/reports/2026/draft/q3/", 200, "未公示草稿"},
		{"/reports/2026/draft/q3/notice.pdf", 200, "%PDF-1.4 draft"},
		{"/reports/2026", 301, ""},
		{"/reports/", 302, ""}, // to the newest year's working page
		{"/reports/2027/", 404, ""},
		{"/reports/../index.html", 404, ""},
	} {
		w := get("127.0.0.1:5000", tc.path)
		if w.Code != tc.status || !strings.Contains(w.Body.String(), tc.body) {
			t.Errorf("local GET %s = %d %.80q, want %d with %q", tc.path, w.Code, w.Body.String(), tc.status, tc.body)
		}
		if w := get("192.0.2.7:5000", tc.path); w.Code != http.StatusNotFound || strings.Contains(w.Body.String(), "建议等次") {
			t.Errorf("remote GET %s = %d, want 404", tc.path, w.Code)
		}
	}
	if w := get("127.0.0.1:5000", "/reports/"); w.Header().Get("Location") != "/reports/2026/" {
		t.Errorf("/reports/ redirects to %q, want /reports/2026/", w.Header().Get("Location"))
	}
	// The public site is served to everybody, as before.
	if w := get("192.0.2.7:5000", "/"); w.Code != 200 {
		t.Errorf("remote GET / = %d", w.Code)
	}
	// Without a committee tree, /reports/ is just another missing page.
	bare := New(site(t))
	r := httptest.NewRequest("GET", "/reports/2026/", nil)
	r.RemoteAddr, r.Host = "127.0.0.1:5000", "127.0.0.1:8080"
	w := httptest.NewRecorder()
	bare.Handler().ServeHTTP(w, r)
	if w.Code != http.StatusNotFound {
		t.Errorf("GET /reports/ without a committee tree = %d, want 404", w.Code)
	}
}
