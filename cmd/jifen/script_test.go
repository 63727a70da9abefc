package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("u", false, "update testscript files in place")

// scriptClock is the clock of every jifen a script runs: stopped, so a
// summary line always reads 「用时 0.00 秒」 and documents carry one date.
func scriptClock() time.Time { return time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC) }

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"jifen": func() {
			clock := scriptClock
			if os.Getenv("JIFEN_TEST_REAL_CLOCK") != "" { // kill_test.go tells builds apart by their IDs
				clock = time.Now
			}
			os.Exit(env{stdout: os.Stdout, stderr: os.Stderr, clock: clock}.run(context.Background(), os.Args[1:]))
		},
	})
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"mkxlsx":  cmdMkxlsx,
			"setcell": cmdSetcell,
		},
	})
}

// cmdMkxlsx builds a workbook from a text description, because txtar holds
// text only (STYLE habit 10):
//
//	mkxlsx [-1904] src.txt dst.xlsx
//
// src.txt holds sheets introduced by "## 名称" (or "## hidden 名称"), each
// followed by CSV rows. Cells that parse as numbers are written as numbers
// (as Excel stores them), "@2026-03-05" as a real date serial with a date
// format, and a leading "'" forces text, exactly as typed in Excel.
func cmdMkxlsx(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! mkxlsx")
	}
	date1904 := false
	if len(args) > 0 && args[0] == "-1904" {
		date1904, args = true, args[1:]
	}
	if len(args) != 2 {
		ts.Fatalf("usage: mkxlsx [-1904] src.txt dst.xlsx")
	}
	src := ts.MkAbs(args[0])
	dst := ts.MkAbs(args[1])
	if err := writeBook(src, dst, date1904); err != nil {
		ts.Fatalf("mkxlsx: %v", err)
	}
}

// cmdSetcell types into a workbook, as a secretary following the
// getting-started page does in Excel, and saves it:
//
//	setcell book.xlsx sheet cell value [cell value …]
//
// A value "@2026-03-05" is a date, anything else text.
func cmdSetcell(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 4 || len(args)%2 != 0 {
		ts.Fatalf("usage: setcell book.xlsx sheet cell value [cell value …]")
	}
	f, err := excelize.OpenFile(ts.MkAbs(args[0]))
	if err != nil {
		ts.Fatalf("setcell: %v", err)
	}
	defer f.Close()
	for i := 2; i < len(args); i += 2 {
		ref, v := args[i], args[i+1]
		if d, derr := time.Parse("2006-01-02", strings.TrimPrefix(v, "@")); derr == nil && strings.HasPrefix(v, "@") {
			err = f.SetCellValue(args[1], ref, excelSerial(d, false))
		} else {
			err = f.SetCellStr(args[1], ref, v)
		}
		if err != nil {
			ts.Fatalf("setcell %s!%s: %v", args[1], ref, err)
		}
	}
	if err := f.Save(); err != nil {
		ts.Fatalf("setcell: %v", err)
	}
}

func writeBook(src, dst string, date1904 bool) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	f := excelize.NewFile()
	defer f.Close()
	if date1904 {
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &date1904}); err != nil {
			return err
		}
	}
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: strPtr("yyyy-mm-dd")})
	if err != nil {
		return err
	}
	var sheet string
	row := 0
	first := true
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "## ") {
			name := strings.TrimPrefix(line, "## ")
			hidden := false
			if strings.HasPrefix(name, "hidden ") {
				name, hidden = strings.TrimPrefix(name, "hidden "), true
			}
			if first {
				if err := f.SetSheetName("Sheet1", name); err != nil {
					return err
				}
				first = false
			} else if _, err := f.NewSheet(name); err != nil {
				return err
			}
			if hidden {
				if err := f.SetSheetVisible(name, false); err != nil {
					return err
				}
			}
			sheet, row = name, 0
			continue
		}
		if sheet == "" {
			continue
		}
		row++
		if strings.TrimSpace(line) == "" {
			continue // an empty row in the sheet
		}
		r := csv.NewReader(strings.NewReader(line))
		r.LazyQuotes = true
		cells, err := r.Read()
		if err != nil {
			return fmt.Errorf("%s row %d: %v", sheet, row, err)
		}
		for i, c := range cells {
			ref, _ := excelize.CoordinatesToCellName(i+1, row)
			switch {
			case c == "":
			case strings.HasPrefix(c, "'"):
				err = f.SetCellStr(sheet, ref, c[1:])
			case strings.HasPrefix(c, "@"):
				var d time.Time
				d, err = time.Parse("2006-01-02", c[1:])
				if err == nil {
					serial := excelSerial(d, date1904)
					err = f.SetCellValue(sheet, ref, serial)
					if err == nil {
						err = f.SetCellStyle(sheet, ref, ref, dateStyle)
					}
				}
			default:
				if v, perr := strconv.ParseFloat(c, 64); perr == nil && !strings.ContainsAny(c, "+ ") {
					err = f.SetCellFloat(sheet, ref, v, -1, 64)
				} else {
					err = f.SetCellStr(sheet, ref, c)
				}
			}
			if err != nil {
				return fmt.Errorf("%s!%s: %v", sheet, ref, err)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return f.SaveAs(dst)
}

// excelSerial converts a day to Excel's serial number in either date system.
func excelSerial(d time.Time, date1904 bool) float64 {
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if date1904 {
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return float64(d.Sub(base).Hours() / 24)
}

func strPtr(s string) *string { return &s }
