package scaffold

import "embed"

// pagesFS holds the demo's Markdown pages (data/pages).
//
//go:embed pages/*.md
var pagesFS embed.FS
