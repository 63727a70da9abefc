//go:build tools

package tools

import (
	_ "github.com/fsnotify/fsnotify"
	_ "github.com/go-pdf/fpdf"
	_ "github.com/rogpeppe/go-internal/testscript"
	_ "github.com/xuri/excelize/v2"
	_ "github.com/yuin/goldmark"
	_ "golang.org/x/image/font/sfnt"
	_ "golang.org/x/text/unicode/norm"
	_ "github.com/chromedp/chromedp"
)
