// Package templates holds jifen's default HTML templates, stylesheet and
// small script. They are embedded into the binary so a fresh install needs
// no files; a templates/ folder beside the data folder overrides any of
// them by file name (see internal/render).
package templates

import "embed"

// FS holds the default *.html templates, style.css and filter.js.
//
//go:embed *.html *.css *.js
var FS embed.FS
