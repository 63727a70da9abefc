//go:build unix

package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

var (
	badRows     = flag.Int("badrows", 20000, "rows of TestManyBadRows' bad sheet (the audit of issue 14 used 928000: run with -badrows=928000)")
	badRowsLong = flag.Bool("badrows-long", false, "every bad row quotes the 30,000-character cell, not only the first")
)

// writeBadRows writes a workbook whose 日常登记 sheet has n rows that are
// all wrong (an impossible date, an unknown member and item), with shared
// strings as Excel saves them. The first row's 事由 is a cell of 30,000
// characters; with long, every row's is.
func writeBadRows(path string, n int, long bool) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	parts := map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
		"_rels/.rels":                `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="日常登记" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
		"xl/sharedStrings.xml":       `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9" uniqueCount="9"><si><t>活动日期</t></si><si><t>编号</t></si><si><t>项目编码</t></si><si><t>事由</t></si><si><t>2026-13-45</t></si><si><t>D999</t></si><si><t>B9</t></si><si><t>` + strings.Repeat("长", 30000) + `</t></si><si><t>参加活动</t></si></sst>`,
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml"} {
		w, err := zw.Create(name)
		if err != nil {
			return err
		}
		w.Write([]byte(parts[name]))
	}
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	bw.WriteString(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>`)
	for r := 2; r <= n+1; r++ {
		reason := 8
		if long || r == 2 {
			reason = 7
		}
		fmt.Fprintf(bw, `<row r="%d"><c r="A%d" t="s"><v>4</v></c><c r="B%d" t="s"><v>5</v></c><c r="C%d" t="s"><v>6</v></c><c r="D%d" t="s"><v>%d</v></c></row>`, r, r, r, r, r, reason)
	}
	bw.WriteString(`</sheetData></worksheet>`)
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// TestManyBadRows is issue 14 F2: a sheet of bad rows gives at most
// model.MaxPerSheet findings of a level plus one count, each cell quoted by
// its beginning, in memory that does not grow with the findings. With
// -badrows=928000 (the audit's workbook: 95 s, 7.1 GB, 5.5 M findings,
// 1.3 GB of output) it also holds `check` under 300 MB.
func TestManyBadRows(t *testing.T) {
	root, _ := killFixture(t)
	bad := filepath.Join(root, "data", "2026", "错行.xlsx")
	if err := writeBadRows(bad, *badRows, *badRowsLong); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(bad)
	jifen, _ := killFixtureJifen()
	for _, args := range [][]string{{"check", "--data", "data", "--as-of", "2026-10-10"}, {"check", "--json", "--data", "data", "--as-of", "2026-10-10"}} {
		var stdout, stderr bytes.Buffer
		cmd := killCommand(jifen, root, args...)
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		start := time.Now()
		err := cmd.Run()
		elapsed := time.Since(start)
		if cmd.ProcessState == nil || cmd.ProcessState.ExitCode() != exitData {
			t.Fatalf("%v: %v, want exit 1\n%s", args, err, stderr.String())
		}
		ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		peak := int64(ru.Maxrss) << 10 // kilobytes on Linux
		lines := strings.Count(stdout.String(), "\n")
		mine := strings.Count(stdout.String(), "错行.xlsx")
		t.Logf("%v on %d bad rows (%d KB file): %d lines (%d bytes) of output, %s wall, %.1f s CPU, peak RSS %d MB",
			args[:2], *badRows, fi.Size()>>10, lines, stdout.Len(), elapsed.Round(time.Millisecond),
			time.Duration(ru.Utime.Nano()+ru.Stime.Nano()).Seconds(), peak>>20)
		if mine > 3*100+10 {
			t.Errorf("%d findings about the bad sheet, want at most 100 per level and the counts", mine)
		}
		if strings.Contains(stdout.String(), strings.Repeat("长", 61)) {
			t.Error("a long cell quoted beyond 60 characters")
		}
		if !strings.Contains(stdout.String(), "未列出") {
			t.Error("no count of the findings left out")
		}
		if *badRows >= 900000 && !*badRowsLong && peak > 300<<20 {
			t.Errorf("peak RSS %d MB, want under 300 MB", peak>>20)
		}
	}
}
