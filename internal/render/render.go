package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/plan"
	"github.com/jifen-dev/jifen/templates"
	"golang.org/x/sync/errgroup"
)

// Input is everything the pages are made from.
type Input struct {
	Register *model.Register // all years and the Markdown pages
	Results  []*model.Result // one per year, ascending by year
	Findings model.Findings  // of this build (committee page only)
	// Plans are the publication plans of Results, in the same order
	// (plan.Of); nil means every year's plan without drafts. Pages are
	// rendered and documents linked exactly as they say.
	Plans     []*plan.Plan
	Now       time.Time // build time shown in footers
	BuildID   string    // <meta name="jifen-build">, used by the preview server
	Templates string    // override folder ("" = none): its files replace embedded ones by name
	PDFs      bool      // link notice.pdf files (the build writes them)

	yearFormats sync.Map // *model.Result → *yearFormats (formats)
}

// plan is the publication plan of res.
func (in *Input) plan(res *model.Result) *plan.Plan {
	for i, r := range in.Results {
		if r == res && i < len(in.Plans) {
			return in.Plans[i]
		}
	}
	return plan.Of(res, false)
}

// Asset files copied to the root of the public tree.
var assets = []string{"style.css", "filter.js"}

// Public writes the public tree of SPEC §6 into dir (which exists and is
// empty) and returns the number of HTML pages written.
func Public(dir string, in *Input) (int, error) {
	r, err := newRenderer(in)
	if err != nil {
		return 0, err
	}
	for _, name := range assets {
		b, err := fs.ReadFile(r.fsys, name)
		if err != nil {
			return 0, fmt.Errorf("read template %s: %w", name, err)
		}
		if err := writeFile(filepath.Join(dir, name), b); err != nil {
			return 0, err
		}
	}
	pages, err := publicPages(in)
	if err != nil {
		return 0, err
	}
	return r.writeAll(dir, pages)
}

// writeAll makes and writes pages on GOMAXPROCS workers, each page straight
// into its file; html/template executes safely in parallel. The first
// failure cancels the pages not yet started.
func (r *renderer) writeAll(dir string, pages []pageJob) (int, error) {
	var written atomic.Int64
	g, ctx := errgroup.WithContext(context.Background())
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, page := range pages {
		if ctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			buf := buffers.Get().(*bytes.Buffer)
			defer buffers.Put(buf)
			p, err := page()
			if err == nil {
				err = r.render(buf, dir, p)
			}
			if err != nil {
				return err
			}
			written.Add(1)
			return nil
		})
	}
	err := g.Wait()
	r.pages += int(written.Load())
	return r.pages, err
}

// buffers hold the pages being written, one per worker at a time.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Committee writes <year>/index.html, the committee's working page, for
// every year into dir, and the previews of the open quarter its plan lists
// under <year>/draft/, and returns the number of pages written. Each page
// carries its stylesheet inline, so it can be mailed or archived alone.
func Committee(dir string, in *Input) (int, error) {
	r, err := newRenderer(in)
	if err != nil {
		return 0, err
	}
	css, err := fs.ReadFile(r.fsys, "style.css")
	if err != nil {
		return 0, fmt.Errorf("read template style.css: %w", err)
	}
	for _, res := range in.Results {
		for _, p := range append([]*Page{committeePage(in, res)}, draftPages(in, res)...) {
			p.InlineCSS = template.CSS(css)
			if err := r.write(dir, p); err != nil {
				return r.pages, err
			}
		}
	}
	return r.pages, nil
}

type renderer struct {
	in    *Input
	fsys  fs.FS
	tmpl  *template.Template
	pages int
}

func newRenderer(in *Input) (*renderer, error) {
	if in == nil || in.Register == nil {
		return nil, errors.New("render: no register")
	}
	var fsys fs.FS = templates.FS
	if in.Templates != "" {
		fsys = overlayFS{top: os.DirFS(in.Templates), base: templates.FS}
	}
	t, err := template.New("").Funcs(funcs).ParseFS(fsys, "*.html")
	if err != nil {
		return nil, fmt.Errorf("parse templates: %w", err)
	}
	return &renderer{in: in, fsys: fsys, tmpl: t}, nil
}

// write renders one page to dir/p.Path.
func (r *renderer) write(dir string, p *Page) error {
	var buf bytes.Buffer
	if err := r.render(&buf, dir, p); err != nil {
		return err
	}
	r.pages++
	return nil
}

// render executes one page into buf (reset first) and writes it to dir/p.Path.
func (r *renderer) render(buf *bytes.Buffer, dir string, p *Page) error {
	p.BuildID = r.in.BuildID
	p.Generated = r.in.Now.Format("2006年1月2日 15:04")
	p.Root = strings.Repeat("../", strings.Count(p.Path, "/"))
	buf.Reset()
	if err := r.tmpl.ExecuteTemplate(buf, p.Template, p); err != nil {
		return fmt.Errorf("render %s: %w", p.Path, err)
	}
	return writeFile(filepath.Join(dir, filepath.FromSlash(p.Path)), buf.Bytes())
}

func writeFile(name string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, b, 0o644)
}

// overlayFS serves a file from top when it exists there, else from base,
// so a committee can replace one template without copying the others.
// Globbing lists the union of both.
type overlayFS struct{ top, base fs.FS }

func (o overlayFS) Open(name string) (fs.File, error) {
	if f, err := o.top.Open(name); err == nil {
		if st, err := f.Stat(); err == nil && !st.IsDir() {
			return f, nil
		}
		f.Close()
	}
	return o.base.Open(name)
}

func (o overlayFS) Glob(pattern string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	for _, f := range []fs.FS{o.top, o.base} {
		names, err := fs.Glob(f, pattern)
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			if !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	return out, nil
}

// funcs are the few helpers the templates need; data is prepared in Go.
var funcs = template.FuncMap{
	"rel": func(root, p string) string { return root + p },
	"join": func(sep string, s []string) string {
		return strings.Join(s, sep)
	},
	"inc": func(i int) int { return i + 1 },
	// dict passes several values to a shared template: (dict "Root" $.Root "List" .X).
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, fmt.Errorf("dict: odd number of arguments")
		}
		m := make(map[string]any, len(kv)/2)
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
}
